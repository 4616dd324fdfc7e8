#include "logs/LogView.h"

#include <QFontDatabase>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>

namespace archnest::ui {

namespace {
constexpr int kBatchLines = 4000; // lines per timer tick: keeps each tick well under a frame
constexpr int kFlushIntervalMs = 15;
} // namespace

LogView::LogView(QWidget *parent)
    : QPlainTextEdit(parent)
    , m_buffer(100000)
{
    setObjectName(QStringLiteral("LogView"));
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setMaximumBlockCount(m_maxLines);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_flush.setInterval(kFlushIntervalMs);
    connect(&m_flush, &QTimer::timeout, this, &LogView::flushBatch);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        m_followTail = value >= verticalScrollBar()->maximum();
        highlightVisible();
    });
}

void LogView::setMaxLines(int maxLines)
{
    m_maxLines = std::max(1, maxLines);
    m_buffer.setMaxLines(m_maxLines);
    setMaximumBlockCount(m_maxLines);
}

void LogView::appendData(const QByteArray &data)
{
    m_buffer.append(data);
    if (!m_flush.isActive())
        m_flush.start();
}

void LogView::finishData()
{
    m_buffer.finish();
    if (!m_flush.isActive())
        m_flush.start();
}

void LogView::clearLog()
{
    m_flush.stop();
    m_buffer.clear();
    m_appended = 0;
    clear();
    Q_EMIT statsChanged();
}

qint64 LogView::droppedLines() const
{
    const qint64 shown = document()->isEmpty() ? 0 : document()->blockCount();
    return std::max<qint64>(0, m_buffer.totalLines() - qint64(m_buffer.pendingCount()) - shown);
}

void LogView::flushBatch()
{
    const QStringList lines = m_buffer.takeBatch(kBatchLines);
    if (lines.isEmpty()) {
        m_flush.stop();
        return;
    }
    const bool atEnd = m_followTail;
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    QString text;
    if (m_appended > 0 && !document()->isEmpty())
        text += QLatin1Char('\n');
    text += lines.join(QLatin1Char('\n'));
    cursor.insertText(text);
    cursor.endEditBlock();
    m_appended += lines.size();
    if (atEnd)
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    if (!m_search.isEmpty())
        highlightVisible();
    Q_EMIT statsChanged();
}

void LogView::flushAll()
{
    while (m_buffer.pendingCount() > 0)
        flushBatch();
    m_flush.stop();
}

void LogView::setSearchText(const QString &text)
{
    m_search = text;
    highlightVisible();
}

bool LogView::findNext(bool backwards)
{
    if (m_search.isEmpty())
        return false;
    QTextDocument::FindFlags flags;
    if (backwards)
        flags |= QTextDocument::FindBackward;
    if (find(m_search, flags))
        return true;
    // Wrap around once.
    QTextCursor c = textCursor();
    c.movePosition(backwards ? QTextCursor::End : QTextCursor::Start);
    setTextCursor(c);
    return find(m_search, flags);
}

void LogView::setWrap(bool wrap)
{
    setLineWrapMode(wrap ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
}

void LogView::highlightVisible()
{
    QList<QTextEdit::ExtraSelection> selections;
    m_visibleMatches = 0;
    if (!m_search.isEmpty()) {
        QTextCharFormat fmt;
        // Highlight from the palette so it reads on light and dark themes.
        fmt.setBackground(palette().color(QPalette::Highlight).lighter(130));
        fmt.setForeground(palette().color(QPalette::HighlightedText));
        const int height = viewport()->height();
        for (QTextBlock block = firstVisibleBlock(); block.isValid(); block = block.next()) {
            if (blockBoundingGeometry(block).translated(contentOffset()).top() > height)
                break;
            const QString text = block.text();
            for (qsizetype at = text.indexOf(m_search, 0, Qt::CaseInsensitive); at >= 0 && m_visibleMatches < 5000;
                 at = text.indexOf(m_search, at + m_search.size(), Qt::CaseInsensitive)) {
                QTextEdit::ExtraSelection sel;
                sel.format = fmt;
                sel.cursor = QTextCursor(block);
                sel.cursor.setPosition(block.position() + int(at));
                sel.cursor.setPosition(block.position() + int(at + m_search.size()), QTextCursor::KeepAnchor);
                selections << sel;
                ++m_visibleMatches;
            }
        }
    }
    setExtraSelections(selections);
}

} // namespace archnest::ui
