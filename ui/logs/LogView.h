#pragma once

#include "logs/LogBuffer.h"

#include <QListView>
#include <QTimer>

namespace archnest::ui {

class LogLineModel;
class LogLineDelegate;

// A read-only, bounded log display over a compact line model (UTF-8 per line, ~1/4 of a text
// document's memory). Bytes go into a LogBuffer; a timer moves them into the model in batches,
// which keeps at most maxLines rows. Search highlights matches in the rows being painted only
// (cheap on a million lines); findNext() walks every line. Wrap switches to variable row heights.
class LogView final : public QListView
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
    bool findNext(bool backwards = false);
    void setWrap(bool wrap);
    bool wraps() const { return m_wrap; }

    int lineCount() const;
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

    LogBuffer m_buffer;
    LogLineModel *m_model = nullptr;
    LogLineDelegate *m_delegate = nullptr;
    QTimer m_flush;
    int m_maxLines = 100000;
    QString m_search;
    bool m_wrap = false;
};

} // namespace archnest::ui
