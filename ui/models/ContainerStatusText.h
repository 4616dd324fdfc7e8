#pragma once

#include "model/Container.h"
#include "model/HostConfig.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace archnest::ui {

// Words for a container's state in the detail tab, without widgets (tested alone).
class ContainerStatusText final
{
    Q_DECLARE_TR_FUNCTIONS(ContainerStatusText)

public:
    // docker's own duration words (go-units HumanDuration): "Less than a second", "5 seconds",
    // "About a minute", "12 minutes", "About an hour", "3 hours", "4 days", "3 weeks", ...
    static QString humanDuration(qint64 seconds);
    // Inspect gives "Up" / "Up (healthy)" without a duration: "Up 3 minutes (healthy)" from the
    // start time, as `docker ps` says it. Any other status is returned as it is.
    static QString withUptime(const QString &status, const QDateTime &startedAt, const QDateTime &now);
    // "Finished" belongs to a stopped container; a running one's FinishedAt is its previous run's.
    static bool showsFinished(ContainerState state, const QDateTime &finishedAt);
    // What to say where a host's source cannot fill a section (ContainerDetail::unknownFields).
    static QString unknownNote(const QString &field, HostKind kind, ContainerState state);
};

} // namespace archnest::ui
