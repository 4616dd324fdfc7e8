// The one `docker inspect` mapping both sources use: the SSH source (a `docker inspect` array)
// and the API source (GET /containers/{id}/json) must give the same ContainerDetail for the
// same object.
#include "TestSupport.h"
#include "docker/InspectJson.h"
#include "docker/api/DockerApiJson.h"
#include "docker/sshcli/DockerCliParsers.h"

#include <QJsonDocument>
#include <QTest>

using namespace archnest;

namespace {

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QStringList portTexts(const QList<PortMapping> &ports)
{
    QStringList out;
    for (const PortMapping &p : ports)
        out << p.display();
    return out;
}

} // namespace

class TestInspectJson final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mapping_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("exitCode"); // -1: none
        QTest::addColumn<QString>("restartPolicy");
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("ports");
        QTest::addColumn<bool>("finished");

        QTest::newRow("running healthy")
            << QByteArray(R"({"Id":"a","Path":"sleep","Args":["9"],"State":{"Status":"running","ExitCode":0,
                 "FinishedAt":"0001-01-01T00:00:00Z","Health":{"Status":"healthy"}},
                 "HostConfig":{"RestartPolicy":{"Name":"always","MaximumRetryCount":0}}})")
            << QStringLiteral("Up (healthy)") << -1 << QStringLiteral("always") << QStringLiteral("sleep 9")
            << QStringList() << false;
        QTest::newRow("paused, no policy")
            << QByteArray(R"({"Id":"a","Path":"sh","State":{"Status":"paused","ExitCode":0}})")
            << QStringLiteral("Up (Paused)") << -1 << QStringLiteral("no") << QStringLiteral("sh") << QStringList()
            << false;
        QTest::newRow("exited, on-failure with retries")
            << QByteArray(R"({"Id":"a","Path":"","Args":["a","b"],"State":{"Status":"exited","ExitCode":3,
                 "FinishedAt":"2026-01-01T00:00:02.123456789+01:00"},
                 "HostConfig":{"RestartPolicy":{"Name":"on-failure","MaximumRetryCount":5}}})")
            << QStringLiteral("Exited (3)") << 3 << QStringLiteral("on-failure:5") << QStringLiteral("a b")
            << QStringList() << true;
        QTest::newRow("created, failed to start")
            << QByteArray(R"({"Id":"a","State":{"Status":"created","ExitCode":127,"Error":"no such file"}})")
            << QStringLiteral("Created") << 127 << QStringLiteral("no") << QString() << QStringList() << false;
        QTest::newRow("created, never started")
            << QByteArray(R"({"Id":"a","State":{"Status":"created","ExitCode":0}})") << QStringLiteral("Created") << -1
            << QStringLiteral("no") << QString() << QStringList() << false;
        QTest::newRow("dead") << QByteArray(R"({"Id":"a","State":{"Status":"dead","ExitCode":1}})")
                              << QStringLiteral("Dead") << 1 << QStringLiteral("no") << QString() << QStringList()
                              << false;
        QTest::newRow("published, exposed-only and bare ports")
            << QByteArray(R"({"Id":"a","State":{"Status":"running"},
                 "Config":{"ExposedPorts":{"53/udp":{},"80/tcp":{},"9000":{}}},
                 "NetworkSettings":{"Ports":{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"},
                                                      {"HostIp":"::","HostPort":"8080"}],"443/tcp":null}}})")
            << QStringLiteral("Up") << -1 << QStringLiteral("no") << QString()
            << QStringList{QStringLiteral("443/tcp"), QStringLiteral("53/udp"), QStringLiteral("0.0.0.0:8080->80/tcp"),
                           QStringLiteral("[::]:8080->80/tcp"), QStringLiteral("9000/tcp")}
            << false;
        QTest::newRow("wrong types") << QByteArray(R"({"Id":"a","State":7,"Config":[],"Args":{},"Mounts":"x"})")
                                     << QString() << -1 << QStringLiteral("no") << QString() << QStringList() << false;
    }
    void mapping()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, status);
        QFETCH(int, exitCode);
        QFETCH(QString, restartPolicy);
        QFETCH(QString, command);
        QFETCH(QStringList, ports);
        QFETCH(bool, finished);

        const ContainerDetail d = dockerjson::containerDetailFromInspect(object(json), QStringLiteral("vm1"));
        QCOMPARE(d.summary.hostName, QStringLiteral("vm1"));
        QCOMPARE(d.summary.status, status);
        QCOMPARE(d.exitCode.value_or(-1), exitCode);
        QCOMPARE(d.exitCode.has_value(), exitCode >= 0);
        QCOMPARE(d.restartPolicy, restartPolicy);
        QCOMPARE(d.summary.command, command);
        QCOMPARE(portTexts(d.summary.ports), ports);
        QCOMPARE(d.finishedAt.isValid(), finished);
        QCOMPARE(d.unknownFields, QStringList{QStringLiteral("stats")});

        // Both sources give the same detail: the API parses one object, the CLI an array of them.
        const auto api = dockerapi::parseContainerInspect(json, QStringLiteral("vm1"));
        QVERIFY_RESULT(api);
        const auto cli = sshcli::parseInspectOutput("[" + json + "]", QStringLiteral("vm1"));
        QVERIFY_RESULT(cli);
        QCOMPARE(cli->size(), 1);
        for (const ContainerDetail &other : {*api, cli->first()}) {
            QCOMPARE(other.summary.status, d.summary.status);
            QCOMPARE(other.exitCode, d.exitCode);
            QCOMPARE(other.restartPolicy, d.restartPolicy);
            QCOMPARE(other.summary.command, d.summary.command);
            QCOMPARE(portTexts(other.summary.ports), ports);
            QCOMPARE(other.finishedAt, d.finishedAt);
        }
    }

    void envIsMasked()
    {
        const ContainerDetail d = dockerjson::containerDetailFromInspect(
            object(R"({"Id":"a","Config":{"Env":["API_TOKEN=t0k3n","MODE=prod","EMPTY="]}})"), QString());
        QCOMPARE(d.env.size(), 3);
        QCOMPARE(d.env.at(0).key, QStringLiteral("API_TOKEN"));
        QVERIFY(d.env.at(0).masked);
        QVERIFY(!d.env.at(0).value.contains(QLatin1String("t0k3n")));
        QCOMPARE(d.env.at(1).value, QStringLiteral("prod"));
        QVERIFY(!d.env.at(1).masked);
    }

    void times_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime t(QDate(2026, 11, 27), QTime(2, 4, 51), Qt::UTC);
        QTest::newRow("rfc") << QStringLiteral("2026-11-27T02:04:51Z") << t;
        QTest::newRow("rfc nano") << QStringLiteral("2026-11-27T02:04:51.123456789Z") << t.addMSecs(123);
        QTest::newRow("rfc short fraction") << QStringLiteral("2026-11-27T02:04:51.5Z") << t.addMSecs(500);
        QTest::newRow("rfc offset") << QStringLiteral("2026-11-27T03:04:51+01:00") << t;
        QTest::newRow("ps") << QStringLiteral("2026-11-26 21:04:51 -0500 EST") << t;
        QTest::newRow("padded") << QStringLiteral(" 2026-11-27T02:04:51Z\n") << t;
        QTest::newRow("zero time") << QStringLiteral("0001-01-01T00:00:00Z") << QDateTime();
        QTest::newRow("zero time, offset") << QStringLiteral("0001-01-01T00:00:00+01:00") << QDateTime();
        QTest::newRow("zero time, ps") << QStringLiteral("0001-01-01 00:00:00 +0000 UTC") << QDateTime();
        QTest::newRow("empty") << QString() << QDateTime();
        QTest::newRow("garbage") << QStringLiteral("yesterday") << QDateTime();
        QTest::newRow("bad date") << QStringLiteral("2026-13-45T99:99:99Z") << QDateTime();
    }
    void times()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        QCOMPARE(dockerjson::parseDockerTime(text), expected);
        QCOMPARE(dockerapi::parseDockerTime(text), expected);
        QCOMPARE(sshcli::parseDockerTime(text), expected);
    }

    void helpers()
    {
        QCOMPARE(dockerjson::stringList(QJsonValue(QStringLiteral("x"))), QStringList{QStringLiteral("x")});
        QCOMPARE(dockerjson::stringList(QJsonValue()), QStringList());
        QCOMPARE(dockerjson::stringList(QJsonValue(7)), QStringList());
        QCOMPARE(dockerjson::stringMap(object(R"({"m":{"a":"1","b":2}})").value(QLatin1String("m")))
                     .value(QStringLiteral("a")),
                 QStringLiteral("1"));
        QVERIFY(dockerjson::stringMap(QJsonValue(QStringLiteral("x"))).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestInspectJson)
#include "tst_inspect_json.moc"
