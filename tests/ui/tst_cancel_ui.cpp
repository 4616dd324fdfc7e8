// Long operations in the desktop, offscreen, against the real fixture dockerd (Engine API over
// its unix socket) and a loopback TCP server that accepts and never answers (a host whose SSH
// handshake hangs): the status bar shows determinate progress for a bulk action and its Cancel
// (button or Esc) cancels it, with a summary of succeeded / failed / cancelled; a cancelled
// refresh is not a host error; the host dialog's test button turns into Cancel while testing;
// the log panel's "Loading logs…" has a Cancel. Set ARCHNEST_CANCEL_SCREENSHOT=/tmp/x.png to
// save the window while the bulk action runs.
#include "ApiTestSupport.h"
#include "HostsController.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "dialogs/HostDialog.h"
#include "docker/api/DockerApiContainerSource.h"
#include "docker/sshcli/SshCliContainerSource.h"
#include "logs/LogPanel.h"
#include "models/ContainersModel.h"
#include "models/HostListModel.h"

#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace archnest;
using namespace archnest::test;
using namespace archnest::ui;

namespace {

// Accepts TCP connections on 127.0.0.1 and never sends a byte: an SSH handshake there hangs.
class SilentServer final : public QTcpServer
{
public:
    SilentServer()
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                s->setParent(this); // kept open, never answered
                ++m_accepted;
            }
        });
    }
    int accepted() const { return m_accepted; }

private:
    int m_accepted = 0;
};

HostConfig silentSshHost(quint16 port)
{
    HostConfig h;
    h.name = QStringLiteral("silent-ssh");
    h.kind = HostKind::Ssh;
    h.ssh.host = QStringLiteral("127.0.0.1");
    h.ssh.port = port;
    h.ssh.user = QStringLiteral("nobody");
    h.ssh.auth.methods = {QStringLiteral("password")};
    return h;
}

HostsController::SourceFactory realFactory()
{
    return [](const HostConfig &host, QObject *parent) -> Result<ContainerSource *> {
        if (host.kind == HostKind::Ssh)
            return static_cast<ContainerSource *>(new SshCliContainerSource(host, nullptr, parent));
        return static_cast<ContainerSource *>(new DockerApiContainerSource(host, parent));
    };
}

} // namespace

class TestCancelUi final : public QObject
{
    Q_OBJECT

    QStringList m_created;

    // How many of `names` the daemon has been asked to stop since `since` (its "kill" events:
    // a stop first sends SIGTERM, which these containers ignore).
    int stopsReceived(const QStringList &names, const QString &since)
    {
        QStringList args{QStringLiteral("events"),
                         QStringLiteral("--since"),
                         since,
                         QStringLiteral("--until"),
                         QString::number(QDateTime::currentSecsSinceEpoch() + 1),
                         QStringLiteral("--filter"),
                         QStringLiteral("event=kill"),
                         QStringLiteral("--format"),
                         QStringLiteral("{{.Actor.Attributes.name}}")};
        const auto r = dockerOn(Fixtures::instance().dockerSocket(), args, 20000);
        int n = 0;
        for (const QString &name : names)
            n += QString::fromUtf8(r.out).split(QLatin1Char('\n')).contains(name) ? 1 : 0;
        return n;
    }

    QString stubborn()
    {
        const QString name = Fixtures::uniqueName(QStringLiteral("uicancel"));
        const auto r =
            dockerOn(Fixtures::instance().dockerSocket(),
                     {QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("none"),
                      QStringLiteral("--name"), name, Fixtures::instance().image(), QStringLiteral("sh"),
                      QStringLiteral("-c"), QStringLiteral("trap '' TERM; while true; do sleep 1; done")});
        if (r.exitCode != 0)
            qWarning("docker run failed: %s", r.err.constData());
        m_created << name;
        return name;
    }

    static QList<SelectedContainer> select(const QString &host, const QStringList &names)
    {
        QList<SelectedContainer> out;
        for (const QString &n : names) {
            SelectedContainer s;
            s.host = host;
            s.ref = n;
            s.name = n;
            s.state = ContainerState::Running;
            s.caps = {true, {}};
            out << s;
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DOCKER_SOCK");
        QStandardPaths::setTestModeEnabled(true);
    }

    void cleanupTestCase()
    {
        if (!m_created.isEmpty())
            dockerOn(Fixtures::instance().dockerSocket(),
                     QStringList{QStringLiteral("rm"), QStringLiteral("-f")} << m_created);
    }

    void bulkActionShowsProgressAndCancelCancels()
    {
        ContainersModel containers;
        HostListModel hosts;
        HostsController controller(&containers, &hosts, realFactory());
        const HostConfig api = apiHost(QStringLiteral("unix"));
        controller.addHost(api);
        MainWindow w(&controller);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(!w.progressIndicator()->isVisible());

        QStringList names;
        for (int i = 0; i < 6; ++i)
            names << stubborn();
        QSignalSpy listed(&controller, &HostsController::hostRefreshed);
        controller.refreshHost(api.name);
        QTRY_VERIFY_WITH_TIMEOUT(listed.count() > 0, 30000);
        QSignalSpy finished(&controller, &HostsController::actionFinished);
        QSignalSpy progress(&controller, &HostsController::actionProgress);
        const QString since = QString::number(QDateTime::currentSecsSinceEpoch() - 1);
        controller.perform(ContainerAction::Stop, select(api.name, names));

        // Determinate progress with Cancel; the rest wait in the queue (at most 4 run at once).
        QVERIFY(w.progressIndicator()->isVisible());
        QVERIFY(w.progressCancelButton()->isVisible());
        QCOMPARE(w.progressBar()->maximum(), 6);
        QCOMPARE(w.progressBar()->value(), 0);
        QCOMPARE(w.progressBar()->format(), QStringLiteral("Stopping 0 of 6…"));
        QVERIFY(progress.count() >= 1);
        // The first four stops reach the daemon, which then waits its 10 s stop timeout.
        QVERIFY(QTest::qWaitFor([&] { return stopsReceived(names, since) >= 4; }, 30000));
        QCOMPARE(finished.count(), 0);
        const QString shot = qEnvironmentVariable("ARCHNEST_CANCEL_SCREENSHOT");
        if (!shot.isEmpty())
            QVERIFY(w.grab().save(shot));

        QTest::mouseClick(w.progressCancelButton(), Qt::LeftButton);
        QVERIFY(!w.progressCancelButton()->isEnabled()); // one cancel is enough
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        const QString summary = finished.at(0).at(0).toString();
        QVERIFY2(summary.startsWith(QStringLiteral("Stop: 0 succeeded, 0 failed, 6 cancelled.")), qPrintable(summary));
        QCOMPARE(finished.at(0).at(1).toBool(), true); // nothing failed
        QVERIFY(!w.progressIndicator()->isVisible());
        QVERIFY2(w.statusBar()->currentMessage().contains(QLatin1String("6 cancelled")),
                 qPrintable(w.statusBar()->currentMessage()));
        QVERIFY(!controller.hasActionsRunning());

        // Esc while the indicator has focus cancels too; a real failure is reported with host
        // and reason next to the cancelled ones.
        // Fresh containers: the daemon may still be running the cancelled stops of the others.
        QList<SelectedContainer> sel = select(api.name, {stubborn(), stubborn()});
        sel << select(api.name, {QStringLiteral("no-such-container-xyz")});
        controller.perform(ContainerAction::Restart, sel);
        QVERIFY(w.progressIndicator()->isVisible());
        QCOMPARE(w.progressBar()->format(), QStringLiteral("Restarting 0 of 3…"));
        // The missing container fails fast.
        QTRY_COMPARE_WITH_TIMEOUT(w.progressBar()->value(), 1, 20000);
        w.activateWindow();
        QVERIFY(w.progressCancelButton()->isEnabled()); // a new bulk run can be cancelled again
        w.progressCancelButton()->setFocus();
        QTRY_VERIFY_WITH_TIMEOUT(w.progressCancelButton()->hasFocus(), 5000);
        QTest::keyClick(w.progressCancelButton(), Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
        const QString second = finished.at(1).at(0).toString();
        QVERIFY2(second.startsWith(QStringLiteral("Restart: 0 succeeded, 1 failed, 2 cancelled.")), qPrintable(second));
        QVERIFY2(second.contains(QLatin1String("no-such-container-xyz")) && second.contains(api.name),
                 qPrintable(second));
        QCOMPARE(finished.at(1).at(1).toBool(), false);
        QVERIFY2(w.statusBar()->currentMessage().contains(QLatin1String("no-such-container-xyz")),
                 qPrintable(w.statusBar()->currentMessage()));

        // The host still works and is not in an error state.
        QSignalSpy refreshed(&controller, &HostsController::hostRefreshed);
        controller.refreshHost(api.name);
        QTRY_VERIFY_WITH_TIMEOUT(refreshed.count() > 0, 30000);
        QVERIFY(controller.source(api.name)->status() != HostStatus::Error);
    }

    void cancelledRefreshIsNotAnError()
    {
        ContainersModel containers;
        HostListModel hosts;
        HostsController controller(&containers, &hosts, realFactory());
        SilentServer silent;
        QVERIFY(silent.isListening());
        const HostConfig h = silentSshHost(silent.serverPort());
        controller.addHost(h);
        MainWindow w(&controller);
        w.setRefreshIndicatorDelayMs(0);
        w.show();
        QSignalSpy failed(&controller, &HostsController::hostFailed);
        controller.refreshHost(h.name);
        QVERIFY(controller.isRefreshing(h.name));
        // Busy indicator for the refresh, with Cancel.
        QTRY_VERIFY_WITH_TIMEOUT(w.progressIndicator()->isVisible(), 5000);
        QCOMPARE(w.progressBar()->maximum(), 0);
        QTest::mouseClick(w.progressCancelButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!controller.isRefreshing(h.name), 10000);
        QCOMPARE(failed.count(), 0);
        QVERIFY(hosts.entry(h.name) && hosts.entry(h.name)->status != HostStatus::Error);
        QVERIFY(!w.progressIndicator()->isVisible());
    }

    void hostDialogTestButtonBecomesCancel()
    {
        ContainersModel containers;
        HostListModel hosts;
        HostsController controller(&containers, &hosts, realFactory());
        SilentServer silent;
        QVERIFY(silent.isListening());

        HostDialog d(HostKind::Ssh, {});
        d.nameEdit()->setText(QStringLiteral("silent-ssh"));
        d.hostEdit()->setText(QStringLiteral("127.0.0.1"));
        d.portSpin()->setValue(silent.serverPort());
        d.userEdit()->setText(QStringLiteral("nobody"));
        std::optional<QString> controllerAnswer;
        quint64 testId = 0;
        d.setTester([&](const HostConfig &host, std::function<void(bool, QString)> done) {
            testId = controller.testConnection(host, [&controllerAnswer, done](bool ok, QString message) {
                controllerAnswer = message;
                done(ok, message);
            });
        });
        d.setTestCanceller([&] { controller.cancelTestConnection(testId); });
        d.show();
        QCOMPARE(d.testButton()->text(), QStringLiteral("&Test connection"));
        QTest::mouseClick(d.testButton(), Qt::LeftButton);
        QVERIFY(d.isTesting());
        QCOMPARE(d.testButton()->text(), QStringLiteral("Cancel &test"));
        QVERIFY(d.testButton()->isEnabled());
        QVERIFY(d.resultLabel()->text().contains(QLatin1String("Connecting to silent-ssh")));
        QTRY_VERIFY_WITH_TIMEOUT(silent.accepted() > 0, 10000); // the handshake is under way (and hangs)
        QVERIFY(!controllerAnswer);

        QTest::mouseClick(d.testButton(), Qt::LeftButton);
        QVERIFY(!d.isTesting());
        QCOMPARE(d.testButton()->text(), QStringLiteral("&Test connection"));
        QCOMPARE(d.resultLabel()->text(), QStringLiteral("Test of silent-ssh cancelled."));
        // The controller's probe is given up promptly too (not after the 15 s connect timeout).
        QTRY_VERIFY_WITH_TIMEOUT(controllerAnswer.has_value(), 10000);
        QCOMPARE(*controllerAnswer, QStringLiteral("Test of silent-ssh cancelled."));
        QCOMPARE(d.resultLabel()->text(), QStringLiteral("Test of silent-ssh cancelled."));

        // Esc while testing cancels the test, not the dialog.
        controllerAnswer.reset();
        QTest::mouseClick(d.testButton(), Qt::LeftButton);
        QVERIFY(d.isTesting());
        QTest::keyClick(&d, Qt::Key_Escape);
        QVERIFY(!d.isTesting());
        QVERIFY(d.isVisible());
        QCOMPARE(d.nameEdit()->text(), QStringLiteral("silent-ssh"));
        QTRY_VERIFY_WITH_TIMEOUT(controllerAnswer.has_value(), 10000);
        // Without a test running, Esc closes the dialog as usual.
        QTest::keyClick(&d, Qt::Key_Escape);
        QVERIFY(!d.isVisible());

        // Without a canceller the dialog still stops waiting, and ignores the late answer.
        HostDialog d2(HostKind::Ssh, {});
        d2.nameEdit()->setText(QStringLiteral("late"));
        d2.hostEdit()->setText(QStringLiteral("127.0.0.1"));
        std::function<void(bool, QString)> pending;
        d2.setTester([&](const HostConfig &, std::function<void(bool, QString)> done) { pending = done; });
        QTest::mouseClick(d2.testButton(), Qt::LeftButton);
        QVERIFY(d2.isTesting());
        QTest::mouseClick(d2.testButton(), Qt::LeftButton);
        QVERIFY(pending);
        pending(true, QStringLiteral("Connected to late: 3 containers."));
        QCOMPARE(d2.resultLabel()->text(), QStringLiteral("Test of late cancelled."));
    }

    void logPanelLoadingHasCancel()
    {
        SilentServer silent;
        QVERIFY(silent.isListening());
        SshCliContainerSource source(silentSshHost(silent.serverPort()), nullptr);
        LogPanel panel(&source, QStringLiteral("web"));
        QSignalSpy loaded(&panel, &LogPanel::loaded);
        panel.show(); // the first show loads
        QVERIFY(panel.isLoading());
        QCOMPARE(panel.noteLabel()->text(), QStringLiteral("Loading logs…"));
        QVERIFY(panel.cancelLoadButton()->isVisible());
        QTest::mouseClick(panel.cancelLoadButton(), Qt::LeftButton);
        QVERIFY(!panel.isLoading());
        QVERIFY(!panel.cancelLoadButton()->isVisible());
        QVERIFY2(panel.noteLabel()->text().contains(QLatin1String("cancelled")) &&
                     panel.noteLabel()->text().contains(QLatin1String("silent-ssh")),
                 qPrintable(panel.noteLabel()->text()));
        // Esc while the panel has focus cancels as well.
        panel.reload();
        QVERIFY(panel.isLoading());
        panel.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        panel.tailSpin()->setFocus();
        QTRY_VERIFY_WITH_TIMEOUT(panel.tailSpin()->hasFocus(), 5000);
        QTest::keyClick(panel.tailSpin(), Qt::Key_Escape);
        QVERIFY(!panel.isLoading());
        source.cancelPending(); // frees the session's queue before it goes away
    }
};

QTEST_MAIN(TestCancelUi)
#include "tst_cancel_ui.moc"
