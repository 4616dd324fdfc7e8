#include "AgentReceiver.h"

#include "ReceiverConnection.h"
#include "ReceiverHttp.h"
#include "docker/agent/AgentReport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// The receiver's read side: GET /healthz for load balancers and the token-protected GET
// /api/agents/docker/hosts endpoints (AgentReceiver.cpp holds the listener and the ingest).

namespace archnest::receiver {

void AgentReceiver::handleHealth(ReceiverConnection *c)
{
    // 200 when the store answers, 503 when not: a balancer then sends agents to another
    // receiver. Nothing about hosts or reports, and no token.
    VoidResult alive =
        m_store ? m_store->ping() : VoidResult(makeError(QStringLiteral("no store"), store::kDatabaseUnavailable));
    if (!alive) {
        c->respond(503, jsonError(QStringLiteral("the store is not reachable")),
                   "Retry-After: " + QByteArray::number(m_store ? m_store->retryAfterSeconds() : 5) + "\r\n");
        return;
    }
    const bool head = c->request().method == "HEAD";
    c->respond(200, head ? QByteArray() : QByteArrayLiteral("{\"ok\":true}"));
}

void AgentReceiver::handleRead(ReceiverConnection *c, const QList<QString> &segments)
{
    auto fail = [&](int status, const QString &message) { c->respond(status, jsonError(message)); };
    if (!m_store)
        return rejectUnavailableStore(
            c, makeError(QStringLiteral("the store is not open yet"), store::kDatabaseUnavailable));
    const qint64 now = m_now();
    if (segments.isEmpty()) {
        auto hosts = m_store->listHosts();
        if (!hosts && hosts.error().code != QLatin1String("database"))
            return rejectUnavailableStore(c, hosts.error());
        if (!hosts)
            return fail(500, QStringLiteral("the store could not be read"));
        QJsonArray list;
        for (const store::AgentReportRecord &h : *hosts) {
            list.append(
                QJsonObject{{QStringLiteral("hostId"), h.hostId},
                            {QStringLiteral("hostname"), h.hostname},
                            {QStringLiteral("receivedAt"), isoUtc(h.receivedAtMs)},
                            {QStringLiteral("lastSeenMs"), double(h.receivedAtMs)},
                            {QStringLiteral("ageMs"), double(now - h.receivedAtMs)},
                            {QStringLiteral("stale"), store::isStale(h.receivedAtMs, now, m_config.staleWindowMs)},
                            {QStringLiteral("containerCount"), h.containerCount},
                            {QStringLiteral("remoteAddress"), h.remoteAddress}});
        }
        return c->respond(200,
                          QJsonDocument(QJsonObject{{QStringLiteral("hosts"), list},
                                                    {QStringLiteral("staleWindowMs"), double(m_config.staleWindowMs)}})
                              .toJson(QJsonDocument::Compact));
    }
    const QString hostId = segments.at(0);
    if (!agent::isValidHostId(hostId) || segments.size() < 2 || segments.at(1) != QLatin1String("containers") ||
        segments.size() > 3)
        return fail(404, QStringLiteral("no such endpoint"));
    auto rec = m_store->latestReport(hostId);
    if (!rec && rec.error().code != QLatin1String("database"))
        return rejectUnavailableStore(c, rec.error());
    if (!rec)
        return fail(500, QStringLiteral("the store could not be read"));
    if (!rec->has_value())
        return fail(404, QStringLiteral("no report from host '%1'").arg(hostId));
    const store::AgentReportRecord &r = **rec;
    const bool stale = store::isStale(r.receivedAtMs, now, m_config.staleWindowMs);
    if (segments.size() == 3) {
        const QString ref = segments.at(2);
        std::optional<QJsonObject> one;
        if (agent::isValidContainerRef(ref))
            one = agent::findContainerJson(r.report, ref);
        if (!one)
            return fail(404, QStringLiteral("no container '%1' in the last report of '%2'").arg(ref.left(80), hostId));
        return c->respond(200, QJsonDocument(QJsonObject{{QStringLiteral("hostId"), hostId},
                                                         {QStringLiteral("stale"), stale},
                                                         {QStringLiteral("receivedAt"), isoUtc(r.receivedAtMs)},
                                                         {QStringLiteral("container"), *one}})
                                   .toJson(QJsonDocument::Compact));
    }
    const QJsonObject report = QJsonDocument::fromJson(r.report).object();
    c->respond(200,
               QJsonDocument(QJsonObject{{QStringLiteral("hostId"), hostId},
                                         {QStringLiteral("hostname"), r.hostname},
                                         {QStringLiteral("stale"), stale},
                                         {QStringLiteral("receivedAt"), isoUtc(r.receivedAtMs)},
                                         {QStringLiteral("lastSeenMs"), double(r.receivedAtMs)},
                                         {QStringLiteral("collectedAt"), report.value(QStringLiteral("collectedAt"))},
                                         {QStringLiteral("containers"), report.value(QStringLiteral("containers"))}})
                   .toJson(QJsonDocument::Compact));
}

} // namespace archnest::receiver
