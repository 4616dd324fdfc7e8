// SshCliContainerSource against the real fixtures: the real sshd (directly and behind the jump
// host) running the docker CLI against the private dockerd - or, in the test_sshcli_source_podman
// variant, `"dockerCommand": "podman"` against the rootful Podman fixture (same tests, same
// standard containers; the podman CLI is then the oracle). Every operation on running, stopped
// and paused containers; mutations on containers this test creates; exec output, exit code and
// PTY resize; injection attempts refused before anything runs (canary file).
#include "Fixtures.h"
#include "TestSupport.h"
#include "docker/sshcli/SshCliContainerSource.h"
#include "security/ShellQuote.h"
#include "tst_ssh_support.h"

#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace archnest;
using archnest::test::Fixtures;

namespace {

template<typename T>
std::optional<Result<T>> await(const std::function<void(Callback<T>)> &call, int timeoutMs = 90000)
{
    std::optional<Result<T>> out;
    call([&out](Result<T> r) { out.emplace(std::move(r)); });
    (void)QTest::qWaitFor([&] { return out.has_value(); }, timeoutMs);
    return out;
}

QString dockerState(const QString &name)
{
    const auto r = Fixtures::instance().engine(
        {QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.State.Status}}"), name});
    return r.exitCode == 0 ? QString::fromUtf8(r.out).trimmed() : QStringLiteral("<gone>");
}

// Types `line` until `expected` shows up on the screen (at most 5 tries, 6 s each).
bool typeUntil(ExecStream *exec, const QByteArray &line, const QByteArray &screen, const QByteArray &expected)
{
    for (int attempt = 0; attempt < 5; ++attempt) {
        exec->write(line);
        if (QTest::qWaitFor([&] { return screen.contains(expected); }, 6000))
            return true;
    }
    return false;
}

const ContainerSummary *findByName(const QList<ContainerSummary> &list, const QString &name)
{
    for (const ContainerSummary &s : list) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

} // namespace

class TestSshcliSource final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_knownHosts;
    test::FakeUserInteraction m_user;
    std::unique_ptr<SshCliContainerSource> m_source;
    QStringList m_created;

    HostConfig targetHost() const
    {
        HostConfig h;
        h.name = QStringLiteral("fx-target");
        h.kind = HostKind::Ssh;
        h.ssh = test::keyEndpoint(Fixtures::instance().sshTargetPort());
        h.knownHostsFile = m_knownHosts;
        // The podman variant (ARCHNEST_TEST_ENGINE=podman): the remote `podman`, a client of the
        // rootful fixture service.
        if (Fixtures::testsPodman())
            h.dockerCommand = QStringLiteral("podman");
        return h;
    }

    QString createContainer(const QStringList &extra = {})
    {
        const QString name = Fixtures::uniqueName(QStringLiteral("sshcli"));
        QStringList args{QStringLiteral("run"),  QStringLiteral("-d"),     QStringLiteral("--network"),
                         QStringLiteral("none"), QStringLiteral("--name"), name};
        args << extra << Fixtures::instance().image();
        args << QStringLiteral("sh") << QStringLiteral("-c")
             << QStringLiteral("trap 'exit 0' TERM; i=0; while [ $i -lt 3000 ]; do echo line$i; i=$((i+1)); sleep 0.2; "
                               "done");
        const auto r = Fixtures::instance().engine(args);
        if (r.exitCode != 0)
            qWarning("docker run failed: %s", r.err.constData());
        m_created << name;
        return name;
    }

    VoidResult perform(ContainerSource &s, ContainerAction a, const QString &ref, RemoveOptions o = {})
    {
        auto r = await<void>([&](Callback<void> cb) { s.perform(a, ref, o, std::move(cb)); }, 150000);
        return r ? *r : VoidResult(makeError(QStringLiteral("timed out")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_TARGET_PORT");
        ARCHNEST_REQUIRE_ENGINE_FIXTURE();
        QVERIFY(m_tmp.isValid());
        m_knownHosts = m_tmp.filePath(QStringLiteral("known_hosts"));
        QVERIFY(QFile::copy(test::fxValue("ARCHNEST_FX_SSH_KNOWN_HOSTS"), m_knownHosts));
        m_source = std::make_unique<SshCliContainerSource>(targetHost(), &m_user);
    }

    void cleanupTestCase()
    {
        m_source.reset();
        if (!m_created.isEmpty())
            Fixtures::instance().engine(QStringList{QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("-v")}
                                        << m_created);
    }

    void listsAllOrRunning()
    {
        auto all = await<QList<ContainerSummary>>([&](auto cb) { m_source->list(true, std::move(cb)); });
        QVERIFY(all);
        QVERIFY_RESULT(*all);
        const ContainerSummary *running = findByName(all->value(), QStringLiteral("fx-running"));
        const ContainerSummary *stopped = findByName(all->value(), QStringLiteral("fx-stopped"));
        const ContainerSummary *paused = findByName(all->value(), QStringLiteral("fx-paused"));
        QVERIFY(running && stopped && paused);
        QCOMPARE(running->state, ContainerState::Running);
        QCOMPARE(stopped->state, ContainerState::Exited);
        QCOMPARE(paused->state, ContainerState::Paused);
        QCOMPARE(running->hostName, QStringLiteral("fx-target"));
        QCOMPARE(running->id.size(), 64);
        QCOMPARE(running->labels.value(QStringLiteral("com.example.team")), QStringLiteral("ops"));
        QVERIFY(stopped->status.startsWith(QLatin1String("Exited (3)")));
        QCOMPARE(m_source->status(), HostStatus::Connected);
        QCOMPARE(m_source->engine(), Fixtures::testsPodman() ? ContainerEngine::Podman : ContainerEngine::Docker);

        auto up = await<QList<ContainerSummary>>([&](auto cb) { m_source->list(false, std::move(cb)); });
        QVERIFY(up && up->ok());
        QVERIFY(findByName(up->value(), QStringLiteral("fx-running")));
        QVERIFY(!findByName(up->value(), QStringLiteral("fx-stopped")));
    }

    void inspectsManyInOneCall()
    {
        auto r = await<QList<ContainerDetail>>([&](auto cb) {
            m_source->inspect({QStringLiteral("fx-running"), QStringLiteral("fx-stopped"), QStringLiteral("fx-paused")},
                              std::move(cb));
        });
        QVERIFY(r);
        QVERIFY_RESULT(*r);
        QCOMPARE(r->value().size(), 3);
        const ContainerDetail &run = r->value().at(0);
        QCOMPARE(run.summary.name, QStringLiteral("fx-running"));
        QCOMPARE(run.summary.state, ContainerState::Running);
        QVERIFY(run.pid > 0);
        QVERIFY(run.startedAt.isValid());
        QCOMPARE(run.mounts.size(), 2);
        // The engine decides: dockerd keeps the exposed ports and the "none" network of a
        // --network none container, Podman neither (its CLI's inspect is the oracle).
        const QString counts =
            !Fixtures::testsPodman()
                ? QStringLiteral("2 1")
                : QString::fromUtf8(
                      Fixtures::instance()
                          .engine({QStringLiteral("inspect"), QStringLiteral("-f"),
                                   QStringLiteral("{{len .NetworkSettings.Ports}} {{len .NetworkSettings.Networks}}"),
                                   QStringLiteral("fx-running")})
                          .out)
                      .trimmed();
        QCOMPARE(QStringLiteral("%1 %2").arg(run.summary.ports.size()).arg(run.networks.size()), counts);
        bool sawMasked = false;
        for (const EnvVar &e : run.env) {
            QVERIFY2(!e.value.contains(QLatin1String("fx-secret-value")), "secret env values must be masked");
            sawMasked |= e.key == QLatin1String("DB_PASSWORD") && e.masked;
        }
        QVERIFY(sawMasked);
        const ContainerDetail &stopped = r->value().at(1);
        QCOMPARE(stopped.summary.state, ContainerState::Exited);
        QCOMPARE(stopped.exitCode, std::optional<int>(3));
        QVERIFY(stopped.finishedAt.isValid());
        QCOMPARE(r->value().at(2).summary.state, ContainerState::Paused);
    }

    void inspectsInBatches()
    {
        // More refs than one batch: the calls chain and the results keep their order.
        QStringList refs;
        for (int i = 0; i <= SshCliContainerSource::kInspectBatch; ++i)
            refs << (i % 2 ? QStringLiteral("fx-stopped") : QStringLiteral("fx-running"));
        auto r = await<QList<ContainerDetail>>([&](auto cb) { m_source->inspect(refs, std::move(cb)); });
        QVERIFY(r);
        QVERIFY_RESULT(*r);
        QCOMPARE(r->value().size(), refs.size());
        QCOMPARE(r->value().last().summary.name, QStringLiteral("fx-running"));
        QCOMPARE(r->value().at(1).summary.name, QStringLiteral("fx-stopped"));
    }

    void inspectReportsMissingContainers()
    {
        auto none = await<QList<ContainerDetail>>(
            [&](auto cb) { m_source->inspect({QStringLiteral("no-such-container-sshcli")}, std::move(cb)); });
        QVERIFY(none);
        QVERIFY_RESULT_ERROR(*none, QStringLiteral("fx-target"));
        QCOMPARE(none->error().code, QStringLiteral("not-found"));
        auto partial = await<QList<ContainerDetail>>([&](auto cb) {
            m_source->inspect({QStringLiteral("fx-running"), QStringLiteral("no-such-container-sshcli")},
                              std::move(cb));
        });
        QVERIFY(partial && partial->ok());
        QCOMPARE(partial->value().size(), 1);
    }

    void readsLogs()
    {
        LogOptions o;
        auto all = await<QByteArray>([&](auto cb) { m_source->logs(QStringLiteral("fx-stopped"), o, std::move(cb)); });
        QVERIFY(all && all->ok());
        QCOMPARE(all->value(), QByteArray("bye\n"));
        o.timestamps = true;
        o.tail = 1;
        auto stamped =
            await<QByteArray>([&](auto cb) { m_source->logs(QStringLiteral("fx-stopped"), o, std::move(cb)); });
        QVERIFY(stamped && stamped->ok());
        QVERIFY2(stamped->value().endsWith(" bye\n") && stamped->value().startsWith("20"),
                 stamped->value().constData());
        auto missing =
            await<QByteArray>([&](auto cb) { m_source->logs(QStringLiteral("no-such-sshcli"), {}, std::move(cb)); });
        QVERIFY(missing);
        // podman 4.3's remote client garbles this one ("channel 123 found ... lost synchronization"):
        // the error still names the container and the host.
        QVERIFY_RESULT_ERROR(*missing, Fixtures::testsPodman() ? QStringLiteral("no-such-sshcli on fx-target")
                                                               : Fixtures::noSuchContainer());
    }

    void logsTailAndSince()
    {
        const QString name = createContainer();
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto r = Fixtures::instance().engine({QStringLiteral("logs"), name});
                return r.out.count('\n') >= 4;
            },
            20000));
        LogOptions tail;
        tail.tail = 2;
        auto r = await<QByteArray>([&](auto cb) { m_source->logs(name, tail, std::move(cb)); });
        QVERIFY(r && r->ok());
        QCOMPARE(r->value().count('\n'), 2);
        LogOptions future;
        future.since = QDateTime::currentDateTimeUtc().addSecs(3600);
        auto none = await<QByteArray>([&](auto cb) { m_source->logs(name, future, std::move(cb)); });
        QVERIFY(none && none->ok());
        QVERIFY(none->value().isEmpty());
        LogOptions past; // issue 14: the since/until window reaches docker logs
        past.until = QDateTime(QDate(2001, 9, 9), QTime(0, 0), Qt::UTC);
        auto before = await<QByteArray>([&](auto cb) { m_source->logs(name, past, std::move(cb)); });
        QVERIFY(before && before->ok());
        QVERIFY2(before->value().isEmpty(), before->value().constData());
    }

    void followsLogs()
    {
        const QString name = createContainer();
        LogOptions o;
        o.tail = 0;
        QPointer<LogStream> stream = m_source->followLogs(name, o);
        QByteArray got;
        QString ended;
        connect(stream, &LogStream::dataReceived, this, [&](const QByteArray &d, OutputChannel) { got += d; });
        connect(stream, &LogStream::finished, this, [&](const QString &why) { ended = why; });
        connect(stream, &LogStream::failed, this,
                [&](const QString &why) { ended = QStringLiteral("failed: ") + why; });
        QVERIFY2(QTest::qWaitFor([&] { return got.count('\n') >= 3; }, 30000), got.constData());
        QVERIFY(got.startsWith("line"));
        // The stream ends when the container stops.
        QVERIFY(Fixtures::instance()
                    .engine({QStringLiteral("stop"), QStringLiteral("-t"), QStringLiteral("1"), name})
                    .exitCode == 0);
        QVERIFY2(QTest::qWaitFor([&] { return !ended.isEmpty(); }, 30000), "follow did not end with the container");
        QVERIFY2(!ended.startsWith(QLatin1String("failed")), qPrintable(ended));
        delete stream;
    }

    void statsSnapshotAndStream()
    {
        auto r = await<QList<StatsSample>>([&](auto cb) {
            m_source->stats({QStringLiteral("fx-running"), QStringLiteral("fx-paused")}, std::move(cb));
        });
        QVERIFY(r);
        QVERIFY_RESULT(*r);
        QCOMPARE(r->value().size(), 2);
        for (const StatsSample &s : r->value()) {
            QCOMPARE(s.containerId.size(), 64);
            QVERIFY(s.memoryBytes.has_value());
            QVERIFY(s.memoryLimitBytes.value_or(0) > 0);
            QVERIFY(s.pids.value_or(0) >= 1);
        }
        auto all = await<QList<StatsSample>>([&](auto cb) { m_source->stats({}, std::move(cb)); });
        QVERIFY(all && all->ok());
        QVERIFY(all->value().size() >= 2);

        QPointer<StatsStream> stream = m_source->streamStats(QStringLiteral("fx-running"));
        QList<StatsSample> samples;
        QString failure;
        connect(stream, &StatsStream::sampleReceived, this, [&](const StatsSample &s) { samples << s; });
        connect(stream, &StatsStream::failed, this, [&](const QString &m) { failure = m; });
        QVERIFY2(QTest::qWaitFor([&] { return samples.size() >= 2 || !failure.isEmpty(); }, 30000), "no live samples");
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QVERIFY(samples.first().memoryBytes.has_value());
        stream->stop();
        delete stream;
    }

    void readOperationsInEveryState_data()
    {
        QTest::addColumn<QString>("ref");
        QTest::addColumn<int>("state");
        QTest::addColumn<bool>("execWorks");
        QTest::newRow("running") << QStringLiteral("fx-running") << int(ContainerState::Running) << true;
        QTest::newRow("stopped") << QStringLiteral("fx-stopped") << int(ContainerState::Exited) << false;
        QTest::newRow("paused") << QStringLiteral("fx-paused") << int(ContainerState::Paused) << false;
    }
    void readOperationsInEveryState()
    {
        QFETCH(QString, ref);
        QFETCH(int, state);
        QFETCH(bool, execWorks);
        auto d = await<QList<ContainerDetail>>([&](auto cb) { m_source->inspect({ref}, std::move(cb)); });
        QVERIFY(d && d->ok());
        QCOMPARE(int(d->value().first().summary.state), state);
        auto logs = await<QByteArray>([&](auto cb) { m_source->logs(ref, {}, std::move(cb)); });
        QVERIFY(logs);
        QVERIFY_RESULT(*logs);
        auto stats = await<QList<StatsSample>>([&](auto cb) { m_source->stats({ref}, std::move(cb)); });
        QVERIFY(stats);
        QVERIFY_RESULT(*stats);
        QCOMPARE(stats->value().size(), 1);
        auto exec =
            await<ExecResult>([&](auto cb) { m_source->execRun(ref, {QStringLiteral("true")}, std::move(cb)); });
        QVERIFY(exec && exec->ok());
        QCOMPARE(exec->value().exitCode == 0, execWorks);
        auto env = await<QString>([&](auto cb) { m_source->revealEnv(ref, QStringLiteral("PATH"), std::move(cb)); });
        QVERIFY(env && env->ok());
    }

    void lifecycleOfOwnContainer()
    {
        const QString name = createContainer();
        QCOMPARE(dockerState(name), QStringLiteral("running"));
        QVERIFY_RESULT(perform(*m_source, ContainerAction::Pause, name));
        QCOMPARE(dockerState(name), QStringLiteral("paused"));
        // Pausing twice is docker's error, reported with the host's name.
        QVERIFY_RESULT_ERROR(perform(*m_source, ContainerAction::Pause, name), QStringLiteral("fx-target"));
        QVERIFY_RESULT(perform(*m_source, ContainerAction::Unpause, name));
        QCOMPARE(dockerState(name), QStringLiteral("running"));
        QVERIFY_RESULT(perform(*m_source, ContainerAction::Stop, name));
        QCOMPARE(dockerState(name), QStringLiteral("exited"));
        QVERIFY_RESULT_ERROR(perform(*m_source, ContainerAction::Pause, name), QStringLiteral("is not running"));
        QVERIFY_RESULT(perform(*m_source, ContainerAction::Start, name));
        QCOMPARE(dockerState(name), QStringLiteral("running"));
        QVERIFY_RESULT(perform(*m_source, ContainerAction::Restart, name));
        QCOMPARE(dockerState(name), QStringLiteral("running"));
        // rm without --force refuses a running container; with it the container goes.
        QVERIFY_RESULT_ERROR(perform(*m_source, ContainerAction::Remove, name), QStringLiteral("fx-target"));
        QVERIFY_RESULT(perform(*m_source, ContainerAction::Remove, name, {true, true}));
        QCOMPARE(dockerState(name), QStringLiteral("<gone>"));
    }

    void removeWithVolumes()
    {
        const QString name = createContainer({QStringLiteral("-v"), QStringLiteral("/anon")});
        const auto vol = Fixtures::instance().engine({QStringLiteral("inspect"), QStringLiteral("-f"),
                                                      QStringLiteral("{{range .Mounts}}{{.Name}}{{end}}"), name});
        const QString volume = QString::fromUtf8(vol.out).trimmed();
        QVERIFY(!volume.isEmpty());
        QVERIFY_RESULT(perform(*m_source, ContainerAction::Stop, name));
        QVERIFY_RESULT(perform(*m_source, ContainerAction::Remove, name, {false, true}));
        QCOMPARE(dockerState(name), QStringLiteral("<gone>"));
        QVERIFY(Fixtures::instance().engine({QStringLiteral("volume"), QStringLiteral("inspect"), volume}).exitCode !=
                0);
    }

    void execRunsCommandsWithOutputAndExitCode()
    {
        auto r = await<ExecResult>([&](auto cb) {
            m_source->execRun(
                QStringLiteral("fx-running"),
                {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo out; echo err >&2; exit 7")},
                std::move(cb));
        });
        QVERIFY(r && r->ok());
        QCOMPARE(r->value().exitCode, 7);
        QCOMPARE(r->value().out, QByteArray("out\n"));
        QCOMPARE(r->value().err, QByteArray("err\n"));
        // Arguments reach the container literally.
        auto lit = await<ExecResult>([&](auto cb) {
            m_source->execRun(QStringLiteral("fx-running"), {QStringLiteral("echo"), QStringLiteral("$HOME;`id` 'q'")},
                              std::move(cb));
        });
        QVERIFY(lit && lit->ok());
        QCOMPARE(lit->value().out, QByteArray("$HOME;`id` 'q'\n"));
        for (const char *ref : {"fx-stopped", "fx-paused"}) {
            auto bad = await<ExecResult>(
                [&](auto cb) { m_source->execRun(QString::fromLatin1(ref), {QStringLiteral("true")}, std::move(cb)); });
            QVERIFY(bad && bad->ok());
            QVERIFY2(bad->value().exitCode != 0, ref);
            QVERIFY(!bad->value().err.isEmpty());
        }
    }

    void interactiveExecResizesThePty()
    {
        ExecOptions o;
        o.command = {QStringLiteral("sh")};
        o.cols = 100;
        o.rows = 30;
        QPointer<ExecStream> exec = m_source->openExec(QStringLiteral("fx-running"), o);
        QByteArray screen;
        std::optional<int> code;
        QString failure;
        connect(exec, &ExecStream::dataReceived, this, [&](const QByteArray &d, OutputChannel) { screen += d; });
        connect(exec, &ExecStream::finished, this, [&](int c) { code = c; });
        connect(exec, &ExecStream::failed, this, [&](const QString &m) { failure = m; });
        // busybox sh asks the terminal for the cursor position (ESC[6n) before its prompt and may
        // swallow early input as the reply: wait for the prompt, and retype if it was eaten.
        QVERIFY2(QTest::qWaitFor([&] { return screen.contains("# "); }, 30000), screen.constData());
        QVERIFY2(typeUntil(exec, "stty size\n", screen, "30 100"), screen.constData());
        exec->resize(120, 40);
        QVERIFY2(typeUntil(exec, "stty size\n", screen, "40 120"), screen.constData());
        for (int i = 0; i < 5 && !code && failure.isEmpty(); ++i) {
            exec->write("exit 5\n");
            (void)QTest::qWaitFor([&] { return code.has_value() || !failure.isEmpty(); }, 6000);
        }
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QVERIFY(code.has_value());
        QCOMPARE(*code, 5);
        delete exec;
    }

    void interactiveExecDefaultsToAShell()
    {
        ExecOptions o; // no command: bash if present, else sh (busybox has only sh)
        QPointer<ExecStream> exec = m_source->openExec(QStringLiteral("fx-running"), o);
        QByteArray screen;
        std::optional<int> code;
        connect(exec, &ExecStream::dataReceived, this, [&](const QByteArray &d, OutputChannel) { screen += d; });
        connect(exec, &ExecStream::finished, this, [&](int c) { code = c; });
        QVERIFY2(QTest::qWaitFor([&] { return screen.contains("# "); }, 30000), screen.constData());
        QVERIFY2(typeUntil(exec, "echo shell-$((20+22))\n", screen, "shell-42"), screen.constData());
        for (int i = 0; i < 5 && !code; ++i) {
            exec->write("exit 3\n");
            (void)QTest::qWaitFor([&] { return code.has_value(); }, 6000);
        }
        QVERIFY(code.has_value());
        QCOMPARE(*code, 3);
        delete exec;
    }

    void revealsOneEnvValueOnRequest()
    {
        auto r = await<QString>([&](auto cb) {
            m_source->revealEnv(QStringLiteral("fx-running"), QStringLiteral("DB_PASSWORD"), std::move(cb));
        });
        QVERIFY(r && r->ok());
        QCOMPARE(r->value(), QStringLiteral("fx-secret-value-1234"));
        auto missing = await<QString>(
            [&](auto cb) { m_source->revealEnv(QStringLiteral("fx-running"), QStringLiteral("NOPE"), std::move(cb)); });
        QVERIFY(missing);
        QVERIFY_RESULT_ERROR(*missing, QStringLiteral("NOPE"));
    }

    void readOnlyHostRefusesMutationsInCore()
    {
        HostConfig h = targetHost();
        h.name = QStringLiteral("fx-readonly");
        h.readOnly = true;
        SshCliContainerSource ro(h, &m_user);
        QVERIFY(!ro.canManage());
        for (ContainerAction a : {ContainerAction::Stop, ContainerAction::Pause, ContainerAction::Remove}) {
            const VoidResult r = perform(ro, a, QStringLiteral("fx-running"), {true, true});
            QVERIFY_RESULT_ERROR(r, QStringLiteral("read-only"));
            QCOMPARE(r.error().code, QStringLiteral("read-only"));
        }
        QCOMPARE(dockerState(QStringLiteral("fx-running")), QStringLiteral("running"));
        auto exec = await<ExecResult>(
            [&](auto cb) { ro.execRun(QStringLiteral("fx-running"), {QStringLiteral("true")}, std::move(cb)); });
        QVERIFY(exec);
        QVERIFY_RESULT_ERROR(*exec, QStringLiteral("read-only"));
        QString failure;
        ExecStream *s = ro.openExec(QStringLiteral("fx-running"), {});
        connect(s, &ExecStream::failed, this, [&](const QString &m) { failure = m; });
        QVERIFY(QTest::qWaitFor([&] { return !failure.isEmpty(); }, 5000));
        QVERIFY(failure.contains(QLatin1String("read-only")));
        // Reading still works.
        auto list = await<QList<ContainerSummary>>([&](auto cb) { ro.list(true, std::move(cb)); });
        QVERIFY(list && list->ok());
    }

    void badDockerCommandIsRefused()
    {
        HostConfig h = targetHost();
        h.dockerCommand = QStringLiteral("docker; touch /tmp/never");
        SshCliContainerSource bad(h, &m_user);
        auto r = await<QList<ContainerSummary>>([&](auto cb) { bad.list(true, std::move(cb)); });
        QVERIFY(r);
        QVERIFY_RESULT_ERROR(*r, QStringLiteral("dockerCommand"));
    }

    // Injection: every entry point refuses these refs before a command exists; the canary file
    // (which the remote user could create) proves nothing ran on the real sshd.
    void injectionIsRefusedBeforeAnythingRuns_data()
    {
        QTest::addColumn<QString>("ref");
        const QString canary = QStringLiteral("/tmp/archnest-canary-%1").arg(QCoreApplication::applicationPid());
        QTest::newRow("semicolon") << QStringLiteral("x;touch ") + canary;
        QTest::newRow("subst") << QStringLiteral("$(touch ") + canary + QLatin1Char(')');
        QTest::newRow("backticks") << QStringLiteral("`touch ") + canary + QLatin1Char('`');
        QTest::newRow("quote") << QStringLiteral("a';touch ") + canary + QStringLiteral(";'");
        QTest::newRow("-rf") << QStringLiteral("-rf");
        QTest::newRow("--help") << QStringLiteral("--help");
        QTest::newRow("newline") << QStringLiteral("x\ntouch ") + canary;
        QTest::newRow("pipe") << QStringLiteral("x|touch ") + canary;
        QTest::newRow("unicode") << QStringLiteral("caf\u00e9");
        QTest::newRow("300 chars") << QString(300, QLatin1Char('a'));
    }
    void injectionIsRefusedBeforeAnythingRuns()
    {
        QFETCH(QString, ref);
        const QString canary = QStringLiteral("/tmp/archnest-canary-%1").arg(QCoreApplication::applicationPid());
        QFile::remove(canary);
        SshCliContainerSource &s = *m_source;
        auto insp = await<QList<ContainerDetail>>([&](auto cb) { s.inspect({ref}, std::move(cb)); });
        QVERIFY(insp && !insp->ok());
        QCOMPARE(insp->error().code, QStringLiteral("bad-ref"));
        auto logs = await<QByteArray>([&](auto cb) { s.logs(ref, {}, std::move(cb)); });
        QVERIFY(logs && logs->error().code == QLatin1String("bad-ref"));
        auto stats = await<QList<StatsSample>>([&](auto cb) { s.stats({ref}, std::move(cb)); });
        QVERIFY(stats && stats->error().code == QLatin1String("bad-ref"));
        for (ContainerAction a : {ContainerAction::Start, ContainerAction::Stop, ContainerAction::Restart,
                                  ContainerAction::Pause, ContainerAction::Unpause, ContainerAction::Remove}) {
            const VoidResult r = perform(s, a, ref, {true, true});
            QVERIFY(!r.ok());
            QCOMPARE(r.error().code, QStringLiteral("bad-ref"));
        }
        auto run = await<ExecResult>([&](auto cb) { s.execRun(ref, {QStringLiteral("true")}, std::move(cb)); });
        QVERIFY(run && run->error().code == QLatin1String("bad-ref"));
        auto env = await<QString>([&](auto cb) { s.revealEnv(ref, QStringLiteral("A"), std::move(cb)); });
        QVERIFY(env && env->error().code == QLatin1String("bad-ref"));
        int streamFailures = 0;
        LogStream *ls = s.followLogs(ref, {});
        connect(ls, &LogStream::failed, this, [&] { ++streamFailures; });
        StatsStream *ss = s.streamStats(ref);
        connect(ss, &StatsStream::failed, this, [&] { ++streamFailures; });
        ExecStream *es = s.openExec(ref, {});
        connect(es, &ExecStream::failed, this, [&] { ++streamFailures; });
        QVERIFY(QTest::qWaitFor([&] { return streamFailures == 3; }, 10000));
        delete ls;
        delete ss;
        delete es;
        // The same text as an exec *argument* is quoted and reaches the container literally.
        auto literal = await<ExecResult>([&](auto cb) {
            s.execRun(QStringLiteral("fx-running"), {QStringLiteral("echo"), ref}, std::move(cb));
        });
        QVERIFY(literal && literal->ok());
        QCOMPARE(literal->value().out, ref.toUtf8() + '\n');
        QTest::qWait(300); // proves a negative: nothing ran, not even a moment later
        QVERIFY2(!QFileInfo::exists(canary), "the canary exists: something ran");
    }

    // Positive control for the canary: the remote user can create it, so its absence above
    // means nothing ran (not that it could not have been written). Also: shellQuote through
    // the remote user's real login shell gives exactly one literal argument.
    void canaryControlAndQuotingThroughTheRemoteShell()
    {
        const QString canary = QStringLiteral("/tmp/archnest-canary-%1").arg(QCoreApplication::applicationPid());
        QFile::remove(canary);
        auto touch = await<ExecResult>([&](auto cb) {
            // execRun on the container would write inside it; use the session to touch on the host.
            m_source->session()->exec(QStringLiteral("touch ") + security::shellQuote(canary), {}, 30000,
                                      [cb](Result<ssh::SshExecResult> r) {
                                          if (!r)
                                              return cb(r.error());
                                          ExecResult e;
                                          e.exitCode = r->exitStatus;
                                          cb(e);
                                      });
        });
        QVERIFY(touch && touch->ok());
        QCOMPARE(touch->value().exitCode, 0);
        QVERIFY(QFileInfo::exists(canary));
        QFile::remove(canary);

        const QStringList words = {QStringLiteral("x;touch ") + canary,
                                   QStringLiteral("$(touch ") + canary + QLatin1Char(')'),
                                   QStringLiteral("`touch ") + canary + QLatin1Char('`'),
                                   QStringLiteral("a'b"),
                                   QStringLiteral("-rf"),
                                   QStringLiteral("l1\nl2"),
                                   QStringLiteral("caf\u00e9")};
        QString cmd = QStringLiteral("printf '%s\\0'");
        QByteArray expected;
        for (const QString &w : words) {
            cmd += QLatin1Char(' ') + security::shellQuote(w);
            expected += w.toUtf8() + '\0';
        }
        auto r = test::runExec(*m_source->session(), cmd);
        QVERIFY(r && r->ok());
        QCOMPARE(r->value().out, expected);
        QVERIFY(!QFileInfo::exists(canary));
    }

    void worksBehindTheJumpHost()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_HIDDEN_PORT");
        const Fixtures &fx = Fixtures::instance();
        HostConfig h = targetHost();
        h.name = QStringLiteral("fx-hidden");
        h.ssh = test::keyEndpoint(fx.sshHiddenPort());
        h.jumps = {test::keyEndpoint(fx.sshJumpPort())};
        SshCliContainerSource hidden(h, &m_user);
        auto list = await<QList<ContainerSummary>>([&](auto cb) { hidden.list(true, std::move(cb)); });
        QVERIFY(list);
        QVERIFY_RESULT(*list);
        QVERIFY(findByName(list->value(), QStringLiteral("fx-paused")));
        auto insp = await<QList<ContainerDetail>>(
            [&](auto cb) { hidden.inspect({QStringLiteral("fx-stopped")}, std::move(cb)); });
        QVERIFY(insp && insp->ok());
        QCOMPARE(insp->value().first().exitCode, std::optional<int>(3));
        auto exec = await<ExecResult>([&](auto cb) {
            hidden.execRun(QStringLiteral("fx-running"),
                           {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("exit 9")}, std::move(cb));
        });
        QVERIFY(exec && exec->ok());
        QCOMPARE(exec->value().exitCode, 9);
        const QString name = createContainer();
        QVERIFY_RESULT(perform(hidden, ContainerAction::Pause, name));
        QCOMPARE(dockerState(name), QStringLiteral("paused"));
        QVERIFY_RESULT(perform(hidden, ContainerAction::Remove, name, {true, false}));
        QCOMPARE(dockerState(name), QStringLiteral("<gone>"));
    }

    void callbacksNeverRunAfterTheSourceIsGone()
    {
        bool called = false;
        {
            SshCliContainerSource shortLived(targetHost(), &m_user);
            shortLived.list(true, [&called](Result<QList<ContainerSummary>>) { called = true; });
            shortLived.inspect({QStringLiteral("$(id)")}, [&called](Result<QList<ContainerDetail>>) { called = true; });
        }
        QTest::qWait(2000); // proves a negative: no callback runs after the source is gone
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestSshcliSource)
#include "tst_sshcli_source.moc"
