// `archnest-cli receive` as a real process: foreground start, reports stored in the data dir's
// SQLite file or a real PostgreSQL, a clean stop on SIGTERM, and SIGKILL in the middle of
// ingesting a large report never loses (or half-writes) the previously stored report.
#include "Fixtures.h"
#include "TestSupport.h"
#include "docker/agent/AgentReport.h"
#include "receiver_support.h"
#include "store/AgentReportStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace archnest;
using namespace archnest::test;

namespace {
const QByteArray kToken = "cli-ingest-token-31337";
const QByteArray kReadToken = "cli-read-token-31337";
} // namespace

class TestReceiverCli final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_cli;
    QString m_pgUrl; // a database of our own on the fixture server
    int m_serial = 0;

    struct Receiver
    {
        std::unique_ptr<QProcess> process;
        quint16 port = 0;
        QByteArray out;
    };

    Receiver startReceiver(const QStringList &extra, const QString &dataDir)
    {
        Receiver r;
        r.process = std::make_unique<QProcess>();
        r.process->setProgram(m_cli);
        r.process->setArguments(QStringList{QStringLiteral("--data-dir"), dataDir, QStringLiteral("receive"),
                                            QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                            QStringLiteral("--token-file"), m_dir.filePath(QStringLiteral("token")),
                                            QStringLiteral("--read-token-file"),
                                            m_dir.filePath(QStringLiteral("read-token"))} +
                                extra);
        r.process->start();
        if (!r.process->waitForStarted(10000))
            return r;
        QTest::qWaitFor(
            [&] {
                if (r.process->state() != QProcess::Running)
                    return true;
                r.out += r.process->readAllStandardOutput();
                const qsizetype at = r.out.indexOf("listening on http://127.0.0.1:");
                if (at >= 0 && r.out.indexOf(' ', at + 30) > 0) {
                    r.port = quint16(r.out.mid(at + 30, r.out.indexOf(' ', at + 30) - at - 30).toUInt());
                    return true;
                }
                return false;
            },
            20000);
        return r;
    }

    static void writeFile(const QString &path, const QByteArray &data)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(data);
    }

    Result<std::unique_ptr<store::AgentReportStore>> openStore(const QString &backend, const QString &dataDir)
    {
        const QString where =
            backend == QLatin1String("postgres") ? m_pgUrl : dataDir + QStringLiteral("/archnest.sqlite");
        auto loc = store::DatabaseLocation::parse(where);
        if (!loc)
            return loc.error();
        return store::AgentReportStore::open(*loc, QStringLiteral("tst-cli-%1").arg(++m_serial));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_PG_URL");
        m_cli = qEnvironmentVariable("ARCHNEST_BINARY_DIR") + QStringLiteral("/app/archnest-cli");
        QVERIFY2(QFile::exists(m_cli), qPrintable(m_cli));
        writeFile(m_dir.filePath(QStringLiteral("token")), kToken + '\n');
        writeFile(m_dir.filePath(QStringLiteral("read-token")), kReadToken);

        // A database of our own, so the store tests on the same server never interfere.
        auto base = store::DatabaseLocation::parse(Fixtures::instance().value(QStringLiteral("ARCHNEST_FX_PG_URL")));
        QVERIFY_RESULT(base);
        const QString dbName = QStringLiteral("archnest_cli_%1").arg(QCoreApplication::applicationPid());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("tst-cli-admin"));
            db.setHostName(base->host);
            db.setPort(base->port);
            db.setUserName(base->user);
            db.setPassword(base->password);
            db.setDatabaseName(base->databaseName);
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(dbName));
            QVERIFY2(q.exec(QStringLiteral("CREATE DATABASE %1").arg(dbName)), qPrintable(q.lastError().text()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tst-cli-admin"));
        QString url = Fixtures::instance().value(QStringLiteral("ARCHNEST_FX_PG_URL"));
        m_pgUrl = url.left(url.lastIndexOf(QLatin1Char('/')) + 1) + dbName;
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no listen") << QStringList{QStringLiteral("receive")} << 2
                                   << QByteArray("--listen ADDR:PORT is required");
        QTest::newRow("bad listen") << QStringList{QStringLiteral("receive"), QStringLiteral("--listen"),
                                                   QStringLiteral("nowhere")}
                                    << 2 << QByteArray("is not ADDRESS:PORT");
        QTest::newRow("missing token file")
            << QStringList{QStringLiteral("receive"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                           QStringLiteral("--token-file"), QStringLiteral("/nonexistent/token")}
            << 1 << QByteArray("Cannot read the token file /nonexistent/token");
        QTest::newRow("bad database") << QStringList{QStringLiteral("receive"), QStringLiteral("--listen"),
                                                     QStringLiteral("127.0.0.1:0"), QStringLiteral("--database"),
                                                     QStringLiteral("mysql://x/y")}
                                      << 2 << QByteArray("Unsupported database URL scheme");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("receive"), QStringLiteral("--frob")} << 2
                                        << QByteArray("unknown or incomplete argument");
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, message);
        const ProcessOutput r = Fixtures::run(
            m_cli, QStringList{QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("u"))} + args, 20000);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), r.err.constData());
    }

    void storesAndStopsOnSigterm_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

    void storesAndStopsOnSigterm()
    {
        QFETCH(QString, backend);
        const QString dataDir = m_dir.filePath(QStringLiteral("term-") + backend);
        const QStringList extra =
            backend == QLatin1String("postgres") ? QStringList{QStringLiteral("--database"), m_pgUrl} : QStringList{};
        Receiver r = startReceiver(extra, dataDir);
        QVERIFY2(r.port != 0, r.out.constData());
        QVERIFY(r.out.contains(backend == QLatin1String("postgres") ? "(store postgres://" : "(store sqlite:"));
        QVERIFY(!r.out.contains(
            m_pgUrl.section(QLatin1Char(':'), 2, 2).section(QLatin1Char('@'), 0, 0).toUtf8())); // no password
        const QByteArray report = makeReport(QStringLiteral("cli-host"), 7);
        QCOMPARE(exchange(r.port, postReport(report, kToken)).status, 200);
        const HttpReply hosts = exchange(r.port, httpRequest("GET", "/api/agents/docker/hosts", kReadToken));
        QCOMPARE(hosts.status, 200);
        QVERIFY(hosts.body.contains("\"hostId\":\"cli-host\""));

        ::kill(pid_t(r.process->processId()), SIGTERM);
        QVERIFY(r.process->waitForFinished(10000));
        QCOMPARE(r.process->exitStatus(), QProcess::NormalExit);
        QCOMPARE(r.process->exitCode(), 0);
        r.out += r.process->readAllStandardOutput();
        QVERIFY2(r.out.contains("stored report from 'cli-host'"), r.out.constData());
        QVERIFY(r.out.contains("receiver stopped"));

        auto s = openStore(backend, dataDir);
        QVERIFY_RESULT(s);
        auto rec = (*s)->latestReport(QStringLiteral("cli-host"));
        QVERIFY_RESULT(rec);
        QVERIFY(rec->has_value());
        QCOMPARE((*rec)->report, report);
    }

    void hostTokensFile()
    {
        const QString file = m_dir.filePath(QStringLiteral("host-tokens"));
        writeFile(file, "# host id, token\nvm-bound host-bound-token-1\n");
        Receiver r =
            startReceiver({QStringLiteral("--host-tokens-file"), file}, m_dir.filePath(QStringLiteral("bound")));
        QVERIFY2(r.port != 0, r.out.constData());
        QCOMPARE(exchange(r.port, postReport(makeReport(QStringLiteral("vm-bound"), 1), "host-bound-token-1")).status,
                 200);
        QCOMPARE(exchange(r.port, postReport(makeReport(QStringLiteral("vm-bound"), 1), kToken)).status, 403);
        QCOMPARE(exchange(r.port, postReport(makeReport(QStringLiteral("vm-other"), 1), "host-bound-token-1")).status,
                 403);
        QCOMPARE(exchange(r.port, postReport(makeReport(QStringLiteral("vm-other"), 1), kToken)).status, 200);
        ::kill(pid_t(r.process->processId()), SIGTERM);
        QVERIFY(r.process->waitForFinished(10000));
        QCOMPARE(r.process->exitCode(), 0);

        writeFile(file, "vm-bound\n");
        const ProcessOutput bad = Fixtures::run(
            m_cli,
            {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("bound")), QStringLiteral("receive"),
             QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--host-tokens-file"), file},
            20000);
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("line 1: expected 'HOST_ID TOKEN'"), bad.err.constData());
    }

    void sigkillMidIngestKeepsThePreviousReport_data() { storesAndStopsOnSigterm_data(); }
    void sigkillMidIngestKeepsThePreviousReport()
    {
        QFETCH(QString, backend);
        const QString dataDir = m_dir.filePath(QStringLiteral("kill-") + backend);
        const QStringList extra =
            backend == QLatin1String("postgres") ? QStringList{QStringLiteral("--database"), m_pgUrl} : QStringList{};
        const QByteArray big = makeReport(QStringLiteral("kill-host"), 3000, QStringLiteral("big")); // ~4 MB
        QVERIFY(big.size() > 3 * 1024 * 1024);
        QByteArray expected = makeReport(QStringLiteral("kill-host"), 3, QStringLiteral("base"));
        const QByteArray other = makeReport(QStringLiteral("other-host"), 2);
        // How long one big ingest takes here (send -> answer), to spread the kills over it.
        qint64 ingestMs = 0;
        {
            Receiver r = startReceiver(extra, dataDir);
            QVERIFY2(r.port != 0, r.out.constData());
            QElapsedTimer t;
            t.start();
            QCOMPARE(exchange(r.port, postReport(big, kToken), 30000).status, 200);
            ingestMs = t.elapsed();
            r.process->kill();
            QVERIFY(r.process->waitForFinished(10000));
        }
        // Kill at different points: while the body streams in, right after it arrived (parse /
        // validate), and across the end of the ingest (the transaction).
        QList<int> delaysMs{-1, 0};
        for (double f : {0.3, 0.6, 0.8, 0.9, 0.95, 1.0, 1.05, 1.2})
            delaysMs.append(int(double(ingestMs) * f));
        int bigSurvived = 0;
        for (int delay : delaysMs) {
            Receiver r = startReceiver(extra, dataDir);
            QVERIFY2(r.port != 0, r.out.constData());
            QCOMPARE(exchange(r.port, postReport(expected, kToken)).status, 200);
            QCOMPARE(exchange(r.port, postReport(other, kToken)).status, 200);

            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, r.port);
            QTRY_VERIFY_WITH_TIMEOUT(s.state() == QAbstractSocket::ConnectedState, 5000);
            const QByteArray raw = postReport(big, kToken);
            if (delay < 0) {
                s.write(raw.left(raw.size() / 2));
                QTRY_VERIFY_WITH_TIMEOUT(s.bytesToWrite() == 0, 10000);
                QTest::qWait(20); // not a condition: varies the moment of the kill (any must pass)
            } else {
                s.write(raw);
                QTRY_VERIFY_WITH_TIMEOUT(s.bytesToWrite() == 0, 10000);
                QTest::qWait(delay); // not a condition: varies the moment of the kill (any must pass)
            }
            r.process->kill(); // SIGKILL
            QVERIFY(r.process->waitForFinished(10000));
            QCOMPARE(r.process->exitStatus(), QProcess::CrashExit);

            auto st = openStore(backend, dataDir);
            QVERIFY_RESULT(st);
            auto rec = (*st)->latestReport(QStringLiteral("kill-host"));
            QVERIFY_RESULT(rec);
            QVERIFY2(rec->has_value(), "the previous report was lost");
            // Whole: either the previous report or the complete new one, never a mix.
            const QByteArray got = (*rec)->report;
            QVERIFY2(got == expected || got == big,
                     qPrintable(QStringLiteral("delay %1: %2 bytes").arg(delay).arg(got.size())));
            QVERIFY_RESULT(agent::parseAgentReport(got));
            QCOMPARE((*rec)->containerCount, got == big ? 3000 : 3);
            bigSurvived += got == big ? 1 : 0;
            QVERIFY((*(*st)->latestReport(QStringLiteral("other-host"))).has_value());
            if (backend == QLatin1String("sqlite")) {
                QSqlQuery q(QSqlDatabase::database((*st)->connectionName()));
                QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
                QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
            }
            // The next round starts from a different "previous" report.
            expected = makeReport(QStringLiteral("kill-host"), 3, QStringLiteral("base%1").arg(delay));
        }
        qInfo("%s: one ingest takes ~%lld ms; the big report was committed before the kill in %d of %d rounds",
              qPrintable(backend), ingestMs, bigSurvived, int(delaysMs.size()));
    }
};

QTEST_GUILESS_MAIN(TestReceiverCli)
#include "tst_receiver_cli.moc"
