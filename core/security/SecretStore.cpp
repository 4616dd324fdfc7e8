#include "security/SecretStore.h"

#include <qt6keychain/keychain.h>

namespace archnest::security {

namespace {

// The keychain's own words, classified, with the key and what to do.
Error keychainError(const QKeychain::Job &job, const QString &what, const QString &key, const QString &service)
{
    const QString detail = job.errorString();
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        return makeError(QStringLiteral("The OS keychain has no entry '%1' (service %2). Store it there first, e.g. "
                                        "`secret-tool store --label='%1' server %2 user %1 type plaintext`.")
                             .arg(key, service),
                         QString(kKeychainNotFound));
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return makeError(QStringLiteral("The OS keychain refused to %1 '%2' (%3): unlock the keyring and try again.")
                             .arg(what, key, detail),
                         QString(kKeychainDenied));
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::OtherError:
    default:
        // Without a Secret Service libsecret reports D-Bus errors as "other" errors.
        return makeError(QStringLiteral("Could not %1 '%2' in the OS keychain: %3. %4")
                             .arg(what, key, detail, SecretStore::unavailableAdvice(key)),
                         QString(kKeychainUnavailable));
    }
}

} // namespace

SecretStore::SecretStore(QString service)
    : m_service(std::move(service))
{}

QString SecretStore::sshPasswordKey(const QString &host)
{
    return QStringLiteral("ssh/%1/password").arg(host);
}

QString SecretStore::sshPassphraseKey(const QString &host)
{
    return QStringLiteral("ssh/%1/passphrase").arg(host);
}

QString SecretStore::unavailableAdvice(const QString &key)
{
    const QString start = QStringLiteral("No OS keychain is available (no D-Bus Secret Service): ");
    if (key.startsWith(QLatin1String("ssh/")) && key.endsWith(QLatin1String("/passphrase")))
        return start + QStringLiteral("store the passphrase in a file referenced by passphraseFile (mode 600), or "
                                      "start a keyring such as gnome-keyring");
    if (key.startsWith(QLatin1String("ssh/")))
        return start + QStringLiteral("store the password in a file referenced by passwordFile (mode 600), or start a "
                                      "keyring such as gnome-keyring");
    return start + QStringLiteral("start a keyring such as gnome-keyring (or KeePassXC with its Secret Service) in "
                                  "this session");
}

void SecretStore::read(const QString &key, QObject *context, SecretCallback<QString> done) const
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [done = std::move(done), key, service = m_service](QKeychain::Job *j) {
                         if (j->error() != QKeychain::NoError) {
                             done(keychainError(*j, QStringLiteral("read"), key, service));
                             return;
                         }
                         done(static_cast<QKeychain::ReadPasswordJob *>(j)->textData());
                     });
    job->start();
}

void SecretStore::write(const QString &key, const QString &secret, QObject *context, SecretCallback<void> done) const
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setTextData(secret);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [done = std::move(done), key, service = m_service](QKeychain::Job *j) {
                         if (j->error() != QKeychain::NoError) {
                             done(keychainError(*j, QStringLiteral("store"), key, service));
                             return;
                         }
                         done({});
                     });
    job->start();
}

void SecretStore::remove(const QString &key, QObject *context, SecretCallback<void> done) const
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [done = std::move(done), key, service = m_service](QKeychain::Job *j) {
                         if (j->error() != QKeychain::NoError) {
                             done(keychainError(*j, QStringLiteral("delete"), key, service));
                             return;
                         }
                         done({});
                     });
    job->start();
}

} // namespace archnest::security
