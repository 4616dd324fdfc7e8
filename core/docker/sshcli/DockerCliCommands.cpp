#include "docker/sshcli/DockerCliCommands.h"

#include "docker/ExecHangup.h"
#include "security/ContainerRef.h"
#include "security/ShellQuote.h"

namespace archnest::sshcli {

using security::shellQuote;

namespace {

// Fixed format strings. Each field is rendered with `json` so any content (tabs, quotes,
// newlines in a command) stays inside one JSON string on one line.
const QString &psFormat()
{
    static const QString f = QStringLiteral(
        "{\"id\":{{json .ID}},\"names\":{{json .Names}},\"image\":{{json .Image}},\"command\":{{json .Command}},"
        "\"created\":{{json .CreatedAt}},\"state\":{{json .State}},\"status\":{{json .Status}},"
        "\"ports\":{{json .Ports}},\"labels\":{{json .Labels}}}");
    return f;
}

// The same row from Podman: its ps template's State is the human status, the entry's own
// state field is ListContainer.State ("running", "exited", "paused", ...).
const QString &podmanPsFormat()
{
    static const QString f =
        QString(psFormat()).replace(QStringLiteral("{{json .State}}"), QStringLiteral("{{json .ListContainer.State}}"));
    return f;
}

const QString &statsFormat()
{
    static const QString f = QStringLiteral(
        "{\"id\":{{json .ID}},\"name\":{{json .Name}},\"cpu\":{{json .CPUPerc}},\"mem\":{{json .MemUsage}},"
        "\"memPerc\":{{json .MemPerc}},\"net\":{{json .NetIO}},\"block\":{{json .BlockIO}},\"pids\":{{json .PIDs}}}");
    return f;
}

} // namespace

Result<DockerCliCommands> DockerCliCommands::create(const QString &dockerCommand)
{
    Result<QStringList> words = security::validateDockerCommand(dockerCommand);
    if (!words)
        return words.error();
    return DockerCliCommands(words->join(QLatin1Char(' ')));
}

QString DockerCliCommands::version() const
{
    return m_prefix + QStringLiteral(" version --format ") + shellQuote(QStringLiteral("{{.Server.Version}}"));
}

QString DockerCliCommands::list(bool all, ContainerEngine engine) const
{
    return m_prefix + QStringLiteral(" ps --no-trunc") + (all ? QStringLiteral(" --all") : QString()) +
           QStringLiteral(" --format ") + shellQuote(engine == ContainerEngine::Podman ? podmanPsFormat() : psFormat());
}

QString DockerCliCommands::engineProbe() const
{
    return m_prefix + QStringLiteral(" --version");
}

Result<QString> DockerCliCommands::inspect(const QStringList &refs) const
{
    if (VoidResult v = security::validateContainerRefs(refs); !v)
        return v.error();
    QString cmd = m_prefix + QStringLiteral(" inspect --type container --");
    for (const QString &r : refs)
        cmd += QLatin1Char(' ') + shellQuote(r);
    return cmd;
}

Result<QString> DockerCliCommands::logs(const QString &ref, const LogOptions &options) const
{
    if (VoidResult v = security::validateContainerRef(ref); !v)
        return v.error();
    QString cmd = m_prefix + QStringLiteral(" logs");
    if (options.tail >= 0)
        cmd += QStringLiteral(" --tail ") + QString::number(options.tail);
    if (options.since.isValid())
        cmd += QStringLiteral(" --since ") + shellQuote(options.since.toUTC().toString(Qt::ISODate));
    if (options.until.isValid())
        cmd += QStringLiteral(" --until ") + shellQuote(options.until.toUTC().toString(Qt::ISODate));
    if (options.timestamps)
        cmd += QStringLiteral(" --timestamps");
    if (options.follow)
        cmd += QStringLiteral(" --follow");
    cmd += QStringLiteral(" -- ") + shellQuote(ref);
    if (!options.follow)
        cmd += QStringLiteral(" 2>&1");
    return cmd;
}

Result<QString> DockerCliCommands::stats(const QStringList &refs) const
{
    if (!refs.isEmpty()) {
        if (VoidResult v = security::validateContainerRefs(refs); !v)
            return v.error();
    }
    QString cmd = m_prefix + QStringLiteral(" stats --no-stream --no-trunc --format ") + shellQuote(statsFormat());
    if (!refs.isEmpty()) {
        cmd += QStringLiteral(" --");
        for (const QString &r : refs)
            cmd += QLatin1Char(' ') + shellQuote(r);
    }
    return cmd;
}

Result<QString> DockerCliCommands::streamStats(const QString &ref) const
{
    QString cmd = m_prefix + QStringLiteral(" stats --no-trunc --format ") + shellQuote(statsFormat());
    if (!ref.isEmpty()) {
        if (VoidResult v = security::validateContainerRef(ref); !v)
            return v.error();
        cmd += QStringLiteral(" -- ") + shellQuote(ref);
    }
    return cmd;
}

Result<QString> DockerCliCommands::action(ContainerAction action, const QString &ref,
                                          const RemoveOptions &options) const
{
    if (VoidResult v = security::validateContainerRef(ref); !v)
        return v.error();
    QString cmd = m_prefix + QLatin1Char(' ') + security::dockerActionVerb(action);
    if (action == ContainerAction::Remove) {
        if (options.force)
            cmd += QStringLiteral(" --force");
        if (options.volumes)
            cmd += QStringLiteral(" --volumes");
    }
    return QString(cmd + QStringLiteral(" -- ") + shellQuote(ref));
}

Result<QString> DockerCliCommands::execCommon(const QString &ref, const QStringList &flags, const QStringList &command,
                                              const QString &user, const QString &workingDir) const
{
    if (VoidResult v = security::validateContainerRef(ref); !v)
        return v.error();
    QString cmd = m_prefix + QStringLiteral(" exec");
    for (const QString &f : flags)
        cmd += QLatin1Char(' ') + f;
    // `--opt=value` in one quoted word: a value can never be taken for another option.
    if (!user.isEmpty()) {
        Result<QString> q = security::quoteShellWord(QStringLiteral("--user=") + user);
        if (!q)
            return q.error();
        cmd += QLatin1Char(' ') + *q;
    }
    if (!workingDir.isEmpty()) {
        Result<QString> q = security::quoteShellWord(QStringLiteral("--workdir=") + workingDir);
        if (!q)
            return q.error();
        cmd += QLatin1Char(' ') + *q;
    }
    cmd += QStringLiteral(" -- ") + shellQuote(ref) + QLatin1Char(' ');
    if (command.isEmpty())
        return QString(cmd + QStringLiteral("sh -c ") + shellQuote(QString::fromLatin1(kShellProbe)));
    Result<QString> words = security::quoteShellWords(command);
    if (!words)
        return words.error();
    return QString(cmd + *words);
}

Result<QString> DockerCliCommands::execInteractive(const QString &ref, const ExecOptions &options,
                                                   const QString &sessionTag) const
{
    QStringList flags;
    if (options.interactive)
        flags << QStringLiteral("--interactive");
    if (options.tty)
        flags << QStringLiteral("--tty");
    if (!sessionTag.isEmpty()) {
        if (!exechangup::isValidTag(sessionTag))
            return makeError(QStringLiteral("Internal error: an invalid exec session tag."), QStringLiteral("usage"));
        flags << shellQuote(QStringLiteral("--env=") + exechangup::envAssignment(sessionTag));
    }
    return execCommon(ref, flags, options.command, options.user, options.workingDir);
}

Result<QString> DockerCliCommands::hangupExec(const QString &ref, const QString &sessionTag, const QString &user) const
{
    if (!exechangup::isValidTag(sessionTag))
        return makeError(QStringLiteral("Internal error: an invalid exec session tag."), QStringLiteral("usage"));
    return execCommon(ref, {}, exechangup::hangupCommand(sessionTag), user, {});
}

Result<QString> DockerCliCommands::execRun(const QString &ref, const QStringList &command) const
{
    if (command.isEmpty())
        return makeError(QStringLiteral("No command to run in container %1.").arg(ref), QStringLiteral("usage"));
    return execCommon(ref, {}, command, {}, {});
}

Result<QString> DockerCliCommands::env(const QString &ref) const
{
    if (VoidResult v = security::validateContainerRef(ref); !v)
        return v.error();
    return QString(m_prefix + QStringLiteral(" inspect --type container --format ") +
                   shellQuote(QStringLiteral("{{json .Config.Env}}")) + QStringLiteral(" -- ") + shellQuote(ref));
}

} // namespace archnest::sshcli
