#include "docker/agent/AgentContainerSource.h"

#include "store/AgentStoreService.h"

#include <QPointer>
#include <QTimer>

#include <atomic>

namespace archnest {

namespace {

bool matches(const ContainerSummary &s, const QString &ref)
{
    return s.id == ref || s.name == ref || (ref.size() >= 4 && s.id.startsWith(ref));
}

// Streams an agent host cannot offer: they fail once, asynchronously, with the reason.
class RefusedLogStream final : public LogStream
{
public:
    RefusedLogStream(const QString &message, QObject *parent)
        : LogStream(parent)
    {
        QTimer::singleShot(0, this, [this, message] { Q_EMIT failed(message); });
    }
    void stop() override {}
};

class RefusedStatsStream final : public StatsStream
{
public:
    RefusedStatsStream(const QString &message, QObject *parent)
        : StatsStream(parent)
    {
        QTimer::singleShot(0, this, [this, message] { Q_EMIT failed(message); });
    }
    void stop() override {}
};

class RefusedExecStream final : public ExecStream
{
public:
    RefusedExecStream(const QString &message, QObject *parent)
        : ExecStream(parent)
    {
        QTimer::singleShot(0, this, [this, message] { Q_EMIT failed(message); });
    }
    void write(const QByteArray &) override {}
    void resize(int, int) override {}
    void closeStdin() override {}
    void terminate() override {}
};

} // namespace

AgentContainerSource::AgentContainerSource(HostConfig host, store::AgentReportStore *store, QObject *parent)
    : ContainerSource(std::move(host), parent)
    , m_store(store)
{}

AgentContainerSource::AgentContainerSource(HostConfig host, store::AgentStoreService *service, QObject *parent)
    : ContainerSource(std::move(host), parent)
    , m_service(service)
{}

Result<AgentContainerSource *>
AgentContainerSource::createWithOwnStore(HostConfig host, const store::DatabaseLocation &location, QObject *parent)
{
    static std::atomic<int> serial{0};
    auto store =
        store::AgentReportStore::open(location, QStringLiteral("agent-source-%1-%2").arg(host.name).arg(++serial));
    if (!store)
        return makeError(QStringLiteral("Agent host %1: %2").arg(host.name, store.errorMessage()), store.error().code);
    auto *source = new AgentContainerSource(std::move(host), store->get(), parent);
    source->m_ownedStore = std::move(store).value();
    return source;
}

template<typename T>
void AgentContainerSource::deliver(Callback<T> done, Result<T> result)
{
    QMetaObject::invokeMethod(
        this, [done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); },
        Qt::QueuedConnection);
}

Error AgentContainerSource::unsupported(const QString &what) const
{
    return makeError(QStringLiteral("%1 is not available on %2: agent hosts only report snapshots (use an SSH or "
                                    "Docker API host entry for this VM to get it).")
                         .arg(what, hostName()),
                     QStringLiteral("unsupported"));
}

Result<agent::AgentReport> AgentContainerSource::refresh()
{
    if (!m_store) {
        const QString msg = m_service ? QStringLiteral("The store of %1 is read asynchronously.").arg(hostName())
                                      : QStringLiteral("No report store is open for %1.").arg(hostName());
        if (!m_service)
            setStatus(HostStatus::Error, QStringLiteral("no report store"));
        return makeError(msg, QStringLiteral("database"));
    }
    return apply(m_store->latestReport(hostName()));
}

void AgentContainerSource::refreshAsync(std::function<void(Result<agent::AgentReport>)> done)
{
    if (m_service) {
        // Read and (when new) parse on the store's worker thread: a big report's JSON never
        // costs the GUI thread; only the parsed containers come back.
        struct Snapshot
        {
            std::optional<store::AgentReportRecord> record; // without the payload
            std::optional<agent::AgentReport> parsed;       // only when the report is new
        };
        const qint64 known = m_cached ? m_receivedAtMs : -1;
        m_service->call<Snapshot>(
            this,
            [host = hostName(), known](store::AgentReportStore &s) -> Result<Snapshot> {
                auto rec = s.latestReport(host);
                if (!rec)
                    return rec.error();
                Snapshot snap;
                if (!rec->has_value())
                    return snap;
                snap.record = std::move(**rec);
                if (snap.record->receivedAtMs != known) {
                    auto parsed = agent::parseAgentReport(snap.record->report);
                    if (!parsed)
                        return parsed.error();
                    snap.parsed = std::move(parsed).value();
                }
                snap.record->report.clear();
                return snap;
            },
            [this, done = std::move(done)](Result<Snapshot> snap) mutable {
                Result<agent::AgentReport> report =
                    snap ? apply(std::move(snap->record), std::move(snap->parsed)) : fail(snap.error());
                if (done)
                    done(std::move(report));
            });
        return;
    }
    Result<agent::AgentReport> report = refresh();
    QMetaObject::invokeMethod(
        this,
        [done = std::move(done), report = std::move(report)]() mutable {
            if (done)
                done(std::move(report));
        },
        Qt::QueuedConnection);
}

Error AgentContainerSource::fail(const Error &error)
{
    setStatus(HostStatus::Error, error.message);
    return error;
}

Result<agent::AgentReport> AgentContainerSource::apply(const Result<std::optional<store::AgentReportRecord>> &rec)
{
    if (!rec)
        return fail(rec.error());
    return apply(rec.value(), std::nullopt);
}

Result<agent::AgentReport> AgentContainerSource::apply(std::optional<store::AgentReportRecord> rec,
                                                       std::optional<agent::AgentReport> parsed)
{
    if (!rec.has_value()) {
        const QString msg =
            QStringLiteral("No report from the agent '%1' yet: is archnest-docker-agent installed on the "
                           "VM with ARCHNEST_HOST_ID=%1, and is the receiver enabled?")
                .arg(hostName());
        return fail(makeError(msg, QStringLiteral("no-report")));
    }
    const store::AgentReportRecord &r = *rec;
    if (!m_cached || r.receivedAtMs != m_receivedAtMs) {
        if (!parsed) {
            auto fresh = agent::parseAgentReport(r.report);
            if (!fresh)
                return fail(fresh.error());
            parsed = std::move(fresh).value();
        }
        m_cached = std::move(parsed);
        for (ContainerDetail &d : m_cached->containers)
            d.summary.hostName = hostName();
        m_receivedAtMs = r.receivedAtMs;
    }
    const qint64 now = m_now();
    if (store::isStale(r.receivedAtMs, now, m_staleWindowMs))
        setStatus(HostStatus::Stale, QStringLiteral("last report %1 s ago").arg((now - r.receivedAtMs) / 1000));
    else
        setStatus(HostStatus::Connected, QStringLiteral("report from %1").arg(r.remoteAddress));
    return *m_cached;
}

void AgentContainerSource::onReportStored(const QString &hostId)
{
    if (hostId == hostName())
        refreshAsync();
}

void AgentContainerSource::list(bool all, Callback<QList<ContainerSummary>> done)
{
    refreshAsync([all, done = std::move(done)](Result<agent::AgentReport> report) {
        if (!report)
            return done(report.error());
        QList<ContainerSummary> out;
        for (const ContainerDetail &d : report->containers) {
            const ContainerState st = d.summary.state;
            if (all || st == ContainerState::Running || st == ContainerState::Paused ||
                st == ContainerState::Restarting)
                out.append(d.summary);
        }
        done(out);
    });
}

void AgentContainerSource::inspect(const QStringList &refs, Callback<QList<ContainerDetail>> done)
{
    refreshAsync([this, refs, done = std::move(done)](Result<agent::AgentReport> report) {
        if (!report)
            return done(report.error());
        QList<ContainerDetail> out;
        for (const QString &ref : refs) {
            auto it = std::find_if(report->containers.cbegin(), report->containers.cend(),
                                   [&](const ContainerDetail &d) { return matches(d.summary, ref); });
            if (it == report->containers.cend())
                return done(
                    makeError(QStringLiteral("No container '%1' in the last report of %2.").arg(ref, hostName()),
                              QStringLiteral("not-found")));
            out.append(*it);
        }
        done(out);
    });
}

void AgentContainerSource::logs(const QString &, const LogOptions &, Callback<QByteArray> done)
{
    deliver<QByteArray>(std::move(done), unsupported(QStringLiteral("Logs")));
}

LogStream *AgentContainerSource::followLogs(const QString &, const LogOptions &)
{
    return new RefusedLogStream(unsupported(QStringLiteral("Logs")).message, this);
}

void AgentContainerSource::stats(const QStringList &refs, Callback<QList<StatsSample>> done)
{
    refreshAsync([refs, done = std::move(done)](Result<agent::AgentReport> report) {
        if (!report)
            return done(report.error());
        QList<StatsSample> out;
        for (const ContainerDetail &d : report->containers) {
            const bool wanted = refs.isEmpty() || std::any_of(refs.cbegin(), refs.cend(),
                                                              [&](const QString &r) { return matches(d.summary, r); });
            if (wanted && d.summary.stats) {
                StatsSample s = *d.summary.stats;
                s.takenAt = report->collectedAt;
                out.append(s);
            }
        }
        done(out);
    });
}

StatsStream *AgentContainerSource::streamStats(const QString &)
{
    return new RefusedStatsStream(unsupported(QStringLiteral("Live stats")).message, this);
}

void AgentContainerSource::perform(ContainerAction action, const QString &, const RemoveOptions &, Callback<void> done)
{
    const Error e = readOnlyError(action);
    QMetaObject::invokeMethod(
        this, [done = std::move(done), e] { done(e); }, Qt::QueuedConnection);
}

ExecStream *AgentContainerSource::openExec(const QString &, const ExecOptions &)
{
    return new RefusedExecStream(unsupported(QStringLiteral("Exec")).message, this);
}

void AgentContainerSource::execRun(const QString &, const QStringList &, Callback<ExecResult> done)
{
    deliver<ExecResult>(std::move(done), unsupported(QStringLiteral("Exec")));
}

void AgentContainerSource::revealEnv(const QString &, const QString &key, Callback<QString> done)
{
    deliver<QString>(
        std::move(done),
        makeError(QStringLiteral("The value of %1 cannot be revealed on %2: the agent masks it on the VM and "
                                 "it never leaves the VM.")
                      .arg(key, hostName()),
                  QStringLiteral("unsupported")));
}

} // namespace archnest
