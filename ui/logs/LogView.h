#pragma once

#include "logs/LogBuffer.h"

#include "logs/LogRowsView.h"

#include <QTimer>

namespace archnest::ui {

class LogLineModel;
class LogLineDelegate;

// A read-only, bounded log display over a compact line model (UTF-8 in shared blocks, ~12 bytes
// per line beyond the text). Bytes go into a LogBuffer; a timer moves them into the model in batches,
// which keeps at most maxLines rows. Search highlights matches in the rows being painted only
// (cheap on a million lines); the model keeps the match count and the matching lines as lines
// come and go, so findNext() and "only matching lines" never rescan. Wrap switches to variable row heights.
class LogView final : public LogRowsView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogView)

public:
    explicit LogView(QWidget *parent = nullptr);

    void setMaxLines(int maxLines);
    int maxLines() const { return m_maxLines; }
    // `isStderr`: the bytes are the container's stderr; its lines are drawn in an error colour.
    void appendData(const QByteArray &data, bool isStderr = false);
    bool lineIsStderr(int row) const;
    void finishData();
    void clearLog();
    void flushAll(); // moves every pending line into the model now (tests and benchmarks)

    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }
    qint64 matchCount() const;           // occurrences of the search text in the lines held
    qsizetype matchingLineCount() const; // lines holding it
    // Shows only the lines that match the search text (all lines while it is empty).
    void setOnlyMatching(bool on);
    bool onlyMatching() const;
    bool findNext(bool backwards = false);
    void setWrap(bool wrap);
    bool wraps() const { return m_wrap; }

    int lineCount() const; // rows shown (only the matching lines in that mode)
    QString lineText(int row) const;
    QString selectedText() const;
    LogLineModel *lineModel() const { return m_model; }
    qint64 totalLines() const { return m_buffer.totalLines(); }
    qint64 droppedLines() const; // received but no longer shown
    qsizetype pendingLines() const { return m_buffer.pendingCount(); }
    int visibleMatchCount() const;

Q_SIGNALS:
    void statsChanged();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void flushBatch();
    bool moveBatch(qsizetype maxCount);
    bool isAtEnd();
    void showNewRows(bool follow);

    LogBuffer m_buffer;
    LogLineModel *m_model = nullptr;
    LogLineDelegate *m_delegate = nullptr;
    QTimer m_flush;
    int m_maxLines = 100000;
    QString m_search;
    bool m_wrap = false;
};

} // namespace archnest::ui
