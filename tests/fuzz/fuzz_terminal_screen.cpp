// Fuzz target for the terminal screen model (issue 24): arbitrary bytes fed to TerminalScreen in
// arbitrary chunks, with resizes between them. Input format: a control byte, then its payload:
//   0x00..0xef  a chunk of (control & 0x7f) + 1 bytes follows (short at the end of the input)
//   0xf0..0xff  resize: the next two bytes give columns (1..200) and rows (1..100)
// Invariants: nothing crashes (libvterm 0.1.4 itself is not instrumented, but its out-of-bounds
// writes corrupt our heap objects next to it, which ASan sees); the cursor stays on the screen;
// every cell and line reads; and the pre-parser gives libvterm the same bytes and events whether
// the stream comes whole or in these chunks.
#include "TerminalInputFilter.h"
#include "TerminalScreen.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using archnest::ui::TerminalInputFilter;
using archnest::ui::TerminalScreen;

namespace {

[[noreturn]] void violated(const char *what)
{
    std::fprintf(stderr, "invariant violated: %s\n", what);
    std::abort();
}

void checkScreen(const TerminalScreen &s)
{
    const QPoint c = s.cursor();
    if (c.x() < 0 || c.x() >= s.columns() || c.y() < 0 || c.y() >= s.rows())
        violated("cursor off the screen");
    for (int line = 0; line < s.historyLineCount(); ++line) {
        for (int col = 0; col < s.historyLineWidth(line); ++col) {
            const auto cell = s.historyCell(line, col);
            if (cell.width > 2)
                violated("cell wider than 2");
        }
        (void)s.historyLineText(line);
    }
}

// The filter's output and events for `chunks`, with event offsets made absolute.
QByteArray filtered(const std::vector<QByteArray> &chunks)
{
    TerminalInputFilter f;
    QByteArray all;
    for (const QByteArray &chunk : chunks) {
        QByteArray out;
        std::vector<TerminalInputFilter::Event> events;
        f.filter(chunk, out, events);
        qsizetype done = 0;
        for (const auto &e : events) {
            all += out.mid(done, e.offset - done);
            done = e.offset;
            all += "<event " + QByteArray::number(int(e.kind)) + " " + QByteArray::number(e.set) + " " +
                   QByteArray::number(e.clear) + " " + e.title.toHex() + ">";
        }
        all += out.mid(done);
    }
    return all;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    TerminalScreen screen(20, 6);
    screen.setScrollbackLimit(200);
    std::vector<QByteArray> chunks;
    QByteArray whole;
    size_t i = 0;
    while (i < size) {
        const uint8_t control = data[i++];
        if (control >= 0xf0) {
            const int cols = i < size ? 1 + data[i] % 200 : 80;
            const int rows = i + 1 < size ? 1 + data[i + 1] % 100 : 24;
            i += 2;
            screen.resize(cols, rows);
            checkScreen(screen);
            continue;
        }
        const size_t n = std::min<size_t>((control & 0x7f) + 1, size - i);
        const QByteArray chunk(reinterpret_cast<const char *>(data + i), qsizetype(n));
        i += n;
        screen.feed(chunk);
        chunks.push_back(chunk);
        whole += chunk;
    }
    checkScreen(screen);
    if (filtered(chunks) != filtered({whole}))
        violated("the pre-parser's output depends on how the stream is chunked");
    return 0;
}
