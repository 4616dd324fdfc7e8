// Failing hosts in the desktop (DesktopApp with real sources against the sshd + dockerd
// fixtures): an unreachable SSH host (a closed loopback port; a loopback port whose packets an
// iptables rule drops) is retried with a growing delay, is not "refreshing", reports one error
// once and shows an error card (what, when, next retry, Retry / Edit host); a rejected host key
// is remembered for the session (no prompt every refresh) and shown as "host key rejected —
// Trust key…"; editing a host back to a working address clears the old error and keeps the
// sidebar selection; quitting hangs up every Engine API exec terminal.
#include "ApiTestSupport.h"
#include "DesktopApp.h"
#include "Fixtures.h"
#include "HostsController.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "config/HostsFile.h"
#include "dialogs/GuiSshInteraction.h"
#include "dialogs/HostKeyDialog.h"
#include "logs/LogPanel.h"
#include "logs/LogView.h"
#include "models/ContainersModel.h"
#include "models/HostListModel.h"
#include "pages/ContainerDetailTab.h"
#include "pages/ContainersPage.h"
#include "pages/HostErrorCard.h"
#include "pages/TerminalTab.h"
#include "terminal/TerminalSession.h"
#include "tst_ssh_support.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <memory>

using namespace archnest;
using archnest::test::Fixtures;

namespace {

// A loopback port outside the ephemeral range that nothing listens on, reserved machine-wide
// (as the fixtures reserve theirs, tests/fixtures/lib.sh) while the object lives.
class ClosedPort final
{
public:
    explicit ClosedPort(const QString &owner)
    {
        const QString root = QStringLiteral("/tmp/archnest-port-reservations");
        QDir().mkpath(root);
        for (int attempt = 0; attempt < 200 && m_port == 0; ++attempt) {
            const int port = 10000 + int(QRandomGenerator::global()->bounded(22000));
            const QString dir = root + QLatin1Char('/') + QString::number(port);
            if (!QDir().mkdir(dir))
                continue;
            QFile o(dir + QStringLiteral("/owner"));
            if (o.open(QIODevice::WriteOnly))
                o.write((owner + QStringLiteral("|closed-port")).toUtf8());
            o.close();
            QTcpServer probe;
            if (probe.listen(QHostAddress::LocalHost, quint16(port))) {
                probe.close();
                m_port = port;
                m_dir = dir;
            } else {
                QDir(dir).removeRecursively();
            }
        }
    }
    ~ClosedPort()
    {
        if (!m_dir.isEmpty())
            QDir(m_dir).removeRecursively();
    }
    Q_DISABLE_COPY_MOVE(ClosedPort)
    int port() const { return m_port; }

private:
    int m_port = 0;
    QString m_dir;
};

int run(const QStringList &args)
{
    const test::ProcessOutput out = Fixtures::run(QStringLiteral("iptables"), args, 20000);
    if (out.exitCode != 0)
        qWarning("iptables %s: %s", qPrintable(args.join(QLatin1Char(' '))), out.err.constData());
    return out.exitCode;
}

// The rule that drops every packet to 127.0.0.1:port (added, then removed by the same spec).
QStringList dropRule(const QString &op, int port)
{
    return {QStringLiteral("-w"),
            op,
            QStringLiteral("OUTPUT"),
            QStringLiteral("-o"),
            QStringLiteral("lo"),
            QStringLiteral("-p"),
            QStringLiteral("tcp"),
            QStringLiteral("-d"),
            QStringLiteral("127.0.0.1"),
            QStringLiteral("--dport"),
            QString::number(port),
            QStringLiteral("-m"),
            QStringLiteral("comment"),
            QStringLiteral("--comment"),
            QStringLiteral("archnest-test-host-errors"),
            QStringLiteral("-j"),
            QStringLiteral("DROP")};
}

int rowNamed(const ui::ContainersModel *model, const QString &host, const QString &name)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->at(r).hostName == host && model->at(r).name == name)
            return r;
    return -1;
}

// ARCHNEST_EXEC_SESSION-marked processes in fx-running (the environment of each process);
// -1 when the check failed.
// Processes carrying an exec-session marker in `container` (a container of the test's own, so
// other tests' terminals running at the same time do not count).
int markedProcesses(const QString &container)
{
    const test::ProcessOutput out =
        test::dockerOn(Fixtures::instance().dockerSocket(),
                       {QStringLiteral("exec"), container, QStringLiteral("sh"), QStringLiteral("-c"),
                        QStringLiteral("grep -l ARCHNEST_EXEC_SESSION= /proc/[0-9]*/environ 2>/dev/null | wc -l")},
                       30000);
    if (out.exitCode != 0)
        return -1;
    bool ok = false;
    const int n = QString::fromUtf8(out.out).trimmed().toInt(&ok);
    return ok ? n : -1;
}

} // namespace

class TestHostErrors final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    std::unique_ptr<ui::DesktopApp> makeApp(const QString &tag, const QList<HostConfig> &hosts, int intervalSec)
    {
        const AppPaths paths(m_dir.filePath(tag + QStringLiteral("/config")),
                             m_dir.filePath(tag + QStringLiteral("/data")));
        QString error;
        if (!paths.ensureExists(&error))
            qWarning("%s", qPrintable(error));
        if (!config::saveHostsFile(paths.hostsFile(), hosts))
            qWarning("could not save the hosts file");
        {
            QSettings s(paths.settingsFile(), QSettings::IniFormat);
            s.setValue(QStringLiteral("refresh/intervalSec"), intervalSec);
        }
        auto app = std::make_unique<ui::DesktopApp>(paths);
        app->window()->setRefreshIndicatorDelayMs(0); // any refresh counted as busy shows at once
        app->start(true);
        return app;
    }

    HostConfig sshHost(const QString &name, int port) const
    {
        HostConfig h;
        h.name = name;
        h.kind = HostKind::Ssh;
        h.ssh = test::keyEndpoint(port);
        h.knownHostsFile = m_dir.filePath(QStringLiteral("known_hosts"));
        return h;
    }

    static void select(ui::DesktopApp &app, const QString &host)
    {
        app.window()->hostTree()->setCurrentIndex(app.hostListModel()->indexOfHost(host));
    }

    // Waits until `host` failed `attempts` times while sampling the status-bar busy indicator:
    // returns false (with the reason) if it ever showed once the host had failed.
    static bool retriesAreNotRefreshing(ui::DesktopApp &app, const QString &host, int attempts, int timeoutMs,
                                        QString *why)
    {
        bool busySeen = false;
        QTimer sample;
        QObject::connect(&sample, &QTimer::timeout, [&] {
            if (app.controller()->failureOf(host) && app.window()->progressIndicator()->isVisible())
                busySeen = true;
        });
        sample.start(10);
        const bool reached = QTest::qWaitFor(
            [&] {
                const auto *f = app.controller()->failureOf(host);
                return busySeen || (f && f->attempts >= attempts && !app.controller()->isRefreshing(host));
            },
            timeoutMs);
        if (busySeen)
            *why = QStringLiteral("the busy indicator showed while a failing host was retried");
        else if (!reached)
            *why = QStringLiteral("%1 did not fail %2 times in %3 ms").arg(host).arg(attempts).arg(timeoutMs);
        return reached && !busySeen;
    }

    static void checkCard(ui::DesktopApp &app, const QString &host)
    {
        select(app, host);
        ui::HostErrorCard *card = app.window()->containersPage()->errorCard();
        QTRY_VERIFY(card->isVisible());
        QVERIFY(card->titleLabel()->text().contains(host));
        QCOMPARE(card->messageLabel()->text(), app.controller()->failureOf(host)->message);
        QVERIFY2(card->timingLabel()->text().contains(QStringLiteral("Failed")) ||
                     card->timingLabel()->text().contains(QStringLiteral("Failing since")),
                 qPrintable(card->timingLabel()->text()));
        QVERIFY(card->retryButton()->isVisible());
        QVERIFY(card->editButton()->isVisible());
        QVERIFY(!card->trustKeyButton()->isVisible());
        // Another selection (all hosts) hides it.
        app.window()->hostTree()->setCurrentIndex(app.hostListModel()->allHostsIndex());
        QTRY_VERIFY(!card->isVisible());
        select(app, host);
        QTRY_VERIFY(card->isVisible());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_TARGET_PORT");
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DOCKER_SOCK");
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/archnest-no-bus");
        QVERIFY(m_dir.isValid());
        QVERIFY(
            QFile::copy(test::fxValue("ARCHNEST_FX_SSH_KNOWN_HOSTS"), m_dir.filePath(QStringLiteral("known_hosts"))));
    }

    // A closed port: refused at once. The timer retries it with a growing delay, never with the
    // busy indicator; the error reaches the status bar once; the card says what and when.
    void closedPortShowsAnErrorCardNotRefreshing()
    {
        ClosedPort closed(m_dir.path());
        QVERIFY(closed.port() > 0);
        auto app = makeApp(QStringLiteral("closed"), {sshHost(QStringLiteral("fx-closed"), closed.port())}, 1);
        QSignalSpy failed(app->controller(), &ui::HostsController::hostFailed);
        QString why;
        QVERIFY2(retriesAreNotRefreshing(*app, QStringLiteral("fx-closed"), 4, 60000, &why), qPrintable(why));
        QCOMPARE(failed.count(), 1);
        const auto *f = app->controller()->failureOf(QStringLiteral("fx-closed"));
        QVERIFY(f->nextRetry > f->lastAt);
        // The delay grows: the fourth retry is at least 8 refresh intervals after the last try.
        QVERIFY2(f->lastAt.msecsTo(f->nextRetry) >= 8000, qPrintable(f->nextRetry.toString(Qt::ISODateWithMs)));
        QVERIFY(app->window()->statusBar()->currentMessage().startsWith(QStringLiteral("fx-closed: ")));
        checkCard(*app, QStringLiteral("fx-closed"));
        ui::HostErrorCard *card = app->window()->containersPage()->errorCard();
        QVERIFY2(card->timingLabel()->text().contains(QStringLiteral("Next retry")),
                 qPrintable(card->timingLabel()->text()));
        // Retry tries now (still not "refreshing").
        const int before = f->attempts;
        QTest::mouseClick(card->retryButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(app->controller()->failureOf(QStringLiteral("fx-closed"))->attempts > before, 20000);
        QCOMPARE(failed.count(), 1);
    }

    // Packets dropped: every try waits for the connect timeout. Only the very first attempt
    // (a host not yet known to fail) counts as refreshing.
    void droppedPortShowsAnErrorCardNotRefreshing()
    {
        ClosedPort port(m_dir.path());
        QVERIFY(port.port() > 0);
        QCOMPARE(run(dropRule(QStringLiteral("-I"), port.port())), 0);
        auto removeRule = qScopeGuard([&] { run(dropRule(QStringLiteral("-D"), port.port())); });
        auto app = makeApp(QStringLiteral("dropped"), {sshHost(QStringLiteral("fx-dropped"), port.port())}, 1);
        QSignalSpy failed(app->controller(), &ui::HostsController::hostFailed);
        QTRY_VERIFY_WITH_TIMEOUT(app->controller()->failureOf(QStringLiteral("fx-dropped")), 60000);
        QString why;
        QVERIFY2(retriesAreNotRefreshing(*app, QStringLiteral("fx-dropped"), 2, 90000, &why), qPrintable(why));
        QCOMPARE(failed.count(), 1);
        checkCard(*app, QStringLiteral("fx-dropped"));
    }

    // A Reject is remembered until the app restarts: later refreshes fail without a prompt, the
    // host says "host key rejected — Trust key…", and Trust key… asks again.
    void rejectedHostKeyIsRememberedAndShown()
    {
        const QString emptyKnownHosts = m_dir.filePath(QStringLiteral("empty_known_hosts"));
        QFile empty(emptyKnownHosts);
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        HostConfig h = sshHost(QStringLiteral("fx-new-key"), Fixtures::instance().sshTargetPort());
        h.knownHostsFile = emptyKnownHosts;
        const int asked = ui::GuiSshInteraction::hostKeyQuestionCount();
        ui::GuiSshInteraction::setNextHostKeyDecision(ssh::HostKeyDecision::Reject);
        auto app = makeApp(QStringLiteral("reject"), {h}, 1);
        const QString name = h.name;
        QTRY_VERIFY_WITH_TIMEOUT(app->controller()->failureOf(name), 60000);
        QCOMPARE(ui::GuiSshInteraction::hostKeyQuestionCount(), asked + 1);
        QCOMPARE(ui::GuiSshInteraction::lastHostKeyQuestion().archnestHost, name);
        QVERIFY(app->controller()->failureOf(name)->keyRejected());
        QCOMPARE(app->hostListModel()->entry(name)->message, QStringLiteral("host key rejected — Trust key…"));

        // Refreshes go on (F5 too) without a new prompt.
        QTRY_VERIFY_WITH_TIMEOUT(app->controller()->failureOf(name)->attempts >= 3, 60000);
        app->controller()->refreshAll();
        QTRY_VERIFY_WITH_TIMEOUT(
            app->controller()->failureOf(name)->attempts >= 4 && !app->controller()->isRefreshing(name), 60000);
        QCOMPARE(ui::GuiSshInteraction::hostKeyQuestionCount(), asked + 1);

        select(*app, name);
        ui::HostErrorCard *card = app->window()->containersPage()->errorCard();
        QTRY_VERIFY(card->isVisible());
        QVERIFY(card->trustKeyButton()->isVisible());
        QVERIFY(card->titleLabel()->text().contains(QStringLiteral("host key rejected")));

        // Trust key…: the prompt comes back; accepting once lists the containers.
        ui::GuiSshInteraction::setNextHostKeyDecision(ssh::HostKeyDecision::AcceptOnce);
        QTest::mouseClick(card->trustKeyButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(rowNamed(app->containersModel(), name, QStringLiteral("fx-running")) >= 0, 60000);
        QCOMPARE(ui::GuiSshInteraction::hostKeyQuestionCount(), asked + 2);
        QVERIFY(!app->controller()->failureOf(name));
        QTRY_VERIFY(!card->isVisible());
    }

    // Editing a failing host back to a working address: the old error leaves the status bar and
    // the sidebar, and the edited host stays selected.
    void editingBackToAWorkingHostClearsTheError()
    {
        ClosedPort closed(m_dir.path());
        QVERIFY(closed.port() > 0);
        HostConfig other = sshHost(QStringLiteral("a-other"), Fixtures::instance().sshTargetPort());
        HostConfig broken = sshHost(QStringLiteral("b-edited"), closed.port());
        auto app = makeApp(QStringLiteral("edit"), {other, broken}, 30);
        QTRY_VERIFY_WITH_TIMEOUT(app->controller()->failureOf(broken.name), 60000);
        select(*app, broken.name);
        QCOMPARE(app->window()->hostTree()->currentIndex().data(ui::HostListModel::HostNameRole).toString(),
                 broken.name);
        QVERIFY(app->window()->statusBar()->currentMessage().startsWith(broken.name + QStringLiteral(": ")));

        HostConfig fixed = broken;
        fixed.ssh.port = Fixtures::instance().sshTargetPort();
        app->controller()->addHost(fixed); // what the host dialog's OK does
        app->controller()->refreshHost(fixed.name);
        QCOMPARE(app->window()->hostTree()->currentIndex().data(ui::HostListModel::HostNameRole).toString(),
                 broken.name);
        QTRY_VERIFY_WITH_TIMEOUT(rowNamed(app->containersModel(), fixed.name, QStringLiteral("fx-running")) >= 0,
                                 60000);
        QVERIFY2(!app->window()->statusBar()->currentMessage().startsWith(broken.name),
                 qPrintable(app->window()->statusBar()->currentMessage()));
        QCOMPARE(app->hostListModel()->entry(fixed.name)->status, HostStatus::Connected);
        QVERIFY(!app->window()->containersPage()->errorCard()->isVisible());
        QCOMPARE(app->window()->hostTree()->currentIndex().data(ui::HostListModel::HostNameRole).toString(),
                 broken.name);
    }

    // A detail tab whose container is `rm -f`'d, or whose host is removed: the header no longer
    // says "running", a followed log ends with a note, Exec is disabled.
    void detailTabOfARemovedContainerOrHostEnds()
    {
        HostConfig api = test::apiHost(QStringLiteral("unix"));
        api.name = QStringLiteral("fx-api");
        auto app = makeApp(QStringLiteral("gone"), {api}, 1);
        const QString name = Fixtures::uniqueName(QStringLiteral("gonetab"));
        const auto run = test::dockerOn(Fixtures::instance().dockerSocket(),
                                        {QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"),
                                         QStringLiteral("none"), QStringLiteral("--name"), name,
                                         Fixtures::instance().image(), QStringLiteral("sh"), QStringLiteral("-c"),
                                         QStringLiteral("while true; do echo tick; sleep 0.2; done")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        auto cleanup = qScopeGuard([&] {
            test::dockerOn(Fixtures::instance().dockerSocket(), {QStringLiteral("rm"), QStringLiteral("-f"), name});
        });
        auto openTab = [&](const QString &container) -> ui::ContainerDetailTab * {
            if (!QTest::qWaitFor([&] { return rowNamed(app->containersModel(), api.name, container) >= 0; }, 60000))
                return nullptr;
            const ContainerSummary &c =
                app->containersModel()->at(rowNamed(app->containersModel(), api.name, container));
            ui::ContainerDetailTab *tab = app->window()->openDetail(api.name, c.id, c.name);
            if (!QTest::qWaitFor([&] { return tab->hasDetail(); }, 60000))
                return nullptr;
            tab->sections()->setCurrentWidget(tab->logPanel());
            tab->logPanel()->followBox()->setChecked(true);
            return tab;
        };
        auto checkEnded = [](ui::ContainerDetailTab *tab) {
            QTRY_VERIFY_WITH_TIMEOUT(tab->isGone(), 30000);
            // No state dot ("● running Up …") any more; it says the container is gone.
            QVERIFY2(!tab->titleLabel()->text().contains(QStringLiteral("●")) &&
                         tab->titleLabel()->text().contains(QStringLiteral("gone")),
                     qPrintable(tab->titleLabel()->text()));
            QVERIFY(!tab->execAction()->isEnabled());
            QVERIFY(!tab->logPanel()->followBox()->isChecked());
            QVERIFY2(tab->logPanel()->noteLabel()->text().contains(QStringLiteral("Follow ended")),
                     qPrintable(tab->logPanel()->noteLabel()->text()));
        };

        ui::ContainerDetailTab *tab = openTab(name);
        QVERIFY(tab);
        QVERIFY(tab->titleLabel()->text().contains(QStringLiteral("●")));
        QVERIFY(tab->execAction()->isEnabled());
        QVERIFY(test::dockerOn(Fixtures::instance().dockerSocket(), {QStringLiteral("rm"), QStringLiteral("-f"), name})
                    .exitCode == 0);
        checkEnded(tab);
        if (QTest::currentTestFailed())
            return;

        ui::ContainerDetailTab *other = openTab(QStringLiteral("fx-running"));
        QVERIFY(other);
        QVERIFY(other->titleLabel()->text().contains(QStringLiteral("●")));
        app->controller()->removeHost(api.name);
        checkEnded(other);
    }

    // Quitting (the app object goes) hangs up every Engine API exec terminal, as closing its tab
    // does: no ARCHNEST_EXEC_SESSION process stays in the container.
    void quitHangsUpEngineApiTerminals()
    {
        HostConfig api = test::apiHost(QStringLiteral("unix"));
        api.name = QStringLiteral("fx-api");
        const QString name = Fixtures::uniqueName(QStringLiteral("quit"));
        const QString socket = Fixtures::instance().dockerSocket();
        QCOMPARE(
            test::dockerOn(socket, {QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"),
                                    QStringLiteral("none"), QStringLiteral("--name"), name,
                                    Fixtures::instance().image(), QStringLiteral("sleep"), QStringLiteral("86400")})
                .exitCode,
            0);
        const auto removeContainer = qScopeGuard([&] {
            test::dockerOn(socket, {QStringLiteral("rm"), QStringLiteral("-f"), name});
        });
        auto app = makeApp(QStringLiteral("quit"), {api}, 30);
        QTRY_VERIFY_WITH_TIMEOUT(rowNamed(app->containersModel(), api.name, name) >= 0, 60000);
        QCOMPARE(markedProcesses(name), 0);
        const ContainerSummary &c = app->containersModel()->at(rowNamed(app->containersModel(), api.name, name));
        QList<ui::TerminalTab *> tabs;
        for (int i = 0; i < 3; ++i)
            tabs << app->window()->openTerminal(api.name, c.id, c.name);
        for (ui::TerminalTab *t : tabs) {
            QVERIFY(t);
            QTRY_COMPARE_WITH_TIMEOUT(t->session()->state(), ui::TerminalSession::State::Running, 30000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(markedProcesses(name) >= 3, 30000);
        app.reset();
        QTRY_COMPARE_WITH_TIMEOUT(markedProcesses(name), 0, 15000);
    }

#ifdef ARCHNEST_SHOTS
    // Not a check (built only into shot_host_errors, run by scripts/screenshot.sh --shot): the
    // error card of an unreachable host, the host-key prompt, and a followed log with stderr
    // lines in their colour, saved to ARCHNEST_SHOT_DIR.
    void screenshots()
    {
        const QString outDir = qEnvironmentVariable("ARCHNEST_SHOT_DIR");
        QVERIFY2(!outDir.isEmpty(), "set ARCHNEST_SHOT_DIR to the folder for the screenshots");
        ClosedPort closed(m_dir.path());
        HostConfig api = test::apiHost(QStringLiteral("unix"));
        api.name = QStringLiteral("local-engine");
        auto app = makeApp(QStringLiteral("shots"), {api, sshHost(QStringLiteral("db-eu-2"), closed.port())}, 10);
        app->window()->resize(1100, 640);
        QTRY_VERIFY_WITH_TIMEOUT(app->controller()->failureOf(QStringLiteral("db-eu-2")), 60000);
        select(*app, QStringLiteral("db-eu-2"));
        QTRY_VERIFY(app->window()->containersPage()->errorCard()->isVisible());
        QTest::qWait(300); // let the layout settle before the picture
        QVERIFY(app->window()->grab().save(outDir + QStringLiteral("/host-error-card.png")));

        ssh::HostKeyQuestion q;
        q.archnestHost = QStringLiteral("web-1.prod");
        q.host = QStringLiteral("127.0.0.1");
        q.port = Fixtures::instance().sshTargetPort();
        q.keyType = QStringLiteral("ssh-ed25519");
        q.fingerprintSha256 = QStringLiteral("SHA256:3Jx1y8cK9QvHn0bLr2mT7pWq5sE4dF6gH8jK1lZ0xCv");
        q.hopIndex = 1;
        q.hopCount = 2;
        ui::HostKeyDialog dialog(q);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::qWait(300); // a picture, not a check: let the last paint land
        QVERIFY(dialog.grab().save(outDir + QStringLiteral("/host-key-prompt.png")));
        dialog.reject();

        // A real container writing to both streams, followed through the Engine API source.
        const QString name = Fixtures::uniqueName(QStringLiteral("shotlogs"));
        const auto run = test::dockerOn(
            Fixtures::instance().dockerSocket(),
            {QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("none"),
             QStringLiteral("--name"), name, Fixtures::instance().image(), QStringLiteral("sh"), QStringLiteral("-c"),
             QStringLiteral("i=0; while [ $i -lt 30 ]; do echo \"worker: processed batch $i (42 items)\"; "
                            "[ $((i % 4)) = 3 ] && echo \"ERROR batch $i: upstream timed out, retrying\" >&2; "
                            "i=$((i+1)); done; sleep 2")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        auto cleanup = qScopeGuard([&] {
            test::dockerOn(Fixtures::instance().dockerSocket(), {QStringLiteral("rm"), QStringLiteral("-f"), name});
        });
        ui::LogView view;
        view.resize(760, 420);
        LogOptions options;
        options.timestamps = true;
        LogStream *stream = app->controller()->source(api.name)->followLogs(name, options);
        connect(stream, &LogStream::dataReceived, &view, [&view](const QByteArray &data, OutputChannel ch) {
            view.appendData(data, ch == OutputChannel::Stderr);
        });
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY_WITH_TIMEOUT(view.lineCount() >= 37, 30000);
        view.scrollToTop();
        QTest::qWait(300); // a picture, not a check: let the last paint land
        QVERIFY(view.grab().save(outDir + QStringLiteral("/logs-stderr.png")));
        stream->stop();
    }
#endif
};

QTEST_MAIN(TestHostErrors)
#include "tst_host_errors.moc"
