// One refresh of the SSH-CLI source (list all + one batch inspect of every container) with 50
// extra containers on the fixture dockerd, measured three ways in one run:
//   local  - the same docker CLI command lines run on this machine (the floor)
//   warm   - SshCliContainerSource on one persistent session (the product's path)
//   fresh  - a new SSH connection per command (what `ssh host docker ...` or `docker -H ssh://`
//            do)
// plus the same through the jump host, and explicit `ps` fields vs `{{json .}}` locally.
// Needs the dockerd + sshd fixtures (ARCHNEST_FIXTURE_DIR). Bounded in runs and wall time;
// the 50 containers are removed at the end (and on every early exit).
#include "BenchSupport.h"
#include "Fixtures.h"
#include "docker/sshcli/DockerCliCommands.h"
#include "docker/sshcli/DockerCliParsers.h"
#include "docker/sshcli/SshCliContainerSource.h"
#include "ssh/SshInteraction.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <memory>
#include <optional>

using namespace archnest;
using archnest::test::Fixtures;

namespace {

constexpr int kContainers = 50;

// Host keys come from the fixture's known_hosts; nothing else is ever asked.
class RefusingInteraction final : public ssh::SshInteraction
{
public:
    void askHostKey(const ssh::HostKeyQuestion &, std::function<void(ssh::HostKeyDecision)> answer) override
    {
        answer(ssh::HostKeyDecision::Reject);
    }
    void askSecret(const ssh::SecretQuestion &, std::function<void(std::optional<QString>)> answer) override
    {
        answer(std::nullopt);
    }
};

SshEndpoint endpoint(int port)
{
    const Fixtures &fx = Fixtures::instance();
    SshEndpoint ep;
    ep.host = QStringLiteral("127.0.0.1");
    ep.port = port;
    ep.user = fx.sshUser();
    ep.auth.methods = {QStringLiteral("publickey")};
    ep.auth.identityFile = fx.value(QStringLiteral("ARCHNEST_FX_SSH_KEY"));
    ep.auth.useAgent = false;
    return ep;
}

template<typename T>
std::optional<Result<T>> await(const std::function<void(Callback<T>)> &call)
{
    std::optional<Result<T>> out;
    call([&out](Result<T> r) { out.emplace(std::move(r)); });
    QDeadlineTimer deadline(120000);
    while (!out && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return out;
}

// list + batch inspect through `source`; false (with a message) on any failure.
bool refresh(ContainerSource &source, int expectAtLeast)
{
    auto list = await<QList<ContainerSummary>>([&](auto cb) { source.list(true, std::move(cb)); });
    if (!list || !list->ok()) {
        std::fprintf(stderr, "bench_sshcli: list failed: %s\n", list ? qPrintable(list->errorMessage()) : "timeout");
        return false;
    }
    QStringList ids;
    for (const ContainerSummary &s : list->value())
        ids << s.id;
    auto details = await<QList<ContainerDetail>>([&](auto cb) { source.inspect(ids, std::move(cb)); });
    if (!details || !details->ok() || details->value().size() < expectAtLeast) {
        std::fprintf(stderr, "bench_sshcli: inspect failed: %s\n",
                     details ? qPrintable(details->errorMessage()) : "timeout");
        return false;
    }
    return true;
}

// The same command lines, run by /bin/sh on this machine against the fixture dockerd.
QByteArray runLocal(const QString &command, bool *ok)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix://") + Fixtures::instance().dockerSocket());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), command});
    *ok = p.waitForFinished(60000) && p.exitCode() == 0;
    return p.readAllStandardOutput();
}

bool refreshLocal(const sshcli::DockerCliCommands &cmds, int expectAtLeast)
{
    bool ok = false;
    const auto rows = sshcli::parsePsOutput(runLocal(cmds.list(true), &ok), QStringLiteral("local"));
    if (!ok || !rows)
        return false;
    QStringList ids;
    for (const ContainerSummary &s : *rows)
        ids << s.id;
    const auto details = sshcli::parseInspectOutput(runLocal(*cmds.inspect(ids), &ok), QStringLiteral("local"));
    return ok && details && details->size() >= expectAtLeast;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Fixtures &fx = Fixtures::instance();
    if (fx.sshTargetPort() <= 0 || fx.dockerSocket().isEmpty()) {
        std::fprintf(stderr, "bench_sshcli: no sshd/dockerd fixture in %s\n", qPrintable(fx.dir()));
        return 1;
    }
    QTemporaryDir tmp;
    const QString knownHosts = tmp.filePath(QStringLiteral("known_hosts"));
    QFile::copy(fx.value(QStringLiteral("ARCHNEST_FX_SSH_KNOWN_HOSTS")), knownHosts);

    // 50 extra containers, removed at the end whatever happens.
    const QString prefix = QStringLiteral("bench-sshcli-%1-").arg(QCoreApplication::applicationPid());
    QStringList names;
    struct Cleanup
    {
        QStringList *names;
        ~Cleanup()
        {
            if (!names->isEmpty())
                Fixtures::instance().docker(QStringList{QStringLiteral("rm"), QStringLiteral("-f")} << *names, 180000);
        }
    } cleanup{&names};
    for (int i = 0; i < kContainers; ++i) {
        const QString name = prefix + QString::number(i);
        const auto r =
            fx.docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("none"),
                       QStringLiteral("--name"), name, QStringLiteral("-l"), QStringLiteral("archnest.bench=1"),
                       fx.image(), QStringLiteral("sleep"), QStringLiteral("100000")});
        if (r.exitCode != 0) {
            std::fprintf(stderr, "bench_sshcli: docker run failed: %s\n", r.err.constData());
            return 1;
        }
        names << name;
    }
    const int expect = kContainers;
    const int maxRuns = 15;
    const qint64 maxMs = 20000;

    const auto cmds = *sshcli::DockerCliCommands::create(QStringLiteral("docker"));
    RefusingInteraction interaction;
    auto host = [&](bool viaJump) {
        HostConfig h;
        h.name = viaJump ? QStringLiteral("bench-hidden") : QStringLiteral("bench-target");
        h.ssh = endpoint(viaJump ? fx.sshHiddenPort() : fx.sshTargetPort());
        if (viaJump)
            h.jumps = {endpoint(fx.sshJumpPort())};
        h.knownHostsFile = knownHosts;
        return h;
    };

    SshCliContainerSource warmSource(host(false), &interaction);
    if (!refresh(warmSource, expect)) // connect + warm up, not measured
        return 1;
    // A new connection for each of the two commands.
    auto freshRefresh = [&] {
        SshCliContainerSource listSource(host(false), &interaction);
        auto list = await<QList<ContainerSummary>>([&](auto cb) { listSource.list(true, std::move(cb)); });
        if (!list || !list->ok())
            return false;
        QStringList ids;
        for (const ContainerSummary &s : list->value())
            ids << s.id;
        SshCliContainerSource inspectSource(host(false), &interaction);
        auto d = await<QList<ContainerDetail>>([&](auto cb) { inspectSource.inspect(ids, std::move(cb)); });
        return d && d->ok() && d->value().size() >= expect;
    };
    // Interleaved (local, warm, fresh, local, ...) so load from other work on this machine hits
    // all three alike; bounded in rounds and wall time.
    bench::Samples local, warm, fresh;
    {
        QElapsedTimer total;
        total.start();
        auto timed = [](bench::Samples &into, const std::function<bool()> &fn) {
            QElapsedTimer t;
            t.start();
            if (!fn())
                return false;
            into.ms.push_back(double(t.nsecsElapsed()) / 1e6);
            return true;
        };
        for (int round = 0; round < maxRuns && (round < 3 || total.elapsed() < 3 * maxMs); ++round) {
            if (!timed(local, [&] { return refreshLocal(cmds, expect); }) ||
                !timed(warm, [&] { return refresh(warmSource, expect); }) || !timed(fresh, freshRefresh))
                return 1;
        }
    }

    const QString note = QStringLiteral("list -a + inspect of %1+ containers").arg(expect);
    bench::row(QStringLiteral("sshcli.refresh.local_cli"), local.median(), QStringLiteral("ms"), 0, note);
    bench::row(QStringLiteral("sshcli.refresh.warm_ssh"), warm.median(), QStringLiteral("ms"), local.median(),
               QStringLiteral("vs local CLI (goal <= 1.3x); p90 %1 ms").arg(warm.percentile(0.9), 0, 'f', 1));
    bench::row(QStringLiteral("sshcli.refresh.fresh_ssh_per_command"), fresh.median(), QStringLiteral("ms"),
               warm.median(), QStringLiteral("warm is this much faster (goal >= 3x)"), true);

    if (fx.sshHiddenPort() > 0) {
        SshCliContainerSource jumpSource(host(true), &interaction);
        if (refresh(jumpSource, expect)) {
            const bench::Samples warmJump = bench::sample([&] { return refresh(jumpSource, expect); }, maxRuns, maxMs);
            bench::row(QStringLiteral("sshcli.refresh.warm_ssh.jump"), warmJump.median(), QStringLiteral("ms"),
                       local.median(), QStringLiteral("through one jump host, vs local CLI"));
            const bench::Samples freshJump = bench::sample(
                [&] {
                    SshCliContainerSource s(host(true), &interaction);
                    return refresh(s, expect); // one connection for both commands: the cheapest fresh case
                },
                8, maxMs);
            bench::row(QStringLiteral("sshcli.refresh.fresh_ssh.jump"), freshJump.median(), QStringLiteral("ms"),
                       warmJump.median(), QStringLiteral("one new connection per refresh; warm is this much faster"),
                       true);
        }
    }

    // Why `ps` lists explicit fields: `{{json .}}` makes the daemon compute sizes.
    bool ok = false;
    const bench::Samples explicitFields = bench::sample(
        [&] {
            runLocal(cmds.list(true), &ok);
            return ok;
        },
        maxRuns, 10000);
    const bench::Samples jsonAll = bench::sample(
        [&] {
            runLocal(QStringLiteral("docker ps --all --no-trunc --format '{{json .}}'"), &ok);
            return ok;
        },
        maxRuns, 10000);
    bench::row(QStringLiteral("sshcli.ps.explicit_fields"), explicitFields.median(), QStringLiteral("ms"),
               jsonAll.median(), QStringLiteral("local ps -a; baseline {{json .}} (computes sizes); ratio = speed-up"));
    return 0;
}
