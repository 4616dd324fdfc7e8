#pragma once

// Find in the terminal: case-insensitive search through the scrollback and the screen of a
// TerminalScreen, one match at a time (next / previous, wrapping), and the number of matches.
// Matches are in stable line numbers (droppedLines() + history line), so one found before more
// output arrived still points at the same text. No widgets.

#include <QPoint>
#include <QString>

#include <optional>

namespace archnest::ui {

class TerminalScreen;

struct TerminalMatch
{
    qint64 line = 0;   // stable: TerminalScreen::droppedLines() + history line
    int column = 0;    // first cell
    int endColumn = 0; // last cell (inclusive)
    bool operator==(const TerminalMatch &) const = default;
};

class TerminalSearch final
{
public:
    explicit TerminalSearch(const TerminalScreen *screen);

    void setNeedle(const QString &needle);
    QString needle() const { return m_needle; }
    // The match after the current one (or before it when `backwards`), wrapping around; with no
    // current match, the search starts from the bottom of the screen. nullopt: no match at all.
    std::optional<TerminalMatch> next(bool backwards);
    std::optional<TerminalMatch> current() const { return m_current; }
    void clearCurrent() { m_current.reset(); }
    // Matches in the scrollback and the screen.
    int count() const;
    // History coordinates (x = column, y = history line) of a match's ends; y < 0 when its line
    // has left the scrollback.
    QPoint startOf(const TerminalMatch &m) const;
    QPoint endOf(const TerminalMatch &m) const;

private:
    // One line's text and, for each UTF-16 unit of it, its cell.
    QString lineText(int line, std::vector<int> *columns) const;
    std::optional<TerminalMatch> findInLine(int line, int fromIndex, bool backwards, int beforeColumn) const;

    const TerminalScreen *m_screen;
    QString m_needle;
    std::optional<TerminalMatch> m_current;
};

} // namespace archnest::ui
