#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QTabWidget;
class QTreeWidget;

namespace archnest::ui {

class EmptyStateWidget;

// The top-level window: the host sidebar, the tabbed containers area and the status bar. It
// only arranges widgets and forwards user intent; data and I/O live in archnest_core.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget *parent = nullptr);

    QTreeWidget *hostTree() const { return m_hostTree; }
    QTabWidget *tabs() const { return m_tabs; }
    EmptyStateWidget *emptyState() const { return m_emptyState; }

Q_SIGNALS:
    void addSshHostRequested();
    void addApiHostRequested();
    void addAgentHostRequested();
    void importSshConfigRequested();
    void refreshRequested();
    void settingsRequested();

private:
    void createActions();
    void createMenus();
    void createCentralArea();
    void createStatusBar();
    void showAbout();

    QTreeWidget *m_hostTree = nullptr;
    QTabWidget *m_tabs = nullptr;
    EmptyStateWidget *m_emptyState = nullptr;
    QLabel *m_receiverStatus = nullptr;
    QLabel *m_hostCount = nullptr;

    QAction *m_addSshHost = nullptr;
    QAction *m_addApiHost = nullptr;
    QAction *m_addAgentHost = nullptr;
    QAction *m_importSshConfig = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_settings = nullptr;
    QAction *m_quit = nullptr;
};

} // namespace archnest::ui
