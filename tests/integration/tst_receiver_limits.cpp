// The receiver's connection and memory caps under floods, over real loopback sockets (issue 13):
// an HTTPS listener keeps accepting after a flood of idle plain-TCP clients (a real TLS client
// gets through), one client address cannot take every connection slot, the bytes buffered across
// connections are capped, and a host-bound token is checked before the body when the agent names
// its host in a header.
#include "AgentReceiver.h"
#include "TestSupport.h"
#include "receiver_support.h"
#include "store/AgentReportStore.h"

#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace archnest;
using namespace archnest::test;

namespace {
const QByteArray kToken = "6f1c0d3e9a8b47d2b5e4c7a19f03d8e2a6b5c4d3";
const QByteArray kReadToken = "c2a9e8f7d6b5a4c3e2f1a0b9c8d7e6f5a4b3c2d1";
const QByteArray kHostToken = "4b8e1f0a7c2d9e6b3a5f8c1d0e7b4a29f6c3d8e5";
const QHostAddress kFloodAddress(QStringLiteral("127.0.0.2"));
} // namespace

class TestReceiverLimits final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::AgentReportStore> m_store;
    std::unique_ptr<receiver::AgentReceiver> m_receiver;
    int m_serial = 0;
    QString m_cert;
    QString m_key;

    bool startReceiver(receiver::ReceiverConfig config)
    {
        m_receiver.reset();
        m_store.reset();
        auto s = store::AgentReportStore::open(
            store::DatabaseLocation::sqlite(m_dir.filePath(QStringLiteral("store%1.sqlite").arg(m_serial))),
            QStringLiteral("tst-receiver-limits-%1").arg(m_serial));
        ++m_serial;
        if (!s) {
            qWarning() << s.errorMessage();
            return false;
        }
        m_store = std::move(s).value();
        config.address = QHostAddress::LocalHost;
        config.port = 0;
        if (config.ingestToken.isEmpty())
            config.ingestToken = kToken;
        config.readToken = kReadToken;
        m_receiver = std::make_unique<receiver::AgentReceiver>(config, m_store.get());
        VoidResult r = m_receiver->start();
        if (!r)
            qWarning() << r.errorMessage();
        return r.ok();
    }

    quint16 port() const { return m_receiver->port(); }

    // `count` connected sockets that send nothing, from `from`.
    std::vector<std::unique_ptr<QTcpSocket>> idleSockets(int count, const QHostAddress &from)
    {
        std::vector<std::unique_ptr<QTcpSocket>> out;
        for (int i = 0; i < count; ++i) {
            out.push_back(std::make_unique<QTcpSocket>());
            out.back()->bind(from, 0);
            out.back()->connectToHost(QHostAddress::LocalHost, port());
        }
        return out;
    }

    // A POST over a real TLS session, checking the receiver's certificate.
    HttpReply tlsExchange(const QByteArray &raw, int timeoutMs)
    {
        QSslSocket s;
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setCaCertificates(QSslCertificate::fromPath(m_cert));
        s.setSslConfiguration(conf);
        s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port());
        QByteArray got;
        QDeadlineTimer deadline(timeoutMs);
        bool sent = false;
        while (!deadline.hasExpired()) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            if (s.isEncrypted() && !sent) {
                s.write(raw);
                sent = true;
            }
            got += s.readAll();
            if (sent && s.state() == QAbstractSocket::UnconnectedState)
                break;
            QThread::usleep(200);
        }
        got += s.readAll();
        return parseReply(got);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cert = m_dir.filePath(QStringLiteral("cert.pem"));
        m_key = m_dir.filePath(QStringLiteral("key.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                       QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                       QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=IP:127.0.0.1"), QStringLiteral("-keyout"), m_key,
                       QStringLiteral("-out"), m_cert});
        QVERIFY(openssl.waitForFinished(60000));
        QCOMPARE(openssl.exitCode(), 0);
        // The flood comes from a second loopback address: it must be usable as a source.
        QTcpSocket probe;
        QVERIFY2(probe.bind(kFloodAddress, 0), qPrintable(probe.errorString()));
    }

    void cleanup()
    {
        m_receiver.reset();
        m_store.reset();
    }

    // Issue 13 finding 1: QSslServer stopped accepting for good once 256 idle clients had filled
    // its pending queue. Before the fix the receiver never accepted the flood (the first QTRY
    // below timed out) and the TLS client after it got no answer.
    void httpsKeepsAcceptingAfterAnIdleFlood_data()
    {
        QTest::addColumn<int>("perAddressCap");
        QTest::addColumn<int>("flood");
        QTest::newRow("global cap reached") << 1024 << 300;
        QTest::newRow("default per-address cap") << receiver::defaultReceiverLimits().maxConnectionsPerAddress << 300;
    }

    void httpsKeepsAcceptingAfterAnIdleFlood()
    {
        QFETCH(int, perAddressCap);
        QFETCH(int, flood);
        receiver::ReceiverConfig c;
        c.certificateFile = m_cert;
        c.privateKeyFile = m_key;
        c.limits.maxConnectionsPerAddress = perAddressCap;
        QVERIFY(startReceiver(c));
        QCOMPARE(tlsExchange(postReport(makeReport(QStringLiteral("vm-before"), 1), kToken), 10000).status, 200);

        // Plain TCP clients that never start a handshake, from the same address as the agent.
        auto idle = idleSockets(flood, QHostAddress::LocalHost);
        QTRY_VERIFY_WITH_TIMEOUT(m_receiver->counters().connections >= quint64(flood + 1), 20000);
        const receiver::AgentReceiver::Counters during = m_receiver->counters();
        // Each one was admitted (and is open, or already cut by the handshake timeout on a slow
        // machine) or refused at once.
        QCOMPARE(during.overCapacity + during.overAddress + during.timedOut + quint64(m_receiver->openConnections()),
                 quint64(flood));
        QVERIFY(m_receiver->openConnections() <= qMin(perAddressCap, c.limits.maxConnections));
        idle.clear(); // they go away, as in the report (closed after a while)

        // A real TLS client is served again, without a restart.
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver->openConnections(), 0, 15000);
        const HttpReply r = tlsExchange(postReport(makeReport(QStringLiteral("vm-after"), 2), kToken), 10000);
        QCOMPARE(r.status, 200);
        QVERIFY(m_receiver->isListening());
        QCOMPARE((*m_store->latestReport(QStringLiteral("vm-after")))->containerCount, 2);
    }

    // A TLS client that connects and never completes its handshake is cut off by the header
    // timeout (it holds no slot for longer).
    void unfinishedHandshakesAreClosed()
    {
        receiver::ReceiverConfig c;
        c.certificateFile = m_cert;
        c.privateKeyFile = m_key;
        c.limits.headerTimeoutMs = 800;
        QVERIFY(startReceiver(c));
        auto idle = idleSockets(5, QHostAddress::LocalHost);
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver->openConnections(), 5, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(idle.begin(), idle.end(),
                        [](const auto &s) { return s->state() == QAbstractSocket::UnconnectedState; }),
            5000);
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver->openConnections(), 0, 5000);
        QCOMPARE(m_receiver->counters().timedOut, quint64(5));
    }

    // Issue 13 finding 5: 260 idle sockets from one address took every slot and the agents got
    // 503. Before the fix the flood held all 256 slots (the global cap was the only one) and
    // every POST below was refused with 503.
    void oneAddressCannotStarveTheOthers()
    {
        receiver::ReceiverConfig c;
        c.limits.headerTimeoutMs = 60000; // the flood holds its slots for the whole test
        QVERIFY(startReceiver(c));
        const int cap = m_receiver->config().limits.maxConnectionsPerAddress;
        auto idle = idleSockets(260, kFloodAddress);
        QTRY_VERIFY_WITH_TIMEOUT(m_receiver->counters().connections >= 260, 20000);
        QCOMPARE(m_receiver->openConnectionsFrom(QStringLiteral("127.0.0.2")), cap);
        QCOMPARE(m_receiver->counters().overAddress, quint64(260 - cap));
        int ok = 0;
        for (int i = 0; i < 30; ++i) {
            // The flood keeps knocking while the agents report.
            auto more = idleSockets(10, kFloodAddress);
            ok += exchange(port(), postReport(makeReport(QStringLiteral("vm-%1").arg(i), 1), kToken)).status == 200;
        }
        QCOMPARE(ok, 30);
        QCOMPARE(m_receiver->openConnectionsFrom(QStringLiteral("127.0.0.2")), cap);
    }

    // The global cap still holds when many addresses each stay under their own cap.
    void globalCapStillHolds()
    {
        receiver::ReceiverConfig c;
        c.limits.maxConnections = 8;
        c.limits.maxConnectionsPerAddress = 4;
        QVERIFY(startReceiver(c));
        auto a = idleSockets(4, QHostAddress(QStringLiteral("127.0.0.2")));
        auto b = idleSockets(4, QHostAddress(QStringLiteral("127.0.0.3")));
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver->openConnections(), 8, 5000);
        const HttpReply r = exchange(port(), postReport(makeReport(QStringLiteral("vm-a"), 1), kToken));
        QCOMPARE(r.status, 503);
        QVERIFY(r.head.contains("Retry-After: "));
        QCOMPARE(m_receiver->counters().overCapacity, quint64(1));
    }

    // Issue 13 finding 8: 256 connections each sending 8 MiB - 1 took the RSS to 2 GB. Before the
    // fix the third request below was read in full (200) and nothing counted the bytes.
    void bufferedBytesAreCapped()
    {
        const QByteArray report = makeReport(QStringLiteral("vm-big"), 200); // ~260 kB
        receiver::ReceiverConfig c;
        c.limits.maxBufferedBytes = report.size() * 5 / 2; // room for two such bodies, not three
        QVERIFY(startReceiver(c));
        const QByteArray raw = postReport(report, kToken);
        const qsizetype headEnd = raw.indexOf("\r\n\r\n") + 4;
        std::vector<std::unique_ptr<QTcpSocket>> held;
        for (int i = 0; i < 2; ++i) {
            held.push_back(std::make_unique<QTcpSocket>());
            held.back()->connectToHost(QHostAddress::LocalHost, port());
            held.back()->write(raw.left(headEnd + 1000)); // headers and the start of the body
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver->bufferedBytes(), qint64(2 * report.size()), 5000);

        const HttpReply third = exchange(port(), raw);
        QCOMPARE(third.status, 503);
        QVERIFY(third.head.contains("Retry-After: "));
        QCOMPARE(m_receiver->counters().overBuffer, quint64(1));
        QCOMPARE(m_receiver->bufferedBytes(), qint64(2 * report.size()));

        // The two held requests finish normally; their bytes are given back.
        for (auto &s : held)
            s->write(raw.mid(headEnd + 1000));
        QByteArray answers[2];
        QTRY_VERIFY_WITH_TIMEOUT((answers[0] += held[0]->readAll()).contains("\"ok\":true") &&
                                     (answers[1] += held[1]->readAll()).contains("\"ok\":true"),
                                 10000);
        held.clear();
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver->bufferedBytes(), qint64(0), 5000);
        QCOMPARE(exchange(port(), raw).status, 200);

        // A chunked body (no declared length) is charged as it grows.
        QByteArray chunked = "POST /api/agents/docker/report HTTP/1.1\r\nAuthorization: Bearer " + kToken +
                             "\r\nTransfer-Encoding: chunked\r\n\r\n";
        const QByteArray piece(64 * 1024, ' ');
        for (qsizetype sent = 0; sent <= c.limits.maxBufferedBytes; sent += piece.size())
            chunked += QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n";
        chunked += "0\r\n\r\n";
        QCOMPARE(exchange(port(), chunked).status, 503);
        QCOMPARE(m_receiver->counters().overBuffer, quint64(2));
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver->bufferedBytes(), qint64(0), 5000);
    }

    // Issue 13 finding 8, second half: with X-ArchNest-Host-Id the host-bound token is checked
    // before any body byte is read. Before the fix the receiver waited for the 8 MiB body (no
    // answer to the headers alone).
    void hostHeaderChecksTheBoundTokenBeforeTheBody()
    {
        receiver::ReceiverConfig c;
        c.hostTokens.insert(QStringLiteral("vm-bound"), kHostToken);
        QVERIFY(startReceiver(c));
        const QByteArray headersOnly = "POST /api/agents/docker/report HTTP/1.1\r\nAuthorization: Bearer " + kToken +
                                       "\r\nX-ArchNest-Host-Id: vm-bound\r\nContent-Type: application/json\r\n"
                                       "Content-Length: 8388607\r\n\r\n";
        const HttpReply r = exchange(port(), headersOnly, 4000);
        QCOMPARE(r.status, 403);
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("this token may not report as host 'vm-bound'"));
        QCOMPARE(m_receiver->bufferedBytes(), qint64(0));

        // With the right token it goes through; the header must name the body's host.
        const QByteArray body = makeReport(QStringLiteral("vm-bound"), 1);
        QCOMPARE(exchange(port(), postReport(body, kHostToken) // header inserted below
                                      .replace("\r\nContent-Type", "\r\nX-ArchNest-Host-Id: vm-bound\r\nContent-Type"))
                     .status,
                 200);
        const HttpReply mismatch =
            exchange(port(), postReport(makeReport(QStringLiteral("vm-other"), 1), kToken)
                                 .replace("\r\nContent-Type", "\r\nX-ArchNest-Host-Id: vm-free\r\nContent-Type"));
        QCOMPARE(mismatch.status, 400);
        QCOMPARE(mismatch.json().value(QStringLiteral("field")).toString(), QStringLiteral("hostId"));
        QCOMPARE(exchange(port(), postReport(body, kToken)
                                      .replace("\r\nContent-Type", "\r\nX-ArchNest-Host-Id: ../etc\r\nContent-Type"))
                     .status,
                 400);
    }
};

QTEST_GUILESS_MAIN(TestReceiverLimits)
#include "tst_receiver_limits.moc"
