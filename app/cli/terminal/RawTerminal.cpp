#include "RawTerminal.h"

#include <QSocketNotifier>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace archnest::cli {

namespace {

// Process-wide state the signal handlers may touch: plain data and async-signal-safe calls only.
struct termios g_saved;
volatile sig_atomic_t g_savedFd = -1; // >= 0 while a terminal is raw
int g_wakePipe[2] = {-1, -1};
struct sigaction g_oldWinch;
bool g_atexitInstalled = false;

constexpr int kFatalSignals[] = {SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL};
constexpr int kSignalCount = int(sizeof kFatalSignals / sizeof kFatalSignals[0]);
struct sigaction g_oldFatal[kSignalCount];

void restoreSaved()
{
    const int fd = g_savedFd;
    if (fd >= 0) {
        ::tcsetattr(fd, TCSANOW, &g_saved);
        g_savedFd = -1;
    }
}

void onFatalSignal(int sig)
{
    const int savedErrno = errno;
    restoreSaved();
    // Put back whatever handled the signal before us and deliver it again: the default action
    // terminates as it would have, a previous handler still runs.
    for (int i = 0; i < kSignalCount; ++i) {
        if (kFatalSignals[i] == sig)
            ::sigaction(sig, &g_oldFatal[i], nullptr);
    }
    ::raise(sig);
    errno = savedErrno;
}

void onWinch(int)
{
    const int savedErrno = errno;
    if (g_wakePipe[1] >= 0) {
        const char byte = 'w';
        [[maybe_unused]] const ssize_t n = ::write(g_wakePipe[1], &byte, 1);
    }
    errno = savedErrno;
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

RawTerminal::RawTerminal(int fd, QObject *parent)
    : QObject(parent)
    , m_fd(fd)
{}

RawTerminal::~RawTerminal()
{
    stopWatchingResize();
    restore();
}

bool RawTerminal::isTerminal(int fd)
{
    return ::isatty(fd) == 1;
}

VoidResult RawTerminal::enterRawMode()
{
    if (m_raw)
        return {};
    if (!isTerminal(m_fd))
        return makeError(tr("Standard input is not a terminal; run the interactive exec from a terminal, or drop -t."));
    if (g_savedFd >= 0)
        return makeError(tr("Another terminal is already in raw mode in this process."));
    struct termios saved;
    if (::tcgetattr(m_fd, &saved) != 0)
        return makeError(tr("Cannot read the terminal settings: %1").arg(errnoText()));
    struct termios raw = saved;
    ::cfmakeraw(&raw);
    g_saved = saved;
    g_savedFd = m_fd;
    if (!g_atexitInstalled) {
        std::atexit(restoreSaved);
        g_atexitInstalled = true;
    }
    for (int i = 0; i < kSignalCount; ++i) {
        struct sigaction sa = {};
        sa.sa_handler = onFatalSignal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESETHAND;
        ::sigaction(kFatalSignals[i], &sa, &g_oldFatal[i]);
    }
    if (::tcsetattr(m_fd, TCSANOW, &raw) != 0) {
        const QString why = errnoText();
        restore();
        return makeError(tr("Cannot switch the terminal to raw mode: %1").arg(why));
    }
    m_raw = true;
    return {};
}

void RawTerminal::restore()
{
    if (g_savedFd != m_fd)
        return;
    restoreSaved();
    for (int i = 0; i < kSignalCount; ++i)
        ::sigaction(kFatalSignals[i], &g_oldFatal[i], nullptr);
    m_raw = false;
}

Result<TerminalSize> RawTerminal::size() const
{
    struct winsize ws = {};
    if (::ioctl(m_fd, TIOCGWINSZ, &ws) != 0)
        return makeError(tr("Cannot read the terminal size: %1").arg(errnoText()));
    TerminalSize s;
    if (ws.ws_col > 0)
        s.cols = ws.ws_col;
    if (ws.ws_row > 0)
        s.rows = ws.ws_row;
    return s;
}

VoidResult RawTerminal::watchResize()
{
    if (m_watching)
        return {};
    if (g_wakePipe[0] >= 0)
        return makeError(tr("Another terminal already watches window size changes in this process."));
    if (::pipe2(g_wakePipe, O_NONBLOCK | O_CLOEXEC) != 0)
        return makeError(tr("Cannot watch the terminal size: %1").arg(errnoText()));
    struct sigaction sa = {};
    sa.sa_handler = onWinch;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGWINCH, &sa, &g_oldWinch);
    m_notifier = new QSocketNotifier(qintptr(g_wakePipe[0]), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &RawTerminal::onWakeup);
    m_watching = true;
    return {};
}

void RawTerminal::stopWatchingResize()
{
    if (!m_watching)
        return;
    ::sigaction(SIGWINCH, &g_oldWinch, nullptr);
    delete m_notifier;
    m_notifier = nullptr;
    ::close(g_wakePipe[0]);
    ::close(g_wakePipe[1]);
    g_wakePipe[0] = g_wakePipe[1] = -1;
    m_watching = false;
}

void RawTerminal::onWakeup()
{
    char buf[64];
    while (::read(g_wakePipe[0], buf, sizeof buf) > 0) {
    }
    if (const auto s = size(); s.ok())
        Q_EMIT resized(s->cols, s->rows);
}

} // namespace archnest::cli
