#pragma once

#include "model/Container.h"
#include "model/HostConfig.h"
#include "util/Result.h"

#include <QDateTime>
#include <QObject>

#include <functional>

namespace archnest {

template<typename T>
using Callback = std::function<void(Result<T>)>;

enum class OutputChannel { Stdout, Stderr };

enum class HostStatus { Idle, Connecting, Connected, Error, Stale };
QString hostStatusName(HostStatus status);

// The container engine behind a managed host, once a source has seen it (Podman's CLI and
// Docker-compatible API differ from Docker's in a few fields; the UI shows a badge).
enum class ContainerEngine { Unknown, Docker, Podman };
QString containerEngineName(ContainerEngine engine); // "docker", "podman", "" when unknown

struct LogOptions
{
    int tail = -1;   // -1: all lines
    QDateTime since; // invalid: from the start
    QDateTime until; // invalid: up to now (and on, when following)
    bool timestamps = false;
    bool follow = false;
};

struct RemoveOptions
{
    bool force = false;
    bool volumes = false;
};

struct ExecOptions
{
    QStringList command; // empty: the container's shell (bash if present, else sh)
    bool tty = true;
    bool interactive = true; // stdin attached
    int cols = 80;
    int rows = 24;
    QString user;
    QString workingDir;
};

struct ExecResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// A running `logs --follow` (or a one-shot read delivered in chunks). Bytes arrive demultiplexed
// by channel; `finished` says why the stream ended ("container stopped", "daemon went away").
class LogStream : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogStream)

public:
    using QObject::QObject;
    ~LogStream() override = default;
    virtual void stop() = 0;

Q_SIGNALS:
    void dataReceived(const QByteArray &data, archnest::OutputChannel channel);
    void finished(const QString &reason);
    void failed(const QString &message);
};

// Live stats for one container (or all, when the ref is empty).
class StatsStream : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatsStream)

public:
    using QObject::QObject;
    ~StatsStream() override = default;
    virtual void stop() = 0;

Q_SIGNALS:
    void sampleReceived(const archnest::StatsSample &sample);
    void finished(const QString &reason);
    void failed(const QString &message);
};

// An interactive `docker exec`: bytes in and out, a resizable PTY, an exit code at the end.
class ExecStream : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExecStream)

public:
    using QObject::QObject;
    ~ExecStream() override = default;

    virtual void write(const QByteArray &data) = 0;
    virtual void resize(int cols, int rows) = 0;
    virtual void closeStdin() = 0;
    virtual void terminate() = 0; // hang up; `finished` or `failed` follows
    // Flow control for a consumer that cannot keep up (a terminal parsing a flood): while paused
    // the stream stops reading from the remote, which blocks once the transport's buffers are full
    // (the SSH channel window, the socket buffers, the PTY); a little data already on its way may
    // still arrive. Nothing is lost: resuming delivers the rest. Default: no flow control.
    virtual void setReadPaused(bool /*paused*/) {}

Q_SIGNALS:
    void started();
    void dataReceived(const QByteArray &data, archnest::OutputChannel channel);
    void finished(int exitCode);
    void failed(const QString &message);
};

// The Error::code of a call given up by cancelPending().
inline constexpr char kCancelledCode[] = "cancelled";
inline bool isCancelled(const Error &error)
{
    return error.code == QLatin1String(kCancelledCode);
}

// One host's containers, whatever the transport. Every call is asynchronous: the callback runs
// later on the thread that owns the source (never inside the call), exactly once, and never
// after the source is destroyed. Callers whose own lifetime is shorter guard with QPointer.
class ContainerSource : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainerSource)

public:
    explicit ContainerSource(HostConfig host, QObject *parent = nullptr);
    ~ContainerSource() override = default;

    const HostConfig &host() const { return m_host; }
    QString hostName() const { return m_host.name; }
    HostStatus status() const { return m_status; }
    QString statusMessage() const { return m_statusMessage; }
    // Unknown until the first call reached the host (SSH: `<dockerCommand> --version`; Engine
    // API: the headers of GET /_ping); agent hosts never know it.
    ContainerEngine engine() const { return m_engine; }

    // False for agent hosts and read-only hosts; mutating calls then fail in core, with a reason.
    virtual bool canManage() const { return m_host.canManage(); }

    virtual void list(bool all, Callback<QList<ContainerSummary>> done) = 0;
    virtual void inspect(const QStringList &refs, Callback<QList<ContainerDetail>> done) = 0;
    virtual void logs(const QString &ref, const LogOptions &options, Callback<QByteArray> done) = 0;
    virtual LogStream *followLogs(const QString &ref, const LogOptions &options) = 0;
    virtual void stats(const QStringList &refs, Callback<QList<StatsSample>> done) = 0;
    virtual StatsStream *streamStats(const QString &ref) = 0;
    virtual void perform(ContainerAction action, const QString &ref, const RemoveOptions &options,
                         Callback<void> done) = 0;
    virtual ExecStream *openExec(const QString &ref, const ExecOptions &options) = 0;
    virtual void execRun(const QString &ref, const QStringList &command, Callback<ExecResult> done) = 0;
    // The clear value of one env var, for an explicit "reveal" by the user on a managed host.
    // Agent hosts never have it (values are masked on the VM); the default refuses.
    virtual void revealEnv(const QString &ref, const QString &key, Callback<QString> done);

    // Gives up on every call (list, inspect, logs, stats, perform, execRun, revealEnv) still in
    // flight on this source. Each one's callback still runs exactly once, later (never inside
    // this call), with an Error whose code is "cancelled" (isCancelled()) and whose message says
    // what was cancelled on which host. Work that already reached the remote is NOT undone: a
    // `stop` the daemon received may still stop the container. Calls made after this one are not
    // affected. Streams (followLogs, streamStats, openExec) are unaffected: they have stop() /
    // terminate(). The source stays usable (the SSH session stays connected, the Engine API
    // connection pool keeps its idle connections). The default does nothing: for sources whose
    // calls are local and short (agent hosts), letting them finish is the same thing.
    virtual void cancelPending() {}

Q_SIGNALS:
    void statusChanged(archnest::HostStatus status, const QString &message);
    void engineChanged(archnest::ContainerEngine engine);

protected:
    void setStatus(HostStatus status, const QString &message = {});
    void setEngine(ContainerEngine engine);
    // The error every mutating call returns on a host that may not be managed.
    Error readOnlyError(ContainerAction action) const;
    // The error a cancelled call returns: "<what> on <host> was cancelled; ...", code "cancelled".
    Error cancelledError(const QString &what) const;

private:
    HostConfig m_host;
    HostStatus m_status = HostStatus::Idle;
    QString m_statusMessage;
    ContainerEngine m_engine = ContainerEngine::Unknown;
};

} // namespace archnest

Q_DECLARE_METATYPE(archnest::OutputChannel)
Q_DECLARE_METATYPE(archnest::HostStatus)
Q_DECLARE_METATYPE(archnest::ContainerEngine)
