// A network partition in the middle of commands (issue 12, faults injected): iptables rules
// drop every packet to and from a private sshd's port (loopback only) while an exec and a stream run
// on the session. The bound under test: SshTarget::deadPeerSeconds (default 15 s) - the
// kernel declares the silent peer dead within it (TCP keepalive probes while idle,
// TCP_USER_TIMEOUT while data waits for an acknowledgement), the host goes to Error, in-flight
// calls fail with "connection ... was lost", nothing hangs; once the rule is removed the next
// call reconnects. Each test runs its own sshd (tests/fixtures/sshd.sh spawn) and removes its
// rules by their exact specs, also when a check fails.
#include "Fixtures.h"
#include "tst_ssh_support.h"

#include <QElapsedTimer>
#include <QFile>

using namespace archnest;
using namespace archnest::test;

namespace {

// A two-way partition of one loopback port for as long as it lives: `iptables -I OUTPUT -o lo
// -p tcp --dport PORT -j DROP` and the same with --sport (on loopback both directions pass
// OUTPUT). One direction only is not a partition: the server's retransmissions still arrive
// and keep the client's TCP probing alive. Removed by the exact specs.
class DropRule final
{
public:
    explicit DropRule(int port)
    {
        for (const QString &dir : {QStringLiteral("--dport"), QStringLiteral("--sport")})
            m_specs.append({QStringLiteral("OUTPUT"), QStringLiteral("-o"), QStringLiteral("lo"), QStringLiteral("-p"),
                            QStringLiteral("tcp"), dir, QString::number(port), QStringLiteral("-j"),
                            QStringLiteral("DROP")});
    }
    ~DropRule() { remove(); }
    DropRule(const DropRule &) = delete;
    DropRule &operator=(const DropRule &) = delete;

    QString insert()
    {
        for (const QStringList &spec : std::as_const(m_specs)) {
            const auto r = iptables(QStringLiteral("-I"), spec);
            if (r.exitCode != 0)
                return QString::fromUtf8(r.err);
            m_active.append(spec);
        }
        return {};
    }
    bool remove()
    {
        for (qsizetype i = m_active.size(); i-- > 0;) {
            if (iptables(QStringLiteral("-D"), m_active.at(i)).exitCode == 0)
                m_active.removeAt(i);
        }
        return m_active.isEmpty();
    }

private:
    static ProcessOutput iptables(const QString &op, const QStringList &spec)
    {
        return Fixtures::run(QStringLiteral("iptables"),
                             QStringList{QStringLiteral("-w"), QStringLiteral("10"), op} + spec, 30000);
    }
    QList<QStringList> m_specs;
    QList<QStringList> m_active;
};

} // namespace

class TestSshPartition final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_DIR");
        const auto r = Fixtures::run(QStringLiteral("iptables"), {QStringLiteral("-w"), QStringLiteral("10"),
                                                                  QStringLiteral("-S"), QStringLiteral("OUTPUT")});
        QVERIFY2(r.exitCode == 0,
                 qPrintable(QStringLiteral("iptables is needed to cut the network: %1").arg(QString::fromUtf8(r.err))));
    }

    void partitionMidCommandFailsWithinTheBoundThenRecovers()
    {
        SpawnedSshd sshd(uniqueSshdName("part"));
        QVERIFY2(sshd.start(), qPrintable(sshd.error()));
        const ssh::SshTarget t = fxTarget(keyEndpoint(sshd.port()), sshd.knownHosts());
        QVERIFY2(t.deadPeerSeconds > 0 && t.deadPeerSeconds <= 15, "the documented default bound is 15 s");
        ssh::SshSession s(t, nullptr);
        QList<QPair<HostStatus, QString>> states;
        connect(&s, &ssh::SshSession::stateChanged, this, [&](HostStatus st, const QString &m) {
            states.append({st, m});
        });
        const auto warm = runExec(s, QStringLiteral("echo warm"));
        QVERIFY2(warm && warm->ok(), warm ? qPrintable(warm->errorMessage()) : "timeout");

        // In flight: a stream that has started (its first line arrived) and an exec.
        ssh::SshChannelStream *stream = s.openStream(QStringLiteral("echo started; sleep 120; echo never"));
        QByteArray streamOut;
        QString streamFailure;
        int streamStatus = -100;
        connect(stream, &ssh::SshChannelStream::dataReceived, this,
                [&](const QByteArray &d, OutputChannel) { streamOut += d; });
        connect(stream, &ssh::SshChannelStream::failed, this, [&](const QString &m) { streamFailure = m; });
        connect(stream, &ssh::SshChannelStream::finished, this, [&](int code) { streamStatus = code; });
        QTRY_VERIFY_WITH_TIMEOUT(streamOut.contains("started"), 30000);
        // The exec is running (not just being opened) when it leaves a marker file behind.
        const QString marker = QStringLiteral("/tmp/archnest-partition-%1").arg(QCoreApplication::applicationPid());
        QFile::remove(marker);
        std::optional<Result<ssh::SshExecResult>> inFlight;
        s.exec(QStringLiteral("touch %1; sleep 120; echo never").arg(marker), {}, 300000,
               [&](Result<ssh::SshExecResult> r) { inFlight = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(marker), 30000);
        QFile::remove(marker);

        DropRule drop(sshd.port());
        const QString dropError = drop.insert();
        QVERIFY2(dropError.isEmpty(), qPrintable(dropError));
        QElapsedTimer clock;
        clock.start();
        states.clear();
        // The bound plus the worker's poll period and scheduling slack on a loaded machine.
        const int boundMs = t.deadPeerSeconds * 1000 + 5000;
        QVERIFY2(QTest::qWaitFor([&] { return inFlight.has_value() && !streamFailure.isEmpty(); }, boundMs + 10000),
                 "the in-flight calls hung after the partition");
        const qint64 detectedMs = clock.elapsed();
        qInfo("partition noticed after %lld ms (bound %d s)", detectedMs, t.deadPeerSeconds);
        QVERIFY2(detectedMs <= boundMs, qPrintable(QStringLiteral("noticed after %1 ms").arg(detectedMs)));
        QVERIFY(!inFlight->ok());
        QVERIFY2(inFlight->errorMessage().contains(QStringLiteral("was lost")), qPrintable(inFlight->errorMessage()));
        QCOMPARE(inFlight->error().code, QStringLiteral("ssh-connection-lost"));
        QVERIFY2(streamFailure.contains(QStringLiteral("was lost")), qPrintable(streamFailure));
        QCOMPARE(streamStatus, -100);
        QTRY_VERIFY_WITH_TIMEOUT(!states.isEmpty(), 5000);
        QCOMPARE(states.last().first, HostStatus::Error);
        QVERIFY2(states.last().second.contains(QStringLiteral("127.0.0.1")), qPrintable(states.last().second));

        // Still cut off: a new call fails with a clear error instead of hanging.
        const auto down = runExec(s, QStringLiteral("echo down"), 10000);
        QVERIFY2(down.has_value(), "a call during the partition hung");
        QVERIFY(!down->ok());
        qInfo("during the partition: %s", qPrintable(down->errorMessage()));

        QVERIFY2(drop.remove(), "could not remove the iptables rules");
        std::optional<Result<ssh::SshExecResult>> back;
        for (int attempt = 0; attempt < 5 && !(back && back->ok()); ++attempt)
            back = runExec(s, QStringLiteral("echo back"), 20000);
        QVERIFY2(back && back->ok(), back ? qPrintable(back->errorMessage()) : "timeout");
        QCOMPARE(back->value().out, QByteArray("back\n"));
        QCOMPARE(states.last().first, HostStatus::Connected);
        delete stream;
    }
};

QTEST_GUILESS_MAIN(TestSshPartition)
#include "tst_ssh_partition.moc"
