#include "CliHostAccess.h"

#include "config/HostUrl.h"
#include "config/HostsFile.h"
#include "config/SourceFactory.h"
#include "security/ControlChars.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

#include <algorithm>

namespace archnest::cli {

ContainerCliInteraction::ContainerCliInteraction(const HostAccessOptions &options)
    : m_terminal(options.acceptNewHostKey)
{}

void ContainerCliInteraction::askHostKey(const ssh::HostKeyQuestion &question,
                                         std::function<void(ssh::HostKeyDecision)> answer)
{
    m_terminal.askHostKey(question, std::move(answer));
}

void ContainerCliInteraction::askSecret(const ssh::SecretQuestion &question,
                                        std::function<void(std::optional<QString>)> answer)
{
    // Keyboard-interactive prompts that echo are not passwords; only hidden prompts get it.
    const bool passwordLike = question.kind == ssh::SecretKind::Password ||
                              (question.kind == ssh::SecretKind::KeyboardInteractive && !question.echo);
    if (passwordLike && m_stdinPassword) {
        // A refused --password-stdin is not sent again: the same bytes would be refused again.
        answer(question.attempt > 1 ? std::nullopt : std::optional<QString>(*m_stdinPassword));
        return;
    }
    m_terminal.askSecret(question, std::move(answer));
}

ParsedArgs parseArgs(const QStringList &args, const QStringList &bools, const QStringList &values, bool allowDashDash)
{
    ParsedArgs p;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (allowDashDash && a == QLatin1String("--")) {
            p.dashDash = true;
            p.rest = args.mid(i + 1);
            break;
        }
        if (!a.startsWith(QLatin1String("--")) || a == QLatin1String("--")) {
            if (a.startsWith(QLatin1Char('-')) && a.size() > 1 && a != QLatin1String("-")) {
                p.error = QStringLiteral("unknown option '%1'").arg(a);
                return p;
            }
            p.positional << a;
            continue;
        }
        const qsizetype eq = a.indexOf(QLatin1Char('='));
        const QString name = eq < 0 ? a : a.left(eq);
        if (name == QLatin1String("--accept-new-host-key") && eq < 0) {
            p.access.acceptNewHostKey = true;
        } else if (name == QLatin1String("--password-stdin") && eq < 0) {
            p.access.passwordStdin = true;
        } else if (bools.contains(name) && eq < 0) {
            p.flags << name;
        } else if (values.contains(name) || name == QLatin1String("--password-file")) {
            QString v;
            if (eq >= 0) {
                v = a.mid(eq + 1);
            } else if (i + 1 < args.size()) {
                v = args.at(++i);
            } else {
                p.error = QStringLiteral("%1 needs a value").arg(name);
                return p;
            }
            if (name == QLatin1String("--password-file"))
                p.access.passwordFile = v;
            else
                p.values.insert(name, v);
        } else {
            p.error = QStringLiteral("unknown option '%1'").arg(a);
            return p;
        }
    }
    return p;
}

void printError(CliContext &ctx, const QString &command, const QString &message)
{
    // Messages quote remote text (a daemon's error, a report's field): never raw to a terminal.
    *ctx.err << "archnest-cli " << command << ": "
             << security::escapeControlChars(message, security::ControlEscape::KeepLineBreaks) << '\n';
    ctx.err->flush();
}

namespace {

void applyPasswordFile(SshEndpoint &e, const QString &file)
{
    if (e.auth.passwordFile.isEmpty() && e.auth.passwordRef.isEmpty())
        e.auth.passwordFile = file;
}

// The first line of stdin, bounded; never echoed or logged.
Result<QString> readPasswordFromStdin()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read the password from stdin"));
    const QByteArray line = in.readLine(4096);
    QString pw = QString::fromUtf8(line);
    while (pw.endsWith(QLatin1Char('\n')) || pw.endsWith(QLatin1Char('\r')))
        pw.chop(1);
    if (pw.isEmpty())
        return makeError(QStringLiteral("--password-stdin: stdin held no password"));
    return pw;
}

} // namespace

Result<QList<store::AgentReportRecord>> storedAgentHosts(const CliContext &ctx)
{
    const QString file = ctx.paths.databaseFile();
    if (!QFileInfo::exists(file))
        return QList<store::AgentReportRecord>{};
    auto opened = store::AgentReportStore::open(store::DatabaseLocation::sqlite(file),
                                                QStringLiteral("archnest-cli-agent-hosts"));
    if (!opened)
        return makeError(QStringLiteral("The report store %1 could not be read: %2").arg(file, opened.errorMessage()),
                         opened.error().code);
    return opened.value()->listHosts();
}

Result<HostConfig> resolveCliHost(CliContext &ctx, const QString &hostArgument, const HostAccessOptions &access,
                                  ContainerCliInteraction &interaction)
{
    const QString hostsPath = ctx.paths.hostsFile();
    const Result<QList<HostConfig>> hosts = config::loadHostsFile(hostsPath);
    if (!hosts)
        return hosts.error();
    QStringList notes;
    config::HostResolveOptions resolve;
    resolve.configured = *hosts;
    // A plain name that is not configured may be a push-agent host the local store knows.
    const bool configured =
        std::any_of(hosts->cbegin(), hosts->cend(), [&](const HostConfig &h) { return h.name == hostArgument; });
    if (!configured && !hostArgument.contains(QLatin1Char(':')) && !hostArgument.contains(QLatin1Char('/'))) {
        if (const auto agents = storedAgentHosts(ctx); agents) {
            for (const store::AgentReportRecord &r : *agents) {
                if (r.hostId != hostArgument)
                    continue;
                HostConfig agent;
                agent.name = r.hostId;
                agent.kind = HostKind::Agent;
                agent.readOnly = true;
                resolve.configured.append(agent);
                break;
            }
        }
    }
    resolve.hostsFilePath = hostsPath;
    resolve.sshConfigFile = ctx.sshConfigFile;
    resolve.notes = &notes;
    Result<HostConfig> host = config::resolveHost(hostArgument, resolve);
    if (!host)
        return host;
    for (const QString &n : notes)
        *ctx.err << "archnest-cli: note: " << n << '\n';

    if (!access.passwordFile.isEmpty()) {
        if (!QFileInfo(access.passwordFile).isReadable())
            return makeError(QStringLiteral("--password-file %1: no such readable file").arg(access.passwordFile),
                             QStringLiteral("usage"));
        const QString abs = QFileInfo(access.passwordFile).absoluteFilePath();
        applyPasswordFile(host->ssh, abs);
        for (SshEndpoint &j : host->jumps)
            applyPasswordFile(j, abs);
    }
    if (access.passwordStdin) {
        Result<QString> pw = readPasswordFromStdin();
        if (!pw)
            return makeError(pw.errorMessage(), QStringLiteral("usage"));
        interaction.setStdinPassword(*pw);
    }
    return host;
}

int runWithSource(CliContext &ctx, const QString &command, const QString &hostArgument, const HostAccessOptions &access,
                  const SourceBody &body)
{
    if (!QCoreApplication::instance()) {
        printError(ctx, command, QStringLiteral("internal error: no application object"));
        return ExitError;
    }
    ContainerCliInteraction interaction(access);
    Result<HostConfig> host = resolveCliHost(ctx, hostArgument, access, interaction);
    if (!host) {
        printError(ctx, command, host.errorMessage());
        return host.error().code == QLatin1String("usage") ? ExitUsage : ExitError;
    }

    QObject scope; // owns the source; destroyed (and the connection closed) before returning
    config::SourceContext sctx;
    sctx.sshConfigFile = ctx.sshConfigFile;
    sctx.interaction = &interaction;
    sctx.dataDir = ctx.paths.dataDir();
    Result<ContainerSource *> source = config::createContainerSource(*host, sctx, &scope);
    if (!source) {
        printError(ctx, command, source.errorMessage());
        return ExitError;
    }

    int code = ExitError;
    bool done = false;
    auto finish = [&code, &done](int c) {
        if (done)
            return;
        done = true;
        code = c;
        QCoreApplication::exit(c);
    };
    QTimer::singleShot(0, &scope, [&body, src = *source, finish] { body(src, finish); });
    QCoreApplication::exec(); // the application's only loop: the command runs inside it
    ctx.out->flush();
    ctx.err->flush();
    return code;
}

} // namespace archnest::cli
