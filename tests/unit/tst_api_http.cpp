// HttpConnection's llhttp handling on byte streams a real dockerd rarely produces on demand:
// chunks split at every byte, a body that ends at EOF, keep-alive reuse, a 101 upgrade with raw
// bytes in the same read, and garbage. The peer is FakeDaemon, a QLocalServer that answers
// with canned bytes (the real dockerd is used by the integration tests).
#include "docker/api/DockerApiClient.h"
#include "docker/api/HttpConnection.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace archnest::dockerapi;

namespace {

class FakeDaemon final : public QObject
{
public:
    // Answers each request (ended by an empty line) with the next canned reply, written one
    // piece at a time; `closeAfter` closes the connection after the last piece.
    QList<QList<QByteArray>> replies;
    bool closeAfter = false;
    QByteArray received;
    QList<QByteArray> requestLines; // "GET /_ping HTTP/1.1", in order

    explicit FakeDaemon(const QString &path)
    {
        QLocalServer::removeServer(path);
        m_server.listen(path);
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            QLocalSocket *s = m_server.nextPendingConnection();
            connect(s, &QLocalSocket::readyRead, this, [this, s] {
                // readyRead is not emitted again while this handler runs (it waits between pieces), so
                // a request sent meanwhile is picked up here.
                while ((received += s->readAll()).contains("\r\n\r\n") && !replies.isEmpty()) {
                    requestLines << received.left(received.indexOf("\r\n"));
                    received.remove(0, received.indexOf("\r\n\r\n") + 4);
                    for (const QByteArray &piece : replies.takeFirst()) {
                        s->write(piece);
                        s->flush();
                        s->waitForBytesWritten(1000);
                        QTest::qWait(2); // not a condition: splits the reply into separate reads
                    }
                    if (closeAfter && replies.isEmpty())
                        s->disconnectFromServer();
                }
            });
        });
    }

private:
    QLocalServer m_server;
};

struct Outcome
{
    int status = 0;
    QByteArray body;
    bool complete = false;
    bool closed = false;
    QString failure;
};

void watch(HttpConnection &c, Outcome &o)
{
    QObject::connect(&c, &HttpConnection::headReceived, &c, [&o](int s) { o.status = s; });
    QObject::connect(&c, &HttpConnection::bodyData, &c, [&o](const QByteArray &d) { o.body += d; });
    QObject::connect(&c, &HttpConnection::responseComplete, &c, [&o] { o.complete = true; });
    QObject::connect(&c, &HttpConnection::closed, &c, [&o] { o.closed = true; });
    QObject::connect(&c, &HttpConnection::failed, &c, [&o](const QString &m, const QString &) { o.failure = m; });
}

QList<QByteArray> bytewise(const QByteArray &all)
{
    QList<QByteArray> out;
    for (char ch : all)
        out << QByteArray(1, ch);
    return out;
}

} // namespace

class TestApiHttp final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    ApiEndpoint endpoint() const
    {
        ApiEndpoint ep;
        ep.transport = ApiEndpoint::Transport::Unix;
        ep.socketPath = m_dir.filePath(QStringLiteral("d.sock"));
        ep.hostName = QStringLiteral("fakehost");
        return ep;
    }

    static bool openNow(HttpConnection &c)
    {
        bool up = false;
        QObject::connect(&c, &HttpConnection::connected, &c, [&up] { up = true; });
        c.open();
        return QTest::qWaitFor([&] { return up; }, 5000);
    }

private Q_SLOTS:
    void chunkedBodySplitAtEveryByte()
    {
        FakeDaemon d(endpoint().socketPath);
        d.replies << bytewise("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n"
                              "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n");
        HttpConnection c(endpoint());
        Outcome o;
        watch(c, o);
        QVERIFY(openNow(c));
        c.send({});
        QVERIFY(QTest::qWaitFor([&] { return o.complete || !o.failure.isEmpty(); }, 10000));
        QCOMPARE(o.status, 200);
        QCOMPARE(o.body, QByteArray("hello, world"));
        QCOMPARE(c.header("content-type"), QByteArray("application/json"));
        QVERIFY(c.reusable());
    }

    void keepAliveCarriesASecondRequest()
    {
        FakeDaemon d(endpoint().socketPath);
        d.replies << QList<QByteArray>{"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none"}
                  << QList<QByteArray>{"HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}"};
        HttpConnection c(endpoint());
        Outcome o;
        watch(c, o);
        QVERIFY(openNow(c));
        c.send({});
        QVERIFY(QTest::qWaitFor([&] { return o.complete; }, 5000));
        QCOMPARE(o.body, QByteArray("one"));
        o = {};
        c.send({});
        QVERIFY(QTest::qWaitFor([&] { return o.complete; }, 5000));
        QCOMPARE(o.status, 404);
        QCOMPARE(o.body, QByteArray("{}"));
    }

    void bodyEndingAtEof()
    {
        FakeDaemon d(endpoint().socketPath);
        d.closeAfter = true;
        d.replies << QList<QByteArray>{"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nraw ", "stream"};
        HttpConnection c(endpoint());
        Outcome o;
        watch(c, o);
        QVERIFY(openNow(c));
        c.send({});
        QVERIFY(QTest::qWaitFor([&] { return o.complete || !o.failure.isEmpty(); }, 5000));
        QVERIFY2(o.failure.isEmpty(), qPrintable(o.failure));
        QCOMPARE(o.body, QByteArray("raw stream"));
        QVERIFY(!c.reusable());
    }

    void upgradeHandsOverRawBytes()
    {
        FakeDaemon d(endpoint().socketPath);
        d.replies << QList<QByteArray>{"HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
                                       "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n\x01\x02\x03",
                                       "more raw"};
        HttpConnection c(endpoint());
        Outcome o;
        watch(c, o);
        QVERIFY(openNow(c));
        HttpRequest r;
        r.method = "POST";
        r.upgrade = true;
        c.send(r);
        QVERIFY(QTest::qWaitFor([&] { return o.body.endsWith("more raw"); }, 5000));
        QCOMPARE(o.status, 101);
        QVERIFY(c.upgraded());
        QVERIFY(!o.complete);
        QCOMPARE(o.body, QByteArray("\x01\x02\x03more raw"));
        QVERIFY(d.received.isEmpty()); // the request was consumed
    }

    void garbageIsAClearError()
    {
        FakeDaemon d(endpoint().socketPath);
        d.replies << QList<QByteArray>{"SSH-2.0-OpenSSH_9.2\r\n\r\n"};
        HttpConnection c(endpoint());
        Outcome o;
        watch(c, o);
        QVERIFY(openNow(c));
        c.send({});
        QVERIFY(QTest::qWaitFor([&] { return !o.failure.isEmpty(); }, 5000));
        QVERIFY2(o.failure.contains(QStringLiteral("invalid HTTP response")) &&
                     o.failure.contains(QStringLiteral("fakehost")),
                 qPrintable(o.failure));
    }

    // Version negotiation is GET /_ping's Api-Version header (Podman's /version takes over a
    // second), once per client; the Server / Libpod headers name the engine.
    void negotiatesWithPingOncePerClient()
    {
        FakeDaemon d(endpoint().socketPath);
        const QByteArray ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]";
        d.replies = {{"HTTP/1.1 200 OK\r\nApi-Version: 1.40\r\nLibpod-Api-Version: 4.3.1\r\nServer: Libpod/4.3.1 "
                      "(linux)\r\nContent-Length: 2\r\n\r\nOK"},
                     {ok},
                     {ok}};
        DockerApiClient client(endpoint());
        int answered = 0;
        for (int i = 0; i < 2; ++i)
            client.request("GET", "/containers/json", {}, [&](archnest::Result<HttpResponse> r) {
                QVERIFY(r.ok());
                QCOMPARE(r->status, 200);
                ++answered;
            });
        QVERIFY2(QTest::qWaitFor([&] { return answered == 2; }, 10000), d.requestLines.join(" | ").constData());
        QCOMPARE(d.requestLines.value(0), QByteArray("GET /_ping HTTP/1.1"));
        QCOMPARE(d.requestLines.value(1), QByteArray("GET /v1.40/containers/json HTTP/1.1"));
        QCOMPARE(d.requestLines.value(2), QByteArray("GET /v1.40/containers/json HTTP/1.1"));
        QCOMPARE(d.requestLines.size(), 3);
        QCOMPARE(client.apiVersion(), QStringLiteral("1.40"));
        QCOMPARE(client.engine(), archnest::ContainerEngine::Podman);
    }

    void pingWithoutApiVersionFallsBackToVersion()
    {
        FakeDaemon d(endpoint().socketPath);
        const QByteArray version = "{\"ApiVersion\":\"1.39\"}";
        d.replies = {{"HTTP/1.1 200 OK\r\nServer: Docker/18.09.1 (linux)\r\nContent-Length: 2\r\n\r\nOK"},
                     {"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(version.size()) + "\r\n\r\n" + version},
                     {"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]"}};
        DockerApiClient client(endpoint());
        bool answered = false;
        client.request("GET", "/containers/json", {}, [&](archnest::Result<HttpResponse> r) {
            QVERIFY(r.ok());
            answered = true;
        });
        QVERIFY2(QTest::qWaitFor([&] { return answered; }, 10000), d.requestLines.join(" | ").constData());
        QCOMPARE(d.requestLines, (QList<QByteArray>{"GET /_ping HTTP/1.1", "GET /version HTTP/1.1",
                                                    "GET /v1.39/containers/json HTTP/1.1"}));
        QCOMPARE(client.engine(), archnest::ContainerEngine::Docker);
    }

    void closedBeforeAnswer()
    {
        FakeDaemon d(endpoint().socketPath);
        d.closeAfter = true;
        d.replies << QList<QByteArray>{};
        HttpConnection c(endpoint());
        Outcome o;
        watch(c, o);
        QVERIFY(openNow(c));
        c.send({});
        QVERIFY(QTest::qWaitFor([&] { return !o.failure.isEmpty(); }, 5000));
        QVERIFY2(o.failure.contains(QStringLiteral("closed before an answer")), qPrintable(o.failure));
    }
};

QTEST_GUILESS_MAIN(TestApiHttp)
#include "tst_api_http.moc"
