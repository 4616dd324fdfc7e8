#pragma once

// Shared by the ui tests: a window over real models and a controller without sources (rows are
// fed as plain structs), isolated settings.

#include "HostsController.h"
#include "MainWindow.h"
#include "models/ContainersModel.h"
#include "models/HostListModel.h"

#include <QStandardPaths>

#include <memory>

namespace archnest::test {

inline ContainerSummary summary(const QString &id, const QString &name, ContainerState state = ContainerState::Running)
{
    ContainerSummary c;
    c.id = id;
    c.name = name;
    c.image = QStringLiteral("busybox:latest");
    c.state = state;
    c.status = state == ContainerState::Running ? QStringLiteral("Up 2 minutes") : QStringLiteral("Exited (0)");
    return c;
}

struct UiHarness
{
    ui::ContainersModel containers;
    ui::HostListModel hosts;
    ui::HostsController controller{&containers, &hosts, {}};
    std::unique_ptr<ui::MainWindow> window;

    UiHarness()
    {
        QStandardPaths::setTestModeEnabled(true);
        window = std::make_unique<ui::MainWindow>(&controller);
    }

    // A host in the sidebar with its capabilities and rows, without a source.
    void addRows(const QString &host, HostKind kind, const QList<ContainerSummary> &rows)
    {
        HostConfig h;
        h.name = host;
        h.kind = kind;
        hosts.upsertHost(h);
        containers.setHostCapabilities(
            host, h.canManage() ? ui::HostCapabilities{true, {}}
                                : ui::HostCapabilities{false, QStringLiteral("%1 is a push-agent host").arg(host)});
        containers.setHostContainers(host, rows);
    }
};

} // namespace archnest::test
