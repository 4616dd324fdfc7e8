#include "logs/LogBuffer.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstring>

namespace archnest::ui {

LogBuffer::LogBuffer(qsizetype maxLines, qsizetype maxLineBytes)
    : m_maxLines(std::max<qsizetype>(1, maxLines))
    , m_maxLineBytes(std::max<qsizetype>(64, maxLineBytes))
    , m_pending(m_maxLines)
{}

void LogBuffer::setMaxLines(qsizetype maxLines)
{
    m_maxLines = std::max<qsizetype>(1, maxLines);
    const qsizetype excess = m_pending.size() - m_maxLines;
    if (excess > 0)
        m_droppedLines += excess;
    m_pending.setMaxLines(m_maxLines);
}

void LogBuffer::clear()
{
    m_pending.clear();
    for (int i = 0; i < 2; ++i) {
        m_partials[i].clear();
        m_partialCuts[i] = 0;
    }
    m_totalLines = 0;
    m_droppedLines = 0;
    m_truncatedLines = 0;
}

void LogBuffer::pushLine(const char *begin, qsizetype length, qint64 cutBytes, bool isStderr)
{
    ++m_totalLines;
    if (length > 0 && begin[length - 1] == '\r')
        --length;
    if (length > m_maxLineBytes) {
        cutBytes += length - m_maxLineBytes;
        length = m_maxLineBytes;
    }
    if (m_pending.size() >= m_maxLines)
        ++m_droppedLines; // the store drops its oldest line to make room
    if (cutBytes > 0) {
        ++m_truncatedLines;
        m_scratch = QByteArray(begin, length) +
                    QCoreApplication::translate("archnest::ui::LogBuffer", " … [line cut: %1 more bytes]")
                        .arg(cutBytes)
                        .toUtf8();
        m_pending.append(m_scratch, isStderr);
        return;
    }
    m_pending.append(QByteArrayView(begin, length), isStderr);
}

void LogBuffer::append(const QByteArray &data, bool isStderr)
{
    QByteArray &partial = m_partials[isStderr ? 1 : 0];
    qint64 &partialCut = m_partialCuts[isStderr ? 1 : 0];
    const char *p = data.constData();
    const char *end = p + data.size();

    // Finish the partial line first.
    if (!partial.isEmpty() || partialCut > 0) {
        const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        const char *stop = nl ? nl : end;
        const qsizetype room = m_maxLineBytes - partial.size();
        const qsizetype take = std::min<qsizetype>(room, stop - p);
        partial.append(p, take);
        partialCut += (stop - p) - take;
        if (!nl)
            return;
        pushLine(partial.constData(), partial.size(), partialCut, isStderr);
        partial.clear();
        partialCut = 0;
        p = nl + 1;
    }

    // Count complete lines in the rest; only the last m_maxLines of them can survive, so skip
    // the older ones without decoding them (a 100 MB chunk costs one memchr pass).
    qint64 complete = 0;
    for (const char *q = p; q < end;) {
        const char *nl = static_cast<const char *>(std::memchr(q, '\n', size_t(end - q)));
        if (!nl)
            break;
        ++complete;
        q = nl + 1;
    }
    qint64 skip = std::max<qint64>(0, complete - m_maxLines);
    while (skip > 0) {
        const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        p = nl + 1;
        --skip;
        ++m_totalLines;
        ++m_droppedLines;
    }
    while (p < end) {
        const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (!nl) {
            const qsizetype take = std::min<qsizetype>(m_maxLineBytes, end - p);
            partial = QByteArray(p, take);
            partialCut = (end - p) - take;
            return;
        }
        pushLine(p, nl - p, 0, isStderr);
        p = nl + 1;
    }
}

void LogBuffer::finish()
{
    for (int i = 0; i < 2; ++i) {
        if (m_partials[i].isEmpty() && m_partialCuts[i] == 0)
            continue;
        pushLine(m_partials[i].constData(), m_partials[i].size(), m_partialCuts[i], i == 1);
        m_partials[i].clear();
        m_partialCuts[i] = 0;
    }
}

} // namespace archnest::ui
