// The daemon restarts under a DockerApiContainerSource: a list while it is down fails with a
// clear error and the next one after it is back succeeds on the same source; a follow stream
// ends with "went away" and a new follow works after the restart. Uses a private dockerd (the
// options of tests/fixtures/dockerd.sh) started and stopped by pid - never the shared one.
#include "ApiTestSupport.h"
#include "TestSupport.h"
#include "docker/api/DockerApiContainerSource.h"

#include <QDir>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace archnest;
using namespace archnest::test;

class TestApiRestart final : public QObject
{
    Q_OBJECT

private:
    QString m_dir;
    QString m_socket;
    QProcess *m_dockerd = nullptr;
    QString m_container;

    bool startDaemon()
    {
        m_dockerd = new QProcess(this);
        m_dockerd->setProcessChannelMode(QProcess::MergedChannels);
        m_dockerd->setStandardOutputFile(m_dir + QStringLiteral("/dockerd.log"), QIODevice::Append);
        m_dockerd->start(
            QStringLiteral("dockerd"),
            {QStringLiteral("--storage-driver=vfs"), QStringLiteral("--data-root"), m_dir + QStringLiteral("/data"),
             QStringLiteral("--exec-root"), m_dir + QStringLiteral("/exec"), QStringLiteral("--pidfile"),
             m_dir + QStringLiteral("/dockerd.pid"), QStringLiteral("-H"), QStringLiteral("unix://") + m_socket,
             QStringLiteral("--bridge=none"), QStringLiteral("--iptables=false"), QStringLiteral("--ip-masq=false"),
             QStringLiteral("--ip-forward=false"), QStringLiteral("--userland-proxy=false"),
             QStringLiteral("--shutdown-timeout"), QStringLiteral("2"), QStringLiteral("--log-level"),
             QStringLiteral("warn")});
        if (!m_dockerd->waitForStarted(10000))
            return false;
        return QTest::qWaitFor([&] { return dockerOn(m_socket, {QStringLiteral("version")}, 10000).exitCode == 0; },
                               60000);
    }

    void stopDaemon()
    {
        if (!m_dockerd)
            return;
        m_dockerd->terminate(); // SIGTERM to the pid we started
        if (!m_dockerd->waitForFinished(30000)) {
            m_dockerd->kill();
            m_dockerd->waitForFinished(5000);
        }
        delete m_dockerd;
        m_dockerd = nullptr;
    }

    HostConfig host() const
    {
        HostConfig h;
        h.name = QStringLiteral("api-private");
        h.kind = HostKind::DockerApi;
        h.apiUrl = QStringLiteral("unix://") + m_socket;
        return h;
    }

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DOCKER_SOCK");
        m_dir = Fixtures::instance().dir() + QStringLiteral("/apirs-%1").arg(QCoreApplication::applicationPid());
        QDir().mkpath(m_dir);
        m_socket = m_dir + QStringLiteral("/d.sock");
        QVERIFY2(startDaemon(), "the private dockerd did not come up (see dockerd.log in the fixture dir)");
        // The fixture's busybox image, copied over.
        const QString image = Fixtures::instance().image();
        const auto copy = Fixtures::run(
            QStringLiteral("bash"),
            {QStringLiteral("-c"), QStringLiteral("docker -H unix://%1 save %2 | docker -H unix://%3 load")
                                       .arg(Fixtures::instance().dockerSocket(), image, m_socket)},
            120000);
        QVERIFY2(copy.exitCode == 0, copy.err.constData());
        m_container = Fixtures::uniqueName(QStringLiteral("api-tick"));
        const auto run =
            dockerOn(m_socket, {QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"),
                                QStringLiteral("none"), QStringLiteral("--restart"), QStringLiteral("always"),
                                QStringLiteral("--name"), m_container, image, QStringLiteral("sh"),
                                QStringLiteral("-c"), QStringLiteral("while true; do echo tick; sleep 0.2; done")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }

    void cleanupTestCase()
    {
        if (m_dockerd)
            dockerOn(m_socket, {QStringLiteral("rm"), QStringLiteral("-f"), m_container}, 30000);
        stopDaemon();
        // The data root holds vfs layers owned by root; remove it so the fixture dir stays small.
        if (!m_dir.isEmpty())
            QDir(m_dir).removeRecursively();
    }

    void listRecoversAfterRestart()
    {
        DockerApiContainerSource src(host());
        QVERIFY_RESULT(awaitResult<QList<ContainerSummary>>([&](auto cb) { src.list(true, cb); }));
        QCOMPARE(src.status(), HostStatus::Connected);
        stopDaemon();
        const auto down = awaitResult<QList<ContainerSummary>>([&](auto cb) { src.list(true, cb); });
        QVERIFY_RESULT_ERROR(down, QStringLiteral("Cannot list the containers of api-private"));
        QVERIFY2(down.errorMessage().contains(QStringLiteral("Cannot reach the Docker daemon")),
                 qPrintable(down.errorMessage()));
        QCOMPARE(src.status(), HostStatus::Error);
        QVERIFY(startDaemon());
        QList<HostStatus> seen;
        connect(&src, &ContainerSource::statusChanged, this, [&](HostStatus st, const QString &) { seen << st; });
        const auto up = awaitResult<QList<ContainerSummary>>([&](auto cb) { src.list(true, cb); });
        QVERIFY_RESULT(up);
        QCOMPARE(src.status(), HostStatus::Connected);
        QCOMPARE(seen, (QList<HostStatus>{HostStatus::Connecting, HostStatus::Connected}));
        // A kept-alive connection from before a restart is retried transparently.
        stopDaemon();
        QVERIFY(startDaemon());
        QVERIFY_RESULT(awaitResult<QList<ContainerSummary>>([&](auto cb) { src.list(true, cb); }));
    }

    void followEndsWhenTheDaemonGoesAwayThenWorksAgain()
    {
        DockerApiContainerSource src(host());
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto r = dockerOn(m_socket, {QStringLiteral("inspect"), QStringLiteral("-f"),
                                                   QStringLiteral("{{.State.Running}}"), m_container});
                return r.out.trimmed() == "true";
            },
            30000));
        LogOptions o;
        o.follow = true;
        o.tail = 0;
        LogStream *s = src.followLogs(m_container, o);
        QByteArray out;
        QString reason;
        QString failure;
        connect(s, &LogStream::dataReceived, this, [&](const QByteArray &d, OutputChannel) { out += d; });
        connect(s, &LogStream::finished, this, [&](const QString &r) { reason = r; });
        connect(s, &LogStream::failed, this, [&](const QString &r) { failure = r; });
        QVERIFY2(QTest::qWaitFor([&] { return out.count("tick") >= 2; }, 15000), qPrintable(failure));
        stopDaemon();
        QVERIFY(QTest::qWaitFor([&] { return !reason.isEmpty() || !failure.isEmpty(); }, 30000));
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QVERIFY2(reason.contains(QStringLiteral("went away")) || reason.contains(QStringLiteral("stopped")),
                 qPrintable(reason));
        QVERIFY2(reason.contains(QStringLiteral("api-private")), qPrintable(reason));
        qInfo("follow ended: %s", qPrintable(reason));
        delete s;

        QVERIFY(startDaemon());
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto r = dockerOn(m_socket, {QStringLiteral("inspect"), QStringLiteral("-f"),
                                                   QStringLiteral("{{.State.Running}}"), m_container});
                return r.out.trimmed() == "true";
            },
            30000));
        LogStream *again = src.followLogs(m_container, o);
        QByteArray out2;
        connect(again, &LogStream::dataReceived, this, [&](const QByteArray &d, OutputChannel) { out2 += d; });
        QVERIFY(QTest::qWaitFor([&] { return out2.count("tick") >= 2; }, 15000));
        again->stop();
        delete again;
    }
};

QTEST_GUILESS_MAIN(TestApiRestart)
#include "tst_api_restart.moc"
