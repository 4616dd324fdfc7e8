// End to end: the desktop app (DesktopApp: real models, controller, window, store, receiver)
// with an SSH host (the real sshd + dockerd fixtures, key auth, known_hosts checked) and a
// push-agent host (the real agent script posting into the app's own receiver on 127.0.0.1)
// lists both hosts' containers and opens a detail tab for a container on each.
#include "DesktopApp.h"
#include "Fixtures.h"
#include "HostsController.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "config/HostsFile.h"
#include "dialogs/GuiSshInteraction.h"
#include "logs/LogPanel.h"
#include "logs/LogView.h"
#include "models/ContainersModel.h"
#include "models/HostListModel.h"
#include "pages/ContainerDetailTab.h"
#include "store/AgentStoreService.h"
#include "tst_ssh_support.h"

#include "AgentReceiver.h"

#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace archnest;
using archnest::test::Fixtures;

namespace {

int rowNamed(const ui::ContainersModel *model, const QString &host, const QString &name)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->at(r).hostName == host && model->at(r).name == name)
            return r;
    return -1;
}

} // namespace

class TestUiEndToEnd final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_TARGET_PORT");
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DOCKER_SOCK");
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/archnest-no-bus"); // no keychain: memory token
    }

    void bothSourcesListAndOpenDetailTabs()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const AppPaths paths(dir.filePath(QStringLiteral("config")), dir.filePath(QStringLiteral("data")));
        QString error;
        QVERIFY2(paths.ensureExists(&error), qPrintable(error));

        // The SSH host, as the hosts file holds it.
        const QString knownHosts = dir.filePath(QStringLiteral("known_hosts"));
        QVERIFY(QFile::copy(test::fxValue("ARCHNEST_FX_SSH_KNOWN_HOSTS"), knownHosts));
        HostConfig ssh;
        ssh.name = QStringLiteral("fx-ssh");
        ssh.kind = HostKind::Ssh;
        ssh.ssh = test::keyEndpoint(Fixtures::instance().sshTargetPort());
        ssh.knownHostsFile = knownHosts;
        QVERIFY_RESULT(config::saveHostsFile(paths.hostsFile(), {ssh}));
        {
            QSettings s(paths.settingsFile(), QSettings::IniFormat);
            s.setValue(QStringLiteral("receiver/enabled"), true);
            s.setValue(QStringLiteral("receiver/address"), QStringLiteral("127.0.0.1:0"));
            s.setValue(QStringLiteral("refresh/intervalSec"), 2);
        }

        ui::DesktopApp app(paths);
        app.start(true);
        QVERIFY(QTest::qWaitForWindowExposed(app.window()));
        // The token comes from the OS keychain asynchronously (none here: memory only).
        QTRY_VERIFY2_WITH_TIMEOUT(app.receiver() && app.receiver()->isListening(), "the receiver should listen", 20000);
        const QByteArray token = app.currentReceiverToken();
        QVERIFY(!token.isEmpty());
        // The receiver and the store's connection live on the agent worker, not the GUI thread.
        QVERIFY(app.agentThread() != QThread::currentThread());
        QCOMPARE(app.receiver()->thread(), app.agentThread());
        QTRY_COMPARE(app.storeService()->connectionThread(), app.agentThread());

        // The real agent posts a report into the app's receiver (the app's event loop keeps
        // running while the script does).
        QProcess agent;
        QProcessEnvironment env;
        env.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
        env.insert(QStringLiteral("HOME"), dir.path());
        env.insert(QStringLiteral("ARCHNEST_AGENT_CONFIG"), dir.filePath(QStringLiteral("absent.env")));
        env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix://") + Fixtures::instance().dockerSocket());
        env.insert(QStringLiteral("ARCHNEST_URL"), QStringLiteral("http://127.0.0.1:%1").arg(app.receiver()->port()));
        env.insert(QStringLiteral("ARCHNEST_AGENT_TOKEN"), QString::fromLatin1(token));
        env.insert(QStringLiteral("ARCHNEST_HOST_ID"), QStringLiteral("fx-agent"));
        agent.setProcessEnvironment(env);
        agent.start(QStringLiteral("bash"), {qEnvironmentVariable("ARCHNEST_SOURCE_DIR") +
                                             QStringLiteral("/resources/agent/archnest-docker-agent.sh")});
        QVERIFY(agent.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(agent.state() == QProcess::NotRunning, 90000);
        QVERIFY2(agent.exitCode() == 0, agent.readAllStandardError().constData());
        QCOMPARE(app.lastIngestThread(), app.agentThread()); // parsed, validated and stored there

        // Both hosts' containers in one table.
        const ui::ContainersModel *model = app.containersModel();
        QTRY_VERIFY_WITH_TIMEOUT(rowNamed(model, QStringLiteral("fx-agent"), QStringLiteral("fx-running")) >= 0, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(rowNamed(model, QStringLiteral("fx-ssh"), QStringLiteral("fx-running")) >= 0, 120000);
        QVERIFY(rowNamed(model, QStringLiteral("fx-ssh"), QStringLiteral("fx-stopped")) >= 0);
        QVERIFY(rowNamed(model, QStringLiteral("fx-agent"), QStringLiteral("fx-paused")) >= 0);
        QVERIFY(app.hostListModel()->indexOfHost(QStringLiteral("fx-agent")).isValid());
        QVERIFY(app.hostListModel()->indexOfHost(QStringLiteral("fx-ssh")).isValid());
        QCOMPARE(app.hostListModel()->entry(QStringLiteral("fx-ssh"))->status, HostStatus::Connected);
        QVERIFY(!model->hostCapabilities(QStringLiteral("fx-agent")).canManage);
        QVERIFY(model->hostCapabilities(QStringLiteral("fx-ssh")).canManage);

        // A detail tab for each.
        for (const QString &host : {QStringLiteral("fx-ssh"), QStringLiteral("fx-agent")}) {
            const ContainerSummary &c = model->at(rowNamed(model, host, QStringLiteral("fx-running")));
            ui::ContainerDetailTab *tab = app.window()->openDetail(host, c.id, c.name);
            QCOMPARE(app.window()->tabs()->currentWidget(), static_cast<QWidget *>(tab));
            QTRY_VERIFY_WITH_TIMEOUT(tab->hasDetail(), 60000);
            QCOMPARE(tab->detail().summary.name, QStringLiteral("fx-running"));
            // Reveal is offered on the managed SSH host only, never on the agent host.
            QCOMPARE(tab->envRevealButton()->isEnabled(), host == QStringLiteral("fx-ssh"));
            QVERIFY(!tab->detail().summary.image.isEmpty());
            QVERIFY(tab->detailTree()->topLevelItemCount() >= 5);
            // The logs section reads through the same source (the agent cannot know logs).
            tab->sections()->setCurrentWidget(tab->logPanel());
            QTRY_VERIFY_WITH_TIMEOUT(tab->logPanel()->hasLoaded(), 5000);
            if (host == QStringLiteral("fx-ssh"))
                QTRY_VERIFY_WITH_TIMEOUT(!tab->logPanel()->noteLabel()->text().startsWith(QStringLiteral("Loading")),
                                         60000);
            if (const QString grabDir = qEnvironmentVariable("ARCHNEST_UI_GRAB_DIR"); !grabDir.isEmpty())
                app.window()->grab().save(grabDir + QStringLiteral("/logs-%1.png").arg(host));
        }
        QCOMPARE(app.window()->detailTabCount(), 2);
    }

    void envIsMaskedAndRevealedOnlyOnManagedHosts()
    {
        // A container with a secret-looking variable, on the real daemon behind the real sshd.
        const QString name = Fixtures::uniqueName(QStringLiteral("ui-env"));
        const auto run = Fixtures::instance().docker(
            {QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("none"),
             QStringLiteral("--name"), name, QStringLiteral("-e"), QStringLiteral("DB_PASSWORD=s3cr3t-ui-value"),
             QStringLiteral("-e"), QStringLiteral("APP_MODE=demo"), Fixtures::instance().image(),
             QStringLiteral("sleep"), QStringLiteral("600")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const auto cleanup = qScopeGuard([&] {
            Fixtures::instance().docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
        });

        QTemporaryDir dir;
        const AppPaths paths(dir.filePath(QStringLiteral("config")), dir.filePath(QStringLiteral("data")));
        QString error;
        QVERIFY2(paths.ensureExists(&error), qPrintable(error));
        const QString knownHosts = dir.filePath(QStringLiteral("known_hosts"));
        QVERIFY(QFile::copy(test::fxValue("ARCHNEST_FX_SSH_KNOWN_HOSTS"), knownHosts));
        HostConfig ssh;
        ssh.name = QStringLiteral("fx-ssh");
        ssh.kind = HostKind::Ssh;
        ssh.ssh = test::keyEndpoint(Fixtures::instance().sshTargetPort());
        ssh.knownHostsFile = knownHosts;
        QVERIFY_RESULT(config::saveHostsFile(paths.hostsFile(), {ssh}));
        ui::DesktopApp app(paths);
        app.start(false);
        const ui::ContainersModel *model = app.containersModel();
        QTRY_VERIFY_WITH_TIMEOUT(rowNamed(model, QStringLiteral("fx-ssh"), name) >= 0, 120000);
        const ContainerSummary &c = model->at(rowNamed(model, QStringLiteral("fx-ssh"), name));
        ui::ContainerDetailTab *tab = app.window()->openDetail(QStringLiteral("fx-ssh"), c.id, c.name);
        QTRY_VERIFY_WITH_TIMEOUT(tab->hasDetail(), 60000);
        int row = -1;
        for (int r = 0; r < tab->envTable()->rowCount(); ++r)
            if (tab->envTable()->item(r, 0)->text() == QStringLiteral("DB_PASSWORD"))
                row = r;
        QVERIFY(row >= 0);
        QVERIFY(!tab->envTable()->item(row, 1)->text().contains(QStringLiteral("s3cr3t")));
        tab->revealEnv(row);
        QTRY_COMPARE_WITH_TIMEOUT(tab->envTable()->item(row, 1)->text(), QStringLiteral("s3cr3t-ui-value"), 60000);
    }

    void unknownHostKeyIsAskedThroughTheGuiInteraction()
    {
        // An empty known_hosts: the real SSH source asks GuiSshInteraction, whose test hook
        // answers "accept once"; the host then lists and nothing is written to known_hosts.
        QTemporaryDir dir;
        const AppPaths paths(dir.filePath(QStringLiteral("config")), dir.filePath(QStringLiteral("data")));
        QString error;
        QVERIFY2(paths.ensureExists(&error), qPrintable(error));
        const QString knownHosts = dir.filePath(QStringLiteral("known_hosts"));
        QFile empty(knownHosts);
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        HostConfig ssh;
        ssh.name = QStringLiteral("fx-new-key");
        ssh.kind = HostKind::Ssh;
        ssh.ssh = test::keyEndpoint(Fixtures::instance().sshTargetPort());
        ssh.knownHostsFile = knownHosts;
        QVERIFY_RESULT(config::saveHostsFile(paths.hostsFile(), {ssh}));

        const int asked = ui::GuiSshInteraction::hostKeyQuestionCount();
        ui::GuiSshInteraction::setNextHostKeyDecision(ssh::HostKeyDecision::AcceptOnce);
        ui::DesktopApp app(paths);
        app.start(false);
        const ui::ContainersModel *model = app.containersModel();
        QTRY_VERIFY_WITH_TIMEOUT(rowNamed(model, QStringLiteral("fx-new-key"), QStringLiteral("fx-running")) >= 0,
                                 120000);
        QCOMPARE(ui::GuiSshInteraction::hostKeyQuestionCount(), asked + 1);
        const ssh::HostKeyQuestion q = ui::GuiSshInteraction::lastHostKeyQuestion();
        QCOMPARE(q.port, Fixtures::instance().sshTargetPort());
        QVERIFY(q.fingerprintSha256.startsWith(QStringLiteral("SHA256:")));
        QVERIFY(!q.keyType.isEmpty());
        QFile kh(knownHosts);
        QVERIFY(kh.open(QIODevice::ReadOnly));
        QVERIFY2(kh.readAll().trimmed().isEmpty(), "accept once must not save the key");
    }
};

QTEST_MAIN(TestUiEndToEnd)
#include "tst_ui_e2e.moc"
