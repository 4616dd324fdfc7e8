// Receivers side by side (issue 22): `archnest-cli receive` processes on the PostgreSQL fixture
// (a database of their own) behind a real HAProxy on loopback, 32 agents posting 3-container
// reports back to back with the agent's HTTP.
//  - reports/s through the balancer with one receiver (the baseline) and with two, same run;
//  - ingest latency p99 (first attempt to acknowledgement, a failed post retried at once) while
//    one of two receivers is killed with SIGKILL, against the p99 of the same two receivers
//    without a failure.
// Needs scripts/bench.sh's PostgreSQL fixture (ARCHNEST_FX_PG_URL), the archnest-cli binary and
// /usr/sbin/haproxy. Bounded by count and time.
#include "../integration/receiver_process.h"
#include "../integration/receiver_store_support.h"
#include "../integration/receiver_support.h"
#include "BenchSupport.h"
#include "Fixtures.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

using namespace archnest;
using namespace archnest::test;

namespace {
const QByteArray kToken = "0c9e2b7a4f1d8e6c3b5a9f2e7d1c4b8a"; // strong: a receiver refuses weak tokens
constexpr int kAgents = 32;

QByteArray agentPost(const QString &hostId, const QByteArray &report)
{
    return "POST /api/agents/docker/report HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: curl/7.88.1\r\n"
           "Accept: */*\r\nAuthorization: Bearer " +
           kToken + "\r\nContent-Type: application/json\r\nX-ArchNest-Host-Id: " + hostId.toUtf8() +
           "\r\nContent-Length: " + QByteArray::number(report.size()) + "\r\n\r\n" + report;
}

QList<quint16> reservePorts(const QString &dir, int n)
{
    const QString lib = qEnvironmentVariable("ARCHNEST_SOURCE_DIR") + QStringLiteral("/tests/fixtures/lib.sh");
    const ProcessOutput out = Fixtures::run(
        QStringLiteral("bash"),
        {QStringLiteral("-c"),
         QStringLiteral("source \"$1\"; FX_DIR=$2; for i in $(seq %1); do fx_free_port bench || exit 1; done").arg(n),
         QStringLiteral("bash"), lib, dir},
        20000);
    QList<quint16> ports;
    for (const QByteArray &line : out.out.split('\n')) {
        if (!line.trimmed().isEmpty())
            ports.append(quint16(line.trimmed().toUInt()));
    }
    return out.exitCode == 0 && ports.size() == n ? ports : QList<quint16>();
}

void releasePorts(const QString &dir)
{
    const QString lib = qEnvironmentVariable("ARCHNEST_SOURCE_DIR") + QStringLiteral("/tests/fixtures/lib.sh");
    Fixtures::run(QStringLiteral("bash"),
                  {QStringLiteral("-c"), QStringLiteral("source \"$1\"; FX_DIR=$2; fx_release_ports bench"),
                   QStringLiteral("bash"), lib, dir},
                  20000);
}

// As in docs/team-receivers.md.
QByteArray haproxyConfig(quint16 front, const QList<quint16> &backends)
{
    QByteArray c = "global\n  maxconn 512\n\ndefaults\n  mode tcp\n  timeout connect 2s\n  timeout client 20s\n"
                   "  timeout server 20s\n  timeout queue 20s\n  retries 3\n  option redispatch 1\n\n"
                   "frontend agents\n  bind 127.0.0.1:" +
                   QByteArray::number(front) +
                   "\n  default_backend receivers\n\nbackend receivers\n  balance roundrobin\n  option httpchk\n"
                   "  http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host archnest\n"
                   "  http-check expect status 200\n"
                   "  default-server check inter 500ms fall 2 rise 2 maxconn 24 observe layer4 error-limit 1"
                   " on-error mark-down\n";
    for (int i = 0; i < backends.size(); ++i)
        c += "  server r" + QByteArray::number(i + 1) + " 127.0.0.1:" + QByteArray::number(backends.at(i)) + "\n";
    return c;
}

struct Balancer
{
    ReceiverProcess process; // stopped by its pid

    bool start(const QString &cfg, quint16 front)
    {
        process.process = std::make_unique<QProcess>();
        process.process->setProcessChannelMode(QProcess::MergedChannels);
        process.process->start(QStringLiteral("/usr/sbin/haproxy"), {QStringLiteral("-db"), QStringLiteral("-f"), cfg});
        if (!process.process->waitForStarted(10000))
            return false;
        QElapsedTimer t;
        t.start();
        while (t.elapsed() < 20000) {
            if (exchange(front, httpRequest("GET", "/healthz", {}), 2000).status == 200)
                return true;
        }
        return false;
    }
};

// Agents posting back to back through `port` for `durationMs`; calls `at(ms)` as time passes.
struct Load
{
    struct Agent
    {
        QString hostId;
        int seq = 0;
        QElapsedTimer firstAttempt;
        std::unique_ptr<QTcpSocket> socket;
        QByteArray answer;
    };
    bench::Samples latency; // ms from the first attempt to the acknowledgement
    int acked = 0;
    int failedPosts = 0;
    double seconds = 0;

    void run(quint16 port, qint64 durationMs, const QString &tag, const std::function<void(qint64)> &at = {})
    {
        std::vector<Agent> agents(kAgents);
        QObject context; // the re-posts' timers die with it (and with run())
        QElapsedTimer clock;
        clock.start();
        bool stopping = false;
        int open = 0;
        std::function<void(Agent &, bool)> post = [&](Agent &a, bool retry) {
            if (!retry)
                a.firstAttempt.start();
            const QByteArray report = makeReport(a.hostId, 3, QStringLiteral("%1-%2").arg(tag).arg(a.seq));
            a.answer.clear();
            a.socket = std::make_unique<QTcpSocket>();
            QTcpSocket *s = a.socket.get();
            const QByteArray raw = agentPost(a.hostId, report);
            ++open;
            QObject::connect(s, &QTcpSocket::connected, s, [s, raw] { s->write(raw); });
            QObject::connect(s, &QTcpSocket::readyRead, s, [s, &a] { a.answer += s->readAll(); });
            QObject::connect(s, &QTcpSocket::stateChanged, s, [&, s](QAbstractSocket::SocketState st) {
                if (st != QAbstractSocket::UnconnectedState)
                    return;
                --open;
                a.answer += s->readAll();
                a.socket.release()->deleteLater();
                const bool ok = a.answer.startsWith("HTTP/1.1 200 ");
                if (ok) {
                    ++acked;
                    ++a.seq;
                    latency.ms.push_back(double(a.firstAttempt.nsecsElapsed()) / 1e6);
                } else {
                    ++failedPosts;
                }
                if (!stopping)
                    QTimer::singleShot(0, &context, [&post, &a, ok] { post(a, !ok); });
            });
            s->connectToHost(QHostAddress::LocalHost, port);
        };
        for (int i = 0; i < kAgents; ++i) {
            agents[size_t(i)].hostId = QStringLiteral("bench-%1-%2").arg(tag).arg(i);
            post(agents[size_t(i)], false);
        }
        while (clock.elapsed() < durationMs) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            if (at)
                at(clock.elapsed());
        }
        seconds = double(clock.elapsed()) / 1000.0;
        stopping = true;
        QElapsedTimer drain;
        drain.start();
        while (open > 0 && drain.elapsed() < 20000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QCoreApplication::processEvents();
        for (Agent &a : agents) {
            if (a.socket)
                a.socket->disconnect();
        }
    }
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString pg = Fixtures::instance().value(QStringLiteral("ARCHNEST_FX_PG_URL"));
    const QString cli = qEnvironmentVariable("ARCHNEST_BINARY_DIR") + QStringLiteral("/app/archnest-cli");
    if (pg.isEmpty() || !QFile::exists(cli) || !QFile::exists(QStringLiteral("/usr/sbin/haproxy"))) {
        std::fprintf(stderr, "bench_receiver_team: needs the PostgreSQL fixture, %s and /usr/sbin/haproxy\n",
                     qPrintable(cli));
        return 1;
    }
    QTemporaryDir dir;
    writeSmallFile(dir.filePath(QStringLiteral("token")), kToken + '\n');
    QFile::setPermissions(dir.filePath(QStringLiteral("token")), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    auto db =
        makePrivatePostgresDatabase(QStringLiteral("archnest_bench_team_%1").arg(QCoreApplication::applicationPid()));
    if (!db) {
        std::fprintf(stderr, "bench_receiver_team: %s\n", qPrintable(db.errorMessage()));
        return 1;
    }
    const QList<quint16> ports = reservePorts(dir.path(), 4);
    if (ports.isEmpty()) {
        std::fprintf(stderr, "bench_receiver_team: no ports\n");
        return 1;
    }
    const QStringList extra{QStringLiteral("--token-file"), dir.filePath(QStringLiteral("token")),
                            QStringLiteral("--database"), db.value()};
    auto startReceiver = [&](int i) {
        return ReceiverProcess::start(cli, dir.filePath(QStringLiteral("r%1").arg(i)), extra,
                                      QStringLiteral("127.0.0.1:%1").arg(ports.at(i)));
    };
    ReceiverProcess r1 = startReceiver(1);
    ReceiverProcess r2 = startReceiver(2);
    if (r1.port == 0 || r2.port == 0) {
        std::fprintf(stderr, "bench_receiver_team: a receiver did not start: %s %s\n", r1.out.constData(),
                     r2.out.constData());
        releasePorts(dir.path());
        return 1;
    }
    constexpr qint64 kRunMs = 6000;
    int code = 0;
    double one = 0, two = 0, steadyP99 = 0;
    {
        // One receiver behind the balancer (the baseline), then both: same balancer config.
        const QString cfg1 = dir.filePath(QStringLiteral("one.cfg"));
        writeSmallFile(cfg1, haproxyConfig(ports.at(0), {ports.at(1)}));
        Balancer lb;
        if (!lb.start(cfg1, ports.at(0)))
            return 1;
        Load load;
        load.run(ports.at(0), kRunMs, QStringLiteral("one"));
        one = load.acked / load.seconds;
        lb.process.stop();
    }
    {
        const QString cfg2 = dir.filePath(QStringLiteral("two.cfg"));
        writeSmallFile(cfg2, haproxyConfig(ports.at(0), {ports.at(1), ports.at(2)}));
        Balancer lb;
        if (!lb.start(cfg2, ports.at(0)))
            return 1;
        Load load;
        load.run(ports.at(0), kRunMs, QStringLiteral("two"));
        two = load.acked / load.seconds;
        steadyP99 = load.latency.percentile(0.99);
        bench::row(QStringLiteral("receivers: reports/s, 1 receiver behind HAProxy"), one, QStringLiteral("rep/s"), 0,
                   QStringLiteral("%1 agents, PostgreSQL").arg(kAgents), true);
        bench::row(QStringLiteral("receivers: reports/s, 2 receivers behind HAProxy"), two, QStringLiteral("rep/s"),
                   one, QStringLiteral("vs 1 receiver, same run"), true);
        bench::row(QStringLiteral("receivers: ingest p50, 2 receivers"), load.latency.median(), QStringLiteral("ms"));

        // The failover: both receivers up, one killed 2 s into the run.
        Load fail;
        bool killed = false;
        fail.run(ports.at(0), kRunMs, QStringLiteral("failover"), [&](qint64 ms) {
            if (!killed && ms >= 2000) {
                r1.kill();
                killed = true;
            }
        });
        bench::row(
            QStringLiteral("receivers: ingest p99 during a failover"), fail.latency.percentile(0.99),
            QStringLiteral("ms"), steadyP99,
            QStringLiteral("SIGKILL of 1 of 2; baseline: p99 without; %1 failed posts retried").arg(fail.failedPosts));
        bench::row(QStringLiteral("receivers: ingest max during a failover"), fail.latency.percentile(1.0),
                   QStringLiteral("ms"));
        lb.process.stop();
    }
    r2.stop();
    releasePorts(dir.path());
    return code;
}
