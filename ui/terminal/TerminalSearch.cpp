#include "TerminalSearch.h"

#include "TerminalScreen.h"

#include <vector>

namespace archnest::ui {

TerminalSearch::TerminalSearch(const TerminalScreen *screen)
    : m_screen(screen)
{}

void TerminalSearch::setNeedle(const QString &needle)
{
    if (needle != m_needle)
        m_current.reset();
    m_needle = needle;
}

QString TerminalSearch::lineText(int line, std::vector<int> *columns) const
{
    QString text;
    const int width = m_screen->historyLineWidth(line);
    for (int col = 0; col < width; ++col) {
        const TerminalCell c = m_screen->historyCell(line, col);
        if (c.width == 0)
            continue; // the right half of a wide character
        const QString s = c.isBlank() ? QStringLiteral(" ") : c.text();
        text += s;
        if (columns)
            columns->insert(columns->end(), size_t(s.size()), col);
    }
    return text;
}

// The last match in `line` starting before cell `beforeColumn` (backwards), or the first one
// starting at or after text index `fromIndex` (forwards).
std::optional<TerminalMatch> TerminalSearch::findInLine(int line, int fromIndex, bool backwards, int beforeColumn) const
{
    std::vector<int> cols;
    const QString text = lineText(line, &cols);
    const qint64 stable = m_screen->droppedLines() + line;
    const auto make = [&](qsizetype at) {
        const qsizetype last = at + m_needle.size() - 1;
        const int endCol = cols[size_t(last)];
        const TerminalCell c = m_screen->historyCell(line, endCol);
        return TerminalMatch{stable, cols[size_t(at)], endCol + (c.width == 2 ? 1 : 0)};
    };
    if (!backwards) {
        const qsizetype at = text.indexOf(m_needle, fromIndex, Qt::CaseInsensitive);
        return at >= 0 ? std::optional(make(at)) : std::nullopt;
    }
    std::optional<TerminalMatch> best;
    for (qsizetype at = text.indexOf(m_needle, 0, Qt::CaseInsensitive); at >= 0 && cols[size_t(at)] < beforeColumn;
         at = text.indexOf(m_needle, at + 1, Qt::CaseInsensitive))
        best = make(at);
    return best;
}

std::optional<TerminalMatch> TerminalSearch::next(bool backwards)
{
    const int lines = m_screen->historyLineCount();
    if (m_needle.isEmpty() || lines == 0)
        return std::nullopt;
    // Where to start: just after (before) the current match, else below (above) everything.
    int line = backwards ? lines - 1 : 0;
    int column = backwards ? m_screen->columns() + 1 : -1;
    if (m_current) {
        const qint64 l = m_current->line - m_screen->droppedLines();
        if (l >= 0 && l < lines) {
            line = int(l);
            column = m_current->column;
        }
    } else if (!backwards) {
        line = lines - 1; // forwards with nothing found yet: wrap from the top
        column = m_screen->columns() + 1;
    }
    for (int step = 0; step <= lines; ++step) {
        std::optional<TerminalMatch> found;
        if (backwards) {
            found = findInLine(line, 0, true, step == 0 ? column : m_screen->columns() + 1);
        } else if (step > 0 || column >= 0) {
            // Forwards in the starting line: from the cell after the current match's start.
            std::vector<int> cols;
            const QString text = lineText(line, &cols);
            qsizetype from = 0;
            if (step == 0) {
                from = qsizetype(cols.size());
                for (size_t i = 0; i < cols.size(); ++i)
                    if (cols[i] > column) {
                        from = qsizetype(i);
                        break;
                    }
            }
            if (from <= text.size())
                found = findInLine(line, int(from), false, 0);
        } else {
            found = findInLine(line, 0, false, 0);
        }
        if (found) {
            m_current = found;
            return found;
        }
        line = backwards ? (line - 1 + lines) % lines : (line + 1) % lines;
    }
    m_current.reset();
    return std::nullopt;
}

int TerminalSearch::count() const
{
    if (m_needle.isEmpty())
        return 0;
    int n = 0;
    for (int line = 0; line < m_screen->historyLineCount(); ++line) {
        const QString text = lineText(line, nullptr);
        for (qsizetype at = text.indexOf(m_needle, 0, Qt::CaseInsensitive); at >= 0;
             at = text.indexOf(m_needle, at + m_needle.size(), Qt::CaseInsensitive))
            ++n;
    }
    return n;
}

QPoint TerminalSearch::startOf(const TerminalMatch &m) const
{
    return QPoint(m.column, int(m.line - m_screen->droppedLines()));
}

QPoint TerminalSearch::endOf(const TerminalMatch &m) const
{
    return QPoint(m.endColumn, int(m.line - m_screen->droppedLines()));
}

} // namespace archnest::ui
