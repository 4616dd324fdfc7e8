#include "store/AgentReportStore.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace archnest::store {

namespace {

// SQLITE_BUSY (5) / SQLITE_LOCKED (6), also as extended codes (low byte).
bool isSqliteBusy(const QSqlError &e)
{
    bool ok = false;
    const int code = e.nativeErrorCode().toInt(&ok);
    return (ok && ((code & 0xff) == 5 || (code & 0xff) == 6)) ||
           e.text().contains(QLatin1String("database is locked"), Qt::CaseInsensitive);
}

Error queryError(const QString &what, const QSqlError &e)
{
    // SQLITE_FULL (13) / PostgreSQL disk_full (53100): code "store-full", so the receiver can say
    // so (507) instead of a generic failure.
    const QString native = e.nativeErrorCode();
    const bool full = native == QLatin1String("13") || native == QLatin1String("53100") ||
                      e.text().contains(QLatin1String("database or disk is full"));
    return makeError(QStringLiteral("%1: %2").arg(what, e.text().trimmed()), full ? QStringLiteral("store-full")
                                                                             : isSqliteBusy(e)
                                                                                 ? kDatabaseBusy
                                                                                 : QStringLiteral("database"));
}

AgentReportRecord recordFrom(const QSqlQuery &q, bool withReport)
{
    AgentReportRecord r;
    r.hostId = q.value(0).toString();
    r.hostname = q.value(1).toString();
    r.receivedAtMs = q.value(2).toLongLong();
    r.remoteAddress = q.value(3).toString();
    r.containerCount = q.value(4).toInt();
    r.schemaVersion = q.value(5).toInt();
    r.collectedAtMs = q.value(6).toLongLong();
    if (withReport)
        r.report = q.value(7).toString().toUtf8();
    return r;
}

} // namespace

NowFn systemNow()
{
    return [] { return QDateTime::currentMSecsSinceEpoch(); };
}

AgentReportStore::AgentReportStore(DatabaseLocation location, QString connectionName)
    : m_location(std::move(location))
    , m_connectionName(std::move(connectionName))
{}

AgentReportStore::~AgentReportStore()
{
    closeDatabase(m_connectionName);
}

int AgentReportStore::retryAfterSeconds() const
{
    const qint64 ms = qMax(m_lost ? m_nextAttempt.remainingTime() : 0, m_busyUntil.remainingTime());
    return int(qMax<qint64>(1, (ms + 999) / 1000));
}

Error AgentReportStore::unavailableError() const
{
    return makeError(QStringLiteral("The store %1 is not reachable; reconnecting (next attempt in %2 s).")
                         .arg(m_location.displayName())
                         .arg(retryAfterSeconds()),
                     kDatabaseUnavailable);
}

bool AgentReportStore::connectionAlive() const
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen())
        return false;
    QSqlQuery q(db);
    return q.exec(QStringLiteral("SELECT 1")) && q.next();
}

bool AgentReportStore::reconnect() const
{
    closeDatabase(m_connectionName);
    Result<QSqlDatabase> db = openDatabase(m_location, m_connectionName, kReconnectTimeoutSeconds);
    if (db) {
        m_lost = false;
        m_backoffMs = 0;
        ++m_reconnects;
        qInfo("store %s: reconnected", qPrintable(m_location.displayName()));
        return true;
    }
    m_lost = true;
    m_backoffMs = m_backoffMs == 0 ? kReconnectInitialMs : qMin(m_backoffMs * 2, kReconnectMaxMs);
    m_nextAttempt.setRemainingTime(m_backoffMs);
    qWarning("store %s: %s", qPrintable(m_location.displayName()), qPrintable(db.errorMessage()));
    return false;
}

template<typename T, typename Op>
Result<T> AgentReportStore::guarded(Op op, bool write) const
{
    if (m_lost && (!m_nextAttempt.hasExpired() || !reconnect()))
        return unavailableError();
    if (write && !m_busyUntil.hasExpired())
        return makeError(QStringLiteral("The store %1 is locked by another process; try again shortly.")
                             .arg(m_location.displayName()),
                         kDatabaseBusy);
    Result<T> result = op();
    if (result.ok())
        return result;
    if (result.error().code == kDatabaseBusy) {
        if (write)
            m_busyUntil.setRemainingTime(kBusyHoldOffMs);
        return result;
    }
    // A failure on a dead connection: reconnect now and retry once (every operation here is
    // idempotent); a server still away is reported as unavailable, with a backoff.
    if (connectionAlive())
        return result;
    qWarning("store %s: connection lost (%s)", qPrintable(m_location.displayName()), qPrintable(result.errorMessage()));
    if (!reconnect())
        return unavailableError();
    return op();
}

Result<std::unique_ptr<AgentReportStore>> AgentReportStore::open(const DatabaseLocation &location,
                                                                 const QString &connectionName)
{
    Result<QSqlDatabase> db = openDatabase(location, connectionName);
    if (!db)
        return db.error();
    return std::unique_ptr<AgentReportStore>(new AgentReportStore(location, connectionName));
}

VoidResult AgentReportStore::storeReport(const AgentReportRecord &record, StoreOutcome *outcome)
{
    return guarded<void>([&]() -> VoidResult { return storeReportOnce(record, outcome); }, true);
}

VoidResult AgentReportStore::ping()
{
    return guarded<void>(
        [&]() -> VoidResult {
            QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
            if (!q.exec(QStringLiteral("SELECT 1")) || !q.next())
                return queryError(QStringLiteral("The store %1 does not answer").arg(m_location.displayName()),
                                  q.lastError());
            return {};
        },
        false);
}

VoidResult AgentReportStore::storeReportOnce(const AgentReportRecord &record, StoreOutcome *outcome) const
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.transaction())
        return queryError(QStringLiteral("Cannot start a transaction in %1").arg(m_location.displayName()),
                          db.lastError());
    QSqlQuery q(db);
    // Bound parameters only. QPSQL still inlines them as escaped literals (it does not use the
    // server's parameter protocol), so a NUL would end the literal early: parseAgentReport refuses
    // NUL in every string, and escaping is left to the driver.
    q.prepare(QStringLiteral(
        "INSERT INTO docker_agent_reports"
        " (host_id, hostname, received_at_ms, collected_at_ms, remote_address, container_count, schema_version,"
        " report)"
        " VALUES (:host_id, :hostname, :received_at_ms, :collected_at_ms, :remote_address, :container_count,"
        " :schema_version, :report)"
        " ON CONFLICT (host_id) DO UPDATE SET hostname = excluded.hostname,"
        " received_at_ms = excluded.received_at_ms, collected_at_ms = excluded.collected_at_ms,"
        " remote_address = excluded.remote_address,"
        " container_count = excluded.container_count, schema_version = excluded.schema_version,"
        " report = excluded.report"
        // Compared by the database, under the row lock the upsert takes: the report collected
        // last wins, whichever receiver commits last. Equal times: the later arrival (a retry).
        " WHERE docker_agent_reports.collected_at_ms <= excluded.collected_at_ms"));
    q.bindValue(QStringLiteral(":host_id"), record.hostId);
    q.bindValue(QStringLiteral(":hostname"), record.hostname);
    q.bindValue(QStringLiteral(":received_at_ms"), record.receivedAtMs);
    q.bindValue(QStringLiteral(":collected_at_ms"), record.collectedAtMs);
    q.bindValue(QStringLiteral(":remote_address"), record.remoteAddress);
    q.bindValue(QStringLiteral(":container_count"), record.containerCount);
    q.bindValue(QStringLiteral(":schema_version"), record.schemaVersion);
    q.bindValue(QStringLiteral(":report"), QString::fromUtf8(record.report));
    if (!q.exec()) {
        Error e = queryError(
            QStringLiteral("Cannot store the report of %1 in %2").arg(record.hostId, m_location.displayName()),
            q.lastError());
        db.rollback();
        return e;
    }
    const int written = q.numRowsAffected();
    if (!db.commit()) {
        Error e = queryError(
            QStringLiteral("Cannot commit the report of %1 in %2").arg(record.hostId, m_location.displayName()),
            db.lastError());
        db.rollback();
        return e;
    }
    if (outcome)
        *outcome = written == 0 ? StoreOutcome::Superseded : StoreOutcome::Stored;
    return {};
}

Result<QList<AgentReportRecord>> AgentReportStore::listHosts() const
{
    return guarded<QList<AgentReportRecord>>([&]() { return listHostsOnce(); }, false);
}

Result<QList<AgentReportRecord>> AgentReportStore::listHostsOnce() const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral(
            "SELECT host_id, hostname, received_at_ms, remote_address, container_count,"
            " schema_version, collected_at_ms FROM docker_agent_reports ORDER BY received_at_ms DESC, host_id")))
        return queryError(QStringLiteral("Cannot list agent hosts in %1").arg(m_location.displayName()), q.lastError());
    QList<AgentReportRecord> out;
    while (q.next())
        out.append(recordFrom(q, false));
    return out;
}

Result<std::optional<AgentReportRecord>> AgentReportStore::latestReport(const QString &hostId) const
{
    return guarded<std::optional<AgentReportRecord>>([&]() { return latestReportOnce(hostId); }, false);
}

Result<std::optional<AgentReportRecord>> AgentReportStore::latestReportOnce(const QString &hostId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT host_id, hostname, received_at_ms, remote_address, container_count,"
                       " schema_version, collected_at_ms, report FROM docker_agent_reports WHERE host_id = :host_id"));
    q.bindValue(QStringLiteral(":host_id"), hostId);
    if (!q.exec())
        return queryError(QStringLiteral("Cannot read the report of %1 in %2").arg(hostId, m_location.displayName()),
                          q.lastError());
    if (!q.next())
        return std::optional<AgentReportRecord>();
    return std::optional<AgentReportRecord>(recordFrom(q, true));
}

VoidResult AgentReportStore::removeHost(const QString &hostId)
{
    return guarded<void>([&]() -> VoidResult { return removeHostOnce(hostId); }, true);
}

VoidResult AgentReportStore::removeHostOnce(const QString &hostId) const
{
    QSqlQuery q(QSqlDatabase::database(m_connectionName, false));
    q.prepare(QStringLiteral("DELETE FROM docker_agent_reports WHERE host_id = :host_id"));
    q.bindValue(QStringLiteral(":host_id"), hostId);
    if (!q.exec())
        return queryError(QStringLiteral("Cannot remove %1 from %2").arg(hostId, m_location.displayName()),
                          q.lastError());
    return {};
}

} // namespace archnest::store
