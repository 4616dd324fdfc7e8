#include "TerminalInputFilter.h"

#include <QUtf8StringView>

#include <array>
#include <climits>

namespace archnest::ui {

namespace {

constexpr uchar kEsc = 0x1b;
constexpr uchar kCan = 0x18;
constexpr uchar kSub = 0x1a;
constexpr uchar kBel = 0x07;

int utf8Length(uchar lead)
{
    return lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}

// A complete sequence of utf8Length(s[0]) bytes: continuation bytes only, no overlong form, no
// surrogate, nothing past U+10FFFF, and no C1 control (U+0080..U+009F: not printable).
bool validUtf8(const uchar *s, int len)
{
    for (int k = 1; k < len; ++k)
        if ((s[k] & 0xc0) != 0x80)
            return false;
    switch (s[0]) {
    case 0xc2:
        return s[1] >= 0xa0;
    case 0xe0:
        return s[1] >= 0xa0;
    case 0xed:
        return s[1] <= 0x9f;
    case 0xf0:
        return s[1] >= 0x90;
    case 0xf4:
        return s[1] <= 0x8f;
    default:
        return s[0] >= 0xc2 && s[0] <= 0xf4;
    }
}

bool isC0(uchar c)
{
    return c < 0x20 && c != kEsc && c != kCan && c != kSub;
}

// tmux's utf8_isvalid(): printable ASCII or whole UTF-8 characters.
bool validTitle(QByteArrayView s)
{
    const auto *p = reinterpret_cast<const uchar *>(s.data());
    for (qsizetype i = 0; i < s.size();) {
        const uchar c = p[i];
        if (c >= 0x20 && c < 0x7f) {
            ++i;
            continue;
        }
        if (c < 0xc2 || c > 0xf4)
            return false;
        const int len = utf8Length(c);
        if (s.size() - i < len || !validUtf8(p + i, len))
            return false;
        i += len;
    }
    return true;
}

} // namespace

void TerminalInputFilter::reset()
{
    *this = TerminalInputFilter();
}

qsizetype TerminalInputFilter::pendingBytes() const
{
    return m_params.size() + m_inter.size() + m_utf8Have + (m_state == State::Ground ? 0 : 1);
}

void TerminalInputFilter::filter(QByteArrayView in, QByteArray &out, std::vector<Event> &events)
{
    const auto *p = reinterpret_cast<const uchar *>(in.data());
    const qsizetype n = in.size();
    qsizetype i = 0;
    while (i < n) {
        if (m_state == State::Ground && m_utf8Need == 0) {
            ground(p, n, i, out);
            if (i >= n)
                break;
        }
        const uchar c = p[i++];
        if (m_state == State::Ground) {
            if (c != kEsc)
                m_last = 0; // REP repeats an ASCII character printed right before it
            if (c >= 0x80) {
                utf8Byte(c, out);
                continue;
            }
            stopUtf8();
            if (c == kEsc)
                enterEscape();
            else if (c != kCan && c != kSub)
                out += char(c);
            continue;
        }
        bool handled = false;
        anywhere(c, out, events, handled);
        if (handled)
            continue;
        switch (m_state) {
        case State::Ground:
            break;
        case State::Escape:
            escapeByte(c, out, events);
            break;
        case State::Csi:
        case State::CsiIgnore:
            csiByte(c, out, events);
            break;
        case State::String:
        case State::DcsEscape:
            stringByte(c, out, events);
            break;
        }
    }
}

// The fast path: printable ASCII, C0 controls and whole valid UTF-8 characters go straight
// through; stops at ESC/CAN/SUB and at a UTF-8 sequence that is invalid or cut by the chunk end.
void TerminalInputFilter::ground(const uchar *p, qsizetype n, qsizetype &i, QByteArray &out)
{
    const qsizetype start = i;
    char last = m_last;
    while (i < n) {
        const uchar c = p[i];
        if (c >= 0x20 && c < 0x7f) {
            last = char(c);
            ++i;
            continue;
        }
        if (c < 0x20) {
            if (c == kEsc) {
                // A whole CSI that needs nothing from us (most SGR and cursor moves) stays in the
                // run: no copy, and libvterm gets one write.
                const qsizetype len = plainCsiLength(p + i, n - i);
                if (len == 0)
                    break;
                i += len;
                last = 0;
                continue;
            }
            if (c == kCan || c == kSub)
                break;
            last = 0;
            ++i;
            continue;
        }
        if (c == 0x7f) { // DEL: ignored
            ++i;
            continue;
        }
        if (c < 0xc2 || c > 0xf4)
            break;
        const int len = utf8Length(c);
        if (n - i < len || !validUtf8(p + i, len))
            break;
        last = 0;
        i += len;
    }
    out.append(reinterpret_cast<const char *>(p + start), i - start);
    m_last = last;
}

// tmux 3.3's rules: a byte that cannot start a character is dropped; a started character takes
// its full length of high bytes and is dropped if invalid, and so is one cut short by a low byte.
void TerminalInputFilter::utf8Byte(uchar c, QByteArray &out)
{
    if (m_utf8Need == 0) {
        if (c < 0xc2 || c > 0xf4)
            return;
        m_utf8[0] = c;
        m_utf8Have = 1;
        m_utf8Need = quint8(utf8Length(c));
        return;
    }
    m_utf8[m_utf8Have++] = c;
    if (m_utf8Have < m_utf8Need)
        return;
    if (validUtf8(m_utf8, m_utf8Need))
        out.append(reinterpret_cast<const char *>(m_utf8), m_utf8Need);
    m_utf8Have = 0;
    m_utf8Need = 0;
}

void TerminalInputFilter::stopUtf8()
{
    m_utf8Have = 0;
    m_utf8Need = 0;
}

void TerminalInputFilter::enterEscape()
{
    m_state = State::Escape;
    m_inter.clear();
    m_params.clear();
    m_leader = 0;
    m_discard = false;
}

// CAN, SUB and ESC end any sequence (a string is dispatched first, as tmux does); DCS data only
// ends at ESC backslash.
void TerminalInputFilter::anywhere(uchar c, QByteArray &out, std::vector<Event> &events, bool &handled)
{
    if (c != kEsc && c != kCan && c != kSub)
        return;
    if (m_state == State::DcsEscape || (m_state == State::String && m_stringKind == 'P'))
        return;
    handled = true;
    if (m_state == State::String)
        endString(out, events);
    if (c == kEsc)
        enterEscape();
    else
        m_state = State::Ground;
}

void TerminalInputFilter::escapeByte(uchar c, QByteArray &out, std::vector<Event> &events)
{
    if (isC0(c)) {
        out += char(c);
        m_last = 0;
        return;
    }
    if (c >= 0x20 && c <= 0x2f) {
        if (m_inter.size() >= kMaxIntermediates)
            m_discard = true;
        else
            m_inter += char(c);
        return;
    }
    if (c < 0x30 || c > 0x7e)
        return; // DEL and high bytes are ignored inside a sequence
    m_state = State::Ground;
    if (m_inter.isEmpty()) {
        switch (c) {
        case '[':
            m_state = State::Csi;
            return;
        case ']':
        case 'P':
        case '_':
        case '^':
        case 'X':
        case 'k':
            m_state = State::String;
            m_stringKind = char(c);
            return;
        case '\\':
            return; // a lone ST
        default:
            break;
        }
    }
    m_last = 0;
    if (m_discard)
        return;
    out += char(kEsc);
    out += m_inter;
    out += char(c);
    if (c == '8' && m_inter.isEmpty())
        events.push_back(Event{out.size(), EventKind::CursorRestored, 0, 0, {}});
}

void TerminalInputFilter::csiByte(uchar c, QByteArray &out, std::vector<Event> &events)
{
    if (isC0(c)) {
        out += char(c); // executed before the sequence, as every VT parser does
        m_last = 0;
        return;
    }
    if (c >= 0x40 && c <= 0x7e) {
        if (m_state == State::Csi && !m_discard)
            dispatchCsi(char(c), out, events);
        m_state = State::Ground;
        m_last = 0;
        return;
    }
    if (m_state == State::CsiIgnore || c < 0x20 || c > 0x7e)
        return;
    if (c <= 0x2f) {
        if (m_inter.size() + (m_leader ? 1 : 0) >= kMaxIntermediates)
            m_discard = true;
        else
            m_inter += char(c);
        return;
    }
    if (!m_inter.isEmpty()) { // a parameter byte after an intermediate
        m_state = State::CsiIgnore;
        return;
    }
    if (c >= 0x3c) { // private marker: only as the first byte
        if (m_params.isEmpty() && m_leader == 0)
            m_leader = char(c);
        else
            m_state = State::CsiIgnore;
        return;
    }
    if (m_params.size() >= kMaxParamBytes)
        m_discard = true;
    else
        m_params += char(c);
}

void TerminalInputFilter::stringByte(uchar c, QByteArray &out, std::vector<Event> &events)
{
    if (m_stringKind == 'P') { // tmux's DCS: only ESC backslash ends it
        if (m_state == State::DcsEscape && c == '\\')
            m_state = State::Ground;
        else
            m_state = c == kEsc ? State::DcsEscape : State::String;
        return;
    }
    if (m_stringKind != ']')
        return; // APC, PM, SOS, ESC k: consumed
    if (c == kBel) {
        endString(out, events);
        m_state = State::Ground;
        return;
    }
    if (c < 0x20)
        return;
    if (m_params.size() >= kMaxOsc)
        m_discard = true;
    else
        m_params += char(c);
}

void TerminalInputFilter::endString(QByteArray &out, std::vector<Event> &events)
{
    const QByteArray payload = std::exchange(m_params, {});
    if (m_discard)
        return;
    // DCS is consumed: libvterm 0.1.4 crashes answering some DECRQSS requests (found by
    // fuzz_terminal_screen), and tmux answers none either. APC, PM, SOS: consumed.
    if (m_stringKind != ']' || payload.isEmpty() || payload.at(0) < '0' || payload.at(0) > '9')
        return;
    qsizetype k = 0;
    int option = 0;
    while (k < payload.size() && payload.at(k) >= '0' && payload.at(k) <= '9' && option < 100000)
        option = option * 10 + (payload.at(k++) - '0');
    if (k < payload.size() && payload.at(k) == ';')
        ++k;
    const QByteArrayView text = QByteArrayView(payload).sliced(k);
    if ((option == 0 || option == 2) && validTitle(text))
        events.push_back(Event{out.size(), EventKind::Title, 0, 0, text.toByteArray()});
}

} // namespace archnest::ui
