#pragma once

#include "model/Container.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QTabWidget;
class QToolBar;
class QTableWidget;
class QTreeWidget;
class QTreeWidgetItem;

namespace archnest {
class ContainerSource;
class StatsStream;
} // namespace archnest

namespace archnest::ui {

class HostsController;
class LogPanel;

// One container's closable tab: overview, state, stats, ports, networks, mounts, env (masked,
// reveal only on managed hosts), labels, and logs. Fields the source cannot know get a plain
// note. An "Exec" action and a Terminal section open a shell in its own tab (managed hosts,
// running containers). When the container disappears from its host the tab says so and hides the stale data.
class ContainerDetailTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainerDetailTab)

public:
    ContainerDetailTab(HostsController *controller, QString host, QString ref, QString name, QWidget *parent = nullptr);
    ~ContainerDetailTab() override;

    QString host() const { return m_host; }
    QString ref() const { return m_ref; }
    QString containerName() const { return m_name; }
    QString key() const;

    bool isGone() const { return m_gone; }
    bool hasDetail() const { return m_haveDetail; }
    const ContainerDetail &detail() const { return m_detail; }
    QTreeWidget *detailTree() const { return m_tree; }
    QTableWidget *envTable() const { return m_env; }
    QPushButton *envRevealButton() const { return m_reveal; }
    QLabel *banner() const { return m_banner; }
    QLabel *titleLabel() const { return m_title; }
    QTabWidget *sections() const { return m_sections; }
    LogPanel *logPanel() const { return m_logs; }
    QAction *execAction() const { return m_exec; }
    QWidget *terminalSection() const { return m_terminalPage; }
    QPushButton *openTerminalButton() const { return m_openTerminal; }

    void refresh();
    void revealEnv(int row);
    void hideEnv(int row); // masks a revealed value again

    // Live stats: while the Details section is on screen and the container runs on a managed host,
    // the Stats rows follow the source's streamStats(); the stream stops when the tab or section
    // hides, the tab closes, the container stops or disappears. Agent hosts keep their report's
    // snapshot (their source has no live stats).
    bool isStreamingStats() const { return !m_statsStream.isNull(); }
    int liveStatsSamples() const { return m_liveSamples; }

Q_SIGNALS:
    void detailLoaded();
    void titleChanged(const QString &title);
    // "Exec" / "Open terminal": the main window opens the terminal tab.
    void execRequested(const QString &host, const QString &ref, const QString &name);
    // A live stats sample was shown; the stream started / stopped.
    void liveStatsSampleShown(const archnest::StatsSample &sample);
    void liveStatsRunningChanged(bool running);

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onHostRefreshed(const QString &host);
    void setGone(bool gone, const QString &why = {});
    void showError(const QString &message);
    void fill(const ContainerDetail &detail);
    void fillStats(const StatsSample &sample);
    QTreeWidgetItem *section(const QString &title, const QString &unknownKey);
    void addRow(QTreeWidgetItem *parent, const QString &label, const QString &value);
    ContainerSource *source() const;
    void updateExec();
    QWidget *buildTerminalSection();
    bool wantsLiveStats() const;
    void updateStatsStream();
    void startStatsStream();
    void stopStatsStream();

    HostsController *m_controller = nullptr;
    QString m_host;
    QString m_ref;
    QString m_name;
    ContainerDetail m_detail;
    ContainerSummary m_lastSummary;
    bool m_haveDetail = false;
    bool m_gone = false;
    bool m_inspecting = false;
    QPointer<StatsStream> m_statsStream;
    int m_liveSamples = 0;
    QString m_liveNote; // why live stats stopped, shown under the last sample

    QLabel *m_title = nullptr;
    QLabel *m_banner = nullptr;
    QTabWidget *m_sections = nullptr;
    QTreeWidget *m_tree = nullptr;
    QTreeWidgetItem *m_statsItem = nullptr;
    QTableWidget *m_env = nullptr;
    QPushButton *m_reveal = nullptr;
    QSet<int> m_revealed; // env rows showing their clear value
    QLabel *m_envNote = nullptr;
    LogPanel *m_logs = nullptr;
    QAction *m_exec = nullptr;
    QWidget *m_terminalPage = nullptr;
    QPushButton *m_openTerminal = nullptr;
    QLabel *m_terminalNote = nullptr;
};

} // namespace archnest::ui
