// archnest-cli's container commands: hosts, ps, inspect, logs, start|stop|restart|pause|
// unpause|rm, exec, stats. Every command works for any source kind through ContainerSource.
#include "CliApp.h"
#include "CliHostAccess.h"
#include "ContainerJson.h"
#include "ExecCommand.h"

#include "config/HostsFile.h"
#include "security/ContainerRef.h"
#include "security/ControlChars.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>

namespace archnest::cli {

namespace {

const QString kAccessSynopsis = QStringLiteral("[--accept-new-host-key] [--password-file F | --password-stdin]");

int usageError(CliContext &ctx, const QString &command, const QString &message, const QString &synopsis)
{
    *ctx.err << "archnest-cli " << command << ": " << message << "\nUsage: archnest-cli " << command << ' ' << synopsis
             << '\n';
    ctx.err->flush();
    return ExitUsage;
}

// A bad REF is refused here, before any connection is made.
bool checkRef(CliContext &ctx, const QString &command, const QString &ref)
{
    if (VoidResult v = security::validateContainerRef(ref); !v) {
        printError(ctx, command, v.errorMessage());
        return false;
    }
    return true;
}

void writeRaw(const QByteArray &data, FILE *stream)
{
    std::fwrite(data.constData(), 1, size_t(data.size()), stream);
    std::fflush(stream);
}

// JSON escapes C0 controls itself; DEL and C1 (U+0080-U+009F, which some terminals act on) are
// written as \u escapes too - the same JSON value, never a raw control on a terminal.
QString jsonText(const QJsonDocument &doc)
{
    return security::escapeJsonControls(QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
}

// Every cell is remote text (names, images, statuses a daemon or an agent sent): control
// characters are shown escaped, so a value can never drive the terminal.
QString table(QList<QStringList> rows)
{
    for (QStringList &r : rows) {
        for (QString &cell : r)
            cell = security::escapeControlChars(cell);
    }
    QList<qsizetype> widths;
    for (const QStringList &r : rows) {
        for (qsizetype i = 0; i < r.size(); ++i) {
            if (widths.size() <= i)
                widths.append(0);
            widths[i] = qMax(widths[i], r.at(i).size());
        }
    }
    QString out;
    for (const QStringList &r : rows) {
        QString line;
        for (qsizetype i = 0; i < r.size(); ++i)
            line += i + 1 < r.size() ? r.at(i).leftJustified(widths.at(i) + 3) : r.at(i);
        out += line.trimmed() + QLatin1Char('\n');
    }
    return out;
}

QString hostAddress(const HostConfig &h)
{
    if (h.kind != HostKind::Ssh)
        return h.apiUrl;
    QString a = h.ssh.displayName();
    for (const SshEndpoint &j : h.jumps)
        a += QStringLiteral(" via ") + j.displayName();
    return a;
}

int hostsCommand(CliContext &ctx, const QStringList &args)
{
    const ParsedArgs p = parseArgs(args, {QStringLiteral("--json")}, {}, false);
    if (!p.error.isEmpty() || !p.positional.isEmpty())
        return usageError(ctx, QStringLiteral("hosts"),
                          p.error.isEmpty() ? QStringLiteral("takes no arguments") : p.error,
                          QStringLiteral("[--json]"));
    const Result<QList<HostConfig>> hosts = config::loadHostsFile(ctx.paths.hostsFile());
    if (!hosts) {
        printError(ctx, QStringLiteral("hosts"), hosts.errorMessage());
        return ExitError;
    }
    // Push-agent hosts the local store has reports from (a configured host of the same name wins).
    QList<store::AgentReportRecord> agents;
    const Result<QList<store::AgentReportRecord>> stored = storedAgentHosts(ctx);
    if (!stored)
        *ctx.err << "archnest-cli hosts: note: agent hosts not listed: " << stored.errorMessage() << '\n';
    else
        for (const store::AgentReportRecord &r : *stored)
            if (std::none_of(hosts->cbegin(), hosts->cend(), [&](const HostConfig &h) { return h.name == r.hostId; }))
                agents.append(r);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto lastReport = [](const store::AgentReportRecord &r) {
        return QDateTime::fromMSecsSinceEpoch(r.receivedAtMs).toUTC().toString(Qt::ISODate);
    };

    if (p.has(QStringLiteral("--json"))) {
        QJsonArray arr;
        for (const HostConfig &h : *hosts)
            arr.append(QJsonObject{{QStringLiteral("name"), h.name},
                                   {QStringLiteral("kind"), hostKindName(h.kind)},
                                   {QStringLiteral("address"), hostAddress(h)},
                                   {QStringLiteral("readOnly"), h.readOnly}});
        for (const store::AgentReportRecord &r : agents)
            arr.append(QJsonObject{
                {QStringLiteral("name"), r.hostId},
                {QStringLiteral("kind"), hostKindName(HostKind::Agent)},
                {QStringLiteral("address"), r.remoteAddress},
                {QStringLiteral("readOnly"), true},
                {QStringLiteral("hostname"), r.hostname},
                {QStringLiteral("lastReport"), lastReport(r)},
                {QStringLiteral("containers"), r.containerCount},
                {QStringLiteral("stale"), store::isStale(r.receivedAtMs, now, store::kDefaultStaleWindowMs)}});
        *ctx.out << jsonText(QJsonDocument(arr));
        return ExitOk;
    }
    QList<QStringList> rows{
        {QStringLiteral("NAME"), QStringLiteral("KIND"), QStringLiteral("ACCESS"), QStringLiteral("ADDRESS")}};
    for (const HostConfig &h : *hosts)
        rows.append({h.name, hostKindName(h.kind),
                     h.canManage() ? QStringLiteral("manage") : QStringLiteral("read-only"), hostAddress(h)});
    for (const store::AgentReportRecord &r : agents) {
        const bool stale = store::isStale(r.receivedAtMs, now, store::kDefaultStaleWindowMs);
        rows.append({r.hostId, hostKindName(HostKind::Agent), QStringLiteral("read-only"),
                     QStringLiteral("agent %1 (%2), last report %3, %4 containers%5")
                         .arg(r.hostname, r.remoteAddress, lastReport(r))
                         .arg(r.containerCount)
                         .arg(stale ? QStringLiteral(", stale") : QString())});
    }
    *ctx.out << table(rows);
    if (hosts->isEmpty() && agents.isEmpty())
        *ctx.err << "archnest-cli hosts: no hosts configured in " << ctx.paths.hostsFile()
                 << " and no agent reports in " << ctx.paths.databaseFile() << " (see docs/user-guide.md)\n";
    return ExitOk;
}

int psCommand(CliContext &ctx, const QStringList &args)
{
    const QString synopsis = QStringLiteral("HOST [--all] [--json] ") + kAccessSynopsis;
    const ParsedArgs p =
        parseArgs(args, {QStringLiteral("--all"), QStringLiteral("-a"), QStringLiteral("--json")}, {}, false);
    if (!p.error.isEmpty())
        return usageError(ctx, QStringLiteral("ps"), p.error, synopsis);
    if (p.positional.size() != 1)
        return usageError(ctx, QStringLiteral("ps"), QStringLiteral("needs exactly one HOST"), synopsis);
    const bool all = p.has(QStringLiteral("--all"));
    const bool json = p.has(QStringLiteral("--json"));
    return runWithSource(ctx, QStringLiteral("ps"), p.positional.at(0), p.access,
                         [&ctx, all, json](ContainerSource *source, std::function<void(int)> finish) {
                             source->list(all, [&ctx, json, finish](Result<QList<ContainerSummary>> r) {
                                 if (!r) {
                                     printError(ctx, QStringLiteral("ps"), r.errorMessage());
                                     return finish(ExitError);
                                 }
                                 if (json) {
                                     QJsonArray arr;
                                     for (const ContainerSummary &s : *r)
                                         arr.append(summaryToJson(s));
                                     *ctx.out << jsonText(QJsonDocument(arr));
                                 } else {
                                     QList<QStringList> rows{{QStringLiteral("CONTAINER ID"), QStringLiteral("NAME"),
                                                              QStringLiteral("IMAGE"), QStringLiteral("STATE"),
                                                              QStringLiteral("STATUS"), QStringLiteral("PORTS")}};
                                     for (const ContainerSummary &s : *r) {
                                         QStringList ports;
                                         for (const PortMapping &pm : s.ports)
                                             ports << pm.display();
                                         rows.append({s.shortId(), s.name, s.image, containerStateName(s.state),
                                                      s.status, ports.join(QStringLiteral(", "))});
                                     }
                                     *ctx.out << table(rows);
                                 }
                                 finish(ExitOk);
                             });
                         });
}

void printDetail(QTextStream &out, const ContainerDetail &d)
{
    const ContainerSummary &s = d.summary;
    auto line = [&out](const char *key, const QString &value) {
        if (!value.isEmpty())
            out << QString::fromLatin1(key).leftJustified(16) << security::escapeControlChars(value) << '\n';
    };
    line("Name", s.name);
    line("ID", s.id);
    line("Host", s.hostName);
    line("Image", s.image);
    line("Image ID", d.imageId);
    line("Command", s.command);
    line("State", containerStateName(s.state));
    line("Status", s.status);
    line("Health", d.health.status);
    line("Restarts", QString::number(d.restartCount));
    line("Exit code", d.exitCode ? QString::number(*d.exitCode) : QString());
    line("Error", d.error);
    line("Created", s.created.isValid() ? s.created.toString(Qt::ISODate) : QString());
    line("Started", d.startedAt.isValid() ? d.startedAt.toString(Qt::ISODate) : QString());
    line("Finished", d.finishedAt.isValid() ? d.finishedAt.toString(Qt::ISODate) : QString());
    line("Restart policy", d.restartPolicy);
    line("Platform", d.platform);
    line("Hostname", d.hostname);
    line("User", d.user);
    line("Working dir", d.workingDir);
    for (const PortMapping &p : s.ports)
        line("Port", p.display());
    for (const NetworkAttachment &n : d.networks)
        line("Network", n.ipAddress.isEmpty() ? n.name : n.name + QStringLiteral(" ") + n.ipAddress);
    for (const MountPoint &m : d.mounts)
        line("Mount", QStringLiteral("%1 %2 -> %3%4")
                          .arg(m.type, m.name.isEmpty() ? m.source : m.name, m.destination,
                               m.readWrite ? QString() : QStringLiteral(" (ro)")));
    for (const EnvVar &e : d.env)
        line("Env", e.key + QLatin1Char('=') + e.value);
    for (auto it = s.labels.begin(); it != s.labels.end(); ++it)
        line("Label", it.key() + QLatin1Char('=') + it.value());
}

int inspectCommand(CliContext &ctx, const QStringList &args)
{
    const QString synopsis = QStringLiteral("HOST REF [--json] ") + kAccessSynopsis;
    const ParsedArgs p = parseArgs(args, {QStringLiteral("--json")}, {}, false);
    if (!p.error.isEmpty())
        return usageError(ctx, QStringLiteral("inspect"), p.error, synopsis);
    if (p.positional.size() != 2)
        return usageError(ctx, QStringLiteral("inspect"), QStringLiteral("needs HOST and REF"), synopsis);
    const QString ref = p.positional.at(1);
    if (!checkRef(ctx, QStringLiteral("inspect"), ref))
        return ExitUsage;
    const bool json = p.has(QStringLiteral("--json"));
    return runWithSource(
        ctx, QStringLiteral("inspect"), p.positional.at(0), p.access,
        [&ctx, ref, json](ContainerSource *source, std::function<void(int)> finish) {
            source->inspect({ref}, [&ctx, ref, json, finish, source](Result<QList<ContainerDetail>> r) {
                if (!r || r->isEmpty()) {
                    printError(ctx, QStringLiteral("inspect"),
                               r ? QStringLiteral("%1: no such container %2").arg(source->hostName(), ref)
                                 : r.errorMessage());
                    return finish(ExitError);
                }
                if (json)
                    *ctx.out << jsonText(QJsonDocument(detailToJson(r->first())));
                else
                    printDetail(*ctx.out, r->first());
                finish(ExitOk);
            });
        });
}

// "2026-01-02T03:04:05Z" or a duration back from now: "90s", "10m", "2h", "1d".
QDateTime parseSince(const QString &text)
{
    static const QRegularExpression rel(QStringLiteral("^(\\d{1,9})([smhd])$"));
    if (const auto m = rel.match(text); m.hasMatch()) {
        const qint64 n = m.captured(1).toLongLong();
        const qint64 unit = m.captured(2) == QLatin1String("s")   ? 1
                            : m.captured(2) == QLatin1String("m") ? 60
                            : m.captured(2) == QLatin1String("h") ? 3600
                                                                  : 86400;
        return QDateTime::currentDateTimeUtc().addSecs(-n * unit);
    }
    return QDateTime::fromString(text, Qt::ISODate);
}

int logsCommand(CliContext &ctx, const QStringList &args)
{
    const QString synopsis =
        QStringLiteral("HOST REF [--tail N] [--since TIME] [--follow] [--timestamps] [--escape] ") + kAccessSynopsis;
    const ParsedArgs p = parseArgs(args,
                                   {QStringLiteral("--follow"), QStringLiteral("-f"), QStringLiteral("--timestamps"),
                                    QStringLiteral("-t"), QStringLiteral("--escape")},
                                   {QStringLiteral("--tail"), QStringLiteral("--since")}, false);
    if (!p.error.isEmpty())
        return usageError(ctx, QStringLiteral("logs"), p.error, synopsis);
    if (p.positional.size() != 2)
        return usageError(ctx, QStringLiteral("logs"), QStringLiteral("needs HOST and REF"), synopsis);
    LogOptions options;
    if (p.values.contains(QStringLiteral("--tail"))) {
        bool ok = false;
        const QString t = p.values.value(QStringLiteral("--tail"));
        options.tail = t == QLatin1String("all") ? -1 : t.toInt(&ok);
        if (t != QLatin1String("all") && (!ok || options.tail < 0))
            return usageError(ctx, QStringLiteral("logs"), QStringLiteral("--tail expects a number or \"all\""),
                              synopsis);
    }
    if (p.values.contains(QStringLiteral("--since"))) {
        options.since = parseSince(p.values.value(QStringLiteral("--since")));
        if (!options.since.isValid())
            return usageError(ctx, QStringLiteral("logs"),
                              QStringLiteral("--since expects an ISO date-time or a duration like 10m"), synopsis);
    }
    options.timestamps = p.has(QStringLiteral("--timestamps"));
    options.follow = p.has(QStringLiteral("--follow"));
    const QString ref = p.positional.at(1);
    if (!checkRef(ctx, QStringLiteral("logs"), ref))
        return ExitUsage;
    // The container's own bytes, raw like `docker logs`; --escape shows its control characters
    // as \xHH (an untrusted container cannot then drive the terminal).
    const bool escape = p.has(QStringLiteral("--escape"));
    return runWithSource(
        ctx, QStringLiteral("logs"), p.positional.at(0), p.access,
        [&ctx, ref, options, escape](ContainerSource *source, std::function<void(int)> finish) {
            if (!options.follow) {
                source->logs(ref, options, [&ctx, finish, escape](Result<QByteArray> r) {
                    if (!r) {
                        printError(ctx, QStringLiteral("logs"), r.errorMessage());
                        return finish(ExitError);
                    }
                    if (escape) {
                        security::ControlByteEscaper e;
                        QByteArray text = e.feed(*r);
                        text += e.flush();
                        writeRaw(text, stdout);
                    } else {
                        writeRaw(*r, stdout);
                    }
                    finish(ExitOk);
                });
                return;
            }
            LogStream *stream = source->followLogs(ref, options);
            auto escapers = std::make_shared<std::array<security::ControlByteEscaper, 2>>();
            QObject::connect(stream, &LogStream::dataReceived, stream,
                             [escape, escapers](const QByteArray &data, OutputChannel ch) {
                                 const bool err = ch == OutputChannel::Stderr;
                                 writeRaw(escape ? (*escapers)[err ? 1 : 0].feed(data) : data, err ? stderr : stdout);
                             });
            QObject::connect(stream, &LogStream::finished, stream, [finish, escape, escapers](const QString &) {
                if (escape) {
                    writeRaw((*escapers)[0].flush(), stdout);
                    writeRaw((*escapers)[1].flush(), stderr);
                }
                finish(ExitOk);
            });
            QObject::connect(stream, &LogStream::failed, stream, [&ctx, finish](const QString &message) {
                printError(ctx, QStringLiteral("logs"), message);
                finish(ExitError);
            });
        });
}

int actionCommand(CliContext &ctx, ContainerAction action, const QStringList &args)
{
    const bool isRm = action == ContainerAction::Remove;
    const QString name = containerActionVerb(action);
    const QString synopsis =
        QStringLiteral("HOST REF ") + (isRm ? QStringLiteral("[--force] [--volumes] ") : QString()) + kAccessSynopsis;
    const QStringList bools = isRm ? QStringList{QStringLiteral("--force"), QStringLiteral("-f"),
                                                 QStringLiteral("--volumes"), QStringLiteral("-v")}
                                   : QStringList{};
    const ParsedArgs p = parseArgs(args, bools, {}, false);
    if (!p.error.isEmpty())
        return usageError(ctx, name, p.error, synopsis);
    if (p.positional.size() != 2)
        return usageError(ctx, name, QStringLiteral("needs HOST and REF"), synopsis);
    const QString ref = p.positional.at(1);
    if (!checkRef(ctx, name, ref))
        return ExitUsage;
    RemoveOptions options;
    options.force = p.has(QStringLiteral("--force"));
    options.volumes = p.has(QStringLiteral("--volumes"));
    return runWithSource(ctx, name, p.positional.at(0), p.access,
                         [&ctx, action, ref, options, name](ContainerSource *source, std::function<void(int)> finish) {
                             source->perform(action, ref, options, [&ctx, ref, name, finish](VoidResult r) {
                                 if (!r) {
                                     printError(ctx, name, r.errorMessage());
                                     return finish(ExitError);
                                 }
                                 *ctx.out << ref << '\n';
                                 finish(ExitOk);
                             });
                         });
}

QString optionalNumber(const std::optional<double> &v, const QString &suffix)
{
    return v ? QString::number(*v, 'f', 2) + suffix : QStringLiteral("--");
}

QString bytes(const std::optional<qint64> &v)
{
    if (!v)
        return QStringLiteral("--");
    const double b = double(*v);
    if (b >= 1024.0 * 1024 * 1024)
        return QString::number(b / (1024.0 * 1024 * 1024), 'f', 2) + QStringLiteral("GiB");
    if (b >= 1024.0 * 1024)
        return QString::number(b / (1024.0 * 1024), 'f', 2) + QStringLiteral("MiB");
    if (b >= 1024.0)
        return QString::number(b / 1024.0, 'f', 2) + QStringLiteral("KiB");
    return QString::number(*v) + QStringLiteral("B");
}

int statsCommand(CliContext &ctx, const QStringList &args)
{
    const QString synopsis = QStringLiteral("HOST [REF] [--json] ") + kAccessSynopsis;
    const ParsedArgs p = parseArgs(args, {QStringLiteral("--json")}, {}, false);
    if (!p.error.isEmpty())
        return usageError(ctx, QStringLiteral("stats"), p.error, synopsis);
    if (p.positional.isEmpty() || p.positional.size() > 2)
        return usageError(ctx, QStringLiteral("stats"), QStringLiteral("needs HOST and at most one REF"), synopsis);
    QStringList refs;
    if (p.positional.size() == 2) {
        if (!checkRef(ctx, QStringLiteral("stats"), p.positional.at(1)))
            return ExitUsage;
        refs << p.positional.at(1);
    }
    const bool json = p.has(QStringLiteral("--json"));
    return runWithSource(ctx, QStringLiteral("stats"), p.positional.at(0), p.access,
                         [&ctx, refs, json](ContainerSource *source, std::function<void(int)> finish) {
                             source->stats(refs, [&ctx, json, finish](Result<QList<StatsSample>> r) {
                                 if (!r) {
                                     printError(ctx, QStringLiteral("stats"), r.errorMessage());
                                     return finish(ExitError);
                                 }
                                 if (json) {
                                     QJsonArray arr;
                                     for (const StatsSample &s : *r)
                                         arr.append(statsToJson(s));
                                     *ctx.out << jsonText(QJsonDocument(arr));
                                     return finish(ExitOk);
                                 }
                                 QList<QStringList> rows{{QStringLiteral("CONTAINER ID"), QStringLiteral("CPU %"),
                                                          QStringLiteral("MEM USAGE / LIMIT"), QStringLiteral("MEM %"),
                                                          QStringLiteral("NET I/O"), QStringLiteral("BLOCK I/O"),
                                                          QStringLiteral("PIDS")}};
                                 for (const StatsSample &s : *r)
                                     rows.append(
                                         {s.containerId.left(12), optionalNumber(s.cpuPercent, QStringLiteral("%")),
                                          bytes(s.memoryBytes) + QStringLiteral(" / ") + bytes(s.memoryLimitBytes),
                                          optionalNumber(s.memoryPercent, QStringLiteral("%")),
                                          bytes(s.networkRxBytes) + QStringLiteral(" / ") + bytes(s.networkTxBytes),
                                          bytes(s.blockReadBytes) + QStringLiteral(" / ") + bytes(s.blockWriteBytes),
                                          s.pids ? QString::number(*s.pids) : QStringLiteral("--")});
                                 *ctx.out << table(rows);
                                 finish(ExitOk);
                             });
                         });
}

int execCommand(CliContext &ctx, const QStringList &args)
{
    const QString synopsis = QStringLiteral("HOST REF ") + kAccessSynopsis + QStringLiteral(" [-- CMD [ARGS...]]");
    const ParsedArgs p = parseArgs(args, {}, {}, true);
    if (!p.error.isEmpty())
        return usageError(ctx, QStringLiteral("exec"), p.error, synopsis);
    if (p.positional.size() != 2)
        return usageError(ctx, QStringLiteral("exec"), QStringLiteral("needs HOST and REF (the command goes after --)"),
                          synopsis);
    const QString ref = p.positional.at(1);
    if (!checkRef(ctx, QStringLiteral("exec"), ref))
        return ExitUsage;
    const bool interactive = stdinIsTerminal();
    if (!interactive && p.rest.isEmpty())
        return usageError(ctx, QStringLiteral("exec"),
                          QStringLiteral("stdin is not a terminal: give the command to run after --"), synopsis);
    if (interactive && p.access.passwordStdin)
        return usageError(
            ctx, QStringLiteral("exec"),
            QStringLiteral("--password-stdin cannot be used with an interactive exec; use --password-file"), synopsis);
    const QStringList command = p.rest;
    return runWithSource(ctx, QStringLiteral("exec"), p.positional.at(0), p.access,
                         [&ctx, ref, command, interactive](ContainerSource *source, std::function<void(int)> finish) {
                             if (interactive)
                                 runInteractiveExec(ctx, source, ref, command, finish);
                             else
                                 runBatchExec(ctx, source, ref, command, finish);
                         });
}

} // namespace

void registerContainerCommands(CliApp &app)
{
    app.addCommand({QStringLiteral("hosts"), QStringLiteral("[--json]"), QStringLiteral("list the configured hosts"),
                    hostsCommand});
    app.addCommand({QStringLiteral("ps"), QStringLiteral("HOST [--all] [--json]"),
                    QStringLiteral("list containers (running, or all)"), psCommand});
    app.addCommand({QStringLiteral("inspect"), QStringLiteral("HOST REF [--json]"),
                    QStringLiteral("show one container in detail"), inspectCommand});
    app.addCommand({QStringLiteral("logs"), QStringLiteral("HOST REF [--tail N] [--follow] [--timestamps]"),
                    QStringLiteral("print a container's logs"), logsCommand});
    const QList<ContainerAction> actions = {ContainerAction::Start, ContainerAction::Stop,    ContainerAction::Restart,
                                            ContainerAction::Pause, ContainerAction::Unpause, ContainerAction::Remove};
    for (ContainerAction a : actions) {
        const bool isRm = a == ContainerAction::Remove;
        app.addCommand({containerActionVerb(a),
                        isRm ? QStringLiteral("HOST REF [--force] [--volumes]") : QStringLiteral("HOST REF"),
                        QStringLiteral("%1 a container").arg(isRm ? QStringLiteral("remove") : containerActionVerb(a)),
                        [a](CliContext &ctx, const QStringList &args) { return actionCommand(ctx, a, args); }});
    }
    app.addCommand({QStringLiteral("exec"), QStringLiteral("HOST REF [-- CMD...]"),
                    QStringLiteral("run a shell or CMD in a container (interactive on a terminal)"), execCommand});
    app.addCommand({QStringLiteral("stats"), QStringLiteral("HOST [REF]"),
                    QStringLiteral("one resource-usage snapshot"), statsCommand});
}

} // namespace archnest::cli
