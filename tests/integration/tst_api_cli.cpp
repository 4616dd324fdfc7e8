// archnest-cli end to end against the fixture dockerd through the Engine API: `ps --json`,
// `inspect --json`, `logs --tail`, every action and `exec` on unix://, tcp:// and TLS hosts
// (the TLS one through DOCKER_TLS_VERIFY / DOCKER_CERT_PATH, as the docker CLI does), plus a
// configured docker-api host from a hosts file.
#include "ApiTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace archnest;
using namespace archnest::test;

class TestApiCli final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;
    QStringList m_created;

    ProcessOutput cli(const QString &transport, const QStringList &args, int timeoutMs = 90000)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ARCHNEST_CONFIG_DIR"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("ARCHNEST_DATA_DIR"), m_home.filePath(QStringLiteral("data")));
        env.remove(QStringLiteral("DOCKER_TLS_VERIFY"));
        env.remove(QStringLiteral("DOCKER_CERT_PATH"));
        if (transport == QLatin1String("tls")) {
            env.insert(QStringLiteral("DOCKER_TLS_VERIFY"), QStringLiteral("1"));
            env.insert(QStringLiteral("DOCKER_CERT_PATH"),
                       Fixtures::instance().value(QStringLiteral("ARCHNEST_FX_DOCKER_CERT_PATH")));
        }
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ARCHNEST_CLI_PATH), args);
        ProcessOutput out;
        if (!p.waitForStarted(10000))
            return out;
        p.closeWriteChannel();
        if (!p.waitForFinished(timeoutMs)) {
            out.timedOut = true;
            p.kill();
            p.waitForFinished(5000);
        }
        out.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        out.out = p.readAllStandardOutput();
        out.err = p.readAllStandardError();
        return out;
    }

    static QString hostArg(const QString &transport)
    {
        if (transport == QLatin1String("unix"))
            return QStringLiteral("unix://") + Fixtures::instance().dockerSocket();
        if (transport == QLatin1String("tcp"))
            return Fixtures::instance().value(QStringLiteral("ARCHNEST_FX_DOCKER_TCP"));
        if (transport == QLatin1String("tls"))
            return Fixtures::instance().value(QStringLiteral("ARCHNEST_FX_DOCKER_TLS"));
        return transport; // a configured host name
    }

    QString create(const QString &transport, const QStringList &runArgs)
    {
        const QString name = Fixtures::uniqueName(QStringLiteral("apicli"));
        const QString socket = daemonSocket(transport);
        const auto r = dockerOn(socket, QStringList{QStringLiteral("run"), QStringLiteral("-d"),
                                                    QStringLiteral("--network"), QStringLiteral("none"),
                                                    QStringLiteral("--name"), name, Fixtures::instance().image()} +
                                            runArgs);
        if (r.exitCode != 0)
            qWarning("docker run failed: %s", r.err.constData());
        m_created << socket + QLatin1Char('\t') + name;
        return name;
    }

    static QString stateOf(const QString &transport, const QString &name)
    {
        return QString::fromUtf8(dockerOn(daemonSocket(transport), {QStringLiteral("inspect"), QStringLiteral("-f"),
                                                                    QStringLiteral("{{.State.Status}}"), name})
                                     .out)
            .trimmed();
    }

    static void addTransports()
    {
        QTest::addColumn<QString>("transport");
        QTest::newRow("unix") << QStringLiteral("unix");
        QTest::newRow("tcp") << QStringLiteral("tcp");
        QTest::newRow("tls") << QStringLiteral("tls");
        QTest::newRow("hosts-file") << QStringLiteral("apihost");
    }

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DOCKER_TLS");
        QVERIFY(m_home.isValid());
        // A configured docker-api host (TLS, read from the hosts file).
        QDir().mkpath(m_home.filePath(QStringLiteral("config")));
        const QString certs = Fixtures::instance().value(QStringLiteral("ARCHNEST_FX_DOCKER_CERT_PATH"));
        QJsonObject tls;
        tls.insert(QStringLiteral("ca"), QString(certs + QStringLiteral("/ca.pem")));
        tls.insert(QStringLiteral("cert"), QString(certs + QStringLiteral("/cert.pem")));
        tls.insert(QStringLiteral("key"), QString(certs + QStringLiteral("/key.pem")));
        QJsonObject host;
        host.insert(QStringLiteral("name"), QStringLiteral("apihost"));
        host.insert(QStringLiteral("kind"), QStringLiteral("docker-api"));
        host.insert(QStringLiteral("url"), hostArg(QStringLiteral("tls")));
        host.insert(QStringLiteral("tls"), tls);
        const QJsonObject file{{QStringLiteral("version"), 1}, {QStringLiteral("hosts"), QJsonArray{host}}};
        QFile f(m_home.filePath(QStringLiteral("config/hosts.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(file).toJson());
        f.close();
        const auto hosts = cli(QStringLiteral("none"), {QStringLiteral("hosts")});
        QVERIFY2(hosts.exitCode == 0 && hosts.out.contains("apihost"), QByteArray(hosts.out + hosts.err).constData());
    }

    void cleanupTestCase()
    {
        for (const QString &entry : std::as_const(m_created)) {
            const QStringList p = entry.split(QLatin1Char('\t'));
            dockerOn(p[0], {QStringLiteral("rm"), QStringLiteral("-f"), p[1]});
        }
    }

    void psInspectLogs_data() { addTransports(); }
    void psInspectLogs()
    {
        QFETCH(QString, transport);
        const QString t = transport == QLatin1String("apihost") ? QStringLiteral("tls") : transport;
        const QString name = create(t, {QStringLiteral("sh"), QStringLiteral("-c"),
                                        QStringLiteral("echo l1; echo l2; echo l3; exec sleep 100000")});
        QVERIFY(QTest::qWaitFor([&] { return stateOf(t, name) == QLatin1String("running"); }, 20000));
        const QString host = hostArg(transport);

        const auto ps = cli(transport, {QStringLiteral("ps"), host, QStringLiteral("--all"), QStringLiteral("--json")});
        QVERIFY2(ps.exitCode == 0, ps.err.constData());
        const QJsonArray rows = QJsonDocument::fromJson(ps.out).array();
        bool found = false;
        for (const QJsonValue &v : rows)
            found = found || v.toObject().value(QStringLiteral("name")).toString() == name;
        QVERIFY2(found, ps.out.constData());

        const auto inspect = cli(transport, {QStringLiteral("inspect"), host, name, QStringLiteral("--json")});
        QVERIFY2(inspect.exitCode == 0, inspect.err.constData());
        const QJsonDocument doc = QJsonDocument::fromJson(inspect.out);
        QVERIFY2(!doc.isNull(), inspect.out.constData());
        QVERIFY2(inspect.out.contains(name.toUtf8()) && inspect.out.contains("running"), inspect.out.constData());

        QByteArray logsOut;
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto logs =
                    cli(transport, {QStringLiteral("logs"), host, name, QStringLiteral("--tail"), QStringLiteral("1")});
                logsOut = QByteArray(logs.out + logs.err);
                return logs.exitCode == 0 && logs.out == "l3\n";
            },
            15000));

        const auto missing = cli(transport, {QStringLiteral("inspect"), host, QStringLiteral("apicli-no-such")});
        QVERIFY(missing.exitCode != 0);
        QVERIFY2(missing.err.contains("No such container"), missing.err.constData());
    }

    void actionsAndExec_data() { addTransports(); }
    void actionsAndExec()
    {
        QFETCH(QString, transport);
        const QString t = transport == QLatin1String("apihost") ? QStringLiteral("tls") : transport;
        const QString name = create(t, {QStringLiteral("sleep"), QStringLiteral("100000")});
        const QString host = hostArg(transport);
        auto run = [&](const QStringList &args) {
            const auto r = cli(transport, args);
            if (r.exitCode != 0)
                qWarning("%s: %s", qPrintable(args.join(QLatin1Char(' '))), r.err.constData());
            return r.exitCode;
        };
        QCOMPARE(run({QStringLiteral("pause"), host, name}), 0);
        QCOMPARE(stateOf(t, name), QStringLiteral("paused"));
        QCOMPARE(run({QStringLiteral("unpause"), host, name}), 0);
        QCOMPARE(stateOf(t, name), QStringLiteral("running"));

        const auto exec =
            cli(transport, {QStringLiteral("exec"), host, name, QStringLiteral("--"), QStringLiteral("sh"),
                            QStringLiteral("-c"), QStringLiteral("echo hi-from-exec; exit 4")});
        QCOMPARE(exec.exitCode, 4);
        QVERIFY2(exec.out.contains("hi-from-exec"), QByteArray(exec.out + exec.err).constData());

        QCOMPARE(run({QStringLiteral("stop"), host, name}), 0);
        QCOMPARE(stateOf(t, name), QStringLiteral("exited"));
        // Stopping a stopped container succeeds, as `docker stop` does (the daemon's HTTP 304).
        const auto again = cli(transport, {QStringLiteral("stop"), host, name});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        const auto dockerAgain = dockerOn(daemonSocket(t), {QStringLiteral("stop"), name});
        QCOMPARE(dockerAgain.exitCode, 0); // the reference: the docker CLI
        QCOMPARE(run({QStringLiteral("start"), host, name}), 0);
        QCOMPARE(stateOf(t, name), QStringLiteral("running"));
        QCOMPARE(run({QStringLiteral("restart"), host, name}), 0);
        QCOMPARE(stateOf(t, name), QStringLiteral("running"));
        const auto busy = cli(transport, {QStringLiteral("rm"), host, name});
        QVERIFY(busy.exitCode != 0);
        QVERIFY2(busy.err.contains("409"), busy.err.constData());
        QCOMPARE(run({QStringLiteral("rm"), host, name, QStringLiteral("--force")}), 0);
        QVERIFY(stateOf(t, name).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestApiCli)
#include "tst_api_cli.moc"
