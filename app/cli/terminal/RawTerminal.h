#pragma once

#include "util/Result.h"

#include <QObject>

class QSocketNotifier;

namespace archnest::cli {

struct TerminalSize
{
    int cols = 80;
    int rows = 24;
};

// The local terminal for the CLI's interactive `exec`: raw mode (every key goes to the remote
// PTY, Ctrl+C included), the window size, and SIGWINCH as a Qt signal. The signal handler only
// writes one byte into a self-pipe; a QSocketNotifier turns it into `resized` on the event loop.
// The saved terminal settings are restored by the destructor, by restore(), at exit() and on a
// fatal signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL),
// so the user's shell is never left in raw mode. One RawTerminal may be raw at a time.
class RawTerminal final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RawTerminal)

public:
    explicit RawTerminal(int fd = 0, QObject *parent = nullptr);
    ~RawTerminal() override;

    static bool isTerminal(int fd);
    int fd() const { return m_fd; }

    VoidResult enterRawMode();
    void restore();
    bool isRaw() const { return m_raw; }

    Result<TerminalSize> size() const;

    // Starts emitting `resized` when the window size changes (SIGWINCH).
    VoidResult watchResize();
    void stopWatchingResize();

Q_SIGNALS:
    void resized(int cols, int rows);

private:
    void onWakeup();

    int m_fd = 0;
    bool m_raw = false;
    bool m_watching = false;
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace archnest::cli
