#pragma once

// Helpers for the keychain tests: point this process at the keyring fixture's private D-Bus
// (tests/fixtures/keyring.sh) and wait, bounded, for one SecretStore result.

#include "Fixtures.h"
#include "security/SecretStore.h"

#include <QObject>
#include <QTest>

#include <optional>

namespace archnest::test {

// Must run before the first keychain call: qtkeychain and libsecret pick the bus once.
inline bool useKeyringFixture()
{
    const QString address = Fixtures::instance().value(QStringLiteral("ARCHNEST_FX_DBUS_SESSION_BUS_ADDRESS"));
    if (address.isEmpty())
        return false;
    qputenv("DBUS_SESSION_BUS_ADDRESS", address.toUtf8());
    return true;
}

template<typename T, typename Start>
std::optional<Result<T>> waitSecret(Start start, int timeoutMs = 20000)
{
    std::optional<Result<T>> out;
    QObject context;
    start(&context, [&out](Result<T> r) { out.emplace(std::move(r)); });
    (void)QTest::qWaitFor([&out] { return out.has_value(); }, timeoutMs); // nullopt = timed out
    return out;
}

inline std::optional<Result<QString>> readSecret(const security::SecretStore &store, const QString &key)
{
    return waitSecret<QString>([&](QObject *c, auto cb) { store.read(key, c, cb); });
}

inline std::optional<Result<void>> writeSecret(const security::SecretStore &store, const QString &key,
                                               const QString &value)
{
    return waitSecret<void>([&](QObject *c, auto cb) { store.write(key, value, c, cb); });
}

inline std::optional<Result<void>> removeSecret(const security::SecretStore &store, const QString &key)
{
    return waitSecret<void>([&](QObject *c, auto cb) { store.remove(key, c, cb); });
}

} // namespace archnest::test
