#pragma once

#include "logs/LogBuffer.h"

#include <QPlainTextEdit>
#include <QTimer>

namespace archnest::ui {

// A read-only, bounded log display. Bytes go into a LogBuffer; a timer moves them into the
// document in batches (one cursor insert per batch), and the document keeps at most maxLines
// blocks. Search highlights matches in the visible part only, so it stays cheap on a million
// lines; findNext() walks the whole document.
class LogView final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogView)

public:
    explicit LogView(QWidget *parent = nullptr);

    void setMaxLines(int maxLines);
    int maxLines() const { return m_maxLines; }
    void appendData(const QByteArray &data);
    void finishData();
    void clearLog();
    // Moves every pending line into the document now (tests and benchmarks).
    void flushAll();

    void setSearchText(const QString &text);
    bool findNext(bool backwards = false);
    void setWrap(bool wrap);

    qint64 totalLines() const { return m_buffer.totalLines(); }
    qint64 droppedLines() const; // received but no longer shown
    qsizetype pendingLines() const { return m_buffer.pendingCount(); }
    int visibleMatchCount() const { return m_visibleMatches; }

Q_SIGNALS:
    void statsChanged(); // lines shown / dropped changed

private:
    void flushBatch();
    void highlightVisible();

    LogBuffer m_buffer;
    QTimer m_flush;
    int m_maxLines = 100000; // ~65 MB in a QPlainTextEdit at ~100 bytes a line
    qint64 m_appended = 0; // lines moved into the document
    QString m_search;
    int m_visibleMatches = 0;
    bool m_followTail = true;
};

} // namespace archnest::ui
