#include "ReceiverHttp.h"

#include <QDateTime>
#include <QHostAddress>
#include <QTcpSocket>

namespace archnest::receiver {

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
    case 507:
        return "Insufficient Storage";
    default:
        return "Error";
    }
}

QByteArray httpResponse(int status, const QByteArray &body, const QByteArray &extraHeaders)
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

} // namespace archnest::receiver
