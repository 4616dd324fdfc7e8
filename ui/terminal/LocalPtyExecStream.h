#pragma once

#include "docker/ContainerSource.h"

#include <QByteArray>
#include <QStringList>
#include <QTimer>

#include <sys/types.h>

class QSocketNotifier;

namespace archnest::ui {

// An ExecStream over a local pseudo-terminal: forkpty() runs a program (a shell, or
// `docker exec -it ...` against a local daemon), the master side is read through a
// QSocketNotifier, resize() sets the PTY's window size (the kernel sends SIGWINCH) and the exit
// status arrives as `finished`. The child is stopped by its pid when the stream goes away.
class LocalPtyExecStream final : public ExecStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalPtyExecStream)

public:
    static constexpr int kKillGraceMs = 2000;
    static constexpr qsizetype kMaxReadPerWakeup = 64 * 1024; // keeps the event loop responsive

    explicit LocalPtyExecStream(QObject *parent = nullptr);
    ~LocalPtyExecStream() override;

    // Starts `program` (looked up in PATH) with `args` on a new cols x rows PTY. `started` or
    // `failed` follows from the event loop, never inside this call. `env` entries (KEY=VALUE)
    // are added to the inherited environment; TERM is xterm-256color unless given.
    void start(const QString &program, const QStringList &args, int cols = 80, int rows = 24,
               const QStringList &env = {});

    pid_t pid() const { return m_pid; }
    bool isRunning() const { return m_pid > 0; }
    QString program() const { return m_program; }

    void write(const QByteArray &data) override;
    void resize(int cols, int rows) override;
    void closeStdin() override;
    void terminate() override;
    void setReadPaused(bool paused) override; // stops reading the PTY: the child blocks when it is full

private:
    void onReadable();
    void onWritable();
    void checkChild();
    void finish(int exitCode);
    void fail(const QString &message);
    void closeMaster();

    QString m_program;
    int m_master = -1;
    pid_t m_pid = -1;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    bool m_readPaused = false;
    bool m_hungUp = false; // the PTY reported EOF/EIO: reading stays off
    QByteArray m_writeBuffer;
    QTimer m_reapTimer;
    QTimer m_killTimer;
    bool m_done = false;
};

} // namespace archnest::ui
