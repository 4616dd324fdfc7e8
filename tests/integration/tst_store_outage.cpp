// The store when its database goes away or is locked (issue 13 findings 2 and 12), with real
// components: `archnest-cli receive` as a process, a private PostgreSQL started by the fixture
// script in this test's own folder (so stopping it never disturbs the shared fixture), and a
// second process (the sqlite3 CLI) holding an exclusive SQLite lock.
//   - PostgreSQL restarted: 503 + Retry-After while it is away, 200 again by itself afterwards,
//     for the receiver and for the desktop's AgentStoreService.
//   - SQLite locked by another process: 503 fast (no 5 s freeze per request), reads still served.
//   - stderr a pipe nobody reads: the warnings and refusals it would get never freeze the receiver.
#include "AgentReceiver.h"
#include "Fixtures.h"
#include "TestSupport.h"
#include "receiver_store_support.h"
#include "receiver_support.h"
#include "store/AgentReportStore.h"
#include "store/AgentStoreService.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <unistd.h>

using namespace archnest;
using namespace archnest::test;

namespace {
const QByteArray kToken = "7d2e9b4f1a6c08e3d5b7f9a2c4e6b8d1";
const QByteArray kReadToken = "b3f8a1d6e9c2507a4f1e8d3b6c9a2f5e";

// A PostgreSQL server of our own: tests/fixtures/postgres.sh on a private folder, and pg_ctl
// to stop and start that server with the same port and data.
class PrivatePostgres final
{
public:
    explicit PrivatePostgres(QString dir)
        : m_dir(std::move(dir))
    {}
    ~PrivatePostgres() { teardown(); }
    PrivatePostgres(const PrivatePostgres &) = delete;
    PrivatePostgres &operator=(const PrivatePostgres &) = delete;

    QString start()
    {
        const ProcessOutput r =
            Fixtures::run(QStringLiteral("bash"), {script(), QStringLiteral("start"), m_dir}, 180000);
        m_started = true;
        if (r.exitCode != 0)
            return QStringLiteral("postgres.sh start failed: ") + QString::fromUtf8(r.err);
        QFile env(m_dir + QStringLiteral("/postgres.env"));
        if (!env.open(QIODevice::ReadOnly))
            return QStringLiteral("no postgres.env");
        while (!env.atEnd()) {
            const QByteArray line = env.readLine().trimmed();
            if (line.startsWith("ARCHNEST_FX_PG_URL="))
                m_url = QString::fromUtf8(line.mid(19));
            if (line.startsWith("ARCHNEST_FX_PG_PORT="))
                m_port = line.mid(20).toInt();
        }
        return m_url.isEmpty() || m_port == 0 ? QStringLiteral("postgres.env has no URL") : QString();
    }

    bool stopServer() { return pgCtl(QStringLiteral("-m fast -w -t 30 stop")); }
    bool startServer()
    {
        return pgCtl(QStringLiteral("-l %1/postgres/server.log -w -t 60 -o \"-p %2 -k %1/postgres/sock -c "
                                    "listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50\" start")
                         .arg(m_dir)
                         .arg(m_port));
    }

    void teardown()
    {
        if (!m_started)
            return;
        m_started = false;
        Fixtures::run(QStringLiteral("bash"), {script(), QStringLiteral("stop"), m_dir}, 120000);
    }

    QString url() const { return m_url; }

private:
    static QString script()
    {
        return qEnvironmentVariable("ARCHNEST_SOURCE_DIR") + QStringLiteral("/tests/fixtures/postgres.sh");
    }

    bool pgCtl(const QString &args)
    {
        // Detached from our pipes (the server outlives pg_ctl), as the fixture script does.
        const ProcessOutput r = Fixtures::run(
            QStringLiteral("bash"),
            {QStringLiteral("-c"),
             QStringLiteral("setsid runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D %1/postgres/data %2 "
                            ">%1/postgres/pg_ctl-test.log 2>&1 </dev/null")
                 .arg(m_dir, args)},
            90000);
        return r.exitCode == 0;
    }

    QString m_dir;
    QString m_url;
    int m_port = 0;
    bool m_started = false;
};

struct ReceiverProcess
{
    std::unique_ptr<QProcess> process;
    quint16 port = 0;
    QByteArray out;

    ~ReceiverProcess()
    {
        if (process && process->state() != QProcess::NotRunning) {
            ::kill(pid_t(process->processId()), SIGTERM);
            if (!process->waitForFinished(10000))
                process->kill();
        }
    }
};

int retryAfter(const HttpReply &r)
{
    const qsizetype at = r.head.indexOf("Retry-After: ");
    return at < 0 ? -1 : r.head.mid(at + 13, r.head.indexOf('\r', at) - at - 13).toInt();
}

} // namespace

class TestStoreOutage final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_cli;
    std::unique_ptr<PrivatePostgres> m_pg;

    void startReceiver(ReceiverProcess &r, const QString &dataDir, const QStringList &extra = {},
                       std::function<void()> childModifier = {})
    {
        r.process = std::make_unique<QProcess>();
        if (childModifier)
            r.process->setChildProcessModifier(childModifier);
        r.process->start(m_cli, QStringList{QStringLiteral("--data-dir"), dataDir, QStringLiteral("receive"),
                                            QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                            QStringLiteral("--token-file"), m_dir.filePath(QStringLiteral("token")),
                                            QStringLiteral("--read-token-file"),
                                            m_dir.filePath(QStringLiteral("read-token"))} +
                                    extra);
        QVERIFY(r.process->waitForStarted(10000));
        (void)QTest::qWaitFor(
            [&] {
                r.out += r.process->readAllStandardOutput();
                const qsizetype at = r.out.indexOf("listening on http://127.0.0.1:");
                if (at >= 0 && r.out.indexOf(' ', at + 30) > 0)
                    r.port = quint16(r.out.mid(at + 30, r.out.indexOf(' ', at + 30) - at - 30).toUInt());
                return r.port != 0 || r.process->state() != QProcess::Running;
            },
            20000);
        QVERIFY2(r.port != 0, QByteArray(r.out + r.process->readAllStandardError()).constData());
    }

    static void writeFile(const QString &path, const QByteArray &data)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(data);
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cli = qEnvironmentVariable("ARCHNEST_BINARY_DIR") + QStringLiteral("/app/archnest-cli");
        QVERIFY2(QFile::exists(m_cli), qPrintable(m_cli));
        writeFile(m_dir.filePath(QStringLiteral("token")), kToken);
        writeFile(m_dir.filePath(QStringLiteral("read-token")), kReadToken);
        // The server runs as the postgres user: it must be able to reach its folder in ours.
        QVERIFY(QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                        QFileDevice::ExeOwner | QFileDevice::ExeGroup |
                                                        QFileDevice::ExeOther));
        m_pg = std::make_unique<PrivatePostgres>(m_dir.filePath(QStringLiteral("pg")));
        const QString failed = m_pg->start();
        QVERIFY2(failed.isEmpty(), qPrintable(failed));
    }

    void cleanupTestCase() { m_pg.reset(); }

    // Finding 2: every request got 500 after a PostgreSQL restart, until the receiver was
    // restarted. Before the fix the 503 checks failed (500), and so did the recovery.
    void receiverRecoversFromAPostgresRestart()
    {
        // --database: what the report used (and what a build before the fix understands).
        ReceiverProcess r;
        startReceiver(r, m_dir.filePath(QStringLiteral("pg-data")), {QStringLiteral("--database"), m_pg->url()});
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(exchange(r.port, postReport(makeReport(QStringLiteral("pg-host"), 2), kToken)).status, 200);

        // /healthz (issue 22, for load balancers): 200 while the store answers, 503 while not.
        QCOMPARE(exchange(r.port, httpRequest("GET", "/healthz", {})).status, 200);
        QVERIFY(m_pg->stopServer());
        const HttpReply down = exchange(r.port, httpRequest("GET", "/healthz", {}));
        QCOMPARE(down.status, 503);
        QVERIFY2(!down.body.contains("pg-host"), down.body.constData());
        for (int i = 0; i < 3; ++i) {
            const HttpReply post = exchange(r.port, postReport(makeReport(QStringLiteral("pg-host"), 3), kToken));
            QCOMPARE(post.status, 503);
            QVERIFY2(retryAfter(post) >= 1, post.head.constData());
            QCOMPARE(post.json().value(QStringLiteral("error")).toString(),
                     QStringLiteral("the store is not reachable; retry later"));
            const HttpReply get = exchange(r.port, httpRequest("GET", "/api/agents/docker/hosts", kReadToken));
            QCOMPARE(get.status, 503);
            QVERIFY(retryAfter(get) >= 1);
        }

        QVERIFY(m_pg->startServer());
        QTRY_COMPARE_WITH_TIMEOUT(exchange(r.port, httpRequest("GET", "/healthz", {})).status, 200, 30000);
        // By itself: the next attempts reconnect (backoff up to AgentReportStore::kReconnectMaxMs).
        QTRY_COMPARE_WITH_TIMEOUT(exchange(r.port, postReport(makeReport(QStringLiteral("pg-host"), 4), kToken)).status,
                                  200, 30000);
        const HttpReply hosts = exchange(r.port, httpRequest("GET", "/api/agents/docker/hosts", kReadToken));
        QCOMPARE(hosts.status, 200);
        QCOMPARE(hosts.json()
                     .value(QStringLiteral("hosts"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("containerCount")),
                 QJsonValue(4));
        QVERIFY(r.process->state() == QProcess::Running);
    }

    // Finding 2, the desktop: AgentStoreService answered errors for good after a restart, and a
    // store that could not be opened at start stayed closed.
    void storeServiceRecoversFromAPostgresRestart()
    {
        auto location = store::DatabaseLocation::parse(m_pg->url());
        QVERIFY_RESULT(location);
        QThread worker;
        worker.start();
        auto listOnce = [](store::AgentStoreService &service) -> Result<QList<store::AgentReportRecord>> {
            std::optional<Result<QList<store::AgentReportRecord>>> got;
            QObject context;
            service.listHosts(&context, [&](Result<QList<store::AgentReportRecord>> r) { got = std::move(r); });
            if (!QTest::qWaitFor([&] { return got.has_value(); }, 20000))
                return Error(QStringLiteral("no answer from the store service in 20 s"));
            return std::move(*got);
        };
        {
            store::AgentStoreService service(*location, QStringLiteral("tst-outage-service"), &worker);
            bool opened = false;
            QObject context;
            service.open(&context, [&](VoidResult r) { opened = r.ok(); });
            QTRY_VERIFY_WITH_TIMEOUT(opened, 20000);
            QVERIFY_RESULT(listOnce(service));

            QVERIFY(m_pg->stopServer());
            const auto down = listOnce(service);
            QVERIFY(!down.ok());
            QCOMPARE(down.error().code, store::kDatabaseUnavailable);
            QVERIFY(m_pg->startServer());
            QTRY_VERIFY_WITH_TIMEOUT(listOnce(service).ok(), 30000);
            service.close();
        }
        {
            // Opened while the server is away: it opens once the server is back.
            QVERIFY(m_pg->stopServer());
            store::AgentStoreService service(*location, QStringLiteral("tst-outage-late"), &worker);
            std::optional<VoidResult> opened;
            QObject context;
            service.open(&context, [&](VoidResult r) { opened = r; });
            QTRY_VERIFY_WITH_TIMEOUT(opened.has_value(), 30000);
            QVERIFY(!opened->ok());
            QVERIFY(m_pg->startServer());
            QTRY_VERIFY_WITH_TIMEOUT(listOnce(service).ok(), 30000);
            service.close();
        }
        worker.quit();
        QVERIFY(worker.wait(10000));
    }

    // Finding 2, the desktop's in-app receiver: made while the database was away at start, it
    // was given no store and answered 503 until the desktop was restarted. Now the service opens
    // the store again by itself (no call needed: storeOpened() comes from its retry timer) and the
    // receiver, given the store the way DesktopApp does it, stores again. Before the fix
    // storeOpened never came and every POST stayed 503.
    void inAppReceiverStoresOnceTheDatabaseIsBack()
    {
        auto location = store::DatabaseLocation::parse(m_pg->url());
        QVERIFY_RESULT(location);
        QThread worker;
        worker.start();
        QVERIFY(m_pg->stopServer());
        {
            store::AgentStoreService service(*location, QStringLiteral("tst-outage-in-app"), &worker);
            QSignalSpy opened(&service, &store::AgentStoreService::storeOpened);
            std::optional<VoidResult> first;
            QObject context;
            service.open(&context, [&](VoidResult r) { first = r; });
            QTRY_VERIFY_WITH_TIMEOUT(first.has_value(), 30000);
            QVERIFY(!first->ok());

            // As DesktopApp::startReceiverWith: made and kept on the worker, with the store it has.
            auto slot = std::make_shared<std::unique_ptr<receiver::AgentReceiver>>();
            std::atomic<quint16> listening{0};
            std::atomic<bool> madeWithoutStore{false};
            receiver::ReceiverConfig config;
            config.ingestToken = kToken;
            config.readToken = kReadToken;
            service.runOnWorker([slot, config, &listening, &madeWithoutStore](store::AgentReportStore *s) {
                madeWithoutStore = s == nullptr;
                *slot = std::make_unique<receiver::AgentReceiver>(config, s);
                if ((*slot)->start())
                    listening = (*slot)->port();
            });
            QTRY_VERIFY_WITH_TIMEOUT(listening.load() != 0, 20000);
            const quint16 port = listening.load();
            QVERIFY(madeWithoutStore);
            // As DesktopApp::onStoreOpenedLate.
            connect(&service, &store::AgentStoreService::storeOpened, &context, [&service, slot] {
                service.runOnWorker([slot](store::AgentReportStore *s) {
                    if (*slot && s)
                        (*slot)->setStore(s);
                });
            });

            const HttpReply away = exchange(port, postReport(makeReport(QStringLiteral("in-app"), 2), kToken));
            QCOMPARE(away.status, 503);
            QVERIFY2(retryAfter(away) >= 1, away.head.constData());
            QCOMPARE(exchange(port, httpRequest("GET", "/api/agents/docker/hosts", kReadToken)).status, 503);
            QCOMPARE(opened.count(), 0);

            QVERIFY(m_pg->startServer());
            // By itself: nothing calls the service in this wait (backoff up to kReopenMaxMs).
            QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 40000);
            QTRY_COMPARE_WITH_TIMEOUT(
                exchange(port, postReport(makeReport(QStringLiteral("in-app"), 2), kToken)).status, 200, 10000);
            const HttpReply hosts = exchange(port, httpRequest("GET", "/api/agents/docker/hosts", kReadToken));
            QCOMPARE(hosts.status, 200);
            QVERIFY2(hosts.body.contains("\"in-app\""), hosts.body.constData());

            service.runOnWorker([slot](store::AgentReportStore *) { slot->reset(); });
            service.close();
        }
        worker.quit();
        QVERIFY(worker.wait(10000));
    }

    // Finding 12: a SQLite lock held by another process froze the receiver for 5 s per request
    // (busy timeout) and then answered 500. Before the fix the first check below got 500 after
    // 5 s.
    void sqliteLockFailsFast()
    {
        const QString dataDir = m_dir.filePath(QStringLiteral("sqlite-data"));
        ReceiverProcess r;
        startReceiver(r, dataDir);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(exchange(r.port, postReport(makeReport(QStringLiteral("lite-host"), 2), kToken)).status, 200);

        // Another process takes the write lock and keeps it until its stdin closes.
        QProcess locker;
        // -interactive: sqlite3 flushes its output per statement (a pipe is not a terminal).
        locker.start(QStringLiteral("sqlite3"),
                     {QStringLiteral("-interactive"), dataDir + QStringLiteral("/archnest.sqlite")});
        QVERIFY(locker.waitForStarted(10000));
        locker.write("BEGIN EXCLUSIVE;\nDELETE FROM docker_agent_reports WHERE host_id = 'nobody';\n"
                     ".print lock-is-held\n");
        QByteArray said;
        QTRY_VERIFY_WITH_TIMEOUT((said += locker.readAllStandardOutput()).contains("\nlock-is-held"), 10000);

        QElapsedTimer t;
        t.start();
        for (int i = 0; i < 10; ++i) {
            const HttpReply post =
                exchange(r.port, postReport(makeReport(QStringLiteral("lite-%1").arg(i), 1), kToken));
            QCOMPARE(post.status, 503);
            QVERIFY(retryAfter(post) >= 1);
            QCOMPARE(post.json().value(QStringLiteral("error")).toString(),
                     QStringLiteral("the store is busy (locked by another process); retry later"));
        }
        // Ten refusals take about one busy timeout, not ten (50 s before the fix); generous bound.
        QVERIFY2(t.elapsed() < 8000, qPrintable(QString::number(t.elapsed())));
        // Reads are not blocked by the writer's lock (WAL).
        const HttpReply read =
            exchange(r.port, httpRequest("GET", "/api/agents/docker/hosts/lite-host/containers", kReadToken));
        QCOMPARE(read.status, 200);
        QCOMPARE(read.json().value(QStringLiteral("containers")).toArray().size(), 2);

        locker.closeWriteChannel(); // sqlite3 exits and the transaction is rolled back
        QVERIFY(locker.waitForFinished(10000));
        QTRY_COMPARE_WITH_TIMEOUT(
            exchange(r.port, postReport(makeReport(QStringLiteral("lite-host"), 5), kToken)).status, 200, 10000);
    }

    // Issue 13 (stdout was done for finding 9, stderr was not): with a stderr pipe nobody reads,
    // the store's "locked" warnings (Qt's default message handler, a blocking write) filled the
    // pipe and froze the receiver in the middle of a request; SIGTERM was never handled. Before
    // the fix the locked phase below stopped getting answers after ~600 requests.
    void stderrPipeNobodyReadsNeverFreezes()
    {
        int fds[2] = {-1, -1};
        QVERIFY(::pipe2(fds, O_CLOEXEC) == 0);
        const int readEnd = fds[0];
        const int writeEnd = fds[1];
        const QString dataDir = m_dir.filePath(QStringLiteral("stderr-data"));
        ReceiverProcess r;
        startReceiver(r, dataDir, {}, [writeEnd] { ::dup2(writeEnd, STDERR_FILENO); });
        ::close(writeEnd);
        if (QTest::currentTestFailed()) {
            ::close(readEnd);
            return;
        }
        QCOMPARE(exchange(r.port, postReport(makeReport(QStringLiteral("err-first"), 1), kToken)).status, 200);

        // Phase 1: the store is locked by another process; every POST is a 503 and a warning line.
        QProcess locker;
        locker.start(QStringLiteral("sqlite3"),
                     {QStringLiteral("-interactive"), dataDir + QStringLiteral("/archnest.sqlite")});
        QVERIFY(locker.waitForStarted(10000));
        locker.write("BEGIN EXCLUSIVE;\nDELETE FROM docker_agent_reports WHERE host_id = 'nobody';\n"
                     ".print lock-is-held\n");
        QByteArray said;
        QTRY_VERIFY_WITH_TIMEOUT((said += locker.readAllStandardOutput()).contains("\nlock-is-held"), 10000);
        // ~100 bytes of stderr each: 1,500 are more than twice a 64 KiB pipe.
        int answered = 0;
        for (int i = 0; i < 1500; ++i) {
            if (exchange(r.port, postReport(makeReport(QStringLiteral("err-locked"), 1), kToken), 5000).status != 503)
                break;
            ++answered;
        }
        QCOMPARE(answered, 1500);
        locker.closeWriteChannel();
        QVERIFY(locker.waitForFinished(10000));

        // Phase 2: refused posts (a line each) between accepted ones; the accepted are stored.
        QTRY_COMPARE_WITH_TIMEOUT(
            exchange(r.port, postReport(makeReport(QStringLiteral("err-first"), 2), kToken)).status, 200, 10000);
        QStringList acknowledged;
        int refused = 0;
        for (int i = 0; i < 1500; ++i) {
            if (i % 15 == 0) {
                const QString host = QStringLiteral("err-%1").arg(i);
                if (exchange(r.port, postReport(makeReport(host, 3), kToken), 5000).status == 200)
                    acknowledged << host;
            } else if (exchange(r.port, postReport(makeReport(QStringLiteral("err-x"), 1), "wrong-token"), 5000)
                           .status == 401) {
                ++refused;
            }
        }
        QCOMPARE(acknowledged.size(), 100);
        QCOMPARE(refused, 1400);

        ::kill(pid_t(r.process->processId()), SIGTERM);
        const bool exited = r.process->waitForFinished(10000);
        QByteArray firstErr(4096, '\0');
        const ssize_t got = ::read(readEnd, firstErr.data(), size_t(firstErr.size()));
        ::close(readEnd);
        QVERIFY2(exited, "SIGTERM did not stop a receiver whose stderr is not read");
        QCOMPARE(r.process->exitCode(), 0);
        firstErr.truncate(qMax<ssize_t>(got, 0));
        QVERIFY2(firstErr.contains("locked by another process"), firstErr.constData());

        auto stored = openReceiverStore(QStringLiteral("sqlite"), QString(), dataDir, QStringLiteral("tst-stderr"));
        QVERIFY_RESULT(stored);
        for (const QString &host : std::as_const(acknowledged)) {
            auto rec = (*stored)->latestReport(host);
            QVERIFY_RESULT(rec);
            QVERIFY2(rec->has_value(), qPrintable(host));
            QCOMPARE((*rec)->containerCount, 3);
        }
    }
};

QTEST_GUILESS_MAIN(TestStoreOutage)
#include "tst_store_outage.moc"
