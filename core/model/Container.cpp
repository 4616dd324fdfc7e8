#include "model/Container.h"

#include <array>
#include <utility>

namespace archnest {

namespace {
constexpr std::array<std::pair<ContainerState, const char *>, 7> kStateNames{{
    {ContainerState::Created, "created"},
    {ContainerState::Running, "running"},
    {ContainerState::Paused, "paused"},
    {ContainerState::Restarting, "restarting"},
    {ContainerState::Removing, "removing"},
    {ContainerState::Exited, "exited"},
    {ContainerState::Dead, "dead"},
}};
} // namespace

QString containerStateName(ContainerState state)
{
    for (const auto &[s, name] : kStateNames)
        if (s == state)
            return QString::fromLatin1(name);
    return QStringLiteral("unknown");
}

ContainerState containerStateFromName(const QString &name)
{
    const QString lower = name.trimmed().toLower();
    for (const auto &[s, n] : kStateNames)
        if (lower == QLatin1String(n))
            return s;
    return ContainerState::Unknown;
}

QString PortMapping::display() const
{
    const QString inner = QString::number(containerPort) + QLatin1Char('/') + protocol;
    if (hostPort <= 0)
        return inner;
    const QString ip = hostIp.isEmpty() ? QStringLiteral("0.0.0.0") : hostIp;
    const QString ipPart = ip.contains(QLatin1Char(':')) ? QLatin1Char('[') + ip + QLatin1Char(']') : ip;
    return ipPart + QLatin1Char(':') + QString::number(hostPort) + QStringLiteral("->") + inner;
}

QString containerActionVerb(ContainerAction action)
{
    switch (action) {
    case ContainerAction::Start:
        return QStringLiteral("start");
    case ContainerAction::Stop:
        return QStringLiteral("stop");
    case ContainerAction::Restart:
        return QStringLiteral("restart");
    case ContainerAction::Pause:
        return QStringLiteral("pause");
    case ContainerAction::Unpause:
        return QStringLiteral("unpause");
    case ContainerAction::Remove:
        return QStringLiteral("rm");
    }
    return {};
}

bool isMutating(ContainerAction)
{
    return true;
}

} // namespace archnest
