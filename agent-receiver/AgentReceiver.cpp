#include "AgentReceiver.h"

#include "HttpRequestParser.h"
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
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

Q_LOGGING_CATEGORY(lcReceiver, "archnest.receiver")

namespace archnest::receiver {

namespace {

const QByteArray kReportPath = QByteArrayLiteral("/api/agents/docker/report");
const QByteArray kHostsPath = QByteArrayLiteral("/api/agents/docker/hosts");

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 413:
        return "Content Too Large";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

QByteArray httpResponse(int status, const QByteArray &body, const QByteArray &extraHeaders = {})
{
    QByteArray out;
    out.reserve(body.size() + 160);
    out += "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Cache-Control: no-store\r\nConnection: close\r\n" + extraHeaders + "\r\n";
    out += body;
    return out;
}

QByteArray bearerToken(const HttpRequest &r)
{
    const QByteArray h = r.header("authorization");
    if (h.size() < 8 || h.left(7).toLower() != "bearer ")
        return {};
    return h.mid(7).trimmed();
}

QString remoteOf(const QTcpSocket *s)
{
    bool v4 = false;
    const quint32 a = s->peerAddress().toIPv4Address(&v4);
    return v4 ? QHostAddress(a).toString() : s->peerAddress().toString();
}

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

QByteArray jsonError(const QString &message, const QString &field)
{
    QJsonObject o{{QStringLiteral("error"), message.left(300)}};
    if (!field.isEmpty())
        o.insert(QStringLiteral("field"), field.left(200));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// One client connection: reads into the parser, enforces the timeouts, writes one response.
class ReceiverConnection final : public QObject
{
public:
    ReceiverConnection(QTcpSocket *socket, AgentReceiver *receiver)
        : QObject(receiver)
        , m_socket(socket)
        , m_receiver(receiver)
        , m_parser(receiver->config().limits)
        , m_remote(remoteOf(socket))
    {
        socket->setParent(this);
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            if (m_responded)
                m_socket->abort(); // a client that does not read its answer
            else
                m_receiver->onTimeout(this);
        });
        m_timer.start(receiver->config().limits.headerTimeoutMs);
        connect(socket, &QTcpSocket::readyRead, this, &ReceiverConnection::onReadyRead);
        connect(socket, &QTcpSocket::disconnected, this, &ReceiverConnection::finish);
        connect(socket, &QTcpSocket::errorOccurred, this, [this] {
            if (m_socket->state() == QAbstractSocket::UnconnectedState)
                finish();
        });
        if (socket->bytesAvailable() > 0)
            QTimer::singleShot(0, this, &ReceiverConnection::onReadyRead);
    }

    ~ReceiverConnection() override
    {
        // The socket is our child and dies after us: keep its last signals from reaching us.
        m_socket->disconnect(this);
        m_timer.disconnect(this);
    }

    const HttpRequest &request() const { return m_parser.request(); }
    const HttpRequestParser &parser() const { return m_parser; }
    QString remote() const { return m_remote; }
    bool responded() const { return m_responded; }

    void respond(int status, const QByteArray &body, const QByteArray &extraHeaders = {})
    {
        if (m_responded)
            return;
        m_responded = true;
        m_status = status;
        m_socket->write(httpResponse(status, body, extraHeaders));
        m_socket->disconnectFromHost();
        m_timer.start(m_receiver->config().limits.closeGraceMs);
    }

    void sendContinue() { m_socket->write("HTTP/1.1 100 Continue\r\n\r\n"); }

private:
    void onReadyRead()
    {
        if (m_responded) {
            m_socket->readAll(); // ignore anything after our answer
            return;
        }
        // Bounded reads: at most the limits plus one chunk ever sit in memory.
        for (int rounds = 0; rounds < 64 && m_socket->bytesAvailable() > 0 && !m_responded; ++rounds) {
            const QByteArray chunk = m_socket->read(64 * 1024);
            const bool hadHeaders = m_parser.headersComplete();
            const auto state = m_parser.feed(chunk);
            if (state == HttpRequestParser::State::Failed) {
                m_receiver->onFailed(this, m_parser.errorStatus(), m_parser.errorMessage());
                return;
            }
            if (!hadHeaders && m_parser.headersComplete()) {
                m_timer.start(m_receiver->config().limits.bodyTimeoutMs);
                m_receiver->onHeaders(this);
                if (m_responded)
                    return;
            }
            if (state == HttpRequestParser::State::Complete) {
                m_timer.stop();
                m_receiver->onComplete(this);
                return;
            }
        }
        if (m_socket->bytesAvailable() > 0 && !m_responded)
            QTimer::singleShot(0, this, &ReceiverConnection::onReadyRead);
    }

    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        m_timer.stop();
        m_receiver->connectionClosed();
        deleteLater();
    }

    QTcpSocket *m_socket = nullptr;
    AgentReceiver *m_receiver = nullptr;
    HttpRequestParser m_parser;
    QString m_remote;
    QTimer m_timer;
    bool m_responded = false;
    bool m_finished = false;
    int m_status = 0;
};

AgentReceiver::AgentReceiver(ReceiverConfig config, store::AgentReportStore *store, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_store(store)
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
        auto *ssl = new QSslServer(this);
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setLocalCertificateChain(chain);
        conf.setPrivateKey(usableKey);
        conf.setPeerVerifyMode(QSslSocket::VerifyNone);
        ssl->setSslConfiguration(conf);
        ssl->setHandshakeTimeout(m_config.limits.tlsHandshakeTimeoutMs);
        m_server = ssl;
    } else {
        m_server = new QTcpServer(this);
    }
    m_server->setMaxPendingConnections(m_config.limits.maxConnections);
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &AgentReceiver::acceptPending);
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
    m_open = 0;
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
    for (int i = 0; m_server && i < 1024 && m_server->hasPendingConnections(); ++i) {
        QTcpSocket *socket = m_server->nextPendingConnection();
        if (!socket)
            break;
        ++m_counters.connections;
        if (m_open >= m_config.limits.maxConnections) {
            // Over the cap: a short answer and close, without reading anything.
            ++m_counters.overCapacity;
            socket->write(httpResponse(503, jsonError(QStringLiteral("too many connections; retry later")),
                                       "Retry-After: 5\r\n"));
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(m_config.limits.closeGraceMs, socket, [socket] {
                socket->abort();
                socket->deleteLater();
            });
            continue;
        }
        ++m_open;
        new ReceiverConnection(socket, this);
    }
}

void AgentReceiver::connectionClosed()
{
    m_open = qMax(0, m_open - 1);
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
        if (c->parser().expectsContinue())
            c->sendContinue();
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

    // A token bound to a host may only report as that host; a host with its own token does not
    // accept the shared one.
    const QByteArray presented = bearerToken(c->request());
    const auto bound = m_config.hostTokens.constFind(report->hostId);
    const bool allowed = bound != m_config.hostTokens.cend() ? checkToken(presented, bound.value())
                                                             : checkToken(presented, m_config.ingestToken);
    if (!allowed)
        return reject(403, QStringLiteral("this token may not report as host '%1'").arg(report->hostId));

    if (!m_store)
        return reject(503, QStringLiteral("the receiver has no store"));
    store::AgentReportRecord record;
    record.hostId = report->hostId;
    record.hostname = report->hostname.isEmpty() ? report->hostId : report->hostname;
    record.receivedAtMs = m_now();
    record.remoteAddress = c->remote();
    record.containerCount = int(report->containers.size());
    record.schemaVersion = report->schemaVersion;
    record.report = report->storedJson; // re-serialised and masked, never the raw body
    if (m_config.beforeStore)
        m_config.beforeStore(record.hostId);
    VoidResult stored = m_store->storeReport(record);
    if (!stored) {
        qCWarning(lcReceiver).noquote() << stored.errorMessage();
        return reject(500, QStringLiteral("the report could not be stored; the previous one is kept"));
    }
    ++m_counters.stored;
    QJsonObject ok{{QStringLiteral("ok"), true},
                   {QStringLiteral("hostId"), record.hostId},
                   {QStringLiteral("containers"), record.containerCount}};
    c->respond(200, QJsonDocument(ok).toJson(QJsonDocument::Compact));
    Q_EMIT reportStored(record.hostId);
}

void AgentReceiver::handleRead(ReceiverConnection *c, const QList<QString> &segments)
{
    auto fail = [&](int status, const QString &message) { c->respond(status, jsonError(message)); };
    if (!m_store)
        return fail(503, QStringLiteral("the receiver has no store"));
    const qint64 now = m_now();
    if (segments.isEmpty()) {
        auto hosts = m_store->listHosts();
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
