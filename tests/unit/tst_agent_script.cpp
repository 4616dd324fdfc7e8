// The agent script without a docker daemon: syntax (bash -n), shellcheck, and every
// configuration / docker error exits non-zero with a clear message. The config file is data:
// nothing in it runs.
#include "Fixtures.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using archnest::test::Fixtures;
using archnest::test::ProcessOutput;

class TestAgentScript final : public QObject
{
    Q_OBJECT

private:
    QString m_script;
    QTemporaryDir m_dir;

    // Runs the agent with exactly `env` (plus PATH), no inherited ARCHNEST_* or DOCKER_*.
    ProcessOutput runAgent(const QStringList &args, const QStringList &env)
    {
        QProcess p;
        QProcessEnvironment e;
        e.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
        e.insert(QStringLiteral("HOME"), m_dir.path());
        e.insert(QStringLiteral("ARCHNEST_AGENT_CONFIG"), m_dir.filePath(QStringLiteral("absent.env")));
        for (const QString &kv : env)
            e.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
        p.setProcessEnvironment(e);
        p.start(QStringLiteral("bash"), QStringList{m_script} + args);
        ProcessOutput out;
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished(5000);
            out.timedOut = true;
        }
        out.exitCode = p.exitCode();
        out.out = p.readAllStandardOutput();
        out.err = p.readAllStandardError();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_script =
            qEnvironmentVariable("ARCHNEST_SOURCE_DIR") + QStringLiteral("/resources/agent/archnest-docker-agent.sh");
        QVERIFY2(QFile::exists(m_script), qPrintable(m_script));
    }

    void syntaxIsValid()
    {
        const ProcessOutput r = Fixtures::run(QStringLiteral("bash"), {QStringLiteral("-n"), m_script});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void shellcheckIsClean()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("shellcheck")).isEmpty())
            QFAIL("shellcheck is not installed (Debian: shellcheck); scripts/deps.sh installs it");
        const ProcessOutput r = Fixtures::run(QStringLiteral("shellcheck"), {m_script});
        QVERIFY2(r.exitCode == 0, QByteArray(r.out + r.err).constData());
    }

    void help()
    {
        const ProcessOutput r = runAgent({QStringLiteral("--help")}, {});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Usage: archnest-docker-agent"));
    }

    void configErrors_data()
    {
        QTest::addColumn<QStringList>("env");
        QTest::addColumn<QByteArray>("message");
        const QString url = QStringLiteral("ARCHNEST_URL=http://127.0.0.1:9");
        const QString token = QStringLiteral("ARCHNEST_AGENT_TOKEN=abcdefgh12345");
        const QString host = QStringLiteral("ARCHNEST_HOST_ID=vm-1");
        QTest::newRow("no host id") << QStringList{url, token} << QByteArray("ARCHNEST_HOST_ID is not set");
        QTest::newRow("no url") << QStringList{token, host} << QByteArray("ARCHNEST_URL is not set");
        QTest::newRow("no token") << QStringList{url, host} << QByteArray("ARCHNEST_AGENT_TOKEN is not set");
        QTest::newRow("bad host id") << QStringList{url, token, QStringLiteral("ARCHNEST_HOST_ID=a/b")}
                                     << QByteArray("may only contain letters");
        QTest::newRow("bad url") << QStringList{QStringLiteral("ARCHNEST_URL=ftp://x"), token, host}
                                 << QByteArray("must start with http:// or https://");
        QTest::newRow("token with quote")
            << QStringList{url, QStringLiteral("ARCHNEST_AGENT_TOKEN=abc\"defgh123"), host}
            << QByteArray("ARCHNEST_AGENT_TOKEN must be");
        QTest::newRow("short token") << QStringList{url, QStringLiteral("ARCHNEST_AGENT_TOKEN=abc"), host}
                                     << QByteArray("ARCHNEST_AGENT_TOKEN must be");
        QTest::newRow("bad timeout") << QStringList{url, token, host, QStringLiteral("ARCHNEST_AGENT_TIMEOUT=soon")}
                                     << QByteArray("ARCHNEST_AGENT_TIMEOUT");
    }

    void configErrors()
    {
        QFETCH(QStringList, env);
        QFETCH(QByteArray, message);
        const ProcessOutput r = runAgent({}, env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QVERIFY(r.err.startsWith("archnest-docker-agent: "));
        QVERIFY(r.out.isEmpty());
    }

    void unknownArgument()
    {
        const ProcessOutput r = runAgent({QStringLiteral("--frobnicate")}, {});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("unknown argument"));
    }

    void dockerErrorIsReported()
    {
        const ProcessOutput r =
            runAgent({}, {QStringLiteral("ARCHNEST_URL=http://127.0.0.1:9"),
                          QStringLiteral("ARCHNEST_AGENT_TOKEN=abcdefgh12345"), QStringLiteral("ARCHNEST_HOST_ID=vm-1"),
                          QStringLiteral("DOCKER_HOST=unix://") + m_dir.filePath(QStringLiteral("no.sock"))});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("docker ps failed"), r.err.constData());
        QVERIFY(r.err.contains("is dockerd running"));
    }

    void configFileIsDataNotCode()
    {
        const QString marker = m_dir.filePath(QStringLiteral("pwned"));
        const QString conf = m_dir.filePath(QStringLiteral("agent.env"));
        QFile f(conf);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral(
                    "# comment\nARCHNEST_URL=\"http://127.0.0.1:9\"\nexport ARCHNEST_AGENT_TOKEN='abcdefgh12345'\n"
                    "ARCHNEST_HOST_ID=$(touch %1)\ntouch %1\n")
                    .arg(marker)
                    .toUtf8());
        f.close();
        const ProcessOutput r = runAgent({QStringLiteral("--config"), conf}, {});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("ARCHNEST_HOST_ID '$(touch"), r.err.constData());
        QVERIFY(!QFile::exists(marker));

        // The environment wins over the file; quotes in the file are stripped.
        const ProcessOutput r2 =
            runAgent({QStringLiteral("--config=") + conf},
                     {QStringLiteral("ARCHNEST_HOST_ID=vm-env"),
                      QStringLiteral("DOCKER_HOST=unix://") + m_dir.filePath(QStringLiteral("no.sock"))});
        QCOMPARE(r2.exitCode, 3); // got past the config checks: URL and token came from the file
        QVERIFY(!QFile::exists(marker));
    }
};

QTEST_GUILESS_MAIN(TestAgentScript)
#include "tst_agent_script.moc"
