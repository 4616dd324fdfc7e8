#pragma once

#include "util/Result.h"

#include <QSqlDatabase>
#include <QString>

namespace archnest::store {

enum class DatabaseKind { Sqlite, Postgres };

// Where the store lives: a SQLite file (the default, in the data dir) or a PostgreSQL server
// given as postgres://user:password@host:port/dbname.
struct DatabaseLocation
{
    DatabaseKind kind = DatabaseKind::Sqlite;
    QString sqliteFile;
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString databaseName;
    // libpq's sslmode (disable, allow, prefer, require, verify-ca, verify-full; empty: libpq's
    // default) and passfile (a ~/.pgpass-format file read when no password is given), from the
    // URL's query: postgres://user@host/db?sslmode=verify-full&passfile=/path.
    QString sslMode;
    QString passFile;

    // "postgres://…" / "postgresql://…" -> Postgres; "sqlite:///path" or a plain path -> Sqlite.
    static Result<DatabaseLocation> parse(const QString &urlOrFile);
    static DatabaseLocation sqlite(const QString &file);
    // For logs: never contains the password.
    QString displayName() const;
    // The URL without its password (for a settings file; the password goes to the keychain).
    QString urlWithoutPassword() const;
    // libpq connection options (connect_timeout, sslmode, passfile) as QPSQL takes them.
    QString postgresConnectOptions(int connectTimeoutSeconds) const;
};

// The schema version this binary writes. Migrations bring older stores up to it.
inline constexpr int kSchemaVersion = 2;

// How long SQLite waits for a lock another connection holds before the statement fails (busy).
inline constexpr int kSqliteBusyTimeoutMs = 250;
// How long a migration waits for another process's migration of the same SQLite file.
inline constexpr int kMigrationLockWaitMs = 15000;

// Opens (creating if needed) the database under a connection name owned by the caller, on the
// calling thread (Qt SQL connections belong to the thread that made them), and migrates it.
// SQLite runs in WAL mode with a short busy timeout (kSqliteBusyTimeoutMs: a lock held by
// another process fails the statement fast instead of freezing the caller); a new SQLite file is
// created 0600 (an existing one is tightened to 0600) and a folder created for it 0700. A
// PostgreSQL connect gives up after connectTimeoutSeconds. Close with closeDatabase(connectionName).
Result<QSqlDatabase> openDatabase(const DatabaseLocation &location, const QString &connectionName,
                                  int connectTimeoutSeconds = 10);
// The same without migrating (and without writing to a PostgreSQL store): for probing a store.
Result<QSqlDatabase> connectDatabase(const DatabaseLocation &location, const QString &connectionName,
                                     int connectTimeoutSeconds = 10);
void closeDatabase(const QString &connectionName);

// Applies the missing migrations, each in its own transaction. Refuses a store written by a
// newer version. Several processes may open one new store at once: migrations run under a lock
// (a PostgreSQL advisory lock; SQLite's write lock, BEGIN IMMEDIATE) and each step checks the
// version again under it. A current store is not written to at all, so a role that may only read
// opens it; an older one that the role may not change is refused with code
// "migration-not-allowed" and a message saying what to do.
VoidResult migrate(QSqlDatabase &db);
Result<int> schemaVersion(QSqlDatabase &db);

} // namespace archnest::store
