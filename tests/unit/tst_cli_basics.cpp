// The archnest-cli binary itself: help, version, usage errors and exit codes.
#include "Fixtures.h"

#include <QTest>

using archnest::test::Fixtures;

class TestCliBasics final : public QObject
{
    Q_OBJECT

    static archnest::test::ProcessOutput cli(const QStringList &args)
    {
        return Fixtures::run(QStringLiteral(ARCHNEST_CLI_PATH), args, 30000);
    }

private Q_SLOTS:
    void helpListsUsageAndExitsZero()
    {
        const auto r = cli({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("Usage: archnest-cli"));
        QVERIFY(r.out.contains("--config-dir"));
    }

    void versionPrintsVersion()
    {
        const auto r = cli({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("archnest-cli "));
    }

    void badUsageExitsTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("needle");
        QTest::newRow("no command") << QStringList{} << QByteArray("Usage:");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                         << QByteArray("unknown command 'frobnicate'");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--bogus")}
                                        << QByteArray("unknown option '--bogus'");
        QTest::newRow("missing value") << QStringList{QStringLiteral("--config-dir")}
                                       << QByteArray("--config-dir needs a value");
    }

    void badUsageExitsTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, needle);
        const auto r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(needle), r.err.constData());
    }

    void pathsHonoursFlagsAndEnvironment()
    {
        const auto r = cli({QStringLiteral("--config-dir"), QStringLiteral("/tmp/an-cfg"),
                            QStringLiteral("--data-dir=/tmp/an-data"), QStringLiteral("paths")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("config-dir /tmp/an-cfg\n"), r.out.constData());
        QVERIFY2(r.out.contains("data-dir /tmp/an-data\n"), r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliBasics)
#include "tst_cli_basics.moc"
