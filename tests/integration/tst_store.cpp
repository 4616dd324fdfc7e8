// The report store against real SQLite (a temp file, WAL) and a real PostgreSQL server (the
// postgres fixture), with the same tests; plus the read-only AgentContainerSource over it with
// an injected clock.
#include "Fixtures.h"
#include "TestSupport.h"
#include "config/SourceFactory.h"
#include "docker/agent/AgentContainerSource.h"
#include "receiver_store_support.h"
#include "receiver_support.h"
#include "store/AgentReportStore.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace archnest;
using namespace archnest::store;

class TestStore final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_serial = 0;

    QString connectionName() { return QStringLiteral("tst-store-%1").arg(++m_serial); }

    // A fresh, empty database of the given kind.
    DatabaseLocation freshLocation(const QString &backend)
    {
        if (backend == QLatin1String("sqlite"))
            return DatabaseLocation::sqlite(m_dir.filePath(QStringLiteral("s%1.sqlite").arg(++m_serial)));
        // A database of its own per case on the fixture's server: other tests (the receiver
        // hygiene test, in parallel) use the server too, and one case here sets schema 99.
        auto url = test::makePrivatePostgresDatabase(
            QStringLiteral("archnest_store_%1_%2").arg(QCoreApplication::applicationPid()).arg(++m_serial));
        if (!url)
            return {};
        auto loc = DatabaseLocation::parse(*url);
        if (!loc)
            return {};
        return *loc;
    }

    static QSqlDatabase openRaw(const DatabaseLocation &loc)
    {
        QSqlDatabase db = QSqlDatabase::contains(QStringLiteral("tst-raw"))
                              ? QSqlDatabase::database(QStringLiteral("tst-raw"))
                              : QSqlDatabase::addDatabase(loc.kind == DatabaseKind::Sqlite ? QStringLiteral("QSQLITE")
                                                                                           : QStringLiteral("QPSQL"),
                                                          QStringLiteral("tst-raw"));
        if (loc.kind == DatabaseKind::Sqlite) {
            db.setDatabaseName(loc.sqliteFile);
        } else {
            db.setHostName(loc.host);
            db.setPort(loc.port);
            db.setUserName(loc.user);
            db.setPassword(loc.password);
            db.setDatabaseName(loc.databaseName);
        }
        db.open();
        return db;
    }

    static void backends()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

    static AgentReportRecord record(const QString &host, int count, qint64 at, const QString &tag = QStringLiteral("a"))
    {
        AgentReportRecord r;
        r.hostId = host;
        r.hostname = host + QStringLiteral(".example");
        r.receivedAtMs = at;
        r.remoteAddress = QStringLiteral("127.0.0.1");
        r.containerCount = count;
        r.schemaVersion = 1;
        r.report = test::makeReport(host, count, tag);
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_PG_URL");
    }

    void opensAndMigrates_data() { backends(); }
    void opensAndMigrates()
    {
        QFETCH(QString, backend);
        const DatabaseLocation loc = freshLocation(backend);
        for (int round = 0; round < 2; ++round) { // the second open finds the schema in place
            const QString name = connectionName();
            Result<QSqlDatabase> db = openDatabase(loc, name);
            QVERIFY_RESULT(db);
            QCOMPARE(*schemaVersion(*db), kSchemaVersion);
            if (backend == QLatin1String("sqlite")) {
                QSqlQuery q(*db);
                QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
                QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
            }
            *db = QSqlDatabase();
            closeDatabase(name);
        }
        // What is shown names the store but never its password.
        if (backend == QLatin1String("sqlite")) {
            QCOMPARE(loc.displayName(), QStringLiteral("sqlite:") + loc.sqliteFile);
        } else {
            QVERIFY2(!loc.password.isEmpty(), "the PostgreSQL fixture's URL should carry a password");
            QVERIFY2(!loc.displayName().contains(loc.password), qPrintable(loc.displayName()));
            QVERIFY2(loc.displayName().contains(loc.host), qPrintable(loc.displayName()));
        }
    }

    void refusesANewerSchema_data() { backends(); }
    void refusesANewerSchema()
    {
        QFETCH(QString, backend);
        const DatabaseLocation loc = freshLocation(backend);
        {
            auto s = AgentReportStore::open(loc, connectionName());
            QVERIFY_RESULT(s);
        }
        {
            QSqlDatabase raw = openRaw(loc);
            QVERIFY(QSqlQuery(raw).exec(QStringLiteral("UPDATE archnest_schema SET version = 99")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tst-raw"));
        QVERIFY_RESULT_ERROR(AgentReportStore::open(loc, connectionName()), QStringLiteral("newer ArchNest"));
    }

    void storesReplacesAndLists_data() { backends(); }
    void storesReplacesAndLists()
    {
        QFETCH(QString, backend);
        auto s = AgentReportStore::open(freshLocation(backend), connectionName());
        QVERIFY_RESULT(s);
        AgentReportStore &store = **s;
        QVERIFY_RESULT(store.storeReport(record(QStringLiteral("vm-a"), 3, 1000)));
        QVERIFY_RESULT(store.storeReport(record(QStringLiteral("vm-b"), 2, 2000)));
        AgentReportRecord replaced = record(QStringLiteral("vm-a"), 5, 3000, QStringLiteral("ünïcode-✓"));
        QVERIFY_RESULT(store.storeReport(replaced));

        auto hosts = store.listHosts();
        QVERIFY_RESULT(hosts);
        QCOMPARE(hosts->size(), 2);
        QCOMPARE(hosts->at(0).hostId, QStringLiteral("vm-a")); // newest first
        QCOMPARE(hosts->at(0).containerCount, 5);
        QCOMPARE(hosts->at(0).receivedAtMs, 3000);
        QVERIFY(hosts->at(0).report.isEmpty());
        QCOMPARE(hosts->at(1).hostId, QStringLiteral("vm-b"));

        auto latest = store.latestReport(QStringLiteral("vm-a"));
        QVERIFY_RESULT(latest);
        QVERIFY(latest->has_value());
        QCOMPARE((*latest)->report, replaced.report);
        QCOMPARE((*latest)->hostname, QStringLiteral("vm-a.example"));
        auto none = store.latestReport(QStringLiteral("vm-zzz"));
        QVERIFY_RESULT(none);
        QVERIFY(!none->has_value());
        QVERIFY_RESULT(store.removeHost(QStringLiteral("vm-b")));
        QCOMPARE(store.listHosts()->size(), 1);
    }

    // Issue 22: receivers side by side store one host's reports in any order; the one collected
    // last stays (compared by the database, not by arrival), an older one is acknowledged as
    // superseded, and an equal time replaces (an agent's retry of the same report).
    void keepsTheReportCollectedLast_data() { backends(); }
    void keepsTheReportCollectedLast()
    {
        QFETCH(QString, backend);
        auto s = AgentReportStore::open(freshLocation(backend), connectionName());
        QVERIFY_RESULT(s);
        AgentReportRecord newer = record(QStringLiteral("vm-o"), 4, 5000, QStringLiteral("newer"));
        newer.collectedAtMs = 2000;
        AgentReportRecord older = record(QStringLiteral("vm-o"), 1, 6000, QStringLiteral("older"));
        older.collectedAtMs = 1000;
        AgentReportStore::StoreOutcome outcome = AgentReportStore::StoreOutcome::Superseded;
        QVERIFY_RESULT((*s)->storeReport(newer, &outcome));
        QCOMPARE(outcome, AgentReportStore::StoreOutcome::Stored);
        QVERIFY_RESULT((*s)->storeReport(older, &outcome)); // arrives later, collected earlier
        QCOMPARE(outcome, AgentReportStore::StoreOutcome::Superseded);
        auto rec = (*s)->latestReport(QStringLiteral("vm-o"));
        QVERIFY_RESULT(rec);
        QCOMPARE((*rec)->report, newer.report);
        QCOMPARE((*rec)->collectedAtMs, 2000);
        QCOMPARE((*rec)->receivedAtMs, 5000);
        AgentReportRecord again = newer;
        again.receivedAtMs = 7000;
        QVERIFY_RESULT((*s)->storeReport(again, &outcome));
        QCOMPARE(outcome, AgentReportStore::StoreOutcome::Stored);
        QCOMPARE((*(*s)->latestReport(QStringLiteral("vm-o")))->receivedAtMs, 7000);
    }

    // A store written by schema 1 (before collected_at_ms) is migrated in place, its rows kept.
    void migratesASchemaOneStore_data() { backends(); }
    void migratesASchemaOneStore()
    {
        QFETCH(QString, backend);
        const DatabaseLocation loc = freshLocation(backend);
        {
            QSqlDatabase raw = openRaw(loc);
            QSqlQuery q(raw);
            QVERIFY2(q.exec(QStringLiteral("CREATE TABLE archnest_schema (id INTEGER PRIMARY KEY, version INTEGER NOT "
                                           "NULL)")),
                     qPrintable(q.lastError().text()));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO archnest_schema (id, version) VALUES (1, 1)")));
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE docker_agent_reports (host_id TEXT PRIMARY KEY, hostname TEXT "
                                          "NOT NULL, received_at_ms BIGINT NOT NULL, remote_address TEXT NOT NULL, "
                                          "container_count INTEGER NOT NULL, schema_version INTEGER NOT NULL, "
                                          "report TEXT NOT NULL)")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO docker_agent_reports VALUES ('vm-old', 'old', 1000, "
                                          "'127.0.0.1', 0, 1, '{}')")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tst-raw"));
        auto s = AgentReportStore::open(loc, connectionName());
        QVERIFY_RESULT(s);
        auto rec = (*s)->latestReport(QStringLiteral("vm-old"));
        QVERIFY_RESULT(rec);
        QVERIFY(rec->has_value());
        QCOMPARE((*rec)->collectedAtMs, 0);
        AgentReportRecord next = record(QStringLiteral("vm-old"), 2, 2000);
        next.collectedAtMs = 1500;
        QVERIFY_RESULT((*s)->storeReport(next));
        QCOMPARE((*(*s)->latestReport(QStringLiteral("vm-old")))->containerCount, 2);
    }

    void failedWriteKeepsThePrevious_data() { backends(); }
    void failedWriteKeepsThePrevious()
    {
        QFETCH(QString, backend);
        auto s = AgentReportStore::open(freshLocation(backend), connectionName());
        QVERIFY_RESULT(s);
        const AgentReportRecord good = record(QStringLiteral("vm-a"), 3, 1000);
        QVERIFY_RESULT((*s)->storeReport(good));
        AgentReportRecord broken = record(QStringLiteral("vm-a"), 9, 2000, QStringLiteral("broken"));
        broken.hostname = QString(); // NULL violates NOT NULL: the statement fails inside the transaction
        QVERIFY_RESULT_ERROR((*s)->storeReport(broken), QStringLiteral("Cannot store the report of vm-a"));
        auto latest = (*s)->latestReport(QStringLiteral("vm-a"));
        QVERIFY_RESULT(latest);
        QCOMPARE((*latest)->report, good.report);
        QCOMPARE((*latest)->containerCount, 3);
        // And the connection is usable afterwards (no transaction left open).
        QVERIFY_RESULT((*s)->storeReport(record(QStringLiteral("vm-a"), 4, 3000)));
        QCOMPARE((*(*s)->latestReport(QStringLiteral("vm-a")))->containerCount, 4);
    }

    void hostileValuesAreData_data() { backends(); }
    void hostileValuesAreData()
    {
        QFETCH(QString, backend);
        auto s = AgentReportStore::open(freshLocation(backend), connectionName());
        QVERIFY_RESULT(s);
        AgentReportRecord r = record(QStringLiteral("x'); DROP TABLE docker_agent_reports;--"), 1, 1000);
        r.remoteAddress = QStringLiteral("'; SELECT pg_sleep(10);--");
        QVERIFY_RESULT((*s)->storeReport(r));
        auto back = (*s)->latestReport(r.hostId);
        QVERIFY_RESULT(back);
        QCOMPARE((*back)->remoteAddress, r.remoteAddress);
        QCOMPARE((*s)->listHosts()->size(), 1);
    }

    void walReaderSeesCommittedReports()
    {
        const DatabaseLocation loc = freshLocation(QStringLiteral("sqlite"));
        auto writer = AgentReportStore::open(loc, connectionName());
        auto reader = AgentReportStore::open(loc, connectionName());
        QVERIFY_RESULT(writer);
        QVERIFY_RESULT(reader);
        QVERIFY_RESULT((*writer)->storeReport(record(QStringLiteral("vm-a"), 2, 1000)));
        QCOMPARE((*(*reader)->latestReport(QStringLiteral("vm-a")))->containerCount, 2);
    }

    void locations()
    {
        auto pg = DatabaseLocation::parse(QStringLiteral("postgres://u%40x:p%3Ass@127.0.0.1:6543/db1"));
        QVERIFY_RESULT(pg);
        QCOMPARE(pg->kind, DatabaseKind::Postgres);
        QCOMPARE(pg->user, QStringLiteral("u@x"));
        QCOMPARE(pg->password, QStringLiteral("p:ss"));
        QCOMPARE(pg->port, 6543);
        QCOMPARE(pg->databaseName, QStringLiteral("db1"));
        QVERIFY(!pg->displayName().contains(QStringLiteral("p:ss")));
        QCOMPARE(DatabaseLocation::parse(QStringLiteral("/tmp/x.sqlite"))->kind, DatabaseKind::Sqlite);
        QVERIFY_RESULT_ERROR(DatabaseLocation::parse(QStringLiteral("postgres://127.0.0.1:5432/")),
                             QStringLiteral("no database"));
        QVERIFY_RESULT_ERROR(DatabaseLocation::parse(QStringLiteral("mysql://h/db")), QStringLiteral("Unsupported"));
        QVERIFY_RESULT_ERROR(DatabaseLocation::parse(QString()), QStringLiteral("empty"));
    }

    void unreachablePostgresIsAClearError()
    {
        auto loc = DatabaseLocation::parse(QStringLiteral("postgres://archnest:x@127.0.0.1:1/nodb"));
        QVERIFY_RESULT(loc);
        QVERIFY_RESULT_ERROR(AgentReportStore::open(*loc, connectionName()),
                             QStringLiteral("Cannot open the store postgres://archnest@127.0.0.1:1/nodb"));
    }

    void agentSourceIsReadOnlyAndGoesStale_data() { backends(); }
    void agentSourceIsReadOnlyAndGoesStale()
    {
        QFETCH(QString, backend);
        auto s = AgentReportStore::open(freshLocation(backend), connectionName());
        QVERIFY_RESULT(s);
        qint64 now = 1'800'000'000'000;
        HostConfig host;
        host.name = QStringLiteral("vm-a");
        host.kind = HostKind::Agent;
        AgentContainerSource source(host, s->get());
        source.setClock([&] { return now; });
        source.setStaleWindowMs(90000);

        // No report yet: a clear error.
        std::optional<Result<QList<ContainerSummary>>> listed;
        source.list(true, [&](Result<QList<ContainerSummary>> r) { listed = std::move(r); });
        QVERIFY(!listed.has_value()); // never inside the call
        QTRY_VERIFY(listed.has_value());
        QVERIFY_RESULT_ERROR(*listed, QStringLiteral("No report from the agent 'vm-a' yet"));

        QVERIFY_RESULT((*s)->storeReport(record(QStringLiteral("vm-a"), 5, now)));
        source.onReportStored(QStringLiteral("vm-a"));
        QCOMPARE(source.status(), HostStatus::Connected);
        listed.reset();
        source.list(true, [&](Result<QList<ContainerSummary>> r) { listed = std::move(r); });
        QTRY_VERIFY(listed.has_value());
        QVERIFY_RESULT(*listed);
        QCOMPARE(listed->value().size(), 5);
        QCOMPARE(listed->value().at(0).hostName, QStringLiteral("vm-a"));
        QVERIFY(listed->value().at(0).stats.has_value());
        listed.reset();
        source.list(false, [&](Result<QList<ContainerSummary>> r) { listed = std::move(r); });
        QTRY_VERIFY(listed.has_value());
        QCOMPARE(listed->value().size(), 4); // one in five is exited

        std::optional<Result<QList<ContainerDetail>>> detail;
        source.inspect({QStringLiteral("svc-a-1")}, [&](Result<QList<ContainerDetail>> r) { detail = std::move(r); });
        QTRY_VERIFY(detail.has_value());
        QVERIFY_RESULT(*detail);
        const ContainerDetail &d = detail->value().at(0);
        QCOMPARE(d.summary.ports.at(0).hostPort, 20001);
        QCOMPARE(d.mounts.at(0).destination, QStringLiteral("/data"));
        QCOMPARE(d.env.at(0).key, QStringLiteral("DB_PASSWORD"));
        QVERIFY(d.env.at(0).masked);
        QCOMPARE(d.summary.labels.value(QStringLiteral("com.example.team")), QStringLiteral("ops"));

        // Time passes without reports: stale, with no sleep.
        now += 90001;
        QSignalSpy statusSpy(&source, &ContainerSource::statusChanged);
        (void)source.refresh();
        QCOMPARE(source.status(), HostStatus::Stale);
        QCOMPARE(statusSpy.count(), 1);
        QVERIFY(source.statusMessage().contains(QStringLiteral("90 s ago")));

        // Read-only in core: every mutation refused, no exec, no logs, no reveal.
        QVERIFY(!source.canManage());
        for (ContainerAction a : {ContainerAction::Start, ContainerAction::Stop, ContainerAction::Restart,
                                  ContainerAction::Pause, ContainerAction::Unpause, ContainerAction::Remove}) {
            std::optional<VoidResult> done;
            source.perform(a, QStringLiteral("svc-a-1"), {}, [&](VoidResult r) { done = std::move(r); });
            QTRY_VERIFY(done.has_value());
            QVERIFY(!done->ok());
            QCOMPARE(done->error().code, QStringLiteral("read-only"));
            QVERIFY(done->errorMessage().contains(QStringLiteral("monitoring-only")));
        }
        std::optional<Result<ExecResult>> exec;
        source.execRun(QStringLiteral("svc-a-1"), {QStringLiteral("id")},
                       [&](Result<ExecResult> r) { exec = std::move(r); });
        QTRY_VERIFY(exec.has_value());
        QCOMPARE(exec->error().code, QStringLiteral("unsupported"));
        std::optional<Result<QString>> reveal;
        source.revealEnv(QStringLiteral("svc-a-1"), QStringLiteral("DB_PASSWORD"),
                         [&](Result<QString> r) { reveal = std::move(r); });
        QTRY_VERIFY(reveal.has_value());
        QVERIFY(!reveal->ok());
        ExecStream *stream = source.openExec(QStringLiteral("svc-a-1"), {});
        QSignalSpy failed(stream, &ExecStream::failed);
        QTRY_COMPARE(failed.count(), 1);

        // A new report: fresh again.
        QVERIFY_RESULT((*s)->storeReport(record(QStringLiteral("vm-a"), 2, now)));
        source.onReportStored(QStringLiteral("vm-a"));
        QCOMPARE(source.status(), HostStatus::Connected);
    }

    void sourceFactoryMakesAgentSources()
    {
        const QString dataDir = m_dir.filePath(QStringLiteral("factory-data"));
        {
            auto s = AgentReportStore::open(DatabaseLocation::sqlite(dataDir + QStringLiteral("/archnest.sqlite")),
                                            connectionName());
            QVERIFY_RESULT(s);
            QVERIFY_RESULT((*s)->storeReport(record(QStringLiteral("vm-f"), 2, QDateTime::currentMSecsSinceEpoch())));
        }
        HostConfig host;
        host.name = QStringLiteral("vm-f");
        host.kind = HostKind::Agent;
        QObject parent;
        auto source = config::createContainerSource(host, config::SourceContext{nullptr, dataDir}, &parent);
        QVERIFY_RESULT(source);
        QVERIFY(qobject_cast<AgentContainerSource *>(*source));
        QVERIFY(!(*source)->canManage());
        std::optional<Result<QList<ContainerSummary>>> listed;
        (*source)->list(true, [&](Result<QList<ContainerSummary>> r) { listed = std::move(r); });
        QTRY_VERIFY(listed.has_value());
        QVERIFY_RESULT(*listed);
        QCOMPARE(listed->value().size(), 2);
        QCOMPARE((*source)->status(), HostStatus::Connected);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
