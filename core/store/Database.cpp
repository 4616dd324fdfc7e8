#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace archnest::store {

namespace {

// Each step brings the schema from version (index) to (index + 1). Plain SQL that SQLite and
// PostgreSQL both accept; steps are only ever appended.
const char *const kMigrations[] = {
    // 0 -> 1: the latest push-agent report per host.
    "CREATE TABLE docker_agent_reports ("
    " host_id TEXT PRIMARY KEY,"
    " hostname TEXT NOT NULL,"
    " received_at_ms BIGINT NOT NULL,"
    " remote_address TEXT NOT NULL,"
    " container_count INTEGER NOT NULL,"
    " schema_version INTEGER NOT NULL,"
    " report TEXT NOT NULL)",
};
static_assert(std::size(kMigrations) == kSchemaVersion, "one migration per schema version");

QString sqlError(const QSqlError &e)
{
    QString text = e.text().trimmed();
    return text.isEmpty() ? QStringLiteral("unknown database error") : text;
}

Error dbError(const QSqlDatabase &db, const QString &what, const QSqlError &e)
{
    return makeError(QStringLiteral("%1 (%2): %3").arg(what, db.connectionName(), sqlError(e)),
                     QStringLiteral("database"));
}

// The store holds container metadata: readable by its owner only. A new data folder is made 0700
// and a new database file 0600 (SQLite gives its -wal and -shm files the database file's mode).
bool preparePrivateSqliteFile(const QString &file)
{
    const QFileInfo info(file);
    const QString dir = info.absolutePath();
    const bool newDir = !QFileInfo::exists(dir);
    if (!QDir().mkpath(dir))
        return false;
    const QFile::Permissions ownerOnly = QFile::ReadOwner | QFile::WriteOwner;
    if (newDir)
        QFile::setPermissions(dir, ownerOnly | QFile::ExeOwner);
    if (info.exists())
        return true;
    QFile f(file);
    return f.open(QIODevice::WriteOnly | QIODevice::NewOnly, ownerOnly);
}

} // namespace

Result<DatabaseLocation> DatabaseLocation::parse(const QString &urlOrFile)
{
    const QString text = urlOrFile.trimmed();
    if (text.isEmpty())
        return makeError(QStringLiteral("The database location is empty: give a file path or "
                                        "postgres://user:password@host:port/dbname."),
                         QStringLiteral("usage"));
    if (text.startsWith(QLatin1String("postgres://")) || text.startsWith(QLatin1String("postgresql://"))) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty())
            return makeError(QStringLiteral("The PostgreSQL URL is not valid (expected "
                                            "postgres://user:password@host:port/dbname)."),
                             QStringLiteral("usage"));
        DatabaseLocation loc;
        loc.kind = DatabaseKind::Postgres;
        loc.host = url.host();
        loc.port = url.port(5432);
        loc.user = url.userName(QUrl::FullyDecoded);
        loc.password = url.password(QUrl::FullyDecoded);
        loc.databaseName = url.path(QUrl::FullyDecoded).mid(1);
        if (loc.databaseName.isEmpty() || loc.databaseName.contains(QLatin1Char('/')))
            return makeError(
                QStringLiteral("The PostgreSQL URL %1 names no database (add /dbname).").arg(loc.displayName()),
                QStringLiteral("usage"));
        return loc;
    }
    if (text.startsWith(QLatin1String("sqlite://")))
        return sqlite(QUrl(text).path());
    if (text.contains(QLatin1String("://")))
        return makeError(QStringLiteral("Unsupported database URL scheme in '%1': use a SQLite file path or "
                                        "postgres://user:password@host:port/dbname.")
                             .arg(text.section(QLatin1String("://"), 0, 0)),
                         QStringLiteral("usage"));
    return sqlite(text);
}

DatabaseLocation DatabaseLocation::sqlite(const QString &file)
{
    DatabaseLocation loc;
    loc.kind = DatabaseKind::Sqlite;
    loc.sqliteFile = file;
    return loc;
}

QString DatabaseLocation::displayName() const
{
    if (kind == DatabaseKind::Sqlite)
        return QStringLiteral("sqlite:%1").arg(sqliteFile);
    return QStringLiteral("postgres://%1@%2:%3/%4").arg(user, host).arg(port).arg(databaseName);
}

Result<QSqlDatabase> openDatabase(const DatabaseLocation &location, const QString &connectionName)
{
    if (QSqlDatabase::contains(connectionName))
        return makeError(QStringLiteral("Database connection '%1' is already open.").arg(connectionName),
                         QStringLiteral("database"));
    const QString driver = location.kind == DatabaseKind::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    if (!QSqlDatabase::isDriverAvailable(driver))
        return makeError(
            QStringLiteral("The Qt SQL driver %1 is not installed (Debian: libqt6sql6-%2).")
                .arg(driver, location.kind == DatabaseKind::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("psql")),
            QStringLiteral("database"));

    QSqlDatabase db = QSqlDatabase::addDatabase(driver, connectionName);
    if (location.kind == DatabaseKind::Sqlite) {
        const QFileInfo info(location.sqliteFile);
        if (!preparePrivateSqliteFile(location.sqliteFile)) {
            QSqlDatabase::removeDatabase(connectionName);
            return makeError(QStringLiteral("Cannot create the store %1 (or its folder): check that the folder is "
                                            "writable by this user.")
                                 .arg(location.sqliteFile),
                             QStringLiteral("database"));
        }
        db.setDatabaseName(location.sqliteFile);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    } else {
        db.setHostName(location.host);
        db.setPort(location.port);
        db.setUserName(location.user);
        db.setPassword(location.password);
        db.setDatabaseName(location.databaseName);
        db.setConnectOptions(QStringLiteral("connect_timeout=10"));
    }
    if (!db.open()) {
        const QString message = sqlError(db.lastError());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connectionName);
        return makeError(QStringLiteral("Cannot open the store %1: %2").arg(location.displayName(), message),
                         QStringLiteral("database"));
    }
    if (location.kind == DatabaseKind::Sqlite) {
        QSqlQuery q(db);
        // WAL: readers never block the writer, and a killed writer leaves the last committed
        // transaction intact. NORMAL sync is durable across process crashes in WAL mode.
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) ||
            !q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"))) {
            Error e = dbError(db, QStringLiteral("Cannot configure SQLite"), q.lastError());
            q = QSqlQuery();
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(connectionName);
            return e;
        }
    }
    VoidResult migrated = migrate(db);
    if (!migrated) {
        Error e = migrated.error();
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(connectionName);
        return e;
    }
    return db;
}

void closeDatabase(const QString &connectionName)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

Result<int> schemaVersion(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral(
            "CREATE TABLE IF NOT EXISTS archnest_schema (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)")))
        return dbError(db, QStringLiteral("Cannot create the schema table"), q.lastError());
    if (!q.exec(QStringLiteral("SELECT version FROM archnest_schema WHERE id = 1")))
        return dbError(db, QStringLiteral("Cannot read the schema version"), q.lastError());
    return q.next() ? q.value(0).toInt() : 0;
}

VoidResult migrate(QSqlDatabase &db)
{
    Result<int> current = schemaVersion(db);
    if (!current)
        return current.error();
    if (*current > kSchemaVersion)
        return makeError(QStringLiteral("The store was written by a newer ArchNest (schema %1; this build knows up "
                                        "to %2). Upgrade ArchNest or use another data dir.")
                             .arg(*current)
                             .arg(kSchemaVersion),
                         QStringLiteral("schema-too-new"));
    for (int v = *current; v < kSchemaVersion; ++v) {
        if (!db.transaction())
            return dbError(db, QStringLiteral("Cannot start migration %1").arg(v + 1), db.lastError());
        QSqlQuery q(db);
        bool ok = q.exec(QString::fromLatin1(kMigrations[v]));
        if (ok) {
            q.prepare(v == 0 ? QStringLiteral("INSERT INTO archnest_schema (id, version) VALUES (1, :v)")
                             : QStringLiteral("UPDATE archnest_schema SET version = :v WHERE id = 1"));
            q.bindValue(QStringLiteral(":v"), v + 1);
            ok = q.exec();
        }
        if (!ok) {
            Error e = dbError(db, QStringLiteral("Migration to schema %1 failed").arg(v + 1), q.lastError());
            db.rollback();
            return e;
        }
        if (!db.commit())
            return dbError(db, QStringLiteral("Cannot commit migration %1").arg(v + 1), db.lastError());
    }
    return {};
}

} // namespace archnest::store
