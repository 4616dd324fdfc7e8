#pragma once

// The headless screen model of the embedded terminal (Konsole's split: emulation -> screen model
// -> widget). libvterm 0.1.4 parses and keeps the visible grid; this class adds what libvterm
// leaves to its user: our own scrollback (sb_pushline/sb_popline), damage accumulated per feed,
// the cursor and terminal properties, and the bytes the terminal sends back (DSR/DA replies and
// the keyboard encoding). No widgets here, so every behaviour is testable without a window.

#include "TerminalInputFilter.h"

#include <QByteArray>
#include <QColor>
#include <QHash>
#include <QObject>
#include <QPoint>
#include <QRect>
#include <QString>

#include <deque>
#include <vector>

struct VTerm;
struct VTermScreen;
struct VTermState;

namespace archnest::ui {

// One character cell. Colours are resolved to RGB when the cell is read; the palette index is
// kept as well (-1 for truecolor or the default colour) so tests and themes can tell them apart.
struct TerminalCell
{
    enum Flag : quint16 {
        Bold = 0x1,
        Italic = 0x2,
        Underline = 0x4,
        DoubleUnderline = 0x8,
        Reverse = 0x10,
        Strike = 0x20,
        Blink = 0x40,
        DefaultFg = 0x80,
        DefaultBg = 0x100,
        Dim = 0x200,
        Conceal = 0x400, // painted as blank; the text is still there (copy, capture)
        Overline = 0x800,
    };
    static constexpr int kMaxChars = 6; // libvterm's VTERM_MAX_CHARS_PER_CELL

    // The base code point and up to five combining marks (zero-terminated); ch[0] == 0: blank.
    char32_t ch[kMaxChars] = {0, 0, 0, 0, 0, 0};
    QRgb fg = 0;
    QRgb bg = 0;
    qint16 fgIndex = -1;
    qint16 bgIndex = -1;
    quint16 flags = DefaultFg | DefaultBg;
    quint8 width = 1; // 2: left half of a wide character; 0: its right half

    bool has(Flag f) const { return (flags & f) != 0; }
    bool isBlank() const { return ch[0] == 0; }
    QString text() const;
    QColor foreground() const { return QColor::fromRgb(fg); }
    QColor background() const { return QColor::fromRgb(bg); }
};

using TerminalLine = std::vector<TerminalCell>;

enum class CursorShape { Block, Underline, Bar };

class TerminalScreen final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TerminalScreen)

public:
    static constexpr int kDefaultScrollback = 10000;
    static constexpr int kMaxScrollback = 1000000;
    // libvterm 0.1.4 writes a wide character's right half past the end of a 1-column line.
    static constexpr int kMinColumns = 2;

    explicit TerminalScreen(int cols = 80, int rows = 24, QObject *parent = nullptr);
    ~TerminalScreen() override;

    // Parses bytes from the PTY; signals follow once the whole chunk is parsed.
    void feed(const QByteArray &bytes);
    void feed(const char *bytes, qsizetype len);

    int columns() const { return m_cols; }
    int rows() const { return m_rows; }
    void resize(int cols, int rows);

    // The visible grid (row 0 = top of the screen).
    TerminalCell cell(int row, int col) const;
    QString rowText(int row) const; // trailing blanks trimmed

    // Lines are addressed as one history: 0 .. scrollbackCount()-1 is the scrollback (oldest
    // first), scrollbackCount() .. scrollbackCount()+rows()-1 the screen. A line keeps its index
    // while it scrolls off the screen; trimming the oldest lines shifts indices down by the
    // number dropped, which droppedLines() counts.
    int scrollbackCount() const { return int(m_scrollback.size()); }
    int scrollbackLimit() const { return m_scrollbackLimit; }
    void setScrollbackLimit(int lines);
    void clearScrollback();
    qint64 droppedLines() const { return m_dropped; }
    int historyLineCount() const { return scrollbackCount() + m_rows; }
    TerminalCell historyCell(int line, int col) const;
    int historyLineWidth(int line) const;
    QString historyLineText(int line) const;
    // Text between two cells (inclusive, history coordinates: x = column, y = line), one
    // '\n' per line break, trailing blanks of each line trimmed.
    QString text(QPoint from, QPoint to) const;

    QPoint cursor() const { return m_cursor; } // x = column, y = row
    bool cursorVisible() const { return m_cursorVisible; }
    bool cursorBlinking() const { return m_cursorBlink; }
    CursorShape cursorShape() const { return m_cursorShape; }
    bool altScreen() const { return m_altScreen; }
    bool reverseVideo() const { return m_reverseVideo; }
    QString title() const { return m_title; }
    int mouseMode() const { return m_mouseMode; }
    bool bracketedPaste() const;

    QColor defaultForeground() const { return m_defaultFg; }
    QColor defaultBackground() const { return m_defaultBg; }
    void setDefaultColors(const QColor &fg, const QColor &bg);

    // Cells changed since the last call (x/y = column/row on the screen); empty when none.
    QRect takeDamage();

    // Keyboard: xterm's encoding by libvterm. Returns false for keys a terminal does not send
    // (plain modifiers, unknown keys); the bytes come out of `output`.
    bool sendKey(int qtKey, Qt::KeyboardModifiers modifiers, const QString &text);
    void sendText(const QString &text);
    // Mouse reports for applications that asked for them (mouseMode() != 0); libvterm encodes
    // them (X10/SGR/...) and drops what the mode does not want. button: 1 left, 2 middle,
    // 3 right, 4/5 wheel up/down. Positions are screen cells (x = column, y = row).
    void mouseMove(QPoint cell, Qt::KeyboardModifiers modifiers);
    void mouseButton(int button, bool pressed, Qt::KeyboardModifiers modifiers);
    // Pasted text, wrapped in ESC[200~ / ESC[201~ when the application enabled bracketed paste.
    void paste(const QString &text);

Q_SIGNALS:
    void output(const QByteArray &bytes); // to the PTY
    void contentChanged();                // damage, cursor or scrollback changed during a feed
    void titleChanged(const QString &title);
    void bell();
    void altScreenChanged(bool on);
    void sizeChanged(int cols, int rows);

private:
    void addDamage(int startRow, int endRow, int startCol, int endCol);
    void pushLine(int cols, const void *cells);
    int popLine(int cols, void *cells);
    void setProp(int prop, const void *value);
    void flushOutput();
    void emitPending();
    TerminalCell convert(const void *vtermCell) const;
    void repairWide(TerminalCell &c, uint32_t neighbour) const;
    bool isWide(char32_t cp) const;
    void applyEvent(const TerminalInputFilter::Event &e);
    void clampCursor();
    void trimScrollback();

    VTerm *m_vt = nullptr;
    VTermScreen *m_screen = nullptr;
    VTermState *m_state = nullptr;
    int m_cols = 80;
    int m_rows = 24;
    std::deque<TerminalLine> m_scrollback;
    int m_scrollbackLimit = kDefaultScrollback;
    qint64 m_dropped = 0;
    QRect m_damage;
    QPoint m_cursor;
    QPoint m_paintedCursor; // where the cursor was at the last takeDamage()
    bool m_cursorVisible = true;
    bool m_cursorBlink = true;
    CursorShape m_cursorShape = CursorShape::Block;
    bool m_altScreen = false;
    bool m_reverseVideo = false;
    int m_mouseMode = 0;
    QString m_title;
    QColor m_defaultFg = QColor(0xd0, 0xd0, 0xd0);
    QColor m_defaultBg = QColor(0x1e, 0x1e, 0x1e);
    QRgb m_defaultFgRgb = 0;
    QRgb m_defaultBgRgb = 0;
    TerminalInputFilter m_filter;
    QByteArray m_filtered;
    std::vector<TerminalInputFilter::Event> m_events;
    mutable VTerm *m_probe = nullptr; // measures character widths (isWide)
    mutable QHash<char32_t, bool> m_wideCache;
    QByteArray m_pendingOutput;
    bool m_suppressOutput = false;
    // Events collected while libvterm runs its callbacks, emitted once it has returned (so a
    // slot that feeds or resizes never re-enters libvterm).
    bool m_changed = false;
    bool m_titleChanged = false;
    bool m_altChanged = false;
    int m_bells = 0;
    int m_feedDepth = 0;

    friend struct TerminalScreenCallbacks;
};

} // namespace archnest::ui
