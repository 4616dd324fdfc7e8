// An idle SSH session costs (almost) nothing: a connected worker with no work, directly and
// through a jump host, with and without an idle channel open, wakes up only a few times per
// second. Counts the worker's wake-ups (SshSession::stats()), never time.
#include "tst_ssh_support.h"

#include <QElapsedTimer>

using namespace archnest;
using namespace archnest::test;

namespace {

// 5 s of idling may see a few legitimate wake-ups (a late packet, a channel's window adjust,
// the test's own commands settling); a spinning worker makes thousands.
constexpr int kIdleMs = 5000;
constexpr quint64 kMaxWakeupsPerSecond = 4;

} // namespace

class TestSshIdle final : public QObject
{
    Q_OBJECT

private:
    static ssh::SshTarget target(bool viaJump)
    {
        const Fixtures &fx = Fixtures::instance();
        ssh::SshTarget t = fxTarget(keyEndpoint(fx.sshTargetPort()));
        if (viaJump)
            t.jumps = {keyEndpoint(fx.sshJumpPort())};
        return t;
    }

    // Wake-ups of `s` while nothing is asked of it for kIdleMs. The owner's event loop keeps
    // running (queued results would otherwise pile up); the wait itself is the point here.
    static quint64 idleWakeups(ssh::SshSession &s)
    {
        QTest::qWait(300); // let the last command's packets (close, window adjust) settle
        const quint64 before = s.stats().wakeups;
        QTest::qWait(kIdleMs); // proving that nothing happens: a fixed wait is the measurement
        return s.stats().wakeups - before;
    }

private Q_SLOTS:
    void initTestCase() { ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_TARGET_PORT"); }

    void idleConnectedSessionSleeps_data()
    {
        QTest::addColumn<bool>("viaJump");
        QTest::addColumn<QString>("channel"); // "" none, "stream" a quiet command, "pty" a quiet shell
        QTest::newRow("direct") << false << QString();
        QTest::newRow("direct+stream") << false << QStringLiteral("stream");
        QTest::newRow("direct+pty") << false << QStringLiteral("pty");
        QTest::newRow("jump") << true << QString();
        QTest::newRow("jump+stream") << true << QStringLiteral("stream");
        QTest::newRow("jump+pty") << true << QStringLiteral("pty");
    }
    void idleConnectedSessionSleeps()
    {
        QFETCH(bool, viaJump);
        QFETCH(QString, channel);
        ssh::SshSession s(target(viaJump), nullptr);
        const auto r = runExec(s, QStringLiteral("echo ready"));
        QVERIFY(r);
        QVERIFY2(r->ok(), qPrintable(r->errorMessage()));
        QCOMPARE(r->value().out, QByteArray("ready\n"));

        ssh::SshChannelStream *stream = nullptr;
        QByteArray output;
        bool ended = false;
        if (!channel.isEmpty()) {
            // A channel that stays open and silent, like an exec terminal nobody types in.
            stream = channel == QLatin1String("pty") ? s.openPty(QStringLiteral("echo started; exec cat"), 80, 24)
                                                     : s.openStream(QStringLiteral("echo started; exec cat"));
            connect(stream, &ssh::SshChannelStream::dataReceived, this,
                    [&](const QByteArray &d, OutputChannel) { output += d; });
            connect(stream, &ssh::SshChannelStream::finished, this, [&] { ended = true; });
            connect(stream, &ssh::SshChannelStream::failed, this, [&] { ended = true; });
            QTRY_VERIFY_WITH_TIMEOUT(output.contains("started"), 30000);
        }

        const quint64 wakeups = idleWakeups(s);
        qInfo("%s: %llu wake-ups in %d ms", QTest::currentDataTag(), wakeups, kIdleMs);
        QVERIFY2(wakeups <= kMaxWakeupsPerSecond * kIdleMs / 1000,
                 qPrintable(QStringLiteral("%1 wake-ups in %2 ms").arg(wakeups).arg(kIdleMs)));

        // Still alive and responsive afterwards: the channel echoes, a new command runs.
        if (stream) {
            QVERIFY(!ended);
            output.clear();
            stream->write("ping\n");
            QTRY_VERIFY_WITH_TIMEOUT(output.contains("ping"), 30000);
            stream->close();
            QTRY_VERIFY_WITH_TIMEOUT(ended, 30000);
        }
        const auto again = runExec(s, QStringLiteral("echo again"));
        QVERIFY(again);
        QVERIFY2(again->ok(), qPrintable(again->errorMessage()));
        QCOMPARE(again->value().out, QByteArray("again\n"));
    }
};

QTEST_GUILESS_MAIN(TestSshIdle)
#include "tst_ssh_idle.moc"
