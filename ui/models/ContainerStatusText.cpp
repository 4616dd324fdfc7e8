#include "models/ContainerStatusText.h"

#include <QCoreApplication>

namespace archnest::ui {

QString ContainerStatusText::humanDuration(qint64 seconds)
{
    if (seconds < 1)
        return tr("Less than a second");
    if (seconds == 1)
        return tr("1 second");
    if (seconds < 60)
        return tr("%1 seconds").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes == 1)
        return tr("About a minute");
    if (minutes < 60)
        return tr("%1 minutes").arg(minutes);
    const qint64 hours = qint64(double(seconds) / 3600.0 + 0.5);
    if (hours == 1)
        return tr("About an hour");
    if (hours < 48)
        return tr("%1 hours").arg(hours);
    if (hours < 24 * 7 * 2)
        return tr("%1 days").arg(hours / 24);
    if (hours < 24 * 30 * 2)
        return tr("%1 weeks").arg(hours / 24 / 7);
    if (hours < 24 * 365 * 2)
        return tr("%1 months").arg(hours / 24 / 30);
    return tr("%1 years").arg(seconds / 3600 / 24 / 365);
}

QString ContainerStatusText::withUptime(const QString &status, const QDateTime &startedAt, const QDateTime &now)
{
    const bool bareUp = status == QLatin1String("Up") || status.startsWith(QLatin1String("Up ("));
    if (!bareUp || !startedAt.isValid() || startedAt.toSecsSinceEpoch() <= 0 || !now.isValid())
        return status;
    return QStringLiteral("Up ") + humanDuration(std::max<qint64>(0, startedAt.secsTo(now))) + status.mid(2);
}

bool ContainerStatusText::showsFinished(ContainerState state, const QDateTime &finishedAt)
{
    if (state == ContainerState::Running || state == ContainerState::Paused || state == ContainerState::Restarting)
        return false;
    return finishedAt.isValid() && finishedAt.toSecsSinceEpoch() > 0;
}

QString ContainerStatusText::unknownNote(const QString &field, HostKind kind, ContainerState state)
{
    if (field == QLatin1String("stats")) {
        if (state != ContainerState::Running)
            return tr("No CPU or memory figures: the container is not running.");
        if (kind == HostKind::Agent)
            return tr("No CPU or memory figures in this host's last agent report; they come with its next "
                      "report (the agent sends them for running containers).");
        return tr("No CPU or memory figures yet: they are sampled after the next refresh.");
    }
    if (kind == HostKind::Agent)
        return tr("Not in this host's agent report: the push agent does not send this part.");
    return tr("Not reported by this host's connection.");
}

} // namespace archnest::ui
