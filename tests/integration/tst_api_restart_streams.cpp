// dockerd restarted under four open Engine API streams at once (issue 12, faults injected): a
// followed log, a stats stream, an exec and the events stream. When the daemon stops, each
// ends within a bound with a clear message (logs, stats and events: finished/failed with a
// text naming the host; the exec: failed with a text, or finished with the exit status the
// daemon gave its killed process); nothing hangs. After the daemon is back, the same source
// opens each of them again and they deliver. A private dockerd (PrivateDockerd), never the
// shared fixture one.
#include "ApiTestSupport.h"
#include "TestSupport.h"
#include "docker/api/DockerApiContainerSource.h"
#include "private_dockerd.h"

#include <QElapsedTimer>
#include <QTest>

using namespace archnest;
using namespace archnest::test;

namespace {

// What one stream said, whatever its kind.
struct Watch
{
    QByteArray data;
    int samples = 0;
    bool started = false;
    std::optional<QString> finished; // reason, or the exec's exit code as text
    std::optional<QString> failed;
    bool ended() const { return finished.has_value() || failed.has_value(); }
    QString end() const
    {
        return failed ? QStringLiteral("failed: ") + *failed : QStringLiteral("finished: ") + *finished;
    }
};

void watchLog(QObject *ctx, LogStream *s, Watch &w)
{
    QObject::connect(s, &LogStream::dataReceived, ctx, [&w](const QByteArray &d, OutputChannel) { w.data += d; });
    QObject::connect(s, &LogStream::finished, ctx, [&w](const QString &r) { w.finished = r; });
    QObject::connect(s, &LogStream::failed, ctx, [&w](const QString &r) { w.failed = r; });
}

void watchStats(QObject *ctx, StatsStream *s, Watch &w)
{
    QObject::connect(s, &StatsStream::sampleReceived, ctx, [&w](const StatsSample &) { ++w.samples; });
    QObject::connect(s, &StatsStream::finished, ctx, [&w](const QString &r) { w.finished = r; });
    QObject::connect(s, &StatsStream::failed, ctx, [&w](const QString &r) { w.failed = r; });
}

void watchExec(QObject *ctx, ExecStream *s, Watch &w)
{
    QObject::connect(s, &ExecStream::started, ctx, [&w] { w.started = true; });
    QObject::connect(s, &ExecStream::dataReceived, ctx, [&w](const QByteArray &d, OutputChannel) { w.data += d; });
    QObject::connect(s, &ExecStream::finished, ctx, [&w](int code) { w.finished = QString::number(code); });
    QObject::connect(s, &ExecStream::failed, ctx, [&w](const QString &r) { w.failed = r; });
}

} // namespace

class TestApiRestartStreams final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<PrivateDockerd> m_dockerd;
    QString m_container;

    HostConfig host() const
    {
        HostConfig h;
        h.name = QStringLiteral("api-restarting");
        h.kind = HostKind::DockerApi;
        h.apiUrl = QStringLiteral("unix://") + m_dockerd->socket();
        return h;
    }

    bool containerRunning() const
    {
        const auto r = dockerOn(m_dockerd->socket(), {QStringLiteral("inspect"), QStringLiteral("-f"),
                                                      QStringLiteral("{{.State.Running}}"), m_container});
        return r.out.trimmed() == "true";
    }

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DOCKER_SOCK");
        m_dockerd = std::make_unique<PrivateDockerd>(
            Fixtures::instance().dir() + QStringLiteral("/apirst-%1").arg(QCoreApplication::applicationPid()));
        QVERIFY2(m_dockerd->start(), "the private dockerd did not come up (see dockerd.log in the fixture dir)");
        const QString image = Fixtures::instance().image();
        const auto copy = Fixtures::run(
            QStringLiteral("bash"),
            {QStringLiteral("-c"), QStringLiteral("docker -H unix://%1 save %2 | docker -H unix://%3 load")
                                       .arg(Fixtures::instance().dockerSocket(), image, m_dockerd->socket())},
            120000);
        QVERIFY2(copy.exitCode == 0, copy.err.constData());
        m_container = Fixtures::uniqueName(QStringLiteral("api-rst"));
        const auto run = dockerOn(m_dockerd->socket(),
                                  {QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"),
                                   QStringLiteral("none"), QStringLiteral("--restart"), QStringLiteral("always"),
                                   QStringLiteral("--name"), m_container, image, QStringLiteral("sh"),
                                   QStringLiteral("-c"), QStringLiteral("while true; do echo tick; sleep 0.2; done")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }

    void cleanupTestCase()
    {
        if (m_dockerd && m_dockerd->running())
            dockerOn(m_dockerd->socket(), {QStringLiteral("rm"), QStringLiteral("-f"), m_container}, 30000);
        if (m_dockerd)
            m_dockerd->removeData();
    }

    void fourStreamsEndClearlyAndReopenAfterRestart()
    {
        DockerApiContainerSource src(host());
        QVERIFY(QTest::qWaitFor([&] { return containerRunning(); }, 30000));

        LogOptions follow;
        follow.follow = true;
        follow.tail = 0;
        ExecOptions execOptions;
        execOptions.command = {QStringLiteral("sh"), QStringLiteral("-c"),
                               QStringLiteral("echo exec-ready; sleep 300")};
        execOptions.tty = false;
        execOptions.interactive = false;

        Watch logs, stats, exec, events;
        std::unique_ptr<LogStream> logStream(src.followLogs(m_container, follow));
        std::unique_ptr<StatsStream> statsStream(src.streamStats(m_container));
        std::unique_ptr<ExecStream> execStream(src.openExec(m_container, execOptions));
        std::unique_ptr<LogStream> eventStream(src.events());
        watchLog(this, logStream.get(), logs);
        watchStats(this, statsStream.get(), stats);
        watchExec(this, execStream.get(), exec);
        watchLog(this, eventStream.get(), events);
        QVERIFY2(
            QTest::qWaitFor(
                [&] { return logs.data.count("tick") >= 2 && stats.samples >= 1 && exec.data.contains("exec-ready"); },
                30000),
            qPrintable(QStringLiteral("logs %1 B, %2 samples, exec %3 B")
                           .arg(logs.data.size())
                           .arg(stats.samples)
                           .arg(exec.data.size())));
        QVERIFY2(!events.ended(), qPrintable(events.end()));

        QElapsedTimer clock;
        clock.start();
        m_dockerd->stop(); // SIGTERM; containers are stopped, then the daemon exits
        const qint64 stoppedMs = clock.elapsed();
        // Nothing hangs: every stream ends within 30 s of the daemon's exit.
        QVERIFY2(
            QTest::qWaitFor([&] { return logs.ended() && stats.ended() && exec.ended() && events.ended(); }, 30000),
            qPrintable(QStringLiteral("ended: logs %1, stats %2, exec %3, events %4")
                           .arg(logs.ended())
                           .arg(stats.ended())
                           .arg(exec.ended())
                           .arg(events.ended())));
        qInfo("daemon stopped in %lld ms; all four streams ended %lld ms after the stop began", stoppedMs,
              clock.elapsed());
        qInfo("logs   %s", qPrintable(logs.end()));
        qInfo("stats  %s", qPrintable(stats.end()));
        qInfo("exec   %s", qPrintable(exec.end()));
        qInfo("events %s", qPrintable(events.end()));
        const QString name = host().name;
        for (const Watch *w : {&logs, &stats, &events})
            QVERIFY2(w->end().contains(name) && (w->end().contains(QStringLiteral("went away")) ||
                                                 w->end().contains(QStringLiteral("stopped"))),
                     qPrintable(w->end()));
        QVERIFY2(events.end().contains(QStringLiteral("went away")), qPrintable(events.end()));
        // The exec: a failure that names the host, or the status of its process killed with the
        // container (SIGKILL/SIGTERM: 137/143), never a success.
        if (exec.failed)
            QVERIFY2(exec.failed->contains(name), qPrintable(*exec.failed));
        else
            QVERIFY2(*exec.finished != QStringLiteral("0"), qPrintable(exec.end()));

        // The same source, once the daemon is back: each stream opens again and delivers.
        QVERIFY(m_dockerd->start());
        QVERIFY(QTest::qWaitFor([&] { return containerRunning(); }, 30000));
        Watch logs2, stats2, exec2, events2;
        std::unique_ptr<LogStream> logStream2(src.followLogs(m_container, follow));
        std::unique_ptr<StatsStream> statsStream2(src.streamStats(m_container));
        std::unique_ptr<ExecStream> execStream2(src.openExec(m_container, execOptions));
        std::unique_ptr<LogStream> eventStream2(src.events());
        watchLog(this, logStream2.get(), logs2);
        watchStats(this, statsStream2.get(), stats2);
        watchExec(this, execStream2.get(), exec2);
        watchLog(this, eventStream2.get(), events2);
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return logs2.data.count("tick") >= 2 && stats2.samples >= 1 &&
                                exec2.data.contains("exec-ready");
                     },
                     30000),
                 qPrintable(QStringLiteral("after the restart: logs %1 B, %2 samples, exec %3 B (%4)")
                                .arg(logs2.data.size())
                                .arg(stats2.samples)
                                .arg(exec2.data.size())
                                .arg(exec2.ended() ? exec2.end() : QString())));
        // An event after the restart reaches the new event stream.
        QCOMPARE(dockerOn(m_dockerd->socket(), {QStringLiteral("pause"), m_container}).exitCode, 0);
        QCOMPARE(dockerOn(m_dockerd->socket(), {QStringLiteral("unpause"), m_container}).exitCode, 0);
        QVERIFY2(QTest::qWaitFor([&] { return events2.data.contains("\"unpause\""); }, 15000),
                 events2.data.left(400).constData());
        for (const Watch *w : {&logs2, &stats2, &exec2, &events2})
            QVERIFY2(!w->ended(), qPrintable(w->end()));
        logStream2->stop();
        statsStream2->stop();
        execStream2->terminate();
        eventStream2->stop();
        QVERIFY(QTest::qWaitFor([&] { return exec2.ended(); }, 15000));
    }
};

QTEST_GUILESS_MAIN(TestApiRestartStreams)
#include "tst_api_restart_streams.moc"
