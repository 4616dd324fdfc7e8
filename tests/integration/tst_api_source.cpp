// DockerApiContainerSource against the real fixture dockerd on each transport (unix socket,
// plain TCP, TLS with client certificates): every ContainerSource operation on running, stopped
// and paused containers this test creates itself (unique names, --network none).
#include "ApiTestSupport.h"
#include "TestSupport.h"
#include "docker/api/DockerApiClient.h"
#include "docker/api/DockerApiContainerSource.h"

#include <QPointer>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace archnest;
using namespace archnest::test;

class TestApiSource final : public QObject
{
    Q_OBJECT

private:
    struct Set
    {
        QString running, stopped, paused, tty, interactive;
    };
    QHash<QString, Set> m_sets; // per daemon socket
    QStringList m_created;      // "socket\tname" to remove at the end

    QString create(const QString &socket, const QString &prefix, const QStringList &runArgs)
    {
        const QString name = Fixtures::uniqueName(prefix);
        const auto r =
            dockerOn(socket, QStringList{QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"),
                                         QStringLiteral("none"), QStringLiteral("--name"), name} +
                                 runArgs);
        if (r.exitCode != 0)
            qWarning("docker run %s failed: %s", qPrintable(name), r.err.constData());
        m_created << socket + QLatin1Char('\t') + name;
        return name;
    }

    const Set &setFor(const QString &transport) { return m_sets[daemonSocket(transport)]; }
    static QString image() { return QStringLiteral("archnest-test/busybox:1"); } // both fixtures'
    // revealEnv and the attach tests use TCP on dockerd; Podman's fixture serves its socket only.
    static QString tcpOrUnix() { return Fixtures::testsPodman() ? QStringLiteral("unix") : QStringLiteral("tcp"); }

    static void addTransports()
    {
        QTest::addColumn<QString>("transport");
        if (Fixtures::testsPodman()) {
            // Podman's service listens on its unix socket only (loopback, no TCP).
            QTest::newRow("podman-unix") << QStringLiteral("unix");
            return;
        }
        QTest::newRow("unix") << QStringLiteral("unix");
        QTest::newRow("tcp") << QStringLiteral("tcp");
        QTest::newRow("tls") << QStringLiteral("tls");
    }

    static QString stateOf(const QString &socket, const QString &name)
    {
        return QString::fromUtf8(dockerOn(socket, {QStringLiteral("inspect"), QStringLiteral("-f"),
                                                   QStringLiteral("{{.State.Status}}"), name})
                                     .out)
            .trimmed();
    }

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_ENGINE_FIXTURE();
        QStringList sockets{daemonSocket(QStringLiteral("unix"))};
        if (!Fixtures::testsPodman()) {
            ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DOCKER_TLS");
            sockets << daemonSocket(QStringLiteral("tls"));
        }
        const QString image = TestApiSource::image();
        for (const QString &socket : std::as_const(sockets)) {
            Set s;
            s.running =
                create(socket, QStringLiteral("api-run"),
                       {QStringLiteral("-e"), QStringLiteral("APP_MODE=test"), QStringLiteral("-e"),
                        QStringLiteral("SECRET_TOKEN=tok-123"), QStringLiteral("-l"), QStringLiteral("team=ops"),
                        QStringLiteral("-v"), QStringLiteral("/cache"), image, QStringLiteral("sh"),
                        QStringLiteral("-c"), QStringLiteral("echo started; echo warn >&2; exec sleep 100000")});
            s.stopped = create(
                socket, QStringLiteral("api-stop"),
                {image, QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo bye; echo oops >&2; exit 3")});
            s.paused =
                create(socket, QStringLiteral("api-pause"), {image, QStringLiteral("sleep"), QStringLiteral("100000")});
            s.tty = create(socket, QStringLiteral("api-tty"),
                           {QStringLiteral("-t"), image, QStringLiteral("sh"), QStringLiteral("-c"),
                            QStringLiteral("echo tty-hello; exec sleep 100000")});
            s.interactive =
                create(socket, QStringLiteral("api-int"), {QStringLiteral("-i"), image, QStringLiteral("sh")});
            QCOMPARE(dockerOn(socket, {QStringLiteral("pause"), s.paused}).exitCode, 0);
            QVERIFY(QTest::qWaitFor([&] { return stateOf(socket, s.stopped) == QLatin1String("exited"); }, 20000));
            m_sets.insert(socket, s);
        }
    }

    void cleanupTestCase()
    {
        for (const QString &entry : std::as_const(m_created)) {
            const QStringList p = entry.split(QLatin1Char('\t'));
            dockerOn(p[0], {QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("-v"), p[1]});
        }
    }

    void listShowsEveryState_data() { addTransports(); }
    void listShowsEveryState()
    {
        QFETCH(QString, transport);
        DockerApiContainerSource src(apiHost(transport));
        const auto all = awaitResult<QList<ContainerSummary>>([&](auto cb) { src.list(true, cb); });
        QVERIFY_RESULT(all);
        QHash<QString, ContainerSummary> byName;
        for (const auto &c : *all)
            byName.insert(c.name, c);
        const Set &s = setFor(transport);
        QCOMPARE(byName.value(s.running).state, ContainerState::Running);
        QCOMPARE(byName.value(s.stopped).state, ContainerState::Exited);
        QCOMPARE(byName.value(s.paused).state, ContainerState::Paused);
        QVERIFY(byName.value(s.stopped).status.startsWith(QStringLiteral("Exited (3)")));
        QCOMPARE(byName.value(s.running).labels.value(QStringLiteral("team")), QStringLiteral("ops"));
        QCOMPARE(byName.value(s.running).hostName, src.hostName());
        QCOMPARE(byName.value(s.running).id.size(), 64);
        QCOMPARE(src.status(), HostStatus::Connected);
        QCOMPARE(src.apiVersion(), QStringLiteral("1.41"));
        QCOMPARE(src.engine(), Fixtures::testsPodman() ? ContainerEngine::Podman : ContainerEngine::Docker);

        const auto running = awaitResult<QList<ContainerSummary>>([&](auto cb) { src.list(false, cb); });
        QVERIFY_RESULT(running);
        bool sawStopped = false;
        for (const auto &c : *running)
            sawStopped = sawStopped || c.name == s.stopped;
        QVERIFY(!sawStopped);
        // A second call reuses the kept-alive connection.
        QVERIFY(src.client()->idleConnections() >= 1);
        QVERIFY_RESULT(awaitResult<QList<ContainerSummary>>([&](auto cb) { src.list(true, cb); }));
    }

    void inspectFillsTheModel_data() { addTransports(); }
    void inspectFillsTheModel()
    {
        QFETCH(QString, transport);
        DockerApiContainerSource src(apiHost(transport));
        const Set &s = setFor(transport);
        const auto r = awaitResult<QList<ContainerDetail>>([&](auto cb) {
            src.inspect({s.running, s.stopped, s.paused}, cb);
        });
        QVERIFY_RESULT(r);
        QCOMPARE(r->size(), 3);
        const ContainerDetail &run = r->at(0);
        QCOMPARE(run.summary.name, s.running);
        QCOMPARE(run.summary.state, ContainerState::Running);
        QVERIFY(run.pid > 0);
        QVERIFY(run.startedAt.isValid());
        // The engine decides: dockerd lists the "none" network, Podman no network at all.
        QCOMPARE(QString::number(run.networks.size()),
                 QString::fromUtf8(
                     dockerOn(daemonSocket(transport), {QStringLiteral("inspect"), QStringLiteral("-f"),
                                                        QStringLiteral("{{len .NetworkSettings.Networks}}"), s.running})
                         .out)
                     .trimmed());
        if (!run.networks.isEmpty())
            QCOMPARE(run.networks[0].name, QStringLiteral("none"));
        QCOMPARE(run.mounts.size(), 1);
        QCOMPARE(run.mounts[0].destination, QStringLiteral("/cache"));
        QCOMPARE(run.mounts[0].type, QStringLiteral("volume"));
        QCOMPARE(run.summary.labels.value(QStringLiteral("team")), QStringLiteral("ops"));
        QCOMPARE(run.restartPolicy, QStringLiteral("no"));
        bool sawSecret = false;
        for (const EnvVar &e : run.env) {
            if (e.key == QLatin1String("SECRET_TOKEN")) {
                sawSecret = true;
                QVERIFY(e.masked);
                QVERIFY(!e.value.contains(QStringLiteral("tok-123")));
            }
            if (e.key == QLatin1String("APP_MODE"))
                QCOMPARE(e.value, QStringLiteral("test"));
        }
        QVERIFY(sawSecret);
        const ContainerDetail &stopped = r->at(1);
        QCOMPARE(stopped.summary.state, ContainerState::Exited);
        QCOMPARE(stopped.exitCode.value_or(-1), 3);
        QVERIFY(stopped.finishedAt.isValid());
        QCOMPARE(r->at(2).summary.state, ContainerState::Paused);

        const auto missing = awaitResult<QList<ContainerDetail>>([&](auto cb) {
            src.inspect({s.running, QStringLiteral("api-no-such-container")}, cb);
        });
        QVERIFY_RESULT_ERROR(missing, Fixtures::noSuchContainer());
        QVERIFY(missing.errorMessage().contains(src.hostName()));
        QVERIFY(missing.errorMessage().contains(QStringLiteral("api-no-such-container")));
        QCOMPARE(missing.error().code, QStringLiteral("http-404"));
        QVERIFY_RESULT_ERROR(
            awaitResult<QList<ContainerDetail>>([&](auto cb) { src.inspect({QStringLiteral("-bad;ref")}, cb); }),
            QStringLiteral("-bad;ref"));
    }

    void logsWithAndWithoutTty_data() { addTransports(); }
    void logsWithAndWithoutTty()
    {
        QFETCH(QString, transport);
        DockerApiContainerSource src(apiHost(transport));
        const Set &s = setFor(transport);
        auto logsOf = [&](const QString &ref, LogOptions o) {
            return awaitResult<QByteArray>([&](auto cb) { src.logs(ref, o, cb); });
        };
        const auto stopped = logsOf(s.stopped, {});
        QVERIFY_RESULT(stopped);
        QVERIFY2(stopped->contains("bye\n") && stopped->contains("oops\n"), stopped->constData());
        QVERIFY2(!stopped->contains('\x01') && !stopped->contains('\x02'), "multiplex headers left in the output");
        LogOptions tail;
        tail.tail = 1;
        const auto last = logsOf(s.running, tail);
        QVERIFY_RESULT(last);
        QCOMPARE(last->count('\n'), 1);
        LogOptions stamped;
        stamped.timestamps = true;
        const auto ts = logsOf(s.running, stamped);
        QVERIFY_RESULT(ts);
        QVERIFY2(ts->startsWith("20") && ts->contains("started"), ts->constData());
        LogOptions future;
        future.since = QDateTime::currentDateTimeUtc().addSecs(3600);
        const auto none = logsOf(s.running, future);
        QVERIFY_RESULT(none);
        QVERIFY(none->isEmpty());
        LogOptions past; // issue 14: the since/until window reaches the daemon
        past.until = QDateTime(QDate(2001, 9, 9), QTime(0, 0), Qt::UTC);
        const auto before = logsOf(s.running, past);
        QVERIFY_RESULT(before);
        QVERIFY2(before->isEmpty(), before->constData());
        LogOptions window;
        window.since = QDateTime(QDate(2001, 9, 9), QTime(0, 0), Qt::UTC);
        window.until = QDateTime::currentDateTimeUtc().addSecs(3600);
        const auto inWindow = logsOf(s.running, window);
        QVERIFY_RESULT(inWindow);
        QVERIFY2(inWindow->contains("started"), inWindow->constData());
        const auto paused = logsOf(s.paused, {});
        QVERIFY_RESULT(paused);
        const auto tty = logsOf(s.tty, {});
        QVERIFY_RESULT(tty);
        QVERIFY2(tty->startsWith("tty-hello\r\n"), tty->constData()); // raw: no frame header
        QVERIFY_RESULT_ERROR(logsOf(QStringLiteral("api-no-such-container"), {}), Fixtures::noSuchContainer());
    }

    void followLogsEndsWhenTheContainerStops_data() { addTransports(); }
    void followLogsEndsWhenTheContainerStops()
    {
        QFETCH(QString, transport);
        DockerApiContainerSource src(apiHost(transport));
        const QString name = create(daemonSocket(transport), QStringLiteral("api-follow"),
                                    {image(), QStringLiteral("sh"), QStringLiteral("-c"),
                                     QStringLiteral("echo one; sleep 1; echo two >&2; sleep 1; echo three")});
        LogOptions o;
        o.follow = true;
        LogStream *stream = src.followLogs(name, o);
        QByteArray out;
        QByteArray err;
        QString reason;
        QString failure;
        connect(stream, &LogStream::dataReceived, this,
                [&](const QByteArray &d, OutputChannel ch) { (ch == OutputChannel::Stderr ? err : out) += d; });
        connect(stream, &LogStream::finished, this, [&](const QString &r) { reason = r; });
        connect(stream, &LogStream::failed, this, [&](const QString &r) { failure = r; });
        QVERIFY2(QTest::qWaitFor([&] { return !reason.isEmpty() || !failure.isEmpty(); }, 30000), out.constData());
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QVERIFY2(reason.contains(QStringLiteral("stopped")) && reason.contains(name), qPrintable(reason));
        QCOMPARE(out, QByteArray("one\nthree\n"));
        QCOMPARE(err, QByteArray("two\n"));
        delete stream;

        // Following a stopped container gives what it wrote, then ends at once.
        LogStream *done = src.followLogs(setFor(transport).stopped, o);
        QByteArray doneOut;
        QString doneReason;
        connect(done, &LogStream::dataReceived, this, [&](const QByteArray &d, OutputChannel) { doneOut += d; });
        connect(done, &LogStream::finished, this, [&](const QString &r) { doneReason = r; });
        QVERIFY(QTest::qWaitFor([&] { return !doneReason.isEmpty(); }, 15000));
        QVERIFY2(doneReason.contains(QStringLiteral("stopped (exited)")), qPrintable(doneReason));
        QVERIFY(doneOut.contains("bye\n"));
        delete done;

        LogStream *bad = src.followLogs(QStringLiteral("api-no-such-container"), o);
        QSignalSpy failed(bad, &LogStream::failed);
        QVERIFY(failed.wait(15000));
        QVERIFY(failed.first().first().toString().contains(Fixtures::noSuchContainer()));
        delete bad;
    }

    void statsSnapshotAndStream_data() { addTransports(); }
    void statsSnapshotAndStream()
    {
        QFETCH(QString, transport);
        DockerApiContainerSource src(apiHost(transport));
        const Set &s = setFor(transport);
        const auto snap = awaitResult<QList<StatsSample>>([&](auto cb) { src.stats({s.running, s.paused}, cb); });
        QVERIFY_RESULT(snap);
        QCOMPARE(snap->size(), 2);
        QVERIFY(snap->at(0).memoryBytes.has_value());
        QVERIFY(snap->at(0).pids.has_value());
        QVERIFY(snap->at(0).containerId.size() == 64);
        const auto stopped = awaitResult<QList<StatsSample>>([&](auto cb) { src.stats({s.stopped}, cb); });
        QVERIFY_RESULT(stopped); // a stopped container has a sample with nothing in it
        QVERIFY(!stopped->at(0).memoryBytes.has_value());
        const auto all = awaitResult<QList<StatsSample>>([&](auto cb) { src.stats({}, cb); });
        QVERIFY_RESULT(all);
        QVERIFY(all->size() >= 2);
        QVERIFY_RESULT_ERROR(
            awaitResult<QList<StatsSample>>([&](auto cb) { src.stats({QStringLiteral("api-nope")}, cb); }),
            Fixtures::noSuchContainer());

        StatsStream *stream = src.streamStats(s.running);
        QList<StatsSample> samples;
        connect(stream, &StatsStream::sampleReceived, this, [&](const StatsSample &x) { samples << x; });
        QVERIFY(QTest::qWaitFor([&] { return samples.size() >= 2; }, 15000));
        QVERIFY(samples[1].cpuPercent.has_value()); // the stream carries precpu from the 2nd sample
        stream->stop();
        delete stream;
    }

    void actions_data() { addTransports(); }
    void actions()
    {
        QFETCH(QString, transport);
        DockerApiContainerSource src(apiHost(transport));
        const QString socket = daemonSocket(transport);
        const QString name =
            create(socket, QStringLiteral("api-act"), {image(), QStringLiteral("sleep"), QStringLiteral("100000")});
        auto act = [&](ContainerAction a, RemoveOptions o = {}) {
            return awaitResult<void>([&](auto cb) { src.perform(a, name, o, cb); }, 90000);
        };
        QVERIFY_RESULT(act(ContainerAction::Pause));
        QCOMPARE(stateOf(socket, name), QStringLiteral("paused"));
        QVERIFY_RESULT_ERROR(act(ContainerAction::Pause), QStringLiteral("paused"));
        QVERIFY_RESULT(act(ContainerAction::Unpause));
        QCOMPARE(stateOf(socket, name), QStringLiteral("running"));
        // Already running / already stopped (HTTP 304) is done, as the docker CLI counts it.
        QVERIFY_RESULT(act(ContainerAction::Start));
        QCOMPARE(stateOf(socket, name), QStringLiteral("running"));
        const auto busy = act(ContainerAction::Remove);
        // Podman refuses with HTTP 500 ("container state improper") where dockerd says 409.
        QVERIFY_RESULT_ERROR(busy, Fixtures::testsPodman() ? QStringLiteral("HTTP 500") : QStringLiteral("HTTP 409"));
        QVERIFY(busy.errorMessage().contains(name));
        QVERIFY_RESULT(act(ContainerAction::Stop));
        QCOMPARE(stateOf(socket, name), QStringLiteral("exited"));
        QVERIFY_RESULT(act(ContainerAction::Stop));
        QCOMPARE(stateOf(socket, name), QStringLiteral("exited"));
        QVERIFY_RESULT(act(ContainerAction::Start));
        QCOMPARE(stateOf(socket, name), QStringLiteral("running"));
        QVERIFY_RESULT(act(ContainerAction::Restart));
        QCOMPARE(stateOf(socket, name), QStringLiteral("running"));
        QVERIFY_RESULT(act(ContainerAction::Remove, RemoveOptions{true, true}));
        QVERIFY(stateOf(socket, name).isEmpty());
        QVERIFY_RESULT_ERROR(act(ContainerAction::Start), Fixtures::noSuchContainer());
    }

    void eventsStreamSeesActions_data() { addTransports(); }
    void eventsStreamSeesActions()
    {
        QFETCH(QString, transport);
        DockerApiContainerSource src(apiHost(transport));
        const QString socket = daemonSocket(transport);
        const QString name =
            create(socket, QStringLiteral("api-ev"), {image(), QStringLiteral("sleep"), QStringLiteral("100000")});
        LogStream *events = src.events();
        QByteArray lines;
        connect(events, &LogStream::dataReceived, this, [&](const QByteArray &d, OutputChannel) { lines += d; });
        // The subscription is live only once the daemon answered, which the stream does not
        // signal: pause (and unpause) until the stream reports a pause, a bounded number of times.
        const auto seenPause = [&] { return lines.contains("\"status\":\"pause\"") && lines.contains(name.toUtf8()); };
        for (int attempt = 0; attempt < 10 && !seenPause(); ++attempt) {
            QVERIFY_RESULT(awaitResult<void>([&](auto cb) { src.perform(ContainerAction::Pause, name, {}, cb); }));
            if (QTest::qWaitFor(seenPause, 3000))
                break;
            QVERIFY_RESULT(awaitResult<void>([&](auto cb) { src.perform(ContainerAction::Unpause, name, {}, cb); }));
        }
        QVERIFY2(seenPause(), lines.constData());
        events->stop();
        delete events;
    }

    // `archnest-cli stats` on the unix socket: every row starts with the container's short ID and
    // every value starts under its column's header (Podman's stats named no "id": empty IDs
    // shifted the table).
    void cliStatsTableHasIdsAndAlignedColumns()
    {
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ARCHNEST_CONFIG_DIR"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("ARCHNEST_DATA_DIR"), home.filePath(QStringLiteral("data")));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ARCHNEST_CLI_PATH),
                {QStringLiteral("stats"), QStringLiteral("unix://") + daemonSocket(QStringLiteral("unix"))});
        QVERIFY(p.waitForFinished(90000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(lines.size() >= 2, qPrintable(out));
        const QString header = lines.first();
        QVERIFY2(header.startsWith(QLatin1String("CONTAINER ID")), qPrintable(out));
        QList<qsizetype> starts;
        for (const QString &column :
             {QStringLiteral("CPU %"), QStringLiteral("MEM USAGE / LIMIT"), QStringLiteral("MEM %"),
              QStringLiteral("NET I/O"), QStringLiteral("BLOCK I/O"), QStringLiteral("PIDS")})
            starts << header.indexOf(column);
        static const QRegularExpression shortId(QStringLiteral("^[0-9a-f]{12} "));
        const QString runningId =
            QString::fromUtf8(dockerOn(daemonSocket(QStringLiteral("unix")),
                                       {QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.Id}}"),
                                        setFor(QStringLiteral("unix")).running})
                                  .out)
                .trimmed()
                .left(12);
        bool sawRunning = false;
        for (const QString &row : lines.mid(1)) {
            QVERIFY2(shortId.match(row).hasMatch(), qPrintable(out));
            sawRunning = sawRunning || row.startsWith(runningId);
            for (const qsizetype at : std::as_const(starts))
                QVERIFY2(at > 0 && row.size() > at && row.at(at - 1) == QLatin1Char(' ') &&
                             row.at(at) != QLatin1Char(' '),
                         qPrintable(out));
        }
        QVERIFY2(sawRunning, qPrintable(out));
    }

    void readOnlyHostRefusesMutations()
    {
        HostConfig h = apiHost(QStringLiteral("unix"));
        h.readOnly = true;
        DockerApiContainerSource src(h);
        const Set &s = setFor(QStringLiteral("unix"));
        QVERIFY(!src.canManage());
        const auto r = awaitResult<void>([&](auto cb) { src.perform(ContainerAction::Stop, s.running, {}, cb); });
        QVERIFY_RESULT_ERROR(r, QStringLiteral("read-only"));
        QCOMPARE(r.error().code, QStringLiteral("read-only"));
        QCOMPARE(stateOf(daemonSocket(QStringLiteral("unix")), s.running), QStringLiteral("running"));
        QVERIFY_RESULT_ERROR(
            awaitResult<ExecResult>([&](auto cb) { src.execRun(s.running, {QStringLiteral("true")}, cb); }),
            QStringLiteral("read-only"));
        // Reading still works.
        QVERIFY_RESULT(awaitResult<QList<ContainerSummary>>([&](auto cb) { src.list(true, cb); }));
    }

    void execRunOutputAndExitCode_data() { addTransports(); }
    void execRunOutputAndExitCode()
    {
        QFETCH(QString, transport);
        DockerApiContainerSource src(apiHost(transport));
        const Set &s = setFor(transport);
        const auto r = awaitResult<ExecResult>([&](auto cb) {
            src.execRun(s.running,
                        {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo out; echo err >&2; exit 7")},
                        cb);
        });
        QVERIFY_RESULT(r);
        QCOMPARE(r->out, QByteArray("out\n"));
        QCOMPARE(r->err, QByteArray("err\n"));
        QCOMPARE(r->exitCode, 7);
        const auto zero =
            awaitResult<ExecResult>([&](auto cb) { src.execRun(s.running, {QStringLiteral("true")}, cb); });
        QVERIFY_RESULT(zero);
        QCOMPARE(zero->exitCode, 0);
        QVERIFY_RESULT_ERROR(
            awaitResult<ExecResult>([&](auto cb) { src.execRun(s.stopped, {QStringLiteral("true")}, cb); }),
            Fixtures::testsPodman() ? QStringLiteral("only create exec sessions on running containers")
                                    : QStringLiteral("is not running"));
        QVERIFY_RESULT_ERROR(
            awaitResult<ExecResult>([&](auto cb) { src.execRun(s.paused, {QStringLiteral("true")}, cb); }),
            QStringLiteral("paused"));
    }

    void interactiveExecResize_data() { addTransports(); }
    void interactiveExecResize()
    {
        QFETCH(QString, transport);
        DockerApiContainerSource src(apiHost(transport));
        const Set &s = setFor(transport);
        ExecOptions o;
        o.command = {QStringLiteral("sh")};
        o.cols = 80;
        o.rows = 24;
        ExecStream *exec = src.openExec(s.running, o);
        QByteArray out;
        int exitCode = -100;
        QString failure;
        bool started = false;
        connect(exec, &ExecStream::started, this, [&] { started = true; });
        connect(exec, &ExecStream::dataReceived, this, [&](const QByteArray &d, OutputChannel) { out += d; });
        connect(exec, &ExecStream::finished, this, [&](int c) { exitCode = c; });
        connect(exec, &ExecStream::failed, this, [&](const QString &m) { failure = m; });
        QVERIFY2(QTest::qWaitFor([&] { return started || !failure.isEmpty(); }, 15000), "exec did not start");
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        // A resize reaches the daemon asynchronously (API 1.41 has no size at exec create, so
        // even the first one follows the start): ask again, bounded, until the PTY shows it.
        auto ptyShows = [&](const QByteArray &size) {
            for (int attempt = 0; attempt < 20; ++attempt) {
                exec->write("stty size\n");
                if (QTest::qWaitFor([&] { return out.contains(size); }, 500))
                    return true;
            }
            return false;
        };
        QVERIFY2(ptyShows("24 80"), out.constData());
        exec->resize(100, 30);
        QVERIFY2(ptyShows("30 100"), out.constData());
        exec->write("exit 5\n");
        QVERIFY2(QTest::qWaitFor([&] { return exitCode != -100 || !failure.isEmpty(); }, 15000), out.constData());
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(exitCode, 5);
        delete exec;
    }

    void execStdinWithoutTty()
    {
        DockerApiContainerSource src(apiHost(QStringLiteral("unix")));
        ExecOptions o;
        o.command = {QStringLiteral("cat")};
        o.tty = false;
        ExecStream *exec = src.openExec(setFor(QStringLiteral("unix")).running, o);
        QByteArray out;
        int exitCode = -100;
        connect(exec, &ExecStream::dataReceived, this, [&](const QByteArray &d, OutputChannel) { out += d; });
        connect(exec, &ExecStream::finished, this, [&](int c) { exitCode = c; });
        exec->write("echoed back\n");
        exec->closeStdin();
        QVERIFY2(QTest::qWaitFor([&] { return exitCode != -100; }, 15000), out.constData());
        QCOMPARE(out, QByteArray("echoed back\n"));
        QCOMPARE(exitCode, 0);
        delete exec;
    }

    void revealEnvGivesTheClearValue()
    {
        DockerApiContainerSource src(apiHost(tcpOrUnix()));
        const Set &s = setFor(tcpOrUnix());
        const auto v =
            awaitResult<QString>([&](auto cb) { src.revealEnv(s.running, QStringLiteral("SECRET_TOKEN"), cb); });
        QVERIFY_RESULT(v);
        QCOMPARE(*v, QStringLiteral("tok-123"));
        QVERIFY_RESULT_ERROR(
            awaitResult<QString>([&](auto cb) { src.revealEnv(s.running, QStringLiteral("NOT_THERE"), cb); }),
            QStringLiteral("NOT_THERE"));
    }

    void attachOverWebSocket_data()
    {
        QTest::addColumn<QString>("transport");
        if (Fixtures::testsPodman()) {
            // Attach over WebSocket is a tcp:// feature; Podman's fixture serves a unix socket only.
            QTest::newRow("podman-unix-refused") << QStringLiteral("unix");
            return;
        }
        QTest::newRow("tcp") << QStringLiteral("tcp");
        QTest::newRow("tls") << QStringLiteral("tls");
    }
    void attachOverWebSocket()
    {
        QFETCH(QString, transport);
        if (transport == QLatin1String("unix"))
            return attachRefusedOnUnixSocket();
        DockerApiContainerSource src(apiHost(transport));
        const Set &s = setFor(transport);
        ExecStream *att = src.attachWebSocket(s.interactive);
        QByteArray out;
        bool started = false;
        QString failure;
        connect(att, &ExecStream::started, this, [&] { started = true; });
        connect(att, &ExecStream::dataReceived, this, [&](const QByteArray &d, OutputChannel) { out += d; });
        connect(att, &ExecStream::failed, this, [&](const QString &m) { failure = m; });
        QVERIFY2(QTest::qWaitFor([&] { return started || !failure.isEmpty(); }, 15000), "attach did not open");
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        att->write("echo hello-$((6*7))\n");
        QVERIFY2(QTest::qWaitFor([&] { return out.contains("hello-42"); }, 10000), out.constData());
        att->terminate();
        delete att;
    }

    void attachToAStoppedContainerFailsClearly()
    {
        if (Fixtures::testsPodman())
            return attachRefusedOnUnixSocket(); // no TCP to attach over (see attachOverWebSocket_data)
        DockerApiContainerSource src(apiHost(QStringLiteral("tcp")));
        ExecStream *att = src.attachWebSocket(setFor(QStringLiteral("tcp")).stopped);
        QString failure;
        int exitCode = -100;
        connect(att, &ExecStream::failed, this, [&](const QString &m) { failure = m; });
        connect(att, &ExecStream::finished, this, [&](int c) { exitCode = c; });
        QVERIFY(QTest::qWaitFor([&] { return !failure.isEmpty() || exitCode != -100; }, 15000));
        QVERIFY2(failure.contains(setFor(QStringLiteral("tcp")).stopped) &&
                     failure.contains(QStringLiteral("not running")),
                 qPrintable(failure));
        delete att;
    }

    void attachRefusedOnUnixSocket()
    {
        DockerApiContainerSource src(apiHost(QStringLiteral("unix")));
        ExecStream *att = src.attachWebSocket(setFor(QStringLiteral("unix")).interactive);
        QSignalSpy failed(att, &ExecStream::failed);
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("only tcp://")));
        delete att;
    }
};

QTEST_GUILESS_MAIN(TestApiSource)
#include "tst_api_source.moc"
