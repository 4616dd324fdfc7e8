// The real agent script against the real dockerd fixture, posting into the real receiver on
// 127.0.0.1 with a real SQLite store: the stored report matches the containers, secrets never
// reach the database, and each failure mode exits with its code and message.
#include "AgentReceiver.h"
#include "Fixtures.h"
#include "TestSupport.h"
#include "docker/agent/AgentContainerSource.h"
#include "receiver_support.h"
#include "store/AgentReportStore.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace archnest;
using archnest::test::Fixtures;

namespace {
const QByteArray kToken = "e2e-ingest-token-42424242";
const char kSecret1[] = "fx-secret-value-1234";
const char kSecret2[] = "fx-token-5678";
} // namespace

class TestAgentEndToEnd final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::AgentReportStore> m_store;
    std::unique_ptr<receiver::AgentReceiver> m_receiver;
    QString m_script;

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    // Runs the script asynchronously (the receiver shares this thread) with a clean environment.
    Run runAgent(const QStringList &env, const QStringList &args = {})
    {
        QProcess p;
        QProcessEnvironment e;
        e.insert(QStringLiteral("PATH"), qEnvironmentVariable("PATH"));
        e.insert(QStringLiteral("HOME"), m_dir.path());
        e.insert(QStringLiteral("ARCHNEST_AGENT_CONFIG"), m_dir.filePath(QStringLiteral("absent.env")));
        e.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix://") + Fixtures::instance().dockerSocket());
        for (const QString &kv : env)
            e.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
        p.setProcessEnvironment(e);
        p.start(QStringLiteral("bash"), QStringList{m_script} + args);
        Run r;
        if (!p.waitForStarted(10000))
            return r;
        (void)QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 90000);
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished(5000);
            return r;
        }
        r.exitCode = p.exitCode();
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    QStringList goodEnv(const QString &hostId) const
    {
        return {QStringLiteral("ARCHNEST_URL=http://127.0.0.1:%1").arg(m_receiver->port()),
                QStringLiteral("ARCHNEST_AGENT_TOKEN=") + QString::fromLatin1(kToken),
                QStringLiteral("ARCHNEST_HOST_ID=") + hostId, QStringLiteral("ARCHNEST_HOSTNAME=e2e-box")};
    }

    QJsonObject storedReport(const QString &hostId)
    {
        auto rec = m_store->latestReport(hostId);
        if (!rec || !rec->has_value())
            return {};
        return QJsonDocument::fromJson((*rec)->report).object();
    }

    static QJsonObject containerNamed(const QJsonObject &report, const QString &name)
    {
        for (const QJsonValue &v : report.value(QStringLiteral("containers")).toArray()) {
            if (v[QStringLiteral("name")].toString() == name)
                return v.toObject();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DOCKER_SOCK");
        QVERIFY(m_dir.isValid());
        m_script =
            qEnvironmentVariable("ARCHNEST_SOURCE_DIR") + QStringLiteral("/resources/agent/archnest-docker-agent.sh");
        auto s = store::AgentReportStore::open(
            store::DatabaseLocation::sqlite(m_dir.filePath(QStringLiteral("data/archnest.sqlite"))),
            QStringLiteral("tst-agent-e2e"));
        QVERIFY_RESULT(s);
        m_store = std::move(s).value();
        receiver::ReceiverConfig c;
        c.ingestToken = kToken;
        m_receiver = std::make_unique<receiver::AgentReceiver>(c, m_store.get());
        QVERIFY_RESULT(m_receiver->start());
    }

    void cleanupTestCase()
    {
        m_receiver.reset();
        m_store.reset();
    }

    void reportMatchesTheContainers()
    {
        const Run r = runAgent(goodEnv(QStringLiteral("e2e-host")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QRegularExpression line(
            QStringLiteral("^reported (\\d+) container\\(s\\) as 'e2e-host' \\(HTTP 200\\)\\n$"));
        const auto m = line.match(QString::fromUtf8(r.out));
        QVERIFY2(m.hasMatch(), r.out.constData());

        const QJsonObject report = storedReport(QStringLiteral("e2e-host"));
        QCOMPARE(report.value(QStringLiteral("schemaVersion")).toInt(), 1);
        QCOMPARE(report.value(QStringLiteral("hostname")).toString(), QStringLiteral("e2e-box"));
        QCOMPARE(report.value(QStringLiteral("containers")).toArray().size(), m.captured(1).toInt());
        QCOMPARE((*m_store->latestReport(QStringLiteral("e2e-host")))->containerCount, m.captured(1).toInt());

        // Compare with what the daemon itself says.
        for (const char *name : {"fx-running", "fx-stopped", "fx-paused"}) {
            const auto inspect =
                Fixtures::instance().docker({QStringLiteral("inspect"), QStringLiteral("-f"),
                                             QStringLiteral("{{.Id}} {{.State.Status}}"), QString::fromLatin1(name)});
            QCOMPARE(inspect.exitCode, 0);
            const QStringList parts = QString::fromUtf8(inspect.out).trimmed().split(QLatin1Char(' '));
            const QJsonObject c = containerNamed(report, QString::fromLatin1(name));
            QVERIFY2(!c.isEmpty(), name);
            QCOMPARE(c.value(QStringLiteral("id")).toString(), parts.at(0));
            QCOMPARE(c.value(QStringLiteral("state")).toString(), parts.at(1));
            QCOMPARE(c.value(QStringLiteral("labels"))[QStringLiteral("archnest.test")].toString(),
                     QStringLiteral("1"));
        }
        const QJsonObject running = containerNamed(report, QStringLiteral("fx-running"));
        QCOMPARE(running.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
        QVERIFY(running.value(QStringLiteral("status")).toString().startsWith(QStringLiteral("Up")));
        QCOMPARE(running.value(QStringLiteral("labels"))[QStringLiteral("com.example.team")].toString(),
                 QStringLiteral("ops"));
        QStringList ports;
        for (const QJsonValue &p : running.value(QStringLiteral("ports")).toArray())
            ports << QStringLiteral("%1/%2")
                         .arg(p[QStringLiteral("containerPort")].toInt())
                         .arg(p[QStringLiteral("protocol")].toString());
        ports.sort();
        QCOMPARE(ports, (QStringList{QStringLiteral("5353/udp"), QStringLiteral("8080/tcp")}));
        QHash<QString, QJsonObject> mounts;
        for (const QJsonValue &v : running.value(QStringLiteral("mounts")).toArray())
            mounts.insert(v[QStringLiteral("destination")].toString(), v.toObject());
        QCOMPARE(mounts.size(), 2);
        QCOMPARE(mounts[QStringLiteral("/data")][QStringLiteral("type")].toString(), QStringLiteral("bind"));
        QCOMPARE(mounts[QStringLiteral("/data")][QStringLiteral("readWrite")].toBool(), false);
        QCOMPARE(mounts[QStringLiteral("/data")][QStringLiteral("source")].toString(),
                 Fixtures::instance().value(QStringLiteral("ARCHNEST_FX_MOUNT_DIR")));
        QCOMPARE(mounts[QStringLiteral("/cache")][QStringLiteral("name")].toString(), QStringLiteral("fx-volume"));
        const QJsonObject stats = running.value(QStringLiteral("stats")).toObject();
        QVERIFY(stats.value(QStringLiteral("memoryBytes")).toDouble() > 0);
        QVERIFY(stats.value(QStringLiteral("memoryLimitBytes")).toDouble() > 0);
        QVERIFY(stats.value(QStringLiteral("cpuPercent")).isDouble());
        QVERIFY(stats.value(QStringLiteral("pids")).toInt() >= 1);
        QVERIFY(containerNamed(report, QStringLiteral("fx-stopped")).value(QStringLiteral("stats")).isNull());
        QCOMPARE(containerNamed(report, QStringLiteral("fx-stopped")).value(QStringLiteral("exitCode")).toInt(), 3);

        QHash<QString, QJsonObject> env;
        for (const QJsonValue &v : running.value(QStringLiteral("env")).toArray())
            env.insert(v[QStringLiteral("key")].toString(), v.toObject());
        QCOMPARE(env[QStringLiteral("DB_PASSWORD")][QStringLiteral("value")].toString(), QStringLiteral("********"));
        QCOMPARE(env[QStringLiteral("DB_PASSWORD")][QStringLiteral("masked")].toBool(), true);
        QCOMPARE(env[QStringLiteral("API_TOKEN")][QStringLiteral("value")].toString(), QStringLiteral("********"));
        QCOMPARE(env[QStringLiteral("APP_MODE")][QStringLiteral("value")].toString(), QStringLiteral("test"));
    }

    void secretsNeverReachTheDatabase()
    {
        QVERIFY(!storedReport(QStringLiteral("e2e-host")).isEmpty());
        // Every file of the store: the database, its WAL and shared-memory index.
        const QDir data(m_dir.filePath(QStringLiteral("data")));
        const QStringList files = data.entryList(QDir::Files);
        QVERIFY2(files.size() >= 2, qPrintable(files.join(QLatin1Char(','))));
        for (const QString &f : files) {
            QFile file(data.filePath(f));
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            QVERIFY2(!bytes.contains(kSecret1), qPrintable(f));
            QVERIFY2(!bytes.contains(kSecret2), qPrintable(f));
        }
    }

    void agentSourceReadsTheReport()
    {
        HostConfig host;
        host.name = QStringLiteral("e2e-host");
        host.kind = HostKind::Agent;
        AgentContainerSource source(host, m_store.get());
        std::optional<Result<QList<ContainerDetail>>> got;
        source.inspect({QStringLiteral("fx-running")}, [&](Result<QList<ContainerDetail>> r) { got = std::move(r); });
        QTRY_VERIFY(got.has_value());
        QVERIFY_RESULT(*got);
        const ContainerDetail &d = got->value().at(0);
        QCOMPARE(d.summary.state, ContainerState::Running);
        QVERIFY(d.summary.stats.has_value());
        QVERIFY(d.summary.created.isValid());
        QVERIFY(d.startedAt.isValid());
        QCOMPARE(source.status(), HostStatus::Connected);
    }

    void noStatsOption()
    {
        const Run r = runAgent(goodEnv(QStringLiteral("e2e-nostats")), {QStringLiteral("--no-stats")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject report = storedReport(QStringLiteral("e2e-nostats"));
        QCOMPARE(report.value(QStringLiteral("statsIncluded")).toBool(true), false);
        for (const QJsonValue &c : report.value(QStringLiteral("containers")).toArray())
            QVERIFY(c[QStringLiteral("stats")].isNull());
    }

    void configFileWorks()
    {
        const QString conf = m_dir.filePath(QStringLiteral("agent.env"));
        QFile f(conf);
        QVERIFY(f.open(QIODevice::WriteOnly));
        for (const QString &kv : goodEnv(QStringLiteral("e2e-conf")))
            f.write(kv.toUtf8() + '\n');
        f.close();
        const Run r =
            runAgent({QStringLiteral("ARCHNEST_AGENT_CONFIG=") + conf, QStringLiteral("ARCHNEST_AGENT_STATS=0")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("as 'e2e-conf' (HTTP 200)"));
    }

    // Issue 13, findings 6 and 7: a real container holding credentials in a URL, under *_PWD /
    // *AUTH* names, in --password=/--token arguments and a Traefik basic-auth label, plus a 70 kB
    // env value. The agent masks them itself (--dry-run shows what leaves the VM) and cuts the
    // huge value, so the receiver accepts the report (before: HTTP 400, exit 6).
    void secretsAndHugeValuesOfARealContainer()
    {
        const QString name = QStringLiteral("e2e-hygiene");
        const QByteArray secrets[] = {"S3cretPw",   "MyPwdSecret1", "AuthSecret2",          "LabelSecret3",
                                      "TopSecret4", "TokSecret5",   "IgXLP6ewTrSuBkTrqE8wj"};
        Fixtures::instance().docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
        struct Remove
        {
            QString name;
            ~Remove() { Fixtures::instance().docker({QStringLiteral("rm"), QStringLiteral("-f"), name}); }
        } remove{name};
        const auto created = Fixtures::instance().docker(
            {QStringLiteral("create"),
             QStringLiteral("--network"),
             QStringLiteral("none"),
             QStringLiteral("--name"),
             name,
             QStringLiteral("-e"),
             QStringLiteral("DATABASE_URL=postgres://app:S3cretPw@db:5432/app"),
             QStringLiteral("-e"),
             QStringLiteral("MYSQL_PWD=MyPwdSecret1"),
             QStringLiteral("-e"),
             QStringLiteral("API_AUTH=AuthSecret2"),
             QStringLiteral("-e"),
             QStringLiteral("BIG=") + QString(70 * 1024, QLatin1Char('x')),
             QStringLiteral("-l"),
             QStringLiteral(
                 "traefik.http.middlewares.auth.basicauth.users=admin:$apr1$H6uskkkW$IgXLP6ewTrSuBkTrqE8wj/"),
             QStringLiteral("-l"),
             QStringLiteral("backup.target=s3://backup:LabelSecret3@127.0.0.1/b"),
             QStringLiteral("archnest-test/busybox:1"),
             QStringLiteral("/bin/app"),
             QStringLiteral("--password=TopSecret4"),
             QStringLiteral("--token"),
             QStringLiteral("TokSecret5")});
        QVERIFY2(created.exitCode == 0, created.err.constData());

        const Run dry = runAgent(goodEnv(QStringLiteral("e2e-hygiene")), {QStringLiteral("--dry-run")});
        QVERIFY2(dry.exitCode == 0, dry.err.constData());
        for (const QByteArray &secret : secrets)
            QVERIFY2(!dry.out.contains(secret), secret.constData());
        QVERIFY(dry.out.contains("...[truncated]"));

        const Run r = runAgent(goodEnv(QStringLiteral("e2e-hygiene")), {QStringLiteral("--no-stats")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject c = containerNamed(storedReport(QStringLiteral("e2e-hygiene")), name);
        QVERIFY(!c.isEmpty());
        QHash<QString, QJsonObject> env;
        for (const QJsonValue &v : c.value(QStringLiteral("env")).toArray())
            env.insert(v[QStringLiteral("key")].toString(), v.toObject());
        QCOMPARE(env[QStringLiteral("DATABASE_URL")][QStringLiteral("value")].toString(),
                 QStringLiteral("postgres://app:********@db:5432/app"));
        QVERIFY(env[QStringLiteral("DATABASE_URL")][QStringLiteral("masked")].toBool());
        QCOMPARE(env[QStringLiteral("MYSQL_PWD")][QStringLiteral("value")].toString(), QStringLiteral("********"));
        QCOMPARE(env[QStringLiteral("API_AUTH")][QStringLiteral("value")].toString(), QStringLiteral("********"));
        const QString big = env[QStringLiteral("BIG")][QStringLiteral("value")].toString();
        QCOMPARE(big.size(), 8192);
        QVERIFY(big.endsWith(QStringLiteral("x...[truncated]")));
        QVERIFY(env[QStringLiteral("BIG")][QStringLiteral("truncated")].toBool());
        const QJsonObject labels = c.value(QStringLiteral("labels")).toObject();
        QCOMPARE(labels[QStringLiteral("traefik.http.middlewares.auth.basicauth.users")].toString(),
                 QStringLiteral("********"));
        QCOMPARE(labels[QStringLiteral("backup.target")].toString(),
                 QStringLiteral("s3://backup:********@127.0.0.1/b"));
        QCOMPARE(c.value(QStringLiteral("command")).toString(),
                 QStringLiteral("/bin/app --password=******** --token ********"));
        const QJsonArray cmd = c.value(QStringLiteral("cmd")).toArray();
        QCOMPARE(cmd.size(), 4);
        QCOMPARE(cmd.at(1).toString(), QStringLiteral("--password=********"));
        QCOMPARE(cmd.at(3).toString(), QStringLiteral("********"));
        const QByteArray stored = (*m_store->latestReport(QStringLiteral("e2e-hygiene")))->report;
        for (const QByteArray &secret : secrets)
            QVERIFY2(!stored.contains(secret), secret.constData());
    }

    void refusedToken()
    {
        QStringList env = goodEnv(QStringLiteral("e2e-host"));
        env << QStringLiteral("ARCHNEST_AGENT_TOKEN=not-the-token-123");
        const Run r = runAgent(env, {QStringLiteral("--no-stats")});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains("refused the token for 'e2e-host' (HTTP 401"), r.err.constData());
        QVERIFY(!r.err.contains("not-the-token-123")); // the token is never echoed
    }

    void unreachableReceiver()
    {
        QTcpServer probe; // a port that was free a moment ago and nobody listens on
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 closed = probe.serverPort();
        probe.close();
        QStringList env = goodEnv(QStringLiteral("e2e-host"));
        env << QStringLiteral("ARCHNEST_URL=http://127.0.0.1:%1").arg(closed);
        const Run r = runAgent(env, {QStringLiteral("--no-stats")});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("cannot reach ArchNest at http://127.0.0.1:"), r.err.constData());
    }

    void ingestDisabled()
    {
        receiver::ReceiverConfig c; // no token: 503
        receiver::AgentReceiver disabled(c, m_store.get());
        QVERIFY_RESULT(disabled.start());
        QStringList env = goodEnv(QStringLiteral("e2e-host"));
        env << QStringLiteral("ARCHNEST_URL=http://127.0.0.1:%1/").arg(disabled.port());
        const Run r = runAgent(env, {QStringLiteral("--no-stats")});
        QCOMPARE(r.exitCode, 6);
        QVERIFY2(r.err.contains("HTTP 503: agent ingest is disabled"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestAgentEndToEnd)
#include "tst_agent_e2e.moc"
