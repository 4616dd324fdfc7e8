#pragma once

#include "HttpRequestParser.h"

#include <QByteArray>
#include <QString>

class QTcpSocket;

namespace archnest::receiver {

// The small HTTP pieces the receiver writes and reads besides the parser.
QByteArray reasonPhrase(int status);
// A complete response that closes the connection (JSON body, no caching).
QByteArray httpResponse(int status, const QByteArray &body, const QByteArray &extraHeaders = {});
// The token of "Authorization: Bearer TOKEN", or empty.
QByteArray bearerToken(const HttpRequest &r);
// The peer address, IPv4-mapped IPv6 shown as plain IPv4.
QString remoteOf(const QTcpSocket *s);
QString isoUtc(qint64 ms);

} // namespace archnest::receiver
