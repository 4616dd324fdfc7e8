// Terminal throughput: a 20 MB `cat`-like stream (SGR colours incl. 256 and truecolor, long
// lines that wrap) through TerminalView offscreen, with its batched repaints running, against
// libvterm's raw parse of the same bytes in the same run. Also the event loop's lag (a 5 ms
// timer's worst lateness) while feeding, and the same file through a real PTY (`cat`).
#include "BenchSupport.h"
#include "LocalPtyExecStream.h"
#include "TerminalView.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>

#include <vterm.h>

#include <algorithm>

using archnest::bench::row;
using archnest::ui::LocalPtyExecStream;
using archnest::ui::TerminalView;

namespace {

constexpr qsizetype kStreamBytes = 20 * 1024 * 1024;
constexpr qsizetype kChunkBytes = 64 * 1024; // what one PTY/SSH read typically delivers
constexpr int kLagTimerMs = 5;
constexpr qint64 kPhaseLimitMs = 120000;

// Text like `ls --color`/build logs: words, colours, some lines longer than 80 columns.
QByteArray makeStream(const char *eol)
{
    QByteArray out;
    out.reserve(kStreamBytes + 4096);
    QRandomGenerator rng(42);
    static const char *const kWords[] = {"container", "running",  "/var/lib/docker", "overlay2",      "error:",
                                         "warning",   "0x7ffd3a", "healthy",         "sha256:9f86d0", "exited"};
    while (out.size() < kStreamBytes) {
        const int words = 4 + int(rng.bounded(30)); // up to ~300 columns: wraps
        for (int w = 0; w < words; ++w) {
            switch (rng.bounded(6)) {
            case 0:
                out += "\x1b[3" + QByteArray::number(1 + rng.bounded(7)) + "m";
                break;
            case 1:
                out += "\x1b[38;5;" + QByteArray::number(rng.bounded(256)) + "m";
                break;
            case 2:
                out += "\x1b[1;38;2;" + QByteArray::number(rng.bounded(256)) + ";" +
                       QByteArray::number(rng.bounded(256)) + ";" + QByteArray::number(rng.bounded(256)) + "m";
                break;
            default:
                break;
            }
            out += kWords[rng.bounded(10)];
            out += "\x1b[0m ";
        }
        out += eol;
    }
    return out;
}

double rawParseMBps(const QByteArray &stream)
{
    const auto samples = archnest::bench::sample(
        [&] {
            VTerm *vt = vterm_new(24, 80);
            vterm_set_utf8(vt, 1);
            VTermScreen *screen = vterm_obtain_screen(vt);
            vterm_screen_enable_altscreen(screen, 1);
            vterm_screen_reset(screen, 1);
            for (qsizetype off = 0; off < stream.size(); off += kChunkBytes)
                vterm_input_write(vt, stream.constData() + off, size_t(std::min(kChunkBytes, stream.size() - off)));
            vterm_screen_flush_damage(screen);
            vterm_free(vt);
            return true;
        },
        1, 60000, 1);
    return double(stream.size()) / (1024.0 * 1024.0) / (samples.median() / 1000.0);
}

double screenModelMBps(const QByteArray &stream)
{
    const auto samples = archnest::bench::sample(
        [&] {
            archnest::ui::TerminalScreen screen(80, 24);
            for (qsizetype off = 0; off < stream.size(); off += kChunkBytes)
                screen.feed(stream.constData() + off, std::min(kChunkBytes, stream.size() - off));
            return true;
        },
        1, 60000, 1);
    return double(stream.size()) / (1024.0 * 1024.0) / (samples.median() / 1000.0);
}

// One full repaint of an 80x24 screen full of coloured text.
double fullRepaintMs(const QByteArray &stream)
{
    TerminalView view;
    view.resize(view.sizeForCells(80, 24));
    view.show();
    view.receive(stream.left(256 * 1024));
    QApplication::processEvents();
    const auto samples = archnest::bench::sample(
        [&] {
            view.viewport()->repaint();
            return true;
        },
        200, 3000, 20);
    return samples.median();
}

struct ViewRun
{
    double mbps = 0;
    double maxLagMs = 0;
    int paints = 0;
    bool complete = false;
};

class PaintCounter final : public QObject
{
public:
    int paints = 0;
    bool eventFilter(QObject *, QEvent *e) override
    {
        if (e->type() == QEvent::Paint)
            ++paints;
        return false;
    }
};

// Lateness of a 5 ms timer: what a user would feel as a stalled window.
class LagProbe final
{
public:
    explicit LagProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(kLagTimerMs);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const double ms = double(m_clock.nsecsElapsed()) / 1e6;
            m_max = std::max(m_max, ms - kLagTimerMs);
            m_clock.restart();
        });
    }
    void start()
    {
        m_clock.start();
        m_timer.start();
    }
    double stop()
    {
        m_timer.stop();
        return m_max;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_max = 0;
};

ViewRun feedView(const QByteArray &stream)
{
    TerminalView view;
    view.resize(view.sizeForCells(80, 24));
    view.show();
    PaintCounter counter;
    view.viewport()->installEventFilter(&counter);
    QApplication::processEvents();
    counter.paints = 0;

    // Chunks arrive through the event loop, as dataReceived would deliver them.
    ViewRun run;
    qsizetype offset = 0;
    QTimer feeder;
    feeder.setInterval(0);
    QObject::connect(&feeder, &QTimer::timeout, [&] {
        const qsizetype n = std::min(kChunkBytes, stream.size() - offset);
        view.receive(QByteArray::fromRawData(stream.constData() + offset, n));
        offset += n;
        if (offset >= stream.size())
            feeder.stop();
    });
    LagProbe lag;
    QElapsedTimer clock;
    clock.start();
    lag.start();
    feeder.start();
    while ((offset < stream.size() || view.pendingBytes() > 0) && clock.elapsed() < kPhaseLimitMs)
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    // Until the last batched repaint has been painted.
    const int paintsAtEnd = counter.paints;
    while (counter.paints == paintsAtEnd && clock.elapsed() < kPhaseLimitMs)
        QApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    const double secs = double(clock.nsecsElapsed()) / 1e9;
    run.maxLagMs = lag.stop();
    run.paints = counter.paints;
    run.complete = offset >= stream.size();
    run.mbps = double(offset) / (1024.0 * 1024.0) / secs;
    return run;
}

ViewRun catThroughPty(const QString &file, qsizetype bytes)
{
    TerminalView view;
    view.resize(view.sizeForCells(80, 24));
    view.show();
    PaintCounter counter;
    view.viewport()->installEventFilter(&counter);
    QApplication::processEvents();
    counter.paints = 0;
    LocalPtyExecStream cat;
    view.setStream(&cat);
    qsizetype received = 0;
    bool finished = false;
    QObject::connect(&cat, &LocalPtyExecStream::dataReceived, [&](const QByteArray &d) { received += d.size(); });
    QObject::connect(&cat, &LocalPtyExecStream::finished, [&] { finished = true; });
    QObject::connect(&cat, &LocalPtyExecStream::failed, [&] { finished = true; });
    LagProbe lag;
    QElapsedTimer clock;
    clock.start();
    lag.start();
    cat.start(QStringLiteral("cat"), {file}, 80, 24);
    while ((!finished || view.pendingBytes() > 0) && clock.elapsed() < kPhaseLimitMs)
        QApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 50);
    const double secs = double(clock.nsecsElapsed()) / 1e9;
    ViewRun run;
    run.maxLagMs = lag.stop();
    run.paints = counter.paints;
    run.complete = finished && received >= bytes;
    run.mbps = double(received) / (1024.0 * 1024.0) / secs;
    return run;
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);

    const QByteArray stream = makeStream("\r\n");
    // The machine is shared: raw and view runs alternate so both see the same load, and the
    // medians are compared.
    constexpr int kRounds = 3;
    archnest::bench::Samples raws;
    archnest::bench::Samples views;
    archnest::bench::Samples models;
    ViewRun view;
    double worstLag = 0;
    for (int round = 0; round < kRounds; ++round) {
        raws.ms.push_back(rawParseMBps(stream));
        models.ms.push_back(screenModelMBps(stream));
        view = feedView(stream);
        views.ms.push_back(view.mbps);
        worstLag = std::max(worstLag, view.maxLagMs);
        if (!view.complete)
            break;
    }
    const double raw = raws.median();
    row(QStringLiteral("terminal_libvterm_raw_parse"), raw, QStringLiteral("MB/s"), 0,
        QStringLiteral("20 MB colour text, 64 KB writes, libvterm screen layer, no callbacks (median of %1)")
            .arg(raws.ms.size()),
        true);
    row(QStringLiteral("terminal_screen_model_parse"), models.median(), QStringLiteral("MB/s"), raw,
        QStringLiteral("TerminalScreen alone (libvterm + our callbacks + 10k-line scrollback), no widget"), true);
    row(QStringLiteral("terminal_view_full_repaint"), fullRepaintMs(stream), QStringLiteral("ms"), 0,
        QStringLiteral("one paint of 80x24 coloured cells, offscreen raster (median)"));
    row(QStringLiteral("terminal_view_throughput"), views.median(), QStringLiteral("MB/s"), raw,
        QStringLiteral("TerminalView offscreen 80x24, same bytes via the event loop, %1 repaints in the last run%2; "
                       "ratio = view/raw (goal >= 0.50), median of %3")
            .arg(view.paints)
            .arg(view.complete ? QString() : QStringLiteral(", INCOMPLETE"))
            .arg(views.ms.size()),
        true);
    row(QStringLiteral("terminal_view_event_loop_lag_max"), worstLag, QStringLiteral("ms"), 0,
        QStringLiteral("worst lateness of a 5 ms timer while feeding 20 MB (all runs)"));

    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("stream.txt")));
    const QByteArray lf = makeStream("\n"); // the PTY's onlcr turns \n into \r\n
    if (dir.isValid() && file.open(QIODevice::WriteOnly) && file.write(lf) == lf.size()) {
        file.close();
        const ViewRun pty = catThroughPty(file.fileName(), lf.size());
        row(QStringLiteral("terminal_pty_cat_throughput"), pty.mbps, QStringLiteral("MB/s"), raw,
            QStringLiteral("`cat` of the 20 MB file on a local PTY into TerminalView, %1 repaints%2")
                .arg(pty.paints)
                .arg(pty.complete ? QString() : QStringLiteral(", INCOMPLETE")),
            true);
        row(QStringLiteral("terminal_pty_cat_event_loop_lag_max"), pty.maxLagMs, QStringLiteral("ms"), 0,
            QStringLiteral("worst lateness of a 5 ms timer during the PTY cat"));
    }
    return 0;
}
