#include "ContainerJson.h"

namespace archnest::cli {

namespace {

QJsonValue timeValue(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(t.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonObject mapToJson(const QMap<QString, QString> &m)
{
    QJsonObject o;
    for (auto it = m.begin(); it != m.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

template<typename T>
QJsonValue optional(const std::optional<T> &v)
{
    return v ? QJsonValue(double(*v)) : QJsonValue();
}

} // namespace

QJsonObject summaryToJson(const ContainerSummary &s)
{
    QJsonArray ports;
    for (const PortMapping &p : s.ports) {
        QJsonObject o{{QStringLiteral("containerPort"), p.containerPort}, {QStringLiteral("protocol"), p.protocol}};
        if (p.hostPort > 0) {
            o.insert(QStringLiteral("hostIp"), p.hostIp);
            o.insert(QStringLiteral("hostPort"), p.hostPort);
        }
        ports.append(o);
    }
    QJsonObject o{{QStringLiteral("host"), s.hostName},   {QStringLiteral("id"), s.id},
                  {QStringLiteral("name"), s.name},       {QStringLiteral("image"), s.image},
                  {QStringLiteral("command"), s.command}, {QStringLiteral("state"), containerStateName(s.state)},
                  {QStringLiteral("status"), s.status},   {QStringLiteral("created"), timeValue(s.created)},
                  {QStringLiteral("ports"), ports},       {QStringLiteral("labels"), mapToJson(s.labels)}};
    if (s.stats)
        o.insert(QStringLiteral("stats"), statsToJson(*s.stats));
    return o;
}

QJsonObject detailToJson(const ContainerDetail &d)
{
    QJsonObject o = summaryToJson(d.summary);
    o.insert(QStringLiteral("imageId"), d.imageId);
    o.insert(QStringLiteral("platform"), d.platform);
    o.insert(QStringLiteral("hostname"), d.hostname);
    o.insert(QStringLiteral("workingDir"), d.workingDir);
    o.insert(QStringLiteral("user"), d.user);
    o.insert(QStringLiteral("entrypoint"), QJsonArray::fromStringList(d.entrypoint));
    o.insert(QStringLiteral("cmd"), QJsonArray::fromStringList(d.cmd));
    o.insert(QStringLiteral("restartPolicy"), d.restartPolicy);
    o.insert(QStringLiteral("health"), QJsonObject{{QStringLiteral("status"), d.health.status},
                                                   {QStringLiteral("failingStreak"), d.health.failingStreak},
                                                   {QStringLiteral("lastOutput"), d.health.lastOutput}});
    o.insert(QStringLiteral("restartCount"), d.restartCount);
    o.insert(QStringLiteral("exitCode"), d.exitCode ? QJsonValue(*d.exitCode) : QJsonValue());
    o.insert(QStringLiteral("error"), d.error);
    o.insert(QStringLiteral("pid"), d.pid);
    o.insert(QStringLiteral("startedAt"), timeValue(d.startedAt));
    o.insert(QStringLiteral("finishedAt"), timeValue(d.finishedAt));
    o.insert(QStringLiteral("oomKilled"), d.oomKilled);
    o.insert(QStringLiteral("tty"), d.tty);
    QJsonArray networks;
    for (const NetworkAttachment &n : d.networks)
        networks.append(QJsonObject{{QStringLiteral("name"), n.name},
                                    {QStringLiteral("ipAddress"), n.ipAddress},
                                    {QStringLiteral("gateway"), n.gateway},
                                    {QStringLiteral("macAddress"), n.macAddress},
                                    {QStringLiteral("aliases"), QJsonArray::fromStringList(n.aliases)}});
    o.insert(QStringLiteral("networks"), networks);
    QJsonArray mounts;
    for (const MountPoint &m : d.mounts)
        mounts.append(QJsonObject{{QStringLiteral("type"), m.type},
                                  {QStringLiteral("source"), m.source},
                                  {QStringLiteral("destination"), m.destination},
                                  {QStringLiteral("name"), m.name},
                                  {QStringLiteral("mode"), m.mode},
                                  {QStringLiteral("readWrite"), m.readWrite}});
    o.insert(QStringLiteral("mounts"), mounts);
    QJsonArray env;
    for (const EnvVar &e : d.env)
        env.append(QJsonObject{
            {QStringLiteral("key"), e.key}, {QStringLiteral("value"), e.value}, {QStringLiteral("masked"), e.masked}});
    o.insert(QStringLiteral("env"), env);
    o.insert(QStringLiteral("unknownFields"), QJsonArray::fromStringList(d.unknownFields));
    return o;
}

QJsonObject statsToJson(const StatsSample &s)
{
    return QJsonObject{{QStringLiteral("containerId"), s.containerId},
                       {QStringLiteral("takenAt"), timeValue(s.takenAt)},
                       {QStringLiteral("cpuPercent"), optional(s.cpuPercent)},
                       {QStringLiteral("memoryBytes"), optional(s.memoryBytes)},
                       {QStringLiteral("memoryLimitBytes"), optional(s.memoryLimitBytes)},
                       {QStringLiteral("memoryPercent"), optional(s.memoryPercent)},
                       {QStringLiteral("networkRxBytes"), optional(s.networkRxBytes)},
                       {QStringLiteral("networkTxBytes"), optional(s.networkTxBytes)},
                       {QStringLiteral("blockReadBytes"), optional(s.blockReadBytes)},
                       {QStringLiteral("blockWriteBytes"), optional(s.blockWriteBytes)},
                       {QStringLiteral("pids"), optional(s.pids)}};
}

} // namespace archnest::cli
