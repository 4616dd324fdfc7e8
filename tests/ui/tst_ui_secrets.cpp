// The desktop's agent receiver token in a real OS keychain (gnome-keyring's Secret Service on a
// private D-Bus, tests/fixtures/keyring.sh): a new token goes to the keychain and nowhere on
// disk; an old plain-text receiver.token is moved into the keychain and deleted; the next start
// reads the same token back; rotation replaces the keychain entry. Per-host tokens added in the
// Settings dialog go to the keychain (only their ids to settings.ini), come back at the next
// start and are enforced by its receiver; Remove deletes the keychain entry.
#include "AgentReceiver.h"
#include "DesktopApp.h"
#include "MainWindow.h"
#include "SecretTestSupport.h"
#include "TestSupport.h"
#include "dialogs/SettingsDialog.h"
#include "receiver_support.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
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
        const QByteArray legacy("3f9c1a7e5b2d8046c1e9a3f7b5d2c8e04a6b");
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

    void hostTokensFromSettingsLiveInTheKeychain()
    {
        const QString service = m_service + QStringLiteral("-hosts");
        const QString key = DesktopApp::agentHostTokenKey(QStringLiteral("vm-kc"));
        QTemporaryDir dir;
        const AppPaths paths = receiverPaths(dir);
        QByteArray token;
        {
            DesktopApp app(paths);
            app.setSecretService(service);
            app.start(false);
            QTRY_VERIFY_WITH_TIMEOUT(app.receiver() && app.receiver()->isListening(), 20000);
            SettingsDialog *d = app.showSettings();
            QSignalSpy changed(d, &SettingsDialog::hostTokensChanged);
            d->newHostIdEdit()->setText(QStringLiteral("vm-kc"));
            d->generateHostTokenButton()->click();
            token = d->newHostTokenEdit()->text().toLatin1();
            d->addHostTokenButton()->click();
            QVERIFY(changed.wait(20000));
            QCOMPARE(changed.first().first().toString(), QString()); // stored in the keychain
            QCOMPARE(d->hostTokenTable()->rowCount(), 1);
            d->reject();
            const auto inKeychain = readSecret(SecretStore(service), key);
            QVERIFY(inKeychain && inKeychain->ok());
            QCOMPARE(inKeychain->value(), QString::fromLatin1(token));
        }
        for (const QString &f : QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot)) {
            QFile file(dir.filePath(f));
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(token), qPrintable(f));
        }
        QFile ini(paths.settingsFile());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray iniText = ini.readAll();
        QVERIFY(iniText.contains("vm-kc"));
        QVERIFY(!iniText.contains(token));

        // The next start reads it back and its receiver enforces it.
        DesktopApp again(paths);
        again.setSecretService(service);
        again.start(false);
        QTRY_VERIFY_WITH_TIMEOUT(again.receiver() && again.receiver()->isListening(), 20000);
        QCOMPARE(again.agentHostToken(QStringLiteral("vm-kc")), token);
        const QByteArray body =
            QJsonDocument(makeReportObject(QStringLiteral("vm-kc"), 1)).toJson(QJsonDocument::Compact);
        QCOMPARE(exchange(again.receiver()->port(), postReport(body, token)).status, 200);
        QCOMPARE(exchange(again.receiver()->port(), postReport(body, again.currentReceiverToken())).status, 403);

        std::optional<VoidResult> removed;
        again.removeAgentHostToken(QStringLiteral("vm-kc"), [&](const VoidResult &r) { removed = r; });
        QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 20000);
        QVERIFY_RESULT(*removed);
        const auto gone = readSecret(SecretStore(service), key);
        QVERIFY(gone && !gone->ok() && SecretStore::isNotFound(gone->error()));
        (void)removeSecret(SecretStore(service), SecretStore::receiverTokenKey());
    }

    void cleanupTestCase() { (void)removeSecret(SecretStore(m_service), SecretStore::receiverTokenKey()); }
};

QTEST_MAIN(TestUiSecrets)
#include "tst_ui_secrets.moc"
