#pragma once

#include "store/Database.h"
#include "util/Result.h"

#include <QByteArray>
#include <QDeadlineTimer>
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
    // When the agent collected it (the report's collectedAt; the arrival time when it has none).
    // Of two reports for one host, the store keeps the one collected last.
    qint64 collectedAtMs = 0;
    QString remoteAddress;
    int containerCount = 0;
    int schemaVersion = 0;
    QByteArray report; // the validated report JSON (env already masked by the agent); empty in listings
};

// Error codes of a store that cannot answer right now; a listener answers them with 503 and
// Retry-After: retryAfterSeconds().
inline const QString kDatabaseUnavailable = QStringLiteral("database-unavailable"); // server away: reconnecting
inline const QString kDatabaseBusy = QStringLiteral("database-busy");               // SQLite locked by another process

// The latest push-agent report per host, in SQLite or PostgreSQL. Not thread-safe: use it on the
// thread that opened it (its connection name is its own).
//
// A lost connection (a PostgreSQL restart, a network cut) is noticed on the first failing call:
// the store reconnects at once and retries that call; when the server is still away it answers
// kDatabaseUnavailable without touching the network until the next attempt (backoff from
// kReconnectInitialMs doubling to kReconnectMaxMs), then tries again - it recovers by itself. A
// SQLite lock held by another process fails fast (kSqliteBusyTimeoutMs) with kDatabaseBusy, and
// writes answer kDatabaseBusy at once for kBusyHoldOffMs instead of waiting again; reads keep
// working (WAL).
class AgentReportStore final
{
public:
    static Result<std::unique_ptr<AgentReportStore>> open(const DatabaseLocation &location,
                                                          const QString &connectionName);
    ~AgentReportStore();
    AgentReportStore(const AgentReportStore &) = delete;
    AgentReportStore &operator=(const AgentReportStore &) = delete;

    enum class StoreOutcome { Stored, Superseded };
    // Replaces the host's report in one transaction: either the new row is committed whole or
    // the previous one stays. The comparison is done by the database in the same statement
    // (INSERT … ON CONFLICT DO UPDATE … WHERE stored.collected_at_ms <= new.collected_at_ms), so
    // receivers side by side on one store keep the report collected last whatever the arrival
    // order; an older one is acknowledged but not written (outcome Superseded).
    VoidResult storeReport(const AgentReportRecord &record, StoreOutcome *outcome = nullptr);
    // The store answers (a trivial query, with the reconnect rules above): for /healthz.
    VoidResult ping();

    // Every host, newest first, without the report payload.
    Result<QList<AgentReportRecord>> listHosts() const;
    Result<std::optional<AgentReportRecord>> latestReport(const QString &hostId) const;
    VoidResult removeHost(const QString &hostId);

    const DatabaseLocation &location() const { return m_location; }
    QString connectionName() const { return m_connectionName; }
    // When a caller should try again after kDatabaseUnavailable / kDatabaseBusy (at least 1).
    int retryAfterSeconds() const;
    // False while the connection is lost and not yet re-established.
    bool connected() const { return !m_lost; }
    quint64 reconnects() const { return m_reconnects; }

    static constexpr int kReconnectInitialMs = 250;
    static constexpr int kReconnectMaxMs = 8000;
    static constexpr int kReconnectTimeoutSeconds = 3; // libpq's connect_timeout for a reconnect
    static constexpr int kBusyHoldOffMs = 1000;

private:
    AgentReportStore(DatabaseLocation location, QString connectionName);

    // Runs `op` on the connection, reconnecting as described above.
    template<typename T, typename Op>
    Result<T> guarded(Op op, bool write) const;
    VoidResult storeReportOnce(const AgentReportRecord &record, StoreOutcome *outcome) const;
    Result<QList<AgentReportRecord>> listHostsOnce() const;
    Result<std::optional<AgentReportRecord>> latestReportOnce(const QString &hostId) const;
    VoidResult removeHostOnce(const QString &hostId) const;
    bool connectionAlive() const;
    bool reconnect() const;
    Error unavailableError() const;

    DatabaseLocation m_location;
    QString m_connectionName;
    mutable bool m_lost = false;
    mutable int m_backoffMs = 0;
    mutable QDeadlineTimer m_nextAttempt;
    mutable QDeadlineTimer m_busyUntil;
    mutable quint64 m_reconnects = 0;
};

} // namespace archnest::store
