// The desktop's agent receiver token in a real OS keychain (gnome-keyring's Secret Service on a
// private D-Bus, tests/fixtures/keyring.sh): a new token goes to the keychain and nowhere on
// disk; an old plain-text receiver.token is moved into the keychain and deleted; the next start
// reads the same token back; rotation replaces the keychain entry.
#include "AgentReceiver.h"
#include "DesktopApp.h"
#include "MainWindow.h"
#include "SecretTestSupport.h"
#include "TestSupport.h"
#include "dialogs/SettingsDialog.h"

#include <QCoreApplication>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace archnest;
using namespace archnest::test;
using namespace archnest::ui;
using security::SecretStore;

class TestUiSecrets final : public QObject
{
    Q_OBJECT

    const QString m_service = QStringLiteral("ArchNest-ui-test-%1").arg(QCoreApplication::applicationPid());

    static AppPaths receiverPaths(const QTemporaryDir &dir)
    {
        const AppPaths paths(dir.filePath(QStringLiteral("c")), dir.filePath(QStringLiteral("d")));
        QString error;
        (void)paths.ensureExists(&error);
        QSettings q(paths.settingsFile(), QSettings::IniFormat);
        q.setValue(QStringLiteral("receiver/enabled"), true);
        q.setValue(QStringLiteral("receiver/address"), QStringLiteral("127.0.0.1:0"));
        return paths;
    }

    std::optional<Result<QString>> stored() const
    {
        return readSecret(SecretStore(m_service), SecretStore::receiverTokenKey());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DBUS_SESSION_BUS_ADDRESS");
        QVERIFY(useKeyringFixture());
    }

    void oldTokenFileMovesIntoTheKeychain()
    {
        QTemporaryDir dir;
        const AppPaths paths = receiverPaths(dir);
        const QByteArray legacy("legacy-token-0123456789abcdefghijklmnop");
        {
            DesktopApp app(paths);
            app.setSecretService(m_service);
            QFile f(app.receiverTokenFile());
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(legacy + '\n');
            f.close();
            app.start(false);
            QTRY_VERIFY_WITH_TIMEOUT(app.receiver() && app.receiver()->isListening(), 20000);
            QCOMPARE(app.currentReceiverToken(), legacy);
            QVERIFY(app.receiverTokenInKeychain());
            QVERIFY2(app.receiverTokenNote().contains(QStringLiteral("moved")), qPrintable(app.receiverTokenNote()));
            QVERIFY2(!QFile::exists(app.receiverTokenFile()), "the plain-text file must be gone");
            QVERIFY(!app.window()->receiverStatusLabel()->text().contains(QStringLiteral("not in a keychain")));
        }
        const auto inKeychain = stored();
        QVERIFY(inKeychain && inKeychain->ok());
        QCOMPARE(inKeychain->value(), QString::fromLatin1(legacy));

        // The next start reads the same token from the keychain.
        DesktopApp again(paths);
        again.setSecretService(m_service);
        again.start(false);
        QTRY_VERIFY_WITH_TIMEOUT(again.receiver() && again.receiver()->isListening(), 20000);
        QCOMPARE(again.currentReceiverToken(), legacy);
        QVERIFY(!QFile::exists(again.receiverTokenFile()));

        // Rotating from the Settings dialog replaces the keychain entry.
        SettingsDialog *d = again.showSettings();
        d->rotateButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!d->tokenEdit()->text().isEmpty(), 20000);
        QVERIFY(d->tokenEdit()->text() != QString::fromLatin1(legacy));
        QVERIFY2(d->tokenNoteLabel()->text().contains(QStringLiteral("keychain")),
                 qPrintable(d->tokenNoteLabel()->text()));
        const auto rotated = stored();
        QVERIFY(rotated && rotated->ok());
        QCOMPARE(rotated->value(), d->tokenEdit()->text());
        QTRY_VERIFY_WITH_TIMEOUT(again.receiver() && again.receiver()->isListening(), 20000);
        QVERIFY(!QFile::exists(again.receiverTokenFile()));
        d->reject();
    }

    void newTokenGoesToTheKeychainOnly()
    {
        const QString other = m_service + QStringLiteral("-new");
        QTemporaryDir dir;
        const AppPaths paths = receiverPaths(dir);
        DesktopApp app(paths);
        app.setSecretService(other);
        app.start(false);
        QTRY_VERIFY_WITH_TIMEOUT(app.receiver() && app.receiver()->isListening(), 20000);
        const QByteArray token = app.currentReceiverToken();
        QVERIFY(token.size() >= 32);
        QVERIFY(app.receiverTokenInKeychain());
        QVERIFY(!QFile::exists(app.receiverTokenFile()));
        const auto inKeychain = readSecret(SecretStore(other), SecretStore::receiverTokenKey());
        QVERIFY(inKeychain && inKeychain->ok());
        QCOMPARE(inKeychain->value(), QString::fromLatin1(token));
        (void)removeSecret(SecretStore(other), SecretStore::receiverTokenKey());
    }

    void cleanupTestCase() { (void)removeSecret(SecretStore(m_service), SecretStore::receiverTokenKey()); }
};

QTEST_MAIN(TestUiSecrets)
#include "tst_ui_secrets.moc"
