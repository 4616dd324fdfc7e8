#pragma once

// The contract between the SSH transport (core/ssh) and its users (the SSH-CLI container
// source, the exec terminal, the CLI). The transport issue implements it; extend it, do not
// break it.

#include "docker/ContainerSource.h" // OutputChannel, Callback, HostStatus
#include "model/HostConfig.h"
#include "ssh/SshInteraction.h"

#include <QObject>

#include <memory>

namespace archnest::ssh {

struct SshTarget
{
    SshEndpoint endpoint;
    QList<SshEndpoint> jumps; // in order; the first is reached directly
    QString knownHostsFile;   // "" = ~/.ssh/known_hosts
    int connectTimeoutMs = 15000;
    int keepaliveSeconds = 30;
    // A peer that stops answering (a network partition, a machine gone) is declared lost within
    // this many seconds: the connection's TCP socket gets keepalive probes while idle and
    // TCP_USER_TIMEOUT while sent data waits for an acknowledgement (first hop only; beyond a
    // jump host the jump's own sshd notices). In-flight work then fails, the host goes to Error.
    // <= 0: the kernel's defaults (minutes).
    int deadPeerSeconds = 15;
    int maxConcurrentChannels = 8; // stay under sshd's MaxSessions (default 10); the rest queue
    // exec() buffers a command's stdout + stderr up to this many bytes; past it the channel is
    // closed and the call fails with code "too-large" naming the host and the command. <= 0: no cap.
    qint64 maxExecOutputBytes = qint64(256) * 1024 * 1024;

    static SshTarget fromHost(const HostConfig &host);
};

struct SshExecResult
{
    int exitStatus = -1;
    QByteArray out;
    QByteArray err;
};

// Diagnostics of one session's worker thread, readable at any time (e.g. "why does this host
// cost CPU": an idle connected session wakes up only for keepalives and real traffic).
struct SshSessionStats
{
    quint64 wakeups = 0; // times the worker's poll() returned since the session was created
};

// One channel that stays open: a streaming command (`docker logs -f`, `docker stats`) or a PTY
// (`docker exec -it`). Lives on the owner's thread; every call is forwarded to the worker.
class SshChannelStream : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SshChannelStream)

public:
    using QObject::QObject;
    ~SshChannelStream() override = default;

    virtual void write(const QByteArray &data) = 0;
    virtual void closeStdin() = 0;
    virtual void resize(int cols, int rows) = 0; // PTY channels only; ignored otherwise
    virtual void close() = 0;                    // hang up; `finished` or `failed` follows
    // Flow control: while paused the channel is not read, so once its window (about 1 MB) is
    // full the remote command blocks on output; data already read may still arrive.
    virtual void setReadPaused(bool paused) = 0;

Q_SIGNALS:
    void started();
    void dataReceived(const QByteArray &data, archnest::OutputChannel channel);
    void finished(int exitStatus);
    void failed(const QString &message);
};

// One persistent libssh session per host (through its jump chain), on its own worker thread,
// carrying many channels. Connects lazily on first use and reconnects (with backoff) on the next
// use after the connection drops; in-flight work then fails with a clear error.
class SshSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SshSession)

public:
    explicit SshSession(SshTarget target, SshInteraction *interaction, QObject *parent = nullptr);
    ~SshSession() override;

    const SshTarget &target() const;

    // Connect (and authenticate every hop) now; for "test connection" buttons. Returns an id
    // for cancel().
    quint64 connectNow(Callback<void> done);
    // Run one command on an exec channel; `stdinData` is written then stdin is closed. Returns
    // an id for cancel().
    quint64 exec(const QString &command, const QByteArray &stdinData, int timeoutMs, Callback<SshExecResult> done);
    // Gives up on one exec()/connectNow() still in flight: its callback runs later (queued, never
    // inside this call) with an Error of code "cancelled" and `message`, and nothing else; the
    // worker closes the command's channel (sshd then hangs up on the remote command; what it
    // already did is not undone) or drops it from the queue. The session stays connected. An id
    // that already completed is ignored. A connect already in progress is not interrupted
    // (libssh's handshake blocks the worker; it ends by its own timeout), only its caller is freed.
    void cancel(quint64 id, const QString &message);
    // A long-running command without a PTY.
    SshChannelStream *openStream(const QString &command);
    // A command on a PTY of the given size.
    SshChannelStream *openPty(const QString &command, int cols, int rows,
                              const QString &term = QStringLiteral("xterm-256color"));
    void disconnectNow();
    SshSessionStats stats() const;

Q_SIGNALS:
    void stateChanged(archnest::HostStatus status, const QString &message);

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace archnest::ssh
