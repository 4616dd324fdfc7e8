#pragma once

// Builds the command lines the SSH-CLI source runs on a remote host. Every piece that comes from
// input (refs, exec arguments, users, directories) is validated and single-quoted; verbs and
// format strings are fixed here. The result is one string for the remote user's shell.

#include "docker/ContainerSource.h"
#include "util/Result.h"

#include <QString>
#include <QStringList>

namespace archnest::sshcli {

// The shell snippet an interactive exec runs when no command is given: bash if present, else sh.
inline constexpr char kShellProbe[] = "command -v bash >/dev/null && exec bash || exec sh";

class DockerCliCommands final
{
public:
    // `dockerCommand` is HostConfig::dockerCommand; refused unless it passes
    // security::validateDockerCommand.
    static Result<DockerCliCommands> create(const QString &dockerCommand);

    // `ps` with explicit fields, one JSON object per line (never `{{json .}}`, which makes the
    // daemon compute sizes). Podman's template field State is the human status ("Up 3 minutes");
    // its list entry's own state is ListContainer.State, which Docker's template does not have:
    // the format follows the engine (Unknown: Docker's).
    QString list(bool all, ContainerEngine engine = ContainerEngine::Docker) const;
    // `<command> --version`: client-only, answers without a daemon, and names the engine
    // ("Docker version 20.10...", "podman version 4.3.1"; a podman-docker `docker` says podman).
    QString engineProbe() const;
    // One `docker inspect` for many containers.
    Result<QString> inspect(const QStringList &refs) const;
    // stdout and stderr of the container merged in order (`2>&1`) unless `follow` (a stream
    // keeps them apart).
    Result<QString> logs(const QString &ref, const LogOptions &options) const;
    // `stats --no-stream` for the given refs (all running containers when empty).
    Result<QString> stats(const QStringList &refs) const;
    // `stats` without --no-stream: a frame per second, separated by terminal clear codes.
    Result<QString> streamStats(const QString &ref) const;
    Result<QString> action(ContainerAction action, const QString &ref, const RemoveOptions &options) const;
    // `exec -it` on a PTY: the command, or bash-else-sh when it is empty.
    // With a session tag, the exec carries it in its environment (see docker/ExecHangup.h).
    Result<QString> execInteractive(const QString &ref, const ExecOptions &options,
                                    const QString &sessionTag = {}) const;
    // Hangs up every process of the exec tagged `sessionTag`, as `user` (see docker/ExecHangup.h).
    Result<QString> hangupExec(const QString &ref, const QString &sessionTag, const QString &user) const;
    // `exec` without a TTY: the command's exit status is the channel's.
    Result<QString> execRun(const QString &ref, const QStringList &command) const;
    // The clear env of one container (for an explicit reveal), as a JSON array.
    Result<QString> env(const QString &ref) const;
    QString version() const;

    QString dockerPrefix() const { return m_prefix; }

private:
    explicit DockerCliCommands(QString prefix)
        : m_prefix(std::move(prefix))
    {}
    Result<QString> execCommon(const QString &ref, const QStringList &flags, const QStringList &command,
                               const QString &user, const QString &workingDir) const;

    QString m_prefix; // validated words, e.g. "sudo -n docker"
};

} // namespace archnest::sshcli
