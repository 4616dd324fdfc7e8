#include "docker/sshcli/SshCliContainerSource.h"

#include "docker/ExecHangup.h"
#include "docker/sshcli/DockerCliParsers.h"
#include "docker/sshcli/SshCliStreams.h"
#include "ssh/SshSession.h"

#include <QPointer>

#include <memory>

namespace archnest {

namespace {

// Remote text shown in an error: one line of printable characters, bounded.
QString remoteText(const QByteArray &bytes)
{
    QString s = QString::fromUtf8(bytes.left(2000)).trimmed();
    for (QChar &c : s) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t'))
            c = QLatin1Char(' ');
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = QChar(u'?');
    }
    return s.left(500);
}

} // namespace

SshCliContainerSource::SshCliContainerSource(HostConfig host, ssh::SshInteraction *interaction, QObject *parent)
    : ContainerSource(std::move(host), parent)
{
    Result<sshcli::DockerCliCommands> commands = sshcli::DockerCliCommands::create(this->host().dockerCommand);
    if (commands)
        m_commands.emplace(*commands);
    else
        m_configError = makeError(QStringLiteral("Host %1: %2 Fix \"dockerCommand\" in its entry in the hosts file.")
                                      .arg(hostName(), commands.errorMessage()),
                                  QStringLiteral("config"));
    m_session = new ssh::SshSession(ssh::SshTarget::fromHost(this->host()), interaction, this);
    connect(m_session, &ssh::SshSession::stateChanged, this,
            [this](HostStatus status, const QString &message) { setStatus(status, message); });
}

SshCliContainerSource::~SshCliContainerSource() = default;

template<typename T>
void SshCliContainerSource::failLater(Callback<T> done, Error error)
{
    QMetaObject::invokeMethod(
        this, [done = std::move(done), error = std::move(error)] { done(error); }, Qt::QueuedConnection);
}

void SshCliContainerSource::run(const QString &what, const Result<QString> &command, int timeoutMs, RawCallback done)
{
    if (!m_commands) {
        failLater<ssh::SshExecResult>(std::move(done), m_configError);
        return;
    }
    if (!command) {
        failLater<ssh::SshExecResult>(
            std::move(done),
            makeError(QStringLiteral("Cannot %1 on %2: %3").arg(what, hostName(), command.errorMessage()),
                      command.error().code));
        return;
    }
    QPointer<SshCliContainerSource> self(this);
    auto id = std::make_shared<quint64>(0);
    *id = m_session->exec(
        *command, {}, timeoutMs, [self, id, what, done = std::move(done)](Result<ssh::SshExecResult> r) {
            if (!self)
                return;
            self->m_inFlight.remove(*id);
            if (!r && isCancelled(r.error())) {
                done(r.error());
                return;
            }
            if (!r) {
                done(makeError(QStringLiteral("Cannot %1 on %2: %3").arg(what, self->hostName(), r.errorMessage()),
                               r.error().code));
                return;
            }
            done(std::move(r));
        });
    m_inFlight.insert(*id, what);
}

void SshCliContainerSource::cancelPending()
{
    const auto calls = std::exchange(m_inFlight, {});
    for (auto it = calls.begin(); it != calls.end(); ++it)
        m_session->cancel(it.key(), cancelledError(it.value()).message);
}

Error SshCliContainerSource::commandError(const QString &what, const ssh::SshExecResult &r) const
{
    QString detail = remoteText(r.err);
    if (detail.isEmpty())
        detail = remoteText(r.out);
    if (detail.isEmpty())
        detail = QStringLiteral("no message");
    QString code = QStringLiteral("docker-failed");
    // Docker says "No such container", Podman "no such container".
    if (detail.contains(QLatin1String("No such container"), Qt::CaseInsensitive) ||
        detail.contains(QLatin1String("No such object"), Qt::CaseInsensitive))
        code = QStringLiteral("not-found");
    else if (r.exitStatus == 127)
        code = QStringLiteral("docker-missing");
    const QString program = engine() == ContainerEngine::Podman ? QStringLiteral("podman") : QStringLiteral("docker");
    return makeError(QStringLiteral("Cannot %1 on %2: %3 exited with status %4: %5")
                         .arg(what, hostName(), program)
                         .arg(r.exitStatus)
                         .arg(detail),
                     code);
}

Error SshCliContainerSource::execRefusedError() const
{
    return makeError(QStringLiteral("Cannot exec on %1: the host is configured read-only (remove \"readOnly\" from its "
                                    "entry in the hosts file to manage it).")
                         .arg(hostName()),
                     QStringLiteral("read-only"));
}

void SshCliContainerSource::list(bool all, Callback<QList<ContainerSummary>> done)
{
    if (m_commands && engine() == ContainerEngine::Unknown) {
        // Once per source: the list's format depends on the engine (see DockerCliCommands::list).
        run(QStringLiteral("identify the container engine"), m_commands->engineProbe(), kCommandTimeoutMs,
            [this, all, done = std::move(done)](Result<ssh::SshExecResult> r) mutable {
                if (!r)
                    return done(r.error());
                // A CLI that does not answer --version as Docker or Podman do is taken as Docker.
                const ContainerEngine seen =
                    r->exitStatus == 0 ? sshcli::parseEngineProbe(r->out) : ContainerEngine::Unknown;
                setEngine(seen == ContainerEngine::Unknown ? ContainerEngine::Docker : seen);
                listWithEngine(all, std::move(done));
            });
        return;
    }
    listWithEngine(all, std::move(done));
}

void SshCliContainerSource::listWithEngine(bool all, Callback<QList<ContainerSummary>> done)
{
    const Result<QString> cmd =
        m_commands ? Result<QString>(m_commands->list(all, engine())) : Result<QString>(m_configError);
    run(QStringLiteral("list containers"), cmd, kCommandTimeoutMs,
        [this, done = std::move(done)](Result<ssh::SshExecResult> r) {
            if (!r)
                return done(r.error());
            if (r->exitStatus != 0)
                return done(commandError(QStringLiteral("list containers"), *r));
            done(sshcli::parsePsOutput(r->out, hostName()));
        });
}

void SshCliContainerSource::inspect(const QStringList &refs, Callback<QList<ContainerDetail>> done)
{
    if (refs.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [done = std::move(done)] { done(QList<ContainerDetail>()); }, Qt::QueuedConnection);
        return;
    }
    // Batches run one after another; the results keep the order of `refs`' batches.
    struct Gather
    {
        QList<QStringList> batches;
        qsizetype next = 0;
        QList<ContainerDetail> details;
        QStringList errors;
        Callback<QList<ContainerDetail>> done;
    };
    auto g = std::make_shared<Gather>();
    for (qsizetype i = 0; i < refs.size(); i += kInspectBatch)
        g->batches.append(refs.mid(i, kInspectBatch));
    g->done = std::move(done);
    // The chain keeps itself alive only through the pending command's callback, so nothing
    // leaks when the source (and with it that callback) goes away mid-way.
    auto step = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> weakStep = step;
    *step = [this, g, weakStep] {
        const std::shared_ptr<std::function<void()>> self = weakStep.lock();
        if (!self)
            return;
        if (g->next >= g->batches.size()) {
            // Partial success returns what was found; nothing found returns the error.
            if (g->details.isEmpty() && !g->errors.isEmpty())
                g->done(makeError(g->errors.join(QLatin1Char(' ')),
                                  g->errors.first().contains(QLatin1String("No such"), Qt::CaseInsensitive)
                                      ? QStringLiteral("not-found")
                                      : QString()));
            else
                g->done(g->details);
            return;
        }
        const QStringList batch = g->batches.at(g->next++);
        const Result<QString> cmd = m_commands ? m_commands->inspect(batch) : Result<QString>(m_configError);
        run(QStringLiteral("inspect containers"), cmd, kCommandTimeoutMs,
            [this, g, self](Result<ssh::SshExecResult> r) {
                if (!r)
                    return g->done(r.error());
                // `docker inspect` prints what it found even when some refs do not exist.
                Result<QList<ContainerDetail>> parsed = sshcli::parseInspectOutput(r->out, hostName());
                if (parsed)
                    g->details.append(*parsed);
                if (r->exitStatus != 0)
                    g->errors.append(commandError(QStringLiteral("inspect containers"), *r).message);
                else if (!parsed)
                    g->errors.append(parsed.errorMessage());
                (*self)();
            });
    };
    (*step)();
}

void SshCliContainerSource::logs(const QString &ref, const LogOptions &options, Callback<QByteArray> done)
{
    LogOptions once = options;
    once.follow = false;
    const Result<QString> cmd = m_commands ? m_commands->logs(ref, once) : Result<QString>(m_configError);
    const QString what = QStringLiteral("read the logs of %1").arg(ref);
    run(what, cmd, kActionTimeoutMs, [this, what, done = std::move(done)](Result<ssh::SshExecResult> r) {
        if (!r)
            return done(r.error());
        if (r->exitStatus != 0)
            return done(commandError(what, *r));
        done(QByteArray(r->out + r->err));
    });
}

LogStream *SshCliContainerSource::followLogs(const QString &ref, const LogOptions &options)
{
    LogOptions follow = options;
    follow.follow = true;
    // Always with timestamps: stdout and stderr arrive as two streams and are merged by them
    // (sshcli::LogLineMerger); the stream strips them again unless they were asked for.
    follow.timestamps = true;
    const Result<QString> cmd = m_commands ? m_commands->logs(ref, follow) : Result<QString>(m_configError);
    if (!cmd)
        return new sshcli::SshLogStream(
            nullptr, QStringLiteral("Cannot follow the logs on %1: %2").arg(hostName(), cmd.errorMessage()), this);
    return new sshcli::SshLogStream(m_session->openStream(*cmd), {}, this, options.timestamps);
}

void SshCliContainerSource::stats(const QStringList &refs, Callback<QList<StatsSample>> done)
{
    const Result<QString> cmd = m_commands ? m_commands->stats(refs) : Result<QString>(m_configError);
    run(QStringLiteral("read container stats"), cmd, kActionTimeoutMs,
        [this, done = std::move(done)](Result<ssh::SshExecResult> r) {
            if (!r)
                return done(r.error());
            if (r->exitStatus != 0)
                return done(commandError(QStringLiteral("read container stats"), *r));
            done(sshcli::parseStatsOutput(r->out, QDateTime::currentDateTimeUtc()));
        });
}

StatsStream *SshCliContainerSource::streamStats(const QString &ref)
{
    const Result<QString> cmd = m_commands ? m_commands->streamStats(ref) : Result<QString>(m_configError);
    if (!cmd)
        return new sshcli::SshStatsStream(
            nullptr, QStringLiteral("Cannot stream stats on %1: %2").arg(hostName(), cmd.errorMessage()), this);
    return new sshcli::SshStatsStream(m_session->openStream(*cmd), {}, this);
}

void SshCliContainerSource::perform(ContainerAction action, const QString &ref, const RemoveOptions &options,
                                    Callback<void> done)
{
    if (!canManage()) {
        failLater<void>(std::move(done), readOnlyError(action));
        return;
    }
    const Result<QString> cmd = m_commands ? m_commands->action(action, ref, options) : Result<QString>(m_configError);
    const QString what = QStringLiteral("%1 container %2").arg(containerActionVerb(action), ref);
    run(what, cmd, kActionTimeoutMs, [this, what, done = std::move(done)](Result<ssh::SshExecResult> r) {
        if (!r)
            return done(r.error());
        if (r->exitStatus != 0)
            return done(commandError(what, *r));
        done(VoidResult());
    });
}

ExecStream *SshCliContainerSource::openExec(const QString &ref, const ExecOptions &options)
{
    if (!canManage())
        return new sshcli::SshExecStream(nullptr, execRefusedError().message, this);
    const QString tag = exechangup::newTag();
    const Result<QString> cmd =
        m_commands ? m_commands->execInteractive(ref, options, tag) : Result<QString>(m_configError);
    if (!cmd)
        return new sshcli::SshExecStream(
            nullptr, QStringLiteral("Cannot exec on %1: %2").arg(hostName(), cmd.errorMessage()), this);
    ssh::SshChannelStream *channel =
        options.tty ? m_session->openPty(*cmd, options.cols, options.rows) : m_session->openStream(*cmd);
    // Runs on the source (the stream is usually deleted right after terminate()).
    auto hangUp = [self = QPointer<SshCliContainerSource>(this), ref, tag, user = options.user] {
        if (!self || !self->m_commands)
            return;
        const Result<QString> hangup = self->m_commands->hangupExec(ref, tag, user);
        if (!hangup)
            return;
        self->m_session->exec(*hangup, {}, kCommandTimeoutMs, [](const Result<ssh::SshExecResult> &) {
            // Best effort: a container without sh/tr/grep keeps the exec running, as Docker would.
        });
    };
    return new sshcli::SshExecStream(channel, {}, this, std::move(hangUp), options.tty);
}

void SshCliContainerSource::execRun(const QString &ref, const QStringList &command, Callback<ExecResult> done)
{
    if (!canManage()) {
        failLater<ExecResult>(std::move(done), execRefusedError());
        return;
    }
    const Result<QString> cmd = m_commands ? m_commands->execRun(ref, command) : Result<QString>(m_configError);
    run(QStringLiteral("exec in %1").arg(ref), cmd, kActionTimeoutMs,
        [done = std::move(done)](Result<ssh::SshExecResult> r) {
            if (!r)
                return done(r.error());
            ExecResult e;
            e.exitCode = r->exitStatus;
            e.out = r->out;
            e.err = r->err;
            done(e);
        });
}

void SshCliContainerSource::revealEnv(const QString &ref, const QString &key, Callback<QString> done)
{
    const Result<QString> cmd = m_commands ? m_commands->env(ref) : Result<QString>(m_configError);
    const QString what = QStringLiteral("read the environment of %1").arg(ref);
    run(what, cmd, kCommandTimeoutMs, [this, what, ref, key, done = std::move(done)](Result<ssh::SshExecResult> r) {
        if (!r)
            return done(r.error());
        if (r->exitStatus != 0)
            return done(commandError(what, *r));
        Result<QStringList> env = sshcli::parseEnvOutput(r->out);
        if (!env)
            return done(makeError(QStringLiteral("Cannot %1 on %2: %3").arg(what, hostName(), env.errorMessage())));
        const QString prefix = key + QLatin1Char('=');
        for (const QString &kv : *env) {
            if (kv.startsWith(prefix))
                return done(kv.mid(prefix.size()));
        }
        done(makeError(QStringLiteral("Container %1 on %2 has no variable %3.").arg(ref, hostName(), key),
                       QStringLiteral("not-found")));
    });
}

} // namespace archnest
