#include "models/ContainerActions.h"

#include <QCoreApplication>

namespace archnest::ui {

namespace {

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
        return QCoreApplication::translate("archnest::ui::ContainerActions", "Start");
    case ContainerAction::Stop:
        return QCoreApplication::translate("archnest::ui::ContainerActions", "Stop");
    case ContainerAction::Restart:
        return QCoreApplication::translate("archnest::ui::ContainerActions", "Restart");
    case ContainerAction::Pause:
        return QCoreApplication::translate("archnest::ui::ContainerActions", "Pause");
    case ContainerAction::Unpause:
        return QCoreApplication::translate("archnest::ui::ContainerActions", "Unpause");
    case ContainerAction::Remove:
        return QCoreApplication::translate("archnest::ui::ContainerActions", "Remove");
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
        return {false,
                QCoreApplication::translate("archnest::ui::ContainerActions", "Select one or more containers first.")};
    QString readOnlyReason;
    bool anyManageable = false;
    for (const SelectedContainer &c : selection) {
        if (c.caps.canManage)
            anyManageable = true;
        else if (readOnlyReason.isEmpty())
            readOnlyReason = c.caps.reason;
    }
    if (!anyManageable)
        return {false, readOnlyReason.isEmpty()
                           ? QCoreApplication::translate("archnest::ui::ContainerActions", "This host is read-only.")
                           : readOnlyReason};
    if (actionTargets(action, selection).isEmpty())
        return {false, QCoreApplication::translate("archnest::ui::ContainerActions",
                                                   "No selected container is in a state where \"%1\" applies.")
                           .arg(actionLabel(action))};
    if (!readOnlyReason.isEmpty())
        return {true, QCoreApplication::translate("archnest::ui::ContainerActions",
                                                  "Applies to the manageable containers only: %1")
                          .arg(readOnlyReason)};
    return {true, {}};
}

} // namespace archnest::ui
