// Engine API pieces that need no daemon: endpoint parsing, the 8-byte frame demultiplexer
// (frames split at every byte), and JSON -> model with captured dockerd 20.10 answers.
#include "TestSupport.h"
#include "docker/api/ApiEndpoint.h"
#include "docker/api/DockerApiJson.h"
#include "docker/api/FrameDemuxer.h"

#include <QTest>

using namespace archnest;
using namespace archnest::dockerapi;

namespace {
QByteArray frame(char type, const QByteArray &payload)
{
    QByteArray h(8, '\0');
    h[0] = type;
    const quint32 n = quint32(payload.size());
    h[4] = char((n >> 24) & 0xff);
    h[5] = char((n >> 16) & 0xff);
    h[6] = char((n >> 8) & 0xff);
    h[7] = char(n & 0xff);
    return h + payload;
}
} // namespace

class TestApiUnit final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void endpoints_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("tls");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("display");
        QTest::newRow("unix") << QStringLiteral("unix:///var/run/docker.sock") << false << true
                              << QStringLiteral("unix:///var/run/docker.sock");
        QTest::newRow("tcp") << QStringLiteral("tcp://127.0.0.1:2375") << false << true
                             << QStringLiteral("tcp://127.0.0.1:2375");
        QTest::newRow("tls") << QStringLiteral("tcp://localhost:2376") << true << true
                             << QStringLiteral("tcp://localhost:2376");
        QTest::newRow("ipv6") << QStringLiteral("tcp://[::1]:2375") << false << true
                              << QStringLiteral("tcp://[::1]:2375");
        QTest::newRow("relative unix") << QStringLiteral("unix://docker.sock") << false << false << QString();
        QTest::newRow("no port") << QStringLiteral("tcp://127.0.0.1") << false << false << QString();
        QTest::newRow("ssh") << QStringLiteral("ssh://host") << false << false << QString();
    }
    void endpoints()
    {
        QFETCH(QString, url);
        QFETCH(bool, tls);
        QFETCH(bool, ok);
        QFETCH(QString, display);
        HostConfig h;
        h.name = QStringLiteral("vm1");
        h.kind = HostKind::DockerApi;
        h.apiUrl = url;
        h.useTls = tls;
        const auto ep = parseEndpoint(h);
        QCOMPARE(ep.ok(), ok);
        if (!ok) {
            QVERIFY(ep.errorMessage().contains(QStringLiteral("vm1")));
            return;
        }
        QCOMPARE(ep->display(), display);
        QCOMPARE(ep->transport == ApiEndpoint::Transport::Tls, tls);
    }

    void demuxerHandlesFramesSplitAnywhere()
    {
        const QByteArray stream =
            frame(1, "hello ") + frame(2, "oops\n") + frame(1, QByteArray()) + frame(1, "world\n");
        for (int cut = 0; cut <= stream.size(); ++cut) {
            FrameDemuxer d;
            QByteArray out;
            QByteArray err;
            auto sink = [&](const QByteArray &p, OutputChannel ch) { (ch == OutputChannel::Stderr ? err : out) += p; };
            d.feed(stream.left(cut), sink);
            d.feed(stream.mid(cut), sink);
            QCOMPARE(out, QByteArray("hello world\n"));
            QCOMPARE(err, QByteArray("oops\n"));
            QVERIFY(!d.hasPartialFrame());
        }
    }

    void demuxerRawForTty()
    {
        FrameDemuxer d;
        d.setRaw(true);
        QByteArray out;
        d.feed(QByteArray("\x01\x00raw", 5), [&](const QByteArray &p, OutputChannel) { out += p; });
        QCOMPARE(out, QByteArray("\x01\x00raw", 5));
    }

    void dockerTimes()
    {
        QVERIFY(!parseDockerTime(QStringLiteral("0001-01-01T00:00:00Z")).isValid());
        const QDateTime t = parseDockerTime(QStringLiteral("2026-11-27T02:05:00.123456789Z"));
        QVERIFY(t.isValid());
        QCOMPARE(t.time().msec(), 123);
        QCOMPARE(t.date(), QDate(2026, 11, 27));
    }

    void listJson()
    {
        const QByteArray json =
            R"([{"Id":"abc123","Names":["/web"],"Image":"nginx","Command":"nginx -g","Created":1700000000,
            "State":"running","Status":"Up 2 hours","Ports":[{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8080,"Type":"tcp"},
            {"PrivatePort":53,"Type":"udp"}],"Labels":{"a":"b"}}])";
        auto r = parseContainerList(json, QStringLiteral("vm1"));
        QVERIFY_RESULT(r);
        QCOMPARE(r->size(), 1);
        const ContainerSummary &s = r->first();
        QCOMPARE(s.name, QStringLiteral("web"));
        QCOMPARE(s.state, ContainerState::Running);
        QCOMPARE(s.ports.size(), 2);
        QCOMPARE(s.ports[0].display(), QStringLiteral("0.0.0.0:8080->80/tcp"));
        QCOMPARE(s.ports[1].display(), QStringLiteral("53/udp"));
        QCOMPARE(s.labels.value(QStringLiteral("a")), QStringLiteral("b"));
        QCOMPARE(s.created.toSecsSinceEpoch(), 1700000000);
        QVERIFY_RESULT_ERROR(parseContainerList("{not json", QStringLiteral("vm1")), QStringLiteral("not valid JSON"));
    }

    void inspectJsonMasksSecrets()
    {
        const QByteArray json =
            R"({"Id":"abc","Name":"/db","Created":"2026-01-01T00:00:00.5Z","Path":"sh","Args":["-c","x"],
          "State":{"Status":"exited","Running":false,"ExitCode":3,"Pid":0,"Error":"","StartedAt":"2026-01-01T00:00:01Z",
                   "FinishedAt":"2026-01-01T00:00:02Z","OOMKilled":false,"Health":{"Status":"unhealthy","FailingStreak":2,
                   "Log":[{"Output":"boom"}]}},
          "Image":"sha256:1","RestartCount":4,"Platform":"linux",
          "HostConfig":{"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":5}},
          "Mounts":[{"Type":"bind","Source":"/src","Destination":"/data","Mode":"ro","RW":false}],
          "Config":{"Hostname":"h","User":"u","WorkingDir":"/w","Env":["DB_PASSWORD=s3cret","MODE=x"],"Cmd":["sh"],
                    "Entrypoint":null,"Image":"busybox","Labels":{"l":"v"},"Tty":true,"ExposedPorts":{"80/tcp":{}}},
          "NetworkSettings":{"Ports":{"80/tcp":[{"HostIp":"127.0.0.1","HostPort":"8080"}]},
                             "Networks":{"bridge":{"IPAddress":"172.17.0.2","Gateway":"172.17.0.1","MacAddress":"m","Aliases":null}}}})";
        auto r = parseContainerInspect(json, QStringLiteral("vm1"));
        QVERIFY_RESULT(r);
        const ContainerDetail &d = *r;
        QCOMPARE(d.summary.name, QStringLiteral("db"));
        QCOMPARE(d.summary.state, ContainerState::Exited);
        QCOMPARE(d.summary.command, QStringLiteral("sh -c x"));
        QCOMPARE(d.exitCode.value_or(-1), 3);
        QCOMPARE(d.restartCount, 4);
        QCOMPARE(d.restartPolicy, QStringLiteral("on-failure:5"));
        QCOMPARE(d.health.status, QStringLiteral("unhealthy"));
        QCOMPARE(d.health.lastOutput, QStringLiteral("boom"));
        QVERIFY(d.startedAt.isValid() && d.finishedAt.isValid());
        QCOMPARE(d.mounts.size(), 1);
        QVERIFY(!d.mounts[0].readWrite);
        QCOMPARE(d.networks.size(), 1);
        QCOMPARE(d.networks[0].ipAddress, QStringLiteral("172.17.0.2"));
        QCOMPARE(d.summary.ports.size(), 1);
        QCOMPARE(d.summary.ports[0].hostPort, 8080);
        QCOMPARE(d.env.size(), 2);
        QVERIFY(d.env[0].masked);
        QVERIFY(!d.env[0].value.contains(QStringLiteral("s3cret")));
        QCOMPARE(d.env[1].value, QStringLiteral("x"));
        QVERIFY(d.tty);
        auto v = envValueFromInspect(json, QStringLiteral("DB_PASSWORD"));
        QVERIFY_RESULT(v);
        QCOMPARE(*v, QStringLiteral("s3cret"));
        QVERIFY_RESULT_ERROR(envValueFromInspect(json, QStringLiteral("NOPE")), QStringLiteral("NOPE"));
    }

    void statsJson()
    {
        const QByteArray json = R"({"read":"2026-01-01T00:00:00Z","id":"abc",
          "cpu_stats":{"cpu_usage":{"total_usage":2000},"system_cpu_usage":20000,"online_cpus":2},
          "precpu_stats":{"cpu_usage":{"total_usage":1000},"system_cpu_usage":10000},
          "memory_stats":{"usage":1000,"limit":4000,"stats":{"inactive_file":200}},
          "networks":{"eth0":{"rx_bytes":5,"tx_bytes":6}},
          "blkio_stats":{"io_service_bytes_recursive":[{"op":"read","value":7},{"op":"write","value":8}]},
          "pids_stats":{"current":3}})";
        auto r = parseStats(json);
        QVERIFY_RESULT(r);
        QCOMPARE(r->cpuPercent.value_or(-1), 20.0);
        QCOMPARE(r->memoryBytes.value_or(-1), 800);
        QCOMPARE(r->memoryPercent.value_or(-1), 20.0);
        QCOMPARE(r->networkRxBytes.value_or(-1), 5);
        QCOMPARE(r->blockWriteBytes.value_or(-1), 8);
        QCOMPARE(r->pids.value_or(-1), 3);
        // one-shot: no precpu, no CPU percent
        auto one = parseStats(R"({"id":"x","cpu_stats":{"cpu_usage":{"total_usage":5}},"precpu_stats":{}})");
        QVERIFY_RESULT(one);
        QVERIFY(!one->cpuPercent.has_value());
    }

    // Podman's compatible API names the container "Id" (Docker: "id").
    void podmanStatsCarryTheId()
    {
        auto s = parseStats(R"({"read":"2026-12-07T23:08:49.500857883Z","pids_stats":{"current":1},)"
                            R"("memory_stats":{"usage":356352,"limit":25276182528},"name":"fx-running",)"
                            R"("Id":"9f219e2468edd83df07f6c45bb80cf02efc684cdeb30f4ffac10eee33282f2d5"})");
        QVERIFY_RESULT(s);
        QCOMPARE(s->containerId, QStringLiteral("9f219e2468edd83df07f6c45bb80cf02efc684cdeb30f4ffac10eee33282f2d5"));
        QCOMPARE(s->pids.value_or(-1), 1);
    }
};

QTEST_GUILESS_MAIN(TestApiUnit)
#include "tst_api_unit.moc"
