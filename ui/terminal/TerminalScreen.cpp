#include "TerminalScreen.h"

#include <vterm.h>

#include <algorithm>
#include <cstring>

namespace archnest::ui {

namespace {

constexpr uint32_t kWideContinuation = 0xFFFFFFFFu;

} // namespace

struct TerminalScreenCallbacks
{
    static int damage(VTermRect rect, void *user)
    {
        static_cast<TerminalScreen *>(user)->addDamage(rect.start_row, rect.end_row, rect.start_col, rect.end_col);
        return 1;
    }
    static int moveCursor(VTermPos pos, VTermPos oldPos, int visible, void *user)
    {
        // Called for every printed character: only remember where the cursor is; the cells it
        // left and reached are damaged once, in takeDamage().
        auto *s = static_cast<TerminalScreen *>(user);
        s->m_cursor = QPoint(pos.col, pos.row);
        Q_UNUSED(oldPos);
        Q_UNUSED(visible);
        s->m_changed = true;
        return 1;
    }
    static int setTermProp(VTermProp prop, VTermValue *val, void *user)
    {
        static_cast<TerminalScreen *>(user)->setProp(prop, val);
        return 1;
    }
    static int bell(void *user)
    {
        ++static_cast<TerminalScreen *>(user)->m_bells;
        return 1;
    }
    static int resize(int rows, int cols, void *user)
    {
        auto *s = static_cast<TerminalScreen *>(user);
        s->m_rows = rows;
        s->m_cols = cols;
        return 1;
    }
    static int pushLine(int cols, const VTermScreenCell *cells, void *user)
    {
        static_cast<TerminalScreen *>(user)->pushLine(cols, cells);
        return 1;
    }
    static int popLine(int cols, VTermScreenCell *cells, void *user)
    {
        return static_cast<TerminalScreen *>(user)->popLine(cols, cells);
    }
    static void output(const char *s, size_t len, void *user)
    {
        auto *screen = static_cast<TerminalScreen *>(user);
        screen->m_pendingOutput.append(s, qsizetype(len));
    }
};

namespace {
const VTermScreenCallbacks kCallbacks = {
    &TerminalScreenCallbacks::damage,     nullptr,
    &TerminalScreenCallbacks::moveCursor, &TerminalScreenCallbacks::setTermProp,
    &TerminalScreenCallbacks::bell,       &TerminalScreenCallbacks::resize,
    &TerminalScreenCallbacks::pushLine,   &TerminalScreenCallbacks::popLine,
};
} // namespace

TerminalScreen::TerminalScreen(int cols, int rows, QObject *parent)
    : QObject(parent)
    , m_cols(std::max(kMinColumns, cols))
    , m_rows(std::max(1, rows))
{
    m_vt = vterm_new(m_rows, m_cols);
    vterm_set_utf8(m_vt, 1);
    vterm_output_set_callback(m_vt, &TerminalScreenCallbacks::output, this);
    m_state = vterm_obtain_state(m_vt);
    m_screen = vterm_obtain_screen(m_vt);
    vterm_screen_set_callbacks(m_screen, &kCallbacks, this);
    // Whole-screen damage merged per flush: one rectangle per feed instead of one callback per
    // cell (libvterm's default), which is what keeps a fast `cat` cheap.
    vterm_screen_set_damage_merge(m_screen, VTERM_DAMAGE_SCREEN);
    vterm_screen_enable_altscreen(m_screen, 1);
    setDefaultColors(m_defaultFg, m_defaultBg);
    vterm_screen_reset(m_screen, 1);
}

TerminalScreen::~TerminalScreen()
{
    vterm_free(m_vt);
    if (m_probe)
        vterm_free(m_probe);
}

void TerminalScreen::setDefaultColors(const QColor &fg, const QColor &bg)
{
    m_defaultFg = fg;
    m_defaultBg = bg;
    m_defaultFgRgb = fg.rgb();
    m_defaultBgRgb = bg.rgb();
    VTermColor vfg;
    VTermColor vbg;
    vterm_color_rgb(&vfg, uint8_t(fg.red()), uint8_t(fg.green()), uint8_t(fg.blue()));
    vterm_color_rgb(&vbg, uint8_t(bg.red()), uint8_t(bg.green()), uint8_t(bg.blue()));
    vterm_state_set_default_colors(m_state, &vfg, &vbg);
    addDamage(0, m_rows, 0, m_cols);
    emitPending();
}

void TerminalScreen::feed(const QByteArray &bytes)
{
    feed(bytes.constData(), bytes.size());
}

void TerminalScreen::feed(const char *bytes, qsizetype len)
{
    if (len <= 0)
        return;
    // Only whole units reach libvterm (see TerminalInputFilter); events are applied where they
    // happened in the stream.
    m_filtered.clear();
    m_events.clear();
    m_filter.filter(QByteArrayView(bytes, len), m_filtered, m_events);
    ++m_feedDepth;
    qsizetype done = 0;
    for (const TerminalInputFilter::Event &e : m_events) {
        if (e.offset > done)
            vterm_input_write(m_vt, m_filtered.constData() + done, size_t(e.offset - done));
        done = e.offset;
        applyEvent(e);
    }
    if (m_filtered.size() > done)
        vterm_input_write(m_vt, m_filtered.constData() + done, size_t(m_filtered.size() - done));
    vterm_screen_flush_damage(m_screen);
    --m_feedDepth;
    flushOutput();
    emitPending();
}

// libvterm 0.1.4 can leave its cursor off a screen that shrank (a restored cursor, a resize to
// fewer rows): put it back on the nearest cell before anything is printed there.
void TerminalScreen::clampCursor()
{
    VTermPos pos;
    vterm_state_get_cursorpos(m_state, &pos);
    if (pos.row < m_rows && pos.col < m_cols && pos.row >= 0 && pos.col >= 0)
        return;
    const QByteArray cup = "\x1b[" + QByteArray::number(std::clamp(pos.row, 0, m_rows - 1) + 1) + ';' +
                           QByteArray::number(std::clamp(pos.col, 0, m_cols - 1) + 1) + 'H';
    vterm_input_write(m_vt, cup.constData(), size_t(cup.size()));
}

void TerminalScreen::applyEvent(const TerminalInputFilter::Event &e)
{
    switch (e.kind) {
    case TerminalInputFilter::EventKind::ClearScrollback:
        m_dropped += qint64(m_scrollback.size());
        m_scrollback.clear();
        m_changed = true;
        break;
    case TerminalInputFilter::EventKind::Title:
        if (const QString t = QString::fromUtf8(e.title); t != m_title) {
            m_title = t;
            m_titleChanged = true;
        }
        break;
    case TerminalInputFilter::EventKind::Repeat: {
        VTermPos pos;
        vterm_state_get_cursorpos(m_state, &pos);
        const int n = std::clamp(m_cols - pos.col, 0, e.count);
        const QByteArray run = e.title.repeated(n);
        vterm_input_write(m_vt, run.constData(), size_t(run.size()));
        break;
    }
    case TerminalInputFilter::EventKind::CursorRestored:
        clampCursor();
        break;
    case TerminalInputFilter::EventKind::PenExtra: {
        // Dim, conceal and overline ride in libvterm's font number (SGR 10..17), which it keeps
        // per cell, saves with the cursor and resets with SGR 0.
        VTermValue font;
        vterm_state_get_penattr(m_state, VTERM_ATTR_FONT, &font);
        const int bits = (font.number & ~e.clear) | e.set;
        if (bits == font.number)
            break;
        const QByteArray sgr = "\x1b[1" + QByteArray::number(bits & 7) + "m";
        vterm_input_write(m_vt, sgr.constData(), size_t(sgr.size()));
        break;
    }
    }
}

void TerminalScreen::resize(int cols, int rows)
{
    cols = std::clamp(cols, kMinColumns, 1000);
    rows = std::clamp(rows, 1, 1000);
    if (cols == m_cols && rows == m_rows)
        return;
    vterm_set_size(m_vt, rows, cols);
    vterm_screen_flush_damage(m_screen);
    m_cols = cols;
    m_rows = rows;
    clampCursor();
    VTermPos pos;
    vterm_state_get_cursorpos(m_state, &pos);
    m_cursor = QPoint(pos.col, pos.row);
    addDamage(0, m_rows, 0, m_cols);
    flushOutput();
    emitPending();
    Q_EMIT sizeChanged(m_cols, m_rows);
}

QString TerminalScreen::rowText(int row) const
{
    return historyLineText(scrollbackCount() + row);
}

void TerminalScreen::pushLine(int cols, const void *cells)
{
    const auto *vcells = static_cast<const VTermScreenCell *>(cells);
    if (m_scrollbackLimit <= 0) {
        ++m_dropped;
        return;
    }
    TerminalLine line;
    if (int(m_scrollback.size()) >= m_scrollbackLimit) {
        // Reuse the oldest line's storage: a long `cat` then allocates nothing per line.
        line = std::move(m_scrollback.front());
        m_scrollback.pop_front();
        ++m_dropped;
    }
    // Trailing default blanks are not kept: most lines are short.
    int used = cols;
    while (used > 0) {
        const auto &c = vcells[used - 1];
        if (c.chars[0] != 0 || !VTERM_COLOR_IS_DEFAULT_BG(&c.bg) || c.attrs.reverse)
            break;
        --used;
    }
    line.resize(size_t(used));
    for (int i = 0; i < used; ++i) {
        line[size_t(i)] = convert(&vcells[i]);
        const bool continuation = line[size_t(i)].width == 0;
        repairWide(line[size_t(i)],
                   continuation ? (i > 0 ? vcells[i - 1].chars[0] : 0) : (i + 1 < cols ? vcells[i + 1].chars[0] : 0));
    }
    m_scrollback.push_back(std::move(line));
    m_changed = true;
}

int TerminalScreen::popLine(int cols, void *cells)
{
    if (m_scrollback.empty())
        return 0;
    auto *vcells = static_cast<VTermScreenCell *>(cells);
    const TerminalLine line = std::move(m_scrollback.back());
    m_scrollback.pop_back();
    VTermColor defFg;
    VTermColor defBg;
    vterm_state_get_default_colors(m_state, &defFg, &defBg);
    for (int i = 0; i < cols; ++i) {
        VTermScreenCell &v = vcells[i];
        std::memset(&v, 0, sizeof v);
        v.width = 1;
        v.fg = defFg;
        v.bg = defBg;
        if (i >= int(line.size()))
            continue;
        const TerminalCell &c = line[size_t(i)];
        if (c.width == 0) {
            v.chars[0] = kWideContinuation;
        } else {
            std::copy(std::begin(c.ch), std::end(c.ch), v.chars);
            v.width = char(c.width);
        }
        v.attrs.bold = c.has(TerminalCell::Bold);
        v.attrs.italic = c.has(TerminalCell::Italic);
        v.attrs.underline = c.has(TerminalCell::DoubleUnderline) ? VTERM_UNDERLINE_DOUBLE
                            : c.has(TerminalCell::Underline)     ? VTERM_UNDERLINE_SINGLE
                                                                 : VTERM_UNDERLINE_OFF;
        v.attrs.reverse = c.has(TerminalCell::Reverse);
        v.attrs.strike = c.has(TerminalCell::Strike);
        v.attrs.blink = c.has(TerminalCell::Blink);
        v.attrs.font = (c.has(TerminalCell::Dim) ? TerminalInputFilter::Dim : 0) |
                       (c.has(TerminalCell::Conceal) ? TerminalInputFilter::Conceal : 0) |
                       (c.has(TerminalCell::Overline) ? TerminalInputFilter::Overline : 0);
        if (!c.has(TerminalCell::DefaultFg)) {
            if (c.fgIndex >= 0)
                vterm_color_indexed(&v.fg, uint8_t(c.fgIndex));
            else
                vterm_color_rgb(&v.fg, uint8_t(qRed(c.fg)), uint8_t(qGreen(c.fg)), uint8_t(qBlue(c.fg)));
        }
        if (!c.has(TerminalCell::DefaultBg)) {
            if (c.bgIndex >= 0)
                vterm_color_indexed(&v.bg, uint8_t(c.bgIndex));
            else
                vterm_color_rgb(&v.bg, uint8_t(qRed(c.bg)), uint8_t(qGreen(c.bg)), uint8_t(qBlue(c.bg)));
        }
    }
    m_changed = true;
    return 1;
}

void TerminalScreen::setScrollbackLimit(int lines)
{
    m_scrollbackLimit = std::clamp(lines, 0, kMaxScrollback);
    trimScrollback();
}

void TerminalScreen::trimScrollback()
{
    while (int(m_scrollback.size()) > m_scrollbackLimit) {
        m_scrollback.pop_front();
        ++m_dropped;
        m_changed = true;
    }
    emitPending();
}

void TerminalScreen::clearScrollback()
{
    m_dropped += qint64(m_scrollback.size());
    m_scrollback.clear();
    m_changed = true;
    emitPending();
}

TerminalCell TerminalScreen::historyCell(int line, int col) const
{
    const int sb = scrollbackCount();
    if (line < 0 || col < 0)
        return {};
    if (line < sb) {
        const TerminalLine &l = m_scrollback[size_t(line)];
        if (col >= int(l.size())) {
            TerminalCell blank;
            blank.fg = m_defaultFgRgb;
            blank.bg = m_defaultBgRgb;
            return blank;
        }
        TerminalCell c = l[size_t(col)];
        if (c.has(TerminalCell::DefaultFg))
            c.fg = m_defaultFgRgb; // the theme may have changed since the line scrolled off
        if (c.has(TerminalCell::DefaultBg))
            c.bg = m_defaultBgRgb;
        return c;
    }
    return cell(line - sb, col);
}

int TerminalScreen::historyLineWidth(int line) const
{
    const int sb = scrollbackCount();
    if (line >= 0 && line < sb)
        return int(m_scrollback[size_t(line)].size());
    return m_cols;
}

QString TerminalScreen::historyLineText(int line) const
{
    const int width = historyLineWidth(line);
    return text(QPoint(0, line), QPoint(std::max(0, width - 1), line));
}

QString TerminalScreen::text(QPoint from, QPoint to) const
{
    if (to.y() < from.y() || (to.y() == from.y() && to.x() < from.x()))
        std::swap(from, to);
    QString out;
    const int first = std::max(0, from.y());
    const int last = std::min(historyLineCount() - 1, to.y());
    for (int line = first; line <= last; ++line) {
        const int width = historyLineWidth(line);
        const int c0 = line == from.y() ? std::max(0, from.x()) : 0;
        const int c1 = line == to.y() ? std::min(width - 1, to.x()) : width - 1;
        QString part;
        for (int col = c0; col <= c1; ++col) {
            const TerminalCell c = historyCell(line, col);
            if (c.width == 0)
                continue;
            part += c.isBlank() ? QStringLiteral(" ") : c.text();
        }
        while (part.endsWith(QLatin1Char(' ')))
            part.chop(1);
        out += part;
        if (line != last)
            out += QLatin1Char('\n');
    }
    return out;
}

void TerminalScreen::addDamage(int startRow, int endRow, int startCol, int endCol)
{
    // One more column either side: a change to one half of a wide character changes how the
    // other half reads (repairWide); takeDamage() clips to the screen.
    const QRect r(QPoint(startCol - 1, startRow), QPoint(endCol, endRow - 1));
    if (r.isEmpty())
        return;
    m_damage = m_damage.united(r);
    m_changed = true;
}

QRect TerminalScreen::takeDamage()
{
    if (m_cursor != m_paintedCursor) {
        m_damage = m_damage.united(QRect(m_paintedCursor, QSize(2, 1))).united(QRect(m_cursor, QSize(2, 1)));
        m_paintedCursor = m_cursor;
    }
    const QRect d = m_damage.intersected(QRect(0, 0, m_cols, m_rows));
    m_damage = QRect();
    return d;
}

void TerminalScreen::setProp(int prop, const void *value)
{
    const auto *val = static_cast<const VTermValue *>(value);
    switch (prop) {
    case VTERM_PROP_CURSORVISIBLE:
        m_cursorVisible = val->boolean != 0;
        break;
    case VTERM_PROP_CURSORBLINK:
        m_cursorBlink = val->boolean != 0;
        break;
    case VTERM_PROP_CURSORSHAPE:
        m_cursorShape = val->number == VTERM_PROP_CURSORSHAPE_UNDERLINE  ? CursorShape::Underline
                        : val->number == VTERM_PROP_CURSORSHAPE_BAR_LEFT ? CursorShape::Bar
                                                                         : CursorShape::Block;
        break;
    case VTERM_PROP_ALTSCREEN:
        if (m_altScreen != (val->boolean != 0)) {
            m_altScreen = val->boolean != 0;
            m_altChanged = true;
        }
        break;
    case VTERM_PROP_REVERSE:
        m_reverseVideo = val->boolean != 0;
        addDamage(0, m_rows, 0, m_cols);
        break;
    case VTERM_PROP_MOUSE:
        m_mouseMode = val->number;
        break;
    default:
        break;
    }
    addDamage(m_cursor.y(), m_cursor.y() + 1, m_cursor.x(), m_cursor.x() + 1);
    m_changed = true;
}

void TerminalScreen::flushOutput()
{
    if (m_pendingOutput.isEmpty())
        return;
    const QByteArray out = std::exchange(m_pendingOutput, {});
    Q_EMIT output(out);
}

void TerminalScreen::emitPending()
{
    if (m_feedDepth > 0)
        return;
    if (m_altChanged) {
        m_altChanged = false;
        Q_EMIT altScreenChanged(m_altScreen);
    }
    if (m_titleChanged) {
        m_titleChanged = false;
        Q_EMIT titleChanged(m_title);
    }
    for (; m_bells > 0; --m_bells)
        Q_EMIT bell();
    if (m_changed) {
        m_changed = false;
        Q_EMIT contentChanged();
    }
}

} // namespace archnest::ui
