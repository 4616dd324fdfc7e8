#include "AgentReceiver.h"

#include "HttpRequestParser.h"
#include "ReceiverConnection.h"
#include "ReceiverHttp.h"
#include "docker/agent/AgentReport.h"
#include "security/ConstantTime.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

Q_LOGGING_CATEGORY(lcReceiver, "archnest.receiver")

namespace archnest::receiver {

namespace {

// No store yet (it could not be opened at start and is being opened again): like a database away.
Error noStoreError()
{
    return makeError(QStringLiteral("the store is not open yet"), store::kDatabaseUnavailable);
}

const QByteArray kReportPath = QByteArrayLiteral("/api/agents/docker/report");
const QByteArray kHostsPath = QByteArrayLiteral("/api/agents/docker/hosts");
const QByteArray kHealthPath = QByteArrayLiteral("/healthz");
// Optional: the agent names its host before the body, so a host-bound token is checked before
// the body is read. The body's hostId must then match it.
const QByteArray kHostHeader = QByteArrayLiteral("x-archnest-host-id");

} // namespace

QByteArray jsonError(const QString &message, const QString &field)
{
    QJsonObject o{{QStringLiteral("error"), message.left(300)}};
    if (!field.isEmpty())
        o.insert(QStringLiteral("field"), field.left(200));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

AgentReceiver::AgentReceiver(ReceiverConfig config, store::AgentReportStore *store, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_store(store)
    , m_budget(m_config.limits)
{}

AgentReceiver::~AgentReceiver()
{
    stop();
}

VoidResult AgentReceiver::start()
{
    if (m_server)
        return {};
    const QString where = QStringLiteral("%1:%2").arg(m_config.address.toString()).arg(m_config.port);
    if (m_config.useTls()) {
        QFile certFile(m_config.certificateFile);
        QFile keyFile(m_config.privateKeyFile);
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return makeError(QStringLiteral("Cannot read the receiver's TLS certificate %1 or key %2.")
                                 .arg(m_config.certificateFile, m_config.privateKeyFile),
                             QStringLiteral("config"));
        const QList<QSslCertificate> chain = QSslCertificate::fromData(certFile.readAll(), QSsl::Pem);
        const QSslKey key(keyFile.readAll(), QSsl::Rsa, QSsl::Pem);
        QSslKey usableKey = key;
        if (key.isNull()) {
            keyFile.seek(0);
            usableKey = QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem);
        }
        if (chain.isEmpty() || usableKey.isNull())
            return makeError(QStringLiteral("The receiver's TLS certificate %1 or key %2 is not valid PEM.")
                                 .arg(m_config.certificateFile, m_config.privateKeyFile),
                             QStringLiteral("config"));
        m_tlsConfig = QSslConfiguration::defaultConfiguration();
        m_tlsConfig.setLocalCertificateChain(chain);
        m_tlsConfig.setPrivateKey(usableKey);
        m_tlsConfig.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    m_server = new ReceiverServer(m_config.useTls(), this);
    // Accepted sockets are handed over at once (acceptPending); this only bounds a burst.
    m_server->setMaxPendingConnections(m_config.limits.maxConnections);
    // A burst of agents (or a flood) must not overflow the kernel's accept queue: SYNs beyond it
    // are dropped and retried only after seconds.
    m_server->setListenBacklogSize(qMax(128, m_config.limits.maxConnections));
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &AgentReceiver::acceptPending);
    connect(m_server, &QTcpServer::acceptError, this, &AgentReceiver::onAcceptError);
    if (!m_server->listen(m_config.address, m_config.port)) {
        const QString why = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        return makeError(QStringLiteral("The agent receiver cannot listen on %1: %2").arg(where, why),
                         QStringLiteral("listen"));
    }
    m_public = !isPrivateAddress(m_config.address);
    if (m_public)
        qCWarning(lcReceiver).noquote()
            << QStringLiteral("The agent receiver listens on %1, which is not a loopback, private or mesh address: "
                              "anyone who can route to it can reach the ingest endpoint. Bind a mesh address.")
                   .arg(m_config.address.toString());
    if (!m_config.ingestEnabled())
        qCWarning(lcReceiver) << "no ingest token configured: POST" << kReportPath << "answers 503";
    qCInfo(lcReceiver).noquote() << QStringLiteral("agent receiver listening on %1:%2 (%3)")
                                        .arg(address().toString())
                                        .arg(port())
                                        .arg(m_config.useTls() ? QStringLiteral("https") : QStringLiteral("http"));
    return {};
}

void AgentReceiver::stop()
{
    if (!m_server)
        return;
    m_server->close();
    delete m_server;
    m_server = nullptr;
    const auto conns = findChildren<ReceiverConnection *>(Qt::FindDirectChildrenOnly);
    for (ReceiverConnection *c : conns)
        delete c;
    m_budget.clear();
}

void AgentReceiver::setTokens(const QByteArray &ingestToken, const QHash<QString, QByteArray> &hostTokens)
{
    m_config.ingestToken = ingestToken;
    m_config.hostTokens = hostTokens;
}

bool AgentReceiver::isListening() const
{
    return m_server && m_server->isListening();
}

QHostAddress AgentReceiver::address() const
{
    return m_server ? m_server->serverAddress() : QHostAddress();
}

quint16 AgentReceiver::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void AgentReceiver::acceptPending()
{
    // Every pending connection is taken at once (none waits in the server's queue), and each is
    // admitted against the global cap and its own address's cap: one client address holds at
    // most maxConnectionsPerAddress slots, so it cannot starve the others.
    for (int i = 0; m_server && i < 1024 && m_server->hasPendingConnections(); ++i) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        if (!socket)
            break;
        ++m_counters.connections;
        const QString remote = remoteOf(socket);
        switch (m_budget.admit(remote)) {
        case ConnectionBudget::Admission::OverTotal:
            ++m_counters.overCapacity;
            refuse(socket, QStringLiteral("too many connections; retry later"));
            continue;
        case ConnectionBudget::Admission::OverAddress:
            ++m_counters.overAddress;
            refuse(socket, QStringLiteral("too many connections from your address; retry later"));
            continue;
        case ConnectionBudget::Admission::Admitted:
            break;
        }
        if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
            ssl->setSslConfiguration(m_tlsConfig);
            ssl->startServerEncryption();
        }
        new ReceiverConnection(socket, this);
    }
}

void AgentReceiver::refuse(QTcpSocket *socket, const QString &why)
{
    if (qobject_cast<QSslSocket *>(socket)) {
        socket->abort(); // no TLS session yet: a plain-text answer would mean nothing to it
        socket->deleteLater();
        return;
    }
    // A short answer and close, without reading anything.
    socket->write(httpResponse(503, jsonError(why), "Retry-After: 5\r\n"));
    socket->disconnectFromHost();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(m_config.limits.closeGraceMs, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
}

void AgentReceiver::onAcceptError(QAbstractSocket::SocketError error)
{
    // Out of file descriptors and the like: QTcpServer stops accepting. Take up again shortly,
    // once connections have closed, instead of staying deaf while saying "listening".
    ++m_counters.acceptErrors;
    qCWarning(lcReceiver).noquote() << QStringLiteral("cannot accept a connection (%1: %2); retrying in %3 ms")
                                           .arg(int(error))
                                           .arg(m_server ? m_server->errorString() : QString())
                                           .arg(m_config.limits.acceptRetryMs);
    if (!m_server)
        return;
    m_server->pauseAccepting();
    QTimer::singleShot(m_config.limits.acceptRetryMs, this, [this] {
        if (m_server)
            m_server->resumeAccepting();
    });
}

void AgentReceiver::connectionClosed(const QString &remote)
{
    m_budget.release(remote);
}

bool AgentReceiver::chargeBody(ReceiverConnection *c, qint64 totalBytes)
{
    if (c->responded() || totalBytes <= c->charged())
        return !c->responded();
    if (m_budget.reserve(totalBytes - c->charged())) {
        c->setCharged(totalBytes);
        return true;
    }
    ++m_counters.overBuffer;
    ++m_counters.rejected;
    const QString why = QStringLiteral("the receiver is busy (too many request bytes in flight); retry later");
    Q_EMIT requestRejected(c->remote(), 503, why);
    c->respond(503, jsonError(why), "Retry-After: 2\r\n");
    return false;
}

void AgentReceiver::rejectUnavailableStore(ReceiverConnection *c, const Error &error)
{
    ++m_counters.storeUnavailable;
    ++m_counters.rejected;
    const QString why = error.code == store::kDatabaseBusy
                            ? QStringLiteral("the store is busy (locked by another process); retry later")
                            : QStringLiteral("the store is not reachable; retry later");
    Q_EMIT requestRejected(c->remote(), 503, why);
    c->respond(503, jsonError(why),
               "Retry-After: " + QByteArray::number(m_store ? m_store->retryAfterSeconds() : 5) + "\r\n");
}

void AgentReceiver::onFailed(ReceiverConnection *c, int status, const QString &message)
{
    ++m_counters.rejected;
    Q_EMIT requestRejected(c->remote(), status, message);
    c->respond(status, jsonError(message));
}

void AgentReceiver::onTimeout(ReceiverConnection *c)
{
    ++m_counters.timedOut;
    const QString why = c->parser().headersComplete() ? QStringLiteral("request body not received in time")
                                                      : QStringLiteral("request headers not received in time");
    qCInfo(lcReceiver).noquote() << QStringLiteral("dropping slow client %1: %2").arg(c->remote(), why);
    Q_EMIT requestRejected(c->remote(), 408, why);
    c->respond(408, jsonError(why));
}

bool AgentReceiver::checkToken(const QByteArray &presented, const QByteArray &expected) const
{
    return !presented.isEmpty() && !expected.isEmpty() && security::constantTimeEquals(presented, expected);
}

bool AgentReceiver::tokenMaySpeakFor(const QByteArray &presented, const QString &hostId) const
{
    // A host with its own token does not accept the shared one.
    const auto bound = m_config.hostTokens.constFind(hostId);
    return bound != m_config.hostTokens.cend() ? checkToken(presented, bound.value())
                                               : checkToken(presented, m_config.ingestToken);
}

bool AgentReceiver::ingestTokenKnown(const QByteArray &presented) const
{
    bool known = checkToken(presented, m_config.ingestToken);
    for (auto it = m_config.hostTokens.cbegin(); it != m_config.hostTokens.cend(); ++it)
        known = checkToken(presented, it.value()) || known; // no early exit: same work for every token
    return known;
}

void AgentReceiver::onHeaders(ReceiverConnection *c)
{
    const HttpRequest &r = c->request();
    const QByteArray path = r.path();
    auto reject = [&](int status, const QString &message, const QByteArray &extra = {}) {
        ++m_counters.rejected;
        Q_EMIT requestRejected(c->remote(), status, message);
        c->respond(status, jsonError(message), extra);
    };
    if (path == kReportPath) {
        if (r.method != "POST")
            return reject(405, QStringLiteral("use POST"), "Allow: POST\r\n");
        if (!m_config.ingestEnabled())
            return reject(503, QStringLiteral("agent ingest is disabled: no token is configured on the receiver"));
        if (!ingestTokenKnown(bearerToken(r)))
            return reject(401, QStringLiteral("missing or wrong bearer token"), "WWW-Authenticate: Bearer\r\n");
        if (const QByteArray named = r.header(kHostHeader); !named.isEmpty()) {
            // The host is known before the body: check a host-bound token now, not after 8 MiB.
            const QString host = QString::fromUtf8(named);
            if (!agent::isValidHostId(host))
                return reject(400, QStringLiteral("the X-ArchNest-Host-Id header is not a valid host id"));
            if (!tokenMaySpeakFor(bearerToken(r), host))
                return reject(403, QStringLiteral("this token may not report as host '%1'").arg(host));
            c->setDeclaredHost(host);
        }
        if (c->parser().expectsContinue())
            c->sendContinue();
        return;
    }
    if (path == kHealthPath) {
        // For load balancers: no token, no data (it says only whether the store answers).
        if (r.method != "GET" && r.method != "HEAD")
            return reject(405, QStringLiteral("use GET"), "Allow: GET, HEAD\r\n");
        return;
    }
    if (path == kHostsPath || path.startsWith(QByteArray(kHostsPath + '/'))) {
        if (r.method != "GET")
            return reject(405, QStringLiteral("use GET"), "Allow: GET\r\n");
        if (m_config.readToken.isEmpty())
            return reject(503, QStringLiteral("the read endpoints are disabled: no read token is configured"));
        if (!checkToken(bearerToken(r), m_config.readToken))
            return reject(401, QStringLiteral("missing or wrong bearer token"), "WWW-Authenticate: Bearer\r\n");
        return;
    }
    reject(404, QStringLiteral("no such endpoint"));
}

void AgentReceiver::onComplete(ReceiverConnection *c)
{
    if (c->responded())
        return;
    const QByteArray path = c->request().path();
    if (path == kReportPath)
        return handleIngest(c);
    if (path == kHealthPath)
        return handleHealth(c);
    QList<QString> segments;
    const QList<QByteArray> raw = path.mid(kHostsPath.size()).split('/');
    for (const QByteArray &s : raw) {
        if (!s.isEmpty())
            segments.append(QUrl::fromPercentEncoding(s));
    }
    handleRead(c, segments);
}

void AgentReceiver::handleIngest(ReceiverConnection *c)
{
    auto reject = [&](int status, const QString &message, const QString &field = {}) {
        ++m_counters.rejected;
        Q_EMIT requestRejected(c->remote(), status, message);
        c->respond(status, jsonError(message, field));
    };
    const QByteArray &body = c->request().body;
    Result<agent::AgentReport> report = agent::parseAgentReport(body);
    if (!report)
        return reject(400, report.errorMessage(), report.error().code);

    // A token bound to a host may only report as that host (the one named in the header too).
    if (!c->declaredHost().isEmpty() && c->declaredHost() != report->hostId)
        return reject(400,
                      QStringLiteral("the report's hostId '%1' is not the host named in X-ArchNest-Host-Id ('%2')")
                          .arg(report->hostId, c->declaredHost()),
                      QStringLiteral("hostId"));
    if (!tokenMaySpeakFor(bearerToken(c->request()), report->hostId))
        return reject(403, QStringLiteral("this token may not report as host '%1'").arg(report->hostId));

    if (!m_store)
        return rejectUnavailableStore(c, noStoreError());
    store::AgentReportRecord record;
    record.hostId = report->hostId;
    record.hostname = report->hostname.isEmpty() ? report->hostId : report->hostname;
    record.receivedAtMs = m_now();
    // The agent's clock decides which of two reports is newer (receivers side by side may store
    // them in any order); a report without collectedAt counts as collected when it arrived.
    record.collectedAtMs =
        report->collectedAt.isValid() ? report->collectedAt.toMSecsSinceEpoch() : record.receivedAtMs;
    record.remoteAddress = c->remote();
    record.containerCount = int(report->containers.size());
    record.schemaVersion = report->schemaVersion;
    record.report = report->storedJson; // re-serialised and masked, never the raw body
    if (m_config.beforeStore)
        m_config.beforeStore(record.hostId);
    store::AgentReportStore::StoreOutcome outcome = store::AgentReportStore::StoreOutcome::Stored;
    VoidResult stored = m_store->storeReport(record, &outcome);
    if (!stored &&
        (stored.error().code == store::kDatabaseUnavailable || stored.error().code == store::kDatabaseBusy)) {
        qCWarning(lcReceiver).noquote() << stored.errorMessage();
        return rejectUnavailableStore(c, stored.error());
    }
    if (!stored) {
        qCWarning(lcReceiver).noquote() << stored.errorMessage();
        if (stored.error().code == QLatin1String("store-full"))
            return reject(507, QStringLiteral("the receiver's disk is full: the report could not be stored; the "
                                              "previous one is kept. Free space where the store lives"));
        return reject(500, QStringLiteral("the report could not be stored; the previous one is kept"));
    }
    QJsonObject ok{{QStringLiteral("ok"), true},
                   {QStringLiteral("hostId"), record.hostId},
                   {QStringLiteral("containers"), record.containerCount}};
    if (outcome == store::AgentReportStore::StoreOutcome::Superseded) {
        // Acknowledged (the agent must not retry it), but the store already holds a report of
        // this host collected later.
        ++m_counters.superseded;
        ok.insert(QStringLiteral("superseded"), true);
        c->respond(200, QJsonDocument(ok).toJson(QJsonDocument::Compact));
        return;
    }
    ++m_counters.stored;
    c->respond(200, QJsonDocument(ok).toJson(QJsonDocument::Compact));
    Q_EMIT reportStored(record.hostId);
}

} // namespace archnest::receiver
