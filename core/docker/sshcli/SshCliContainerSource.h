#pragma once

// Docker over SSH: runs the docker CLI on the remote host through one persistent SshSession
// (jump chain, known_hosts and authentication are the session's business). Commands come from
// DockerCliCommands (validated, quoted), output goes through DockerCliParsers.

#include "docker/ContainerSource.h"
#include "docker/sshcli/DockerCliCommands.h"

#include <QHash>

#include <optional>

namespace archnest::ssh {
class SshSession;
class SshInteraction;
struct SshExecResult;
} // namespace archnest::ssh

namespace archnest {

class SshCliContainerSource final : public ContainerSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SshCliContainerSource)

public:
    // Bounds on one command; a stuck remote never holds a caller forever.
    static constexpr int kCommandTimeoutMs = 60000;
    static constexpr int kActionTimeoutMs = 120000; // `stop` waits up to 10 s per container, `rm -f` more
    static constexpr int kInspectBatch = 200;       // refs per `docker inspect` call

    // `interaction` answers host-key and secret questions; it must outlive the source.
    SshCliContainerSource(HostConfig host, ssh::SshInteraction *interaction, QObject *parent = nullptr);
    ~SshCliContainerSource() override;

    ssh::SshSession *session() const { return m_session; }

    void list(bool all, Callback<QList<ContainerSummary>> done) override;
    void inspect(const QStringList &refs, Callback<QList<ContainerDetail>> done) override;
    void logs(const QString &ref, const LogOptions &options, Callback<QByteArray> done) override;
    LogStream *followLogs(const QString &ref, const LogOptions &options) override;
    void stats(const QStringList &refs, Callback<QList<StatsSample>> done) override;
    StatsStream *streamStats(const QString &ref) override;
    void perform(ContainerAction action, const QString &ref, const RemoveOptions &options,
                 Callback<void> done) override;
    ExecStream *openExec(const QString &ref, const ExecOptions &options) override;
    void execRun(const QString &ref, const QStringList &command, Callback<ExecResult> done) override;
    void revealEnv(const QString &ref, const QString &key, Callback<QString> done) override;
    // Closes the channels of every command in flight (or drops it from the session's queue).
    void cancelPending() override;

private:
    using RawCallback = std::function<void(Result<ssh::SshExecResult>)>;
    // Runs `command` (or reports `command`'s error) and calls `done` on this thread, never
    // inside this call and never after the source is gone.
    void run(const QString &what, const Result<QString> &command, int timeoutMs, RawCallback done);
    template<typename T>
    void failLater(Callback<T> done, Error error);
    Error commandError(const QString &what, const ssh::SshExecResult &r) const;
    Error execRefusedError() const;
    void listWithEngine(bool all, Callback<QList<ContainerSummary>> done);

    ssh::SshSession *m_session = nullptr;
    std::optional<sshcli::DockerCliCommands> m_commands;
    Error m_configError;
    QHash<quint64, QString> m_inFlight; // session exec id -> what it does ("list containers")
};

} // namespace archnest
