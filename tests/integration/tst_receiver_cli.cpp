// `archnest-cli receive` as a real process: foreground start, reports stored in the data dir's
// SQLite file (private: 0700 folder, 0600 file) or a real PostgreSQL (URL from the command line,
// a file or the environment), a clean stop on SIGTERM, SIGKILL in the middle of ingesting a large
// report never loses (or half-writes) the previously stored report, weak or shared tokens are
// refused, and a stdout pipe nobody reads never freezes it.
#include "Fixtures.h"
#include "TestSupport.h"
#include "docker/agent/AgentReport.h"
#include "receiver_store_support.h"
#include "receiver_support.h"
#include "store/AgentReportStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

using namespace archnest;
using namespace archnest::test;

namespace {
const QByteArray kToken = "3f9c1a7e5b2d8046c1e9a3f7b5d2c8e4";
const QByteArray kReadToken = "a81f4c9e2b7d05f3e6c1a9b8d4f2e7c3";
const QByteArray kBoundToken = "e5b1d9c3f7a2846e0c9b1f5a3d7e2c6b";

mode_t modeOf(const QString &path)
{
    struct stat st = {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? (st.st_mode & 07777) : mode_t(0);
}
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

    Receiver startReceiver(const QStringList &extra, const QString &dataDir,
                           const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        Receiver r;
        r.process = std::make_unique<QProcess>();
        r.process->setProcessEnvironment(env);
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
        (void)QTest::qWaitFor( // the caller checks r.port
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
        return test::openReceiverStore(backend, m_pgUrl, dataDir, QStringLiteral("tst-cli-%1").arg(++m_serial));
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
        auto db = test::makePrivatePostgresDatabase(
            QStringLiteral("archnest_cli_%1").arg(QCoreApplication::applicationPid()));
        QVERIFY_RESULT(db);
        m_pgUrl = db.value();
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
        writeFile(file, "# host id, token\nvm-bound " + kBoundToken + "\n");
        Receiver r =
            startReceiver({QStringLiteral("--host-tokens-file"), file}, m_dir.filePath(QStringLiteral("bound")));
        QVERIFY2(r.port != 0, r.out.constData());
        QCOMPARE(exchange(r.port, postReport(makeReport(QStringLiteral("vm-bound"), 1), kBoundToken)).status, 200);
        QCOMPARE(exchange(r.port, postReport(makeReport(QStringLiteral("vm-bound"), 1), kToken)).status, 403);
        QCOMPARE(exchange(r.port, postReport(makeReport(QStringLiteral("vm-other"), 1), kBoundToken)).status, 403);
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

    // Issue 13 finding 14: tokens had no minimum and the read token could be the ingest token.
    // Before the fix each of these started a receiver (no error, the test timed out waiting for
    // an exit code).
    void weakOrSharedTokensAreRefused_data()
    {
        QTest::addColumn<QByteArray>("ingest");
        QTest::addColumn<QByteArray>("read");
        QTest::addColumn<QByteArray>("hostLine");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("short") << QByteArray("cli-ingest-token-31337") << kReadToken << QByteArray()
                               << QByteArray("The ingest token is too short (22 characters; at least 32");
        QTest::newRow("repeated") << QByteArray(40, 'a') << kReadToken << QByteArray()
                                  << QByteArray("The ingest token is too predictable");
        QTest::newRow("periodic") << QByteArray("0f1e2d3c4b5a69780f1e2d3c4b5a6978") << kReadToken << QByteArray()
                                  << QByteArray("The ingest token is too predictable");
        QTest::newRow("sequence") << QByteArray("abcdefghijklmnopqrstuvwxyz0123456789") << kReadToken << QByteArray()
                                  << QByteArray("The ingest token is too predictable");
        QTest::newRow("space") << QByteArray("3f9c1a7e5b2d8046c1e9a3f7b5d2c8e4\"<>") << kReadToken << QByteArray()
                               << QByteArray("holds a character outside letters");
        QTest::newRow("weak read token") << kToken << QByteArray("read") << QByteArray()
                                         << QByteArray("The read token is too short");
        QTest::newRow("read = ingest") << kToken << kToken << QByteArray()
                                       << QByteArray("The read token is the same as the ingest token");
        QTest::newRow("read = host token") << kToken << kBoundToken << QByteArray("vm-bound " + kBoundToken)
                                           << QByteArray("The read token is the same as the token of host 'vm-bound'");
        QTest::newRow("weak host token") << kToken << kReadToken << QByteArray("vm-bound host-bound-token-1")
                                         << QByteArray("line 1: the token is too short");
    }

    void weakOrSharedTokensAreRefused()
    {
        QFETCH(QByteArray, ingest);
        QFETCH(QByteArray, read);
        QFETCH(QByteArray, hostLine);
        QFETCH(QByteArray, message);
        const QString dir = m_dir.filePath(QStringLiteral("weak-%1").arg(++m_serial));
        QVERIFY(QDir().mkpath(dir));
        writeFile(dir + QStringLiteral("/token"), ingest);
        writeFile(dir + QStringLiteral("/read"), read);
        QStringList args{QStringLiteral("--data-dir"),   dir,
                         QStringLiteral("receive"),      QStringLiteral("--listen"),
                         QStringLiteral("127.0.0.1:0"),  QStringLiteral("--token-file"),
                         dir + QStringLiteral("/token"), QStringLiteral("--read-token-file"),
                         dir + QStringLiteral("/read")};
        if (!hostLine.isEmpty()) {
            writeFile(dir + QStringLiteral("/hosts"), hostLine + '\n');
            args << QStringLiteral("--host-tokens-file") << dir + QStringLiteral("/hosts");
        }
        const ProcessOutput r = Fixtures::run(m_cli, args, 20000);
        QVERIFY2(!r.timedOut, "the receiver started with a weak or shared token");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QVERIFY2(r.err.contains("openssl rand -hex 32") || message.contains("same as"), r.err.constData());
        QVERIFY(!r.err.contains(ingest.left(20)) || ingest.size() < 32); // a strong token is never echoed

        // The environment variable is held to the same rule.
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ARCHNEST_AGENT_TOKEN"), QStringLiteral("short-env-token"));
        p.setProcessEnvironment(env);
        p.start(m_cli, {QStringLiteral("--data-dir"), dir, QStringLiteral("receive"), QStringLiteral("--listen"),
                        QStringLiteral("127.0.0.1:0")});
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("The ingest token is too short"));
    }

    // Issue 13 finding 14: a password in --database is visible in `ps`. The URL can come from a
    // file or the environment instead, and the command line gets a warning. Before the fix
    // --database-file was an unknown argument and there was no warning.
    void databaseUrlFromFileOrEnvironment()
    {
        const QString urlFile = m_dir.filePath(QStringLiteral("database-url"));
        writeFile(urlFile, m_pgUrl.toUtf8() + '\n');
        QVERIFY(QFile::setPermissions(urlFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        Receiver r = startReceiver({QStringLiteral("--database-file"), urlFile}, m_dir.filePath(QStringLiteral("dbf")));
        QVERIFY2(r.port != 0, r.out.constData());
        QVERIFY(r.out.contains("(store postgres://"));
        QCOMPARE(exchange(r.port, postReport(makeReport(QStringLiteral("from-file"), 1), kToken)).status, 200);
        ::kill(pid_t(r.process->processId()), SIGTERM);
        QVERIFY(r.process->waitForFinished(10000));
        const QByteArray quiet = r.process->readAllStandardError();
        QVERIFY2(!quiet.contains("holds a password") && !quiet.contains("database-url is readable"), quiet.constData());

        // The environment, when no option names a database.
        {
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("ARCHNEST_DATABASE_URL"), m_pgUrl);
            Receiver e = startReceiver({}, m_dir.filePath(QStringLiteral("dbenv")), env);
            QVERIFY2(e.port != 0, e.out.constData());
            QVERIFY(e.out.contains("(store postgres://"));
            ::kill(pid_t(e.process->processId()), SIGTERM);
            QVERIFY(e.process->waitForFinished(10000));
        }

        // On the command line: it still works, with a warning that names the fix.
        Receiver c = startReceiver({QStringLiteral("--database"), m_pgUrl}, m_dir.filePath(QStringLiteral("dbcl")));
        QVERIFY2(c.port != 0, c.out.constData());
        ::kill(pid_t(c.process->processId()), SIGTERM);
        QVERIFY(c.process->waitForFinished(10000));
        const QByteArray err = c.process->readAllStandardError();
        QVERIFY2(err.contains("warning: the --database URL holds a password, which other users can see in `ps`; use "
                              "--database-file F or $ARCHNEST_DATABASE_URL"),
                 err.constData());

        const ProcessOutput both =
            Fixtures::run(m_cli,
                          {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("dbcl")),
                           QStringLiteral("receive"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                           QStringLiteral("--database"), m_pgUrl, QStringLiteral("--database-file"), urlFile},
                          20000);
        QCOMPARE(both.exitCode, 2);
        QVERIFY(both.err.contains("--database and --database-file exclude each other"));
        const ProcessOutput missing =
            Fixtures::run(m_cli,
                          {QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("dbcl")),
                           QStringLiteral("receive"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                           QStringLiteral("--database-file"), QStringLiteral("/nonexistent/url")},
                          20000);
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("cannot read the database file /nonexistent/url"));
    }

    // Issue 13 finding 6 (storage): the SQLite store was 0644 in a 0755 data dir. Before the fix
    // the mode checks below failed.
    void sqliteStoreIsPrivate()
    {
        const QString dataDir = m_dir.filePath(QStringLiteral("private/data"));
        Receiver r = startReceiver({}, dataDir);
        QVERIFY2(r.port != 0, r.out.constData());
        QCOMPARE(exchange(r.port, postReport(makeReport(QStringLiteral("perm-host"), 1), kToken)).status, 200);
        QCOMPARE(modeOf(dataDir), mode_t(0700));
        QCOMPARE(modeOf(dataDir + QStringLiteral("/archnest.sqlite")), mode_t(0600));
        QCOMPARE(modeOf(dataDir + QStringLiteral("/archnest.sqlite-wal")), mode_t(0600));
        ::kill(pid_t(r.process->processId()), SIGTERM);
        QVERIFY(r.process->waitForFinished(10000));

        // A store made by an older version (0644) is tightened when opened.
        QVERIFY(QFile::setPermissions(dataDir + QStringLiteral("/archnest.sqlite"),
                                      QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                          QFileDevice::ReadOther));
        Receiver again = startReceiver({}, dataDir);
        QVERIFY2(again.port != 0, again.out.constData());
        QCOMPARE(modeOf(dataDir + QStringLiteral("/archnest.sqlite")), mode_t(0600));
        ::kill(pid_t(again.process->processId()), SIGTERM);
        QVERIFY(again.process->waitForFinished(10000));
    }

    // Issue 13 finding 9: with a stdout pipe nobody reads, the receiver froze once the pipe was
    // full (~64 KiB of "stored report" lines) and ignored SIGTERM. Before the fix the exchanges
    // below stopped getting answers after ~500 reports and the process never exited.
    void stdoutPipeNobodyReadsNeverFreezes()
    {
        int fds[2] = {-1, -1};
        QVERIFY(::pipe2(fds, O_CLOEXEC) == 0);
        const int readEnd = fds[0];
        const int writeEnd = fds[1];
        ::fcntl(readEnd, F_SETFL, O_NONBLOCK);
        const QString dataDir = m_dir.filePath(QStringLiteral("pipe"));
        QProcess p;
        p.setProgram(m_cli);
        p.setArguments({QStringLiteral("--data-dir"), dataDir, QStringLiteral("receive"), QStringLiteral("--listen"),
                        QStringLiteral("127.0.0.1:0"), QStringLiteral("--token-file"),
                        m_dir.filePath(QStringLiteral("token")), QStringLiteral("--read-token-file"),
                        m_dir.filePath(QStringLiteral("read-token"))});
        p.setChildProcessModifier([writeEnd] { ::dup2(writeEnd, STDOUT_FILENO); });
        p.start();
        ::close(writeEnd);
        QVERIFY(p.waitForStarted(10000));
        // Read the first line only (the port), then never again.
        QByteArray first;
        (void)QTest::qWaitFor(
            [&] {
                char ch = 0;
                while (!first.contains('\n') && ::read(readEnd, &ch, 1) == 1)
                    first += ch;
                return first.contains('\n');
            },
            20000);
        const qsizetype at = first.indexOf("listening on http://127.0.0.1:");
        QVERIFY2(at >= 0, first.constData());
        const quint16 port = quint16(first.mid(at + 30, first.indexOf(' ', at + 30) - at - 30).toUInt());
        QVERIFY(port != 0);

        // Long host ids fill the pipe after ~500 reports; 3,200 is far past it.
        const QString longId = QStringLiteral("pipe-host-").leftJustified(120, QLatin1Char('x'));
        int answered = 0;
        for (int i = 0; i < 3200; ++i) {
            const HttpReply reply = exchange(port, postReport(makeReport(longId, 1), kToken), 5000);
            if (reply.status != 200)
                break;
            ++answered;
        }
        QCOMPARE(answered, 3200);
        QCOMPARE(exchange(port, httpRequest("GET", "/api/agents/docker/hosts", kReadToken)).status, 200);

        ::kill(pid_t(p.processId()), SIGTERM);
        const bool exited = p.waitForFinished(10000);
        if (!exited)
            p.kill();
        ::close(readEnd);
        QVERIFY2(exited, "SIGTERM did not stop a receiver whose stdout is not read");
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
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
