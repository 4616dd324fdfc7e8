// SecretStore against a real Secret Service (gnome-keyring on a private D-Bus, started by
// tests/fixtures/keyring.sh), and with no keychain at all (D-Bus address pointing nowhere):
// a clear error naming the key and what to do, never a crash or a hang.

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

    bool m_noKeychain = qEnvironmentVariable("ARCHNEST_SECRETS_MODE") == QLatin1String("nokeychain");
    SecretStore m_store{QStringLiteral("ArchNest-test-%1").arg(QCoreApplication::applicationPid())};

private Q_SLOTS:
    void initTestCase()
    {
        if (m_noKeychain)
            return; // the test's ENV points DBUS_SESSION_BUS_ADDRESS at no socket
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DBUS_SESSION_BUS_ADDRESS");
        QVERIFY(useKeyringFixture());
    }

    void roundTrip()
    {
        if (m_noKeychain)
            QSKIP("no keychain in this run");
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
        if (m_noKeychain)
            QSKIP("no keychain in this run");
        const QString key = QStringLiteral("ssh/from-cli/password");
        QProcess tool;
        tool.start(QStringLiteral("secret-tool"), {QStringLiteral("store"), QStringLiteral("--label=test"),
                                                   QStringLiteral("server"), m_store.service(), QStringLiteral("user"),
                                                   key, QStringLiteral("type"), QStringLiteral("plaintext")});
        if (!tool.waitForStarted(5000))
            QSKIP("secret-tool (libsecret-tools) is not installed");
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
        if (m_noKeychain)
            QSKIP("no keychain in this run");
        bool called = false;
        {
            QObject context;
            m_store.read(QStringLiteral("receiver/token"), &context, [&called](Result<QString>) { called = true; });
        }
        // A later job on the same (serial) queue finishing means the first one finished too.
        QVERIFY(readSecret(m_store, QStringLiteral("nothing/here")));
        QVERIFY(!called);
    }

    void noKeychainIsAClearError()
    {
        if (!m_noKeychain)
            QSKIP("only with no keychain");
        const QString key = SecretStore::receiverTokenKey();
        auto read = readSecret(m_store, key);
        QVERIFY2(read, "read did not finish: no keychain must be an error, not a hang");
        QVERIFY(!read->ok());
        qInfo().noquote() << "no-keychain read:" << read->errorMessage();
        QVERIFY2(SecretStore::isUnavailable(read->error()), qPrintable(read->errorMessage()));
        QVERIFY2(read->errorMessage().contains(key), qPrintable(read->errorMessage()));
        QVERIFY2(read->errorMessage().contains(QStringLiteral("No OS keychain is available")),
                 qPrintable(read->errorMessage()));
        QVERIFY2(read->errorMessage().contains(QStringLiteral("gnome-keyring")), qPrintable(read->errorMessage()));
        // For an SSH password the message points at the file alternative.
        const auto ssh = readSecret(m_store, SecretStore::sshPasswordKey(QStringLiteral("web-1")));
        QVERIFY(ssh && !ssh->ok());
        QVERIFY2(ssh->errorMessage().contains(QStringLiteral("ssh/web-1/password")) &&
                     ssh->errorMessage().contains(QStringLiteral("passwordFile")),
                 qPrintable(ssh->errorMessage()));

        auto written = writeSecret(m_store, key, QStringLiteral("never-stored"));
        QVERIFY2(written, "write did not finish");
        QVERIFY(!written->ok());
        QVERIFY2(SecretStore::isUnavailable(written->error()), qPrintable(written->errorMessage()));
        QVERIFY(!written->errorMessage().contains(QStringLiteral("never-stored")));

        auto removed = removeSecret(m_store, key);
        QVERIFY2(removed, "delete did not finish");
        QVERIFY(!removed->ok());
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secret_store.moc"
