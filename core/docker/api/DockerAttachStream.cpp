#include "docker/api/DockerAttachStream.h"

#include "docker/api/DockerApiStreams.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QUrl>
#include <QWebSocket>

namespace archnest::dockerapi {

DockerAttachStream::DockerAttachStream(DockerApiClient *client, QString ref, QObject *parent)
    : ExecStream(parent)
    , m_client(client)
    , m_ref(std::move(ref))
{}

DockerAttachStream::~DockerAttachStream()
{
    if (m_ws)
        m_ws->disconnect(this);
}

void DockerAttachStream::start()
{
    // Inspect first: it negotiates the API version (the WebSocket path needs it) and lets a
    // stopped container fail clearly instead of leaving a silent socket open.
    QPointer<DockerAttachStream> self(this);
    m_client->request(
        "GET", "/containers/" + QUrl::toPercentEncoding(m_ref) + "/json", {}, [self](Result<HttpResponse> r) {
            if (!self || self->m_done)
                return;
            const QString host = self->m_client->endpoint().hostName;
            if (!r.ok()) {
                self->fail(QStringLiteral("Cannot attach to %1 on %2: %3").arg(self->m_ref, host, r.errorMessage()));
                return;
            }
            if (r->status != 200) {
                self->fail(
                    containerErrorMessage(self->m_client->endpoint(), QStringLiteral("attach to"), self->m_ref, *r));
                return;
            }
            const QJsonObject state =
                QJsonDocument::fromJson(r->body).object().value(QLatin1String("State")).toObject();
            if (!state.value(QLatin1String("Running")).toBool()) {
                self->fail(QStringLiteral("Cannot attach to container %1 on %2: it is not running (%3); "
                                          "start it first.")
                               .arg(self->m_ref, host, state.value(QLatin1String("Status")).toString()));
                return;
            }
            self->openSocket();
        });
}

void DockerAttachStream::openSocket()
{
    const ApiEndpoint &ep = m_client->endpoint();
    const bool tls = ep.transport == ApiEndpoint::Transport::Tls;
    QUrl url;
    url.setScheme(tls ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setHost(ep.host);
    url.setPort(ep.port);
    url.setPath(QStringLiteral("/v%1/containers/%2/attach/ws").arg(m_client->apiVersion(), m_ref));
    url.setQuery(QStringLiteral("stream=1&stdin=1&stdout=1&stderr=1"));
    QNetworkRequest req(url);
    req.setRawHeader("User-Agent", "archnest");
    req.setRawHeader("Origin", (tls ? QByteArray("https://") : QByteArray("http://")) + ep.host.toUtf8());
    m_ws = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    if (tls) {
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        if (!ep.tls.caFile.isEmpty())
            conf.setCaCertificates(QSslCertificate::fromPath(ep.tls.caFile, QSsl::Pem));
        const auto certs = QSslCertificate::fromPath(ep.tls.certFile, QSsl::Pem);
        QFile keyFile(ep.tls.keyFile);
        if (!certs.isEmpty() && keyFile.open(QIODevice::ReadOnly)) {
            const QByteArray pem = keyFile.readAll();
            QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
            if (key.isNull())
                key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
            conf.setLocalCertificate(certs.first());
            conf.setPrivateKey(key);
        }
        conf.setPeerVerifyMode(ep.tls.verifyServer ? QSslSocket::VerifyPeer : QSslSocket::VerifyNone);
        m_ws->setSslConfiguration(conf);
    }
    connect(m_ws, &QWebSocket::connected, this, [this] {
        m_open = true;
        Q_EMIT started();
        if (!m_pending.isEmpty())
            m_ws->sendBinaryMessage(std::exchange(m_pending, {}));
    });
    connect(m_ws, &QWebSocket::binaryMessageReceived, this,
            [this](const QByteArray &d) { Q_EMIT dataReceived(d, OutputChannel::Stdout); });
    connect(m_ws, &QWebSocket::textMessageReceived, this,
            [this](const QString &t) { Q_EMIT dataReceived(t.toUtf8(), OutputChannel::Stdout); });
    connect(m_ws, &QWebSocket::disconnected, this, &DockerAttachStream::onClosed);
    connect(m_ws, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                if (!m_open)
                    fail(QStringLiteral("Cannot attach to %1 on %2 over WebSocket: %3")
                             .arg(m_ref, m_client->endpoint().hostName, m_ws->errorString()));
            });
    m_ws->open(req);
}

void DockerAttachStream::write(const QByteArray &data)
{
    if (m_done)
        return;
    if (m_open)
        m_ws->sendBinaryMessage(data);
    else
        m_pending += data;
}

void DockerAttachStream::resize(int cols, int rows)
{
    if (!m_client)
        return;
    m_client->request(
        "POST",
        "/containers/" + QUrl::toPercentEncoding(m_ref) + "/resize?h=" + QByteArray::number(rows) +
            "&w=" + QByteArray::number(cols),
        {}, [](Result<HttpResponse>) {}, 10000);
}

void DockerAttachStream::closeStdin()
{
    // A WebSocket has no half-close: stdin ends with the attachment.
}

void DockerAttachStream::terminate()
{
    if (m_ws)
        m_ws->close();
    else
        onClosed();
}

void DockerAttachStream::onClosed()
{
    if (m_done || !m_client)
        return;
    if (!m_open) {
        fail(QStringLiteral("Cannot attach to %1 on %2 over WebSocket: %3")
                 .arg(m_ref, m_client->endpoint().hostName, m_ws ? m_ws->errorString() : QString()));
        return;
    }
    m_done = true;
    QPointer<DockerAttachStream> self(this);
    m_client->request("GET", "/containers/" + QUrl::toPercentEncoding(m_ref) + "/json", {},
                      [self](Result<HttpResponse> r) {
                          if (!self)
                              return;
                          int code = -1;
                          if (r.ok() && r->status == 200) {
                              const QJsonObject st =
                                  QJsonDocument::fromJson(r->body).object().value(QLatin1String("State")).toObject();
                              if (!st.value(QLatin1String("Running")).toBool())
                                  code = st.value(QLatin1String("ExitCode")).toInt(-1);
                          }
                          Q_EMIT self->finished(code);
                      });
}

void DockerAttachStream::fail(const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT failed(message);
}

} // namespace archnest::dockerapi
