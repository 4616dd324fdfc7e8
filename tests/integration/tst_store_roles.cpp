// Issue 22: the desktop on a shared PostgreSQL store, with roles of different rights (a database
// and roles of this test's own on the PostgreSQL fixture): the connection test (probeStore) tells
// an owner from a writer and a reader; a role that may only read opens a current store without
// writing to it (the desktop's read-only mode); a store that needs migrating is refused for a role
// that may not migrate, with a message naming the role and what to do; sslmode and passfile in the
// URL reach libpq.
#include "Fixtures.h"
#include "TestSupport.h"
#include "receiver_process.h"
#include "receiver_store_support.h"
#include "receiver_support.h"
#include "store/AgentReportStore.h"
#include "store/StoreProbe.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace archnest;
using namespace archnest::store;
using namespace archnest::test;

namespace {
const QString kPassword = QStringLiteral("r0le-pw-9f3b2d7c");
} // namespace

class TestStoreRoles final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_ownerUrl; // the fixture's superuser on this test's database
    QString m_dbName;
    QString m_reader, m_writer;
    int m_serial = 0;

    QString name() { return QStringLiteral("tst-roles-%1").arg(++m_serial); }

    // Runs SQL as the fixture's superuser on `url`'s database.
    bool admin(const QString &url, const QStringList &statements)
    {
        auto loc = DatabaseLocation::parse(url);
        if (!loc)
            return false;
        const QString conn = name();
        bool ok = true;
        {
            Result<QSqlDatabase> db = connectDatabase(*loc, conn);
            if (!db)
                return false;
            QSqlQuery q(*db);
            for (const QString &sql : statements) {
                if (!q.exec(sql)) {
                    qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
                    ok = false;
                }
            }
        }
        closeDatabase(conn);
        return ok;
    }

    QString urlAs(const QString &role, const QString &query = {}) const
    {
        auto loc = DatabaseLocation::parse(m_ownerUrl);
        return QStringLiteral("postgres://%1:%2@%3:%4/%5%6")
            .arg(role, kPassword, loc->host)
            .arg(loc->port)
            .arg(m_dbName, query);
    }

    static AgentReportRecord record(const QString &host)
    {
        AgentReportRecord r;
        r.hostId = host;
        r.hostname = host;
        r.receivedAtMs = 1000;
        r.collectedAtMs = 1000;
        r.remoteAddress = QStringLiteral("127.0.0.1");
        r.containerCount = 1;
        r.schemaVersion = 1;
        r.report = makeReport(host, 1);
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_PG_URL");
        const qint64 pid = QCoreApplication::applicationPid();
        m_dbName = QStringLiteral("archnest_roles_%1").arg(pid);
        auto db = makePrivatePostgresDatabase(m_dbName);
        QVERIFY_RESULT(db);
        m_ownerUrl = db.value();
        m_reader = QStringLiteral("archnest_reader_%1").arg(pid);
        m_writer = QStringLiteral("archnest_writer_%1").arg(pid);
        // The owner (the fixture's user) makes the schema and one report.
        {
            auto owner = AgentReportStore::open(*DatabaseLocation::parse(m_ownerUrl), name());
            QVERIFY_RESULT(owner);
            QVERIFY_RESULT((*owner)->storeReport(record(QStringLiteral("shared-host"))));
        }
        QVERIFY(admin(m_ownerUrl,
                      {QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_reader),
                       QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_writer),
                       QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(m_reader, kPassword),
                       QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(m_writer, kPassword),
                       QStringLiteral("REVOKE CREATE ON SCHEMA public FROM PUBLIC"),
                       QStringLiteral("GRANT SELECT ON archnest_schema, docker_agent_reports TO %1").arg(m_reader),
                       QStringLiteral("GRANT SELECT, INSERT, UPDATE, DELETE ON archnest_schema, docker_agent_reports "
                                      "TO %1")
                           .arg(m_writer)}));
    }

    void cleanupTestCase()
    {
        const QString base = Fixtures::instance().value(QStringLiteral("ARCHNEST_FX_PG_URL"));
        admin(base, {QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_dbName),
                     QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_reader),
                     QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_writer)});
    }

    void probeTellsOwnerWriterAndReader()
    {
        auto owner = probeStore(*DatabaseLocation::parse(m_ownerUrl));
        QVERIFY_RESULT(owner);
        QVERIFY(owner->mayWrite && owner->mayMigrate && !owner->needsMigration && !owner->readOnly());
        QCOMPARE(owner->schemaVersion, kSchemaVersion);

        auto writer = probeStore(*DatabaseLocation::parse(urlAs(m_writer)));
        QVERIFY_RESULT(writer);
        QVERIFY(writer->mayWrite && !writer->mayMigrate && !writer->readOnly());

        auto reader = probeStore(*DatabaseLocation::parse(urlAs(m_reader)));
        QVERIFY_RESULT(reader);
        QVERIFY(!reader->mayWrite && !reader->mayMigrate && reader->readOnly());
        QCOMPARE(reader->role, m_reader);
        QVERIFY2(reader->summary().contains(QStringLiteral("may only read")), qPrintable(reader->summary()));

        // A wrong password is an error in words, not a crash or a read-only mode.
        auto wrong = probeStore(
            *DatabaseLocation::parse(QString(urlAs(m_reader)).replace(kPassword, QStringLiteral("not-the-password"))));
        QVERIFY_RESULT_ERROR(wrong, QStringLiteral("password authentication failed"));
    }

    void readerOpensACurrentStoreReadOnly()
    {
        auto store = AgentReportStore::open(*DatabaseLocation::parse(urlAs(m_reader)), name());
        QVERIFY_RESULT(store); // no migration, no write: a reader may open it
        auto rec = (*store)->latestReport(QStringLiteral("shared-host"));
        QVERIFY_RESULT(rec);
        QVERIFY(rec->has_value());
        QVERIFY_RESULT_ERROR((*store)->storeReport(record(QStringLiteral("reader-host"))),
                             QStringLiteral("permission denied"));
    }

    void migrationRefusedForARoleThatMayNot()
    {
        // The store goes back to schema 1 (as an older ArchNest left it).
        QVERIFY(admin(m_ownerUrl, {QStringLiteral("ALTER TABLE docker_agent_reports DROP COLUMN collected_at_ms"),
                                   QStringLiteral("UPDATE archnest_schema SET version = 1")}));
        for (const QString &role : {m_reader, m_writer}) {
            auto probe = probeStore(*DatabaseLocation::parse(urlAs(role)));
            QVERIFY_RESULT(probe);
            QVERIFY(probe->needsMigration && !probe->mayMigrate);
            auto store = AgentReportStore::open(*DatabaseLocation::parse(urlAs(role)), name());
            QVERIFY(!store);
            QCOMPARE(store.error().code, QStringLiteral("migration-not-allowed"));
            QVERIFY2(store.errorMessage().contains(role) && store.errorMessage().contains(QStringLiteral("owns")),
                     qPrintable(store.errorMessage()));
        }
        // The owner migrates it; the reader then opens it again.
        auto owner = AgentReportStore::open(*DatabaseLocation::parse(m_ownerUrl), name());
        QVERIFY_RESULT(owner);
        auto probe = probeStore(*DatabaseLocation::parse(urlAs(m_reader)));
        QVERIFY_RESULT(probe);
        QVERIFY(!probe->needsMigration);
    }

    void sslModeAndPassFileReachLibpq()
    {
        // The fixture's server has no TLS: sslmode=require must fail, sslmode=disable connect.
        auto required = probeStore(*DatabaseLocation::parse(urlAs(m_reader, QStringLiteral("?sslmode=require"))));
        QVERIFY_RESULT_ERROR(required, QStringLiteral("SSL"));
        QVERIFY_RESULT(probeStore(*DatabaseLocation::parse(urlAs(m_reader, QStringLiteral("?sslmode=disable")))));
        QVERIFY_RESULT_ERROR(DatabaseLocation::parse(urlAs(m_reader, QStringLiteral("?sslmode=sometimes"))),
                             QStringLiteral("sslmode"));

        // No password in the URL: libpq reads it from the passfile (0600, ~/.pgpass format).
        auto loc = DatabaseLocation::parse(m_ownerUrl);
        const QString passfile = m_dir.filePath(QStringLiteral("pg pass")); // a space: quoted for libpq
        writeSmallFile(passfile, QStringLiteral("%1:%2:%3:%4:%5\n")
                                     .arg(loc->host)
                                     .arg(loc->port)
                                     .arg(m_dbName, m_reader, kPassword)
                                     .toUtf8());
        QFile::setPermissions(passfile, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        DatabaseLocation viaFile = *DatabaseLocation::parse(urlAs(m_reader));
        viaFile.password.clear();
        viaFile.passFile = passfile;
        auto parsed = DatabaseLocation::parse(viaFile.urlWithoutPassword());
        QVERIFY_RESULT(parsed);
        QCOMPARE(parsed->passFile, passfile);
        QVERIFY(parsed->password.isEmpty());
        QVERIFY_RESULT(probeStore(*parsed));
    }
};

QTEST_GUILESS_MAIN(TestStoreRoles)
#include "tst_store_roles.moc"
