#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <deque>
#include <memory>

namespace archnest::ui {

// Log lines kept compactly and bounded: the bytes of many lines share 1 MiB blocks and each line
// costs a 12-byte index entry, instead of one heap allocation per line (a QByteArray per line
// took ~3.5x the text's size). Appending past maxLines drops the oldest lines; a block is freed
// once every line in it is gone. Lines are addressed 0 .. size()-1 (oldest first); firstSeq()
// is the stable number of line 0 (how many lines were dropped before it). No Qt widgets.
class LogLineStore final
{
public:
    static constexpr qsizetype kBlockBytes = 1024 * 1024;

    explicit LogLineStore(qsizetype maxLines = 100000);

    void setMaxLines(qsizetype maxLines); // drops the oldest lines beyond the new bound
    qsizetype maxLines() const { return m_maxLines; }

    // Appends one line (without its newline); drops the oldest line when full.
    void append(QByteArrayView line, bool isStderr);
    void popFront(qsizetype count);
    void clear();

    qsizetype size() const { return qsizetype(m_index.size()); }
    bool isEmpty() const { return m_index.empty(); }
    QByteArrayView line(qsizetype i) const;
    bool isStderr(qsizetype i) const { return m_index[size_t(i)].isStderr; }
    qint64 firstSeq() const { return m_firstSeq; }
    qsizetype longestLine() const { return m_longest; } // bytes, over every line ever appended

    // Bytes held for line text and index (blocks allocated + index entries): for the tests
    // that hold the storage to its compactness.
    qint64 storageBytes() const;
    qsizetype blockCount() const { return qsizetype(m_blocks.size()); }

private:
    struct Block
    {
        std::unique_ptr<char[]> data;
        quint32 capacity = 0;
        quint32 used = 0;
        quint32 lines = 0; // live lines stored in this block
    };
    struct Entry
    {
        quint32 block;  // block id (m_blocks[block - m_firstBlockId])
        quint32 offset; // into the block
        quint32 length : 31;
        quint32 isStderr : 1;
    };
    static_assert(sizeof(Entry) == 12);

    std::deque<Block> m_blocks;
    std::deque<Entry> m_index;
    quint32 m_firstBlockId = 0;
    qsizetype m_maxLines;
    qint64 m_firstSeq = 0;
    qsizetype m_longest = 0;
};

} // namespace archnest::ui
