// Parsers of docker CLI output: real shapes (captured from the fixture dockerd), odd names,
// empty fields, warnings mixed in, garbage. They must give rows, skip, or a clear error - never
// crash.
#include "TestSupport.h"
#include "docker/sshcli/DockerCliParsers.h"
#include "tst_sshcli_parsers_data.h"

#include <QTest>

using namespace archnest;
using namespace archnest::sshcli;

class TestSshcliParsers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void psRows()
    {
        const QByteArray out = kPsTwoRows;
        QStringList warnings;
        const auto r = parsePsOutput(out, QStringLiteral("h1"), &warnings);
        QVERIFY_RESULT(r);
        QCOMPARE(r->size(), 2);
        QVERIFY(warnings.isEmpty());
        const ContainerSummary &p = r->at(0);
        QCOMPARE(p.hostName, QStringLiteral("h1"));
        QCOMPARE(p.name, QStringLiteral("fx-paused"));
        QCOMPARE(p.state, ContainerState::Paused);
        QCOMPARE(p.status, QStringLiteral("Up 56 seconds (Paused)"));
        QCOMPARE(p.created, QDateTime(QDate(2026, 11, 27), QTime(2, 4, 51), Qt::UTC));
        QCOMPARE(p.labels.value(QStringLiteral("archnest.test")), QStringLiteral("1"));
        const ContainerSummary &q = r->at(1);
        QCOMPARE(q.command, QStringLiteral("\"sh -c 'a\tb'\""));
        QCOMPARE(q.created, QDateTime(QDate(2026, 11, 27), QTime(2, 4, 51), Qt::UTC));
        QCOMPARE(q.ports.size(), 3);
        QCOMPARE(q.ports.at(0).hostIp, QStringLiteral("0.0.0.0"));
        QCOMPARE(q.ports.at(0).hostPort, 8080);
        QCOMPARE(q.ports.at(0).containerPort, 80);
        QCOMPARE(q.ports.at(0).protocol, QStringLiteral("tcp"));
        QCOMPARE(q.ports.at(0).display(), QStringLiteral("0.0.0.0:8080->80/tcp"));
        QCOMPARE(q.ports.at(1).hostIp, QStringLiteral("::"));
        QCOMPARE(q.ports.at(2).containerPort, 5353);
        QCOMPARE(q.ports.at(2).protocol, QStringLiteral("udp"));
        QCOMPARE(q.labels.value(QStringLiteral("b")), QStringLiteral("x,y"));
        QCOMPARE(q.labels.value(QStringLiteral("c")), QString());
    }

    void psSurvivesOddInput_data()
    {
        QTest::addColumn<QByteArray>("out");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("warnings");
        QTest::addColumn<bool>("ok");
        const QByteArray good = R"({"id":"abc","names":"x"})";
        QTest::newRow("empty output") << QByteArray() << 0 << 0 << true;
        QTest::newRow("blank lines") << QByteArray("\n\r\n  \n") << 0 << 0 << true;
        QTest::newRow("warning before rows") << QByteArray("WARNING: something\n" + good + "\n") << 1 << 1 << true;
        QTest::newRow("crlf") << QByteArray(good + "\r\n" + good + "\r\n") << 2 << 0 << true;
        QTest::newRow("only garbage") << QByteArray("permission denied while trying to connect\n") << 0 << 1 << false;
        QTest::newRow("truncated json") << QByteArray(good + "\n{\"id\":\"de") << 1 << 1 << true;
        QTest::newRow("missing id") << QByteArray(R"({"names":"x"})"
                                                  "\n" +
                                                  good)
                                    << 1 << 1 << true;
        QTest::newRow("wrong types") << QByteArray(R"({"id":"a","names":5,"ports":[1],"labels":{},"created":7})") << 1
                                     << 0 << true;
        QTest::newRow("json array line") << QByteArray("[1,2]\n") << 0 << 1 << false;
        QTest::newRow("binary") << QByteArray("\x00\xff\xfe{\x01", 5) << 0 << 1 << false;
        QTest::newRow("unicode name") << QByteArray(R"({"id":"a","names":"caf\u00e9 \ud83d\ude00"})") << 1 << 0 << true;
    }
    void psSurvivesOddInput()
    {
        QFETCH(QByteArray, out);
        QFETCH(int, rows);
        QFETCH(int, warnings);
        QFETCH(bool, ok);
        QStringList w;
        const auto r = parsePsOutput(out, QStringLiteral("h1"), &w);
        QCOMPARE(r.ok(), ok);
        QCOMPARE(w.size(), warnings);
        if (ok)
            QCOMPARE(r->size(), rows);
        else
            QVERIFY(r.errorMessage().contains(QLatin1String("docker ps on h1")));
    }

    void inspectRunning()
    {
        const auto r = parseInspectOutput(kInspectRunning, QStringLiteral("h1"));
        QVERIFY_RESULT(r);
        QCOMPARE(r->size(), 1);
        const ContainerDetail &d = r->at(0);
        QCOMPARE(d.summary.name, QStringLiteral("fx-running"));
        QCOMPARE(d.summary.id.size(), 64);
        QCOMPARE(d.summary.image, QStringLiteral("archnest-test/busybox:1"));
        QCOMPARE(d.summary.command, QStringLiteral("sleep 100000"));
        QCOMPARE(d.summary.state, ContainerState::Running);
        QCOMPARE(d.summary.created, QDateTime(QDate(2026, 11, 27), QTime(2, 4, 51, 202), Qt::UTC));
        QCOMPARE(d.summary.labels.value(QStringLiteral("com.example.team")), QStringLiteral("ops"));
        QCOMPARE(d.summary.ports.size(), 2); // exposed only
        QCOMPARE(d.imageId.left(7), QStringLiteral("sha256:"));
        QCOMPARE(d.platform, QStringLiteral("linux"));
        QCOMPARE(d.hostname, QStringLiteral("a4cba8832ad7"));
        QCOMPARE(d.cmd, (QStringList{QStringLiteral("sleep"), QStringLiteral("100000")}));
        QVERIFY(d.entrypoint.isEmpty());
        QCOMPARE(d.restartPolicy, QStringLiteral("no"));
        QCOMPARE(d.pid, 18800);
        QVERIFY(!d.exitCode.has_value());
        QVERIFY(d.startedAt.isValid());
        QVERIFY2(!d.finishedAt.isValid(), "docker's zero time means never");
        QCOMPARE(d.networks.size(), 1);
        QCOMPARE(d.networks.at(0).name, QStringLiteral("none"));
        QCOMPARE(d.mounts.size(), 2);
        QCOMPARE(d.mounts.at(0).type, QStringLiteral("bind"));
        QVERIFY(!d.mounts.at(0).readWrite);
        QCOMPARE(d.mounts.at(1).name, QStringLiteral("fx-volume"));
        QCOMPARE(d.env.size(), 4);
        QCOMPARE(d.env.at(0).key, QStringLiteral("DB_PASSWORD"));
        QVERIFY(d.env.at(0).masked);
        QVERIFY(!d.env.at(0).value.contains(QLatin1String("fx-secret")));
        QVERIFY(d.env.at(1).masked);
        QCOMPARE(d.env.at(2).value, QStringLiteral("test"));
        QVERIFY(!d.env.at(2).masked);
    }

    void inspectExitedWithHealth()
    {
        const auto r = parseInspectOutput(kInspectExited, QStringLiteral("h1"));
        QVERIFY_RESULT(r);
        const ContainerDetail &d = r->at(0);
        QCOMPARE(d.summary.name, QStringLiteral("db-1"));
        QCOMPARE(d.summary.state, ContainerState::Exited);
        QCOMPARE(d.exitCode, std::optional<int>(137));
        QVERIFY(d.oomKilled);
        QCOMPARE(d.restartCount, 4);
        QCOMPARE(d.health.status, QStringLiteral("unhealthy"));
        QCOMPARE(d.health.failingStreak, 3);
        QCOMPARE(d.health.lastOutput, QStringLiteral("connection refused"));
        QCOMPARE(d.startedAt, QDateTime(QDate(2026, 1, 1), QTime(0, 0, 1, 500), Qt::UTC));
        QCOMPARE(d.finishedAt, QDateTime(QDate(2025, 12, 31), QTime(23, 0, 0), Qt::UTC));
        QCOMPARE(d.restartPolicy, QStringLiteral("on-failure"));
        QVERIFY(d.tty);
        QCOMPARE(d.user, QStringLiteral("999"));
        QCOMPARE(d.entrypoint, QStringList{QStringLiteral("/entry.sh")});
        QCOMPARE(d.summary.ports.size(), 3);
        QCOMPARE(d.summary.ports.at(0).hostPort, 15432);
        QCOMPARE(d.summary.ports.at(2).protocol, QStringLiteral("udp"));
        QCOMPARE(d.summary.ports.at(2).hostPort, 0);
        QCOMPARE(d.networks.at(0).ipAddress, QStringLiteral("172.17.0.2"));
        QCOMPARE(d.networks.at(0).aliases.size(), 2);
        QVERIFY(d.env.isEmpty());
        QVERIFY(d.mounts.isEmpty());
        QVERIFY(d.summary.status.contains(QLatin1String("137")));
    }

    void inspectErrors_data()
    {
        QTest::addColumn<QByteArray>("out");
        QTest::addColumn<QString>("needle");
        QTest::addColumn<int>("count"); // -1: an error
        QTest::newRow("empty array") << QByteArray("[]\n") << QString() << 0;
        QTest::newRow("empty output") << QByteArray() << QStringLiteral("docker inspect on h1") << -1;
        QTest::newRow("object") << QByteArray("{}") << QStringLiteral("not a JSON array") << -1;
        QTest::newRow("truncated") << QByteArray("[{\"Id\":\"a\"") << QStringLiteral("invalid JSON") << -1;
        QTest::newRow("no ids") << QByteArray("[1, {}, \"x\"]") << QStringLiteral("no container") << -1;
        QTest::newRow("one bad one good")
            << QByteArray("[1, {\"Id\":\"a\",\"State\":7,\"Config\":[]}]") << QString() << 1;
        QTest::newRow("html") << QByteArray("<html>") << QStringLiteral("invalid JSON") << -1;
    }
    void inspectErrors()
    {
        QFETCH(QByteArray, out);
        QFETCH(QString, needle);
        QFETCH(int, count);
        const auto r = parseInspectOutput(out, QStringLiteral("h1"));
        if (count < 0) {
            QVERIFY_RESULT_ERROR(r, needle);
        } else {
            QVERIFY_RESULT(r);
            QCOMPARE(r->size(), count);
        }
    }

    void sizes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("bytes"); // -1: unparseable
        QTest::newRow("0B") << QStringLiteral("0B") << qint64(0);
        QTest::newRow("kB") << QStringLiteral("1.5kB") << qint64(1500);
        QTest::newRow("KiB") << QStringLiteral("304KiB") << qint64(304 * 1024);
        QTest::newRow("MiB") << QStringLiteral("1.5MiB") << qint64(1572864);
        QTest::newRow("GiB") << QStringLiteral("23.54GiB") << qint64(25275882537);
        QTest::newRow("MB") << QStringLiteral("12MB") << qint64(12000000);
        QTest::newRow("spaces") << QStringLiteral(" 3 B ") << qint64(3);
        QTest::newRow("dashes") << QStringLiteral("--") << qint64(-1);
        QTest::newRow("empty") << QString() << qint64(-1);
        QTest::newRow("huge") << QStringLiteral("99999999999PiB") << qint64(-1);
        QTest::newRow("negative") << QStringLiteral("-1B") << qint64(-1);
    }
    void sizes()
    {
        QFETCH(QString, text);
        QFETCH(qint64, bytes);
        const auto v = parseByteSize(text);
        if (bytes < 0)
            QVERIFY(!v.has_value());
        else
            QCOMPARE(v.value_or(-1), bytes);
    }

    void stats()
    {
        const QByteArray out = kStatsLines;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QStringList w;
        const auto r = parseStatsOutput(out, now, &w);
        QVERIFY_RESULT(r);
        QCOMPARE(r->size(), 2);
        QCOMPARE(w.size(), 1);
        const StatsSample &s = r->at(0);
        QCOMPARE(s.containerId, QStringLiteral("a4cb"));
        QCOMPARE(s.takenAt, now);
        QCOMPARE(s.cpuPercent.value_or(-1), 0.15);
        QCOMPARE(s.memoryBytes.value_or(-1), qint64(304 * 1024));
        QCOMPARE(s.networkRxBytes.value_or(-1), qint64(1200));
        QCOMPARE(s.blockWriteBytes.value_or(-1), qint64(4100000));
        QCOMPARE(s.pids.value_or(-1), 1);
        const StatsSample &d = r->at(1);
        QVERIFY(!d.cpuPercent && !d.memoryBytes && !d.memoryLimitBytes && !d.pids);
        QVERIFY_RESULT_ERROR(parseStatsOutput("Error: no such container\n", now), QStringLiteral("docker stats"));
    }

    void statsStreamFrames()
    {
        StatsStreamParser p;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const QByteArray line = R"({"id":"a","cpu":"1.00%","mem":"1MiB / 2MiB","pids":"2"})";
        // A frame arrives in pieces, with the clear-screen codes docker writes between frames.
        QList<StatsSample> got = p.feed("\x1b[2J\x1b[H" + line.left(10), now);
        QVERIFY(got.isEmpty());
        got = p.feed(line.mid(10) + "\n" + line + "\n\x1b[2J\x1b[Hgarbage\n", now);
        QCOMPARE(got.size(), 2);
        QCOMPARE(got.at(0).memoryLimitBytes.value_or(0), qint64(2 * 1024 * 1024));
        QCOMPARE(p.droppedLines(), 1);
        // An endless line is dropped rather than buffered forever.
        got = p.feed(QByteArray(kMaxLineBytes + 10, 'x'), now);
        QVERIFY(got.isEmpty());
        QCOMPARE(p.droppedLines(), 2);
        QCOMPARE(p.feed(line + "\n", now).size(), 1);
    }

    void env()
    {
        QCOMPARE(*parseEnvOutput("[\"A=1\",\"B=x=y\"]\n"),
                 (QStringList{QStringLiteral("A=1"), QStringLiteral("B=x=y")}));
        QVERIFY(parseEnvOutput("null\n")->isEmpty());
        QVERIFY_RESULT_ERROR(parseEnvOutput("oops"), QStringLiteral("not a JSON array"));
    }

    void times_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime t(QDate(2026, 11, 27), QTime(2, 4, 51), Qt::UTC);
        QTest::newRow("ps utc") << QStringLiteral("2026-11-27 02:04:51 +0000 UTC") << t;
        QTest::newRow("ps offset") << QStringLiteral("2026-11-26 21:04:51 -0500 EST") << t;
        QTest::newRow("rfc nano") << QStringLiteral("2026-11-27T02:04:51.000000009Z") << t;
        QTest::newRow("rfc offset") << QStringLiteral("2026-11-27T03:04:51+01:00") << t;
        QTest::newRow("garbage") << QStringLiteral("yesterday") << QDateTime();
        QTest::newRow("empty") << QString() << QDateTime();
        QTest::newRow("bad date") << QStringLiteral("2026-13-45 99:99:99 +0000 UTC") << QDateTime();
    }
    void times()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        QCOMPARE(parseDockerTime(text), expected);
    }

    // What Podman 4.3 prints for the same formats (captured from `podman ps` / `podman stats`):
    // labels as a JSON object, PIDs as a number, nanoseconds in CreatedAt.
    void podmanRowsAndStats()
    {
        const QByteArray ps =
            R"({"id":"83b90b7cdb96d7df5ceeaeb7107349b2d9128699ef78c47d35045d3a3281c5c0","names":"fx-running",)"
            R"("image":"localhost/archnest-test/busybox:1","command":"sleep 100000",)"
            R"("created":"2026-12-07 23:06:30.508525054 +0000 UTC","state":"running","status":"Up 3 seconds ago",)"
            R"("ports":"","labels":{"archnest.test":"1","com.example.team":"ops"}})";
        const auto rows = parsePsOutput(ps, QStringLiteral("pm"));
        QVERIFY_RESULT(rows);
        QCOMPARE(rows->size(), 1);
        QCOMPARE(rows->at(0).state, ContainerState::Running);
        QCOMPARE(rows->at(0).labels.value(QStringLiteral("com.example.team")), QStringLiteral("ops"));
        QCOMPARE(rows->at(0).created, QDateTime(QDate(2026, 12, 7), QTime(23, 6, 30), Qt::UTC));
        const QByteArray stats =
            R"({"id":"83b90b7cdb96","name":"fx-running","cpu":"0.12%","mem":"348.2kB / 25.28GB","memPerc":"0.00%",)"
            R"("net":"0B / 0B","block":"0B / 0B","pids":1})";
        const auto samples = parseStatsOutput(stats, QDateTime::currentDateTimeUtc());
        QVERIFY_RESULT(samples);
        QCOMPARE(samples->at(0).pids.value_or(-1), 1);
        QCOMPARE(samples->at(0).memoryBytes.value_or(-1), 348200);
    }

    void engineProbe_data()
    {
        QTest::addColumn<QByteArray>("out");
        QTest::addColumn<ContainerEngine>("engine");
        QTest::newRow("docker") << QByteArray("Docker version 20.10.24+dfsg1, build 297e128\n")
                                << ContainerEngine::Docker;
        QTest::newRow("podman") << QByteArray("podman version 4.3.1\n") << ContainerEngine::Podman;
        QTest::newRow("podman-docker warning first")
            << QByteArray("podman version 4.3.1\nEmulate Docker CLI using podman.\n") << ContainerEngine::Podman;
        QTest::newRow("other") << QByteArray("nerdctl version 1.0\n") << ContainerEngine::Unknown;
        QTest::newRow("empty") << QByteArray() << ContainerEngine::Unknown;
    }
    void engineProbe()
    {
        QFETCH(QByteArray, out);
        QFETCH(ContainerEngine, engine);
        QCOMPARE(parseEngineProbe(out), engine);
    }
};

QTEST_GUILESS_MAIN(TestSshcliParsers)
#include "tst_sshcli_parsers.moc"
