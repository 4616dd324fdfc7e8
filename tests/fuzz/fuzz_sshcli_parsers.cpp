// libFuzzer target: the parsers of what the docker CLI prints over SSH (ps, inspect, stats,
// env, the live stats stream and their pieces). Every input goes through every parser, so the
// corpus holds plain captured outputs. Invariants:
//  1. An answer is a value or an error with a message; rows always carry an id; at most 100
//     warnings; secret-looking env values come out masked.
//  2. The live stats stream gives the same samples however the bytes are split into reads
//     (the split comes from the input's size).
//  3. Labels and ports: parse -> serialise -> parse gives the same value.
#include "docker/sshcli/DockerCliParsers.h"
#include "security/EnvMasking.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace archnest;
using namespace archnest::sshcli;

namespace {

[[noreturn]] void violated(const char *what, const QByteArray &input)
{
    std::fprintf(stderr, "invariant violated: %s (input %s)\n", what, input.left(256).toHex().constData());
    std::abort();
}

template<typename T>
void checkResult(const Result<T> &r, const QStringList &warnings, const QByteArray &input)
{
    if (!r.ok() && r.error().message.isEmpty())
        violated("an error without a message", input);
    if (warnings.size() > 100)
        violated("more than 100 warnings", input);
}

void checkEnv(const QList<EnvVar> &env, const QByteArray &input)
{
    for (const EnvVar &e : env) {
        if (security::isSecretEnvKey(e.key) && (!e.masked || e.value != QLatin1String(security::kMaskedValue)))
            violated("a secret-looking env value is not masked", input);
    }
}

void checkSample(const StatsSample &s, const QByteArray &input)
{
    if (s.containerId.isEmpty())
        violated("a stats sample without an id", input);
    for (const std::optional<double> &p : {s.cpuPercent, s.memoryPercent})
        if (p && !std::isfinite(*p))
            violated("a percentage that is not finite", input);
    for (const std::optional<qint64> &b :
         {s.memoryBytes, s.memoryLimitBytes, s.networkRxBytes, s.networkTxBytes, s.blockReadBytes, s.blockWriteBytes})
        if (b && *b < 0)
            violated("a negative byte count", input);
}

QString labelsText(const QMap<QString, QString> &labels)
{
    QStringList parts;
    for (auto it = labels.cbegin(); it != labels.cend(); ++it)
        parts << it.key() + QLatin1Char('=') + it.value();
    return parts.join(QLatin1Char(','));
}

QString portsText(const QList<PortMapping> &ports)
{
    QStringList parts;
    for (const PortMapping &p : ports) {
        const QString inner = QStringLiteral("%1/%2").arg(p.containerPort).arg(p.protocol);
        parts << (p.hostPort != 0 || !p.hostIp.isEmpty()
                      ? QStringLiteral("%1:%2->%3").arg(p.hostIp).arg(p.hostPort).arg(inner)
                      : inner);
    }
    return parts.join(QStringLiteral(", "));
}

void checkPieces(const QString &text, const QByteArray &input)
{
    const QMap<QString, QString> labels = parsePsLabels(text);
    if (parsePsLabels(labelsText(labels)) != labels)
        violated("labels: parse -> serialise -> parse changed them", input);
    const QList<PortMapping> ports = parsePsPorts(text);
    if (parsePsPorts(portsText(ports)) != ports)
        violated("ports: parse -> serialise -> parse changed them", input);
    if (const auto size = parseByteSize(text); size && *size < 0)
        violated("a negative byte size", input);
    if (const auto pct = parsePercent(text); pct && !std::isfinite(*pct))
        violated("a percentage that is not finite", input);
    (void)parseSizePair(text);
    (void)parseDockerTime(text);
}

QList<StatsSample> streamSamples(const QByteArray &input, qsizetype piece, int *dropped)
{
    StatsStreamParser parser;
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC);
    QList<StatsSample> out;
    for (qsizetype at = 0; at < input.size();) {
        const qsizetype len = piece == 0 ? input.size() - at : qMin(piece, input.size() - at);
        out += parser.feed(input.mid(at, len), now);
        at += len;
    }
    *dropped = parser.droppedLines();
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256 * 1024) // far below kMaxLineBytes, so splitting cannot matter
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString host = QStringLiteral("fuzz-host");
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1800000000, Qt::UTC);

    QStringList warnings;
    const auto ps = parsePsOutput(input, host, &warnings);
    checkResult(ps, warnings, input);
    if (ps.ok()) {
        for (const ContainerSummary &s : *ps) {
            if (s.id.isEmpty() || s.hostName != host)
                violated("a ps row without an id or host", input);
            checkPieces(s.name, input);
        }
    }

    warnings.clear();
    const auto inspect = parseInspectOutput(input, host, &warnings);
    checkResult(inspect, warnings, input);
    if (inspect.ok()) {
        for (const ContainerDetail &d : *inspect) {
            if (d.summary.id.isEmpty())
                violated("an inspected container without an id", input);
            checkEnv(d.env, input);
        }
    }

    warnings.clear();
    const auto stats = parseStatsOutput(input, now, &warnings);
    checkResult(stats, warnings, input);
    if (stats.ok())
        for (const StatsSample &s : *stats)
            checkSample(s, input);

    const auto env = parseEnvOutput(input);
    checkResult(env, {}, input);

    int droppedWhole = 0;
    int droppedSplit = 0;
    const QList<StatsSample> whole = streamSamples(input, 0, &droppedWhole);
    const QList<StatsSample> split = streamSamples(input, 1 + qsizetype(size % 11), &droppedSplit);
    if (whole != split || droppedWhole != droppedSplit)
        violated("the stats stream depends on how the bytes are split", input);
    for (const StatsSample &s : whole)
        checkSample(s, input);

    // The pieces, on each line of the input as text.
    int lines = 0;
    for (const QByteArray &line : input.split('\n')) {
        if (++lines > 64)
            break;
        checkPieces(QString::fromUtf8(line), input);
    }
    return 0;
}
