#pragma once

#include "docker/ContainerSource.h"
#include "docker/agent/AgentReport.h"
#include "store/AgentReportStore.h"

namespace archnest::store {
class AgentStoreService;
}

namespace archnest {

// A read-only ContainerSource over the push-agent reports in the store. The host's `name` is the
// agent's ARCHNEST_HOST_ID. Every mutating call, exec and logs are refused in core (the agent
// never receives commands). status() is Connected while reports arrive within the stale window
// and Stale when they stop; call refresh() (e.g. on AgentReceiver::reportStored) to re-evaluate.
// Over an AgentStoreService (the desktop) every read runs on the store's worker thread and the
// calls answer asynchronously; over a plain AgentReportStore (the CLI) the read is synchronous
// and only the answer is queued.
class AgentContainerSource final : public ContainerSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentContainerSource)

public:
    AgentContainerSource(HostConfig host, store::AgentReportStore *store, QObject *parent = nullptr);
    // Reads through `service` (not owned; it must outlive the source).
    AgentContainerSource(HostConfig host, store::AgentStoreService *service, QObject *parent = nullptr);
    ~AgentContainerSource() override = default;

    // A source with its own connection to the store at `location` (opened on the calling
    // thread, used only by this source). For the source factory.
    static Result<AgentContainerSource *> createWithOwnStore(HostConfig host, const store::DatabaseLocation &location,
                                                             QObject *parent = nullptr);

    void setStaleWindowMs(qint64 windowMs) { m_staleWindowMs = windowMs; }
    void setClock(store::NowFn now) { m_now = std::move(now); }

    bool canManage() const override { return false; }

    void list(bool all, Callback<QList<ContainerSummary>> done) override;
    void inspect(const QStringList &refs, Callback<QList<ContainerDetail>> done) override;
    void logs(const QString &ref, const LogOptions &options, Callback<QByteArray> done) override;
    LogStream *followLogs(const QString &ref, const LogOptions &options) override;
    void stats(const QStringList &refs, Callback<QList<StatsSample>> done) override;
    StatsStream *streamStats(const QString &ref) override;
    void perform(ContainerAction action, const QString &ref, const RemoveOptions &options,
                 Callback<void> done) override;
    ExecStream *openExec(const QString &ref, const ExecOptions &options) override;
    void execRun(const QString &ref, const QStringList &command, Callback<ExecResult> done) override;
    void revealEnv(const QString &ref, const QString &key, Callback<QString> done) override;

    // Re-reads the store and updates status(); returns the current report or an error.
    // Synchronous: only for a source over a plain AgentReportStore (an error otherwise).
    Result<agent::AgentReport> refresh();
    // Re-reads the store (on the service's thread when there is one) and updates status();
    // `done` runs later on this thread, never after the source is destroyed.
    void refreshAsync(std::function<void(Result<agent::AgentReport>)> done = {});
    qint64 lastReportMs() const { return m_receivedAtMs; }

public Q_SLOTS:
    void onReportStored(const QString &hostId);

private:
    template<typename T>
    void deliver(Callback<T> done, Result<T> result);
    Error unsupported(const QString &what) const;
    Result<agent::AgentReport> apply(const Result<std::optional<store::AgentReportRecord>> &rec);
    // `parsed`: the record's report already parsed (on the worker), if it is new.
    Result<agent::AgentReport> apply(std::optional<store::AgentReportRecord> rec,
                                     std::optional<agent::AgentReport> parsed);
    Error fail(const Error &error);

    std::unique_ptr<store::AgentReportStore> m_ownedStore;
    store::AgentReportStore *m_store = nullptr;
    store::AgentStoreService *m_service = nullptr;
    store::NowFn m_now = store::systemNow();
    qint64 m_staleWindowMs = store::kDefaultStaleWindowMs;
    qint64 m_receivedAtMs = 0;
    std::optional<agent::AgentReport> m_cached;
};

} // namespace archnest
