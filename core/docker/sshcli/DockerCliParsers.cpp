#include "docker/sshcli/DockerCliParsers.h"

#include "docker/InspectJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

namespace archnest::sshcli {

namespace {

QString excerpt(const QByteArray &line)
{
    QString s = QString::fromUtf8(line.left(80));
    for (QChar &c : s) {
        if (c.unicode() < 0x20)
            c = QChar(u'?');
    }
    return line.size() > 80 ? s + QStringLiteral("...") : s;
}

void addWarning(QStringList *warnings, const QString &w)
{
    if (warnings && warnings->size() < 100)
        warnings->append(w);
}

QList<QByteArray> splitLines(const QByteArray &out)
{
    QList<QByteArray> lines = out.split('\n');
    for (QByteArray &l : lines) {
        if (l.endsWith('\r'))
            l.chop(1);
    }
    return lines;
}

std::optional<StatsSample> statsFromObject(const QJsonObject &o, const QDateTime &takenAt)
{
    const QString id = o.value(QLatin1String("id")).toString();
    if (id.isEmpty())
        return std::nullopt;
    StatsSample s;
    s.containerId = id;
    s.takenAt = takenAt;
    s.cpuPercent = parsePercent(o.value(QLatin1String("cpu")).toString());
    const auto mem = parseSizePair(o.value(QLatin1String("mem")).toString());
    s.memoryBytes = mem.first;
    s.memoryLimitBytes = mem.second;
    s.memoryPercent = parsePercent(o.value(QLatin1String("memPerc")).toString());
    const auto net = parseSizePair(o.value(QLatin1String("net")).toString());
    s.networkRxBytes = net.first;
    s.networkTxBytes = net.second;
    const auto block = parseSizePair(o.value(QLatin1String("block")).toString());
    s.blockReadBytes = block.first;
    s.blockWriteBytes = block.second;
    // Docker prints PIDs as a string, Podman as a number.
    const QJsonValue pidsValue = o.value(QLatin1String("pids"));
    bool ok = pidsValue.isDouble();
    const int pids = ok ? pidsValue.toInt() : pidsValue.toString().trimmed().toInt(&ok);
    if (ok)
        s.pids = pids;
    return s;
}

} // namespace

std::optional<qint64> parseByteSize(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^([0-9]+(?:\\.[0-9]+)?)\\s*([kKMGTP]?i?B)$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    bool ok = false;
    const double value = m.captured(1).toDouble(&ok);
    if (!ok)
        return std::nullopt;
    const QString unit = m.captured(2);
    const bool binary = unit.contains(QLatin1Char('i'));
    const double base = binary ? 1024.0 : 1000.0;
    int power = 0;
    switch (unit.at(0).toUpper().toLatin1()) {
    case 'K':
        power = 1;
        break;
    case 'M':
        power = 2;
        break;
    case 'G':
        power = 3;
        break;
    case 'T':
        power = 4;
        break;
    case 'P':
        power = 5;
        break;
    default:
        power = 0;
    }
    const double bytes = value * std::pow(base, power);
    if (!std::isfinite(bytes) || bytes > 9.0e18)
        return std::nullopt;
    return static_cast<qint64>(std::llround(bytes));
}

std::optional<double> parsePercent(const QString &text)
{
    QString t = text.trimmed();
    if (!t.endsWith(QLatin1Char('%')))
        return std::nullopt;
    t.chop(1);
    bool ok = false;
    const double v = t.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::pair<std::optional<qint64>, std::optional<qint64>> parseSizePair(const QString &text)
{
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return {parseByteSize(text), std::nullopt};
    return {parseByteSize(text.left(slash)), parseByteSize(text.mid(slash + 1))};
}

QList<PortMapping> parsePsPorts(const QString &text)
{
    QList<PortMapping> out;
    // "0.0.0.0:8080->80/tcp", ":::8080->80/tcp", "80/tcp", "8000-8001/tcp" (ranges keep the first)
    static const QRegularExpression re(QStringLiteral("^(?:(.*):(\\d+)(?:-\\d+)?->)?(\\d+)(?:-\\d+)?/([a-z]+)$"));
    const QStringList parts = text.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &raw : parts) {
        const auto m = re.match(raw.trimmed());
        if (!m.hasMatch())
            continue;
        PortMapping p;
        p.hostIp = m.captured(1);
        p.hostPort = m.captured(2).toInt();
        p.containerPort = m.captured(3).toInt();
        p.protocol = m.captured(4);
        out.append(p);
    }
    return out;
}

QMap<QString, QString> parsePsLabels(const QString &text)
{
    // Docker joins labels with ',' without escaping, so a value containing ',' is ambiguous;
    // a piece without '=' is taken as the continuation of the previous value.
    QMap<QString, QString> out;
    QString lastKey;
    const QStringList parts = text.split(QLatin1Char(','));
    for (const QString &part : parts) {
        const qsizetype eq = part.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            if (!lastKey.isEmpty())
                out[lastKey] += QLatin1Char(',') + part;
            continue;
        }
        lastKey = part.left(eq);
        out.insert(lastKey, part.mid(eq + 1));
    }
    return out;
}

Result<QList<ContainerSummary>> parsePsOutput(const QByteArray &out, const QString &hostName, QStringList *warnings)
{
    QList<ContainerSummary> rows;
    int unexpected = 0;
    QByteArray firstUnexpected;
    const QList<QByteArray> lines = splitLines(out);
    int lineNo = 0;
    for (const QByteArray &line : lines) {
        ++lineNo;
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError err;
        const QJsonDocument doc = line.size() > kMaxLineBytes ? QJsonDocument() : QJsonDocument::fromJson(line, &err);
        const QJsonObject o = doc.object();
        const QString id = o.value(QLatin1String("id")).toString();
        if (!doc.isObject() || id.isEmpty()) {
            if (unexpected++ == 0)
                firstUnexpected = line;
            addWarning(warnings, QStringLiteral("docker ps on %1, line %2: not a container row: \"%3\"")
                                     .arg(hostName)
                                     .arg(lineNo)
                                     .arg(excerpt(line)));
            continue;
        }
        ContainerSummary s;
        s.hostName = hostName;
        s.id = id;
        // A container has one name unless legacy links add more ("a,b/link"): keep the first.
        s.name = o.value(QLatin1String("names")).toString().section(QLatin1Char(','), 0, 0);
        s.image = o.value(QLatin1String("image")).toString();
        s.command = o.value(QLatin1String("command")).toString();
        s.created = parseDockerTime(o.value(QLatin1String("created")).toString());
        s.state = containerStateFromName(o.value(QLatin1String("state")).toString());
        s.status = o.value(QLatin1String("status")).toString();
        s.ports = parsePsPorts(o.value(QLatin1String("ports")).toString());
        // Docker joins labels into one string; Podman's {{json .Labels}} is an object.
        const QJsonValue labels = o.value(QLatin1String("labels"));
        if (labels.isObject()) {
            const QJsonObject lo = labels.toObject();
            for (auto it = lo.begin(); it != lo.end(); ++it)
                s.labels.insert(it.key(), it.value().toString());
        } else {
            s.labels = parsePsLabels(labels.toString());
        }
        rows.append(std::move(s));
    }
    if (rows.isEmpty() && unexpected > 0)
        return makeError(QStringLiteral("Unexpected output from docker ps on %1: \"%2\". Check that the remote docker "
                                        "command works for this user.")
                             .arg(hostName, excerpt(firstUnexpected)),
                         QStringLiteral("parse"));
    return rows;
}

ContainerEngine parseEngineProbe(const QByteArray &out)
{
    const QByteArray first = out.trimmed().split('\n').value(0).trimmed().toLower();
    if (first.startsWith("podman version"))
        return ContainerEngine::Podman;
    if (first.startsWith("docker version"))
        return ContainerEngine::Docker;
    return ContainerEngine::Unknown;
}

Result<QList<ContainerDetail>> parseInspectOutput(const QByteArray &out, const QString &hostName, QStringList *warnings)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(out, &err);
    if (err.error != QJsonParseError::NoError || !doc.isArray())
        return makeError(
            QStringLiteral("Unexpected output from docker inspect on %1 (%2): \"%3\".")
                .arg(hostName,
                     err.error != QJsonParseError::NoError
                         ? QStringLiteral("invalid JSON at offset %1: %2").arg(err.offset).arg(err.errorString())
                         : QStringLiteral("not a JSON array"),
                     excerpt(out.trimmed())),
            QStringLiteral("parse"));
    QList<ContainerDetail> details;
    const QJsonArray arr = doc.array();
    int index = 0;
    for (const QJsonValue &v : arr) {
        const QJsonObject o = v.toObject();
        if (o.value(QLatin1String("Id")).toString().isEmpty()) {
            addWarning(
                warnings,
                QStringLiteral("docker inspect on %1: entry %2 is not a container (no Id)").arg(hostName).arg(index));
            ++index;
            continue;
        }
        details.append(dockerjson::containerDetailFromInspect(o, hostName));
        ++index;
    }
    if (details.isEmpty() && !arr.isEmpty())
        return makeError(
            QStringLiteral("Unexpected output from docker inspect on %1: no container in it.").arg(hostName),
            QStringLiteral("parse"));
    return details;
}

Result<QList<StatsSample>> parseStatsOutput(const QByteArray &out, const QDateTime &takenAt, QStringList *warnings)
{
    QList<StatsSample> samples;
    int unexpected = 0;
    QByteArray firstUnexpected;
    for (const QByteArray &line : splitLines(out)) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonDocument doc = line.size() > kMaxLineBytes ? QJsonDocument() : QJsonDocument::fromJson(line);
        std::optional<StatsSample> s =
            doc.isObject() ? statsFromObject(doc.object(), takenAt) : std::optional<StatsSample>();
        if (!s) {
            if (unexpected++ == 0)
                firstUnexpected = line;
            addWarning(warnings, QStringLiteral("docker stats: not a sample: \"%1\"").arg(excerpt(line)));
            continue;
        }
        samples.append(*s);
    }
    if (samples.isEmpty() && unexpected > 0)
        return makeError(QStringLiteral("Unexpected output from docker stats: \"%1\".").arg(excerpt(firstUnexpected)),
                         QStringLiteral("parse"));
    return samples;
}

Result<QStringList> parseEnvOutput(const QByteArray &out)
{
    const QByteArray t = out.trimmed();
    if (t == "null")
        return QStringList();
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(t, &err);
    if (err.error != QJsonParseError::NoError || !doc.isArray())
        return makeError(QStringLiteral("Unexpected output from docker inspect (env): not a JSON array."),
                         QStringLiteral("parse"));
    return dockerjson::stringList(doc.array());
}

QList<StatsSample> StatsStreamParser::feed(const QByteArray &chunk, const QDateTime &now)
{
    m_buffer += chunk;
    QList<StatsSample> out;
    for (;;) {
        const qsizetype nl = m_buffer.indexOf('\n');
        if (nl < 0)
            break;
        QByteArray line = m_buffer.left(nl);
        m_buffer.remove(0, nl + 1);
        // Drop terminal control sequences (ESC [ ... letter) the live view writes between frames.
        QByteArray clean;
        clean.reserve(line.size());
        for (qsizetype i = 0; i < line.size(); ++i) {
            if (line.at(i) == '\x1b' && i + 1 < line.size() && line.at(i + 1) == '[') {
                i += 2;
                while (i < line.size() &&
                       !((line.at(i) >= 'A' && line.at(i) <= 'Z') || (line.at(i) >= 'a' && line.at(i) <= 'z')))
                    ++i;
                continue;
            }
            clean += line.at(i);
        }
        clean = clean.trimmed();
        if (clean.isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(clean);
        std::optional<StatsSample> s =
            doc.isObject() ? statsFromObject(doc.object(), now) : std::optional<StatsSample>();
        if (s)
            out.append(*s);
        else
            ++m_dropped;
    }
    if (m_buffer.size() > kMaxLineBytes) {
        m_buffer.clear();
        ++m_dropped;
    }
    return out;
}

} // namespace archnest::sshcli
