#pragma once

#include "store/Database.h"
#include "store/StoreProbe.h"
#include "util/Result.h"

#include <QString>

namespace archnest::store {

// The desktop's "Store" setting (issue 22), widget-free: the local SQLite file (the default, an
// empty setting) or a shared PostgreSQL URL. The setting never holds a password: it goes to the
// OS keychain under kStorePasswordKey, or libpq reads it from a passfile named in the URL
// (?passfile=/path); sslmode in the URL is honoured.
inline const QString kStorePasswordKey = QStringLiteral("store/password");

// What the user typed: empty (local) or a postgres:// URL without a password. A URL with a
// password is refused (it would land in settings.ini); so is anything but PostgreSQL.
Result<DatabaseLocation> parseStoreSetting(const QString &text);

// The location the desktop opens: the local file for an empty setting, else the URL with
// `password` (from the keychain) filled in.
Result<DatabaseLocation> storeLocationFor(const QString &setting, const QString &localFile, const QString &password);

// True when the URL names neither a password nor a passfile: the desktop reads the password
// from the keychain first (none there: libpq's own defaults, e.g. ~/.pgpass, apply).
bool wantsKeychainPassword(const DatabaseLocation &location);

enum class StoreMode { ReadWrite, ReadOnly };
// The desktop's mode for what the role may do: read-only (the in-app receiver off) when it may
// not write.
inline StoreMode storeModeFor(const StoreAccess &access)
{
    return access.readOnly() ? StoreMode::ReadOnly : StoreMode::ReadWrite;
}

} // namespace archnest::store
