#include "store/Database.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrl>
#include <QUrlQuery>

#include <fcntl.h>
#include <unistd.h>

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
    // 1 -> 2: when the agent collected the report (its clock, ms since the epoch; 0 for rows from
    // before). Concurrent reports of one host keep the one collected last, not the last to arrive.
    "ALTER TABLE docker_agent_reports ADD COLUMN collected_at_ms BIGINT NOT NULL DEFAULT 0",
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
        const QList<QPair<QString, QString>> items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
        for (const auto &[key, value] : items) {
            if (key == QLatin1String("sslmode")) {
                static const QStringList modes{QStringLiteral("disable"),   QStringLiteral("allow"),
                                               QStringLiteral("prefer"),    QStringLiteral("require"),
                                               QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
                if (!modes.contains(value))
                    return makeError(QStringLiteral("sslmode '%1' in the PostgreSQL URL is not one of %2.")
                                         .arg(value.left(40), modes.join(QStringLiteral(", "))),
                                     QStringLiteral("usage"));
                loc.sslMode = value;
            } else if (key == QLatin1String("passfile")) {
                loc.passFile = value;
            } else {
                return makeError(QStringLiteral("The PostgreSQL URL option '%1' is not supported (use sslmode and "
                                                "passfile).")
                                     .arg(key.left(40)),
                                 QStringLiteral("usage"));
            }
        }
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

QString DatabaseLocation::urlWithoutPassword() const
{
    if (kind == DatabaseKind::Sqlite)
        return sqliteFile;
    QUrl url;
    url.setScheme(QStringLiteral("postgres"));
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    url.setPath(QLatin1Char('/') + databaseName);
    QUrlQuery query;
    if (!sslMode.isEmpty())
        query.addQueryItem(QStringLiteral("sslmode"), sslMode);
    if (!passFile.isEmpty())
        query.addQueryItem(QStringLiteral("passfile"), QString::fromLatin1(QUrl::toPercentEncoding(passFile, "/")));
    url.setQuery(query);
    return url.toString(QUrl::FullyEncoded);
}

QString DatabaseLocation::postgresConnectOptions(int connectTimeoutSeconds) const
{
    // QPSQL turns ';' into spaces and hands the result to libpq: values are quoted the way
    // libpq's conninfo wants ('…' with \' and \\).
    auto quoted = [](QString v) -> QString {
        v.replace(QLatin1Char('\\'), QStringLiteral("\\\\")).replace(QLatin1Char('\''), QStringLiteral("\\'"));
        return QLatin1Char('\'') + v + QLatin1Char('\'');
    };
    QStringList options{QStringLiteral("connect_timeout=%1").arg(qMax(2, connectTimeoutSeconds))};
    if (!sslMode.isEmpty())
        options << QStringLiteral("sslmode=") + sslMode;
    if (!passFile.isEmpty())
        options << QStringLiteral("passfile=") + quoted(passFile);
    return options.join(QLatin1Char(';'));
}

namespace {

constexpr QFileDevice::Permissions kOwnerReadWrite = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// The store holds every host's container inventory: readable by its owner only. A folder we
// create is 0700 (an existing one, such as /tmp for a file given by path, is left alone); the
// file is created 0600, and an older store created 0644 is tightened. SQLite gives its -wal and
// -shm files the database file's mode.
VoidResult prepareSqliteFile(const QString &file)
{
    const QFileInfo info(file);
    const QString folder = info.absolutePath();
    if (!QFileInfo::exists(folder)) {
        if (!QDir().mkpath(folder))
            return makeError(QStringLiteral("Cannot create the folder %1 for the store.").arg(folder),
                             QStringLiteral("database"));
        QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    if (!info.exists()) {
        const QByteArray path = QFile::encodeName(info.absoluteFilePath());
        const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0)
            ::close(fd);
        // EEXIST (another process created it meanwhile) is fine; other errors surface in open().
    } else if (info.permissions() & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                                     QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther)) {
        QFile::setPermissions(file, kOwnerReadWrite);
    }
    return {};
}

} // namespace

namespace {

// Switches a SQLite file to WAL. Two processes opening the same new file at once each hold a
// shared lock and want the exclusive one: SQLite then answers one of them "database is locked"
// at once, without its busy handler (waiting could deadlock the two). So a locked answer is
// tried again, bounded by kMigrationLockWaitMs; any other error is returned as it is.

bool switchToWal(QSqlQuery &q)
{
    QElapsedTimer waited;
    waited.start();
    for (int attempt = 0;; ++attempt) {
        if (q.exec(QStringLiteral("PRAGMA journal_mode=WAL")))
            return true;
        const int primary = q.lastError().nativeErrorCode().toInt() & 0xff; // extended codes keep it in the low byte
        const bool locked = primary == 5 || primary == 6;                   // SQLITE_BUSY, SQLITE_LOCKED
        if (!locked || waited.elapsed() > kMigrationLockWaitMs || attempt >= 2000)
            return false;
        QThread::msleep(5 + unsigned(attempt % 10) * 5); // the other opener needs milliseconds
    }
}

} // namespace

Result<QSqlDatabase> connectDatabase(const DatabaseLocation &location, const QString &connectionName,
                                     int connectTimeoutSeconds)
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

    if (location.kind == DatabaseKind::Sqlite) {
        VoidResult prepared = prepareSqliteFile(location.sqliteFile);
        if (!prepared)
            return prepared.error();
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, connectionName);
    if (location.kind == DatabaseKind::Sqlite) {
        db.setDatabaseName(location.sqliteFile);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kSqliteBusyTimeoutMs));
    } else {
        db.setHostName(location.host);
        db.setPort(location.port);
        db.setUserName(location.user);
        db.setPassword(location.password);
        db.setDatabaseName(location.databaseName);
        db.setConnectOptions(location.postgresConnectOptions(connectTimeoutSeconds));
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
        // Switching a new file to WAL needs it to itself: a second process opening it at the same
        // moment waits (kMigrationLockWaitMs) instead of failing; the short timeout is set after.
        if (!q.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(kMigrationLockWaitMs)) || !switchToWal(q) ||
            !q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"))) {
            Error e = dbError(db, QStringLiteral("Cannot configure SQLite"), q.lastError());
            q = QSqlQuery();
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(connectionName);
            return e;
        }
    }
    return db;
}

Result<QSqlDatabase> openDatabase(const DatabaseLocation &location, const QString &connectionName,
                                  int connectTimeoutSeconds)
{
    Result<QSqlDatabase> connected = connectDatabase(location, connectionName, connectTimeoutSeconds);
    if (!connected)
        return connected.error();
    QSqlDatabase db = *connected;
    VoidResult migrated = migrate(db);
    if (migrated && location.kind == DatabaseKind::Sqlite &&
        !QSqlQuery(db).exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(kSqliteBusyTimeoutMs)))
        migrated =
            makeError(QStringLiteral("Cannot configure SQLite's busy timeout in %1.").arg(location.displayName()),
                      QStringLiteral("database"));
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

namespace {

// Any constant shared by every ArchNest process: receivers and desktops migrating one PostgreSQL
// database at the same moment take turns on this advisory lock ("ArchNest" in ASCII).
constexpr qint64 kMigrationLockKey = 0x417263684e657374LL;

bool isPostgres(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QPSQL");
}

// The version recorded in archnest_schema, or 0 when the table is missing (a new store). Read
// first, so that a role that may only read never needs CREATE (PostgreSQL checks that right
// even for CREATE TABLE IF NOT EXISTS).
Result<int> readVersion(QSqlDatabase &db, bool *tableExists)
{
    QSqlQuery q(db);
    if (isPostgres(db)) {
        if (!q.exec(QStringLiteral("SELECT to_regclass('archnest_schema') IS NOT NULL")) || !q.next())
            return dbError(db, QStringLiteral("Cannot read the schema version"), q.lastError());
        *tableExists = q.value(0).toBool();
    } else {
        if (!q.exec(QStringLiteral(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'archnest_schema'")) ||
            !q.next())
            return dbError(db, QStringLiteral("Cannot read the schema version"), q.lastError());
        *tableExists = q.value(0).toInt() > 0;
    }
    if (!*tableExists)
        return 0;
    if (!q.exec(QStringLiteral("SELECT version FROM archnest_schema WHERE id = 1")))
        return dbError(db, QStringLiteral("Cannot read the schema version"), q.lastError());
    return q.next() ? q.value(0).toInt() : 0;
}

// Holds the store's migration lock while it lives: PostgreSQL's session advisory lock (released
// by the server if this process dies), or for SQLite a longer busy timeout so a second process
// waits for the first one's migration instead of failing (each step runs in BEGIN IMMEDIATE).
class MigrationLock final
{
public:
    explicit MigrationLock(QSqlDatabase &db)
        : m_db(db)
    {
        QSqlQuery q(m_db);
        if (isPostgres(m_db)) {
            q.prepare(QStringLiteral("SELECT pg_advisory_lock(:key)"));
            q.bindValue(QStringLiteral(":key"), kMigrationLockKey);
            m_held = q.exec();
            if (!m_held)
                m_error = dbError(m_db, QStringLiteral("Cannot take the migration lock"), q.lastError());
        } else {
            m_held = q.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(kMigrationLockWaitMs));
            if (!m_held)
                m_error = dbError(m_db, QStringLiteral("Cannot configure SQLite"), q.lastError());
        }
    }
    ~MigrationLock()
    {
        if (!m_held)
            return;
        QSqlQuery q(m_db);
        if (isPostgres(m_db)) {
            q.prepare(QStringLiteral("SELECT pg_advisory_unlock(:key)"));
            q.bindValue(QStringLiteral(":key"), kMigrationLockKey);
            q.exec();
        } else {
            q.exec(QStringLiteral("PRAGMA busy_timeout = %1").arg(kSqliteBusyTimeoutMs));
        }
    }
    Q_DISABLE_COPY_MOVE(MigrationLock)
    bool held() const { return m_held; }
    const Error &error() const { return m_error; }

private:
    QSqlDatabase &m_db;
    bool m_held = false;
    Error m_error;
};

bool begin(QSqlDatabase &db)
{
    if (isPostgres(db))
        return db.transaction();
    // IMMEDIATE: the write lock before the version is read again, so two processes cannot both
    // decide to run the same step.
    QSqlQuery q(db);
    return q.exec(QStringLiteral("BEGIN IMMEDIATE"));
}

Error notAllowedToMigrate(QSqlDatabase &db, int from, const QString &why)
{
    return makeError(QStringLiteral("The store %1 is at schema %2 and this ArchNest needs schema %3, but the database "
                                    "role '%4' may not change the schema (%5). Start ArchNest (or `archnest-cli "
                                    "receive`) once with the role that owns the database so it migrates, or use that "
                                    "role here.")
                         .arg(db.databaseName())
                         .arg(from)
                         .arg(kSchemaVersion)
                         .arg(db.userName().isEmpty() ? QStringLiteral("(default)") : db.userName(), why),
                     QStringLiteral("migration-not-allowed"));
}

} // namespace

Result<int> schemaVersion(QSqlDatabase &db)
{
    bool exists = false;
    return readVersion(db, &exists);
}

VoidResult migrate(QSqlDatabase &db)
{
    bool exists = false;
    Result<int> seen = readVersion(db, &exists);
    if (!seen)
        return seen.error();
    if (*seen > kSchemaVersion)
        return makeError(QStringLiteral("The store was written by a newer ArchNest (schema %1; this build knows up "
                                        "to %2). Upgrade ArchNest or use another data dir.")
                             .arg(*seen)
                             .arg(kSchemaVersion),
                         QStringLiteral("schema-too-new"));
    if (*seen == kSchemaVersion)
        return {}; // nothing to do: no lock, no write (a read-only role gets this far)

    MigrationLock lock(db);
    if (!lock.held())
        return lock.error();
    for (int step = 0; step < kSchemaVersion; ++step) {
        if (!begin(db))
            return dbError(db, QStringLiteral("Cannot start migration %1").arg(step + 1), db.lastError());
        QSqlQuery q(db);
        auto fail = [&](const QString &what, const QSqlError &e) -> VoidResult {
            // 42501: insufficient_privilege (PostgreSQL); SQLite: a read-only file.
            const bool denied = e.nativeErrorCode() == QLatin1String("42501") ||
                                e.text().contains(QLatin1String("permission denied"), Qt::CaseInsensitive) ||
                                e.text().contains(QLatin1String("must be owner"), Qt::CaseInsensitive) ||
                                e.text().contains(QLatin1String("readonly database"), Qt::CaseInsensitive);
            Error err = denied ? notAllowedToMigrate(db, *seen, e.text().trimmed()) : dbError(db, what, e);
            db.rollback();
            return err;
        };
        // Read again under the lock: another process may have migrated meanwhile.
        bool tableExists = false;
        Result<int> current = readVersion(db, &tableExists);
        if (!current) {
            db.rollback();
            return current.error();
        }
        if (*current > step) {
            db.rollback();
            continue;
        }
        if (!tableExists &&
            !q.exec(QStringLiteral("CREATE TABLE archnest_schema (id INTEGER PRIMARY KEY, version INTEGER NOT NULL)")))
            return fail(QStringLiteral("Cannot create the schema table"), q.lastError());
        if (!q.exec(QString::fromLatin1(kMigrations[step])))
            return fail(QStringLiteral("Migration to schema %1 failed").arg(step + 1), q.lastError());
        q.prepare(step == 0 ? QStringLiteral("INSERT INTO archnest_schema (id, version) VALUES (1, :v)")
                            : QStringLiteral("UPDATE archnest_schema SET version = :v WHERE id = 1"));
        q.bindValue(QStringLiteral(":v"), step + 1);
        if (!q.exec())
            return fail(QStringLiteral("Migration to schema %1 failed").arg(step + 1), q.lastError());
        if (!db.commit())
            return fail(QStringLiteral("Cannot commit migration %1").arg(step + 1), db.lastError());
    }
    return {};
}

} // namespace archnest::store
