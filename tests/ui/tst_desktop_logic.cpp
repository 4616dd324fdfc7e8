// Issue 14: the desktop's widget-free helpers and the small widgets they drive. Docker's own
// duration words for "Up …" (go-units HumanDuration), "Finished" only for stopped containers,
// helpful words where a source cannot fill a section, the notice banner's timeout and view
// scope, where a kept SSH password goes (keychain key, passwordRef), the password retry text and
// the status bar that ends a long message before "N host(s)".
#include "ElidingStatusBar.h"
#include "dialogs/SecretPromptDialog.h"
#include "models/AgentUrlAdvice.h"
#include "models/ContainerStatusText.h"
#include "models/HostPasswordRefs.h"
#include "models/TransientNotice.h"

#include <QLabel>
#include <QMainWindow>
#include <QSignalSpy>
#include <QTest>

using namespace archnest;
using namespace archnest::ui;

class TestDesktopLogic final : public QObject
{
    Q_OBJECT

    static HostConfig sshHost()
    {
        HostConfig h;
        h.name = QStringLiteral("web");
        h.kind = HostKind::Ssh;
        h.ssh.host = QStringLiteral("10.0.0.5");
        h.ssh.user = QStringLiteral("ops");
        SshEndpoint jump;
        jump.host = QStringLiteral("bastion");
        jump.port = 2222;
        jump.user = QStringLiteral("jump");
        h.jumps << jump;
        return h;
    }

    static ssh::SecretQuestion question(const QString &host, int port, const QString &user)
    {
        ssh::SecretQuestion q;
        q.host = host;
        q.port = port;
        q.user = user;
        return q;
    }

private Q_SLOTS:
    void humanDurationIsDockers_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("words");
        QTest::newRow("0") << qint64(0) << QStringLiteral("Less than a second");
        QTest::newRow("1") << qint64(1) << QStringLiteral("1 second");
        QTest::newRow("59") << qint64(59) << QStringLiteral("59 seconds");
        QTest::newRow("60") << qint64(60) << QStringLiteral("About a minute");
        QTest::newRow("119") << qint64(119) << QStringLiteral("About a minute");
        QTest::newRow("120") << qint64(120) << QStringLiteral("2 minutes");
        QTest::newRow("3599") << qint64(3599) << QStringLiteral("59 minutes");
        QTest::newRow("1h") << qint64(3600) << QStringLiteral("About an hour");
        QTest::newRow("1.5h") << qint64(5400) << QStringLiteral("2 hours");
        QTest::newRow("47h") << qint64(47 * 3600) << QStringLiteral("47 hours");
        QTest::newRow("48h") << qint64(48 * 3600) << QStringLiteral("2 days");
        QTest::newRow("14d") << qint64(14 * 86400) << QStringLiteral("2 weeks");
        QTest::newRow("60d") << qint64(60 * 86400) << QStringLiteral("2 months");
        QTest::newRow("730d") << qint64(730 * 86400) << QStringLiteral("2 years");
    }
    void humanDurationIsDockers()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, words);
        QCOMPARE(ContainerStatusText::humanDuration(seconds), words);
    }

    // Defect 7: the header said "Up" without a duration (inspect has none).
    void upGetsItsDuration()
    {
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
        const QDateTime started = now.addSecs(-180);
        QCOMPARE(ContainerStatusText::withUptime(QStringLiteral("Up"), started, now), QStringLiteral("Up 3 minutes"));
        QCOMPARE(ContainerStatusText::withUptime(QStringLiteral("Up (healthy)"), started, now),
                 QStringLiteral("Up 3 minutes (healthy)"));
        QCOMPARE(ContainerStatusText::withUptime(QStringLiteral("Up (Paused)"), started, now),
                 QStringLiteral("Up 3 minutes (Paused)"));
        // Already with a duration (docker ps), or not up: unchanged.
        QCOMPARE(ContainerStatusText::withUptime(QStringLiteral("Up 2 hours"), started, now),
                 QStringLiteral("Up 2 hours"));
        QCOMPARE(ContainerStatusText::withUptime(QStringLiteral("Exited (0)"), started, now),
                 QStringLiteral("Exited (0)"));
        QCOMPARE(ContainerStatusText::withUptime(QStringLiteral("Up"), QDateTime(), now), QStringLiteral("Up"));
        QCOMPARE(
            ContainerStatusText::withUptime(QStringLiteral("Up"), QDateTime::fromSecsSinceEpoch(-62135596800LL), now),
            QStringLiteral("Up")); // docker's zero time
    }

    // Defect 7: "Finished" was shown for a running container (its previous run's end).
    void finishedOnlyForStoppedContainers()
    {
        const QDateTime t = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
        QVERIFY(!ContainerStatusText::showsFinished(ContainerState::Running, t));
        QVERIFY(!ContainerStatusText::showsFinished(ContainerState::Paused, t));
        QVERIFY(!ContainerStatusText::showsFinished(ContainerState::Restarting, t));
        QVERIFY(ContainerStatusText::showsFinished(ContainerState::Exited, t));
        QVERIFY(!ContainerStatusText::showsFinished(ContainerState::Exited, QDateTime()));
    }

    // Defect 7: "This source cannot know this." said nothing useful.
    void unknownSectionsSayWhy()
    {
        for (HostKind kind : {HostKind::Ssh, HostKind::DockerApi, HostKind::Agent})
            for (ContainerState state : {ContainerState::Running, ContainerState::Exited})
                for (const char *field : {"stats", "ports", "mounts"}) {
                    const QString note = ContainerStatusText::unknownNote(QLatin1String(field), kind, state);
                    QVERIFY(!note.contains(QStringLiteral("cannot know")));
                    QVERIFY(!note.isEmpty());
                }
        QVERIFY(ContainerStatusText::unknownNote(QStringLiteral("stats"), HostKind::DockerApi, ContainerState::Exited)
                    .contains(QStringLiteral("not running")));
        QVERIFY(ContainerStatusText::unknownNote(QStringLiteral("stats"), HostKind::Agent, ContainerState::Running)
                    .contains(QStringLiteral("report")));
    }

    // Defect 7: "Restart: done…" never went away and showed over unrelated views.
    void noticeTimesOutAndBelongsToItsView()
    {
        TransientNotice n;
        n.setTimeouts(100, 400);
        QSignalSpy changed(&n, &TransientNotice::changed);
        n.setScope(QStringLiteral("host:web"));
        n.show(QStringLiteral("Restart: done for 1 container(s)."), false, QStringLiteral("host:web"));
        QVERIFY(n.isShown());
        QTRY_VERIFY_WITH_TIMEOUT(!n.isShown(), 5000);

        n.show(QStringLiteral("Stop failed on web"), true, QStringLiteral("host:web"));
        n.setScope(QStringLiteral("host:db")); // another host selected
        QVERIFY(!n.isShown());

        n.show(QStringLiteral("The hosts file could not be saved"), true); // global
        n.setScope(QStringLiteral("host:web"));
        QVERIFY(n.isShown());
        QTRY_VERIFY_WITH_TIMEOUT(!n.isShown(), 5000);
        QVERIFY(changed.count() >= 6);
        QVERIFY(TransientNotice::kInfoMs < TransientNotice::kErrorMs);
    }

    void passwordRefsFollowTheHop()
    {
        HostConfig h = sshHost();
        const auto target = question(QStringLiteral("10.0.0.5"), 22, QStringLiteral("ops"));
        const auto jump = question(QStringLiteral("bastion"), 2222, QStringLiteral("jump"));
        const auto stranger = question(QStringLiteral("10.0.0.9"), 22, QStringLiteral("ops"));
        QCOMPARE(HostPasswordRefs::keyFor(h, target), QStringLiteral("ssh/web/password"));
        QCOMPARE(HostPasswordRefs::keyFor(h, jump), QStringLiteral("ssh/web/jump1/password"));
        QCOMPARE(HostPasswordRefs::keyFor(h, stranger), QString());
        QVERIFY(HostPasswordRefs::apply(h, jump, QStringLiteral("ssh/web/jump1/password")));
        QCOMPARE(h.jumps.first().auth.passwordRef, QStringLiteral("ssh/web/jump1/password"));
        QVERIFY(h.ssh.auth.passwordRef.isEmpty());
        QVERIFY(!HostPasswordRefs::apply(h, stranger, QStringLiteral("x")));

        // An edit from the host dialog (which has no field for refs) keeps them per hop.
        h.ssh.auth.passwordRef = QStringLiteral("ssh/web/password");
        HostConfig edited = sshHost();
        edited.jumps.first().port = 22; // a different hop now: its ref does not carry over
        HostPasswordRefs::carryOver(h, edited);
        QCOMPARE(edited.ssh.auth.passwordRef, QStringLiteral("ssh/web/password"));
        QVERIFY(edited.jumps.first().auth.passwordRef.isEmpty());
    }

    void retryTextCountsTries()
    {
        ssh::SecretQuestion q;
        QCOMPARE(SecretPromptDialog::retryText(q), QString());
        q.attempt = 2;
        q.maxAttempts = 3;
        q.retryReason = QStringLiteral("Permission denied");
        QCOMPARE(SecretPromptDialog::retryText(q), QStringLiteral("Permission denied — try again (2 of 3)"));
        // Keyboard-interactive's hidden password prompt is a password question too (one dialog).
        q.kind = ssh::SecretKind::KeyboardInteractive;
        q.prompt = QStringLiteral("Password: ");
        QVERIFY(ssh::isPasswordQuestion(q));
        SecretPromptDialog d(q);
        QCOMPARE(d.windowTitle(), QStringLiteral("SSH password"));
        QVERIFY(!d.keychainBox()); // no configured host named: nothing to keep it for
        q.echo = true;
        QVERIFY(!ssh::isPasswordQuestion(q));
    }

    // Defect 6: the agent helper's URL advice.
    void agentUrlAdvice()
    {
        QCOMPARE(AgentUrlAdvice::urlFor(QStringLiteral("100.64.0.7:47999"), false),
                 QStringLiteral("http://100.64.0.7:47999"));
        QCOMPARE(AgentUrlAdvice::urlFor(QStringLiteral("::1:4000"), true), QStringLiteral("https://[::1]:4000"));
        const QStringList mesh{QStringLiteral("100.101.102.103")};
        const QString loop = AgentUrlAdvice::warning(QStringLiteral("http://127.0.0.1:4000"), mesh);
        QVERIFY(loop.contains(QStringLiteral("loopback")) && loop.contains(QStringLiteral("100.101.102.103:4000")));
        QVERIFY(
            AgentUrlAdvice::warning(QStringLiteral("http://localhost:4000"), {}).contains(QStringLiteral("loopback")));
        QVERIFY(AgentUrlAdvice::warning(QStringLiteral("http://[::1]:4000"), {}).contains(QStringLiteral("loopback")));
        QVERIFY(AgentUrlAdvice::warning(QStringLiteral("http://0.0.0.0:4000"), mesh)
                    .contains(QStringLiteral("bind address")));
        QCOMPARE(AgentUrlAdvice::warning(QStringLiteral("https://100.101.102.103:4000"), mesh), QString());
        QVERIFY(AgentUrlAdvice::warning(QStringLiteral("http://100.101.102.103:4000"), mesh)
                    .startsWith(QStringLiteral("Plain http")));
        QVERIFY(AgentUrlAdvice::isMeshAddress(QStringLiteral("100.100.1.1")));
        QVERIFY(AgentUrlAdvice::isMeshAddress(QStringLiteral("10.8.0.2"), QStringLiteral("wg0")));
        QVERIFY(!AgentUrlAdvice::isMeshAddress(QStringLiteral("192.168.1.5"), QStringLiteral("eth0")));
        QVERIFY(!AgentUrlAdvice::isMeshAddress(QStringLiteral("127.0.0.1"), QStringLiteral("wg0")));
    }

    // Defect 7: the status bar's message ran into "N host(s)" (docs/images/host-error-card.png).
    void longStatusMessageEndsBeforeThePermanentWidgets()
    {
        QMainWindow w;
        auto *bar = new ElidingStatusBar(&w);
        w.setStatusBar(bar);
        auto *count = new QLabel(QStringLiteral("2 host(s)"), &w);
        bar->addPermanentWidget(count);
        w.resize(1024, 300);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QString longText = QStringLiteral("db-eu-2: Cannot list containers on db-eu-2: could not connect");
        for (int i = 0; i < 10; ++i)
            longText += QStringLiteral(" to archnest-test@127.0.0.1:15925 (hop 1 of 1): Connection refused.");
        bar->showMessage(longText);
        QTRY_VERIFY(count->isVisible());
        QVERIFY(bar->shownMessage().endsWith(QStringLiteral("…")));
        const int textRight = bar->messageRect().left() + bar->fontMetrics().horizontalAdvance(bar->shownMessage());
        QVERIFY2(textRight + ElidingStatusBar::kGap / 2 < count->geometry().left(),
                 qPrintable(QStringLiteral("text ends at %1, the count starts at %2")
                                .arg(textRight)
                                .arg(count->geometry().left())));
        bar->showMessage(QStringLiteral("short"));
        QCOMPARE(bar->shownMessage(), QStringLiteral("short"));
    }
};

QTEST_MAIN(TestDesktopLogic)
#include "tst_desktop_logic.moc"
