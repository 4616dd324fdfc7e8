// kill -9 of `archnest-cli receive` while 100 agents post at once (issue 12, faults injected),
// five times per store backend: every report the receiver acknowledged (HTTP 200) is in the
// store afterwards, byte for byte, and the SQLite file passes `PRAGMA integrity_check`. The
// same against the PostgreSQL fixture (a database of its own). Each round kills the receiver
// after a different number of acknowledgements, so the kill lands at different points of the
// ingest.
#include "Fixtures.h"
#include "TestSupport.h"
#include "receiver_process.h"
#include "receiver_store_support.h"
#include "receiver_support.h"
#include "store/AgentReportStore.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace archnest;
using namespace archnest::test;

namespace {
const QByteArray kToken = "b4e8c2a6f0d9e3b7c1a5f8d2e6b0c4a9"; // strong: a receiver refuses weak tokens
constexpr int kPosts = 100;
constexpr int kRounds = 5;

// One agent's post on its own connection, driven by the event loop.
struct Post
{
    QString hostId;
    QByteArray report;
    std::unique_ptr<QTcpSocket> socket;
    QByteArray answer;
    bool acknowledged() const { return answer.startsWith("HTTP/1.1 200 "); }
};
} // namespace

class TestReceiverKill9 final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_cli;
    QString m_pgUrl;
    int m_serial = 0;

    Result<std::unique_ptr<store::AgentReportStore>> openStore(const QString &backend, const QString &dataDir)
    {
        return test::openReceiverStore(backend, m_pgUrl, dataDir, QStringLiteral("tst-kill9-%1").arg(++m_serial));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_PG_URL");
        m_cli = qEnvironmentVariable("ARCHNEST_BINARY_DIR") + QStringLiteral("/app/archnest-cli");
        QVERIFY2(QFile::exists(m_cli), qPrintable(m_cli));
        writeSmallFile(m_dir.filePath(QStringLiteral("token")), kToken + '\n');

        auto db = test::makePrivatePostgresDatabase(
            QStringLiteral("archnest_kill9_%1").arg(QCoreApplication::applicationPid()));
        QVERIFY_RESULT(db);
        m_pgUrl = db.value();
    }

    void acknowledgedReportsSurviveKill9_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

    void acknowledgedReportsSurviveKill9()
    {
        QFETCH(QString, backend);
        const QString dataDir = m_dir.filePath(QStringLiteral("kill9-") + backend);
        QStringList extra{QStringLiteral("--token-file"), m_dir.filePath(QStringLiteral("token"))};
        if (backend == QLatin1String("postgres"))
            extra << QStringLiteral("--database") << m_pgUrl;
        int totalAcked = 0;
        for (int round = 0; round < kRounds; ++round) {
            ReceiverProcess r = ReceiverProcess::start(m_cli, dataDir, extra);
            QVERIFY2(r.port != 0, r.out.constData());

            std::vector<Post> posts(kPosts);
            for (int i = 0; i < kPosts; ++i) {
                Post &p = posts[size_t(i)];
                p.hostId = QStringLiteral("agent-%1").arg(i);
                p.report = makeReport(p.hostId, 2 + i % 5, QStringLiteral("r%1").arg(round));
                p.socket = std::make_unique<QTcpSocket>();
                QTcpSocket *s = p.socket.get();
                const QByteArray raw = postReport(p.report, kToken);
                connect(s, &QTcpSocket::connected, s, [s, raw] { s->write(raw); });
                connect(s, &QTcpSocket::readyRead, s, [s, &p] { p.answer += s->readAll(); });
            }
            // Agents are many VMs: the posts come from four loopback addresses (25 each), under
            // the receiver's per-address connection cap (32), as real agents would.
            for (int i = 0; i < kPosts; ++i) {
                QTcpSocket *s = posts[size_t(i)].socket.get();
                QVERIFY(s->bind(QHostAddress(QStringLiteral("127.0.0.%1").arg(1 + i % 4)), 0));
                s->connectToHost(QHostAddress::LocalHost, r.port);
            }
            // Kill after a different number of acknowledgements each round (some rounds after
            // none: the kill then lands among the first ingests).
            const int killAfter = QList<int>{0, 10, 35, 60, 85}.at(round);
            auto acked = [&] {
                return int(std::count_if(posts.begin(), posts.end(), [](const Post &p) { return p.acknowledged(); }));
            };
            QVERIFY2(QTest::qWaitFor([&] { return acked() >= killAfter; }, 60000),
                     qPrintable(QStringLiteral("round %1: only %2 acknowledgements").arg(round).arg(acked())));
            r.kill(); // SIGKILL
            QCOMPARE(r.process->exitStatus(), QProcess::CrashExit);
            // Every connection ends with the process; what arrived before is what it acknowledged.
            QVERIFY(QTest::qWaitFor(
                [&] {
                    return std::all_of(posts.begin(), posts.end(), [](const Post &p) {
                        return p.socket->state() == QAbstractSocket::UnconnectedState;
                    });
                },
                20000));
            for (Post &p : posts)
                p.answer += p.socket->readAll();
            const int ackedNow = acked();
            totalAcked += ackedNow;

            auto st = openStore(backend, dataDir);
            QVERIFY_RESULT(st);
            int stored = 0;
            for (const Post &p : posts) {
                auto rec = (*st)->latestReport(p.hostId);
                QVERIFY_RESULT(rec);
                const bool thisRound = rec->has_value() && (*rec)->report == p.report;
                if (p.acknowledged())
                    QVERIFY2(thisRound, qPrintable(QStringLiteral("round %1: the acknowledged report of %2 is not in "
                                                                  "the store")
                                                       .arg(round)
                                                       .arg(p.hostId)));
                stored += thisRound ? 1 : 0;
            }
            if (backend == QLatin1String("sqlite")) {
                QSqlQuery q(QSqlDatabase::database((*st)->connectionName()));
                QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
                QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
            }
            qInfo("%s round %d: killed after %d acknowledgements (%d when it died), %d of %d reports of the round "
                  "stored",
                  qPrintable(backend), round, killAfter, ackedNow, stored, kPosts);
        }
        QVERIFY(totalAcked > 0);
    }
};

QTEST_GUILESS_MAIN(TestReceiverKill9)
#include "tst_receiver_kill9.moc"
