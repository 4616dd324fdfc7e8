#include "docker/agent/AgentReport.h"

#include "security/ControlChars.h"
#include "security/EnvMasking.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <cmath>

namespace archnest::agent {

namespace {

// Collects the first validation failure; every getter returns a default after it.
class Checker final
{
public:
    bool failed() const { return !m_field.isEmpty(); }
    Error error() const { return makeError(m_message, m_field); }

    void fail(const QString &field, const QString &what)
    {
        if (!failed()) {
            m_field = field;
            m_message = QStringLiteral("report field %1 %2").arg(field, what);
        }
    }

    QString string(const QJsonObject &o, const QString &key, const QString &path, bool required = false)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(join(path, key), QStringLiteral("is missing"));
            return {};
        }
        if (!v.isString()) {
            fail(join(path, key), QStringLiteral("must be a string"));
            return {};
        }
        QString s = v.toString();
        if (s.size() > kMaxValueLength) { // sanitizeReport cut it already; kept as a guard
            fail(join(path, key), QStringLiteral("is longer than %1 characters").arg(kMaxValueLength));
            return {};
        }
        if (required && s.isEmpty())
            fail(join(path, key), QStringLiteral("must not be empty"));
        return s;
    }

    std::optional<qint64> integer(const QJsonObject &o, const QString &key, const QString &path, bool required = false,
                                  qint64 min = 0, qint64 max = kMaxReportInteger)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(join(path, key), QStringLiteral("is missing"));
            return std::nullopt;
        }
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || !std::isfinite(d) || d != std::floor(d) || d < double(min) || d > double(max)) {
            fail(join(path, key), QStringLiteral("must be a whole number in [%1, %2]").arg(min).arg(max));
            return std::nullopt;
        }
        return qint64(d);
    }

    std::optional<double> number(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        const double d = v.toDouble(std::nan(""));
        if (!v.isDouble() || !std::isfinite(d)) {
            fail(join(path, key), QStringLiteral("must be a number"));
            return std::nullopt;
        }
        return d;
    }

    bool boolean(const QJsonObject &o, const QString &key, const QString &path, bool fallback = false)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isBool()) {
            fail(join(path, key), QStringLiteral("must be true or false"));
            return fallback;
        }
        return v.toBool();
    }

    QJsonArray array(const QJsonObject &o, const QString &key, const QString &path, bool required = false)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(join(path, key), QStringLiteral("is missing"));
            return {};
        }
        if (!v.isArray()) {
            fail(join(path, key), QStringLiteral("must be an array"));
            return {};
        }
        return v.toArray();
    }

    std::optional<QJsonObject> object(const QJsonValue &v, const QString &field)
    {
        if (v.isUndefined() || v.isNull())
            return std::nullopt;
        if (!v.isObject()) {
            fail(field, QStringLiteral("must be an object"));
            return std::nullopt;
        }
        return v.toObject();
    }

    QStringList strings(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QJsonArray a = array(o, key, path);
        QStringList out;
        for (qsizetype i = 0; i < a.size() && !failed(); ++i) {
            const auto field = [&] { return QStringLiteral("%1[%2]").arg(join(path, key)).arg(i); };
            if (!a.at(i).isString())
                fail(field(), QStringLiteral("must be a string"));
            else if (a.at(i).toString().size() > kMaxValueLength)
                fail(field(), QStringLiteral("is too long"));
            else
                out.append(a.at(i).toString());
        }
        return out;
    }

    // A name that is shown and matched as-is: no control characters (a terminal would run them).
    QString identifier(const QJsonObject &o, const QString &key, const QString &path, bool required = false)
    {
        QString s = string(o, key, path, required);
        checkIdentifier(s, join(path, key));
        return s;
    }

    void checkIdentifier(const QString &s, const QString &field)
    {
        for (const QChar ch : s) {
            if (security::isControlChar(ch)) {
                const QString code = QStringLiteral("%1").arg(int(ch.unicode()), 4, 16, QLatin1Char('0')).toUpper();
                fail(field, QStringLiteral("holds the control character U+%1; names and identifiers may not "
                                           "(fix the name on the Docker host)")
                                .arg(code));
                return;
            }
        }
    }

    QDateTime time(const QJsonObject &o, const QString &key, const QString &path)
    {
        const QString s = string(o, key, path);
        if (s.isEmpty() || failed())
            return {};
        QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
        if (!t.isValid())
            fail(join(path, key), QStringLiteral("must be an ISO 8601 time"));
        return t;
    }

    static QString join(const QString &path, const QString &key)
    {
        return path.isEmpty() ? key : path + QLatin1Char('.') + key;
    }

private:
    QString m_field;
    QString m_message;
};

const QRegularExpression &hostIdPattern()
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._-]{1,128}$"));
    return re;
}

const QRegularExpression &refPattern()
{
    // Docker names: [a-zA-Z0-9][a-zA-Z0-9_.-]+; ids are hex.
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$"));
    return re;
}

const QRegularExpression &idPattern()
{
    static const QRegularExpression re(QStringLiteral("^[0-9a-f]{12,64}$"));
    return re;
}

void parseContainer(Checker &c, const QJsonObject &o, const QString &p, ContainerDetail &d)
{
    ContainerSummary &s = d.summary;
    s.id = c.string(o, QStringLiteral("id"), p, true);
    if (!c.failed() && !idPattern().match(s.id).hasMatch())
        c.fail(Checker::join(p, QStringLiteral("id")), QStringLiteral("must be 12-64 lowercase hex digits"));
    s.name = c.string(o, QStringLiteral("name"), p, true);
    if (!c.failed() && !refPattern().match(s.name).hasMatch())
        c.fail(Checker::join(p, QStringLiteral("name")), QStringLiteral("is not a valid container name"));
    const QString state = c.string(o, QStringLiteral("state"), p, true);
    s.state = containerStateFromName(state);
    if (!c.failed() && s.state == ContainerState::Unknown && state != QLatin1String("unknown"))
        c.fail(Checker::join(p, QStringLiteral("state")),
               QStringLiteral("is not a docker state ('%1')").arg(state.left(40)));
    s.image = c.identifier(o, QStringLiteral("image"), p);
    s.command = c.string(o, QStringLiteral("command"), p);
    s.status = c.string(o, QStringLiteral("status"), p);
    s.created = c.time(o, QStringLiteral("created"), p);
    d.imageId = c.identifier(o, QStringLiteral("imageId"), p);
    d.platform = c.string(o, QStringLiteral("platform"), p);
    d.hostname = c.string(o, QStringLiteral("hostname"), p);
    d.workingDir = c.string(o, QStringLiteral("workingDir"), p);
    d.user = c.string(o, QStringLiteral("user"), p);
    d.restartPolicy = c.string(o, QStringLiteral("restartPolicy"), p);
    d.error = c.string(o, QStringLiteral("error"), p);
    d.entrypoint = c.strings(o, QStringLiteral("entrypoint"), p);
    d.cmd = c.strings(o, QStringLiteral("cmd"), p);
    d.startedAt = c.time(o, QStringLiteral("startedAt"), p);
    d.finishedAt = c.time(o, QStringLiteral("finishedAt"), p);
    d.restartCount = int(c.integer(o, QStringLiteral("restartCount"), p, false, 0, INT_MAX).value_or(0));
    if (auto e = c.integer(o, QStringLiteral("exitCode"), p, false, INT_MIN, INT_MAX))
        d.exitCode = int(*e);
    d.pid = int(c.integer(o, QStringLiteral("pid"), p, false, 0, INT_MAX).value_or(0));
    d.oomKilled = c.boolean(o, QStringLiteral("oomKilled"), p);
    d.tty = c.boolean(o, QStringLiteral("tty"), p);
    if (auto h = c.object(o.value(QStringLiteral("health")), Checker::join(p, QStringLiteral("health")))) {
        const QString hp = Checker::join(p, QStringLiteral("health"));
        d.health.status = c.string(*h, QStringLiteral("status"), hp);
        d.health.failingStreak = int(c.integer(*h, QStringLiteral("failingStreak"), hp, false, 0, INT_MAX).value_or(0));
    }

    const QJsonArray ports = c.array(o, QStringLiteral("ports"), p);
    for (qsizetype i = 0; i < ports.size() && !c.failed(); ++i) {
        const QString pp = QStringLiteral("%1.ports[%2]").arg(p).arg(i);
        auto po = c.object(ports.at(i), pp);
        if (!po) {
            c.fail(pp, QStringLiteral("must be an object"));
            break;
        }
        PortMapping m;
        m.hostIp = c.string(*po, QStringLiteral("hostIp"), pp);
        m.hostPort = int(c.integer(*po, QStringLiteral("hostPort"), pp, false, 0, 65535).value_or(0));
        m.containerPort = int(c.integer(*po, QStringLiteral("containerPort"), pp, true, 0, 65535).value_or(0));
        const QString proto = c.string(*po, QStringLiteral("protocol"), pp);
        if (!proto.isEmpty())
            m.protocol = proto;
        s.ports.append(m);
    }

    const QJsonArray networks = c.array(o, QStringLiteral("networks"), p);
    for (qsizetype i = 0; i < networks.size() && !c.failed(); ++i) {
        const QString np = QStringLiteral("%1.networks[%2]").arg(p).arg(i);
        auto no = c.object(networks.at(i), np);
        if (!no) {
            c.fail(np, QStringLiteral("must be an object"));
            break;
        }
        NetworkAttachment n;
        n.name = c.identifier(*no, QStringLiteral("name"), np, true);
        n.ipAddress = c.string(*no, QStringLiteral("ipAddress"), np);
        n.gateway = c.string(*no, QStringLiteral("gateway"), np);
        n.macAddress = c.string(*no, QStringLiteral("macAddress"), np);
        n.aliases = c.strings(*no, QStringLiteral("aliases"), np);
        d.networks.append(n);
    }

    const QJsonArray mounts = c.array(o, QStringLiteral("mounts"), p);
    for (qsizetype i = 0; i < mounts.size() && !c.failed(); ++i) {
        const QString mp = QStringLiteral("%1.mounts[%2]").arg(p).arg(i);
        auto mo = c.object(mounts.at(i), mp);
        if (!mo) {
            c.fail(mp, QStringLiteral("must be an object"));
            break;
        }
        MountPoint m;
        m.type = c.string(*mo, QStringLiteral("type"), mp);
        m.source = c.string(*mo, QStringLiteral("source"), mp);
        m.destination = c.string(*mo, QStringLiteral("destination"), mp, true);
        m.name = c.string(*mo, QStringLiteral("name"), mp);
        m.mode = c.string(*mo, QStringLiteral("mode"), mp);
        m.readWrite = c.boolean(*mo, QStringLiteral("readWrite"), mp, true);
        d.mounts.append(m);
    }

    if (auto labels = c.object(o.value(QStringLiteral("labels")), Checker::join(p, QStringLiteral("labels")))) {
        for (auto it = labels->begin(); it != labels->end() && !c.failed(); ++it) {
            const QString field =
                QStringLiteral("%1.labels.%2").arg(p, security::escapeControlChars(it.key().left(80)));
            if (!it.value().isString())
                c.fail(field, QStringLiteral("must be a string"));
            else
                c.checkIdentifier(it.key(), field);
            if (!c.failed())
                s.labels.insert(it.key(), it.value().toString());
        }
    }

    const QJsonArray env = c.array(o, QStringLiteral("env"), p);
    for (qsizetype i = 0; i < env.size() && !c.failed(); ++i) {
        const QString ep = QStringLiteral("%1.env[%2]").arg(p).arg(i);
        auto eo = c.object(env.at(i), ep);
        if (!eo) {
            c.fail(ep, QStringLiteral("must be an object"));
            break;
        }
        EnvVar v;
        v.key = c.identifier(*eo, QStringLiteral("key"), ep, true);
        // Secrets were masked by sanitizeReport already (the agent masks on the VM; a report from
        // an agent that did not is masked there too, so the store never holds such a value).
        v.value = c.string(*eo, QStringLiteral("value"), ep);
        v.masked = c.boolean(*eo, QStringLiteral("masked"), ep);
        c.boolean(*eo, QStringLiteral("truncated"), ep);
        d.env.append(v);
    }

    if (auto st = c.object(o.value(QStringLiteral("stats")), Checker::join(p, QStringLiteral("stats")))) {
        const QString sp = Checker::join(p, QStringLiteral("stats"));
        StatsSample sample;
        sample.containerId = s.id;
        sample.cpuPercent = c.number(*st, QStringLiteral("cpuPercent"), sp);
        sample.memoryBytes = c.integer(*st, QStringLiteral("memoryBytes"), sp);
        sample.memoryLimitBytes = c.integer(*st, QStringLiteral("memoryLimitBytes"), sp);
        sample.memoryPercent = c.number(*st, QStringLiteral("memoryPercent"), sp);
        sample.networkRxBytes = c.integer(*st, QStringLiteral("networkRxBytes"), sp);
        sample.networkTxBytes = c.integer(*st, QStringLiteral("networkTxBytes"), sp);
        sample.blockReadBytes = c.integer(*st, QStringLiteral("blockReadBytes"), sp);
        sample.blockWriteBytes = c.integer(*st, QStringLiteral("blockWriteBytes"), sp);
        if (auto pids = c.integer(*st, QStringLiteral("pids"), sp, false, 0, INT_MAX))
            sample.pids = int(*pids);
        s.stats = sample;
    } else {
        d.unknownFields.append(QStringLiteral("stats"));
    }
}

} // namespace

bool isValidHostId(const QString &hostId)
{
    return hostIdPattern().match(hostId).hasMatch();
}

bool isValidContainerRef(const QString &ref)
{
    return refPattern().match(ref).hasMatch();
}

Result<AgentReport> parseAgentReport(const QByteArray &json)
{
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError)
        return makeError(
            QStringLiteral("the report is not valid JSON (%1 at offset %2)").arg(pe.errorString()).arg(pe.offset),
            QStringLiteral("$"));
    if (!doc.isObject())
        return makeError(QStringLiteral("the report must be a JSON object"), QStringLiteral("$"));
    Result<SanitizedReport> clean = sanitizeReport(doc.object());
    if (!clean)
        return clean.error();
    const QJsonObject &root = clean->root;
    Checker c;
    AgentReport r;
    r.hadUnmaskedSecrets = clean->maskedSomething;
    r.schemaVersion = int(c.integer(root, QStringLiteral("schemaVersion"), {}, true, 0, INT_MAX).value_or(0));
    if (!c.failed() && r.schemaVersion != kReportSchemaVersion)
        c.fail(QStringLiteral("schemaVersion"), QStringLiteral("is %1; this receiver understands version %2")
                                                    .arg(r.schemaVersion)
                                                    .arg(kReportSchemaVersion));
    r.hostId = c.string(root, QStringLiteral("hostId"), {}, true);
    if (!c.failed() && !isValidHostId(r.hostId))
        c.fail(QStringLiteral("hostId"), QStringLiteral("may only contain letters, digits, '.', '_' and '-' (1-128)"));
    r.hostname = c.identifier(root, QStringLiteral("hostname"), {});
    if (r.hostname.size() > 255)
        c.fail(QStringLiteral("hostname"), QStringLiteral("is longer than 255 characters"));
    r.agentVersion = c.string(root, QStringLiteral("agentVersion"), {});
    r.collectedAt = c.time(root, QStringLiteral("collectedAt"), {});
    r.statsIncluded = c.boolean(root, QStringLiteral("statsIncluded"), {});
    const QJsonArray containers = c.array(root, QStringLiteral("containers"), {}, true);
    if (!c.failed() && containers.size() > kMaxContainersPerReport)
        c.fail(QStringLiteral("containers"),
               QStringLiteral("holds %1 entries; the limit is %2").arg(containers.size()).arg(kMaxContainersPerReport));
    r.containers.reserve(containers.size());
    for (qsizetype i = 0; i < containers.size() && !c.failed(); ++i) {
        const QString p = QStringLiteral("containers[%1]").arg(i);
        if (!containers.at(i).isObject()) {
            c.fail(p, QStringLiteral("must be an object"));
            break;
        }
        ContainerDetail d;
        parseContainer(c, containers.at(i).toObject(), p, d);
        r.containers.append(std::move(d));
    }
    if (c.failed())
        return c.error();
    r.storedJson = QJsonDocument(root).toJson(QJsonDocument::Compact);
    return r;
}

QByteArray maskSecretsInReport(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return {};
    Result<SanitizedReport> clean = sanitizeReport(doc.object());
    if (!clean)
        return {};
    return QJsonDocument(clean->root).toJson(QJsonDocument::Compact);
}

std::optional<QJsonObject> findContainerJson(const QByteArray &reportJson, const QString &ref)
{
    if (ref.isEmpty())
        return std::nullopt;
    const QJsonArray containers =
        QJsonDocument::fromJson(reportJson).object().value(QStringLiteral("containers")).toArray();
    std::optional<QJsonObject> byPrefix;
    int prefixMatches = 0;
    for (const QJsonValue &v : containers) {
        const QJsonObject o = v.toObject();
        const QString id = o.value(QStringLiteral("id")).toString();
        if (id == ref || o.value(QStringLiteral("name")).toString() == ref)
            return o;
        if (ref.size() >= 4 && id.startsWith(ref)) {
            byPrefix = o;
            ++prefixMatches;
        }
    }
    if (prefixMatches == 1)
        return byPrefix;
    return std::nullopt;
}

} // namespace archnest::agent
