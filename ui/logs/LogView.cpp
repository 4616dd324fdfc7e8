#include "logs/LogView.h"

#include "logs/LogLineModel.h"
#include "logs/LogSearch.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QTextLayout>

namespace archnest::ui {

namespace {
// Lines moved into the model per timer tick: a copy into the model's blocks, cheap; the view's
// layout of all rows after each tick is what bounds the tick.
constexpr int kBatchLines = 20000;
constexpr int kFlushIntervalMs = 15;
constexpr int kMaxMatchesPerLine = LogSearch::kMaxMatchesPerLine;
} // namespace

// Paints one line in the fixed font, with search matches highlighted from the palette.
class LogLineDelegate final : public QStyledItemDelegate
{
public:
    explicit LogLineDelegate(LogView *view)
        : QStyledItemDelegate(view)
        , m_view(view)
    {}

    QString search;
    bool wrap = false;

    static QList<QPair<qsizetype, qsizetype>> matches(const QString &text, const QString &needle)
    {
        QList<QPair<qsizetype, qsizetype>> out;
        if (needle.isEmpty())
            return out;
        for (qsizetype at = text.indexOf(needle, 0, Qt::CaseInsensitive); at >= 0 && out.size() < kMaxMatchesPerLine;
             at = text.indexOf(needle, at + needle.size(), Qt::CaseInsensitive))
            out.append({at, needle.size()});
        return out;
    }

    void paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QString text = index.data().toString();
        const QPalette &pal = option.palette;
        const bool selected = option.state & QStyle::State_Selected;
        if (selected)
            p->fillRect(option.rect, pal.brush(QPalette::Highlight));
        QTextLayout layout(text, option.font);
        QTextOption to;
        to.setWrapMode(wrap ? QTextOption::WrapAnywhere : QTextOption::NoWrap);
        layout.setTextOption(to);
        QList<QTextLayout::FormatRange> formats;
        QTextCharFormat hit;
        hit.setBackground(pal.color(QPalette::Highlight).lighter(140));
        hit.setForeground(pal.color(QPalette::HighlightedText));
        for (const auto &[start, len] : matches(text, search)) {
            QTextLayout::FormatRange r;
            r.start = int(start);
            r.length = int(len);
            r.format = hit;
            formats << r;
        }
        layout.setFormats(formats);
        layout.beginLayout();
        qreal y = 0;
        const qreal width = wrap ? option.rect.width() - 8 : 1e6;
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(width);
            line.setPosition(QPointF(0, y));
            y += line.height();
        }
        layout.endLayout();
        p->save();
        p->setClipRect(option.rect);
        QColor pen = pal.color(selected ? QPalette::HighlightedText : QPalette::Text);
        if (!selected && index.data(LogLineModel::IsStderrRole).toBool())
            pen = pal.color(QPalette::Base).lightness() < 128 ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
        p->setPen(pen);
        layout.draw(p, QPointF(option.rect.left() + 4, option.rect.top()));
        p->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        const QFontMetrics fm(option.font);
        if (!wrap) {
            auto *model = static_cast<LogLineModel *>(m_view->model());
            return {std::min(model->longestLine(), 4096) * fm.horizontalAdvance(QLatin1Char('m')) + 8, fm.height()};
        }
        const int width = std::max(100, m_view->viewport()->width() - 8);
        const QRect r = fm.boundingRect(QRect(0, 0, width, 1 << 20), Qt::TextWrapAnywhere, index.data().toString());
        return {width, std::max(fm.height(), r.height())};
    }

private:
    LogView *m_view;
};

LogView::LogView(QWidget *parent)
    : LogRowsView(parent)
    , m_buffer(100000)
{
    setObjectName(QStringLiteral("LogView"));
    m_model = new LogLineModel(this);
    m_model->setMaxLines(m_maxLines);
    setModel(m_model);
    m_delegate = new LogLineDelegate(this);
    setItemDelegate(m_delegate);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_flush.setInterval(kFlushIntervalMs);
    connect(&m_flush, &QTimer::timeout, this, &LogView::flushBatch);
}

void LogView::setMaxLines(int maxLines)
{
    m_maxLines = std::max(1, maxLines);
    m_buffer.setMaxLines(m_maxLines);
    m_model->setMaxLines(m_maxLines);
    Q_EMIT statsChanged();
}

void LogView::appendData(const QByteArray &data, bool isStderr)
{
    m_buffer.append(data, isStderr);
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
    m_model->clear();
    Q_EMIT statsChanged();
}

int LogView::lineCount() const
{
    return m_model->rowCount();
}

bool LogView::lineIsStderr(int row) const
{
    return row >= 0 && row < lineCount() && m_model->isStderr(row);
}

QString LogView::lineText(int row) const
{
    return row >= 0 && row < lineCount() ? QString::fromUtf8(m_model->line(row)) : QString();
}

qint64 LogView::droppedLines() const
{
    return std::max<qint64>(0, m_buffer.totalLines() - qint64(m_buffer.pendingCount()) - m_model->totalHeld());
}

qint64 LogView::matchCount() const
{
    return m_model->matchCount();
}

qsizetype LogView::matchingLineCount() const
{
    return m_model->matchingLineCount();
}

bool LogView::isAtEnd()
{
    // LogRowsView keeps the scroll range right after every change (QListView's was stale
    // until its batched layout caught up, which never happened on a chatty log: a blank view
    // that lost the end, issue 14 defect 9).
    const QScrollBar *bar = verticalScrollBar();
    return bar->value() >= bar->maximum();
}

bool LogView::moveBatch(qsizetype maxCount)
{
    const qsizetype n = std::min(maxCount, m_buffer.pendingCount());
    if (n <= 0)
        return false;
    m_model->appendFrom(m_buffer.pending(), n);
    m_buffer.discardPending(n);
    setContentWidth(std::min(m_model->longestLine(), 4096) * fontMetrics().horizontalAdvance(QLatin1Char('m')) + 8);
    return true;
}

void LogView::flushBatch()
{
    if (m_buffer.pendingCount() == 0) {
        m_flush.stop();
        return;
    }
    const bool atEnd = isAtEnd();
    moveBatch(kBatchLines);
    showNewRows(atEnd);
    Q_EMIT statsChanged();
}

// Follows the end if the view was there; otherwise the rows on screen stay.
void LogView::showNewRows(bool follow)
{
    if (follow)
        scrollToBottom();
}

void LogView::flushAll()
{
    if (m_buffer.pendingCount() == 0) {
        m_flush.stop();
        return;
    }
    const bool atEnd = isAtEnd();
    while (moveBatch(kBatchLines)) {
    }
    showNewRows(atEnd);
    m_flush.stop();
    Q_EMIT statsChanged();
}

void LogView::setSearchText(const QString &text)
{
    m_search = text;
    m_delegate->search = text;
    const bool atEnd = isAtEnd();
    m_model->setSearch(text);
    if (m_model->onlyMatching() && atEnd)
        scrollToBottom();
    viewport()->update();
    Q_EMIT statsChanged();
}

void LogView::setOnlyMatching(bool on)
{
    const bool atEnd = isAtEnd();
    m_model->setOnlyMatching(on);
    if (atEnd)
        scrollToBottom();
    Q_EMIT statsChanged();
}

bool LogView::onlyMatching() const
{
    return m_model->onlyMatching();
}

int LogView::visibleMatchCount() const
{
    if (m_search.isEmpty())
        return 0;
    int count = 0;
    const QModelIndex top = indexAt(QPoint(1, 1));
    if (!top.isValid())
        return 0;
    for (int row = top.row(); row < lineCount(); ++row) {
        if (visualRect(m_model->index(row)).top() > viewport()->height())
            break;
        count += int(LogLineDelegate::matches(lineText(row), m_search).size());
    }
    return count;
}

bool LogView::findNext(bool backwards)
{
    if (m_search.isEmpty() || lineCount() == 0)
        return false;
    const int row = m_model->nextMatchRow(currentIndex().isValid() ? currentIndex().row() : -1, backwards);
    if (row < 0)
        return false;
    const QModelIndex idx = m_model->index(row);
    setCurrentIndex(idx);
    scrollTo(idx, QAbstractItemView::PositionAtCenter);
    return true;
}

void LogView::setWrap(bool wrap)
{
    m_wrap = wrap;
    m_delegate->wrap = wrap;
    setHorizontalScrollBarPolicy(wrap ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    setVariableRowHeights(wrap);
}

QString LogView::selectedText() const
{
    QModelIndexList rows = selectionModel()->selectedIndexes();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList out;
    for (const QModelIndex &i : rows)
        out << lineText(i.row());
    return out.join(QLatin1Char('\n'));
}

void LogView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Copy)) {
        QApplication::clipboard()->setText(selectedText());
        return;
    }
    LogRowsView::keyPressEvent(event);
}

} // namespace archnest::ui
