#pragma once

// The main window over two real fixture hosts, for widget tests that need real containers:
// fx-api (the Engine API on the fixture dockerd's unix socket) and fx-ssh (the docker CLI over
// the target sshd, its host key already in a private known_hosts). Test classes derive from it,
// call createController() (then add hosts of their own) and showWindowAndWaitForHosts() in
// initTestCase, closeExtraTabs() in cleanup and destroyWindow() in cleanupTestCase.

#include "ApiTestSupport.h"
#include "Fixtures.h"
#include "HostsController.h"
#include "MainWindow.h"
#include "config/SourceFactory.h"
#include "dialogs/GuiSshInteraction.h"
#include "models/ContainersModel.h"
#include "models/HostListModel.h"
#include "pages/ContainerDetailTab.h"
#include "tst_ssh_support.h"

#include <QFile>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace archnest::test {

class FixtureWindowTest : public QObject
{
protected:
    QTemporaryDir m_dir;
    std::unique_ptr<ui::ContainersModel> m_containers;
    std::unique_ptr<ui::HostListModel> m_hosts;
    std::unique_ptr<ui::HostsController> m_controller;
    std::unique_ptr<ui::GuiSshInteraction> m_interaction; // known_hosts holds the key: never asks
    std::unique_ptr<ui::MainWindow> m_window;

    const ContainerSummary *row(const QString &host, const QString &name) const
    {
        for (int r = 0; r < m_containers->rowCount(); ++r)
            if (m_containers->at(r).hostName == host && m_containers->at(r).name == name)
                return &m_containers->at(r);
        return nullptr;
    }

    ui::ContainerDetailTab *openDetail(const QString &host, const QString &name)
    {
        const ContainerSummary *c = row(host, name);
        return c ? m_window->openDetail(host, c->id, c->name) : nullptr;
    }

    QString hostStatus(const QString &host) const
    {
        const ui::HostListModel::Entry *e = m_hosts->entry(host);
        return e ? e->message : QStringLiteral("no such host");
    }

    // Models, controller and the two fixture hosts. Check QTest::currentTestFailed() after it.
    void createController()
    {
        QStandardPaths::setTestModeEnabled(true);
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_TARGET_PORT");
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DOCKER_SOCK");
        QVERIFY(m_dir.isValid());
        m_containers = std::make_unique<ui::ContainersModel>();
        m_hosts = std::make_unique<ui::HostListModel>();
        m_interaction = std::make_unique<ui::GuiSshInteraction>(nullptr);
        auto factory = [this](const HostConfig &h, QObject *parent) {
            return config::createContainerSource(h, config::SourceContext{m_interaction.get(), {}}, parent);
        };
        m_controller = std::make_unique<ui::HostsController>(m_containers.get(), m_hosts.get(), factory);

        HostConfig api = apiHost(QStringLiteral("unix"));
        api.name = QStringLiteral("fx-api");
        const QString knownHosts = m_dir.filePath(QStringLiteral("known_hosts"));
        QVERIFY(QFile::copy(fxValue("ARCHNEST_FX_SSH_KNOWN_HOSTS"), knownHosts));
        m_controller->setHosts({api, fixtureManagedHost(QStringLiteral("ssh"), knownHosts)}); // fx-api, fx-ssh
    }

    // Shows the window, refreshes every host and waits until both fixture hosts list fx-running.
    void showWindowAndWaitForHosts(int apiWaitMs = 60000, int sshWaitMs = 120000)
    {
        m_window = std::make_unique<ui::MainWindow>(m_controller.get());
        m_window->resize(1200, 760);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_controller->refreshAll();
        QTRY_VERIFY2_WITH_TIMEOUT(row(QStringLiteral("fx-api"), QStringLiteral("fx-running")),
                                  qPrintable(hostStatus(QStringLiteral("fx-api"))), apiWaitMs);
        QTRY_VERIFY2_WITH_TIMEOUT(row(QStringLiteral("fx-ssh"), QStringLiteral("fx-running")),
                                  qPrintable(hostStatus(QStringLiteral("fx-ssh"))), sshWaitMs);
    }

    // Whatever a failed check left open: every tab but the fixed Containers tab.
    void closeExtraTabs()
    {
        if (!m_window)
            return;
        for (int i = m_window->tabs()->count() - 1; i > 0; --i)
            m_window->closeTab(i);
    }

    void destroyWindow()
    {
        m_window.reset();
        m_controller.reset();
        m_interaction.reset();
    }
};

} // namespace archnest::test
