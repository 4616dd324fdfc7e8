// TerminalView: painting the cells (background runs, then text runs of one style each) and
// the cursor.
#include "TerminalView.h"

#include "docker/ContainerSource.h"

#include <QPaintEvent>
#include <QPainter>

#include <algorithm>
#include <vector>

namespace archnest::ui {

void TerminalView::paintEvent(QPaintEvent *event)
{
    QPainter p(viewport());
    const QRect clip = event->rect();
    p.fillRect(clip, m_screen->reverseVideo() ? m_screen->defaultForeground() : m_screen->defaultBackground());
    const int top = topLine();
    const int firstRow = std::max(0, clip.top() / m_cellHeight);
    const int lastRow = std::min(m_screen->rows() - 1, clip.bottom() / m_cellHeight);
    for (int row = firstRow; row <= lastRow; ++row) {
        const int line = top + row;
        if (line >= m_screen->historyLineCount())
            break;
        paintLine(p, line, row * m_cellHeight);
    }
    paintCursor(p);
}

void TerminalView::paintLine(QPainter &p, int line, int y)
{
    const int cols = m_screen->columns();
    const bool reverseVideo = m_screen->reverseVideo();
    const QColor selectionBg = palette().color(QPalette::Highlight);
    const QColor selectionFg = palette().color(QPalette::HighlightedText);

    struct Resolved
    {
        TerminalCell cell;
        QRgb fg;
        QRgb bg;
    };
    std::vector<Resolved> cells(static_cast<size_t>(cols));
    for (int col = 0; col < cols; ++col) {
        TerminalCell c = m_screen->historyCell(line, col);
        QRgb fg = c.fg;
        QRgb bg = c.bg;
        if (c.has(TerminalCell::Reverse) != reverseVideo)
            std::swap(fg, bg);
        if (c.has(TerminalCell::Dim)) // half way to the background, as xterm does
            fg = qRgb((qRed(fg) + qRed(bg)) / 2, (qGreen(fg) + qGreen(bg)) / 2, (qBlue(fg) + qBlue(bg)) / 2);
        if (c.has(TerminalCell::Conceal)) // drawn in the background colour; copy still has it
            fg = bg;
        if (m_hasSelection && isSelected(line, col)) {
            fg = selectionFg.rgb();
            bg = selectionBg.rgb();
        }
        cells[size_t(col)] = Resolved{c, fg, bg};
    }

    // Background runs, then text runs of one style each (wide characters on their own, so a
    // fallback CJK font cannot shift the grid).
    const QRgb screenBg = (reverseVideo ? m_screen->defaultForeground() : m_screen->defaultBackground()).rgb();
    for (int col = 0; col < cols;) {
        int end = col + 1;
        while (end < cols && cells[size_t(end)].bg == cells[size_t(col)].bg)
            ++end;
        if (cells[size_t(col)].bg != screenBg)
            p.fillRect(col * m_cellWidth, y, (end - col) * m_cellWidth, m_cellHeight,
                       QColor::fromRgb(cells[size_t(col)].bg));
        col = end;
    }

    constexpr quint16 kStyleMask = TerminalCell::Bold | TerminalCell::Italic | TerminalCell::Underline |
                                   TerminalCell::DoubleUnderline | TerminalCell::Strike | TerminalCell::Overline;
    QString run;
    for (int col = 0; col < cols;) {
        const Resolved &first = cells[size_t(col)];
        if (first.cell.width == 0 || first.cell.isBlank()) {
            // Blanks draw nothing unless underlined or struck through.
            if (!(first.cell.flags & (TerminalCell::Underline | TerminalCell::Strike | TerminalCell::Overline)) ||
                first.cell.width == 0) {
                ++col;
                continue;
            }
        }
        int end = col;
        run.clear();
        const quint16 style = first.cell.flags & kStyleMask;
        const bool wide = first.cell.width == 2;
        if (wide) {
            run = first.cell.text();
            end = col + 2;
        } else {
            while (end < cols) {
                const Resolved &r = cells[size_t(end)];
                if (r.cell.width != 1 || r.fg != first.fg || (r.cell.flags & kStyleMask) != style)
                    break;
                run += r.cell.isBlank() ? QStringLiteral(" ") : r.cell.text();
                ++end;
            }
        }
        const bool bold = style & TerminalCell::Bold;
        const bool italic = style & TerminalCell::Italic;
        p.setFont(bold && italic ? m_fontBoldItalic : bold ? m_fontBold : italic ? m_fontItalic : m_font);
        p.setPen(QColor::fromRgb(first.fg));
        const int x = col * m_cellWidth;
        const int width = (end - col) * m_cellWidth;
        if (wide)
            p.drawText(QRect(x, y, width, m_cellHeight), Qt::AlignCenter | Qt::TextDontClip, run);
        else
            p.drawText(QPoint(x, y + m_ascent), run);
        if (style & TerminalCell::Underline) {
            const int uy = y + m_ascent + 2;
            p.drawLine(x, uy, x + width - 1, uy);
            if (style & TerminalCell::DoubleUnderline)
                p.drawLine(x, uy + 2, x + width - 1, uy + 2);
        }
        if (style & TerminalCell::Strike) {
            const int sy = y + m_ascent * 2 / 3;
            p.drawLine(x, sy, x + width - 1, sy);
        }
        if (style & TerminalCell::Overline)
            p.drawLine(x, y, x + width - 1, y);
        col = std::max(end, col + 1);
    }
}

void TerminalView::paintCursor(QPainter &p)
{
    if (!m_screen->cursorVisible())
        return;
    const QPoint cur = m_screen->cursor();
    const int row = m_screen->scrollbackCount() + cur.y() - topLine();
    if (row < 0 || row >= m_screen->rows())
        return;
    const TerminalCell c = m_screen->cell(cur.y(), cur.x());
    const int width = (c.width == 2 ? 2 : 1) * m_cellWidth;
    const QRect r(cur.x() * m_cellWidth, row * m_cellHeight, width, m_cellHeight);
    const QColor color = m_screen->defaultForeground();
    if (!hasFocus()) {
        p.setPen(color);
        p.setBrush(Qt::NoBrush);
        p.drawRect(r.adjusted(0, 0, -1, -1));
        return;
    }
    if (m_screen->cursorBlinking() && !m_blinkOn)
        return;
    switch (m_screen->cursorShape()) {
    case CursorShape::Underline:
        p.fillRect(r.left(), r.bottom() - 1, r.width(), 2, color);
        break;
    case CursorShape::Bar:
        p.fillRect(r.left(), r.top(), 2, r.height(), color);
        break;
    case CursorShape::Block:
        p.fillRect(r, color);
        if (!c.isBlank() && c.width != 0) {
            p.setFont(c.has(TerminalCell::Bold) ? m_fontBold : m_font);
            p.setPen(m_screen->defaultBackground());
            p.drawText(QPoint(r.left(), r.top() + m_ascent), c.text());
        }
        break;
    }
}

void TerminalView::blinkCursor()
{
    m_blinkOn = !m_blinkOn;
    const QPoint cur = m_screen->cursor();
    const int row = m_screen->scrollbackCount() + cur.y() - topLine();
    viewport()->update(QRect(cur.x() * m_cellWidth, row * m_cellHeight, 2 * m_cellWidth, m_cellHeight));
}

} // namespace archnest::ui
