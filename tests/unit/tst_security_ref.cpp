// Container-ref allowlist, docker-command allowlist, action verbs and POSIX quoting. The
// quoting is also checked through a real /bin/sh: the quoted word must arrive as exactly one
// argument with the original bytes.
#include "Fixtures.h"
#include "TestSupport.h"
#include "security/ContainerRef.h"
#include "security/ShellQuote.h"

#include <QTest>

using namespace archnest;
using namespace archnest::security;
using archnest::test::Fixtures;

class TestSecurityRef final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsIdsAndNames_data()
    {
        QTest::addColumn<QString>("ref");
        QTest::newRow("full id") << QStringLiteral("a4cba8832ad77ea478a162a116cac687d25a06890cf91d438fe1aa00c57004f8");
        QTest::newRow("short id") << QStringLiteral("a4cba8832ad7");
        QTest::newRow("one char prefix") << QStringLiteral("a");
        QTest::newRow("name") << QStringLiteral("fx-running");
        QTest::newRow("compose name") << QStringLiteral("proj_web.1-abc");
        QTest::newRow("digits first") << QStringLiteral("0web");
        QTest::newRow("128 chars") << QString(128, QLatin1Char('n'));
    }
    void acceptsIdsAndNames()
    {
        QFETCH(QString, ref);
        QVERIFY_RESULT(validateContainerRef(ref));
    }

    void rejectsEverythingElse_data()
    {
        QTest::addColumn<QString>("ref");
        QTest::addColumn<QString>("why");
        QTest::newRow("empty") << QString() << QStringLiteral("Empty");
        QTest::newRow("semicolon") << QStringLiteral("x;touch /tmp/P") << QStringLiteral("';'");
        QTest::newRow("command substitution") << QStringLiteral("$(id)") << QStringLiteral("starts with '$'");
        QTest::newRow("backticks") << QStringLiteral("`id`") << QStringLiteral("'`'");
        QTest::newRow("quote") << QStringLiteral("a'b") << QStringLiteral("'''");
        QTest::newRow("double quote") << QStringLiteral("a\"b") << QStringLiteral("'\"'");
        QTest::newRow("option") << QStringLiteral("-rf") << QStringLiteral("starts with '-'");
        QTest::newRow("long option") << QStringLiteral("--help") << QStringLiteral("starts with '-'");
        QTest::newRow("newline") << QStringLiteral("web\nid") << QStringLiteral("a newline");
        QTest::newRow("space") << QStringLiteral("web id") << QStringLiteral("a space");
        QTest::newRow("tab") << QStringLiteral("web\tid") << QStringLiteral("a tab");
        QTest::newRow("pipe") << QStringLiteral("a|b") << QStringLiteral("'|'");
        QTest::newRow("ampersand") << QStringLiteral("a&&b") << QStringLiteral("'&'");
        QTest::newRow("redirect") << QStringLiteral("a>b") << QStringLiteral("'>'");
        QTest::newRow("slash") << QStringLiteral("/web") << QStringLiteral("starts with '/'");
        QTest::newRow("glob") << QStringLiteral("we*") << QStringLiteral("'*'");
        QTest::newRow("unicode") << QStringLiteral("caf\u00e9") << QStringLiteral("non-ASCII");
        QTest::newRow("fullwidth semicolon") << QStringLiteral("a\uff1bb") << QStringLiteral("non-ASCII");
        QTest::newRow("nul") << QString(QStringLiteral("a") + QChar(u'\0') + QStringLiteral("b"))
                             << QStringLiteral("control character");
        QTest::newRow("leading dot") << QStringLiteral(".hidden") << QStringLiteral("starts with '.'");
        QTest::newRow("300 chars") << QString(300, QLatin1Char('a')) << QStringLiteral("300 characters");
        QTest::newRow("129 chars") << QString(129, QLatin1Char('a')) << QStringLiteral("129 characters");
    }
    void rejectsEverythingElse()
    {
        QFETCH(QString, ref);
        QFETCH(QString, why);
        QVERIFY_RESULT_ERROR(validateContainerRef(ref), why);
        const VoidResult r = validateContainerRef(ref);
        QCOMPARE(r.error().code, QStringLiteral("bad-ref"));
        QVERIFY(r.errorMessage().contains(QLatin1String("expected a container id")));
        QVERIFY(!isValidContainerRef(ref));
    }

    void refListNeedsEveryRefValid()
    {
        QVERIFY_RESULT(validateContainerRefs({QStringLiteral("a"), QStringLiteral("b")}));
        QVERIFY_RESULT_ERROR(validateContainerRefs({QStringLiteral("a"), QStringLiteral("$(id)")}),
                             QStringLiteral("$"));
        QVERIFY_RESULT_ERROR(validateContainerRefs({}), QStringLiteral("No container"));
    }

    void actionVerbsAreFixed()
    {
        QCOMPARE(dockerActionVerb(ContainerAction::Start), QLatin1String("start"));
        QCOMPARE(dockerActionVerb(ContainerAction::Stop), QLatin1String("stop"));
        QCOMPARE(dockerActionVerb(ContainerAction::Restart), QLatin1String("restart"));
        QCOMPARE(dockerActionVerb(ContainerAction::Pause), QLatin1String("pause"));
        QCOMPARE(dockerActionVerb(ContainerAction::Unpause), QLatin1String("unpause"));
        QCOMPARE(dockerActionVerb(ContainerAction::Remove), QLatin1String("rm"));
    }

    void dockerCommandAllowlist_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("expected"); // joined words, or "" when refused
        QTest::newRow("docker") << QStringLiteral("docker") << QStringLiteral("docker");
        QTest::newRow("sudo -n") << QStringLiteral("sudo -n docker") << QStringLiteral("sudo -n docker");
        QTest::newRow("extra spaces") << QStringLiteral("  sudo   -n  docker ") << QStringLiteral("sudo -n docker");
        QTest::newRow("path") << QStringLiteral("/usr/bin/docker") << QStringLiteral("/usr/bin/docker");
        QTest::newRow("podman") << QStringLiteral("podman") << QStringLiteral("podman");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("semicolon") << QStringLiteral("docker; id") << QString();
        QTest::newRow("substitution") << QStringLiteral("$(id) docker") << QString();
        QTest::newRow("other binary") << QStringLiteral("rm") << QString();
        QTest::newRow("sudo other user") << QStringLiteral("sudo -u root docker") << QString();
        QTest::newRow("extra args") << QStringLiteral("docker -H tcp://evil") << QString();
        QTest::newRow("relative dots") << QStringLiteral("/tmp/../tmp/docker") << QString();
        QTest::newRow("newline") << QStringLiteral("docker\nid") << QString();
        QTest::newRow("tab") << QStringLiteral("sudo\tdocker") << QString();
        QTest::newRow("sudo only") << QStringLiteral("sudo -n") << QString();
    }
    void dockerCommandAllowlist()
    {
        QFETCH(QString, command);
        QFETCH(QString, expected);
        const Result<QStringList> r = validateDockerCommand(command);
        if (expected.isEmpty()) {
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, QStringLiteral("bad-docker-command"));
            QVERIFY(r.errorMessage().contains(QLatin1String("expected")));
        } else {
            QVERIFY_RESULT(r);
            QCOMPARE(r->join(QLatin1Char(' ')), expected);
        }
    }

    void quoting_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("quoted");
        QTest::newRow("plain") << QStringLiteral("web") << QStringLiteral("'web'");
        QTest::newRow("empty") << QString() << QStringLiteral("''");
        QTest::newRow("single quote") << QStringLiteral("a'b") << QStringLiteral("'a'\\''b'");
        QTest::newRow("only quotes") << QStringLiteral("''") << QStringLiteral("''\\'''\\'''");
        QTest::newRow("dollar") << QStringLiteral("$(id)") << QStringLiteral("'$(id)'");
        QTest::newRow("backslash") << QStringLiteral("a\\") << QStringLiteral("'a\\'");
    }
    void quoting()
    {
        QFETCH(QString, word);
        QFETCH(QString, quoted);
        QCOMPARE(shellQuote(word), quoted);
        QCOMPARE(shellQuote(word.toUtf8()), quoted.toUtf8());
    }

    void quotingRefusesNul()
    {
        const QString w = QStringLiteral("a") + QChar(u'\0');
        QVERIFY_RESULT_ERROR(quoteShellWord(w), QStringLiteral("NUL"));
        QVERIFY_RESULT_ERROR(quoteShellWords({QStringLiteral("ok"), w}), QStringLiteral("NUL"));
    }

    // The real check: /bin/sh receives each quoted word as exactly one argument, byte for byte.
    void quotedWordsReachARealShellIntact()
    {
        const QStringList words = {QStringLiteral("x;touch /tmp/P"),
                                   QStringLiteral("$(id)"),
                                   QStringLiteral("`id`"),
                                   QStringLiteral("a'b"),
                                   QStringLiteral("-rf"),
                                   QStringLiteral("--help"),
                                   QStringLiteral("line1\nline2"),
                                   QStringLiteral("caf\u00e9 \u2603"),
                                   QStringLiteral(""),
                                   QStringLiteral("  spaces  "),
                                   QStringLiteral("*"),
                                   QStringLiteral("\\'\"!$HOME"),
                                   QString(300, QLatin1Char('a'))};
        Result<QString> joined = quoteShellWords(words);
        QVERIFY_RESULT(joined);
        const QString script = QStringLiteral("printf '%s\\0' ") + *joined;
        const auto r = Fixtures::run(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script}, 10000);
        QCOMPARE(r.exitCode, 0);
        QByteArray expected;
        for (const QString &w : words)
            expected += w.toUtf8() + '\0';
        QCOMPARE(r.out, expected);
    }
};

QTEST_GUILESS_MAIN(TestSecurityRef)
#include "tst_security_ref.moc"
