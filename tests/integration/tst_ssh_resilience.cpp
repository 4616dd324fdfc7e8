// One persistent connection per host: reuse (counted in the sshd log), a channel cap under
// MaxSessions with a queue, and recovery when sshd dies mid-command. Each test runs its own
// sshd (tests/fixtures/sshd.sh spawn), never the shared one other tests use in parallel.
#include "tst_ssh_support.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace archnest;
using namespace archnest::test;

class TestSshResilience final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_DIR"); }

    void twentyCommandsReuseOneConnection()
    {
        SpawnedSshd sshd(uniqueSshdName("reuse"));
        QVERIFY2(sshd.start(), qPrintable(sshd.error()));
        ssh::SshSession s(fxTarget(keyEndpoint(sshd.port()), sshd.knownHosts()), nullptr);
        for (int i = 0; i < 20; ++i) {
            const auto r = runExec(s, QStringLiteral("echo %1").arg(i));
            QVERIFY2(r && r->ok(), r ? qPrintable(r->errorMessage()) : "timeout");
            QCOMPARE(r->value().out, QByteArray(QByteArray::number(i) + '\n'));
        }
        QTRY_COMPARE_WITH_TIMEOUT(sshd.acceptedCount(), 1, 5000);
    }

    void thirtyConcurrentCommandsUnderMaxSessions_data()
    {
        QTest::addColumn<int>("cap");
        QTest::newRow("default cap 8") << 8;
        QTest::newRow("cap above MaxSessions 10") << 30; // sshd refuses extra channels: they queue
    }

    void thirtyConcurrentCommandsUnderMaxSessions()
    {
        QFETCH(int, cap);
        SpawnedSshd sshd(uniqueSshdName(cap > 10 ? "concurrent-over" : "concurrent"));
        QVERIFY2(sshd.start(), qPrintable(sshd.error()));
        ssh::SshTarget t = fxTarget(keyEndpoint(sshd.port()), sshd.knownHosts());
        t.maxConcurrentChannels = cap;
        ssh::SshSession s(t, nullptr);
        QList<std::optional<Result<ssh::SshExecResult>>> results(30);
        for (int i = 0; i < 30; ++i) {
            s.exec(QStringLiteral("sleep 0.3; echo %1").arg(i), {}, 60000,
                   [&results, i](Result<ssh::SshExecResult> r) { results[i] = std::move(r); });
        }
        QVERIFY(QTest::qWaitFor(
            [&] { return std::all_of(results.begin(), results.end(), [](const auto &r) { return r.has_value(); }); },
            90000));
        for (int i = 0; i < 30; ++i) {
            QVERIFY2(results[i]->ok(), qPrintable(results[i]->errorMessage()));
            QCOMPARE(results[i]->value().out, QByteArray(QByteArray::number(i) + '\n'));
        }
        QCOMPARE(sshd.acceptedCount(), 1);
    }

    void destroyedWhileBusyOrAskingNeverCallsBack()
    {
        // A person who never answers: the question stays open while the session is destroyed.
        class FakeSilentUser final : public ssh::SshInteraction
        {
        public:
            int asked = 0;
            void askHostKey(const ssh::HostKeyQuestion &, std::function<void(ssh::HostKeyDecision)>) override
            {
                ++asked;
            }
            void askSecret(const ssh::SecretQuestion &, std::function<void(std::optional<QString>)>) override
            {
                ++asked;
            }
        };
        QTemporaryDir tmp;
        FakeSilentUser silent;
        bool called = false;
        QElapsedTimer clock;
        {
            ssh::SshSession s(fxTarget(keyEndpoint(Fixtures::instance().sshTargetPort()),
                                       tmp.filePath(QStringLiteral("empty_known_hosts"))),
                              &silent);
            s.exec(QStringLiteral("echo never"), {}, 30000, [&](Result<ssh::SshExecResult>) { called = true; });
            QVERIFY(QTest::qWaitFor([&] { return silent.asked == 1; }, 20000));
            clock.start();
        }
        QVERIFY2(clock.elapsed() < 5000, "destroying a session waiting for an answer must not hang");
        {
            ssh::SshSession s(fxTarget(keyEndpoint(Fixtures::instance().sshTargetPort())), nullptr);
            s.exec(QStringLiteral("sleep 30"), {}, 60000, [&](Result<ssh::SshExecResult>) { called = true; });
            ssh::SshChannelStream *st = s.openPty(QStringLiteral("sleep 30"), 80, 24);
            QSignalSpy started(st, &ssh::SshChannelStream::started);
            QVERIFY2(started.wait(20000), "the PTY channel never started"); // busy: a running PTY
            clock.restart();
        }
        QVERIFY2(clock.elapsed() < 5000, "destroying a busy session must not hang");
        QTest::qWait(200); // proves a negative: no callback runs after the session is gone
        QVERIFY(!called);
    }

    void sshdKilledMidCommandThenBack()
    {
        SpawnedSshd sshd(uniqueSshdName("kill"));
        QVERIFY2(sshd.start(), qPrintable(sshd.error()));
        ssh::SshTarget t = fxTarget(keyEndpoint(sshd.port()), sshd.knownHosts());
        t.keepaliveSeconds = 2;
        ssh::SshSession s(t, nullptr);
        auto warm = runExec(s, QStringLiteral("echo warm"));
        QVERIFY(warm && warm->ok());

        std::optional<Result<ssh::SshExecResult>> inFlight;
        // The command marks (on this machine: the sshd is local) that it runs, then sleeps.
        const QString marker = QDir::temp().filePath(uniqueSshdName("running"));
        s.exec(QStringLiteral("touch '%1'; sleep 60; echo never").arg(marker), {}, 120000,
               [&](Result<ssh::SshExecResult> r) { inFlight = std::move(r); });
        QVERIFY2(QTest::qWaitFor([&] { return QFileInfo::exists(marker); }, 20000), "the command never started");
        QFile::remove(marker);
        QVERIFY(sshd.killHard() >= 2); // the listener and at least the connection's process
        QElapsedTimer clock;
        clock.start();
        QVERIFY2(QTest::qWaitFor([&] { return inFlight.has_value(); }, 20000), "the in-flight command hung");
        QVERIFY(!inFlight->ok());
        QVERIFY2(inFlight->errorMessage().contains(QStringLiteral("lost")), qPrintable(inFlight->errorMessage()));
        qInfo("in-flight command failed %lld ms after the kill", clock.elapsed());

        // While sshd is down: a clear error, no hang.
        auto down = runExec(s, QStringLiteral("echo down"), 10000);
        QVERIFY(down && !down->ok());

        QVERIFY2(sshd.start(), qPrintable(sshd.error()));
        // The next call reconnects (after the backoff, bounded by the wait).
        std::optional<Result<ssh::SshExecResult>> back;
        for (int attempt = 0; attempt < 5 && !(back && back->ok()); ++attempt)
            back = runExec(s, QStringLiteral("echo back"), 20000);
        QVERIFY2(back && back->ok(), back ? qPrintable(back->errorMessage()) : "timeout");
        QCOMPARE(back->value().out, QByteArray("back\n"));
    }
};

QTEST_GUILESS_MAIN(TestSshResilience)
#include "tst_ssh_resilience.moc"
