#include "security/ControlChars.h"

namespace archnest::security {

bool isControlChar(QChar c)
{
    const char16_t u = c.unicode();
    return u < 0x20 || (u >= 0x7f && u <= 0x9f);
}

bool containsControlChars(const QString &text)
{
    for (const QChar c : text) {
        if (isControlChar(c))
            return true;
    }
    return false;
}

QString escapeControlChars(const QString &text, ControlEscape mode)
{
    if (!containsControlChars(text))
        return text;
    const bool keepBreaks = mode == ControlEscape::KeepLineBreaks;
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar c : text) {
        if (isControlChar(c) && !(keepBreaks && (c == u'\n' || c == u'\t')))
            out += QStringLiteral("\\x%1").arg(int(c.unicode()), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

QString escapeJsonControls(const QString &json)
{
    if (!containsControlChars(json))
        return json;
    QString out;
    out.reserve(json.size() + 16);
    for (const QChar c : json) {
        const char16_t u = c.unicode();
        if (u >= 0x7f && u <= 0x9f)
            out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
        else
            out += c; // C0 inside strings is escaped by the JSON writer; '\n' between tokens stays
    }
    return out;
}

namespace {

void appendHex(QByteArray &out, unsigned value)
{
    static const char digits[] = "0123456789abcdef";
    out += "\\x";
    out += digits[(value >> 4) & 0xf];
    out += digits[value & 0xf];
}

} // namespace

QByteArray ControlByteEscaper::feed(const QByteArray &chunk)
{
    QByteArray out;
    out.reserve(chunk.size() + 8);
    for (const char ch : chunk) {
        const auto b = static_cast<unsigned char>(ch);
        if (m_pendingC2) {
            m_pendingC2 = false;
            if (b >= 0x80 && b <= 0x9f) {
                appendHex(out, b);
                continue;
            }
            out += char(0xc2);
        }
        if (b == 0xc2) {
            m_pendingC2 = true;
        } else if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7f) {
            appendHex(out, b);
        } else {
            out += ch;
        }
    }
    return out;
}

QByteArray ControlByteEscaper::flush()
{
    if (!m_pendingC2)
        return {};
    m_pendingC2 = false;
    return QByteArray(1, char(0xc2));
}

} // namespace archnest::security
