#include "logs/LogView.h"

#include "logs/LogLineModel.h"

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
constexpr int kBatchLines = 4000; // lines per timer tick: keeps each tick well under a frame
constexpr int kFlushIntervalMs = 15;
constexpr int kMaxMatchesPerLine = 200;
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
    : QListView(parent)
    , m_buffer(100000)
{
    setObjectName(QStringLiteral("LogView"));
    m_model = new LogLineModel(this);
    m_model->setMaxLines(m_maxLines);
    setModel(m_model);
    m_delegate = new LogLineDelegate(this);
    setItemDelegate(m_delegate);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setUniformItemSizes(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    setLayoutMode(QListView::Batched);
    setBatchSize(5000);
    m_flush.setInterval(kFlushIntervalMs);
    connect(&m_flush, &QTimer::timeout, this, &LogView::flushBatch);
}

void LogView::setMaxLines(int maxLines)
{
    m_maxLines = std::max(1, maxLines);
    m_buffer.setMaxLines(m_maxLines);
    m_model->setMaxLines(m_maxLines);
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
    return std::max<qint64>(0, m_buffer.totalLines() - qint64(m_buffer.pendingCount()) - lineCount());
}

void LogView::flushBatch()
{
    std::vector<bool> stderrFlags;
    const QStringList lines = m_buffer.takeBatch(kBatchLines, &stderrFlags);
    if (lines.isEmpty()) {
        m_flush.stop();
        return;
    }
    QScrollBar *bar = verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum();
    m_model->appendLines(lines, stderrFlags);
    if (atEnd)
        scrollToBottom();
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
    m_delegate->search = text;
    viewport()->update();
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
    const int n = lineCount();
    if (m_search.isEmpty() || n == 0)
        return false;
    const int start = currentIndex().isValid() ? currentIndex().row() : (backwards ? n : -1);
    for (int step = 1; step <= n; ++step) {
        const int row = ((backwards ? start - step : start + step) % n + n) % n;
        if (lineText(row).contains(m_search, Qt::CaseInsensitive)) {
            const QModelIndex idx = m_model->index(row);
            setCurrentIndex(idx);
            scrollTo(idx, QAbstractItemView::PositionAtCenter);
            return true;
        }
    }
    return false;
}

void LogView::setWrap(bool wrap)
{
    m_wrap = wrap;
    m_delegate->wrap = wrap;
    setUniformItemSizes(!wrap);
    setWordWrap(wrap);
    setHorizontalScrollBarPolicy(wrap ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    scheduleDelayedItemsLayout();
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
    QListView::keyPressEvent(event);
}

} // namespace archnest::ui
