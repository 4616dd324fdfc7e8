#include "docker/api/HttpConnection.h"

#include <QFile>
#include <QLocalSocket>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>

#include <sys/socket.h>

namespace archnest::dockerapi {

HttpConnection::HttpConnection(ApiEndpoint endpoint, QObject *parent)
    : QObject(parent)
    , m_ep(std::move(endpoint))
    , m_parser(std::make_unique<HttpResponseParser>(
          HttpResponseParser::Callbacks{[this](int status) {
                                            m_status = status;
                                            m_keepAlive = m_parser->keepAlive();
                                            Q_EMIT headReceived(status);
                                        },
                                        [this](const QByteArray &data) { Q_EMIT bodyData(data); }}))
{}

HttpConnection::~HttpConnection()
{
    if (QIODevice *d = device())
        d->disconnect(this);
}

QIODevice *HttpConnection::device() const
{
    if (m_local)
        return m_local;
    return m_tcp;
}

QString HttpConnection::describe(const ApiEndpoint &ep, const QString &what)
{
    return QStringLiteral("Cannot reach the Docker daemon of %1 at %2: %3.").arg(ep.hostName, ep.display(), what);
}

void HttpConnection::open()
{
    if (m_ep.transport == ApiEndpoint::Transport::Unix) {
        m_local = new QLocalSocket(this);
        connect(m_local, &QLocalSocket::connected, this, [this] {
            m_connected = true;
            Q_EMIT connected();
        });
        connect(m_local, &QLocalSocket::readyRead, this, &HttpConnection::onReadyRead);
        connect(m_local, &QLocalSocket::disconnected, this, &HttpConnection::onDisconnected);
        connect(m_local, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError e) {
            if (e == QLocalSocket::PeerClosedError)
                return; // `disconnected` handles it
            if (e == QLocalSocket::ServerNotFoundError)
                onSocketError(QStringLiteral("no socket at %1").arg(m_ep.socketPath), !m_connected);
            else if (e == QLocalSocket::SocketAccessError)
                onSocketError(
                    QStringLiteral("permission denied on %1 (is this user in the docker group?)").arg(m_ep.socketPath),
                    !m_connected);
            else
                onSocketError(m_local->errorString(), !m_connected);
        });
        m_local->connectToServer(m_ep.socketPath);
        return;
    }
    if (m_ep.transport == ApiEndpoint::Transport::Tcp) {
        m_tcp = new QTcpSocket(this);
        connect(m_tcp, &QTcpSocket::connected, this, [this] {
            m_connected = true;
            Q_EMIT connected();
        });
    } else {
        m_ssl = new QSslSocket(this);
        m_tcp = m_ssl;
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        if (!m_ep.tls.caFile.isEmpty()) {
            const auto cas = QSslCertificate::fromPath(m_ep.tls.caFile, QSsl::Pem);
            if (cas.isEmpty()) {
                QMetaObject::invokeMethod(
                    this,
                    [this] {
                        fail(describe(m_ep, QStringLiteral("the CA file %1 holds no PEM certificate (check "
                                                           "DOCKER_CERT_PATH / the host's tls.caFile)")
                                                .arg(m_ep.tls.caFile)),
                             QStringLiteral("tls-config"));
                    },
                    Qt::QueuedConnection);
                return;
            }
            conf.setCaCertificates(cas);
        }
        if (!m_ep.tls.certFile.isEmpty() || !m_ep.tls.keyFile.isEmpty()) {
            const auto certs = QSslCertificate::fromPath(m_ep.tls.certFile, QSsl::Pem);
            QFile keyFile(m_ep.tls.keyFile);
            QSslKey key;
            if (keyFile.open(QIODevice::ReadOnly)) {
                const QByteArray pem = keyFile.readAll();
                key = QSslKey(pem, QSsl::Rsa, QSsl::Pem);
                if (key.isNull())
                    key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
            }
            if (certs.isEmpty() || key.isNull()) {
                QMetaObject::invokeMethod(
                    this,
                    [this] {
                        fail(describe(m_ep, QStringLiteral("the client certificate %1 or key %2 cannot be read as "
                                                           "PEM")
                                                .arg(m_ep.tls.certFile, m_ep.tls.keyFile)),
                             QStringLiteral("tls-config"));
                    },
                    Qt::QueuedConnection);
                return;
            }
            conf.setLocalCertificate(certs.first());
            conf.setPrivateKey(key);
        }
        conf.setPeerVerifyMode(m_ep.tls.verifyServer ? QSslSocket::VerifyPeer : QSslSocket::VerifyNone);
        m_ssl->setSslConfiguration(conf);
        connect(m_ssl, &QSslSocket::encrypted, this, [this] {
            m_connected = true;
            Q_EMIT connected();
        });
        connect(m_ssl, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
            QStringList texts;
            for (const QSslError &e : errors)
                texts << e.errorString();
            m_tlsProblem = QStringLiteral("the daemon's certificate was refused (%1); it is not signed by the "
                                          "configured CA %2")
                               .arg(texts.join(QStringLiteral("; ")),
                                    m_ep.tls.caFile.isEmpty() ? QStringLiteral("(system CAs)") : m_ep.tls.caFile);
        });
    }
    connect(m_tcp, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_tcp, &QTcpSocket::disconnected, this, &HttpConnection::onDisconnected);
    connect(m_tcp, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        if (e == QAbstractSocket::RemoteHostClosedError && m_connected && m_tlsProblem.isEmpty())
            return; // `disconnected` handles it
        onSocketError(m_tcp->errorString(), !m_connected);
    });
    if (m_ssl)
        m_ssl->connectToHostEncrypted(m_ep.host, m_ep.port);
    else
        m_tcp->connectToHost(m_ep.host, m_ep.port);
}

bool HttpConnection::isOpen() const
{
    if (!m_connected || m_failed)
        return false;
    if (m_local)
        return m_local->state() == QLocalSocket::ConnectedState;
    return m_tcp && m_tcp->state() == QAbstractSocket::ConnectedState;
}

bool HttpConnection::reusable() const
{
    return isOpen() && m_complete && m_keepAlive && !m_upgraded;
}

QByteArray HttpConnection::header(const QByteArray &name) const
{
    return m_parser->header(name);
}

void HttpConnection::send(const HttpRequest &request)
{
    m_parser->reset();
    m_status = 0;
    m_complete = false;
    m_inResponse = true;
    QByteArray out;
    out.reserve(256 + request.body.size());
    out += request.method + ' ' + request.target + " HTTP/1.1\r\n";
    QByteArray hostHeader = "docker"; // any name does on a unix socket
    if (m_ep.transport != ApiEndpoint::Transport::Unix)
        hostHeader = m_ep.host.contains(QLatin1Char(':')) ? "[" + m_ep.host.toUtf8() + "]" : m_ep.host.toUtf8();
    out += "Host: " + hostHeader + "\r\n";
    out += "User-Agent: archnest\r\n";
    if (request.upgrade)
        out += "Connection: Upgrade\r\nUpgrade: tcp\r\n";
    if (!request.body.isEmpty() || request.method == "POST") {
        out += "Content-Type: application/json\r\n";
        out += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    }
    out += "\r\n";
    out += request.body;
    device()->write(out);
}

void HttpConnection::write(const QByteArray &raw)
{
    if (QIODevice *d = device(); d && isOpen())
        d->write(raw);
}

void HttpConnection::closeWrite()
{
    QIODevice *d = device();
    if (!d || !isOpen())
        return;
    if (m_ssl) // TLS has no half-close that dockerd understands; stdin stays open
        return;
    qintptr fd = m_local ? m_local->socketDescriptor() : m_tcp->socketDescriptor();
    if (d->bytesToWrite() > 0) {
        if (!m_closeWriteWanted) {
            m_closeWriteWanted = true;
            connect(d, &QIODevice::bytesWritten, this, [this, d] {
                if (m_closeWriteWanted && d->bytesToWrite() == 0) {
                    m_closeWriteWanted = false;
                    closeWrite();
                }
            });
        }
        return;
    }
    if (fd >= 0)
        ::shutdown(int(fd), SHUT_WR);
}

void HttpConnection::abort()
{
    m_failed = true;
    if (m_local)
        m_local->abort();
    if (m_tcp)
        m_tcp->abort();
}

void HttpConnection::setReadPaused(bool paused)
{
    if (paused == m_readPaused)
        return;
    m_readPaused = paused;
    constexpr qint64 kPausedReadBuffer = 256 * 1024;
    const qint64 limit = paused ? kPausedReadBuffer : 0; // 0: unlimited, Qt's default
    if (m_local)
        m_local->setReadBufferSize(limit);
    if (m_tcp)
        m_tcp->setReadBufferSize(limit);
    if (paused)
        return;
    // Deliver what was held back, later (never inside the caller's call).
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_readPaused)
                return;
            onReadyRead();
            if (m_disconnectPending && !m_readPaused) {
                m_disconnectPending = false;
                onDisconnected();
            }
        },
        Qt::QueuedConnection);
}

void HttpConnection::onReadyRead()
{
    QIODevice *d = device();
    if (!d || m_readPaused)
        return;
    const QByteArray data = d->readAll();
    if (data.isEmpty())
        return;
    if (m_upgraded) {
        Q_EMIT bodyData(data);
        return;
    }
    feed(data.constData(), data.size());
}

void HttpConnection::feed(const char *data, qsizetype len)
{
    if (!m_inResponse) {
        return; // bytes nobody asked for on an idle keep-alive connection: drop them
    }
    qsizetype used = len;
    switch (m_parser->feed(data, len, &used)) {
    case HttpResponseParser::Outcome::NeedMore:
        return;
    case HttpResponseParser::Outcome::Complete:
        // A complete response. With keep-alive nothing should follow until the next request.
        m_complete = true;
        m_inResponse = false;
        Q_EMIT responseComplete();
        return;
    case HttpResponseParser::Outcome::Upgraded:
        m_upgraded = true;
        m_inResponse = false;
        if (used < len)
            Q_EMIT bodyData(QByteArray(data + used, len - used));
        return;
    case HttpResponseParser::Outcome::Failed:
        break;
    }
    fail(QStringLiteral("The Docker daemon of %1 at %2 sent an invalid HTTP response (%3).")
             .arg(m_ep.hostName, m_ep.display(), m_parser->error()),
         QStringLiteral("bad-response"));
}

void HttpConnection::onDisconnected()
{
    if (m_failed)
        return;
    if (m_readPaused) { // the data before the close is still unread: report the close after it
        m_disconnectPending = true;
        return;
    }
    if (m_inResponse && m_status != 0) {
        // A body that ends at EOF (no length, not chunked).
        if (m_parser->finish() == HttpResponseParser::Outcome::Complete) {
            m_complete = true;
            m_inResponse = false;
            Q_EMIT responseComplete();
            Q_EMIT closed();
            return;
        }
    }
    if (m_inResponse) {
        if (!m_tlsProblem.isEmpty()) {
            fail(describe(m_ep, m_tlsProblem), QStringLiteral("tls-server-cert"));
            return;
        }
        fail(describe(m_ep, m_status == 0 ? QStringLiteral("the connection closed before an answer came (did the "
                                                           "daemon restart or stop?)")
                                          : QStringLiteral("the connection closed in the middle of an answer")),
             QStringLiteral("connection-closed"));
        return;
    }
    Q_EMIT closed();
}

void HttpConnection::onSocketError(const QString &socketMessage, bool beforeConnected)
{
    if (m_failed)
        return;
    if (!m_tlsProblem.isEmpty()) {
        fail(describe(m_ep, m_tlsProblem), QStringLiteral("tls-server-cert"));
        return;
    }
    if (m_ssl && (beforeConnected || m_status == 0)) {
        const bool handshake = m_ssl->error() == QAbstractSocket::SslHandshakeFailedError ||
                               m_ssl->error() == QAbstractSocket::RemoteHostClosedError ||
                               m_ssl->error() == QAbstractSocket::SslInternalError;
        if (handshake) {
            const QString why =
                m_ep.tls.certFile.isEmpty()
                    ? QStringLiteral("the daemon refused the TLS connection: it requires a client certificate and "
                                     "none is configured (set DOCKER_CERT_PATH or the host's tls.certFile/keyFile) "
                                     "[%1]")
                          .arg(socketMessage)
                    : QStringLiteral("the daemon refused our client certificate %1: it is not signed by a CA the "
                                     "daemon trusts [%2]")
                          .arg(m_ep.tls.certFile, socketMessage);
            fail(describe(m_ep, why), QStringLiteral("tls-client-cert"));
            return;
        }
    }
    if (beforeConnected) {
        fail(describe(m_ep, socketMessage + QStringLiteral(" (is dockerd running and listening there?)")),
             QStringLiteral("connect-failed"));
        return;
    }
    if (m_upgraded || !m_inResponse) {
        m_failed = true;
        Q_EMIT closed();
        return;
    }
    fail(describe(m_ep, socketMessage), QStringLiteral("connection-lost"));
}

void HttpConnection::fail(const QString &message, const QString &code)
{
    if (m_failed)
        return;
    m_failed = true;
    m_inResponse = false;
    Q_EMIT failed(message, code);
}

} // namespace archnest::dockerapi
