#pragma once

#include <QHash>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;
class QSettings;
class QStackedWidget;
class QTabWidget;
class QTreeView;

namespace archnest::ui {

class ContainerDetailTab;
class ContainersPage;
class EmptyStateWidget;
class HostsController;
class TerminalTab;

// The top-level window: the host sidebar, the fixed Containers tab plus closable detail tabs, and
// the status bar. Exec terminals open as closable tabs too (never restored at restart). It arranges widgets and
// forwards intent; data lives in the models and the HostsController.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(HostsController *controller, QWidget *parent = nullptr);

    QTreeView *hostTree() const { return m_hostTree; }
    QTabWidget *tabs() const { return m_tabs; }
    EmptyStateWidget *emptyState() const { return m_emptyState; }
    ContainersPage *containersPage() const { return m_page; }
    HostsController *controller() const { return m_controller; }
    QLabel *receiverStatusLabel() const { return m_receiverStatus; }
    QLabel *hostCountLabel() const { return m_hostCount; }

    // Opens (or focuses) the detail tab of one container.
    ContainerDetailTab *openDetail(const QString &host, const QString &ref, const QString &name);
    ContainerDetailTab *detailTab(const QString &host, const QString &ref) const;
    bool closeTab(int index); // false for the fixed Containers tab
    int detailTabCount() const { return int(m_details.size()); }

    // Opens a new exec terminal tab on a running container of a managed host (several may be
    // open for the same container). nullptr, with the reason in the status bar, when it cannot.
    TerminalTab *openTerminal(const QString &host, const QString &ref, const QString &name);
    QList<TerminalTab *> terminalTabs() const;
    // Closes every terminal tab as its close button would (each exec is hung up). For quitting.
    void closeAllTerminals();
    QAction *openTerminalAction() const { return m_openTerminal; }
    QAction *sidebarToggle() const { return m_sidebarToggle; }

    void setReceiverStatus(const QString &text, const QString &tooltip = {});

    // The status bar's progress indicator: determinate for bulk container actions ("Stopping 3
    // of 12…"), busy for refreshes that take a while; Cancel (or Esc while it has focus) cancels.
    QWidget *progressIndicator() const { return m_progressBox; }
    QProgressBar *progressBar() const { return m_progress; }
    QPushButton *progressCancelButton() const { return m_progressCancel; }
    // A refresh shows the busy indicator only when it runs longer than this (no flicker).
    void setRefreshIndicatorDelayMs(int ms);

    // Geometry, splitter and open detail tabs, in the given settings (never the user's in tests).
    void saveState(QSettings &settings) const;
    void restoreState(QSettings &settings);

Q_SIGNALS:
    void addSshHostRequested();
    void addApiHostRequested();
    void addAgentHostRequested();
    void importSshConfigRequested();
    void refreshRequested();
    void settingsRequested();
    void editHostRequested(const QString &host);
    void removeHostRequested(const QString &host);
    // "Trust key…" on a host whose SSH key was rejected this session: ask about it again.
    void trustHostKeyRequested(const QString &host);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createCentralArea();
    void createStatusBar();
    void showAbout();
    void updateEmptyState();
    void onHostSelected();
    void onHostFailed(const QString &host, const QString &message, const QString &code);
    void onHostFailureChanged(const QString &host);
    void showHostMenu(const QPoint &pos);
    void openTerminalForCurrentTab();
    void updateProgress();
    void cancelProgress();

    HostsController *m_controller = nullptr;
    QTreeView *m_hostTree = nullptr;
    QTabWidget *m_tabs = nullptr;
    QStackedWidget *m_containersStack = nullptr;
    EmptyStateWidget *m_emptyState = nullptr;
    ContainersPage *m_page = nullptr;
    QLabel *m_receiverStatus = nullptr;
    QLabel *m_hostCount = nullptr;
    QWidget *m_progressBox = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_progressCancel = nullptr;
    QTimer *m_refreshDelay = nullptr;
    int m_actionDone = 0;
    int m_actionTotal = 0;
    QString m_actionText;
    bool m_cancelling = false;
    QHash<QString, QPointer<ContainerDetailTab>> m_details;
    QSet<QString> m_keyErrorShown;
    QString m_reselectHost; // the selected host while it is being replaced (an edit)

    QAction *m_addSshHost = nullptr;
    QAction *m_addApiHost = nullptr;
    QAction *m_addAgentHost = nullptr;
    QAction *m_importSshConfig = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_settings = nullptr;
    QAction *m_quit = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_closeTab = nullptr;
    QAction *m_openTerminal = nullptr;
    QAction *m_sidebarToggle = nullptr;
};

} // namespace archnest::ui
