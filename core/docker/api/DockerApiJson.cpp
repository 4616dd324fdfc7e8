#include "docker/api/DockerApiJson.h"

#include "docker/InspectJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace archnest::dockerapi {

namespace {

using dockerjson::stringList;
using dockerjson::stringMap;

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

} // namespace

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
    return dockerjson::containerDetailFromInspect(o, hostName);
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
    // Docker says "id", Podman's compatible API "Id".
    s.containerId = o.value(QLatin1String("id")).toString();
    if (s.containerId.isEmpty())
        s.containerId = o.value(QLatin1String("Id")).toString();
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
