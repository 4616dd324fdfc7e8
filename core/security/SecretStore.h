#pragma once

// Secrets (SSH passwords, key passphrases, the agent receiver token) live in the OS keychain,
// reached through qtkeychain: on Linux the D-Bus Secret Service (gnome-keyring, KeePassXC, ...)
// through libsecret, or KWallet. Every call is asynchronous; results come back as
// archnest::Result on the calling thread's event loop, which must be running. Where no keychain
// answers, the error says so, names the key and says what to do instead. Secret values are
// never logged and never written anywhere but the keychain.

#include "util/Result.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace archnest::security {

// Error codes (Error::code) of SecretStore results.
inline constexpr QLatin1StringView kKeychainUnavailable{"keychain-unavailable"}; // no service / no D-Bus
inline constexpr QLatin1StringView kKeychainNotFound{"keychain-not-found"};      // no such entry
inline constexpr QLatin1StringView kKeychainDenied{"keychain-denied"};           // locked or refused
inline constexpr QLatin1StringView kKeychainFailed{"keychain-failed"};           // anything else

template<typename T>
using SecretCallback = std::function<void(Result<T>)>;

class SecretStore final
{
public:
    // `service` groups our entries in the keychain ("ArchNest"); tests use their own.
    explicit SecretStore(QString service = defaultService());

    static QString defaultService() { return QStringLiteral("ArchNest"); }
    // The conventional keys: "ssh/<host>/password", "ssh/<host>/passphrase", "receiver/token".
    static QString sshPasswordKey(const QString &host);
    static QString sshPassphraseKey(const QString &host);
    static QString receiverTokenKey() { return QStringLiteral("receiver/token"); }

    // `done` runs once on this thread, unless `context` is destroyed first.
    void read(const QString &key, QObject *context, SecretCallback<QString> done) const;
    void write(const QString &key, const QString &secret, QObject *context, SecretCallback<void> done) const;
    void remove(const QString &key, QObject *context, SecretCallback<void> done) const;

    const QString &service() const { return m_service; }

    static bool isUnavailable(const Error &e) { return e.code == kKeychainUnavailable; }
    static bool isNotFound(const Error &e) { return e.code == kKeychainNotFound; }
    // What to do when no keychain answers, for `key` ("ssh/..." keys: use a file instead).
    static QString unavailableAdvice(const QString &key);

private:
    QString m_service;
};

} // namespace archnest::security
