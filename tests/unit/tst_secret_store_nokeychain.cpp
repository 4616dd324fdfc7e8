// SecretStore with no keychain at all (the test's ENV points DBUS_SESSION_BUS_ADDRESS at no
// socket): a clear error naming the key and what to do, never a crash or a hang.

#include "SecretTestSupport.h"
#include "TestSupport.h"

#include <QCoreApplication>
#include <QTest>

using namespace archnest;
using namespace archnest::test;
using security::SecretStore;

class TestSecretStoreNoKeychain final : public QObject
{
    Q_OBJECT

    SecretStore m_store{QStringLiteral("ArchNest-test-%1").arg(QCoreApplication::applicationPid())};

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(QStringLiteral("/nonexistent/")),
                 "this test must run with DBUS_SESSION_BUS_ADDRESS pointing at no bus (see secrets.cmake)");
    }

    void noKeychainIsAClearError()
    {
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

QTEST_GUILESS_MAIN(TestSecretStoreNoKeychain)
#include "tst_secret_store_nokeychain.moc"
