// TerminalView: the clipboard and the selection (kept in stable line numbers, so a selection
// stays on its text while output scrolls it), select all.
#include "TerminalView.h"

#include "docker/ContainerSource.h"

#include <QClipboard>
#include <QGuiApplication>

#include <algorithm>

namespace archnest::ui {

void TerminalView::copySelection()
{
    if (!hasSelection())
        return;
    QGuiApplication::clipboard()->setText(selectedText(), QClipboard::Clipboard);
}

void TerminalView::pasteClipboard()
{
    const QString text = QGuiApplication::clipboard()->text(QClipboard::Clipboard);
    if (text.isEmpty())
        return;
    scrollToBottom();
    m_screen->paste(text);
}

QPoint TerminalView::cellAt(const QPoint &pixel) const
{
    const int col = std::clamp(pixel.x() / m_cellWidth, 0, m_screen->columns() - 1);
    const int row = std::clamp(pixel.y() / m_cellHeight, 0, m_screen->rows() - 1);
    return QPoint(col, topLine() + row);
}

void TerminalView::setSelection(QPoint from, QPoint to)
{
    const qint64 base = m_screen->droppedLines();
    m_selStart = from;
    m_selEnd = to;
    m_selStartLine = base + from.y();
    m_selEndLine = base + to.y();
    m_hasSelection = true;
    viewport()->update();
}

bool TerminalView::hasSelection() const
{
    return m_hasSelection;
}

void TerminalView::clearSelection()
{
    m_hasSelection = false;
    viewport()->update();
}

bool TerminalView::isSelected(int line, int col) const
{
    const qint64 stable = m_screen->droppedLines() + line;
    qint64 l0 = m_selStartLine;
    qint64 l1 = m_selEndLine;
    int c0 = m_selStart.x();
    int c1 = m_selEnd.x();
    if (l1 < l0 || (l1 == l0 && c1 < c0)) {
        std::swap(l0, l1);
        std::swap(c0, c1);
    }
    if (stable < l0 || stable > l1)
        return false;
    if (stable == l0 && col < c0)
        return false;
    if (stable == l1 && col > c1)
        return false;
    return true;
}

QString TerminalView::selectedText() const
{
    if (!m_hasSelection)
        return {};
    const qint64 base = m_screen->droppedLines();
    const QPoint a(m_selStart.x(), int(std::max<qint64>(0, m_selStartLine - base)));
    const QPoint b(m_selEnd.x(), int(std::max<qint64>(0, m_selEndLine - base)));
    return m_screen->text(a, b);
}

void TerminalView::selectAll()
{
    const int last = m_screen->historyLineCount() - 1;
    setSelection(QPoint(0, 0), QPoint(m_screen->columns() - 1, last));
}

} // namespace archnest::ui
