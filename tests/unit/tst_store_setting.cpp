// Issue 22: the desktop's store setting, without widgets or a database: what the user may type,
// where the password comes from, and the mode a role's rights give.
#include "TestSupport.h"
#include "store/StoreSetting.h"

#include <QTest>

using namespace archnest;
using namespace archnest::store;

class TestStoreSetting final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyIsTheLocalStore()
    {
        auto loc = storeLocationFor(QStringLiteral("  "), QStringLiteral("/data/archnest.sqlite"), QStringLiteral("x"));
        QVERIFY_RESULT(loc);
        QCOMPARE(loc->kind, DatabaseKind::Sqlite);
        QCOMPARE(loc->sqliteFile, QStringLiteral("/data/archnest.sqlite"));
        QVERIFY(!wantsKeychainPassword(*loc));
    }

    void postgresWithTheKeychainPassword()
    {
        const QString url = QStringLiteral("postgres://team@db.mesh:5433/archnest?sslmode=verify-full");
        auto parsed = parseStoreSetting(url);
        QVERIFY_RESULT(parsed);
        QVERIFY(wantsKeychainPassword(*parsed));
        auto loc = storeLocationFor(url, QStringLiteral("/unused"), QStringLiteral("s3cret"));
        QVERIFY_RESULT(loc);
        QCOMPARE(loc->kind, DatabaseKind::Postgres);
        QCOMPARE(loc->password, QStringLiteral("s3cret"));
        QCOMPARE(loc->sslMode, QStringLiteral("verify-full"));
        QCOMPARE(loc->port, 5433);
        QVERIFY(!loc->displayName().contains(QStringLiteral("s3cret")));
        QVERIFY(!loc->urlWithoutPassword().contains(QStringLiteral("s3cret")));
        QVERIFY(loc->postgresConnectOptions(3).contains(QStringLiteral("sslmode=verify-full")));
    }

    void passfileNeedsNoKeychain()
    {
        auto loc = parseStoreSetting(QStringLiteral("postgres://team@db/archnest?passfile=/home/me/team%20pass"));
        QVERIFY_RESULT(loc);
        QCOMPARE(loc->passFile, QStringLiteral("/home/me/team pass"));
        QVERIFY(!wantsKeychainPassword(*loc));
        QCOMPARE(loc->postgresConnectOptions(3), QStringLiteral("connect_timeout=3;passfile='/home/me/team pass'"));
        // Round trip through the settings form.
        auto again = parseStoreSetting(loc->urlWithoutPassword());
        QVERIFY_RESULT(again);
        QCOMPARE(again->passFile, loc->passFile);
    }

    void refusedSettings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("needle");
        QTest::newRow("password in the URL")
            << QStringLiteral("postgres://team:pw@db/archnest") << QStringLiteral("Leave the password out");
        QTest::newRow("a file path") << QStringLiteral("/tmp/x.sqlite") << QStringLiteral("PostgreSQL URL");
        QTest::newRow("no role") << QStringLiteral("postgres://db/archnest") << QStringLiteral("names no role");
        QTest::newRow("no database") << QStringLiteral("postgres://team@db") << QStringLiteral("names no database");
        QTest::newRow("bad sslmode") << QStringLiteral("postgres://team@db/a?sslmode=maybe")
                                     << QStringLiteral("sslmode");
        QTest::newRow("unknown option") << QStringLiteral("postgres://team@db/a?host=evil")
                                        << QStringLiteral("not supported");
    }

    void refusedSettings()
    {
        QFETCH(QString, text);
        QFETCH(QString, needle);
        QVERIFY_RESULT_ERROR(parseStoreSetting(text), needle);
    }

    void modeFollowsTheRights()
    {
        StoreAccess reader;
        reader.schemaVersion = kSchemaVersion;
        reader.role = QStringLiteral("viewer");
        QCOMPARE(storeModeFor(reader), StoreMode::ReadOnly);
        QVERIFY(reader.summary().contains(QStringLiteral("may only read")));
        StoreAccess writer = reader;
        writer.mayWrite = true;
        QCOMPARE(storeModeFor(writer), StoreMode::ReadWrite);
        StoreAccess old = writer;
        old.schemaVersion = 1;
        old.needsMigration = true;
        QVERIFY(old.summary().contains(QStringLiteral("may not do")));
    }
};

QTEST_GUILESS_MAIN(TestStoreSetting)
#include "tst_store_setting.moc"
