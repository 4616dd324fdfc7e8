// TerminalScreen's cells: libvterm's cells converted to ours (colours resolved, combining marks,
// the attributes carried in libvterm's font number) and the half-overwritten wide characters
// libvterm 0.1.4 leaves behind repaired as tmux resolves them.
#include "TerminalScreen.h"

#include <vterm.h>

#include <algorithm>

namespace archnest::ui {

namespace {

constexpr uint32_t kWideContinuation = 0xFFFFFFFFu;

QRgb toRgb(VTermColor c)
{
    return qRgb(c.rgb.red, c.rgb.green, c.rgb.blue);
}

// libvterm 0.1.4 only lets its first 16 palette entries be changed and its grey ramp differs
// from xterm's, so indexed colours are resolved here: 16 ANSI colours tuned for a dark
// background, then xterm's 6x6x6 cube and 24-step grey ramp.
QRgb paletteColor(int index)
{
    static constexpr QRgb kAnsi[16] = {
        0xff000000, 0xffcd3131, 0xff0dbc79, 0xffe5e510, 0xff2472c8, 0xffbc3fbc, 0xff11a8cd, 0xffe5e5e5,
        0xff666666, 0xfff14c4c, 0xff23d18b, 0xfff5f543, 0xff3b8eea, 0xffd670d6, 0xff29b8db, 0xffffffff,
    };
    if (index < 16)
        return kAnsi[std::max(0, index)];
    if (index < 232) {
        static constexpr int kLevels[6] = {0, 95, 135, 175, 215, 255};
        const int i = index - 16;
        return qRgb(kLevels[i / 36], kLevels[(i / 6) % 6], kLevels[i % 6]);
    }
    const int grey = 8 + 10 * (std::min(index, 255) - 232);
    return qRgb(grey, grey, grey);
}

// A code point libvterm 0.1.4 draws two columns wide is found by letting a scratch VTerm print
// it (its width table is not exported); answers are cached, the cache bounded.
constexpr qsizetype kMaxWidthCache = 65536;
} // namespace

QString TerminalCell::text() const
{
    if (ch[0] == 0)
        return {};
    int n = 1;
    while (n < kMaxChars && ch[n] != 0)
        ++n;
    return QString::fromUcs4(ch, n);
}

// libvterm's C callbacks, forwarding to the screen object.
TerminalCell TerminalScreen::convert(const void *vtermCell) const
{
    const auto &c = *static_cast<const VTermScreenCell *>(vtermCell);
    TerminalCell out;
    if (c.chars[0] == kWideContinuation) {
        out.width = 0;
    } else {
        for (int i = 0; i < TerminalCell::kMaxChars && c.chars[i] != 0; ++i)
            out.ch[i] = c.chars[i];
        out.width = quint8(c.width);
    }
    quint16 flags = 0;
    if (c.attrs.bold)
        flags |= TerminalCell::Bold;
    if (c.attrs.italic)
        flags |= TerminalCell::Italic;
    if (c.attrs.underline == VTERM_UNDERLINE_DOUBLE)
        flags |= TerminalCell::DoubleUnderline | TerminalCell::Underline;
    else if (c.attrs.underline != VTERM_UNDERLINE_OFF)
        flags |= TerminalCell::Underline;
    if (c.attrs.reverse)
        flags |= TerminalCell::Reverse;
    if (c.attrs.strike)
        flags |= TerminalCell::Strike;
    if (c.attrs.blink)
        flags |= TerminalCell::Blink;
    if (c.attrs.font & TerminalInputFilter::Dim)
        flags |= TerminalCell::Dim;
    if (c.attrs.font & TerminalInputFilter::Conceal)
        flags |= TerminalCell::Conceal;
    if (c.attrs.font & TerminalInputFilter::Overline)
        flags |= TerminalCell::Overline;
    if (VTERM_COLOR_IS_DEFAULT_FG(&c.fg)) {
        flags |= TerminalCell::DefaultFg;
        out.fg = m_defaultFgRgb;
    } else if (VTERM_COLOR_IS_INDEXED(&c.fg)) {
        out.fgIndex = c.fg.indexed.idx;
        out.fg = paletteColor(c.fg.indexed.idx);
    } else {
        out.fg = toRgb(c.fg);
    }
    if (VTERM_COLOR_IS_DEFAULT_BG(&c.bg)) {
        flags |= TerminalCell::DefaultBg;
        out.bg = m_defaultBgRgb;
    } else if (VTERM_COLOR_IS_INDEXED(&c.bg)) {
        out.bgIndex = c.bg.indexed.idx;
        out.bg = paletteColor(c.bg.indexed.idx);
    } else {
        out.bg = toRgb(c.bg);
    }
    out.flags = flags;
    return out;
}

TerminalCell TerminalScreen::cell(int row, int col) const
{
    if (row < 0 || row >= m_rows || col < 0 || col >= m_cols)
        return {};
    VTermScreenCell c;
    vterm_screen_get_cell(m_screen, VTermPos{row, col}, &c);
    TerminalCell out = convert(&c);
    uint32_t neighbour = 0;
    if (out.width == 0 && col > 0) {
        VTermScreenCell l;
        vterm_screen_get_cell(m_screen, VTermPos{row, col - 1}, &l);
        neighbour = l.chars[0];
    } else if (out.width == 1 && out.ch[0] >= 0x1100 && col + 1 < m_cols) {
        VTermScreenCell r;
        vterm_screen_get_cell(m_screen, VTermPos{row, col + 1}, &r);
        neighbour = r.chars[0];
    }
    repairWide(out, neighbour);
    return out;
}

// libvterm 0.1.4 leaves the other half of a wide character behind when one half is overwritten.
// Repaired when read, the way tmux 3.3 resolves it (the differential test's oracle):
//  - a narrow character over the left half claims width 2 and the stale right half hides a
//    column from text copies: the character gets width 1, the stale half reads as a blank;
//  - a non-ASCII character printed over the right half blanks the wide character (tmux keeps
//    it when the new character is ASCII or the half was erased, and so does this).
// `neighbour`: the first code point of the cell to the left (continuation cells) or to the
// right (others).
void TerminalScreen::repairWide(TerminalCell &c, uint32_t neighbour) const
{
    if (c.width == 0) {
        if (neighbour == 0 || neighbour == kWideContinuation || !isWide(char32_t(neighbour))) {
            std::fill(std::begin(c.ch), std::end(c.ch), 0);
            c.width = 1;
        }
        return;
    }
    if (c.width == 2 && !isWide(c.ch[0])) {
        c.width = 1;
    } else if (c.width == 1 && c.ch[0] != 0 && neighbour >= 0x80 && neighbour != kWideContinuation && isWide(c.ch[0])) {
        std::fill(std::begin(c.ch), std::end(c.ch), 0);
    }
}

bool TerminalScreen::isWide(char32_t cp) const
{
    if (cp < 0x1100)
        return false;
    if (const auto it = m_wideCache.constFind(cp); it != m_wideCache.constEnd())
        return it.value();
    if (!m_probe) {
        m_probe = vterm_new(1, 4);
        vterm_set_utf8(m_probe, 1);
        vterm_state_reset(vterm_obtain_state(m_probe), 1);
    }
    const QByteArray bytes = "\r" + QString::fromUcs4(&cp, 1).toUtf8();
    vterm_input_write(m_probe, bytes.constData(), size_t(bytes.size()));
    VTermPos pos;
    vterm_state_get_cursorpos(vterm_obtain_state(m_probe), &pos);
    if (m_wideCache.size() >= kMaxWidthCache)
        m_wideCache.clear();
    m_wideCache.insert(cp, pos.col == 2);
    return pos.col == 2;
}

} // namespace archnest::ui
