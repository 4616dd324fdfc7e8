// Issue 22: receivers are stateless and run side by side on one PostgreSQL (the fixture, a
// database of this test's own) behind a real HAProxy (Debian's `haproxy`, its config written to a
// temporary folder, loopback ports reserved with tests/fixtures/lib.sh, health-checking /healthz).
//
// - 50 agents post through the balancer with the agent script's exact HTTP (the headers curl sends
//   in resources/agent/archnest-docker-agent.sh), each report collected later than the one
//   before; one receiver is killed with SIGKILL mid-stream. Every acknowledged report is in the
//   store (each host holds its last acknowledged one), and no agent sees more than one failed
//   post, its retry succeeding through the balancer.
// - Two receivers started at the same moment on an empty database both come up (migrations
//   under a lock), on PostgreSQL and on one SQLite file.
// - Reports for one host arriving out of order at the two receivers: the store keeps the one
//   collected last, not the one that arrived last.
#include "Fixtures.h"
#include "TestSupport.h"
#include "receiver_process.h"
#include "receiver_store_support.h"
#include "receiver_support.h"
#include "store/AgentReportStore.h"

#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <vector>

using namespace archnest;
using namespace archnest::test;

namespace {
const QByteArray kToken = "6f1d9b3e7a2c5f8e0b4d7a1c3e6f9b2d"; // strong: a receiver refuses weak tokens
constexpr int kAgents = 50;
constexpr int kReportsPerAgent = 12;
const QDateTime kFirstCollection = QDateTime(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC);

// The agent script's request (curl with -H 'Content-Type: application/json' -H 'Expect:'
// -H "X-ArchNest-Host-Id: …" --data-binary, the token from a -K config).
QByteArray agentPost(const QString &hostId, const QByteArray &report)
{
    return "POST /api/agents/docker/report HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: curl/7.88.1\r\n"
           "Accept: */*\r\nAuthorization: Bearer " +
           kToken + "\r\nContent-Type: application/json\r\nX-ArchNest-Host-Id: " + hostId.toUtf8() +
           "\r\nContent-Length: " + QByteArray::number(report.size()) + "\r\n\r\n" + report;
}

QByteArray reportCollectedAt(const QString &hostId, int count, const QDateTime &collectedAt, const QString &tag)
{
    QJsonObject o = makeReportObject(hostId, count, tag);
    o.insert(QStringLiteral("collectedAt"), collectedAt.toString(Qt::ISODate));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// One simulated agent: posts its reports one after another on a fresh connection each (as the
// agent's timer would, only faster), retrying a failed post at once.
struct Agent
{
    QString hostId;
    int next = 0;     // index of the report being posted
    int failures = 0; // posts that got no 200
    QByteArray lastAcked;
    QByteArray current;
    QByteArray answer;
    QByteArray lastFailure; // what the last failed post got, for the failure message
    std::unique_ptr<QTcpSocket> socket;
    bool done() const { return next >= kReportsPerAgent; }
};

// Loopback ports outside the ephemeral range, reserved with tests/fixtures/lib.sh's fx_free_port
// for this test's folder and released with fx_release_ports.
QList<quint16> reservePorts(const QString &dir, int n, QString *error)
{
    const QString lib = qEnvironmentVariable("ARCHNEST_SOURCE_DIR") + QStringLiteral("/tests/fixtures/lib.sh");
    const ProcessOutput out = Fixtures::run(
        QStringLiteral("bash"),
        {QStringLiteral("-c"),
         QStringLiteral("source \"$1\"; FX_DIR=$2; for i in $(seq %1); do fx_free_port team || exit 1; done").arg(n),
         QStringLiteral("bash"), lib, dir},
        20000);
    QList<quint16> ports;
    for (const QByteArray &line : out.out.split('\n')) {
        if (!line.trimmed().isEmpty())
            ports.append(quint16(line.trimmed().toUInt()));
    }
    if (out.exitCode != 0 || ports.size() != n)
        *error = QStringLiteral("fx_free_port failed: ") + QString::fromUtf8(out.err);
    return ports;
}

void releasePorts(const QString &dir)
{
    const QString lib = qEnvironmentVariable("ARCHNEST_SOURCE_DIR") + QStringLiteral("/tests/fixtures/lib.sh");
    Fixtures::run(QStringLiteral("bash"),
                  {QStringLiteral("-c"), QStringLiteral("source \"$1\"; FX_DIR=$2; fx_release_ports team"),
                   QStringLiteral("bash"), lib, dir},
                  20000);
}

// HAProxy in TCP mode in front of the receivers: HTTP health checks on /healthz, a connection
// refused by a dead receiver retried on the other one, and at most `maxconn` connections per
// receiver (the rest wait in HAProxy's queue: every agent reaches the receiver from the
// balancer's address, and a receiver caps connections per address).
QByteArray haproxyConfig(quint16 front, const QList<quint16> &backends)
{
    QByteArray c = "global\n  maxconn 512\n  log stderr format raw local0\n\n"
                   "defaults\n  mode tcp\n  log global\n  option tcplog\n  timeout connect 2s\n  timeout client 20s\n  "
                   "timeout server 20s\n"
                   "  timeout queue 20s\n  retries 3\n  option redispatch 1\n\n"
                   "frontend agents\n  bind 127.0.0.1:" +
                   QByteArray::number(front) +
                   "\n  default_backend receivers\n\n"
                   "backend receivers\n  balance roundrobin\n  option httpchk\n"
                   "  http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host archnest\n"
                   "  http-check expect status 200\n"
                   // A refused or cut connection marks the receiver down at once (observe
                   // layer4), without waiting for the next failed health checks.
                   "  default-server check inter 500ms fall 2 rise 2 maxconn 20 observe layer4 error-limit 1"
                   " on-error mark-down\n";
    for (int i = 0; i < backends.size(); ++i)
        c += "  server r" + QByteArray::number(i + 1) + " 127.0.0.1:" + QByteArray::number(backends.at(i)) + "\n";
    return c;
}

} // namespace

class TestReceiverTeam final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_cli;
    int m_serial = 0;

    QStringList receiverArgs(const QString &pgUrl) const
    {
        QStringList extra{QStringLiteral("--token-file"), m_dir.filePath(QStringLiteral("token"))};
        if (!pgUrl.isEmpty())
            extra << QStringLiteral("--database") << pgUrl;
        return extra;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_PG_URL");
        m_cli = qEnvironmentVariable("ARCHNEST_BINARY_DIR") + QStringLiteral("/app/archnest-cli");
        QVERIFY2(QFile::exists(m_cli), qPrintable(m_cli));
        QVERIFY2(QFile::exists(QStringLiteral("/usr/sbin/haproxy")),
                 "haproxy is not installed (scripts/deps.sh test installs it)");
        writeSmallFile(m_dir.filePath(QStringLiteral("token")), kToken + '\n');
        QFile::setPermissions(m_dir.filePath(QStringLiteral("token")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    }

    void cleanupTestCase() { releasePorts(m_dir.path()); }

    void killOneReceiverBehindHaproxy()
    {
        auto db =
            makePrivatePostgresDatabase(QStringLiteral("archnest_team_%1").arg(QCoreApplication::applicationPid()));
        QVERIFY_RESULT(db);
        const QString pgUrl = db.value();
        QString error;
        const QList<quint16> ports = reservePorts(m_dir.path(), 3, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        ReceiverProcess r1 = ReceiverProcess::start(m_cli, m_dir.filePath(QStringLiteral("r1")), receiverArgs(pgUrl),
                                                    QStringLiteral("127.0.0.1:%1").arg(ports.at(1)));
        QVERIFY2(r1.port == ports.at(1), r1.out.constData());
        ReceiverProcess r2 = ReceiverProcess::start(m_cli, m_dir.filePath(QStringLiteral("r2")), receiverArgs(pgUrl),
                                                    QStringLiteral("127.0.0.1:%1").arg(ports.at(2)));
        QVERIFY2(r2.port == ports.at(2), r2.out.constData());

        // /healthz: no token, no data.
        const HttpReply health = exchange(r1.port, httpRequest("GET", "/healthz", {}));
        QCOMPARE(health.status, 200);
        QCOMPARE(health.json(), QJsonObject({{QStringLiteral("ok"), true}}));

        const QString cfg = m_dir.filePath(QStringLiteral("haproxy.cfg"));
        writeSmallFile(cfg, haproxyConfig(ports.at(0), {ports.at(1), ports.at(2)}));
        ReceiverProcess lb; // stopped by its pid like the receivers
        lb.process = std::make_unique<QProcess>();
        lb.process->setProcessChannelMode(QProcess::MergedChannels);
        lb.process->start(QStringLiteral("/usr/sbin/haproxy"), {QStringLiteral("-db"), QStringLiteral("-f"), cfg});
        QVERIFY(lb.process->waitForStarted(10000));
        QVERIFY2(
            QTest::qWaitFor(
                [&] { return exchange(ports.at(0), httpRequest("GET", "/healthz", {}), 2000).status == 200; }, 20000),
            lb.process->readAll().constData());

        std::vector<Agent> agents(kAgents);
        int acked = 0;
        std::function<void(Agent &)> post = [&](Agent &a) {
            a.current = reportCollectedAt(a.hostId, 1 + a.next % 4, kFirstCollection.addSecs(60 * a.next),
                                          QStringLiteral("p%1").arg(a.next));
            a.answer.clear();
            a.socket = std::make_unique<QTcpSocket>();
            QTcpSocket *s = a.socket.get();
            const QByteArray raw = agentPost(a.hostId, a.current);
            connect(s, &QTcpSocket::connected, s, [s, raw] { s->write(raw); });
            connect(s, &QTcpSocket::readyRead, s, [s, &a] { a.answer += s->readAll(); });
            // The post ends when the connection does (the receiver closes after its answer).
            connect(s, &QTcpSocket::stateChanged, s, [&, s](QAbstractSocket::SocketState st) {
                if (st != QAbstractSocket::UnconnectedState)
                    return;
                a.answer += s->readAll();
                if (a.answer.startsWith("HTTP/1.1 200 ")) {
                    a.lastAcked = a.current;
                    ++a.next;
                    ++acked;
                } else {
                    ++a.failures;
                    a.lastFailure = a.answer.left(200) + " (" + s->errorString().toUtf8() + ")";
                }
                a.socket.release()->deleteLater();
                if (!a.done())
                    QTimer::singleShot(0, this, [&post, &a] { post(a); });
            });
            s->connectToHost(QHostAddress::LocalHost, ports.at(0));
        };
        for (int i = 0; i < kAgents; ++i) {
            agents[size_t(i)].hostId = QStringLiteral("team-agent-%1").arg(i);
            post(agents[size_t(i)]);
        }
        const int killAt = kAgents * kReportsPerAgent / 3;
        QVERIFY2(QTest::qWaitFor([&] { return acked >= killAt; }, 40000), qPrintable(QString::number(acked)));
        r1.kill(); // SIGKILL, mid-stream
        QCOMPARE(r1.process->exitStatus(), QProcess::CrashExit);
        const int ackedAtKill = acked;
        QVERIFY2(
            QTest::qWaitFor(
                [&] { return std::all_of(agents.begin(), agents.end(), [](const Agent &a) { return a.done(); }); },
                40000),
            qPrintable(QStringLiteral("%1 of %2 reports acknowledged").arg(acked).arg(kAgents * kReportsPerAgent)));
        QVERIFY(ackedAtKill < kAgents * kReportsPerAgent); // the kill landed mid-stream

        int failures = 0;
        const QByteArray balancerLog = lb.process->readAll(); // one line per connection (option tcplog)
        if (std::any_of(agents.begin(), agents.end(), [](const Agent &a) { return a.failures > 1; }))
            qInfo("HAProxy's log:\n%s", balancerLog.right(20000).constData());
        for (const Agent &a : agents) {
            QVERIFY2(a.failures <= 1, qPrintable(QStringLiteral("%1 saw %2 failed posts, the last: %3")
                                                     .arg(a.hostId)
                                                     .arg(a.failures)
                                                     .arg(QString::fromUtf8(a.lastFailure))));
            failures += a.failures;
        }
        auto st =
            openReceiverStore(QStringLiteral("postgres"), pgUrl, {}, QStringLiteral("tst-team-%1").arg(++m_serial));
        QVERIFY_RESULT(st);
        for (const Agent &a : agents) {
            auto rec = (*st)->latestReport(a.hostId);
            QVERIFY_RESULT(rec);
            QVERIFY2(
                rec->has_value() && (*rec)->report == a.lastAcked,
                qPrintable(QStringLiteral("the last acknowledged report of %1 is not in the store").arg(a.hostId)));
        }
        qInfo("%d reports acknowledged (%d before the kill), %d failed posts over %d agents", acked, ackedAtKill,
              failures, kAgents);
        // The balancer's checks still see the survivor; the dead one is out.
        QCOMPARE(exchange(ports.at(0), httpRequest("GET", "/healthz", {})).status, 200);
        QVERIFY(r2.stop());
        lb.stop();
    }

    void twoReceiversStartTogetherOnAnEmptyStore_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("postgres") << QStringLiteral("postgres");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
    }

    void twoReceiversStartTogetherOnAnEmptyStore()
    {
        QFETCH(QString, backend);
        for (int round = 0; round < 4; ++round) {
            QString pgUrl;
            const QString dataDir = m_dir.filePath(QStringLiteral("together-%1-%2").arg(backend).arg(round));
            if (backend == QLatin1String("postgres")) {
                auto db = makePrivatePostgresDatabase(
                    QStringLiteral("archnest_together_%1_%2").arg(QCoreApplication::applicationPid()).arg(round));
                QVERIFY_RESULT(db);
                pgUrl = db.value();
            }
            // Both launched before either is waited for.
            ReceiverProcess a = ReceiverProcess::launch(m_cli, dataDir, receiverArgs(pgUrl));
            ReceiverProcess b = ReceiverProcess::launch(m_cli, dataDir, receiverArgs(pgUrl));
            a.waitListening();
            b.waitListening();
            QVERIFY2(a.port != 0, a.out.constData());
            QVERIFY2(b.port != 0, b.out.constData());
            QCOMPARE(exchange(a.port, agentPost(QStringLiteral("h-a"), makeReport(QStringLiteral("h-a"), 1))).status,
                     200);
            QCOMPARE(exchange(b.port, agentPost(QStringLiteral("h-b"), makeReport(QStringLiteral("h-b"), 1))).status,
                     200);
            QVERIFY(a.stop());
            QVERIFY(b.stop());
            auto st = openReceiverStore(backend, pgUrl, dataDir, QStringLiteral("tst-team-%1").arg(++m_serial));
            QVERIFY_RESULT(st);
            auto hosts = (*st)->listHosts();
            QVERIFY_RESULT(hosts);
            QCOMPARE(hosts->size(), 2);
        }
    }

    void newestByCollectionTimeNotArrival()
    {
        auto db =
            makePrivatePostgresDatabase(QStringLiteral("archnest_order_%1").arg(QCoreApplication::applicationPid()));
        QVERIFY_RESULT(db);
        const QString pgUrl = db.value();
        ReceiverProcess a = ReceiverProcess::start(m_cli, m_dir.filePath(QStringLiteral("o1")), receiverArgs(pgUrl));
        ReceiverProcess b = ReceiverProcess::start(m_cli, m_dir.filePath(QStringLiteral("o2")), receiverArgs(pgUrl));
        QVERIFY2(a.port != 0 && b.port != 0, QByteArray(a.out + b.out).constData());
        const QString host = QStringLiteral("late-host");
        const QByteArray newer = reportCollectedAt(host, 3, kFirstCollection.addSecs(120), QStringLiteral("newer"));
        const QByteArray older = reportCollectedAt(host, 1, kFirstCollection, QStringLiteral("older"));
        // The newer report arrives first (at one receiver), the older one later (at the other,
        // as a delayed agent retry would): it is acknowledged, but the newer one stays.
        const HttpReply first = exchange(a.port, agentPost(host, newer));
        QCOMPARE(first.status, 200);
        QVERIFY(!first.json().contains(QStringLiteral("superseded")));
        const HttpReply late = exchange(b.port, agentPost(host, older));
        QCOMPARE(late.status, 200);
        QCOMPARE(late.json().value(QStringLiteral("superseded")), QJsonValue(true));
        auto st =
            openReceiverStore(QStringLiteral("postgres"), pgUrl, {}, QStringLiteral("tst-team-%1").arg(++m_serial));
        QVERIFY_RESULT(st);
        auto rec = (*st)->latestReport(host);
        QVERIFY_RESULT(rec);
        QVERIFY(rec->has_value());
        QCOMPARE((*rec)->report, newer);
        QCOMPARE((*rec)->collectedAtMs, kFirstCollection.addSecs(120).toMSecsSinceEpoch());

        // Many posts of one host at once, in a shuffled order, half to each receiver: the one
        // collected last wins whatever the arrival order.
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        const int n = 40;
        QList<int> order;
        for (int i = 0; i < n; ++i)
            order.append((i * 17) % n); // a fixed permutation (17 and 40 are coprime)
        QByteArray newest;
        int answered = 0;
        for (int k = 0; k < n; ++k) {
            const int i = order.at(k);
            const QByteArray report =
                reportCollectedAt(host, 1 + i % 3, kFirstCollection.addSecs(600 + i), QStringLiteral("c%1").arg(i));
            if (i == n - 1)
                newest = report;
            auto s = std::make_unique<QTcpSocket>();
            QTcpSocket *raw = s.get();
            const QByteArray request = agentPost(host, report);
            connect(raw, &QTcpSocket::connected, raw, [raw, request] { raw->write(request); });
            connect(raw, &QTcpSocket::disconnected, raw, [&answered] { ++answered; });
            raw->connectToHost(QHostAddress::LocalHost, k % 2 ? a.port : b.port);
            sockets.push_back(std::move(s));
        }
        QVERIFY(QTest::qWaitFor([&] { return answered == n; }, 30000));
        rec = (*st)->latestReport(host);
        QVERIFY_RESULT(rec);
        QVERIFY(rec->has_value());
        QCOMPARE((*rec)->report, newest);
        QVERIFY(a.stop());
        QVERIFY(b.stop());
    }
};

QTEST_GUILESS_MAIN(TestReceiverTeam)
#include "tst_receiver_team.moc"
