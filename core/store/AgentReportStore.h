#pragma once

#include "store/Database.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace archnest::store {

// Milliseconds since the epoch; injectable so tests move time without sleeping.
using NowFn = std::function<qint64()>;
NowFn systemNow();

inline constexpr qint64 kDefaultStaleWindowMs = 90000; // like the seed's ARCHNEST_AGENT_STALE_MS

// A host is stale when its last report is older than the window.
inline bool isStale(qint64 receivedAtMs, qint64 nowMs, qint64 windowMs)
{
    return nowMs - receivedAtMs > windowMs;
}

// One row of docker_agent_reports: the latest report of one host.
struct AgentReportRecord
{
    QString hostId;
    QString hostname;
    qint64 receivedAtMs = 0;
    QString remoteAddress;
    int containerCount = 0;
    int schemaVersion = 0;
    QByteArray report; // the validated report JSON (env already masked by the agent); empty in listings
};

// The latest push-agent report per host, in SQLite or PostgreSQL. Not thread-safe: use it on the
// thread that opened it (its connection name is its own).
class AgentReportStore final
{
public:
    static Result<std::unique_ptr<AgentReportStore>> open(const DatabaseLocation &location,
                                                          const QString &connectionName);
    ~AgentReportStore();
    AgentReportStore(const AgentReportStore &) = delete;
    AgentReportStore &operator=(const AgentReportStore &) = delete;

    // Replaces the host's report in one transaction: either the new row is committed whole or
    // the previous one stays.
    VoidResult storeReport(const AgentReportRecord &record);

    // Every host, newest first, without the report payload.
    Result<QList<AgentReportRecord>> listHosts() const;
    Result<std::optional<AgentReportRecord>> latestReport(const QString &hostId) const;
    VoidResult removeHost(const QString &hostId);

    const DatabaseLocation &location() const { return m_location; }
    QString connectionName() const { return m_connectionName; }

private:
    AgentReportStore(DatabaseLocation location, QString connectionName);

    DatabaseLocation m_location;
    QString m_connectionName;
};

} // namespace archnest::store
