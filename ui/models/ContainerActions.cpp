#include "models/ContainerActions.h"

#include <QCoreApplication>

namespace archnest::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("archnest::ui::ContainerActions", text);
}

bool stateAllows(ContainerAction action, ContainerState state)
{
    switch (action) {
    case ContainerAction::Start:
        return state != ContainerState::Running && state != ContainerState::Paused && state != ContainerState::Removing;
    case ContainerAction::Stop:
    case ContainerAction::Restart:
        return state == ContainerState::Running || state == ContainerState::Restarting ||
               state == ContainerState::Unknown ||
               (action == ContainerAction::Restart && state == ContainerState::Exited);
    case ContainerAction::Pause:
        return state == ContainerState::Running;
    case ContainerAction::Unpause:
        return state == ContainerState::Paused;
    case ContainerAction::Remove:
        return state != ContainerState::Removing;
    }
    return false;
}

} // namespace

const QList<ContainerAction> &allActions()
{
    static const QList<ContainerAction> kAll{ContainerAction::Start, ContainerAction::Stop,    ContainerAction::Restart,
                                             ContainerAction::Pause, ContainerAction::Unpause, ContainerAction::Remove};
    return kAll;
}

QString actionLabel(ContainerAction action)
{
    switch (action) {
    case ContainerAction::Start:
        return tr("Start");
    case ContainerAction::Stop:
        return tr("Stop");
    case ContainerAction::Restart:
        return tr("Restart");
    case ContainerAction::Pause:
        return tr("Pause");
    case ContainerAction::Unpause:
        return tr("Unpause");
    case ContainerAction::Remove:
        return tr("Remove");
    }
    return {};
}

QList<SelectedContainer> actionTargets(ContainerAction action, const QList<SelectedContainer> &selection)
{
    QList<SelectedContainer> out;
    for (const SelectedContainer &c : selection)
        if (c.caps.canManage && stateAllows(action, c.state))
            out << c;
    return out;
}

ActionAvailability actionAvailability(ContainerAction action, const QList<SelectedContainer> &selection)
{
    if (selection.isEmpty())
        return {false, tr("Select one or more containers first.")};
    QString readOnlyReason;
    bool anyManageable = false;
    for (const SelectedContainer &c : selection) {
        if (c.caps.canManage)
            anyManageable = true;
        else if (readOnlyReason.isEmpty())
            readOnlyReason = c.caps.reason;
    }
    if (!anyManageable)
        return {false, readOnlyReason.isEmpty() ? tr("This host is read-only.") : readOnlyReason};
    if (actionTargets(action, selection).isEmpty())
        return {false, tr("No selected container is in a state where \"%1\" applies.").arg(actionLabel(action))};
    if (!readOnlyReason.isEmpty())
        return {true, tr("Applies to the manageable containers only: %1").arg(readOnlyReason)};
    return {true, {}};
}

} // namespace archnest::ui
