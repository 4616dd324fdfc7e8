// known_hosts markers against the real sshd fixture (issue 13, finding 3): a key marked
// "@revoked" is refused always, like OpenSSH ("REVOKED HOST KEY") - never asked about, never
// saved, even with a normal line for the same key, and on every hop of a jump chain.
#include "tst_ssh_support.h"

#include <QTemporaryDir>

using namespace archnest;
using namespace archnest::test;

class TestSshHostKeyMarkers final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    // "TYPE BASE64" of every host key the fixture's `name` sshd offers.
    static QList<QByteArray> hostKeys(const QString &name)
    {
        QList<QByteArray> keys;
        for (const char *algo : {"ed25519", "rsa"}) {
            QFile f(sshDir() + QStringLiteral("/%1/ssh_host_%2_key.pub").arg(name, QLatin1String(algo)));
            if (f.open(QIODevice::ReadOnly))
                keys << f.readAll().split(' ').mid(0, 2).join(' ').trimmed();
        }
        return keys;
    }

    QString writeKnownHosts(const QString &file, const QByteArray &content)
    {
        const QString path = m_tmp.filePath(file);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(content);
        return path;
    }

    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    static int target() { return Fixtures::instance().sshTargetPort(); }

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_TARGET_PORT");
        QVERIFY(m_tmp.isValid());
        QCOMPARE(hostKeys(QStringLiteral("target")).size(), 2);
        QCOMPARE(hostKeys(QStringLiteral("jump")).size(), 2);
    }

    // With only @revoked lines the key was "not in known_hosts": asked, saved with
    // AcceptAndSave (--accept-new-host-key), and used. With a normal line too, it connected.
    void revokedKeyIsRefusedAndNeverAsked_data()
    {
        QTest::addColumn<bool>("alsoNormalLine");
        QTest::newRow("only @revoked") << false;
        QTest::newRow("@revoked and a normal line") << true;
    }
    void revokedKeyIsRefusedAndNeverAsked()
    {
        QFETCH(bool, alsoNormalLine);
        const QByteArray name = QStringLiteral("[127.0.0.1]:%1").arg(target()).toUtf8();
        QByteArray content;
        for (const QByteArray &k : hostKeys(QStringLiteral("target"))) {
            if (alsoNormalLine)
                content += name + ' ' + k + '\n';
            content += "@revoked " + name + ' ' + k + '\n';
        }
        const QString kh = writeKnownHosts(QStringLiteral("revoked_%1").arg(alsoNormalLine), content);
        FakeUserInteraction ui;
        ui.hostKeyDecision = ssh::HostKeyDecision::AcceptAndSave; // must never be asked
        ssh::SshSession s(fxTarget(keyEndpoint(target()), kh), &ui);
        const auto r = runExec(s, QStringLiteral("echo should-not-run"));
        QVERIFY(r.has_value());
        QVERIFY(!r->ok());
        QCOMPARE(r->error().code, QStringLiteral("host-key-revoked"));
        QVERIFY2(r->errorMessage().contains(QStringLiteral("REVOKED HOST KEY")), qPrintable(r->errorMessage()));
        QVERIFY2(r->errorMessage().contains(kh), qPrintable(r->errorMessage()));
        QVERIFY(ui.hostKeyQuestions.isEmpty());
        QCOMPARE(readAll(kh), content); // nothing saved
    }

    // A wildcard @revoked line applies to every host it matches (here: the jump host, hop 1 of 2).
    void revokedJumpHostIsRefused()
    {
        const Fixtures &fx = Fixtures::instance();
        QByteArray content;
        for (const QByteArray &k : hostKeys(QStringLiteral("jump")))
            content += "@revoked [127.0.0.1]:* " + k + '\n';
        const QString kh = writeKnownHosts(QStringLiteral("revoked_jump"), content);
        FakeUserInteraction ui;
        ui.hostKeyDecision = ssh::HostKeyDecision::AcceptAndSave;
        ssh::SshTarget t = fxTarget(keyEndpoint(target()), kh);
        t.jumps = {keyEndpoint(fx.sshJumpPort())};
        ssh::SshSession s(t, &ui);
        const auto r = runConnect(s);
        QVERIFY(r.has_value());
        QVERIFY(!r->ok());
        QCOMPARE(r->error().code, QStringLiteral("host-key-revoked"));
        QVERIFY2(r->errorMessage().contains(QString::number(fx.sshJumpPort())), qPrintable(r->errorMessage()));
        QVERIFY(ui.hostKeyQuestions.isEmpty());
        QCOMPARE(readAll(kh), content);
    }

    // A revoked key of another host changes nothing for this one (asked as unknown, as before).
    void revokedLineForAnotherKeyDoesNotBlock()
    {
        QByteArray content;
        for (const QByteArray &k : hostKeys(QStringLiteral("jump")))
            content += "@revoked [127.0.0.1]:" + QByteArray::number(target()) + ' ' + k + '\n';
        const QString kh = writeKnownHosts(QStringLiteral("revoked_other"), content);
        FakeUserInteraction ui;
        ui.hostKeyDecision = ssh::HostKeyDecision::AcceptOnce;
        ssh::SshSession s(fxTarget(keyEndpoint(target()), kh), &ui);
        const auto r = runConnect(s);
        QVERIFY2(r && r->ok(), r ? qPrintable(r->errorMessage()) : "timeout");
        QCOMPARE(ui.hostKeyQuestions.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSshHostKeyMarkers)
#include "tst_ssh_hostkey_markers.moc"
