// Receiver ingest cost on loopback: latency p50/p99 for 50- and 500-container reports posted
// one after another, and sustained reports/s with 100 concurrent agents. The receiver and its
// SQLite store run on their own thread (the store's connection is opened there). Bounded by
// count and time.
#include "../integration/receiver_support.h"
#include "AgentReceiver.h"
#include "BenchSupport.h"
#include "store/AgentReportStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <memory>

using namespace archnest;

namespace {
const QByteArray kToken = "bench-ingest-token-0000";

struct ReceiverThread
{
    QThread thread;
    QObject *context = nullptr;
    std::unique_ptr<store::AgentReportStore> store;
    std::unique_ptr<receiver::AgentReceiver> receiver;
    quint16 port = 0;

    bool start(const QString &file)
    {
        thread.start();
        context = new QObject;
        context->moveToThread(&thread);
        bool ok = false;
        QMetaObject::invokeMethod(
            context,
            [&] {
                auto s = store::AgentReportStore::open(store::DatabaseLocation::sqlite(file),
                                                       QStringLiteral("bench-writer"));
                if (!s) {
                    qWarning() << s.errorMessage();
                    return;
                }
                store = std::move(s).value();
                receiver::ReceiverConfig c;
                c.ingestToken = kToken;
                c.limits.maxConnections = 512;
                receiver = std::make_unique<receiver::AgentReceiver>(c, store.get());
                ok = receiver->start().ok();
                port = receiver->port();
            },
            Qt::BlockingQueuedConnection);
        return ok;
    }

    void stop()
    {
        QMetaObject::invokeMethod(
            context,
            [&] {
                receiver.reset();
                store.reset();
            },
            Qt::BlockingQueuedConnection);
        context->deleteLater();
        thread.quit();
        thread.wait();
    }
};

// One blocking request (the receiver is on another thread). Returns the HTTP status.
int postBlocking(quint16 port, const QByteArray &raw)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(5000))
        return 0;
    s.write(raw);
    QByteArray got;
    while (s.waitForReadyRead(10000) || s.bytesAvailable() > 0) {
        got += s.readAll();
        if (s.state() != QAbstractSocket::ConnectedState)
            break;
    }
    got += s.readAll();
    return test::parseReply(got).status;
}

void latency(quint16 port, int containers)
{
    const QByteArray raw =
        test::postReport(test::makeReport(QStringLiteral("lat-%1").arg(containers), containers), kToken);
    int failures = 0;
    const bench::Samples s = bench::sample(
        [&] {
            if (postBlocking(port, raw) != 200)
                ++failures;
            return failures < 3;
        },
        containers >= 500 ? 150 : 400, 8000, 10);
    bench::row(QStringLiteral("agent_ingest_%1c_p50").arg(containers), s.median(), QStringLiteral("ms"), 0,
               QStringLiteral("%1 KiB report, %2 runs, SQLite WAL").arg(raw.size() / 1024).arg(s.ms.size()));
    bench::row(QStringLiteral("agent_ingest_%1c_p99").arg(containers), s.percentile(0.99), QStringLiteral("ms"));
}

// 100 agents, each posting its own host's 50-container report in a loop, for `seconds`.
void sustained(quint16 port, int agents, int seconds)
{
    QList<QByteArray> reports;
    for (int i = 0; i < agents; ++i)
        reports.append(test::postReport(test::makeReport(QStringLiteral("agent-%1").arg(i), 50), kToken));
    int ok = 0;
    int failed = 0;
    bool running = true;
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    std::vector<QByteArray> buffers(static_cast<size_t>(agents), QByteArray());
    std::function<void(int)> launch = [&](int i) {
        if (!running)
            return;
        QTcpSocket *s = sockets[size_t(i)].get();
        buffers[size_t(i)].clear();
        s->abort();
        s->connectToHost(QHostAddress::LocalHost, port);
    };
    for (int i = 0; i < agents; ++i) {
        sockets.push_back(std::make_unique<QTcpSocket>());
        QTcpSocket *s = sockets.back().get();
        QObject::connect(s, &QTcpSocket::connected, s, [s, i, &reports] { s->write(reports[i]); });
        QObject::connect(s, &QTcpSocket::readyRead, s, [s, i, &buffers] { buffers[size_t(i)] += s->readAll(); });
        QObject::connect(s, &QTcpSocket::disconnected, s, [&, s, i] {
            if (!running)
                return;
            if (s->isOpen())
                buffers[size_t(i)] += s->readAll();
            (test::parseReply(buffers[size_t(i)]).status == 200 ? ok : failed)++;
            QTimer::singleShot(0, s, [&launch, i] { launch(i); });
        });
        QObject::connect(s, &QTcpSocket::errorOccurred, s, [&, s, i](QAbstractSocket::SocketError e) {
            if (running && e != QAbstractSocket::RemoteHostClosedError) {
                ++failed;
                QTimer::singleShot(10, s, [&launch, i] { launch(i); });
            }
        });
    }
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < agents; ++i)
        launch(i);
    QEventLoop loop;
    QTimer::singleShot(seconds * 1000, &loop, [&] {
        running = false;
        loop.quit();
    });
    loop.exec();
    const double elapsed = double(t.elapsed()) / 1000.0;
    for (auto &s : sockets)
        s->disconnect();
    sockets.clear();
    bench::row(QStringLiteral("agent_ingest_sustained_%1_agents").arg(agents), double(ok) / elapsed,
               QStringLiteral("reports/s"), 0,
               QStringLiteral("50-container reports, %1 s, %2 failed").arg(seconds).arg(failed), true);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    ReceiverThread rt;
    if (!dir.isValid() || !rt.start(dir.filePath(QStringLiteral("bench.sqlite")))) {
        qCritical("cannot start the receiver");
        return 1;
    }
    latency(rt.port, 50);
    latency(rt.port, 500);
    sustained(rt.port, 100, 5);
    rt.stop();
    return 0;
}
