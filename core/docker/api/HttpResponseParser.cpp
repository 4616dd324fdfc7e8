#include "docker/api/HttpResponseParser.h"

#include <llhttp.h>

namespace archnest::dockerapi {

struct HttpResponseParser::Llhttp
{
    llhttp_t parser{};
    llhttp_settings_t settings{};
    HttpResponseParser *owner = nullptr;

    static HttpResponseParser *self(llhttp_t *p) { return static_cast<Llhttp *>(p->data)->owner; }

    static int onHeaderField(llhttp_t *p, const char *at, size_t len)
    {
        HttpResponseParser *s = self(p);
        if (s->m_inValue)
            s->flushHeader();
        s->m_headerBytes += qsizetype(len);
        if (s->m_headerBytes > kMaxResponseHeaderBytes)
            return -1;
        s->m_field.append(at, qsizetype(len));
        return 0;
    }
    static int onHeaderValue(llhttp_t *p, const char *at, size_t len)
    {
        HttpResponseParser *s = self(p);
        s->m_inValue = true;
        s->m_headerBytes += qsizetype(len);
        if (s->m_headerBytes > kMaxResponseHeaderBytes)
            return -1;
        s->m_value.append(at, qsizetype(len));
        return 0;
    }
    static int onHeadersComplete(llhttp_t *p)
    {
        HttpResponseParser *s = self(p);
        s->flushHeader();
        if (p->status_code < 100 || p->status_code > 999) { // llhttp lets "HTTP/1.1 \r\n" through
            s->m_badStatus = true;
            return -1;
        }
        s->m_status = p->status_code;
        s->m_keepAlive = llhttp_should_keep_alive(p) != 0;
        if (s->m_callbacks.head)
            s->m_callbacks.head(s->m_status);
        // 101 Switching Protocols: no body; llhttp_execute returns HPE_PAUSED_UPGRADE.
        return s->m_status == 101 ? 2 : 0;
    }
    static int onBody(llhttp_t *p, const char *at, size_t len)
    {
        HttpResponseParser *s = self(p);
        if (s->m_callbacks.body)
            s->m_callbacks.body(QByteArray(at, qsizetype(len)));
        return 0;
    }
    static int onMessageComplete(llhttp_t *p)
    {
        HttpResponseParser *s = self(p);
        if (s->m_status == 101)
            return 0; // llhttp_execute returns HPE_PAUSED_UPGRADE; the raw stream follows
        s->m_complete = true;
        return HPE_PAUSED; // one response per request; the rest of the buffer is not ours
    }
};

HttpResponseParser::HttpResponseParser(Callbacks callbacks)
    : m_llhttp(std::make_unique<Llhttp>())
    , m_callbacks(std::move(callbacks))
{
    m_llhttp->owner = this;
    llhttp_settings_init(&m_llhttp->settings);
    m_llhttp->settings.on_header_field = &Llhttp::onHeaderField;
    m_llhttp->settings.on_header_value = &Llhttp::onHeaderValue;
    m_llhttp->settings.on_headers_complete = &Llhttp::onHeadersComplete;
    m_llhttp->settings.on_body = &Llhttp::onBody;
    m_llhttp->settings.on_message_complete = &Llhttp::onMessageComplete;
    reset();
}

HttpResponseParser::~HttpResponseParser() = default;

void HttpResponseParser::reset()
{
    llhttp_init(&m_llhttp->parser, HTTP_RESPONSE, &m_llhttp->settings);
    m_llhttp->parser.data = m_llhttp.get();
    m_headers.clear();
    m_field.clear();
    m_value.clear();
    m_inValue = false;
    m_headerBytes = 0;
    m_status = 0;
    m_keepAlive = false;
    m_complete = false;
    m_failed = false;
    m_badStatus = false;
    m_error.clear();
}

void HttpResponseParser::flushHeader()
{
    if (!m_field.isEmpty())
        m_headers.append({m_field.toLower(), m_value.trimmed()});
    m_field.clear();
    m_value.clear();
    m_inValue = false;
}

QByteArray HttpResponseParser::header(const QByteArray &name) const
{
    const QByteArray lower = name.toLower();
    for (const auto &h : m_headers)
        if (h.first == lower)
            return h.second;
    return {};
}

HttpResponseParser::Outcome HttpResponseParser::feed(const char *data, qsizetype len, qsizetype *consumed)
{
    if (consumed)
        *consumed = len;
    if (m_failed)
        return Outcome::Failed;
    if (m_complete)
        return Outcome::Complete;
    const llhttp_errno_t err = llhttp_execute(&m_llhttp->parser, data, size_t(len));
    if (err == HPE_OK)
        return Outcome::NeedMore;
    const char *pos = llhttp_get_error_pos(&m_llhttp->parser);
    if (consumed && pos && pos >= data && pos <= data + len)
        *consumed = qsizetype(pos - data);
    if (err == HPE_PAUSED)
        return Outcome::Complete;
    if (err == HPE_PAUSED_UPGRADE)
        return Outcome::Upgraded;
    m_failed = true;
    m_error = m_badStatus ? QStringLiteral("a status line without a valid status code")
              : m_headerBytes > kMaxResponseHeaderBytes
                  ? QStringLiteral("headers longer than %1 KiB").arg(kMaxResponseHeaderBytes / 1024)
                  : QStringLiteral("%1: %2").arg(QString::fromLatin1(llhttp_errno_name(err)),
                                                 QString::fromUtf8(llhttp_get_error_reason(&m_llhttp->parser)));
    return Outcome::Failed;
}

HttpResponseParser::Outcome HttpResponseParser::finish()
{
    if (m_failed)
        return Outcome::Failed;
    if (m_complete)
        return Outcome::Complete;
    const llhttp_errno_t err = llhttp_finish(&m_llhttp->parser);
    if ((err == HPE_OK || err == HPE_PAUSED) && m_complete)
        return Outcome::Complete;
    m_failed = true;
    m_error = m_status == 0 ? QStringLiteral("the connection closed before an answer came")
                            : QStringLiteral("the connection closed in the middle of an answer");
    return Outcome::Failed;
}

} // namespace archnest::dockerapi
