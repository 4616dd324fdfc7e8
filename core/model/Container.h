#pragma once

// The container model shared by every source (SSH CLI, Engine API, push agent). Fields a source
// cannot know stay empty / unset; `ContainerDetail::unknownFields` says which, so the UI can say
// so instead of showing a blank.

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace archnest {

enum class ContainerState { Unknown, Created, Running, Paused, Restarting, Removing, Exited, Dead };

QString containerStateName(ContainerState state); // docker's word: "running", "exited", ...
ContainerState containerStateFromName(const QString &name);

struct PortMapping
{
    QString hostIp;   // "" when not published
    int hostPort = 0; // 0 when not published
    int containerPort = 0;
    QString protocol = QStringLiteral("tcp");

    QString display() const; // "0.0.0.0:8080->80/tcp" or "80/tcp"
    bool operator==(const PortMapping &) const = default;
};

struct NetworkAttachment
{
    QString name;
    QString ipAddress;
    QString gateway;
    QString macAddress;
    QStringList aliases;
    bool operator==(const NetworkAttachment &) const = default;
};

struct MountPoint
{
    QString type; // bind, volume, tmpfs, npipe
    QString source;
    QString destination;
    QString name; // volume name
    QString mode;
    bool readWrite = true;
    bool operator==(const MountPoint &) const = default;
};

struct EnvVar
{
    QString key;
    QString value;       // already masked if `masked`
    bool masked = false; // the value is hidden (secret-looking key) - reveal is an explicit action
    bool operator==(const EnvVar &) const = default;
};

struct StatsSample
{
    QString containerId;
    QDateTime takenAt;
    std::optional<double> cpuPercent;
    std::optional<qint64> memoryBytes;
    std::optional<qint64> memoryLimitBytes;
    std::optional<double> memoryPercent;
    std::optional<qint64> networkRxBytes;
    std::optional<qint64> networkTxBytes;
    std::optional<qint64> blockReadBytes;
    std::optional<qint64> blockWriteBytes;
    std::optional<int> pids;
    bool operator==(const StatsSample &) const = default;
};

// One row of the containers list.
struct ContainerSummary
{
    QString hostName; // the HostConfig name it came from
    QString id;       // full id when known
    QString name;     // without the leading '/'
    QString image;
    QString command;
    ContainerState state = ContainerState::Unknown;
    QString status; // docker's human text: "Up 3 hours (healthy)"
    QDateTime created;
    QList<PortMapping> ports;
    QMap<QString, QString> labels;
    std::optional<StatsSample> stats; // when the source has a sample (agent reports do)

    QString shortId() const { return id.left(12); }
    bool operator==(const ContainerSummary &) const = default;
};

struct HealthState
{
    QString status; // "", "starting", "healthy", "unhealthy"
    int failingStreak = 0;
    QString lastOutput;
    bool operator==(const HealthState &) const = default;
};

// Everything a detail tab shows.
struct ContainerDetail
{
    ContainerSummary summary;

    // overview
    QString imageId;
    QString platform;
    QString hostname;
    QString workingDir;
    QString user;
    QStringList entrypoint;
    QStringList cmd;
    QString restartPolicy;

    // state
    HealthState health;
    int restartCount = 0;
    std::optional<int> exitCode;
    QString error;
    int pid = 0;
    QDateTime startedAt;
    QDateTime finishedAt;
    bool oomKilled = false;

    QList<NetworkAttachment> networks;
    QList<MountPoint> mounts;
    QList<EnvVar> env;
    bool tty = false;

    // Names of sections this source cannot know ("stats", "env", ...) for a plain note in the UI.
    QStringList unknownFields;

    bool operator==(const ContainerDetail &) const = default;
};

enum class ContainerAction { Start, Stop, Restart, Pause, Unpause, Remove };

QString containerActionVerb(ContainerAction action); // the docker CLI verb: "start", ..., "rm"
bool isMutating(ContainerAction action);             // every action today; kept for read paths

} // namespace archnest

Q_DECLARE_METATYPE(archnest::ContainerSummary)
Q_DECLARE_METATYPE(archnest::ContainerDetail)
Q_DECLARE_METATYPE(archnest::StatsSample)
