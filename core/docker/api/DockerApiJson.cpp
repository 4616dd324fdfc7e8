#include "docker/api/DockerApiJson.h"

#include "security/EnvMasking.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

namespace archnest::dockerapi {

namespace {

QStringList stringList(const QJsonValue &v)
{
    QStringList out;
    if (v.isString())
        out << v.toString();
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

Result<QJsonDocument> parseDoc(const QByteArray &json, const char *what)
{
    QJsonParseError err{};
    QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError)
        return makeError(QStringLiteral("The daemon's %1 answer is not valid JSON (%2 at byte %3).")
                             .arg(QString::fromLatin1(what), err.errorString())
                             .arg(err.offset),
                         QStringLiteral("bad-json"));
    return doc;
}

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

} // namespace

QDateTime parseDockerTime(const QString &text)
{
    if (text.isEmpty() || text.startsWith(QLatin1String("0001-01-01")))
        return {};
    // Qt parses at most milliseconds: cut the fraction to three digits.
    static const QRegularExpression frac(QStringLiteral("\\.(\\d{1,3})\\d*"));
    QString t = text;
    t.replace(frac, QStringLiteral(".\\1"));
    QDateTime dt = QDateTime::fromString(t, Qt::ISODateWithMs);
    return dt.isValid() ? dt.toUTC() : dt;
}

Result<QList<ContainerSummary>> parseContainerList(const QByteArray &json, const QString &hostName)
{
    auto doc = parseDoc(json, "container list");
    if (!doc.ok())
        return doc.error();
    if (!doc->isArray())
        return makeError(QStringLiteral("The daemon's container list is not a JSON array."),
                         QStringLiteral("bad-json"));
    QList<ContainerSummary> out;
    const QJsonArray arr = doc->array();
    out.reserve(arr.size());
    for (const QJsonValue &v : arr) {
        const QJsonObject o = v.toObject();
        ContainerSummary s;
        s.hostName = hostName;
        s.id = o.value(QLatin1String("Id")).toString();
        const QStringList names = stringList(o.value(QLatin1String("Names")));
        s.name = names.isEmpty() ? QString() : names.first();
        if (s.name.startsWith(QLatin1Char('/')))
            s.name.remove(0, 1);
        s.image = o.value(QLatin1String("Image")).toString();
        s.command = o.value(QLatin1String("Command")).toString();
        s.state = containerStateFromName(o.value(QLatin1String("State")).toString());
        s.status = o.value(QLatin1String("Status")).toString();
        s.created = QDateTime::fromSecsSinceEpoch(o.value(QLatin1String("Created")).toInteger(), Qt::UTC);
        for (const QJsonValue &pv : o.value(QLatin1String("Ports")).toArray()) {
            const QJsonObject p = pv.toObject();
            PortMapping m;
            m.hostIp = p.value(QLatin1String("IP")).toString();
            m.hostPort = p.value(QLatin1String("PublicPort")).toInt();
            m.containerPort = p.value(QLatin1String("PrivatePort")).toInt();
            m.protocol = p.value(QLatin1String("Type")).toString(QStringLiteral("tcp"));
            s.ports << m;
        }
        s.labels = stringMap(o.value(QLatin1String("Labels")));
        out << s;
    }
    return out;
}

Result<ContainerDetail> parseContainerInspect(const QByteArray &json, const QString &hostName)
{
    auto doc = parseDoc(json, "inspect");
    if (!doc.ok())
        return doc.error();
    const QJsonObject o = doc->object();
    if (o.isEmpty())
        return makeError(QStringLiteral("The daemon's inspect answer is not a JSON object."),
                         QStringLiteral("bad-json"));
    const QJsonObject config = o.value(QLatin1String("Config")).toObject();
    const QJsonObject state = o.value(QLatin1String("State")).toObject();
    const QJsonObject hostConfig = o.value(QLatin1String("HostConfig")).toObject();
    const QJsonObject net = o.value(QLatin1String("NetworkSettings")).toObject();

    ContainerDetail d;
    ContainerSummary &s = d.summary;
    s.hostName = hostName;
    s.id = o.value(QLatin1String("Id")).toString();
    s.name = o.value(QLatin1String("Name")).toString();
    if (s.name.startsWith(QLatin1Char('/')))
        s.name.remove(0, 1);
    s.image = config.value(QLatin1String("Image")).toString();
    const QString path = o.value(QLatin1String("Path")).toString();
    const QStringList args = stringList(o.value(QLatin1String("Args")));
    s.command = (QStringList{path} + args).join(QLatin1Char(' ')).trimmed();
    const QString stateName = state.value(QLatin1String("Status")).toString();
    s.state = containerStateFromName(stateName);
    s.created = parseDockerTime(o.value(QLatin1String("Created")).toString());
    s.labels = stringMap(config.value(QLatin1String("Labels")));

    // Ports: published bindings from NetworkSettings.Ports, exposed-only ports too.
    const QJsonObject ports = net.value(QLatin1String("Ports")).toObject();
    QStringList portKeys = ports.keys();
    for (const QString &k : config.value(QLatin1String("ExposedPorts")).toObject().keys())
        if (!portKeys.contains(k))
            portKeys << k;
    portKeys.sort();
    for (const QString &k : portKeys) {
        const QStringList pp = k.split(QLatin1Char('/'));
        PortMapping base;
        base.containerPort = pp.value(0).toInt();
        base.protocol = pp.value(1, QStringLiteral("tcp"));
        const QJsonArray bindings = ports.value(k).toArray();
        if (bindings.isEmpty()) {
            s.ports << base;
            continue;
        }
        for (const QJsonValue &b : bindings) {
            PortMapping m = base;
            m.hostIp = b.toObject().value(QLatin1String("HostIp")).toString();
            m.hostPort = b.toObject().value(QLatin1String("HostPort")).toString().toInt();
            s.ports << m;
        }
    }

    d.imageId = o.value(QLatin1String("Image")).toString();
    d.platform = o.value(QLatin1String("Platform")).toString();
    d.hostname = config.value(QLatin1String("Hostname")).toString();
    d.workingDir = config.value(QLatin1String("WorkingDir")).toString();
    d.user = config.value(QLatin1String("User")).toString();
    d.entrypoint = stringList(config.value(QLatin1String("Entrypoint")));
    d.cmd = stringList(config.value(QLatin1String("Cmd")));
    const QJsonObject policy = hostConfig.value(QLatin1String("RestartPolicy")).toObject();
    d.restartPolicy = policy.value(QLatin1String("Name")).toString();
    if (d.restartPolicy == QLatin1String("on-failure") && policy.value(QLatin1String("MaximumRetryCount")).toInt() > 0)
        d.restartPolicy += QLatin1Char(':') + QString::number(policy.value(QLatin1String("MaximumRetryCount")).toInt());
    if (d.restartPolicy.isEmpty())
        d.restartPolicy = QStringLiteral("no");

    const QJsonObject health = state.value(QLatin1String("Health")).toObject();
    d.health.status = health.value(QLatin1String("Status")).toString();
    d.health.failingStreak = health.value(QLatin1String("FailingStreak")).toInt();
    const QJsonArray hlog = health.value(QLatin1String("Log")).toArray();
    if (!hlog.isEmpty())
        d.health.lastOutput = hlog.last().toObject().value(QLatin1String("Output")).toString();
    d.restartCount = o.value(QLatin1String("RestartCount")).toInt();
    if (state.contains(QLatin1String("ExitCode")))
        d.exitCode = state.value(QLatin1String("ExitCode")).toInt();
    d.error = state.value(QLatin1String("Error")).toString();
    d.pid = state.value(QLatin1String("Pid")).toInt();
    d.startedAt = parseDockerTime(state.value(QLatin1String("StartedAt")).toString());
    d.finishedAt = parseDockerTime(state.value(QLatin1String("FinishedAt")).toString());
    d.oomKilled = state.value(QLatin1String("OOMKilled")).toBool();

    const QJsonObject networks = net.value(QLatin1String("Networks")).toObject();
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
    for (const QJsonValue &mv : o.value(QLatin1String("Mounts")).toArray()) {
        const QJsonObject m = mv.toObject();
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
    d.tty = config.value(QLatin1String("Tty")).toBool();
    s.status = humanStatus(d, stateName);
    d.unknownFields << QStringLiteral("stats"); // fetched separately (stats())
    return d;
}

Result<QString> envValueFromInspect(const QByteArray &json, const QString &key)
{
    auto doc = parseDoc(json, "inspect");
    if (!doc.ok())
        return doc.error();
    const QString prefix = key + QLatin1Char('=');
    for (const QString &kv :
         stringList(doc->object().value(QLatin1String("Config")).toObject().value(QLatin1String("Env"))))
        if (kv.startsWith(prefix))
            return kv.mid(prefix.size());
    return makeError(QStringLiteral("The container has no environment variable %1.").arg(key),
                     QStringLiteral("no-such-env"));
}

Result<StatsSample> parseStats(const QByteArray &json)
{
    auto doc = parseDoc(json, "stats");
    if (!doc.ok())
        return doc.error();
    const QJsonObject o = doc->object();
    StatsSample s;
    s.containerId = o.value(QLatin1String("id")).toString();
    s.takenAt = parseDockerTime(o.value(QLatin1String("read")).toString());
    if (!s.takenAt.isValid())
        s.takenAt = QDateTime::currentDateTimeUtc();

    const QJsonObject cpu = o.value(QLatin1String("cpu_stats")).toObject();
    const QJsonObject pre = o.value(QLatin1String("precpu_stats")).toObject();
    const double total =
        cpu.value(QLatin1String("cpu_usage")).toObject().value(QLatin1String("total_usage")).toDouble();
    const double preTotal =
        pre.value(QLatin1String("cpu_usage")).toObject().value(QLatin1String("total_usage")).toDouble();
    const double system = cpu.value(QLatin1String("system_cpu_usage")).toDouble();
    const double preSystem = pre.value(QLatin1String("system_cpu_usage")).toDouble();
    int cpus = cpu.value(QLatin1String("online_cpus")).toInt();
    if (cpus <= 0)
        cpus =
            int(cpu.value(QLatin1String("cpu_usage")).toObject().value(QLatin1String("percpu_usage")).toArray().size());
    if (preSystem > 0 && system > preSystem && cpus > 0) {
        const double cpuDelta = total - preTotal;
        s.cpuPercent = cpuDelta > 0 ? cpuDelta / (system - preSystem) * cpus * 100.0 : 0.0;
    }

    const QJsonObject mem = o.value(QLatin1String("memory_stats")).toObject();
    if (mem.contains(QLatin1String("usage"))) {
        const QJsonObject ms = mem.value(QLatin1String("stats")).toObject();
        qint64 used = mem.value(QLatin1String("usage")).toInteger();
        // As the docker CLI: page cache is not "used" (cgroup v2: inactive_file, v1: cache).
        if (ms.contains(QLatin1String("inactive_file")))
            used -= ms.value(QLatin1String("inactive_file")).toInteger();
        else if (ms.contains(QLatin1String("cache")))
            used -= ms.value(QLatin1String("cache")).toInteger();
        s.memoryBytes = qMax<qint64>(0, used);
        const qint64 limit = mem.value(QLatin1String("limit")).toInteger();
        if (limit > 0) {
            s.memoryLimitBytes = limit;
            s.memoryPercent = double(*s.memoryBytes) / double(limit) * 100.0;
        }
    }
    if (o.contains(QLatin1String("networks"))) {
        qint64 rx = 0;
        qint64 tx = 0;
        const QJsonObject nets = o.value(QLatin1String("networks")).toObject();
        for (auto it = nets.begin(); it != nets.end(); ++it) {
            rx += it.value().toObject().value(QLatin1String("rx_bytes")).toInteger();
            tx += it.value().toObject().value(QLatin1String("tx_bytes")).toInteger();
        }
        s.networkRxBytes = rx;
        s.networkTxBytes = tx;
    }
    const QJsonObject blkio = o.value(QLatin1String("blkio_stats")).toObject();
    if (blkio.contains(QLatin1String("io_service_bytes_recursive"))) {
        qint64 rd = 0;
        qint64 wr = 0;
        for (const QJsonValue &e : blkio.value(QLatin1String("io_service_bytes_recursive")).toArray()) {
            const QString op = e.toObject().value(QLatin1String("op")).toString().toLower();
            if (op == QLatin1String("read"))
                rd += e.toObject().value(QLatin1String("value")).toInteger();
            else if (op == QLatin1String("write"))
                wr += e.toObject().value(QLatin1String("value")).toInteger();
        }
        s.blockReadBytes = rd;
        s.blockWriteBytes = wr;
    }
    const QJsonObject pids = o.value(QLatin1String("pids_stats")).toObject();
    if (pids.contains(QLatin1String("current")))
        s.pids = pids.value(QLatin1String("current")).toInt();
    return s;
}

} // namespace archnest::dockerapi
