// ~/.ssh/config import: concrete Host entries, wildcard defaults, ProxyJump into our own chain,
// and what is ignored (reported, never executed).
#include "ssh/SshConfigFile.h"

#include <QTemporaryDir>
#include <QTest>

using namespace archnest;

class TestSshConfig final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importsHostsWithDefaultsAndJumps()
    {
        const QByteArray text = R"(# first obtained value wins, so defaults go last
Host bastion
    HostName bastion.example.org
    Port 2200
    IdentityFile ~/.ssh/bastion_key

Host app1 app2
    HostName %h.internal
    ProxyJump bastion
    CertificateFile ~/.ssh/app-cert.pub

Host db
    HostName=10.0.0.5
    User = "dbadmin"
    ProxyJump ops@bastion:2201,app1
    UserKnownHostsFile ~/.ssh/known_hosts_db ~/.ssh/known_hosts2
    ProxyCommand nc %h %p
    StrictHostKeyChecking no
    ForwardAgent yes

Host *.example.org
    IdentityFile ~/.ssh/wild_key

Match host db exec "touch /tmp/pwned"
    User matched

Host *
    Port 22
    User defaultuser
)";
        const auto r = ssh::parseSshConfig(text, QStringLiteral("config"), QStringLiteral("/home/u"));
        QCOMPARE(r.hosts.size(), 4);
        const HostConfig &bastion = r.hosts.at(0);
        QCOMPARE(bastion.name, QStringLiteral("bastion"));
        QCOMPARE(bastion.kind, HostKind::Ssh);
        QCOMPARE(bastion.ssh.host, QStringLiteral("bastion.example.org"));
        QCOMPARE(bastion.ssh.port, 2200);
        QCOMPARE(bastion.ssh.user, QStringLiteral("defaultuser"));
        QCOMPARE(bastion.ssh.auth.identityFile, QStringLiteral("/home/u/.ssh/bastion_key"));
        QVERIFY(bastion.jumps.isEmpty());

        const HostConfig &app2 = r.hosts.at(2);
        QCOMPARE(app2.name, QStringLiteral("app2"));
        QCOMPARE(app2.ssh.host, QStringLiteral("app2.internal"));
        QCOMPARE(app2.ssh.port, 22);
        QCOMPARE(app2.ssh.auth.certificateFile, QStringLiteral("/home/u/.ssh/app-cert.pub"));
        QCOMPARE(app2.jumps.size(), 1);
        QCOMPARE(app2.jumps.first().host, QStringLiteral("bastion.example.org"));
        QCOMPARE(app2.jumps.first().port, 2200);

        const HostConfig &db = r.hosts.at(3);
        QCOMPARE(db.ssh.host, QStringLiteral("10.0.0.5"));
        QCOMPARE(db.ssh.user, QStringLiteral("dbadmin"));
        QCOMPARE(db.knownHostsFile, QStringLiteral("/home/u/.ssh/known_hosts_db"));
        // ops@bastion:2201, then app1 (itself behind bastion): bastion, bastion, app1.
        QCOMPARE(db.jumps.size(), 3);
        QCOMPARE(db.jumps.at(0).user, QStringLiteral("ops"));
        QCOMPARE(db.jumps.at(0).port, 2201);
        QCOMPARE(db.jumps.at(0).host, QStringLiteral("bastion.example.org"));
        QCOMPARE(db.jumps.at(1).host, QStringLiteral("bastion.example.org"));
        QCOMPARE(db.jumps.at(2).host, QStringLiteral("app1.internal"));

        const QString ignored = r.ignored.join(QLatin1Char('\n'));
        QVERIFY2(ignored.contains(QStringLiteral("config:17: ProxyCommand ignored")), qPrintable(ignored));
        QVERIFY2(ignored.contains(QStringLiteral("StrictHostKeyChecking ignored (host keys are always verified)")),
                 qPrintable(ignored));
        QVERIFY2(ignored.contains(QStringLiteral("forwardagent ignored")), qPrintable(ignored));
        QVERIFY2(ignored.contains(QStringLiteral("config:24: Match block ignored")), qPrintable(ignored));
        QVERIFY2(!ignored.contains(QStringLiteral("matched")), qPrintable(ignored));
        for (const HostConfig &h : r.hosts)
            QVERIFY(h.ssh.user != QLatin1String("matched"));
    }

    void jumpLoopIsReportedNotFollowedForever()
    {
        const QByteArray text = "Host a\n  ProxyJump b\nHost b\n  ProxyJump a\n";
        const auto r = ssh::parseSshConfig(text, QStringLiteral("cfg"), QStringLiteral("/h"));
        QCOMPARE(r.hosts.size(), 0);
        QVERIFY2(r.ignored.join(QLatin1Char('\n')).contains(QStringLiteral("a loop?")),
                 qPrintable(r.ignored.join(QLatin1Char('\n'))));
    }

    void badPortSkipsTheHostWithAReason()
    {
        const auto r =
            ssh::parseSshConfig("Host x\n  Port 99999\nHost y\n", QStringLiteral("cfg"), QStringLiteral("/h"));
        QCOMPARE(r.hosts.size(), 1);
        QCOMPARE(r.hosts.first().name, QStringLiteral("y"));
        QVERIFY(r.ignored.first().contains(QStringLiteral("cfg:2: Port '99999' is not a port number")));
    }

    void missingFileIsAClearError()
    {
        QTemporaryDir tmp;
        const auto r = ssh::importSshConfig(tmp.filePath(QStringLiteral("nope")));
        QVERIFY(!r.ok());
        QVERIFY(r.errorMessage().contains(QStringLiteral("cannot read the SSH config")));
    }
};

QTEST_GUILESS_MAIN(TestSshConfig)
#include "tst_ssh_config.moc"
