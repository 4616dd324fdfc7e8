#pragma once

#include <QAbstractItemView>

namespace archnest::ui {

// An item view of one column of rows for very long lists (a million log lines): scrolled by
// row (the scroll bar's value is the top row), so inserting or removing rows costs nothing but a
// new scroll range - QListView lays every row out again after each change. Rows are
// `rowHeight()` high, or, with variable heights on (wrapped lines), as high as the delegate's
// size hint, measured only for the rows on screen.
class LogRowsView : public QAbstractItemView
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogRowsView)

public:
    explicit LogRowsView(QWidget *parent = nullptr);

    void setVariableRowHeights(bool on);
    bool variableRowHeights() const { return m_variable; }
    int rowHeight() const;
    int topRow() const;
    // The width of the widest row (pixels), for the horizontal scroll range.
    void setContentWidth(int width);

    QRect visualRect(const QModelIndex &index) const override;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;
    QModelIndex indexAt(const QPoint &point) const override;

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    int horizontalOffset() const override;
    int verticalOffset() const override;
    bool isIndexHidden(const QModelIndex &index) const override;
    void setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command) override;
    QRegion visualRegionForSelection(const QItemSelection &selection) const override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void updateGeometries() override;
    void scrollContentsBy(int dx, int dy) override;
    void rowsInserted(const QModelIndex &parent, int start, int end) override;
    void rowsAboutToBeRemoved(const QModelIndex &parent, int start, int end) override;
    void reset() override;

private:
    int rowCount() const;
    int heightOf(int row) const;
    int rowsThatFit(int lastRow) const; // rows that fit in the viewport ending at lastRow
    QStyleOptionViewItem optionFor(int row) const;

    bool m_variable = false;
    int m_contentWidth = 0;
    bool m_geometryUpdating = false;
};

} // namespace archnest::ui
