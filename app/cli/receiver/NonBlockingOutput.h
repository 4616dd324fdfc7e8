#pragma once

#include <QByteArray>
#include <QObject>
#include <QSocketNotifier>

namespace archnest::cli {

// Lines for a stdout or stderr that may not be read (a pipe to a stalled logger): writes never
// block the event loop. Up to maxPending bytes wait for the pipe to drain; beyond that, lines are
// dropped and counted, and a note says how many once the reader catches up. Only a pipe or socket
// is switched to non-blocking (a file or terminal is written directly); the old flags come back
// on destruction. Use it from the thread that created it only.
class NonBlockingOutput final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NonBlockingOutput)

public:
    // `name` says which output in the "lines dropped" note ("standard output").
    explicit NonBlockingOutput(int fd, QByteArray name, qsizetype maxPending = 64 * 1024, QObject *parent = nullptr);
    ~NonBlockingOutput() override;

    void write(const QByteArray &text);
    quint64 dropped() const { return m_dropped; }

private:
    void flush();

    int m_fd = -1;
    QByteArray m_name;
    int m_oldFlags = -1;
    qsizetype m_maxPending = 0;
    QByteArray m_pending;
    QSocketNotifier *m_notifier = nullptr;
    quint64 m_dropped = 0;
    quint64 m_droppedReported = 0;
    bool m_broken = false; // EPIPE or another hard error: stop writing
};

} // namespace archnest::cli
