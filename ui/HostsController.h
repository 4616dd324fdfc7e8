#pragma once

#include "docker/ContainerSource.h"
#include "model/HostConfig.h"
#include "models/ContainerActions.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>

namespace archnest::ui {

class ContainersModel;
class HostListModel;

// Owns one ContainerSource per configured host, refreshes them (on a timer and on demand),
// aggregates their lists into the ContainersModel, mirrors their status into the HostListModel
// and performs container actions, reporting each outcome with host and reason. All work is
// asynchronous: sources call back later on this thread.
class HostsController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostsController)

public:
    using SourceFactory = std::function<Result<ContainerSource *>(const HostConfig &host, QObject *parent)>;

    HostsController(ContainersModel *containers, HostListModel *hosts, SourceFactory factory,
                    QObject *parent = nullptr);
    ~HostsController() override;

    // Replaces every host (sources are created through the factory; a failure becomes the
    // host's error status).
    void setHosts(const QList<HostConfig> &hosts);
    void addHost(const HostConfig &host);
    void removeHost(const QString &name);
    // Takes ownership of a source built elsewhere (e.g. an agent source sharing a store).
    void adoptSource(ContainerSource *source);

    ContainerSource *source(const QString &host) const { return m_sources.value(host); }
    QStringList hostNames() const { return m_sources.keys(); }
    ContainersModel *containersModel() const { return m_containers; }
    HostListModel *hostListModel() const { return m_hosts; }

    void setRefreshIntervalMs(int ms);
    int refreshIntervalMs() const { return m_timer.interval(); }
    // Every host now (F5), failing ones included.
    void refreshAll();
    void refreshHost(const QString &host);
    bool isRefreshing(const QString &host) const { return m_inFlight.contains(host); }

    // A host whose last refresh failed. The timer retries it with a growing delay (the refresh
    // interval doubled per failure, at most kMaxRetryMs) instead of every interval; its retries
    // are not "refreshing" (no busy indicator) and the same error is reported once (hostFailed)
    // until it changes or the host works again.
    struct HostFailure
    {
        QString message;
        QString code;
        QDateTime firstAt; // UTC
        QDateTime lastAt;
        QDateTime nextRetry;
        int attempts = 0;
        bool keyRejected() const { return code == QLatin1String("host-key-unknown"); }
    };
    static constexpr int kMaxRetryMs = 300000;
    const HostFailure *failureOf(const QString &host) const;
    // Now, whatever the delay (the error card's Retry).
    void retryHost(const QString &host);
    bool hasRefreshed(const QString &host) const { return m_refreshed.contains(host); }

    // Runs `action` on every target of the selection (manageable hosts, matching state), at most
    // kMaxParallelActions at a time (the rest wait in a queue), reports progress through
    // actionProgress and one summary through actionFinished (how many succeeded, failed and were
    // cancelled, with host and reason for each failure).
    void perform(ContainerAction action, const QList<SelectedContainer> &selection, const RemoveOptions &options = {});
    static constexpr int kMaxParallelActions = 4;
    bool hasActionsRunning() const { return !m_bulks.isEmpty(); }
    // Stops dispatching queued targets of every running bulk action and cancels the ones in
    // flight (ContainerSource::cancelPending on their hosts: work a daemon already received may
    // still complete). Each bulk action still ends with its actionFinished summary.
    void cancelActions();
    // Cancels the container-list refreshes in flight; the hosts keep their previous status
    // (a cancelled refresh is not an error).
    void cancelRefreshes();
    // Refreshes of hosts that work (retries of failing hosts are not counted).
    int refreshesInFlight() const;

    // Connects to `host` with a throw-away source and lists its containers (for the host
    // dialog's test button); `done` gets a one-line outcome, exactly once. Returns an id for
    // cancelTestConnection().
    quint64 testConnection(const HostConfig &host, std::function<void(bool ok, QString message)> done);
    // Gives up on a test (0: every test in flight); its `done` then says it was cancelled.
    void cancelTestConnection(quint64 id = 0);
    int testsInFlight() const { return int(m_probes.size()); }

    static HostCapabilities capabilitiesOf(const ContainerSource &source);

Q_SIGNALS:
    void hostRefreshed(const QString &host);
    // Once per distinct error of a host (not on every retry with the same error).
    void hostFailed(const QString &host, const QString &message, const QString &code);
    // The host is no longer configured (its source is gone).
    void hostRemoved(const QString &host);
    // A host's failure was recorded, retried, changed or cleared (see failureOf()).
    void hostFailureChanged(const QString &host);
    void actionStarted(const QString &description);
    // `done` of `total` targets finished (any outcome); e.g. "Stopping 3 of 12…". Summed over
    // every bulk action running; (0, 0, "") once none runs any more (before its actionFinished).
    void actionProgress(int done, int total, const QString &description);
    void actionFinished(const QString &message, bool ok);
    // Number of hosts whose container list is being refreshed changed (0: none).
    void refreshActivity(int hostsInFlight);

private:
    struct Bulk;
    void dispatch(const std::shared_ptr<Bulk> &bulk);
    void targetDone(const std::shared_ptr<Bulk> &bulk, const SelectedContainer &target, const VoidResult &result);
    void finishBulk(const std::shared_ptr<Bulk> &bulk);
    void emitProgress();
    void setRefreshing(const QString &host, bool on);
    void installSource(ContainerSource *source);
    void dropSource(const QString &name); // the source and its per-host state, not the rows
    void onListed(const QString &host, const Result<QList<ContainerSummary>> &result);
    void refreshDue(); // the timer: working hosts, and failing ones whose retry time came
    void recordFailure(const QString &host, const Error &error);
    void clearFailure(const QString &host);
    QHash<QString, HostFailure> m_failures;

    ContainersModel *m_containers = nullptr;
    HostListModel *m_hosts = nullptr;
    SourceFactory m_factory;
    QHash<QString, ContainerSource *> m_sources;
    QSet<QString> m_inFlight;
    QSet<QString> m_again; // refresh requested while one was in flight (e.g. after an action)
    // CPU / memory of the running containers of managed hosts: one-shot samples after a
    // refresh, at most every kStatsIntervalMs per host (agent rows carry their own).
    static constexpr qint64 kStatsIntervalMs = 15000;
    void sampleStats(const QString &host);
    QHash<QString, qint64> m_statsAt; // host -> when the last sample was asked for (ms since epoch)
    QSet<QString> m_statsInFlight;
    QSet<QString> m_refreshed;
    QTimer m_timer;
    QList<std::shared_ptr<Bulk>> m_bulks;
    struct Probe
    {
        QPointer<ContainerSource> source;
        std::function<void(bool ok, QString message)> done;
        QString name;
    };
    QHash<quint64, std::shared_ptr<Probe>> m_probes;
    quint64 m_nextProbe = 0;
};

} // namespace archnest::ui
