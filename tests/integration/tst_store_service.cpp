// AgentStoreService without widgets, on a real SQLite file: the connection lives on the worker
// thread, every call runs there and every answer comes back on the caller's thread, callbacks
// whose context is gone never run, and close() in the middle of a burst of calls is clean. Runs
// in the GUI-off build and under ThreadSanitizer (scripts/test.sh's TSan stage).
#include "TestSupport.h"
#include "receiver_support.h"
#include "store/AgentStoreService.h"

#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

using namespace archnest;
using namespace archnest::store;

class TestStoreService final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    static AgentReportRecord record(const QString &host, int count)
    {
        AgentReportRecord r;
        r.hostId = host;
        r.hostname = host;
        r.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
        r.remoteAddress = QStringLiteral("127.0.0.1");
        r.containerCount = count;
        r.schemaVersion = 1;
        r.report = test::makeReport(host, count);
        return r;
    }

    struct Worker
    {
        QThread thread;
        Worker() { thread.start(); }
        ~Worker()
        {
            thread.quit();
            thread.wait();
        }
    };

private Q_SLOTS:
    void callsRunOnTheWorkerAndAnswerHere()
    {
        Worker worker;
        AgentStoreService service(DatabaseLocation::sqlite(m_dir.filePath(QStringLiteral("a.db"))),
                                  QStringLiteral("svc-a"), &worker.thread);
        std::optional<VoidResult> opened;
        service.open(this, [&](VoidResult r) { opened = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(opened.has_value(), 20000);
        QVERIFY_RESULT(*opened);
        QCOMPARE(service.connectionThread(), &worker.thread);

        // 50 writes and 50 reads interleaved; each answer arrives on this thread, in order.
        constexpr int kCalls = 50;
        QList<int> order;
        int failures = 0;
        for (int i = 0; i < kCalls; ++i) {
            const QString host = QStringLiteral("h-%1").arg(i % 5);
            service.call<int>(
                this,
                [host, i](AgentReportStore &store) -> Result<int> {
                    auto stored = store.storeReport(record(host, 1 + i % 7));
                    if (!stored)
                        return stored.error();
                    return i;
                },
                [&](Result<int> r) {
                    QCOMPARE(QThread::currentThread(), thread());
                    if (!r)
                        ++failures;
                    else
                        order << r.value();
                });
            service.latestReport(host, this, [&](Result<std::optional<AgentReportRecord>> r) {
                QCOMPARE(QThread::currentThread(), thread());
                if (!r || !r.value().has_value())
                    ++failures;
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(order.size(), kCalls, 30000);
        QCOMPARE(failures, 0);
        for (int i = 0; i < kCalls; ++i)
            QCOMPARE(order.at(i), i);
        std::optional<Result<QList<AgentReportRecord>>> hosts;
        service.listHosts(this, [&](Result<QList<AgentReportRecord>> r) { hosts = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(hosts.has_value(), 20000);
        QVERIFY_RESULT(*hosts);
        QCOMPARE(hosts->value().size(), 5);
        service.close();
        QVERIFY(!QSqlDatabase::contains(QStringLiteral("svc-a")));
    }

    void goneContextMeansNoCallback()
    {
        Worker worker;
        AgentStoreService service(DatabaseLocation::sqlite(m_dir.filePath(QStringLiteral("b.db"))),
                                  QStringLiteral("svc-b"), &worker.thread);
        std::optional<VoidResult> opened;
        service.open(this, [&](VoidResult r) { opened = std::move(r); });
        QTRY_VERIFY_WITH_TIMEOUT(opened.has_value() && opened->ok(), 20000);
        int called = 0;
        {
            QObject context;
            for (int i = 0; i < 20; ++i)
                service.listHosts(&context, [&](Result<QList<AgentReportRecord>>) { ++called; });
        }
        // A later call on the same (serial) worker answering means the earlier ones ran too.
        bool later = false;
        service.listHosts(this, [&](Result<QList<AgentReportRecord>>) { later = true; });
        QTRY_VERIFY_WITH_TIMEOUT(later, 20000);
        QCOMPARE(called, 0);
    }

    void closeDuringABurstIsClean()
    {
        for (int round = 0; round < 3; ++round) {
            Worker worker;
            auto service =
                std::make_unique<AgentStoreService>(DatabaseLocation::sqlite(m_dir.filePath(QStringLiteral("c.db"))),
                                                    QStringLiteral("svc-c"), &worker.thread);
            service->open(this, [](VoidResult) {});
            int answered = 0;
            for (int i = 0; i < 100; ++i)
                service->call<int>(
                    this,
                    [i](AgentReportStore &store) -> Result<int> {
                        auto stored = store.storeReport(record(QStringLiteral("burst"), 1 + i % 3));
                        if (!stored)
                            return stored.error();
                        return i;
                    },
                    [&answered](Result<int>) { ++answered; });
            service->close(); // waits for the queue, closes the connection on the worker
            QVERIFY(!QSqlDatabase::contains(QStringLiteral("svc-c")));
            // Calls after close fail with an error, on this thread, later.
            std::optional<Result<QList<AgentReportRecord>>> after;
            service->listHosts(this, [&](Result<QList<AgentReportRecord>> r) { after = std::move(r); });
            QVERIFY(!after.has_value()); // never inside the call
            QTRY_VERIFY_WITH_TIMEOUT(after.has_value(), 10000);
            QVERIFY(!after->ok());
            QTRY_COMPARE_WITH_TIMEOUT(answered, 100, 10000); // every call queued before close() answered
            service.reset();
        }
        // What was stored is whole: a fresh store reads the last burst report.
        auto store = AgentReportStore::open(DatabaseLocation::sqlite(m_dir.filePath(QStringLiteral("c.db"))),
                                            QStringLiteral("check-c"));
        QVERIFY_RESULT(store);
        auto latest = (*store)->latestReport(QStringLiteral("burst"));
        QVERIFY_RESULT(latest);
        QVERIFY(latest->has_value());
        QCOMPARE((*latest)->hostId, QStringLiteral("burst"));
    }
};

QTEST_GUILESS_MAIN(TestStoreService)
#include "tst_store_service.moc"
