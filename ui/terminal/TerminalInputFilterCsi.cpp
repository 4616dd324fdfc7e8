// TerminalInputFilter's CSI side: which sequences pass untouched (the fast path), what libvterm
// gets for the others (at most 16 arguments, clamped numbers), SGR normalised as tmux reads it,
// and the events (3J, REP, restored cursor, dim/conceal/overline).
#include "TerminalInputFilter.h"

#include <array>
#include <climits>

namespace archnest::ui {

namespace {

// Splits `s` at `sep` into at most `max` views; returns the number of fields (which may be more).
int splitFields(QByteArrayView s, char sep, QByteArrayView *out, int max)
{
    int count = 0;
    qsizetype start = 0;
    for (qsizetype k = 0; k <= s.size(); ++k) {
        if (k == s.size() || s[k] == sep) {
            if (count < max)
                out[count] = s.sliced(start, k - start);
            ++count;
            start = k + 1;
        }
    }
    return count;
}

// One SGR parameter: a number (-1 when missing) or, with colons, its sub-parameters.
struct SgrField
{
    int value = -1;
    bool colon = false;
    QByteArrayView text;
};

// Parses digits; false when the number passes INT_MAX (tmux drops such a sequence).
bool parseNumber(QByteArrayView digits, int &value)
{
    if (digits.isEmpty()) {
        value = -1;
        return true;
    }
    qint64 v = 0;
    for (const char d : digits) {
        v = v * 10 + (d - '0');
        if (v > INT_MAX)
            return false;
    }
    value = int(v);
    return true;
}

// libvterm-bound SGR: whole atoms (1, 3 or 5 numbers) packed into sequences of at most
// kMaxVtermArgs numbers each.
class SgrWriter
{
public:
    explicit SgrWriter(QByteArray &out)
        : m_out(out)
    {}
    void atom(std::initializer_list<int> numbers)
    {
        if (m_count + int(numbers.size()) > TerminalInputFilter::kMaxVtermArgs)
            close();
        for (const int n : numbers) {
            m_out += m_count == 0 ? "\x1b[" : ";";
            m_out += QByteArray::number(n);
            ++m_count;
        }
    }
    void close()
    {
        if (m_count > 0)
            m_out += 'm';
        m_count = 0;
    }

private:
    QByteArray &m_out;
    int m_count = 0;
};

} // namespace

void TerminalInputFilter::dispatchCsi(char final, QByteArray &out, std::vector<Event> &events)
{
    // tmux's input_split(): at most kMaxParams - 1 parameters, numbers up to INT_MAX.
    std::array<QByteArrayView, kMaxParams> fields;
    const int count = splitFields(m_params, ';', fields.data(), kMaxParams);
    if (count >= kMaxParams)
        return;
    bool colon = false;
    for (int k = 0; k < count; ++k) {
        int v = 0;
        if (fields[size_t(k)].contains(':'))
            colon = true;
        else if (!parseNumber(fields[size_t(k)], v))
            return;
    }
    if (m_leader == 0 && m_inter.isEmpty()) {
        if (final == 'b') {
            int n = 1;
            if (count > 0 && parseNumber(fields[0], n) && n <= 0)
                n = 1;
            if (m_last != 0 && !colon)
                events.push_back(Event{out.size(), EventKind::Repeat, 0, 0, QByteArray(1, m_last), n});
            return;
        }
        if (final == 'm') {
            dispatchSgr(out, events);
            return;
        }
        int first = -1;
        if (final == 'J' && parseNumber(fields[0], first) && first == 3) {
            events.push_back(Event{out.size(), EventKind::ClearScrollback, 0, 0, {}});
            return;
        }
    }
    if (colon)
        return; // sub-parameters mean nothing outside SGR (tmux ignores such sequences too)
    // libvterm keeps 16 arguments; numbers are clamped so its arithmetic (long, then int)
    // cannot overflow.
    out += "\x1b[";
    if (m_leader)
        out += m_leader;
    int args = 1;
    qsizetype digitsStart = -1;
    auto flushDigits = [&](qsizetype end) {
        if (digitsStart < 0)
            return;
        const QByteArrayView d = QByteArrayView(m_params).sliced(digitsStart, end - digitsStart);
        int v = 0;
        parseNumber(d, v);
        out += v > kMaxParamValue ? QByteArray::number(kMaxParamValue) : d.toByteArray();
        digitsStart = -1;
    };
    for (qsizetype k = 0; k < m_params.size(); ++k) {
        const char ch = m_params.at(k);
        if (ch == ';' || ch == ':') {
            flushDigits(k);
            if (++args > kMaxVtermArgs)
                break;
            out += ch;
        } else if (digitsStart < 0) {
            digitsStart = k;
        }
    }
    if (args <= kMaxVtermArgs)
        flushDigits(m_params.size());
    out += m_inter;
    out += final;
    if ((m_leader == 0 && m_inter.isEmpty() && final == 'u') ||
        (m_leader == '?' && (final == 'l' || final == 'h') && m_params.contains("104")))
        events.push_back(Event{out.size(), EventKind::CursorRestored, 0, 0, {}});
}

namespace {

// The common case, passed through untouched: numbers libvterm handles exactly as tmux does
// (no dim/conceal/overline, fonts, colons or out-of-range colours).
bool plainSgr(const SgrField *fields, int count)
{
    for (int i = 0; i < count; ++i) {
        const SgrField &f = fields[i];
        if (f.colon)
            return false;
        const int v = f.value;
        if (v == 38 || v == 48) {
            const int kind = i + 1 < count && !fields[i + 1].colon ? fields[i + 1].value : -1;
            const int args = kind == 5 ? 1 : kind == 2 ? 3 : -1;
            if (args < 0 || i + 1 + args >= count)
                return false;
            for (int k = i + 2; k <= i + 1 + args; ++k)
                if (fields[k].colon || fields[k].value < 0 || fields[k].value > 255)
                    return false;
            i += 1 + args;
            continue;
        }
        if (v <= 1 || v == 3 || v == 4 || v == 5 || v == 7 || v == 9 || v == 21 || v == 23 || v == 24 || v == 25 ||
            v == 27 || v == 29 || v == 39 || v == 49 || (v >= 30 && v <= 37) || (v >= 40 && v <= 47) ||
            (v >= 90 && v <= 97) || (v >= 100 && v <= 107))
            continue;
        return false;
    }
    return true;
}

} // namespace

// The length of the CSI at `s` if it is whole and libvterm may have it exactly as it is: no
// private marker or intermediate, at most 16 numbers up to kMaxParamValue, and nothing the
// slow path rewrites or turns into an event (3J, REP, SCORC, SGR beyond plainSgr). 0 otherwise.
// For such a sequence the slow path's output is the same bytes, so chunking changes nothing.
qsizetype TerminalInputFilter::plainCsiLength(const uchar *s, qsizetype avail)
{
    if (avail < 3 || s[1] != '[')
        return 0;
    std::array<SgrField, TerminalInputFilter::kMaxVtermArgs> fields;
    int count = 0;
    int value = -1;
    qsizetype k = 2;
    for (; k < avail; ++k) {
        const uchar c = s[k];
        if (c >= '0' && c <= '9') {
            value = (value < 0 ? 0 : value) * 10 + (c - '0');
            if (value > TerminalInputFilter::kMaxParamValue)
                return 0;
        } else if (c == ';') {
            if (count == TerminalInputFilter::kMaxVtermArgs - 1)
                return 0;
            fields[size_t(count++)].value = value;
            value = -1;
        } else {
            break;
        }
    }
    if (k >= avail || k - 2 > TerminalInputFilter::kMaxParamBytes)
        return 0;
    const uchar final = s[k];
    if (final < 0x40 || final > 0x7e)
        return 0;
    fields[size_t(count++)].value = value;
    switch (final) {
    case 'b':
    case 'u':
        return 0;
    case 'J':
        return fields[0].value == 3 ? 0 : k + 1;
    case 'm':
        return plainSgr(fields.data(), count) ? k + 1 : 0;
    default:
        return k + 1;
    }
}

// SGR, following tmux's input_csi_dispatch_sgr(): libvterm gets only what it handles right, in
// sequences of at most 16 numbers; dim, conceal and overline become a PenExtra event.
void TerminalInputFilter::dispatchSgr(QByteArray &out, std::vector<Event> &events)
{
    std::array<QByteArrayView, kMaxParams> texts;
    std::array<SgrField, kMaxParams> fields;
    const int count = m_params.isEmpty() ? 0 : splitFields(m_params, ';', texts.data(), kMaxParams);
    for (int k = 0; k < count; ++k) {
        SgrField &field = fields[size_t(k)];
        field.text = texts[size_t(k)];
        field.colon = field.text.contains(':');
        if (!field.colon)
            parseNumber(field.text, field.value);
    }
    auto number = [&](int idx) { return idx < count && !fields[size_t(idx)].colon ? fields[size_t(idx)].value : -1; };
    auto inByte = [](int v) { return v >= 0 && v <= 255; };
    if (count <= kMaxVtermArgs && plainSgr(fields.data(), count)) {
        out += "\x1b[";
        out += m_params;
        out += 'm';
        return;
    }

    SgrWriter w(out);
    quint8 set = 0;
    quint8 clear = 0;
    auto extra = [&](quint8 bit, bool on) {
        set = on ? (set | bit) : (set & ~bit);
        clear = on ? (clear & ~bit) : (clear | bit);
    };
    if (count == 0)
        w.atom({0});
    for (int i = 0; i < count; ++i) {
        const SgrField &f = fields[size_t(i)];
        if (f.colon) {
            std::array<QByteArrayView, 8> parts;
            std::array<int, 8> sub;
            sub.fill(-1);
            const int n = splitFields(f.text, ':', parts.data(), int(parts.size()));
            if (n >= int(parts.size())) // tmux ignores 8 or more sub-parameters
                continue;
            bool ok = true;
            for (int k = 0; k < n; ++k)
                ok = ok && parseNumber(parts[size_t(k)], sub[size_t(k)]);
            if (!ok)
                continue;
            if (sub[0] == 4 && n == 2) {
                w.atom({sub[1] == 0 ? 24 : sub[1] == 2 ? 21 : 4});
            } else if (n >= 3 && (sub[0] == 38 || sub[0] == 48)) {
                if (sub[1] == 5 && inByte(sub[2])) {
                    w.atom({sub[0], 5, sub[2]});
                } else if (sub[1] == 2) {
                    const int at = n == 5 ? 2 : 3; // 38:2:r:g:b or 38:2:colourspace:r:g:b
                    if (n >= at + 3 && inByte(sub[at]) && inByte(sub[at + 1]) && inByte(sub[at + 2]))
                        w.atom({sub[0], 2, sub[at], sub[at + 1], sub[at + 2]});
                }
            }
            continue;
        }
        const int v = f.value < 0 ? 0 : f.value;
        if (v == 38 || v == 48 || v == 58) {
            const int kind = number(++i);
            if (kind == 2) {
                const int r = number(i + 1), g = number(i + 2), b = number(i + 3);
                if (inByte(r) && inByte(g) && inByte(b)) {
                    if (v != 58)
                        w.atom({v, 2, r, g, b});
                    i += 3;
                }
            } else if (kind == 5) {
                const int c = number(++i);
                if (v != 58 && inByte(c))
                    w.atom({v, 5, c}); // 38;5;300 is ignored
            }
            continue;
        }
        switch (v) {
        case 0:
            w.atom({0}); // libvterm clears the font (our extra bits) itself
            set = 0;
            clear = 0;
            break;
        case 2:
            extra(Dim, true);
            break;
        case 8:
            extra(Conceal, true);
            break;
        case 53:
            extra(Overline, true);
            break;
        case 22:
            w.atom({22});
            extra(Dim, false);
            break;
        case 28:
            extra(Conceal, false);
            break;
        case 55:
            extra(Overline, false);
            break;
        case 6:
            w.atom({5});
            break;
        case 1:
        case 3:
        case 4:
        case 5:
        case 7:
        case 9:
        case 21:
        case 23:
        case 24:
        case 25:
        case 27:
        case 29:
        case 39:
        case 49:
            w.atom({v});
            break;
        default:
            if ((v >= 30 && v <= 37) || (v >= 40 && v <= 47) || (v >= 90 && v <= 97) || (v >= 100 && v <= 107))
                w.atom({v});
            break; // fonts (10-19) and the rest: ignored
        }
    }
    w.close();
    if (set != 0 || clear != 0)
        events.push_back(Event{out.size(), EventKind::PenExtra, set, clear, {}});
}

} // namespace archnest::ui
