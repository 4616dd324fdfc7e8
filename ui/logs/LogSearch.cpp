#include "logs/LogSearch.h"

#include <cstring>

namespace archnest::ui {

namespace {
inline char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c + ('a' - 'A')) : c;
}
} // namespace

LogSearch::LogSearch(const QString &needle)
    : m_needle(needle)
{
    m_ascii = true;
    for (QChar c : needle)
        if (c.unicode() >= 0x80)
            m_ascii = false;
    if (m_ascii) {
        m_lowerAscii = needle.toLatin1();
        for (char &c : m_lowerAscii)
            c = lowerAscii(c);
    }
}

int LogSearch::count(QByteArrayView line) const
{
    if (m_needle.isEmpty() || line.isEmpty())
        return 0;
    int n = 0;
    if (m_ascii) {
        const qsizetype len = line.size();
        const qsizetype nlen = m_lowerAscii.size();
        if (len < nlen)
            return 0;
        if (m_scratch.size() < len)
            m_scratch.resize(len);
        char *low = m_scratch.data();
        const char *src = line.data();
        for (qsizetype i = 0; i < len; ++i)
            low[i] = lowerAscii(src[i]);
        const char *p = low;
        const char *end = low + len;
        while (n < kMaxMatchesPerLine && end - p >= nlen) {
            const void *hit = memmem(p, size_t(end - p), m_lowerAscii.constData(), size_t(nlen));
            if (!hit)
                break;
            ++n;
            p = static_cast<const char *>(hit) + nlen;
        }
        return n;
    }
    const QString text = QString::fromUtf8(line);
    for (qsizetype at = text.indexOf(m_needle, 0, Qt::CaseInsensitive); at >= 0 && n < kMaxMatchesPerLine;
         at = text.indexOf(m_needle, at + m_needle.size(), Qt::CaseInsensitive))
        ++n;
    return n;
}

} // namespace archnest::ui
