#pragma once

// The byte stream's pre-parser: every byte from the PTY passes through here before libvterm
// 0.1.4 sees it. It tracks the escape-sequence grammar (ECMA-48 / the VT500 state machine, with
// tmux's limits) across feeds and hands libvterm only whole units, so:
//  - a CSI never reaches libvterm with more than 16 parameters (0.1.4 writes past its argument
//    array and crashes); absurd sequences (>= 24 parameters, > 63 parameter bytes, numbers past
//    INT_MAX, > 3 intermediates) are dropped whole, as tmux does;
//  - a UTF-8 character or an escape sequence split across two reads is carried over, so feeding a
//    stream byte by byte gives exactly what feeding it whole gives; invalid UTF-8 is resolved here
//    (tmux's rules) so libvterm only ever sees valid, complete characters;
//  - OSC titles, CSI 3J and SGR attributes libvterm does not keep (dim, conceal, overline) come out
//    as events at their position in the stream; DCS, APC, PM, SOS and screen's ESC k strings
//    are consumed; SGR is normalised (colon forms, out-of-range colours, long parameter lists).
// No Qt GUI, no libvterm: testable and fuzzable on its own.

#include <QByteArray>
#include <QByteArrayView>

#include <vector>

namespace archnest::ui {

class TerminalInputFilter final
{
public:
    enum class EventKind : quint8 {
        ClearScrollback, // CSI 3 J
        Title,           // OSC 0 / OSC 2 with valid UTF-8; text in `title`
        PenExtra,        // SGR bits libvterm 0.1.4 drops: apply `set`/`clear` to the pen
        CursorRestored,  // DECRC, SCORC or leaving 1048/1049: the saved position may be off a
                         // screen that shrank since (libvterm 0.1.4 does not clamp it)
        Repeat,          // REP (CSI b): print `title` (one ASCII character) `count` times, at
                         // most up to the right margin (libvterm 0.1.4 loops forever on a REP
                         // with no character before it)
    };
    // Pen bits carried in libvterm's 4-bit font attribute (SGR 10..17 = font 0..7).
    enum PenBit : quint8 { Dim = 0x1, Conceal = 0x2, Overline = 0x4 };

    struct Event
    {
        qsizetype offset = 0; // into the output: the event happens after out[0, offset)
        EventKind kind = EventKind::ClearScrollback;
        quint8 set = 0;
        quint8 clear = 0;
        QByteArray title;
        int count = 0;
    };

    static constexpr int kMaxVtermArgs = 16;     // libvterm 0.1.4's CSI_ARGS_MAX
    static constexpr int kMaxParams = 24;        // tmux: a CSI with this many parameters is dropped
    static constexpr int kMaxParamBytes = 63;    // tmux's parameter buffer
    static constexpr int kMaxIntermediates = 3;  // tmux's intermediate buffer
    static constexpr qsizetype kMaxOsc = 65536;  // longer OSC strings are discarded
    static constexpr int kMaxParamValue = 65535; // larger numbers are clamped for libvterm

    // Appends what libvterm may parse to `out` (whole units only) and the events, in stream
    // order, to `events`. What is incomplete at the end of `in` is kept for the next call.
    void filter(QByteArrayView in, QByteArray &out, std::vector<Event> &events);
    void reset();
    // Bytes held back for the next call (an unfinished character or sequence).
    qsizetype pendingBytes() const;

private:
    enum class State : quint8 { Ground, Escape, Csi, CsiIgnore, String, DcsEscape };

    void ground(const uchar *p, qsizetype n, qsizetype &i, QByteArray &out);
    void utf8Byte(uchar c, QByteArray &out);
    void stopUtf8();
    void escapeByte(uchar c, QByteArray &out, std::vector<Event> &events);
    void csiByte(uchar c, QByteArray &out, std::vector<Event> &events);
    void stringByte(uchar c, QByteArray &out, std::vector<Event> &events);
    void endString(QByteArray &out, std::vector<Event> &events);
    void dispatchCsi(char final, QByteArray &out, std::vector<Event> &events);
    void dispatchSgr(QByteArray &out, std::vector<Event> &events);
    void enterEscape();
    static qsizetype plainCsiLength(const uchar *s, qsizetype avail);
    void anywhere(uchar c, QByteArray &out, std::vector<Event> &events, bool &handled);

    State m_state = State::Ground;
    // Escape/CSI: the intermediates and parameters so far. Strings: the payload.
    QByteArray m_params;
    QByteArray m_inter;
    char m_leader = 0;
    bool m_discard = false;
    char m_last = 0;       // the ASCII character REP repeats; 0: none (tmux's rule: only right before)
    char m_stringKind = 0; // ']' OSC, 'P' DCS, '_' APC, '^' PM, 'X' SOS, 'k' screen title
    // An unfinished UTF-8 character.
    uchar m_utf8[4] = {0, 0, 0, 0};
    quint8 m_utf8Have = 0;
    quint8 m_utf8Need = 0;
};

} // namespace archnest::ui
