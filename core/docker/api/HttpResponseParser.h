#pragma once

// One HTTP/1.1 response from a Docker daemon, parsed from bytes with llhttp and no socket:
// status, headers (names lower-cased, at most kMaxResponseHeaderBytes in all), a body by
// Content-Length, chunked or ending at EOF, and a `101` answer after which the rest of the
// bytes are the raw hijacked stream. HttpConnection feeds it what its socket reads; the fuzz
// target feeds it anything.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>
#include <memory>

namespace archnest::dockerapi {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

inline constexpr qsizetype kMaxResponseHeaderBytes = 256 * 1024;

class HttpResponseParser final
{
public:
    enum class Outcome {
        NeedMore, // the response is not complete yet
        Complete, // one whole response was read; any bytes after it are not part of it
        Upgraded, // a 101 answer: the bytes after its head are the raw stream
        Failed,   // not HTTP, or over the header limit: error() says what
    };
    struct Callbacks
    {
        std::function<void(int status)> head;         // once per response, after the headers
        std::function<void(const QByteArray &)> body; // decoded body bytes (chunk framing removed)
    };

    explicit HttpResponseParser(Callbacks callbacks = {});
    ~HttpResponseParser();
    HttpResponseParser(const HttpResponseParser &) = delete;
    HttpResponseParser &operator=(const HttpResponseParser &) = delete;

    // Forgets the previous response (call before each request's answer).
    void reset();
    // Parses the next bytes. With Upgraded, `*consumed` is how many bytes belonged to the
    // HTTP head (the rest is raw stream); with Complete, how many belonged to the response.
    Outcome feed(const char *data, qsizetype len, qsizetype *consumed = nullptr);
    // The peer closed: a body that ends at EOF is Complete then; an unfinished one Failed.
    Outcome finish();

    int status() const { return m_status; }
    bool keepAlive() const { return m_keepAlive; }
    bool complete() const { return m_complete; }
    const HttpHeaders &headers() const { return m_headers; }
    QByteArray header(const QByteArray &name) const; // the first one of that name, any case
    QString error() const { return m_error; }

private:
    struct Llhttp;
    std::unique_ptr<Llhttp> m_llhttp;
    Callbacks m_callbacks;
    HttpHeaders m_headers;
    QByteArray m_field;
    QByteArray m_value;
    bool m_inValue = false;
    qsizetype m_headerBytes = 0;
    int m_status = 0;
    bool m_keepAlive = false;
    bool m_complete = false;
    bool m_failed = false;
    bool m_badStatus = false;
    QString m_error;

    void flushHeader();
};

} // namespace archnest::dockerapi
