// The agent receiver over real loopback sockets: every limit and error answer, tokens (shared,
// per-host, read), the read endpoints, staleness with an injected clock, slow clients and a burst
// of connections beyond the cap. The store is a real SQLite file in a temp dir.
#include "AgentReceiver.h"
#include "HttpRequestParser.h"
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

using namespace archnest;
using namespace archnest::test;

namespace {
// Strong tokens, as checkReceiverTokens requires of a configured receiver.
const QByteArray kToken = "9e4b7c1f3a8d6e2b5c0f7a4d1e8b3c6f";
const QByteArray kReadToken = "2d7f0b9e4c1a6f3d8b5e2c7a0f9d4b1e";
const QByteArray kHostAToken = "c6a1f8d3b0e7c4a9f2d5b8e1a6c3f0d7";
} // namespace

class TestReceiver final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::AgentReportStore> m_store;
    std::unique_ptr<receiver::AgentReceiver> m_receiver;
    qint64 m_now = 1'800'000'000'000;
    int m_storeSerial = 0;

    bool startReceiver(receiver::ReceiverConfig config)
    {
        m_receiver.reset();
        if (!m_store) {
            auto s = store::AgentReportStore::open(
                store::DatabaseLocation::sqlite(m_dir.filePath(QStringLiteral("store%1.sqlite").arg(m_storeSerial))),
                QStringLiteral("tst-receiver-%1").arg(m_storeSerial));
            ++m_storeSerial;
            if (!s) {
                qWarning() << s.errorMessage();
                return false;
            }
            m_store = std::move(s).value();
        }
        config.address = QHostAddress::LocalHost;
        config.port = 0;
        m_receiver = std::make_unique<receiver::AgentReceiver>(config, m_store.get());
        m_receiver->setClock([this] { return m_now; });
        VoidResult r = m_receiver->start();
        if (!r)
            qWarning() << r.errorMessage();
        return r.ok();
    }

    receiver::ReceiverConfig defaultConfig() const
    {
        receiver::ReceiverConfig c;
        c.ingestToken = kToken;
        c.readToken = kReadToken;
        return c;
    }

    quint16 port() const { return m_receiver->port(); }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_store.reset();
        QVERIFY(startReceiver(defaultConfig()));
    }

    void cleanup()
    {
        m_receiver.reset();
        m_store.reset();
    }

    void storesAValidReport()
    {
        QSignalSpy stored(m_receiver.get(), &receiver::AgentReceiver::reportStored);
        const HttpReply r = exchange(port(), postReport(makeReport(QStringLiteral("vm-a"), 3), kToken));
        QCOMPARE(r.status, 200);
        QVERIFY(r.head.contains("Connection: close"));
        QCOMPARE(r.json().value(QStringLiteral("containers")).toInt(), 3);
        QCOMPARE(stored.count(), 1);
        QCOMPARE(stored.at(0).at(0).toString(), QStringLiteral("vm-a"));
        auto rec = m_store->latestReport(QStringLiteral("vm-a"));
        QVERIFY_RESULT(rec);
        QVERIFY(rec->has_value());
        QCOMPARE((*rec)->containerCount, 3);
        QCOMPARE((*rec)->remoteAddress, QStringLiteral("127.0.0.1"));
        QCOMPARE((*rec)->hostname, QStringLiteral("vm-a.example"));
        QCOMPARE((*rec)->receivedAtMs, m_now);
        QVERIFY(!m_receiver->boundToPublicAddress());
    }

    void ingestWithoutTokenIsDisabled()
    {
        receiver::ReceiverConfig c; // no token at all
        QVERIFY(startReceiver(c));
        const HttpReply r = exchange(port(), postReport(makeReport(QStringLiteral("vm-a"), 1), kToken));
        QCOMPARE(r.status, 503);
        QVERIFY(r.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("disabled")));
        const HttpReply read = exchange(port(), httpRequest("GET", "/api/agents/docker/hosts", kReadToken));
        QCOMPARE(read.status, 503);
    }

    void tokensAreChecked_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<int>("status");
        const QByteArray report = "/api/agents/docker/report";
        const QByteArray hosts = "/api/agents/docker/hosts";
        QTest::newRow("ingest, no token") << QByteArray("POST") << report << QByteArray() << 401;
        QTest::newRow("ingest, wrong token")
            << QByteArray("POST") << report << QByteArray(kToken.left(31) + "0") << 401;
        QTest::newRow("ingest, token prefix") << QByteArray("POST") << report << kToken.left(12) << 401;
        QTest::newRow("ingest, read token") << QByteArray("POST") << report << kReadToken << 401;
        QTest::newRow("read, no token") << QByteArray("GET") << hosts << QByteArray() << 401;
        QTest::newRow("read, ingest token") << QByteArray("GET") << hosts << kToken << 401;
        QTest::newRow("read, read token") << QByteArray("GET") << hosts << kReadToken << 200;
    }

    void tokensAreChecked()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, token);
        QFETCH(int, status);
        const QByteArray body = method == "POST" ? makeReport(QStringLiteral("vm-a"), 1) : QByteArray();
        const HttpReply r = exchange(port(), httpRequest(method, path, token, body));
        QCOMPARE(r.status, status);
        if (status == 401) {
            QVERIFY(r.head.contains("WWW-Authenticate: Bearer"));
            QCOMPARE(r.json().value(QStringLiteral("error")).toString(),
                     QStringLiteral("missing or wrong bearer token"));
        }
        if (method == "POST")
            QVERIFY(!m_store->latestReport(QStringLiteral("vm-a"))->has_value());
    }

    void perHostTokensBindTheHost()
    {
        receiver::ReceiverConfig c = defaultConfig();
        c.hostTokens.insert(QStringLiteral("vm-a"), kHostAToken);
        QVERIFY(startReceiver(c));
        QCOMPARE(exchange(port(), postReport(makeReport(QStringLiteral("vm-a"), 1), kHostAToken)).status, 200);
        // The shared token no longer speaks for vm-a, and vm-a's token cannot speak for vm-b.
        QCOMPARE(exchange(port(), postReport(makeReport(QStringLiteral("vm-a"), 2), kToken)).status, 403);
        QCOMPARE(exchange(port(), postReport(makeReport(QStringLiteral("vm-b"), 1), kHostAToken)).status, 403);
        QCOMPARE(exchange(port(), postReport(makeReport(QStringLiteral("vm-b"), 1), kToken)).status, 200);
        QCOMPARE((*m_store->latestReport(QStringLiteral("vm-a")))->containerCount, 1);
    }

    void methodPathAndSyntaxErrors_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<int>("status");
        QTest::newRow("GET on report") << httpRequest("GET", "/api/agents/docker/report", kToken) << 405;
        QTest::newRow("DELETE on hosts") << httpRequest("DELETE", "/api/agents/docker/hosts", kReadToken) << 405;
        QTest::newRow("unknown path") << httpRequest("GET", "/etc/passwd", kReadToken) << 404;
        QTest::newRow("unknown api path") << httpRequest("POST", "/api/agents/docker/report2", kToken, "{}") << 404;
        QTest::newRow("garbage") << QByteArray("GARBAGE\r\n\r\n") << 400;
        QTest::newRow("bad version") << QByteArray("GET / HTTP/9.9\r\n\r\n") << 400;
        QTest::newRow("bad header") << QByteArray("GET / HTTP/1.1\r\nBad Header\r\n\r\n") << 400;
        QTest::newRow("bad content-length")
            << QByteArray("POST /api/agents/docker/report HTTP/1.1\r\nContent-Length: abc\r\n\r\n") << 400;
        QTest::newRow("nul in url") << QByteArray("GET /a\0b HTTP/1.1\r\n\r\n", 20) << 400;
    }

    void methodPathAndSyntaxErrors()
    {
        QFETCH(QByteArray, raw);
        QFETCH(int, status);
        const HttpReply r = exchange(port(), raw);
        QCOMPARE(r.status, status);
        QVERIFY(r.json().contains(QStringLiteral("error")));
        QVERIFY(r.closedByServer);
        if (status == 405)
            QVERIFY(r.head.contains("Allow: "));
    }

    void bodyLimit()
    {
        receiver::ReceiverConfig c = defaultConfig();
        c.limits.maxBodyBytes = 4096;
        QVERIFY(startReceiver(c));
        // Declared too large: answered before the body is read.
        const HttpReply declared =
            exchange(port(), QByteArray("POST /api/agents/docker/report HTTP/1.1\r\nAuthorization: Bearer ") + kToken +
                                 "\r\nContent-Length: 100000\r\n\r\n");
        QCOMPARE(declared.status, 413);
        // Chunked, growing past the limit.
        QByteArray chunked = QByteArray("POST /api/agents/docker/report HTTP/1.1\r\nAuthorization: Bearer ") + kToken +
                             "\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (int i = 0; i < 10; ++i)
            chunked += "400\r\n" + QByteArray(1024, 'x') + "\r\n";
        chunked += "0\r\n\r\n";
        QCOMPARE(exchange(port(), chunked).status, 413);
        // Just under the limit is fine.
        QCOMPARE(exchange(port(), postReport(makeReport(QStringLiteral("vm-a"), 1), kToken)).status, 200);
    }

    void headerLimits()
    {
        const QByteArray big = "X-Filler: " + QByteArray(20 * 1024, 'a') + "\r\n";
        QCOMPARE(exchange(port(), httpRequest("GET", "/api/agents/docker/hosts", kReadToken, {}, big)).status, 431);
        QByteArray many;
        for (int i = 0; i < 150; ++i)
            many += "X-H" + QByteArray::number(i) + ": v\r\n";
        QCOMPARE(exchange(port(), httpRequest("GET", "/api/agents/docker/hosts", kReadToken, {}, many)).status, 431);
        const QByteArray longUrl = "/api/agents/docker/hosts/" + QByteArray(17 * 1024, 'h');
        QCOMPARE(exchange(port(), httpRequest("GET", longUrl, kReadToken)).status, 431);
    }

    void schemaErrorsNameTheField_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        auto with = [](const std::function<void(QJsonObject &)> &edit) {
            QJsonObject o = makeReportObject(QStringLiteral("vm-a"), 2);
            edit(o);
            return QJsonDocument(o).toJson(QJsonDocument::Compact);
        };
        auto container = [&](const std::function<void(QJsonObject &)> &edit) {
            return with([&](QJsonObject &o) {
                QJsonArray cs = o.value(QStringLiteral("containers")).toArray();
                QJsonObject c = cs.at(1).toObject();
                edit(c);
                cs.replace(1, c);
                o.insert(QStringLiteral("containers"), cs);
            });
        };
        QTest::newRow("not json") << QByteArray("{\"schemaVersion\": 1,") << QStringLiteral("$");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("$");
        QTest::newRow("no version") << with([](QJsonObject &o) { o.remove(QStringLiteral("schemaVersion")); })
                                    << QStringLiteral("schemaVersion");
        QTest::newRow("version 2") << with([](QJsonObject &o) { o.insert(QStringLiteral("schemaVersion"), 2); })
                                   << QStringLiteral("schemaVersion");
        QTest::newRow("no host id") << with([](QJsonObject &o) { o.remove(QStringLiteral("hostId")); })
                                    << QStringLiteral("hostId");
        QTest::newRow("path in host id") << with([](QJsonObject &o) {
            o.insert(QStringLiteral("hostId"), QStringLiteral("../../etc"));
        }) << QStringLiteral("hostId");
        QTest::newRow("sql in host id") << with([](QJsonObject &o) {
            o.insert(QStringLiteral("hostId"), QStringLiteral("a'; DROP TABLE x;--"));
        }) << QStringLiteral("hostId");
        QTest::newRow("containers object")
            << with([](QJsonObject &o) { o.insert(QStringLiteral("containers"), QJsonObject()); })
            << QStringLiteral("containers");
        QTest::newRow("bad state") << container([](QJsonObject &c) {
            c.insert(QStringLiteral("state"), QStringLiteral("rm -rf"));
        }) << QStringLiteral("containers[1].state");
        QTest::newRow("bad id") << container([](QJsonObject &c) {
            c.insert(QStringLiteral("id"), QStringLiteral("$(reboot)"));
        }) << QStringLiteral("containers[1].id");
        QTest::newRow("port as string") << container([](QJsonObject &c) {
            c.insert(QStringLiteral("ports"),
                     QJsonArray{QJsonObject{{QStringLiteral("containerPort"), 80},
                                            {QStringLiteral("hostPort"), QStringLiteral("80")}}});
        }) << QStringLiteral("containers[1].ports[0].hostPort");
        QTest::newRow("port out of range") << container([](QJsonObject &c) {
            c.insert(QStringLiteral("ports"), QJsonArray{QJsonObject{{QStringLiteral("containerPort"), 70000}}});
        }) << QStringLiteral("containers[1].ports[0].containerPort");
        QTest::newRow("label not string") << container([](QJsonObject &c) {
            c.insert(QStringLiteral("labels"), QJsonObject{{QStringLiteral("a"), 1}});
        }) << QStringLiteral("containers[1].labels.a");
        QTest::newRow("stats memory negative") << container([](QJsonObject &c) {
            c.insert(QStringLiteral("stats"), QJsonObject{{QStringLiteral("memoryBytes"), -5}});
        }) << QStringLiteral("containers[1].stats.memoryBytes");
    }

    void schemaErrorsNameTheField()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const HttpReply r = exchange(port(), postReport(body, kToken));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("field")).toString(), field);
        QVERIFY(!r.json().value(QStringLiteral("error")).toString().isEmpty());
    }

    void malformedReportKeepsThePreviousOne()
    {
        const QByteArray good = makeReport(QStringLiteral("vm-a"), 4, QStringLiteral("good"));
        QCOMPARE(exchange(port(), postReport(good, kToken)).status, 200);
        QJsonObject bad = makeReportObject(QStringLiteral("vm-a"), 5, QStringLiteral("bad"));
        QJsonArray cs = bad.value(QStringLiteral("containers")).toArray();
        QJsonObject c = cs.at(4).toObject();
        c.insert(QStringLiteral("state"), 42);
        cs.replace(4, c);
        bad.insert(QStringLiteral("containers"), cs);
        QCOMPARE(exchange(port(), postReport(QJsonDocument(bad).toJson(QJsonDocument::Compact), kToken)).status, 400);
        QCOMPARE(exchange(port(), postReport(good.left(good.size() / 2), kToken)).status, 400);
        auto rec = m_store->latestReport(QStringLiteral("vm-a"));
        QVERIFY_RESULT(rec);
        QCOMPARE((*rec)->report, good);
        QCOMPARE((*rec)->containerCount, 4);
    }

    void unmaskedSecretsAreMaskedBeforeStoring()
    {
        QJsonObject o = makeReportObject(QStringLiteral("vm-a"), 1);
        QJsonArray cs = o.value(QStringLiteral("containers")).toArray();
        QJsonObject c = cs.at(0).toObject();
        c.insert(QStringLiteral("env"),
                 QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("aws_secret_access_key")},
                                        {QStringLiteral("value"), QStringLiteral("plain-secret-value-987")}}});
        cs.replace(0, c);
        o.insert(QStringLiteral("containers"), cs);
        QCOMPARE(exchange(port(), postReport(QJsonDocument(o).toJson(QJsonDocument::Compact), kToken)).status, 200);
        const QByteArray stored = (*m_store->latestReport(QStringLiteral("vm-a")))->report;
        QVERIFY(!stored.contains("plain-secret-value-987"));
        QVERIFY(stored.contains("********"));
    }

    void expectContinue()
    {
        const QByteArray body = makeReport(QStringLiteral("vm-a"), 2);
        const QByteArray head =
            QByteArray("POST /api/agents/docker/report HTTP/1.1\r\nAuthorization: Bearer ") + kToken +
            "\r\nExpect: 100-continue\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, port());
        QTRY_VERIFY_WITH_TIMEOUT(s.state() == QAbstractSocket::ConnectedState, 5000);
        s.write(head);
        QByteArray got;
        QTRY_VERIFY_WITH_TIMEOUT((got += s.readAll()).contains("100 Continue"), 5000);
        s.write(body);
        QTRY_VERIFY_WITH_TIMEOUT((got += s.readAll()).contains("\"ok\":true"), 5000);
    }

    void readEndpoints()
    {
        QCOMPARE(exchange(port(), postReport(makeReport(QStringLiteral("vm-a"), 3), kToken)).status, 200);
        HttpReply hosts = exchange(port(), httpRequest("GET", "/api/agents/docker/hosts", kReadToken));
        QCOMPARE(hosts.status, 200);
        const QJsonArray list = hosts.json().value(QStringLiteral("hosts")).toArray();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.at(0)[QStringLiteral("hostId")].toString(), QStringLiteral("vm-a"));
        QCOMPARE(list.at(0)[QStringLiteral("containerCount")].toInt(), 3);
        QCOMPARE(list.at(0)[QStringLiteral("stale")].toBool(), false);
        QCOMPARE(qint64(list.at(0)[QStringLiteral("lastSeenMs")].toDouble()), m_now);

        HttpReply containers =
            exchange(port(), httpRequest("GET", "/api/agents/docker/hosts/vm-a/containers", kReadToken));
        QCOMPARE(containers.status, 200);
        QCOMPARE(containers.json().value(QStringLiteral("containers")).toArray().size(), 3);

        HttpReply byName =
            exchange(port(), httpRequest("GET", "/api/agents/docker/hosts/vm-a/containers/svc-a-1", kReadToken));
        QCOMPARE(byName.status, 200);
        const QString id = byName.json()[QStringLiteral("container")][QStringLiteral("id")].toString();
        QCOMPARE(byName.json()[QStringLiteral("container")][QStringLiteral("name")].toString(),
                 QStringLiteral("svc-a-1"));
        HttpReply byPrefix =
            exchange(port(), httpRequest("GET", "/api/agents/docker/hosts/vm-a/containers/" + id.left(12).toLatin1(),
                                         kReadToken));
        QCOMPARE(byPrefix.status, 200);
        QCOMPARE(byPrefix.json()[QStringLiteral("container")][QStringLiteral("id")].toString(), id);

        QCOMPARE(exchange(port(), httpRequest("GET", "/api/agents/docker/hosts/vm-x/containers", kReadToken)).status,
                 404);
        QCOMPARE(
            exchange(port(), httpRequest("GET", "/api/agents/docker/hosts/vm-a/containers/nope", kReadToken)).status,
            404);
        QCOMPARE(exchange(port(), httpRequest("GET", "/api/agents/docker/hosts/..%2F..%2Fetc/containers", kReadToken))
                     .status,
                 404);
        QCOMPARE(exchange(port(), httpRequest("GET", "/api/agents/docker/hosts/vm-a/other", kReadToken)).status, 404);
    }

    void stalenessFollowsTheClock()
    {
        receiver::ReceiverConfig c = defaultConfig();
        c.staleWindowMs = 90000;
        QVERIFY(startReceiver(c));
        QCOMPARE(exchange(port(), postReport(makeReport(QStringLiteral("vm-a"), 1), kToken)).status, 200);
        auto staleFlag = [this] {
            return exchange(port(), httpRequest("GET", "/api/agents/docker/hosts", kReadToken))
                .json()[QStringLiteral("hosts")][0][QStringLiteral("stale")]
                .toBool();
        };
        QCOMPARE(staleFlag(), false);
        m_now += 90000;
        QCOMPARE(staleFlag(), false);
        m_now += 1;
        QCOMPARE(staleFlag(), true);
        QCOMPARE(exchange(port(), postReport(makeReport(QStringLiteral("vm-a"), 1), kToken)).status, 200);
        QCOMPARE(staleFlag(), false);
    }

    void slowHeadersAreDropped()
    {
        receiver::ReceiverConfig c = defaultConfig();
        c.limits.headerTimeoutMs = 300;
        QVERIFY(startReceiver(c));
        QElapsedTimer t;
        t.start();
        // Slowloris: one header byte every 50 ms never completes in time.
        const HttpReply r = exchange(port(), httpRequest("GET", "/api/agents/docker/hosts", kReadToken), 10000, 1, 50);
        QCOMPARE(r.status, 408);
        QVERIFY(r.closedByServer);
        QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
        QCOMPARE(m_receiver->counters().timedOut, quint64(1));
    }

    void slowBodyIsDropped()
    {
        receiver::ReceiverConfig c = defaultConfig();
        c.limits.bodyTimeoutMs = 300;
        QVERIFY(startReceiver(c));
        const QByteArray raw = QByteArray("POST /api/agents/docker/report HTTP/1.1\r\nAuthorization: Bearer ") +
                               kToken + "\r\nContent-Length: 1000\r\n\r\n{\"schemaVersion\":1";
        const HttpReply r = exchange(port(), raw, 10000);
        QCOMPARE(r.status, 408);
        QVERIFY(r.closedByServer);
        QCOMPARE(r.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("request body not received in time"));
    }

    void burstBeyondTheConnectionCap()
    {
        receiver::ReceiverConfig c = defaultConfig();
        c.limits.maxConnections = 4;
        c.limits.headerTimeoutMs = 1500;
        QVERIFY(startReceiver(c));
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < 4; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, port());
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver->openConnections(), 4, 5000);
        // A burst of 20 more: each gets a short 503 and is closed at once.
        std::vector<std::unique_ptr<QTcpSocket>> burst;
        for (int i = 0; i < 20; ++i) {
            burst.push_back(std::make_unique<QTcpSocket>());
            burst.back()->connectToHost(QHostAddress::LocalHost, port());
        }
        QByteArray answers;
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(burst.begin(), burst.end(),
                        [&](const auto &s) { return s->state() == QAbstractSocket::UnconnectedState; }),
            5000);
        int refused = 0;
        for (auto &s : burst)
            refused += parseReply(s->readAll()).status == 503 ? 1 : 0;
        QCOMPARE(refused, 20);
        QCOMPARE(m_receiver->counters().overCapacity, quint64(20));
        QCOMPARE(m_receiver->openConnections(), 4);
        // The idle ones are dropped by the header timeout, then service resumes.
        QTRY_COMPARE_WITH_TIMEOUT(m_receiver->openConnections(), 0, 10000);
        QCOMPARE(exchange(port(), postReport(makeReport(QStringLiteral("vm-a"), 1), kToken)).status, 200);
    }

    void privateAddresses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("isPrivate");
        QTest::newRow("loopback") << QStringLiteral("127.0.0.1") << true;
        QTest::newRow("loopback6") << QStringLiteral("::1") << true;
        QTest::newRow("10/8") << QStringLiteral("10.1.2.3") << true;
        QTest::newRow("172.16/12") << QStringLiteral("172.31.255.1") << true;
        QTest::newRow("172.32 public") << QStringLiteral("172.32.0.1") << false;
        QTest::newRow("192.168/16") << QStringLiteral("192.168.1.10") << true;
        QTest::newRow("tailscale") << QStringLiteral("100.101.102.103") << true;
        QTest::newRow("ula") << QStringLiteral("fd7a:115c:a1e0::1") << true;
        QTest::newRow("any") << QStringLiteral("0.0.0.0") << false;
        QTest::newRow("any6") << QStringLiteral("::") << false;
        QTest::newRow("public") << QStringLiteral("8.8.8.8") << false;
        QTest::newRow("public6") << QStringLiteral("2001:4860::1") << false;
    }

    void privateAddresses()
    {
        QFETCH(QString, address);
        QFETCH(bool, isPrivate);
        QCOMPARE(receiver::isPrivateAddress(QHostAddress(address)), isPrivate);
    }

    void listenAddressParsing()
    {
        auto a = receiver::parseListenAddress(QStringLiteral("127.0.0.1:4000"));
        QVERIFY_RESULT(a);
        QCOMPARE(a->second, quint16(4000));
        auto b = receiver::parseListenAddress(QStringLiteral("[::1]:0"));
        QVERIFY_RESULT(b);
        QCOMPARE(b->first, QHostAddress(QHostAddress::LocalHostIPv6));
        QVERIFY_RESULT_ERROR(receiver::parseListenAddress(QStringLiteral("localhost:4000")),
                             QStringLiteral("ADDRESS:PORT"));
        QVERIFY_RESULT_ERROR(receiver::parseListenAddress(QStringLiteral("127.0.0.1:70000")),
                             QStringLiteral("ADDRESS:PORT"));
        QVERIFY_RESULT_ERROR(receiver::parseListenAddress(QStringLiteral("127.0.0.1")), QStringLiteral("ADDRESS:PORT"));
    }

    void httpsWithAConfiguredCertificate()
    {
        const QString cert = m_dir.filePath(QStringLiteral("cert.pem"));
        const QString key = m_dir.filePath(QStringLiteral("key.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                       QStringLiteral("1"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
                       QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1"),
                       QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert});
        QVERIFY(openssl.waitForFinished(60000));
        QCOMPARE(openssl.exitCode(), 0);
        receiver::ReceiverConfig c = defaultConfig();
        c.certificateFile = cert;
        c.privateKeyFile = key;
        QVERIFY(startReceiver(c));

        QSslSocket s;
        QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
        conf.setCaCertificates(QSslCertificate::fromPath(cert));
        s.setSslConfiguration(conf);
        s.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port());
        QTRY_VERIFY_WITH_TIMEOUT(s.isEncrypted(), 10000);
        s.write(postReport(makeReport(QStringLiteral("vm-tls"), 2), kToken));
        QByteArray got;
        QTRY_VERIFY_WITH_TIMEOUT((got += s.readAll()).contains("\"ok\":true"), 10000);
        QCOMPARE(parseReply(got).status, 200);
        QCOMPARE((*m_store->latestReport(QStringLiteral("vm-tls")))->containerCount, 2);

        // Plain HTTP to the HTTPS port gets no answer it could use.
        QCOMPARE(exchange(port(), postReport(makeReport(QStringLiteral("vm-plain"), 1), kToken), 5000).status, 0);
        QVERIFY(!m_store->latestReport(QStringLiteral("vm-plain"))->has_value());

        receiver::ReceiverConfig broken = defaultConfig();
        broken.certificateFile = key; // not a certificate
        broken.privateKeyFile = cert;
        receiver::AgentReceiver bad(broken, m_store.get());
        QVERIFY_RESULT_ERROR(bad.start(), QStringLiteral("is not valid PEM"));
    }

    void configuredTokensAreStrong()
    {
        QVERIFY_RESULT(receiver::checkReceiverTokens(defaultConfig()));
        receiver::ReceiverConfig same = defaultConfig();
        same.readToken = kToken;
        QVERIFY_RESULT_ERROR(receiver::checkReceiverTokens(same), QStringLiteral("same as the ingest token"));
    }

    void listenFailureIsAClearError()
    {
        receiver::ReceiverConfig c = defaultConfig();
        c.address = QHostAddress::LocalHost;
        c.port = port(); // already taken by the running receiver
        receiver::AgentReceiver second(c, m_store.get());
        QVERIFY_RESULT_ERROR(second.start(), QStringLiteral("cannot listen on 127.0.0.1"));
    }
};

QTEST_GUILESS_MAIN(TestReceiver)
#include "tst_receiver.moc"
