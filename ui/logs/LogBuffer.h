#pragma once

#include "logs/LogLineStore.h"

#include <QByteArray>

namespace archnest::ui {

// Turns a byte stream into display lines, bounded: at most `maxLines` pending lines are kept
// (older ones are counted as dropped), and a line longer than `maxLineBytes` is cut with a
// marker (a 1 MB line never reaches the text widget whole). Lines stay UTF-8 bytes as received
// (decoded only when painted). Pure logic, no widgets: the LogView moves batches from pending()
// into its model from a timer and discards them here, so the GUI never blocks on a huge log.
class LogBuffer final
{
public:
    explicit LogBuffer(qsizetype maxLines = 200000, qsizetype maxLineBytes = 16 * 1024);

    void setMaxLines(qsizetype maxLines);
    qsizetype maxLines() const { return m_maxLines; }
    qsizetype maxLineBytes() const { return m_maxLineBytes; }

    // `isStderr`: the bytes are the container's stderr (each stream keeps its own partial line,
    // so a line is never spliced into one of the other stream).
    void append(const QByteArray &data, bool isStderr = false);
    void finish(); // flushes trailing partial lines
    void clear();

    // The lines not yet taken, oldest first; discardPending(n) forgets the oldest n of them.
    const LogLineStore &pending() const { return m_pending; }
    void discardPending(qsizetype count) { m_pending.popFront(count); }
    qsizetype pendingCount() const { return m_pending.size(); }

    qint64 totalLines() const { return m_totalLines; }     // complete lines seen so far
    qint64 droppedLines() const { return m_droppedLines; } // dropped here before display
    qint64 truncatedLines() const { return m_truncatedLines; }

private:
    void pushLine(const char *begin, qsizetype length, qint64 cutBytes, bool isStderr);

    qsizetype m_maxLines;
    qsizetype m_maxLineBytes;
    LogLineStore m_pending;
    QByteArray m_scratch;
    QByteArray m_partials[2];         // per stream (stdout, stderr): an incomplete last line (capped)
    qint64 m_partialCuts[2] = {0, 0}; // bytes of each partial line beyond the cap
    qint64 m_totalLines = 0;
    qint64 m_droppedLines = 0;
    qint64 m_truncatedLines = 0;
};

} // namespace archnest::ui
