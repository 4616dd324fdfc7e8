#pragma once

#include "ReceiverLimits.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <memory>

namespace archnest::receiver {

struct HttpRequest
{
    QByteArray method;                            // "GET", "POST", ...
    QByteArray url;                               // as sent (path + query)
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased
    QByteArray body;

    QByteArray header(const QByteArray &lowerName) const;
    QByteArray path() const; // url without the query, not decoded
};

// An HTTP/1.1 request parser on llhttp that enforces the size limits while it reads. One
// request per parser (the receiver answers with Connection: close); bytes after the first
// request are ignored. Pure: no sockets, so it is fuzzed directly.
class HttpRequestParser final
{
public:
    enum class State { Reading, Complete, Failed };

    explicit HttpRequestParser(const ReceiverLimits &limits = defaultReceiverLimits());
    ~HttpRequestParser();
    HttpRequestParser(const HttpRequestParser &) = delete;
    HttpRequestParser &operator=(const HttpRequestParser &) = delete;

    State feed(const char *data, qsizetype size);
    State feed(const QByteArray &data) { return feed(data.constData(), data.size()); }

    State state() const { return m_state; }
    bool headersComplete() const { return m_headersComplete; }
    const HttpRequest &request() const { return m_request; }
    qint64 declaredContentLength() const { return m_contentLength; } // -1 when not given
    bool expectsContinue() const;

    // When Failed: the status to answer (400, 413, 431) and a short reason.
    int errorStatus() const { return m_errorStatus; }
    QString errorMessage() const { return m_errorMessage; }

private:
    struct Impl;
    friend struct Impl;
    void fail(int status, const QString &message);

    ReceiverLimits m_limits;
    std::unique_ptr<Impl> m_impl;
    State m_state = State::Reading;
    HttpRequest m_request;
    QByteArray m_field;
    QByteArray m_value;
    bool m_inValue = false;
    bool m_headersComplete = false;
    qint64 m_headerBytes = 0;
    qint64 m_contentLength = -1;
    int m_errorStatus = 0;
    QString m_errorMessage;
};

} // namespace archnest::receiver
