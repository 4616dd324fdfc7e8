// The CLI's answers: a terminal prompt, --accept-new-host-key, and a refusal that prints the
// fingerprint when there is neither.
#include "ssh/CliSshInteraction.h"

#include <QTest>

#include <cstdio>

using namespace archnest;

namespace {

struct Streams
{
    std::FILE *in = nullptr;
    std::FILE *out = nullptr;
    char *outBuf = nullptr;
    size_t outLen = 0;
    QByteArray inData;

    explicit Streams(const QByteArray &input)
        : inData(input)
    {
        in = fmemopen(inData.data(), size_t(inData.size()), "r");
        out = open_memstream(&outBuf, &outLen);
    }
    ~Streams()
    {
        std::fclose(in);
        std::fclose(out);
        std::free(outBuf);
    }
    QString output()
    {
        std::fflush(out);
        return QString::fromUtf8(outBuf, qsizetype(outLen));
    }
};

ssh::HostKeyQuestion question()
{
    ssh::HostKeyQuestion q;
    q.host = QStringLiteral("127.0.0.1");
    q.port = 2222;
    q.keyType = QStringLiteral("ssh-ed25519");
    q.fingerprintSha256 = QStringLiteral("SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
    return q;
}

} // namespace

class TestCliSshInteraction final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noTerminalNoFlagRefusesAndPrintsFingerprint()
    {
        Streams s("yes\n");
        cli::CliSshInteraction ui(false, false, s.in, s.out);
        std::optional<ssh::HostKeyDecision> d;
        ui.askHostKey(question(), [&](ssh::HostKeyDecision x) { d = x; });
        QCOMPARE(d, ssh::HostKeyDecision::Reject);
        const QString out = s.output();
        QVERIFY2(out.contains(question().fingerprintSha256), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("[127.0.0.1]:2222")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("--accept-new-host-key")), qPrintable(out));
    }

    void flagAcceptsAndSaves()
    {
        Streams s("");
        cli::CliSshInteraction ui(true, false, s.in, s.out);
        std::optional<ssh::HostKeyDecision> d;
        ui.askHostKey(question(), [&](ssh::HostKeyDecision x) { d = x; });
        QCOMPARE(d, ssh::HostKeyDecision::AcceptAndSave);
        QVERIFY(s.output().contains(question().fingerprintSha256));
    }

    void terminalPrompt_data()
    {
        QTest::addColumn<QByteArray>("typed");
        QTest::addColumn<int>("decision");
        QTest::newRow("yes") << QByteArray("yes\n") << int(ssh::HostKeyDecision::AcceptAndSave);
        QTest::newRow("no") << QByteArray("no\n") << int(ssh::HostKeyDecision::Reject);
        QTest::newRow("retry then yes") << QByteArray("maybe\nYES\n") << int(ssh::HostKeyDecision::AcceptAndSave);
        QTest::newRow("eof") << QByteArray() << int(ssh::HostKeyDecision::Reject);
    }
    void terminalPrompt()
    {
        QFETCH(QByteArray, typed);
        QFETCH(int, decision);
        Streams s(typed);
        cli::CliSshInteraction ui(false, true, s.in, s.out);
        std::optional<ssh::HostKeyDecision> d;
        ui.askHostKey(question(), [&](ssh::HostKeyDecision x) { d = x; });
        QCOMPARE(int(*d), decision);
        QVERIFY(s.output().contains(QStringLiteral("(yes/no)?")));
    }

    void secrets()
    {
        ssh::SecretQuestion q;
        q.kind = ssh::SecretKind::Password;
        q.host = QStringLiteral("127.0.0.1");
        q.port = 2222;
        q.user = QStringLiteral("bob");
        {
            Streams s("hunter2\n");
            cli::CliSshInteraction ui(false, true, s.in, s.out);
            std::optional<QString> got;
            ui.askSecret(q, [&](std::optional<QString> x) { got = x; });
            QCOMPARE(got, QStringLiteral("hunter2"));
            QVERIFY(s.output().contains(QStringLiteral("bob@[127.0.0.1]:2222's password:")));
            QVERIFY(!s.output().contains(QStringLiteral("hunter2")));
        }
        {
            Streams s("hunter2\n");
            cli::CliSshInteraction ui(false, false, s.in, s.out);
            bool called = false;
            std::optional<QString> got = QStringLiteral("x");
            ui.askSecret(q, [&](std::optional<QString> x) {
                called = true;
                got = x;
            });
            QVERIFY(called);
            QVERIFY(!got.has_value());
            QVERIFY(s.output().contains(QStringLiteral("no terminal")));
        }
    }

    // A keyboard-interactive prompt is the server's text: an OSC 52 (clipboard write), a screen
    // clear or a title change in it is printed as visible escapes, never sent raw.
    void keyboardInteractivePromptIsEscaped()
    {
        ssh::SecretQuestion q;
        q.kind = ssh::SecretKind::KeyboardInteractive;
        q.host = QStringLiteral("127.0.0.1");
        q.port = 2222;
        q.user = QStringLiteral("bob");
        q.prompt = QStringLiteral("\x1b]52;c;aGk=\x07\x1b[2J\x1b]0;pwned\x07\u009bCode: ");
        Streams s("123456\n");
        cli::CliSshInteraction ui(false, true, s.in, s.out);
        std::optional<QString> got;
        ui.askSecret(q, [&](std::optional<QString> x) { got = x; });
        QCOMPARE(got, QStringLiteral("123456"));
        const QString out = s.output();
        QVERIFY2(!out.contains(QChar(0x1b)) && !out.contains(QChar(0x07)) && !out.contains(QChar(0x9b)),
                 qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("\\x1b]52;c;aGk=\\x07\\x1b[2J\\x1b]0;pwned\\x07\\x9bCode: ")),
                 qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestCliSshInteraction)
#include "tst_ssh_cli_interaction.moc"
