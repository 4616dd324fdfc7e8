// `archnest-cli logs --escape` against the real dockerd fixture (issue 13, finding 4): a
// container that prints OSC 52 / screen-clear / C1 sequences. Without --escape the bytes are the
// container's own (like `docker logs`); with it every control is a visible \xHH escape.
#include "Fixtures.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using archnest::test::Fixtures;

class TestCliLogsEscape final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    const QString m_name = QStringLiteral("cli-logs-escape");

    QByteArray logs(const QStringList &extra, int *code) const
    {
        QProcess p;
        p.start(QStringLiteral(ARCHNEST_CLI_PATH),
                QStringList{QStringLiteral("--config-dir"), m_dir.filePath(QStringLiteral("config")),
                            QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("data")),
                            QStringLiteral("logs"), QStringLiteral("unix://") + Fixtures::instance().dockerSocket(),
                            m_name} +
                    extra);
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished(5000);
        }
        *code = p.exitCode();
        return p.readAllStandardOutput();
    }

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DOCKER_SOCK");
        QVERIFY(m_dir.isValid());
        Fixtures::instance().docker({QStringLiteral("rm"), QStringLiteral("-f"), m_name});
        // Runs to its end (no -d): the log is complete when this returns.
        const auto run = Fixtures::instance().docker(
            {QStringLiteral("run"), QStringLiteral("--network"), QStringLiteral("none"), QStringLiteral("--name"),
             m_name, QStringLiteral("archnest-test/busybox:1"), QStringLiteral("sh"), QStringLiteral("-c"),
             QStringLiteral("printf 'a\\033]52;c;aGk=\\007b\\033[2J\\302\\233c\\tz\\n'")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }

    void cleanupTestCase() { Fixtures::instance().docker({QStringLiteral("rm"), QStringLiteral("-f"), m_name}); }

    void rawByDefaultEscapedOnRequest()
    {
        int code = -1;
        const QByteArray raw = logs({}, &code);
        QCOMPARE(code, 0);
        QCOMPARE(raw, QByteArray("a\x1b]52;c;aGk=\x07"
                                 "b\x1b[2J\xc2\x9b"
                                 "c\tz\n"));
        const QByteArray escaped = logs({QStringLiteral("--escape")}, &code);
        QCOMPARE(code, 0);
        QCOMPARE(escaped, QByteArray("a\\x1b]52;c;aGk=\\x07b\\x1b[2J\\x9bc\tz\n"));
    }
};

QTEST_GUILESS_MAIN(TestCliLogsEscape)
#include "tst_cli_logs_escape.moc"
