// SecretStore against a real Secret Service (gnome-keyring on a private D-Bus, started by
// tests/fixtures/keyring.sh). tst_secret_store_nokeychain.cpp covers the machine with none.

#include "SecretTestSupport.h"
#include "TestSupport.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTest>

using namespace archnest;
using namespace archnest::test;
using security::SecretStore;

class TestSecretStore final : public QObject
{
    Q_OBJECT

    SecretStore m_store{QStringLiteral("ArchNest-test-%1").arg(QCoreApplication::applicationPid())};

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DBUS_SESSION_BUS_ADDRESS");
        QVERIFY(useKeyringFixture());
    }

    void roundTrip()
    {
        const QString key = SecretStore::sshPasswordKey(QStringLiteral("web-1"));
        QCOMPARE(key, QStringLiteral("ssh/web-1/password"));
        const QString secret = QStringLiteral("s3cret \u00e9 with spaces");
        auto written = writeSecret(m_store, key, secret);
        QVERIFY2(written, "write timed out");
        QVERIFY_RESULT(*written);
        auto read = readSecret(m_store, key);
        QVERIFY2(read, "read timed out");
        QVERIFY_RESULT(*read);
        QCOMPARE(read->value(), secret);

        // Overwrite, then delete: reading again is a "not found" naming the key.
        const auto again = writeSecret(m_store, key, QStringLiteral("second"));
        QVERIFY(again && again->ok());
        QCOMPARE(readSecret(m_store, key)->value(), QStringLiteral("second"));
        auto removed = removeSecret(m_store, key);
        QVERIFY2(removed, "delete timed out");
        QVERIFY_RESULT(*removed);
        auto gone = readSecret(m_store, key);
        QVERIFY2(gone, "read timed out");
        QVERIFY(!gone->ok());
        QVERIFY(SecretStore::isNotFound(gone->error()));
        QVERIFY2(gone->errorMessage().contains(key), qPrintable(gone->errorMessage()));
    }

    void entryStoredWithSecretToolIsRead()
    {
        // The command the "not found" message suggests really creates an entry we read.
        const QString key = QStringLiteral("ssh/from-cli/password");
        QProcess tool;
        tool.start(QStringLiteral("secret-tool"), {QStringLiteral("store"), QStringLiteral("--label=test"),
                                                   QStringLiteral("server"), m_store.service(), QStringLiteral("user"),
                                                   key, QStringLiteral("type"), QStringLiteral("plaintext")});
        QVERIFY2(tool.waitForStarted(5000), "secret-tool (libsecret-tools) is not installed: scripts/deps.sh test");
        tool.write("typed-by-hand");
        tool.closeWriteChannel();
        QVERIFY(tool.waitForFinished(20000));
        QCOMPARE(tool.exitCode(), 0);
        auto read = readSecret(m_store, key);
        QVERIFY2(read, "read timed out");
        QVERIFY_RESULT(*read);
        QCOMPARE(read->value(), QStringLiteral("typed-by-hand"));
        const auto cleaned = removeSecret(m_store, key);
        QVERIFY(cleaned && cleaned->ok());
    }

    void contextGoneMeansNoCallback()
    {
        bool called = false;
        {
            QObject context;
            m_store.read(QStringLiteral("receiver/token"), &context, [&called](Result<QString>) { called = true; });
        }
        // A later job on the same (serial) queue finishing means the first one finished too.
        QVERIFY(readSecret(m_store, QStringLiteral("nothing/here")));
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secret_store.moc"
