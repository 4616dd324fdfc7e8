#include "logs/LogLineStore.h"

#include <algorithm>
#include <cstring>

namespace archnest::ui {

LogLineStore::LogLineStore(qsizetype maxLines)
    : m_maxLines(std::max<qsizetype>(1, maxLines))
{}

void LogLineStore::setMaxLines(qsizetype maxLines)
{
    m_maxLines = std::max<qsizetype>(1, maxLines);
    if (size() > m_maxLines)
        popFront(size() - m_maxLines);
}

void LogLineStore::append(QByteArrayView line, bool isStderr)
{
    if (size() >= m_maxLines)
        popFront(size() - m_maxLines + 1);
    const auto length = quint32(std::min<qsizetype>(line.size(), 0x7fffffff));
    if (m_blocks.empty() || m_blocks.back().capacity - m_blocks.back().used < length) {
        Block b;
        b.capacity = quint32(std::max<qsizetype>(kBlockBytes, length));
        b.data.reset(new char[b.capacity]);
        m_blocks.push_back(std::move(b));
    }
    Block &b = m_blocks.back();
    if (length > 0)
        std::memcpy(b.data.get() + b.used, line.data(), length);
    const quint32 id = m_firstBlockId + quint32(m_blocks.size() - 1);
    m_index.push_back(Entry{id, b.used, length, isStderr ? 1u : 0u});
    b.used += length;
    ++b.lines;
    m_longest = std::max<qsizetype>(m_longest, length);
}

void LogLineStore::popFront(qsizetype count)
{
    count = std::min(count, size());
    for (qsizetype i = 0; i < count; ++i) {
        Block &b = m_blocks[size_t(m_index.front().block - m_firstBlockId)];
        --b.lines;
        m_index.pop_front();
    }
    m_firstSeq += count;
    // Free the blocks no live line uses; the last block stays for the next appends.
    while (m_blocks.size() > 1 && m_blocks.front().lines == 0) {
        m_blocks.pop_front();
        ++m_firstBlockId;
    }
    if (m_index.empty() && !m_blocks.empty()) {
        m_blocks.back().used = 0;
        m_blocks.back().lines = 0;
    }
}

void LogLineStore::clear()
{
    m_index.clear();
    m_blocks.clear();
    m_firstBlockId = 0;
    m_firstSeq = 0;
    m_longest = 0;
}

QByteArrayView LogLineStore::line(qsizetype i) const
{
    const Entry &e = m_index[size_t(i)];
    const Block &b = m_blocks[size_t(e.block - m_firstBlockId)];
    return QByteArrayView(b.data.get() + e.offset, qsizetype(e.length));
}

qint64 LogLineStore::storageBytes() const
{
    qint64 bytes = qint64(m_index.size()) * qint64(sizeof(Entry));
    for (const Block &b : m_blocks)
        bytes += b.capacity;
    return bytes;
}

} // namespace archnest::ui
