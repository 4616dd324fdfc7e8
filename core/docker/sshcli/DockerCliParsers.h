#pragma once

// Parsers for what the docker CLI prints. Pure functions: bytes in, model values or a clear
// error out. They never trust the input: odd names, empty fields, warnings mixed into the
// output and truncated lines give a skipped row (with a warning) or an error, never a crash.

#include "docker/ContainerSource.h"
#include "docker/InspectJson.h"
#include "model/Container.h"
#include "util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace archnest::sshcli {

// Upper bound on one line the parsers accept (a row of `ps` with many labels is a few KiB).
inline constexpr qsizetype kMaxLineBytes = 1024 * 1024;

// Output of DockerCliCommands::list(). Lines that are not our JSON rows (warnings, blank
// lines) are skipped and described in `warnings`; output with no valid row and some
// unexpected line is an error.
Result<QList<ContainerSummary>> parsePsOutput(const QByteArray &out, const QString &hostName,
                                              QStringList *warnings = nullptr);

// Output of DockerCliCommands::engineProbe(): "podman version ..." is Podman, "Docker version
// ..." Docker, anything else Unknown.
ContainerEngine parseEngineProbe(const QByteArray &out);

// Output of `docker inspect` (a JSON array of containers).
Result<QList<ContainerDetail>> parseInspectOutput(const QByteArray &out, const QString &hostName,
                                                  QStringList *warnings = nullptr);

// Output of DockerCliCommands::stats() (one JSON object per line).
Result<QList<StatsSample>> parseStatsOutput(const QByteArray &out, const QDateTime &takenAt,
                                            QStringList *warnings = nullptr);

// Output of DockerCliCommands::env(): a JSON array of "KEY=value" (or null).
Result<QStringList> parseEnvOutput(const QByteArray &out);

// Splits a live `docker stats` stream (frames separated by terminal clear codes) into samples.
class StatsStreamParser final
{
public:
    // Returns the samples completed by `chunk`; a line that is too long or not a sample is
    // dropped (counted in droppedLines()).
    QList<StatsSample> feed(const QByteArray &chunk, const QDateTime &now);
    int droppedLines() const { return m_dropped; }

private:
    QByteArray m_buffer;
    int m_dropped = 0;
};

// Pieces, exposed for tests.
std::optional<qint64> parseByteSize(const QString &text); // "1.5MiB", "12kB", "0B"
std::optional<double> parsePercent(const QString &text);  // "0.15%"; "--" -> nullopt
// "1.2MiB / 7.6GiB" -> (1.2 MiB, 7.6 GiB)
std::pair<std::optional<qint64>, std::optional<qint64>> parseSizePair(const QString &text);
QList<PortMapping> parsePsPorts(const QString &text);      // "0.0.0.0:8080->80/tcp, 5353/udp"
QMap<QString, QString> parsePsLabels(const QString &text); // "a=1,b=2"
using dockerjson::parseDockerTime;                         // ps CreatedAt or RFC 3339 (nano); zero time -> invalid

} // namespace archnest::sshcli
