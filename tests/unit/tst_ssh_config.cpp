// ssh_config resolution units (issue 15): the lexer (comments, quotes, Key=Value), patterns,
// tokens, Include relative to ~/.ssh (an injected HOME) and its depth limit, Match exec's
// timeout, ProxyJump loops, the alias list and the import. Everything compared with OpenSSH
// itself is in tests/integration/tst_ssh_config_diff.cpp.
#include "ssh/SshConfigFile.h"
#include "ssh/SshConfigLexer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace archnest;
using namespace archnest::ssh;

namespace {

void writeFile(const QString &path, const QByteArray &text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
    f.close();
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

} // namespace

class TestSshConfig final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    SshClientContext context(const QString &file) const
    {
        SshClientContext c;
        c.userConfig = file;
        c.userConfigGiven = true;
        c.homeDir = QStringLiteral("/home/u");
        c.localUser = QStringLiteral("u");
        c.uid = 1000;
        c.localHostName = QStringLiteral("box.example.net");
        c.env = {{QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home"))},
                 {QStringLiteral("KEYS"), QStringLiteral("/keys")}};
        c.matchExecTimeoutMs = 1000;
        return c;
    }

private Q_SLOTS:
    void lexerSplitsLikeOpenSsh()
    {
        sshcfg::ConfigLine l;
        QCOMPARE(sshcfg::lexConfigLine(QStringLiteral("Host fraktur  # Linux work laptop"), &l), QString());
        QCOMPARE(l.keyword, QStringLiteral("host"));
        QCOMPARE(l.args, QStringList{QStringLiteral("fraktur")});
        QCOMPARE(sshcfg::lexConfigLine(QStringLiteral("  HostName=a#b # c"), &l), QString());
        QCOMPARE(l.args, QStringList{QStringLiteral("a#b")});
        QCOMPARE(sshcfg::lexConfigLine(QStringLiteral("User = \"two words\""), &l), QString());
        QCOMPARE(l.args, QStringList{QStringLiteral("two words")});
        QCOMPARE(sshcfg::lexConfigLine(QStringLiteral("ProxyCommand = nc %h %p # kept"), &l), QString());
        QCOMPARE(l.rest, QStringLiteral("nc %h %p # kept"));
        QCOMPARE(sshcfg::lexConfigLine(QStringLiteral("IdentityFile a\\ b 'c d' \"e\\\"f\""), &l), QString());
        QCOMPARE(l.args, (QStringList{QStringLiteral("a b"), QStringLiteral("c d"), QStringLiteral("e\"f")}));
        QCOMPARE(sshcfg::lexConfigLine(QStringLiteral("   # only a comment"), &l), QString());
        QVERIFY(l.keyword.isEmpty());
        QVERIFY(sshcfg::lexConfigLine(QStringLiteral("HostName"), &l).contains(QLatin1String("no argument")));
        QCOMPARE(sshcfg::lexConfigLine(QStringLiteral("HostName \"open"), &l), QStringLiteral("invalid quotes"));
    }

    void patternsAreCaseSensitiveWithOnlyStarAndQuestionMark()
    {
        QVERIFY(sshcfg::matchPattern(QStringLiteral("web1"), QStringLiteral("web?")));
        QVERIFY(!sshcfg::matchPattern(QStringLiteral("Web1"), QStringLiteral("web*")));
        QVERIFY(!sshcfg::matchPattern(QStringLiteral("web1"), QStringLiteral("web[12]")));
        QVERIFY(sshcfg::matchPattern(QStringLiteral("web[12]"), QStringLiteral("web[12]")));
        QVERIFY(sshcfg::matchPattern(QStringLiteral("a.b.c"), QStringLiteral("*.*.c")));
        QCOMPARE(sshcfg::matchPatternList(QStringLiteral("legacy.corp"), QStringLiteral("*.corp,!legacy.*"), false),
                 -1);
        QCOMPARE(sshcfg::matchPatternList(QStringLiteral("HOST.corp"), QStringLiteral("host.*"), true), 1);
        // Hostile patterns stay linear.
        QElapsedTimer t;
        t.start();
        QVERIFY(
            !sshcfg::matchPattern(QString(5000, QLatin1Char('a')), QString(200, QLatin1Char('*')) + QLatin1Char('b')));
        QVERIFY(t.elapsed() < 2000);
    }

    void tokensExpandInOnePass()
    {
        QString e;
        const QHash<QChar, QString> t{{QLatin1Char('h'), QStringLiteral("host")}};
        QCOMPARE(sshcfg::expandTokens(QStringLiteral("100%%h-%h"), t, false, {}, &e).value_or(e),
                 QStringLiteral("100%h-host"));
        QCOMPARE(
            sshcfg::expandTokens(QStringLiteral("${A}%h"), t, true, {{QStringLiteral("A"), QStringLiteral("%h")}}, &e)
                .value_or(e),
            QStringLiteral("%hhost"));
        QVERIFY(!sshcfg::expandTokens(QStringLiteral("%j"), t, false, {}, &e));
        QVERIFY(e.contains(QLatin1String("%j")));
        QVERIFY(!sshcfg::expandTokens(QStringLiteral("x%"), t, false, {}, &e));
        QVERIFY(!sshcfg::expandTokens(QStringLiteral("${UNSET}"), t, true, {}, &e));
        QCOMPARE(sshcfg::parsePort(QStringLiteral("ssh")), 22);
        QCOMPARE(sshcfg::parsePort(QStringLiteral("0022")), 22);
        QCOMPARE(sshcfg::parsePort(QStringLiteral("70000")), -1);
        QCOMPARE(sshcfg::parseTime(QStringLiteral("1m30s")), 90);
        QCOMPARE(sshcfg::parseTime(QStringLiteral("1x")), -1);
    }

    void includeIsRelativeToDotSshAndFollowsGlobsInOrder()
    {
        const QString home = m_dir.filePath(QStringLiteral("home"));
        writeFile(home + QStringLiteral("/.ssh/conf.d/b.conf"),
                  "Host b\n  HostName b.example.org\nHost a\n  User from-b\n");
        writeFile(home + QStringLiteral("/.ssh/conf.d/a.conf"), "Host a\n  HostName a.example.org\n");
        const QString cfg = m_dir.filePath(QStringLiteral("inc.conf"));
        writeFile(cfg, "Include conf.d/*.conf\nHost a\n  User late\n  IdentityFile ${KEYS}/%r@%h\n");
        const auto r = resolveSshHost(context(cfg), QStringLiteral("a"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->target.host, QStringLiteral("a.example.org"));
        QCOMPARE(r->target.user, QStringLiteral("from-b"));
        QCOMPARE(r->target.identityFiles, QStringList{QStringLiteral("/keys/from-b@a.example.org")});
        const auto aliases = listSshConfigAliases(context(cfg));
        QVERIFY(aliases.ok());
        QCOMPARE(*aliases, (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    }

    void includeLoopStopsAtDepth16WithAnError()
    {
        const QString cfg = m_dir.filePath(QStringLiteral("loop.conf"));
        writeFile(cfg, QStringLiteral("Host x\nInclude %1\n").arg(cfg).toUtf8());
        const auto r = resolveSshHost(context(cfg), QStringLiteral("x"));
        QVERIFY(!r.ok());
        QVERIFY2(r.errorMessage().contains(QLatin1String("recursive")), qPrintable(r.errorMessage()));
    }

    void badLinesAreRejectedWithFileAndLine()
    {
        const QString cfg = m_dir.filePath(QStringLiteral("bad.conf"));
        writeFile(cfg, "Host ok\n  HostName ok\nHost other\n  Port 2222 x\n");
        const auto r = resolveSshHost(context(cfg), QStringLiteral("ok"));
        QVERIFY(!r.ok());
        QVERIFY2(r.errorMessage().contains(cfg + QStringLiteral(" line 4")), qPrintable(r.errorMessage()));
    }

    void matchExecHasATimeout()
    {
        const QString cfg = m_dir.filePath(QStringLiteral("exec.conf"));
        writeFile(cfg, "Match exec \"sleep 30\"\n  User never\n");
        QElapsedTimer t;
        t.start();
        const auto r = resolveSshHost(context(cfg), QStringLiteral("x"));
        QVERIFY(!r.ok());
        QVERIFY2(r.errorMessage().contains(QLatin1String("did not finish")), qPrintable(r.errorMessage()));
        QVERIFY(t.elapsed() < 10000);
    }

    void matchExecSeesTokensAndDecides()
    {
        const QString cfg = m_dir.filePath(QStringLiteral("exec2.conf"));
        writeFile(cfg, "Match exec \"test %n = yes-host -a %u = u\"\n  User exec-matched\n");
        QCOMPARE(resolveSshHost(context(cfg), QStringLiteral("yes-host"))->target.user, QStringLiteral("exec-matched"));
        QCOMPARE(resolveSshHost(context(cfg), QStringLiteral("no-host"))->target.user, QStringLiteral("u"));
    }

    void proxyJumpLoopIsAnErrorNotARecursion()
    {
        const QString cfg = m_dir.filePath(QStringLiteral("jl.conf"));
        writeFile(cfg, "Host a\n  ProxyJump b\nHost b\n  ProxyJump a\n");
        const auto r = resolveSshHost(context(cfg), QStringLiteral("a"));
        QVERIFY(!r.ok());
        QVERIFY2(r.errorMessage().contains(QLatin1String("loop")), qPrintable(r.errorMessage()));
    }

    void importTakesConcreteAliasesAndNamesWhatItCannotTake()
    {
        const QString cfg = m_dir.filePath(QStringLiteral("import.conf"));
        writeFile(cfg, "Host web1 *.wild !neg\n  HostName 10.0.0.1\n  ProxyJump ops@bastion:2201\n"
                       "Host db1\n  ProxyCommand nc %h %p\nHost bastion\n  HostName bastion.example.org\n");
        const auto imported = importSshConfig(cfg);
        QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
        QCOMPARE(imported->hosts.size(), 2);
        QCOMPARE(imported->hosts.at(0).name, QStringLiteral("web1"));
        QCOMPARE(imported->hosts.at(0).ssh.host, QStringLiteral("10.0.0.1"));
        QCOMPARE(imported->hosts.at(0).jumps.size(), 1);
        QCOMPARE(imported->hosts.at(0).jumps.at(0).host, QStringLiteral("bastion.example.org"));
        QCOMPARE(imported->hosts.at(0).jumps.at(0).user, QStringLiteral("ops"));
        QCOMPARE(imported->hosts.at(0).jumps.at(0).port, 2201);
        QCOMPARE(imported->hosts.at(1).name, QStringLiteral("bastion"));
        QVERIFY2(imported->ignored.join(QLatin1Char(' ')).contains(QLatin1String("db1")),
                 qPrintable(imported->ignored.join(QLatin1Char(' '))));
    }

    void missingFileIsAClearError()
    {
        const auto r = importSshConfig(QStringLiteral("/nonexistent/ssh_config"));
        QVERIFY(!r.ok());
        QVERIFY(r.errorMessage().contains(QLatin1String("/nonexistent/ssh_config")));
    }
};

QTEST_GUILESS_MAIN(TestSshConfig)
#include "tst_ssh_config.moc"
