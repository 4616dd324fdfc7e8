// SshSession against the real sshd fixtures: every auth method with right and wrong secrets,
// host-key verification, jump chains to a host the test process cannot reach directly, exec and
// PTY channels.
#include "tst_ssh_support.h"

#include "ssh/SshHostKeys.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace archnest;
using namespace archnest::test;

class TestSshSession final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    QString writeFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_tmp.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(content);
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        return path;
    }

    static QString keygenFingerprint(const QString &pubFile)
    {
        const auto r = Fixtures::run(QStringLiteral("ssh-keygen"), {QStringLiteral("-lf"), pubFile});
        return QString::fromUtf8(r.out).section(QLatin1Char(' '), 1, 1);
    }

    // Connects with `ep` and runs `echo ok`; returns the error message or "" on success.
    QString tryLogin(const SshEndpoint &ep, FakeUserInteraction *ui = nullptr)
    {
        ssh::SshSession s(fxTarget(ep), ui);
        const auto r = runExec(s, QStringLiteral("echo ok"));
        if (!r)
            return QStringLiteral("no answer in time");
        if (!r->ok())
            return r->errorMessage().isEmpty() ? QStringLiteral("empty error") : r->errorMessage();
        if (r->value().out != "ok\n" || r->value().exitStatus != 0)
            return QStringLiteral("unexpected output: ") + QString::fromUtf8(r->value().out);
        return {};
    }

    int target() const { return Fixtures::instance().sshTargetPort(); }

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_TARGET_PORT");
        QVERIFY(m_tmp.isValid());
    }

    void passwordAuth()
    {
        SshEndpoint ep = fxEndpoint(target(), {QStringLiteral("password")});
        ep.auth.passwordFile = fxValue("ARCHNEST_FX_SSH_PASSWORD_FILE");
        QCOMPARE(tryLogin(ep), QString());

        ep.auth.passwordFile = writeFile(QStringLiteral("wrong-password"), "not-the-password\n");
        const QString err = tryLogin(ep);
        QVERIFY2(err.contains(QStringLiteral("password (rejected)")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("server offers")), qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral("not-the-password")), "a secret reached an error message");
    }

    void passwordAskedThroughInteraction()
    {
        FakeUserInteraction ui;
        ui.secret = Fixtures::instance().sshPassword();
        QCOMPARE(tryLogin(fxEndpoint(target(), {QStringLiteral("password")}), &ui), QString());
        QCOMPARE(ui.secretQuestions.size(), 1);
        QCOMPARE(ui.secretQuestions.first().kind, ssh::SecretKind::Password);

        ui.secret = std::nullopt; // the person cancels
        const QString err = tryLogin(fxEndpoint(target(), {QStringLiteral("password")}), &ui);
        QVERIFY2(err.contains(QStringLiteral("password (no answer given)")), qPrintable(err));
    }

    void keyboardInteractiveAuth()
    {
        FakeUserInteraction ui;
        ui.secret = Fixtures::instance().sshPassword();
        QCOMPARE(tryLogin(fxEndpoint(target(), {QStringLiteral("keyboard-interactive")}), &ui), QString());
        QVERIFY(!ui.secretQuestions.isEmpty());
        QCOMPARE(ui.secretQuestions.first().kind, ssh::SecretKind::KeyboardInteractive);

        ui.secret = QStringLiteral("wrong");
        const QString err = tryLogin(fxEndpoint(target(), {QStringLiteral("keyboard-interactive")}), &ui);
        QVERIFY2(err.contains(QStringLiteral("keyboard-interactive (rejected)")), qPrintable(err));
    }

    void keyAuth()
    {
        QCOMPARE(tryLogin(keyEndpoint(target())), QString());
        QCOMPARE(tryLogin(keyEndpoint(target(), fxValue("ARCHNEST_FX_SSH_RSA_KEY"))), QString());

        const QString stray = m_tmp.filePath(QStringLiteral("stray_key"));
        const auto gen = Fixtures::run(QStringLiteral("ssh-keygen"),
                                       {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                                        QStringLiteral("-N"), QString(), QStringLiteral("-f"), stray});
        QCOMPARE(gen.exitCode, 0);
        const QString err = tryLogin(keyEndpoint(target(), stray));
        QVERIFY2(err.contains(QStringLiteral("publickey (%1: rejected)").arg(stray)), qPrintable(err));
    }

    void passphraseKeyAuth()
    {
        SshEndpoint ep = keyEndpoint(target(), fxValue("ARCHNEST_FX_SSH_PASS_KEY"));
        ep.auth.passphraseFile = fxValue("ARCHNEST_FX_SSH_PASS_KEY_PASSPHRASE_FILE");
        QCOMPARE(tryLogin(ep), QString());

        ep.auth.passphraseFile = writeFile(QStringLiteral("wrong-passphrase"), "nope\n");
        QString err = tryLogin(ep);
        QVERIFY2(err.contains(QStringLiteral("wrong passphrase")), qPrintable(err));

        // Asked through the interaction when no file is configured.
        ep.auth.passphraseFile.clear();
        FakeUserInteraction ui;
        QFile pf(fxValue("ARCHNEST_FX_SSH_PASS_KEY_PASSPHRASE_FILE"));
        QVERIFY(pf.open(QIODevice::ReadOnly));
        ui.secret = QString::fromUtf8(pf.readAll().trimmed());
        QCOMPARE(tryLogin(ep, &ui), QString());
        QCOMPARE(ui.secretQuestions.size(), 1);
        QCOMPARE(ui.secretQuestions.first().kind, ssh::SecretKind::KeyPassphrase);
        QCOMPARE(ui.secretQuestions.first().prompt, fxValue("ARCHNEST_FX_SSH_PASS_KEY"));
        ui.secret = QStringLiteral("wrong");
        err = tryLogin(ep, &ui);
        QVERIFY2(err.contains(QStringLiteral("wrong passphrase")), qPrintable(err));
    }

    void certificateAuth()
    {
        // id_cert is not in authorized_keys: only its certificate (signed by the user CA) lets it in.
        QCOMPARE(tryLogin(keyEndpoint(target(), fxValue("ARCHNEST_FX_SSH_CERT_KEY"))), QString());

        // The same certificate named explicitly from another place.
        const QString copy = m_tmp.filePath(QStringLiteral("elsewhere-cert.pub"));
        QVERIFY(QFile::copy(fxValue("ARCHNEST_FX_SSH_CERT_KEY") + QStringLiteral("-cert.pub"), copy));
        SshEndpoint ep = keyEndpoint(target(), fxValue("ARCHNEST_FX_SSH_CERT_KEY"));
        ep.auth.certificateFile = copy;
        QCOMPARE(tryLogin(ep), QString());

        for (const char *key : {"ARCHNEST_FX_SSH_EXPIRED_CERT_KEY", "ARCHNEST_FX_SSH_WRONGCA_CERT_KEY"}) {
            const QString err = tryLogin(keyEndpoint(target(), fxValue(key)));
            QVERIFY2(err.contains(QStringLiteral("certificate (")) &&
                         err.contains(QStringLiteral("-cert.pub: rejected")),
                     qPrintable(err));
        }
    }

    void agentAuth()
    {
        const QString sock = m_tmp.filePath(QStringLiteral("agent.sock"));
        QProcess agent;
        agent.start(QStringLiteral("ssh-agent"), {QStringLiteral("-D"), QStringLiteral("-a"), sock});
        QVERIFY(agent.waitForStarted(10000));
        auto stopAgent = qScopeGuard([&] {
            agent.kill(); // by its pid
            agent.waitForFinished(10000);
        });
        QVERIFY(QTest::qWaitFor([&] { return QFile::exists(sock); }, 10000));
        const QByteArray oldSock = qgetenv("SSH_AUTH_SOCK");
        qputenv("SSH_AUTH_SOCK", sock.toUtf8());
        auto restoreEnv = qScopeGuard([&] { qputenv("SSH_AUTH_SOCK", oldSock); });

        SshEndpoint ep = fxEndpoint(target(), {QStringLiteral("agent")});
        ep.auth.useAgent = true;
        // An empty agent: refused cleanly.
        QString err = tryLogin(ep);
        QVERIFY2(err.contains(QStringLiteral("agent (no key accepted)")), qPrintable(err));

        QProcess add;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SSH_AUTH_SOCK"), sock);
        add.setProcessEnvironment(env);
        add.start(QStringLiteral("ssh-add"), {fxValue("ARCHNEST_FX_SSH_KEY")});
        QVERIFY(add.waitForFinished(10000));
        QCOMPARE(add.exitCode(), 0);
        QCOMPARE(tryLogin(ep), QString());
    }

    void methodOrderAndErrorListsEverything()
    {
        SshEndpoint ep = fxEndpoint(target(), {QStringLiteral("publickey"), QStringLiteral("password")});
        ep.auth.identityFile = m_tmp.filePath(QStringLiteral("missing_key"));
        ep.auth.passwordFile = writeFile(QStringLiteral("wrong-password2"), "bad");
        const QString err = tryLogin(ep);
        QVERIFY2(err.contains(QStringLiteral("the server offers publickey")), qPrintable(err));
        QVERIFY2(err.indexOf(QStringLiteral("publickey (")) < err.indexOf(QStringLiteral("password (")),
                 qPrintable(err));
        // The default order ends with a password that works.
        ep.auth.methods.clear();
        ep.auth.passwordFile = fxValue("ARCHNEST_FX_SSH_PASSWORD_FILE");
        QCOMPARE(tryLogin(ep), QString());
    }

    void secretFilesExpandHome()
    {
        // "~/..." in passwordFile means the user's home, as it does for identityFile.
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QVERIFY(QFile::copy(fxValue("ARCHNEST_FX_SSH_PASSWORD_FILE"), home.filePath(QStringLiteral("pw"))));
        const QByteArray oldHome = qgetenv("HOME");
        qputenv("HOME", QFile::encodeName(home.path()));
        SshEndpoint ep = fxEndpoint(target(), {QStringLiteral("password")});
        ep.auth.passwordFile = QStringLiteral("~/pw");
        const QString err = tryLogin(ep);
        qputenv("HOME", oldHome);
        QCOMPARE(err, QString());
    }

    void unknownHostKeyAskedAcceptedAndSaved()
    {
        const QString kh = m_tmp.filePath(QStringLiteral("new_known_hosts"));
        FakeUserInteraction ui;
        ui.hostKeyDecision = ssh::HostKeyDecision::Reject;
        {
            ssh::SshSession s(fxTarget(keyEndpoint(target()), kh), &ui);
            const auto r = runConnect(s);
            QVERIFY(r && !r->ok());
            QCOMPARE(r->error().code, QStringLiteral("host-key-unknown"));
        }
        QCOMPARE(ui.hostKeyQuestions.size(), 1);
        const ssh::HostKeyQuestion q = ui.hostKeyQuestions.first();
        QCOMPARE(q.port, target());
        QCOMPARE(q.host, QStringLiteral("127.0.0.1"));
        // Exactly what `ssh-keygen -lf` prints for the key the server offered.
        const QString algo = q.keyType == QLatin1String("ssh-rsa") ? QStringLiteral("rsa") : QStringLiteral("ed25519");
        QCOMPARE(q.fingerprintSha256,
                 keygenFingerprint(sshDir() + QStringLiteral("/target/ssh_host_%1_key.pub").arg(algo)));
        QVERIFY(!QFile::exists(kh) || QFileInfo(kh).size() == 0);

        ui.hostKeyDecision = ssh::HostKeyDecision::AcceptAndSave;
        {
            ssh::SshSession s(fxTarget(keyEndpoint(target()), kh), &ui);
            const auto r = runExec(s, QStringLiteral("echo ok"));
            QVERIFY(r && r->ok());
        }
        QCOMPARE(ui.hostKeyQuestions.size(), 2);
        QFile f(kh);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains(QStringLiteral("[127.0.0.1]:%1").arg(target()).toUtf8()));
        // Known now: no question the next time.
        {
            ssh::SshSession s(fxTarget(keyEndpoint(target()), kh), &ui);
            const auto r = runConnect(s);
            QVERIFY(r && r->ok());
        }
        QCOMPARE(ui.hostKeyQuestions.size(), 2);

        // Without an interaction an unknown key is refused, naming the fingerprint.
        ssh::SshSession s(fxTarget(keyEndpoint(target()), m_tmp.filePath(QStringLiteral("other_known_hosts"))),
                          nullptr);
        const auto r = runConnect(s);
        QVERIFY(r && !r->ok());
        QVERIFY2(r->errorMessage().contains(q.fingerprintSha256), qPrintable(r->errorMessage()));
    }

    void replacedHostKeyRefusedWithBothFingerprints()
    {
        // known_hosts claims the target has the jump host's key: as if the target were replaced.
        const QString jumpPub = sshDir() + QStringLiteral("/jump/ssh_host_ed25519_key.pub");
        QFile pub(jumpPub);
        QVERIFY(pub.open(QIODevice::ReadOnly));
        const QByteArray keyFields = pub.readAll().split(' ').mid(0, 2).join(' ');
        const QString kh = writeFile(QStringLiteral("changed_known_hosts"),
                                     QStringLiteral("[127.0.0.1]:%1 ").arg(target()).toUtf8() + keyFields + '\n');
        FakeUserInteraction ui;
        ui.hostKeyDecision = ssh::HostKeyDecision::AcceptAndSave; // must never be asked
        ssh::SshSession s(fxTarget(keyEndpoint(target()), kh), &ui);
        const auto r = runExec(s, QStringLiteral("echo should-not-run"));
        QVERIFY(r && !r->ok());
        QCOMPARE(r->error().code, QStringLiteral("host-key-changed"));
        const QString msg = r->errorMessage();
        QVERIFY2(msg.contains(keygenFingerprint(jumpPub)), qPrintable(msg));
        QVERIFY2(msg.contains(keygenFingerprint(sshDir() + QStringLiteral("/target/ssh_host_ed25519_key.pub"))),
                 qPrintable(msg));
        QVERIFY2(msg.contains(QStringLiteral("127.0.0.1")) && msg.contains(QString::number(target())), qPrintable(msg));
        QVERIFY(ui.hostKeyQuestions.isEmpty());
    }

    void jumpChainReachesHiddenHost()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_HIDDEN_PORT");
        const Fixtures &fx = Fixtures::instance();
        // Directly: refused by the firewall rule.
        {
            ssh::SshSession direct(fxTarget(keyEndpoint(fx.sshHiddenPort())), nullptr);
            const auto r = runConnect(direct);
            QVERIFY(r && !r->ok());
            QVERIFY2(r->errorMessage().contains(QStringLiteral("could not connect")), qPrintable(r->errorMessage()));
        }
        // Through the jump host: works, and the remote sees the connection come from sshd there.
        ssh::SshTarget t = fxTarget(keyEndpoint(fx.sshHiddenPort()));
        SshEndpoint jump = fxEndpoint(fx.sshJumpPort(), {QStringLiteral("password")});
        jump.auth.passwordFile = fxValue("ARCHNEST_FX_SSH_PASSWORD_FILE"); // each hop its own credentials
        t.jumps = {jump};
        ssh::SshSession s(t, nullptr);
        QSignalSpy states(&s, &ssh::SshSession::stateChanged);
        const auto r = runExec(s, QStringLiteral("echo via-jump; echo $SSH_CONNECTION"));
        QVERIFY2(r && r->ok(), r ? qPrintable(r->errorMessage()) : "timeout");
        QVERIFY(r->value().out.startsWith("via-jump\n"));
        QVERIFY2(r->value().out.contains(QByteArray(QByteArray(" ") + QByteArray::number(fx.sshHiddenPort()))),
                 r->value().out.constData());
        QTRY_VERIFY_WITH_TIMEOUT(!states.isEmpty(), 5000);
        // A second command on the same chain.
        const auto again = runExec(s, QStringLiteral("docker ps --format '{{.Names}}'"));
        QVERIFY2(again && again->ok(), again ? qPrintable(again->errorMessage()) : "timeout");
        QVERIFY2(again->value().out.contains("fx-running"), again->value().out.constData());
        const auto up = runExec(s, QStringLiteral("wc -c"), 60000, QByteArray(3000000, 'y'));
        QVERIFY2(up && up->ok(), up ? qPrintable(up->errorMessage()) : "timeout");
        QCOMPARE(up->value().out.trimmed(), QByteArray("3000000"));
    }

    void threeHopChain()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_HIDDEN_PORT");
        const Fixtures &fx = Fixtures::instance();
        ssh::SshTarget t = fxTarget(keyEndpoint(fx.sshHiddenPort()));
        t.jumps = {keyEndpoint(fx.sshJumpPort()), keyEndpoint(fx.sshJumpPort())};
        ssh::SshSession s(t, nullptr);
        const auto r = runExec(s, QStringLiteral("echo three-hops"));
        QVERIFY2(r && r->ok(), r ? qPrintable(r->errorMessage()) : "timeout");
        QCOMPARE(r->value().out, QByteArray("three-hops\n"));
        // Bulk data through the chain (more than the bridge and window sizes).
        const auto big = runExec(s, QStringLiteral("head -c 3000000 /dev/zero | tr '\\0' x"), 60000);
        QVERIFY2(big && big->ok(), big ? qPrintable(big->errorMessage()) : "timeout");
        QCOMPARE(big->value().out.size(), 3000000);
        // And the other way: bulk stdin up through the chain.
        const auto up = runExec(s, QStringLiteral("wc -c"), 60000, QByteArray(3000000, 'y'));
        QVERIFY2(up && up->ok(), up ? qPrintable(up->errorMessage()) : "timeout");
        QCOMPARE(up->value().out.trimmed(), QByteArray("3000000"));
    }

    void jumpHostKeyCheckedUnderItsOwnName()
    {
        const Fixtures &fx = Fixtures::instance();
        const QString kh = m_tmp.filePath(QStringLiteral("chain_known_hosts"));
        FakeUserInteraction ui;
        ui.hostKeyDecision = ssh::HostKeyDecision::AcceptAndSave;
        ssh::SshTarget t = fxTarget(keyEndpoint(target()), kh);
        t.jumps = {keyEndpoint(fx.sshJumpPort())};
        ssh::SshSession s(t, &ui);
        const auto r = runConnect(s);
        QVERIFY2(r && r->ok(), r ? qPrintable(r->errorMessage()) : "timeout");
        QCOMPARE(ui.hostKeyQuestions.size(), 2);
        QCOMPARE(ui.hostKeyQuestions.at(0).port, fx.sshJumpPort());
        QCOMPARE(ui.hostKeyQuestions.at(0).hopIndex, 0);
        QCOMPARE(ui.hostKeyQuestions.at(1).port, target());
        QCOMPARE(ui.hostKeyQuestions.at(1).hopIndex, 1);
        QCOMPARE(ui.hostKeyQuestions.at(1).hopCount, 2);
    }

    void execStdinExitStatusAndTimeout()
    {
        ssh::SshSession s(fxTarget(keyEndpoint(target())), nullptr);
        auto r = runExec(s, QStringLiteral("cat; echo err >&2; exit 7"), 30000, "hello stdin");
        QVERIFY2(r && r->ok(), r ? qPrintable(r->errorMessage()) : "timeout");
        QCOMPARE(r->value().out, QByteArray("hello stdin"));
        QCOMPARE(r->value().err, QByteArray("err\n"));
        QCOMPARE(r->value().exitStatus, 7);

        // Bulk stdin (more than the channel window).
        r = runExec(s, QStringLiteral("wc -c"), 60000, QByteArray(3000000, 'y'));
        QVERIFY2(r && r->ok(), r ? qPrintable(r->errorMessage()) : "timeout");
        QCOMPARE(r->value().out.trimmed(), QByteArray("3000000"));

        r = runExec(s, QStringLiteral("sleep 10"), 500);
        QVERIFY(r && !r->ok());
        QCOMPARE(r->error().code, QStringLiteral("timeout"));
        // The session is still usable.
        r = runExec(s, QStringLiteral("echo after"));
        QVERIFY(r && r->ok());
        QCOMPARE(r->value().out, QByteArray("after\n"));
    }

    void disconnectFailsInFlightAndNextCallReconnects()
    {
        ssh::SshSession s(fxTarget(keyEndpoint(target())), nullptr);
        QSignalSpy states(&s, &ssh::SshSession::stateChanged);
        auto r = runExec(s, QStringLiteral("echo one"));
        QVERIFY(r && r->ok());
        std::optional<Result<ssh::SshExecResult>> inFlight;
        // The command marks (on this machine: the sshd is local) that it runs, then sleeps.
        const QString marker =
            QDir::temp().filePath(QStringLiteral("archnest-inflight-%1").arg(QCoreApplication::applicationPid()));
        s.exec(QStringLiteral("touch '%1'; sleep 20").arg(marker), {}, 60000,
               [&](Result<ssh::SshExecResult> x) { inFlight = std::move(x); });
        QVERIFY2(QTest::qWaitFor([&] { return QFileInfo::exists(marker); }, 20000), "the command never started");
        QFile::remove(marker);
        s.disconnectNow();
        QVERIFY(QTest::qWaitFor([&] { return inFlight.has_value(); }, 10000));
        QVERIFY(!inFlight->ok());
        QVERIFY2(inFlight->errorMessage().contains(QStringLiteral("disconnected")),
                 qPrintable(inFlight->errorMessage()));
        QTRY_VERIFY_WITH_TIMEOUT(
            std::any_of(states.begin(), states.end(),
                        [](const QList<QVariant> &a) { return a.at(0).value<HostStatus>() == HostStatus::Idle; }),
            5000);
        r = runExec(s, QStringLiteral("echo two"));
        QVERIFY(r && r->ok());
        QCOMPARE(r->value().out, QByteArray("two\n"));
    }

    void streamChannel()
    {
        ssh::SshSession s(fxTarget(keyEndpoint(target())), nullptr);
        ssh::SshChannelStream *st =
            s.openStream(QStringLiteral("echo out; echo err >&2; read line; echo got:$line; exit 3"));
        QByteArray out, err;
        int status = -100;
        connect(st, &ssh::SshChannelStream::dataReceived, this,
                [&](const QByteArray &d, OutputChannel c) { (c == OutputChannel::Stdout ? out : err) += d; });
        connect(st, &ssh::SshChannelStream::finished, this, [&](int code) { status = code; });
        connect(st, &ssh::SshChannelStream::failed, this, [&](const QString &m) { QFAIL(qPrintable(m)); });
        QTRY_VERIFY_WITH_TIMEOUT(out.contains("out\n"), 30000);
        st->write("typed\n");
        QTRY_COMPARE_WITH_TIMEOUT(status, 3, 30000);
        QCOMPARE(out, QByteArray("out\ngot:typed\n"));
        QCOMPARE(err, QByteArray("err\n"));
        delete st;

        // Input and end-of-input given before the channel is even open are kept, in order.
        ssh::SshChannelStream *cat = s.openStream(QStringLiteral("cat"));
        QByteArray echoed;
        int catStatus = -100;
        connect(cat, &ssh::SshChannelStream::dataReceived, this,
                [&](const QByteArray &d, OutputChannel) { echoed += d; });
        connect(cat, &ssh::SshChannelStream::finished, this, [&](int code) { catStatus = code; });
        cat->write("abc");
        cat->write("def");
        cat->closeStdin();
        QTRY_COMPARE_WITH_TIMEOUT(catStatus, 0, 30000);
        QCOMPARE(echoed, QByteArray("abcdef"));
    }

    void ptyChannel()
    {
        ssh::SshSession s(fxTarget(keyEndpoint(target())), nullptr);
        ssh::SshChannelStream *st = s.openPty(QStringLiteral("echo TERM=$TERM; stty size; read x; stty size"), 100, 30);
        QByteArray out;
        int status = -100;
        bool started = false;
        connect(st, &ssh::SshChannelStream::started, this, [&] { started = true; });
        connect(st, &ssh::SshChannelStream::dataReceived, this, [&](const QByteArray &d, OutputChannel) { out += d; });
        connect(st, &ssh::SshChannelStream::finished, this, [&](int code) { status = code; });
        QTRY_VERIFY_WITH_TIMEOUT(out.contains("30 100"), 30000);
        QVERIFY(started);
        QVERIFY2(out.contains("TERM=xterm-256color"), out.constData());
        st->resize(120, 40);
        st->write("go\r");
        QTRY_COMPARE_WITH_TIMEOUT(status, 0, 30000);
        QVERIFY2(out.contains("40 120"), out.constData());

        // Hanging up a PTY that would run for a long time: `finished` follows.
        ssh::SshChannelStream *longRunning = s.openPty(QStringLiteral("sleep 60"), 80, 24);
        bool ended = false;
        connect(longRunning, &ssh::SshChannelStream::finished, this, [&](int) { ended = true; });
        connect(longRunning, &ssh::SshChannelStream::failed, this, [&](const QString &) { ended = true; });
        QSignalSpy longStarted(longRunning, &ssh::SshChannelStream::started);
        QVERIFY2(longStarted.wait(20000), "the PTY channel never started");
        longRunning->close();
        QTRY_VERIFY_WITH_TIMEOUT(ended, 10000);
    }
};

QTEST_GUILESS_MAIN(TestSshSession)
#include "tst_ssh_session.moc"
