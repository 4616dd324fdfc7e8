#include "store/StoreSetting.h"

#include <QUrl>

namespace archnest::store {

Result<DatabaseLocation> parseStoreSetting(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return DatabaseLocation::sqlite(QString());
    if (!trimmed.startsWith(QLatin1String("postgres://")) && !trimmed.startsWith(QLatin1String("postgresql://")))
        return makeError(QStringLiteral("The shared store must be a PostgreSQL URL "
                                        "(postgres://user@host:5432/dbname); leave it empty for the local store."),
                         QStringLiteral("usage"));
    Result<DatabaseLocation> loc = DatabaseLocation::parse(trimmed);
    if (!loc)
        return loc;
    if (!loc->password.isEmpty())
        return makeError(QStringLiteral("Leave the password out of the URL: type it in the password field (it is kept "
                                        "in the OS keychain) or name a passfile (?passfile=/path)."),
                         QStringLiteral("usage"));
    if (loc->user.isEmpty())
        return makeError(QStringLiteral("The URL names no role: postgres://ROLE@host:5432/dbname."),
                         QStringLiteral("usage"));
    return loc;
}

Result<DatabaseLocation> storeLocationFor(const QString &setting, const QString &localFile, const QString &password)
{
    Result<DatabaseLocation> loc = parseStoreSetting(setting);
    if (!loc)
        return loc;
    if (loc->kind == DatabaseKind::Sqlite)
        return DatabaseLocation::sqlite(localFile);
    loc->password = password;
    return loc;
}

bool wantsKeychainPassword(const DatabaseLocation &location)
{
    return location.kind == DatabaseKind::Postgres && location.password.isEmpty() && location.passFile.isEmpty();
}

} // namespace archnest::store
