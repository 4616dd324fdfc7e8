#include "docker/InspectJson.h"

#include "security/EnvMasking.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace archnest::dockerjson {

namespace {

// Docker ps's words for the status column, without the durations.
QString humanStatus(const ContainerDetail &d, const QString &stateName)
{
    switch (d.summary.state) {
    case ContainerState::Running:
        return d.health.status.isEmpty() || d.health.status == QLatin1String("none")
                   ? QStringLiteral("Up")
                   : QStringLiteral("Up (%1)").arg(d.health.status);
    case ContainerState::Paused:
        return QStringLiteral("Up (Paused)");
    case ContainerState::Exited:
        return QStringLiteral("Exited (%1)").arg(d.exitCode.value_or(0));
    default:
        return stateName.isEmpty() ? QString() : stateName.at(0).toUpper() + stateName.mid(1);
    }
}

// Published bindings from NetworkSettings.Ports and exposed-only ports, in key order.
QList<PortMapping> portsFromInspect(const QJsonObject &config, const QJsonObject &netSettings)
{
    QList<PortMapping> out;
    const QJsonObject ports = netSettings.value(QLatin1String("Ports")).toObject();
    QStringList keys = ports.keys(); // "80/tcp"
    for (const QString &k : config.value(QLatin1String("ExposedPorts")).toObject().keys())
        if (!keys.contains(k))
            keys << k;
    keys.sort();
    for (const QString &k : keys) {
        PortMapping base;
        base.containerPort = k.section(QLatin1Char('/'), 0, 0).toInt();
        base.protocol = k.section(QLatin1Char('/'), 1, 1);
        if (base.protocol.isEmpty())
            base.protocol = QStringLiteral("tcp");
        const QJsonArray bindings = ports.value(k).toArray();
        if (bindings.isEmpty()) {
            out << base;
            continue;
        }
        for (const QJsonValue &b : bindings) {
            PortMapping m = base;
            m.hostIp = b.toObject().value(QLatin1String("HostIp")).toString();
            m.hostPort = b.toObject().value(QLatin1String("HostPort")).toString().toInt();
            out << m;
        }
    }
    return out;
}

} // namespace

QStringList stringList(const QJsonValue &v)
{
    if (v.isString())
        return {v.toString()};
    QStringList out;
    for (const QJsonValue &e : v.toArray())
        out << e.toString();
    return out;
}

QMap<QString, QString> stringMap(const QJsonValue &v)
{
    QMap<QString, QString> out;
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        out.insert(it.key(), it.value().toString());
    return out;
}

QDateTime parseDockerTime(const QString &text)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return {};
    QDateTime dt;
    // ps: "2026-11-27 02:00:00 +0000 UTC"
    static const QRegularExpression ps(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2}) (\\d{2}:\\d{2}:\\d{2})(?:\\.\\d+)? ([+-])(\\d{2})(\\d{2})(?: \\S+)?$"));
    // RFC 3339 with up to nanoseconds: keep milliseconds, which Qt parses.
    static const QRegularExpression rfc(
        QStringLiteral("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})(?:\\.(\\d+))?(Z|[+-]\\d{2}:\\d{2})$"));
    if (const auto m = ps.match(t); m.hasMatch()) {
        dt = QDateTime::fromString(m.captured(1) + QLatin1Char('T') + m.captured(2), Qt::ISODate);
        if (!dt.isValid())
            return {};
        const int offset = (m.captured(4).toInt() * 3600 + m.captured(5).toInt() * 60) *
                           (m.captured(3) == QLatin1String("-") ? -1 : 1);
        dt.setOffsetFromUtc(offset);
    } else if (const auto r = rfc.match(t); r.hasMatch()) {
        QString norm = r.captured(1);
        if (!r.captured(2).isEmpty())
            norm += QLatin1Char('.') + r.captured(2).left(3).leftJustified(3, QLatin1Char('0'));
        norm += r.captured(3);
        dt = QDateTime::fromString(norm, Qt::ISODateWithMs);
    }
    // Docker's zero time (0001-01-01, whatever the offset) means "never".
    if (!dt.isValid() || dt.toUTC().date().year() <= 1)
        return {};
    return dt.toUTC();
}

ContainerDetail containerDetailFromInspect(const QJsonObject &o, const QString &hostName)
{
    const QJsonObject config = o.value(QLatin1String("Config")).toObject();
    const QJsonObject state = o.value(QLatin1String("State")).toObject();
    const QJsonObject hostConfig = o.value(QLatin1String("HostConfig")).toObject();
    const QJsonObject netSettings = o.value(QLatin1String("NetworkSettings")).toObject();

    ContainerDetail d;
    ContainerSummary &s = d.summary;
    s.hostName = hostName;
    s.id = o.value(QLatin1String("Id")).toString();
    s.name = o.value(QLatin1String("Name")).toString();
    if (s.name.startsWith(QLatin1Char('/')))
        s.name.remove(0, 1);
    s.image = config.value(QLatin1String("Image")).toString();
    QStringList command;
    if (const QString path = o.value(QLatin1String("Path")).toString(); !path.isEmpty())
        command << path;
    command << stringList(o.value(QLatin1String("Args")));
    s.command = command.join(QLatin1Char(' '));
    const QString stateName = state.value(QLatin1String("Status")).toString();
    s.state = containerStateFromName(stateName);
    s.created = parseDockerTime(o.value(QLatin1String("Created")).toString());
    s.labels = stringMap(config.value(QLatin1String("Labels")));
    s.ports = portsFromInspect(config, netSettings);

    d.imageId = o.value(QLatin1String("Image")).toString();
    d.platform = o.value(QLatin1String("Platform")).toString();
    d.hostname = config.value(QLatin1String("Hostname")).toString();
    d.workingDir = config.value(QLatin1String("WorkingDir")).toString();
    d.user = config.value(QLatin1String("User")).toString();
    d.entrypoint = stringList(config.value(QLatin1String("Entrypoint")));
    d.cmd = stringList(config.value(QLatin1String("Cmd")));
    d.tty = config.value(QLatin1String("Tty")).toBool();
    // As `docker inspect -f '{{.HostConfig.RestartPolicy}}'` reads: "on-failure:5", "no" when unset.
    const QJsonObject policy = hostConfig.value(QLatin1String("RestartPolicy")).toObject();
    const int maxRetries = policy.value(QLatin1String("MaximumRetryCount")).toInt();
    d.restartPolicy = policy.value(QLatin1String("Name")).toString();
    if (d.restartPolicy == QLatin1String("on-failure") && maxRetries > 0)
        d.restartPolicy += QLatin1Char(':') + QString::number(maxRetries);
    if (d.restartPolicy.isEmpty())
        d.restartPolicy = QStringLiteral("no");

    const QJsonObject health = state.value(QLatin1String("Health")).toObject();
    d.health.status = health.value(QLatin1String("Status")).toString();
    d.health.failingStreak = health.value(QLatin1String("FailingStreak")).toInt();
    const QJsonArray healthLog = health.value(QLatin1String("Log")).toArray();
    if (!healthLog.isEmpty())
        d.health.lastOutput = healthLog.last().toObject().value(QLatin1String("Output")).toString();
    d.restartCount = o.value(QLatin1String("RestartCount")).toInt();
    // A running container reports ExitCode 0: it is no exit code.
    const bool hasExitCode = state.contains(QLatin1String("ExitCode"));
    const int exitCode = state.value(QLatin1String("ExitCode")).toInt();
    if (hasExitCode && (s.state == ContainerState::Exited || s.state == ContainerState::Dead ||
                        (s.state == ContainerState::Created && exitCode != 0)))
        d.exitCode = exitCode;
    d.error = state.value(QLatin1String("Error")).toString();
    d.pid = state.value(QLatin1String("Pid")).toInt();
    d.startedAt = parseDockerTime(state.value(QLatin1String("StartedAt")).toString());
    d.finishedAt = parseDockerTime(state.value(QLatin1String("FinishedAt")).toString());
    d.oomKilled = state.value(QLatin1String("OOMKilled")).toBool();
    s.status = humanStatus(d, stateName);

    const QJsonObject networks = netSettings.value(QLatin1String("Networks")).toObject();
    for (auto it = networks.begin(); it != networks.end(); ++it) {
        const QJsonObject n = it.value().toObject();
        NetworkAttachment a;
        a.name = it.key();
        a.ipAddress = n.value(QLatin1String("IPAddress")).toString();
        a.gateway = n.value(QLatin1String("Gateway")).toString();
        a.macAddress = n.value(QLatin1String("MacAddress")).toString();
        a.aliases = stringList(n.value(QLatin1String("Aliases")));
        d.networks << a;
    }
    for (const QJsonValue &v : o.value(QLatin1String("Mounts")).toArray()) {
        const QJsonObject m = v.toObject();
        MountPoint mp;
        mp.type = m.value(QLatin1String("Type")).toString();
        mp.source = m.value(QLatin1String("Source")).toString();
        mp.destination = m.value(QLatin1String("Destination")).toString();
        mp.name = m.value(QLatin1String("Name")).toString();
        mp.mode = m.value(QLatin1String("Mode")).toString();
        mp.readWrite = m.value(QLatin1String("RW")).toBool(true);
        d.mounts << mp;
    }

    d.env = security::maskedEnv(stringList(config.value(QLatin1String("Env"))));
    d.unknownFields << QStringLiteral("stats"); // a separate call (stats) fills it
    return d;
}

} // namespace archnest::dockerjson
