#include "TestSupport.h"
#include "util/AppPaths.h"
#include "util/Result.h"

#include <QTemporaryDir>
#include <QTest>

using namespace archnest;

namespace {
Result<int> parsePositive(int v)
{
    if (v <= 0)
        return makeError(QStringLiteral("%1 is not positive").arg(v), QStringLiteral("range"));
    return v;
}
} // namespace

class TestResult final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valueAndError()
    {
        const auto good = parsePositive(3);
        QVERIFY(good.ok());
        QCOMPARE(*good, 3);
        const auto bad = parsePositive(-1);
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error().code, QStringLiteral("range"));
        QCOMPARE(bad.valueOr(7), 7);
        QVERIFY_RESULT_ERROR(bad, QStringLiteral("not positive"));
    }

    void voidResult()
    {
        VoidResult ok;
        QVERIFY(ok.ok());
        VoidResult failed = makeError(QStringLiteral("disk full"));
        QCOMPARE(failed.errorMessage(), QStringLiteral("disk full"));
    }

    void appPathsFlagsWinOverEnvironment()
    {
        QTemporaryDir tmp;
        qputenv("ARCHNEST_CONFIG_DIR", QByteArray("/nonexistent/from-env"));
        const AppPaths paths =
            AppPaths::resolve(tmp.path() + QStringLiteral("/cfg"), tmp.path() + QStringLiteral("/data"));
        qunsetenv("ARCHNEST_CONFIG_DIR");
        QCOMPARE(paths.configDir(), tmp.path() + QStringLiteral("/cfg"));
        QCOMPARE(paths.hostsFile(), tmp.path() + QStringLiteral("/cfg/hosts.json"));
        QString error;
        QVERIFY2(paths.ensureExists(&error), qPrintable(error));
        QVERIFY(QFileInfo(paths.dataDir()).isDir());
    }

    void appPathsReportsUncreatableDirectory()
    {
        const AppPaths paths(QStringLiteral("/proc/archnest-cannot-exist"), QString());
        QString error;
        QVERIFY(!paths.ensureExists(&error));
        QVERIFY2(error.contains(QStringLiteral("/proc/archnest-cannot-exist")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestResult)
#include "tst_result.moc"
