#pragma once

// One HTTP/1.1 connection to a Docker daemon over a unix socket, TCP or TLS. Responses are
// parsed by HttpResponseParser (llhttp: chunked bodies, keep-alive, EOF-terminated bodies); a
// `101` answer switches the connection to a raw byte stream (the Engine API's hijack for exec
// and attach).

#include "docker/api/ApiEndpoint.h"
#include "docker/api/HttpResponseParser.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>

#include <memory>

class QIODevice;
class QLocalSocket;
class QSslSocket;
class QTcpSocket;

namespace archnest::dockerapi {

struct HttpRequest
{
    QByteArray method = "GET";
    QByteArray target; // "/v1.41/containers/json?all=1"
    QByteArray body;   // sent as application/json when not empty
    bool upgrade = false;
};

class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    explicit HttpConnection(ApiEndpoint endpoint, QObject *parent = nullptr);
    ~HttpConnection() override;

    void open(); // `connected` or `failed` follows
    bool isOpen() const;
    // True once a complete response was read on a keep-alive connection: it may carry another.
    bool reusable() const;
    bool upgraded() const { return m_upgraded; }
    int statusCode() const { return m_status; }
    QByteArray header(const QByteArray &name) const;

    void send(const HttpRequest &request);
    void write(const QByteArray &raw); // after an upgrade: the container's stdin
    void closeWrite();                 // half-close (stdin EOF) once everything queued is written
    void abort();
    // Flow control (upgraded streams): while paused nothing is read, the socket's read buffer
    // is capped so the kernel's buffers fill and the daemon blocks; resuming delivers the rest
    // (and a close that came meanwhile, after the data).
    void setReadPaused(bool paused);

    // Describes a socket/TLS failure the way a user can act on it.
    static QString describe(const ApiEndpoint &ep, const QString &what);

Q_SIGNALS:
    void connected();
    void headReceived(int status);
    void bodyData(const QByteArray &data);
    void responseComplete();
    void closed(); // the peer closed the connection (after or instead of a response)
    void failed(const QString &message, const QString &code);

private:
    void onReadyRead();
    void onDisconnected();
    void onSocketError(const QString &socketMessage, bool beforeConnected);
    void feed(const char *data, qsizetype len);
    void fail(const QString &message, const QString &code);
    QIODevice *device() const;

    ApiEndpoint m_ep;
    QLocalSocket *m_local = nullptr;
    QTcpSocket *m_tcp = nullptr; // also the QSslSocket for TLS
    QSslSocket *m_ssl = nullptr;
    std::unique_ptr<HttpResponseParser> m_parser;
    bool m_connected = false;
    bool m_inResponse = false;
    bool m_complete = false;
    bool m_keepAlive = false;
    bool m_upgraded = false;
    bool m_failed = false;
    bool m_closeWriteWanted = false;
    bool m_readPaused = false;
    bool m_disconnectPending = false; // the peer closed while reading was paused
    int m_status = 0;
    QString m_tlsProblem;
};

} // namespace archnest::dockerapi
