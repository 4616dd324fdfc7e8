#include "HttpRequestParser.h"

#include <llhttp.h>

namespace archnest::receiver {

struct HttpRequestParser::Impl
{
    llhttp_t parser{};
    llhttp_settings_t settings{};

    static HttpRequestParser *self(llhttp_t *p) { return static_cast<HttpRequestParser *>(p->data); }

    // Counts request-line and header bytes; false (and the parser fails) over the limit.
    static bool countHeader(HttpRequestParser *s, size_t length)
    {
        s->m_headerBytes += qint64(length);
        if (s->m_headerBytes > s->m_limits.maxHeaderBytes) {
            s->fail(431, QStringLiteral("request headers are larger than %1 bytes").arg(s->m_limits.maxHeaderBytes));
            return false;
        }
        return true;
    }

    static void flushHeader(HttpRequestParser *s)
    {
        if (!s->m_field.isEmpty())
            s->m_request.headers.append({s->m_field.toLower(), s->m_value.trimmed()});
        s->m_field.clear();
        s->m_value.clear();
        s->m_inValue = false;
    }

    static int onUrl(llhttp_t *p, const char *at, size_t length)
    {
        auto *s = self(p);
        if (!countHeader(s, length))
            return HPE_USER;
        s->m_request.url.append(at, qsizetype(length));
        return 0;
    }

    static int onHeaderField(llhttp_t *p, const char *at, size_t length)
    {
        auto *s = self(p);
        if (!countHeader(s, length + 4)) // ": " and CRLF
            return HPE_USER;
        if (s->m_inValue) {
            flushHeader(s);
            if (s->m_request.headers.size() >= s->m_limits.maxHeaderCount) {
                s->fail(431, QStringLiteral("more than %1 request headers").arg(s->m_limits.maxHeaderCount));
                return HPE_USER;
            }
        }
        s->m_field.append(at, qsizetype(length));
        return 0;
    }

    static int onHeaderValue(llhttp_t *p, const char *at, size_t length)
    {
        auto *s = self(p);
        if (!countHeader(s, length))
            return HPE_USER;
        s->m_inValue = true;
        s->m_value.append(at, qsizetype(length));
        return 0;
    }

    static int onHeadersComplete(llhttp_t *p)
    {
        auto *s = self(p);
        flushHeader(s);
        s->m_request.method = llhttp_method_name(llhttp_method_t(llhttp_get_method(p)));
        if (p->flags & F_CONTENT_LENGTH) {
            if (p->content_length > quint64(s->m_limits.maxBodyBytes)) {
                s->fail(413, QStringLiteral("request body is larger than %1 bytes").arg(s->m_limits.maxBodyBytes));
                return HPE_USER;
            }
            s->m_contentLength = qint64(p->content_length);
            s->m_request.body.reserve(s->m_contentLength);
        }
        s->m_headersComplete = true;
        return 0;
    }

    static int onBody(llhttp_t *p, const char *at, size_t length)
    {
        auto *s = self(p);
        if (s->m_request.body.size() + qint64(length) > s->m_limits.maxBodyBytes) {
            s->fail(413, QStringLiteral("request body is larger than %1 bytes").arg(s->m_limits.maxBodyBytes));
            return HPE_USER;
        }
        s->m_request.body.append(at, qsizetype(length));
        return 0;
    }

    static int onMessageComplete(llhttp_t *p)
    {
        auto *s = self(p);
        s->m_state = State::Complete;
        return HPE_PAUSED; // one request per connection: ignore anything after it
    }
};

QByteArray HttpRequest::header(const QByteArray &lowerName) const
{
    for (const auto &h : headers) {
        if (h.first == lowerName)
            return h.second;
    }
    return {};
}

QByteArray HttpRequest::path() const
{
    const qsizetype q = url.indexOf('?');
    return q < 0 ? url : url.left(q);
}

HttpRequestParser::HttpRequestParser(const ReceiverLimits &limits)
    : m_limits(limits)
    , m_impl(std::make_unique<Impl>())
{
    llhttp_settings_init(&m_impl->settings);
    m_impl->settings.on_url = &Impl::onUrl;
    m_impl->settings.on_header_field = &Impl::onHeaderField;
    m_impl->settings.on_header_value = &Impl::onHeaderValue;
    m_impl->settings.on_headers_complete = &Impl::onHeadersComplete;
    m_impl->settings.on_body = &Impl::onBody;
    m_impl->settings.on_message_complete = &Impl::onMessageComplete;
    llhttp_init(&m_impl->parser, HTTP_REQUEST, &m_impl->settings);
    m_impl->parser.data = this;
}

HttpRequestParser::~HttpRequestParser() = default;

bool HttpRequestParser::expectsContinue() const
{
    return m_request.header("expect").toLower() == "100-continue";
}

void HttpRequestParser::fail(int status, const QString &message)
{
    if (m_state == State::Failed)
        return;
    m_state = State::Failed;
    m_errorStatus = status;
    m_errorMessage = message;
}

HttpRequestParser::State HttpRequestParser::feed(const char *data, qsizetype size)
{
    if (m_state != State::Reading || size <= 0)
        return m_state;
    if (!m_headersComplete && !Impl::countHeader(this, 0))
        return m_state;
    const llhttp_errno_t rc = llhttp_execute(&m_impl->parser, data, size_t(size));
    if (m_state != State::Reading)
        return m_state; // completed or failed inside a callback
    if (rc == HPE_PAUSED_UPGRADE) {
        m_state = State::Complete; // the body (if any) is ignored; routing answers
    } else if (rc != HPE_OK) {
        const char *reason = llhttp_get_error_reason(&m_impl->parser);
        fail(400,
             QStringLiteral("malformed HTTP request: %1").arg(QString::fromLatin1(reason ? reason : "parse error")));
    }
    return m_state;
}

} // namespace archnest::receiver
