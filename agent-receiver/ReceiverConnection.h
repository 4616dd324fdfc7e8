#pragma once

// Internal to archnest_receiver: one client connection of AgentReceiver (AgentReceiver.cpp and
// AgentReceiverRead.cpp answer through it).

#include "AgentReceiver.h"
#include "HttpRequestParser.h"
#include "ReceiverHttp.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

namespace archnest::receiver {

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
            if (m_responded) {
                m_socket->abort(); // a client that does not read its answer
            } else if (handshaking()) {
                // A TLS client that never finished its handshake: nothing to answer it with.
                ++m_receiver->m_counters.timedOut;
                m_socket->abort();
                finish();
            } else {
                m_receiver->onTimeout(this);
            }
        });
        const ReceiverLimits &limits = receiver->config().limits;
        m_timer.start(qobject_cast<QSslSocket *>(socket) ? qMin(limits.headerTimeoutMs, limits.tlsHandshakeTimeoutMs)
                                                         : limits.headerTimeoutMs);
        connect(socket, &QTcpSocket::readyRead, this, &ReceiverConnection::onReadyRead);
        connect(socket, &QTcpSocket::disconnected, this, &ReceiverConnection::finish);
        connect(socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
            if (error == QAbstractSocket::SslHandshakeFailedError &&
                m_socket->state() != QAbstractSocket::UnconnectedState)
                m_socket->abort();
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
        m_receiver->releaseCharge(m_charged);
    }

    const HttpRequest &request() const { return m_parser.request(); }
    const HttpRequestParser &parser() const { return m_parser; }
    QString remote() const { return m_remote; }
    bool responded() const { return m_responded; }
    qint64 charged() const { return m_charged; }
    void setCharged(qint64 bytes) { m_charged = bytes; }
    QString declaredHost() const { return m_declaredHost; }
    void setDeclaredHost(const QString &host) { m_declaredHost = host; }
    bool handshaking() const
    {
        const auto *ssl = qobject_cast<const QSslSocket *>(m_socket);
        return ssl && !ssl->isEncrypted();
    }

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
                if (m_responded || !m_receiver->chargeBody(this, m_parser.declaredContentLength()))
                    return;
            }
            // A chunked body has no declared length: charge it as it grows.
            if (m_parser.headersComplete() && m_parser.request().body.size() > m_charged &&
                !m_receiver->chargeBody(this, m_parser.request().body.size()))
                return;
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
        m_receiver->connectionClosed(m_remote);
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
    qint64 m_charged = 0; // bytes of the buffered-bytes budget this connection holds
    QString m_declaredHost;
};

} // namespace archnest::receiver
