#pragma once

#include "model/Container.h"
#include "models/ContainersModel.h"

#include <QList>
#include <QString>

namespace archnest::ui {

// One selected row as the actions see it.
struct SelectedContainer
{
    QString host;
    QString ref; // id (or name when the source has no id)
    QString name;
    ContainerState state = ContainerState::Unknown;
    HostCapabilities caps;
};

struct ActionAvailability
{
    bool enabled = false;
    QString reason; // tooltip when disabled (or a short description when enabled)
};

// Whether `action` can apply to the selection: at least one selected container must be on a
// manageable host and in a state the action applies to. Disabled actions say why.
ActionAvailability actionAvailability(ContainerAction action, const QList<SelectedContainer> &selection);

// The rows `action` would really touch (manageable host, matching state).
QList<SelectedContainer> actionTargets(ContainerAction action, const QList<SelectedContainer> &selection);

QString actionLabel(ContainerAction action); // "Start", "Stop", ... (translated)
const QList<ContainerAction> &allActions();

} // namespace archnest::ui
