#pragma once

// Helpers shared by the receiver, agent and store tests and the agent benchmarks: a raw HTTP
// exchange over loopback that keeps the event loop running (the receiver may live on the same
// thread), and a generator of realistic agent reports.

#include <QByteArray>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QThread>

namespace archnest::test {

struct HttpReply
{
    int status = 0; // 0: no answer
    QByteArray head;
    QByteArray body;
    bool closedByServer = false;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

inline HttpReply parseReply(const QByteArray &raw)
{
    HttpReply r;
    const qsizetype end = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/1.1 ") || end < 0)
        return r;
    // Skip an interim "100 Continue".
    if (raw.startsWith("HTTP/1.1 100"))
        return parseReply(raw.mid(end + 4));
    r.status = raw.mid(9, 3).toInt();
    r.head = raw.left(end);
    r.body = raw.mid(end + 4);
    return r;
}

// Sends `raw` (in pieces of `chunk` bytes, `gapMs` apart when chunk > 0) and collects the answer
// until the server closes or `timeoutMs` passes. Spins the event loop while waiting.
inline HttpReply exchange(quint16 port, const QByteArray &raw, int timeoutMs = 10000, qsizetype chunk = 0,
                          int gapMs = 0)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    QDeadlineTimer deadline(timeoutMs);
    QByteArray got;
    qsizetype sent = 0;
    QDeadlineTimer nextChunk(0);
    bool closed = false;
    while (!deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (s.state() == QAbstractSocket::ConnectedState && sent < raw.size() && nextChunk.hasExpired()) {
            const qsizetype n = chunk > 0 ? qMin(chunk, raw.size() - sent) : raw.size() - sent;
            s.write(raw.constData() + sent, n);
            sent += n;
            nextChunk.setRemainingTime(gapMs);
        }
        got += s.readAll();
        if (s.state() == QAbstractSocket::UnconnectedState &&
            (sent > 0 || s.error() != QAbstractSocket::UnknownSocketError)) {
            closed = true;
            break;
        }
        QThread::usleep(200);
    }
    got += s.readAll();
    HttpReply r = parseReply(got);
    r.closedByServer = closed;
    return r;
}

inline QByteArray httpRequest(const QByteArray &method, const QByteArray &path, const QByteArray &token,
                              const QByteArray &body = {}, const QByteArray &extraHeaders = {})
{
    QByteArray r = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.isEmpty())
        r += "Authorization: Bearer " + token + "\r\n";
    if (!body.isEmpty() || method == "POST")
        r += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    r += extraHeaders + "\r\n" + body;
    return r;
}

inline QByteArray postReport(const QByteArray &json, const QByteArray &token)
{
    return httpRequest("POST", "/api/agents/docker/report", token, json);
}

// A report like the agent's, with `count` containers (about 1.3 KB each).
inline QJsonObject makeReportObject(const QString &hostId, int count, const QString &tag = QStringLiteral("a"))
{
    QJsonArray containers;
    for (int i = 0; i < count; ++i) {
        const QString id = QStringLiteral("%1").arg(i + 1, 12, 16, QLatin1Char('0')).repeated(5).left(64);
        const bool running = i % 5 != 4;
        QJsonObject c{
            {QStringLiteral("id"), id},
            {QStringLiteral("name"), QStringLiteral("svc-%1-%2").arg(tag).arg(i)},
            {QStringLiteral("image"), QStringLiteral("registry.example/app:%1").arg(i % 7)},
            {QStringLiteral("imageId"), QString(QStringLiteral("sha256:") + id)},
            {QStringLiteral("command"), QStringLiteral("/bin/app --port 8080")},
            {QStringLiteral("created"), QStringLiteral("2026-11-26T08:00:00Z")},
            {QStringLiteral("state"), running ? QStringLiteral("running") : QStringLiteral("exited")},
            {QStringLiteral("status"),
             running ? QStringLiteral("Up 3 hours") : QStringLiteral("Exited (0) 1 hour ago")},
            {QStringLiteral("startedAt"), QStringLiteral("2026-11-26T08:00:01.123456789Z")},
            {QStringLiteral("exitCode"), 0},
            {QStringLiteral("pid"), running ? 1000 + i : 0},
            {QStringLiteral("restartPolicy"), QStringLiteral("unless-stopped")},
            {QStringLiteral("entrypoint"), QJsonArray{QStringLiteral("/bin/app")}},
            {QStringLiteral("cmd"), QJsonArray{QStringLiteral("--port"), QStringLiteral("8080")}},
            {QStringLiteral("ports"), QJsonArray{QJsonObject{{QStringLiteral("hostIp"), QStringLiteral("0.0.0.0")},
                                                             {QStringLiteral("hostPort"), 20000 + i},
                                                             {QStringLiteral("containerPort"), 8080},
                                                             {QStringLiteral("protocol"), QStringLiteral("tcp")}}}},
            {QStringLiteral("networks"),
             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("bridge")},
                                    {QStringLiteral("ipAddress"), QStringLiteral("172.17.0.%1").arg(i % 250 + 2)},
                                    {QStringLiteral("gateway"), QStringLiteral("172.17.0.1")},
                                    {QStringLiteral("macAddress"), QStringLiteral("02:42:ac:11:00:02")},
                                    {QStringLiteral("aliases"), QJsonArray()}}}},
            {QStringLiteral("mounts"),
             QJsonArray{
                 QJsonObject{{QStringLiteral("type"), QStringLiteral("volume")},
                             {QStringLiteral("source"), QStringLiteral("/var/lib/docker/volumes/v%1/_data").arg(i)},
                             {QStringLiteral("destination"), QStringLiteral("/data")},
                             {QStringLiteral("name"), QStringLiteral("v%1").arg(i)},
                             {QStringLiteral("mode"), QStringLiteral("z")},
                             {QStringLiteral("readWrite"), true}}}},
            {QStringLiteral("labels"), QJsonObject{{QStringLiteral("com.example.team"), QStringLiteral("ops")},
                                                   {QStringLiteral("com.example.tag"), tag}}},
            {QStringLiteral("env"), QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("DB_PASSWORD")},
                                                           {QStringLiteral("value"), QStringLiteral("********")},
                                                           {QStringLiteral("masked"), true}},
                                               QJsonObject{{QStringLiteral("key"), QStringLiteral("TZ")},
                                                           {QStringLiteral("value"), QStringLiteral("UTC")},
                                                           {QStringLiteral("masked"), false}}}},
            {QStringLiteral("stats"), running
                                          ? QJsonValue(QJsonObject{{QStringLiteral("cpuPercent"), 0.5},
                                                                   {QStringLiteral("memoryBytes"), 5347737},
                                                                   {QStringLiteral("memoryLimitBytes"), 8160437862.0},
                                                                   {QStringLiteral("memoryPercent"), 0.07},
                                                                   {QStringLiteral("networkRxBytes"), 1228},
                                                                   {QStringLiteral("networkTxBytes"), 0},
                                                                   {QStringLiteral("blockReadBytes"), 0},
                                                                   {QStringLiteral("blockWriteBytes"), 4096},
                                                                   {QStringLiteral("pids"), 3}})
                                          : QJsonValue(QJsonValue::Null)},
        };
        containers.append(c);
    }
    return QJsonObject{{QStringLiteral("schemaVersion"), 1},
                       {QStringLiteral("agentVersion"), QStringLiteral("1.0.0")},
                       {QStringLiteral("hostId"), hostId},
                       {QStringLiteral("hostname"), QString(hostId + QStringLiteral(".example"))},
                       {QStringLiteral("collectedAt"), QStringLiteral("2026-11-27T02:00:00Z")},
                       {QStringLiteral("statsIncluded"), true},
                       {QStringLiteral("containers"), containers}};
}

inline QByteArray makeReport(const QString &hostId, int count, const QString &tag = QStringLiteral("a"))
{
    return QJsonDocument(makeReportObject(hostId, count, tag)).toJson(QJsonDocument::Compact);
}

} // namespace archnest::test
