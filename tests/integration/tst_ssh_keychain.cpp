// SSH credentials from the OS keychain: passwordRef / passphraseRef resolved through
// SecretStore against a real Secret Service (tests/fixtures/keyring.sh) and the real sshd
// fixture; the person is asked only when the keychain has no answer, and is told why.

#include "../unit/SecretTestSupport.h"
#include "TestSupport.h"
#include "tst_ssh_support.h"

#include "config/HostsFile.h"
#include "util/AppPaths.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace archnest;
using namespace archnest::test;
using security::SecretStore;

class TestSshKeychain final : public QObject
{
    Q_OBJECT

    SecretStore m_store; // the service the SSH code uses

    static QString fileText(const char *fxKey)
    {
        QFile f(fxValue(fxKey));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll().trimmed()) : QString();
    }

    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    static QString tryLogin(const SshEndpoint &ep, ssh::SshInteraction *ui)
    {
        ssh::SshSession s(fxTarget(ep), ui);
        const auto r = runConnect(s);
        if (!r)
            return QStringLiteral("timeout");
        return r->ok() ? QString() : r->errorMessage();
    }

    void store(const QString &key, const QString &value)
    {
        const auto written = writeSecret(m_store, key, value);
        QVERIFY2(written, "keychain write timed out");
        QVERIFY_RESULT(*written);
    }

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_TARGET_PORT");
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DBUS_SESSION_BUS_ADDRESS");
        QVERIFY(useKeyringFixture());
    }

    void passwordFromKeychain()
    {
        const QString key = SecretStore::sshPasswordKey(QStringLiteral("fx-target"));
        store(key, fileText("ARCHNEST_FX_SSH_PASSWORD_FILE"));
        SshEndpoint ep = fxEndpoint(Fixtures::instance().sshTargetPort(), {QStringLiteral("password")});
        ep.auth.passwordRef = key;
        FakeUserInteraction ui; // answers nothing: the keychain must be enough
        QCOMPARE(tryLogin(ep, &ui), QString());
        QVERIFY(ui.secretQuestions.isEmpty());
        // Also with no interaction at all (scripts).
        QCOMPARE(tryLogin(ep, nullptr), QString());
        // Keyboard-interactive password prompts get it too.
        ep.auth.methods = {QStringLiteral("keyboard-interactive")};
        QCOMPARE(tryLogin(ep, &ui), QString());
        QVERIFY(ui.secretQuestions.isEmpty());
    }

    void wrongPasswordInKeychainIsRejected()
    {
        const QString key = SecretStore::sshPasswordKey(QStringLiteral("fx-wrong"));
        store(key, QStringLiteral("not-the-password"));
        SshEndpoint ep = fxEndpoint(Fixtures::instance().sshTargetPort(), {QStringLiteral("password")});
        ep.auth.passwordRef = key;
        const QString err = tryLogin(ep, nullptr);
        QVERIFY2(err.contains(QStringLiteral("password (rejected)")), qPrintable(err));
        QVERIFY2(!err.contains(QStringLiteral("not-the-password")), "a secret reached an error message");
    }

    void missingEntryFallsBackToThePrompt()
    {
        SshEndpoint ep = fxEndpoint(Fixtures::instance().sshTargetPort(), {QStringLiteral("password")});
        ep.auth.passwordRef = QStringLiteral("ssh/never-stored/password");
        FakeUserInteraction ui;
        ui.secret = Fixtures::instance().sshPassword();
        QCOMPARE(tryLogin(ep, &ui), QString());
        QCOMPARE(ui.secretQuestions.size(), 1);
        const QString note = ui.secretQuestions.first().note;
        QVERIFY2(note.contains(ep.auth.passwordRef) && note.contains(QStringLiteral("no entry")), qPrintable(note));

        // Nobody to ask: the login fails and says what was tried.
        const QString err = tryLogin(ep, nullptr);
        QVERIFY2(err.contains(QStringLiteral("password (no answer given)")), qPrintable(err));
    }

    void fileStillWinsOverTheReference()
    {
        SshEndpoint ep = fxEndpoint(Fixtures::instance().sshTargetPort(), {QStringLiteral("password")});
        ep.auth.passwordRef = QStringLiteral("ssh/never-stored/password");
        ep.auth.passwordFile = fxValue("ARCHNEST_FX_SSH_PASSWORD_FILE");
        FakeUserInteraction ui;
        QCOMPARE(tryLogin(ep, &ui), QString());
        QVERIFY(ui.secretQuestions.isEmpty());
    }

    void passphraseFromKeychain()
    {
        const QString key = SecretStore::sshPassphraseKey(QStringLiteral("fx-target"));
        store(key, fileText("ARCHNEST_FX_SSH_PASS_KEY_PASSPHRASE_FILE"));
        SshEndpoint ep = keyEndpoint(Fixtures::instance().sshTargetPort(), fxValue("ARCHNEST_FX_SSH_PASS_KEY"));
        ep.auth.passphraseRef = key;
        FakeUserInteraction ui;
        QCOMPARE(tryLogin(ep, &ui), QString());
        QVERIFY(ui.secretQuestions.isEmpty());
    }

    // archnest-cli with a hosts file that names a keychain entry: no prompt, no file.
    void cliUsesTheKeychainEntry()
    {
        QTemporaryDir dir;
        const AppPaths paths(dir.filePath(QStringLiteral("c")), dir.filePath(QStringLiteral("d")));
        QString error;
        QVERIFY2(paths.ensureExists(&error), qPrintable(error));
        const QString key = SecretStore::sshPasswordKey(QStringLiteral("kc"));
        store(key, fileText("ARCHNEST_FX_SSH_PASSWORD_FILE"));
        HostConfig kc;
        kc.name = QStringLiteral("kc");
        kc.ssh = fxEndpoint(Fixtures::instance().sshTargetPort(), {QStringLiteral("password")});
        kc.ssh.auth.passwordRef = key;
        kc.knownHostsFile = fxValue("ARCHNEST_FX_SSH_KNOWN_HOSTS");
        HostConfig missing = kc;
        missing.name = QStringLiteral("kc-missing");
        missing.ssh.auth.passwordRef = SecretStore::sshPasswordKey(missing.name);
        QVERIFY_RESULT(config::saveHostsFile(paths.hostsFile(), {kc, missing}));
        const QString hostsJson = QString::fromUtf8(readAll(paths.hostsFile()));
        QVERIFY2(!hostsJson.contains(fileText("ARCHNEST_FX_SSH_PASSWORD_FILE")), "a secret reached the hosts file");

        // The child inherits DBUS_SESSION_BUS_ADDRESS (the fixture's private bus).
        const auto cli = [&](const QString &host) {
            return Fixtures::run(QStringLiteral(ARCHNEST_CLI_PATH),
                                 {QStringLiteral("--config-dir"), paths.configDir(), QStringLiteral("--data-dir"),
                                  paths.dataDir(), QStringLiteral("ps"), host},
                                 60000);
        };
        const auto ok = cli(QStringLiteral("kc"));
        QVERIFY2(ok.exitCode == 0, ok.err.constData());
        QVERIFY(ok.out.contains("fx-running"));

        // No entry and no terminal to ask: a clear failure naming the entry.
        const auto failed = cli(QStringLiteral("kc-missing"));
        QCOMPARE(failed.exitCode, 1);
        QVERIFY2(failed.err.contains("ssh/kc-missing/password"), failed.err.constData());
        QVERIFY2(failed.err.contains("no entry"), failed.err.constData());
        (void)removeSecret(m_store, key);
    }

    void cleanupTestCase()
    {
        for (const QString &key : {SecretStore::sshPasswordKey(QStringLiteral("fx-target")),
                                   SecretStore::sshPasswordKey(QStringLiteral("fx-wrong")),
                                   SecretStore::sshPassphraseKey(QStringLiteral("fx-target"))})
            (void)removeSecret(m_store, key);
    }
};

QTEST_GUILESS_MAIN(TestSshKeychain)
#include "tst_ssh_keychain.moc"
