#include "logs/LogRowsView.h"

#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>
#include <QSignalBlocker>

#include <algorithm>

namespace archnest::ui {

LogRowsView::LogRowsView(QWidget *parent)
    : QAbstractItemView(parent)
{
    setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
}

int LogRowsView::rowCount() const
{
    return model() ? model()->rowCount(rootIndex()) : 0;
}

int LogRowsView::rowHeight() const
{
    return std::max(1, fontMetrics().height());
}

int LogRowsView::topRow() const
{
    return std::clamp(verticalScrollBar()->value(), 0, std::max(0, rowCount() - 1));
}

void LogRowsView::setVariableRowHeights(bool on)
{
    m_variable = on;
    updateGeometries();
    viewport()->update();
}

void LogRowsView::setContentWidth(int width)
{
    if (width == m_contentWidth)
        return;
    m_contentWidth = width;
    updateGeometries();
}

QStyleOptionViewItem LogRowsView::optionFor(int row) const
{
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    if (m_variable)
        option.features |= QStyleOptionViewItem::WrapText;
    option.rect = QRect(0, 0, viewport()->width(), rowHeight());
    Q_UNUSED(row);
    return option;
}

int LogRowsView::heightOf(int row) const
{
    if (!m_variable)
        return rowHeight();
    const QModelIndex index = model()->index(row, 0, rootIndex());
    return std::max(rowHeight(), itemDelegateForIndex(index)->sizeHint(optionFor(row), index).height());
}

int LogRowsView::rowsThatFit(int lastRow) const
{
    const int height = viewport()->height();
    if (!m_variable)
        return std::max(1, height / rowHeight());
    int used = 0;
    int n = 0;
    for (int row = lastRow; row >= 0; --row) {
        used += heightOf(row);
        if (used > height)
            break;
        ++n;
    }
    return std::max(1, n);
}

QRect LogRowsView::visualRect(const QModelIndex &index) const
{
    if (!index.isValid() || !model())
        return {};
    const int row = index.row();
    const int top = topRow();
    const int width = m_variable ? viewport()->width() : std::max(viewport()->width(), m_contentWidth);
    const int x = -horizontalOffset();
    if (!m_variable)
        return QRect(x, (row - top) * rowHeight(), width, rowHeight());
    if (row < top)
        return QRect(x, (row - top) * rowHeight(), width, rowHeight()); // above: an estimate
    int y = 0;
    for (int r = top; r < row; ++r) {
        y += heightOf(r);
        if (y > viewport()->height()) // below the viewport: an estimate, without measuring more
            return QRect(x, y + (row - r - 1) * rowHeight(), width, rowHeight());
    }
    return QRect(x, y, width, heightOf(row));
}

QModelIndex LogRowsView::indexAt(const QPoint &point) const
{
    if (!model() || point.y() < 0)
        return {};
    const int n = rowCount();
    int row = topRow();
    if (!m_variable) {
        row += point.y() / rowHeight();
    } else {
        for (int y = heightOf(row); y <= point.y() && row < n; y += heightOf(row))
            if (++row >= n)
                break;
    }
    return row < n ? model()->index(row, 0, rootIndex()) : QModelIndex();
}

void LogRowsView::scrollTo(const QModelIndex &index, ScrollHint hint)
{
    if (!index.isValid())
        return;
    const int row = index.row();
    const int top = topRow();
    const int fit = rowsThatFit(row);
    int newTop = top;
    switch (hint) {
    case PositionAtTop:
        newTop = row;
        break;
    case PositionAtBottom:
        newTop = row - fit + 1;
        break;
    case PositionAtCenter:
        newTop = row - fit / 2;
        break;
    case EnsureVisible:
        if (row < top)
            newTop = row;
        else if (row >= top + rowsThatFit(std::min(rowCount() - 1, top + fit)) ||
                 !viewport()->rect().contains(visualRect(index)))
            newTop = row - fit + 1;
        break;
    }
    verticalScrollBar()->setValue(std::max(0, newTop));
}

QModelIndex LogRowsView::moveCursor(CursorAction action, Qt::KeyboardModifiers)
{
    const int n = rowCount();
    if (n == 0)
        return {};
    const int current = currentIndex().isValid() ? currentIndex().row() : topRow();
    const int page = std::max(1, rowsThatFit(current) - 1);
    int row = current;
    switch (action) {
    case MoveUp:
    case MovePrevious:
        row = current - 1;
        break;
    case MoveDown:
    case MoveNext:
        row = current + 1;
        break;
    case MovePageUp:
        row = current - page;
        break;
    case MovePageDown:
        row = current + page;
        break;
    case MoveHome:
        row = 0;
        break;
    case MoveEnd:
        row = n - 1;
        break;
    default:
        return currentIndex();
    }
    return model()->index(std::clamp(row, 0, n - 1), 0, rootIndex());
}

int LogRowsView::horizontalOffset() const
{
    return m_variable ? 0 : horizontalScrollBar()->value();
}

int LogRowsView::verticalOffset() const
{
    return topRow() * rowHeight();
}

bool LogRowsView::isIndexHidden(const QModelIndex &) const
{
    return false;
}

void LogRowsView::setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command)
{
    if (!model() || !selectionModel())
        return;
    const QRect r = rect.normalized();
    const int n = rowCount();
    if (n == 0)
        return;
    QModelIndex first = indexAt(QPoint(0, std::max(0, r.top())));
    QModelIndex last = indexAt(QPoint(0, std::max(0, r.bottom())));
    if (!first.isValid())
        first = model()->index(r.top() < 0 ? topRow() : n - 1, 0, rootIndex());
    if (!last.isValid())
        last = model()->index(n - 1, 0, rootIndex());
    selectionModel()->select(QItemSelection(first, last), command);
}

QRegion LogRowsView::visualRegionForSelection(const QItemSelection &selection) const
{
    QRegion region;
    const int top = topRow();
    const int bottom = top + rowsThatFit(std::min(rowCount() - 1, top)) + 2;
    for (const QItemSelectionRange &range : selection) {
        const int from = std::max(range.top(), top);
        const int to = std::min(range.bottom(), bottom);
        if (from > to)
            continue;
        const QRect a = visualRect(model()->index(from, 0, rootIndex()));
        const QRect b = visualRect(model()->index(to, 0, rootIndex()));
        region += a.united(b);
    }
    return region;
}

void LogRowsView::paintEvent(QPaintEvent *event)
{
    QPainter painter(viewport());
    if (!model())
        return;
    const int n = rowCount();
    const int height = viewport()->height();
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    if (m_variable)
        option.features |= QStyleOptionViewItem::WrapText;
    const int width = m_variable ? viewport()->width() : std::max(viewport()->width(), m_contentWidth);
    const QModelIndex current = currentIndex();
    int y = 0;
    for (int row = topRow(); row < n && y < height; ++row) {
        const int h = heightOf(row);
        const QRect rect(-horizontalOffset(), y, width, h);
        y += h;
        if (!rect.intersects(event->rect()))
            continue;
        const QModelIndex index = model()->index(row, 0, rootIndex());
        QStyleOptionViewItem o = option;
        o.rect = rect;
        if (selectionModel() && selectionModel()->isSelected(index))
            o.state |= QStyle::State_Selected;
        if (index == current && hasFocus())
            o.state |= QStyle::State_HasFocus;
        itemDelegateForIndex(index)->paint(&painter, o, index);
    }
}

void LogRowsView::resizeEvent(QResizeEvent *event)
{
    QAbstractItemView::resizeEvent(event);
    updateGeometries();
}

void LogRowsView::updateGeometries()
{
    if (m_geometryUpdating)
        return;
    m_geometryUpdating = true;
    const int n = rowCount();
    QScrollBar *v = verticalScrollBar();
    const int fit = n > 0 ? rowsThatFit(n - 1) : 1;
    v->setSingleStep(1);
    v->setPageStep(fit);
    v->setRange(0, std::max(0, n - fit));
    QScrollBar *h = horizontalScrollBar();
    h->setSingleStep(std::max(1, fontMetrics().horizontalAdvance(QLatin1Char('m'))));
    h->setPageStep(viewport()->width());
    h->setRange(0, m_variable ? 0 : std::max(0, m_contentWidth - viewport()->width()));
    m_geometryUpdating = false;
    QAbstractItemView::updateGeometries();
}

void LogRowsView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void LogRowsView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsInserted(parent, start, end);
    updateGeometries();
    viewport()->update();
}

void LogRowsView::rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsAboutToBeRemoved(parent, start, end);
    // Rows leaving above the top: the same lines stay on screen.
    QScrollBar *v = verticalScrollBar();
    if (start < v->value()) {
        const QSignalBlocker block(v);
        v->setValue(v->value() - (std::min(end, v->value() - 1) - start + 1));
    }
    viewport()->update();
}

void LogRowsView::reset()
{
    QAbstractItemView::reset();
    verticalScrollBar()->setValue(0);
    updateGeometries();
    viewport()->update();
}

} // namespace archnest::ui
