#include "store/StoreProbe.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace archnest::store {

namespace {

QAtomicInteger<quint64> g_probeSerial;

bool queryBool(QSqlDatabase &db, const QString &sql, bool *value, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(sql) || !q.next()) {
        *error = q.lastError().text().trimmed();
        return false;
    }
    *value = q.value(0).toBool();
    return true;
}

Result<StoreAccess> probeOpen(QSqlDatabase &db, const DatabaseLocation &location)
{
    StoreAccess access;
    Result<int> version = schemaVersion(db);
    if (!version)
        return version.error();
    access.schemaVersion = *version;
    if (*version > kSchemaVersion)
        return makeError(
            QStringLiteral("The store %1 was written by a newer ArchNest (schema %2; this build knows up to "
                           "%3). Upgrade ArchNest.")
                .arg(location.displayName())
                .arg(*version)
                .arg(kSchemaVersion),
            QStringLiteral("schema-too-new"));
    access.needsMigration = *version < kSchemaVersion;
    QString error;
    if (location.kind == DatabaseKind::Sqlite) {
        const QFileInfo file(location.sqliteFile);
        access.role = file.absoluteFilePath();
        access.mayWrite = file.isWritable() && QFileInfo(file.absolutePath()).isWritable();
        access.mayMigrate = access.mayWrite;
        return access;
    }
    QSqlQuery who(db);
    if (who.exec(QStringLiteral("SELECT current_user")) && who.next())
        access.role = who.value(0).toString();
    // Migrating: the role owns the tables (ALTER) and may create in the schema (new tables).
    bool mayCreate = false;
    if (!queryBool(db, QStringLiteral("SELECT has_schema_privilege(current_schema(), 'CREATE')"), &mayCreate, &error))
        return makeError(QStringLiteral("Cannot read the rights of role %1 in %2: %3")
                             .arg(access.role, location.displayName(), error),
                         QStringLiteral("database"));
    bool ownsTables = true;
    if (*version > 0 && !queryBool(db,
                                   QStringLiteral("SELECT bool_and(pg_has_role(tableowner, 'USAGE')) FROM pg_tables"
                                                  " WHERE tablename IN ('archnest_schema', 'docker_agent_reports')"
                                                  " AND schemaname = current_schema()"),
                                   &ownsTables, &error))
        return makeError(QStringLiteral("Cannot read the table owners in %1: %2").arg(location.displayName(), error),
                         QStringLiteral("database"));
    access.mayMigrate = mayCreate && ownsTables;
    if (*version == 0) {
        access.mayWrite = access.mayMigrate; // it makes the tables it writes to
        return access;
    }
    bool mayRead = false;
    if (!queryBool(db, QStringLiteral("SELECT has_table_privilege('docker_agent_reports', 'SELECT')"), &mayRead,
                   &error))
        return makeError(QStringLiteral("Cannot read the rights of role %1 in %2: %3")
                             .arg(access.role, location.displayName(), error),
                         QStringLiteral("database"));
    if (!mayRead)
        return makeError(QStringLiteral("The role %1 may not read the agent reports in %2: GRANT SELECT ON "
                                        "docker_agent_reports, archnest_schema TO %1 (as the owner), or use another "
                                        "role.")
                             .arg(access.role, location.displayName()),
                         QStringLiteral("migration-not-allowed"));
    if (!queryBool(db,
                   QStringLiteral("SELECT has_table_privilege('docker_agent_reports', 'INSERT') AND "
                                  "has_table_privilege('docker_agent_reports', 'UPDATE') AND "
                                  "has_table_privilege('docker_agent_reports', 'DELETE')"),
                   &access.mayWrite, &error))
        return makeError(QStringLiteral("Cannot read the rights of role %1 in %2: %3")
                             .arg(access.role, location.displayName(), error),
                         QStringLiteral("database"));
    return access;
}

} // namespace

QString StoreAccess::summary() const
{
    if (needsMigration && !mayMigrate)
        return QStringLiteral("Schema %1 needs migrating to %2, which role %3 may not do.")
            .arg(schemaVersion)
            .arg(kSchemaVersion)
            .arg(role);
    QString text = schemaVersion == 0 ? QStringLiteral("Connected: an empty store; ArchNest will create its tables.")
                   : needsMigration   ? QStringLiteral("Connected: schema %1, ArchNest will migrate it to %2.")
                                          .arg(schemaVersion)
                                          .arg(kSchemaVersion)
                                    : QStringLiteral("Connected: schema %1.").arg(schemaVersion);
    if (readOnly())
        text += QStringLiteral(" Role %1 may only read: the desktop opens the store read-only and the in-app "
                               "receiver stays off.")
                    .arg(role);
    return text;
}

Result<StoreAccess> probeStore(const DatabaseLocation &location, int timeoutSeconds)
{
    if (location.kind == DatabaseKind::Sqlite && !QFileInfo::exists(location.sqliteFile)) {
        StoreAccess access;
        access.role = QFileInfo(location.sqliteFile).absoluteFilePath();
        access.needsMigration = true;
        const QFileInfo folder(QFileInfo(location.sqliteFile).absolutePath());
        access.mayWrite = access.mayMigrate = !folder.exists() || folder.isWritable();
        return access;
    }
    const QString name = QStringLiteral("archnest-store-probe-%1").arg(++g_probeSerial);
    Result<StoreAccess> result = makeError(QStringLiteral("not probed"));
    {
        Result<QSqlDatabase> db = connectDatabase(location, name, timeoutSeconds);
        if (!db)
            return db.error();
        result = probeOpen(*db, location);
    }
    closeDatabase(name);
    return result;
}

} // namespace archnest::store
