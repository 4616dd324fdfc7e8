// Per-command latency over SSH: a warm persistent session (one channel per command) vs a fresh
// connection per command, directly and through one jump host, for a bare channel (`true`: open,
// exec, exit status) and for `docker ps`. Needs the sshd + dockerd fixtures
// (ARCHNEST_FIXTURE_DIR); every loop is bounded in runs and wall time.
#include "BenchSupport.h"
#include "Fixtures.h"
#include "ssh/SshSession.h"

#include <QCoreApplication>
#include <QDeadlineTimer>

#include <memory>
#include <optional>

using namespace archnest;
using archnest::test::Fixtures;

namespace {

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

ssh::SshTarget target(bool viaJump)
{
    const Fixtures &fx = Fixtures::instance();
    ssh::SshTarget t;
    t.endpoint = endpoint(fx.sshTargetPort());
    if (viaJump)
        t.jumps = {endpoint(fx.sshJumpPort())};
    t.knownHostsFile = fx.value(QStringLiteral("ARCHNEST_FX_SSH_KNOWN_HOSTS"));
    return t;
}

bool runOne(ssh::SshSession &s, const QString &cmd)
{
    std::optional<Result<ssh::SshExecResult>> r;
    s.exec(cmd, {}, 30000, [&](Result<ssh::SshExecResult> res) { r = std::move(res); });
    QDeadlineTimer deadline(60000);
    while (!r && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    if (!r || !r->ok() || r->value().exitStatus != 0) {
        std::fprintf(stderr, "bench_ssh: `%s` failed: %s\n", qPrintable(cmd),
                     r ? qPrintable(r->errorMessage()) : "timeout");
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Fixtures &fx = Fixtures::instance();
    if (fx.sshTargetPort() <= 0) {
        std::fprintf(stderr, "bench_ssh: no sshd fixture in %s\n", qPrintable(fx.dir()));
        return 1;
    }
    const QString dockerPs = QStringLiteral("docker ps --format '{{.ID}} {{.Names}} {{.State}}'");
    struct Case
    {
        const char *name;
        QString command;
        bool jump;
    };
    const Case cases[] = {{"true", QStringLiteral("true"), false},
                          {"docker_ps", dockerPs, false},
                          {"true.jump", QStringLiteral("true"), true},
                          {"docker_ps.jump", dockerPs, true}};
    for (const Case &c : cases) {
        const ssh::SshTarget t = target(c.jump);
        const auto fresh = bench::sample(
            [&] {
                ssh::SshSession s(t, nullptr);
                return runOne(s, c.command);
            },
            15, 8000);
        ssh::SshSession warmSession(t, nullptr);
        if (!runOne(warmSession, c.command)) // connect once, outside the samples
            return 1;
        const auto warm = bench::sample([&] { return runOne(warmSession, c.command); }, 40, 5000);
        const QString base = QStringLiteral("ssh.exec.%1").arg(QLatin1String(c.name));
        bench::row(base + QStringLiteral(".fresh"), fresh.median(), QStringLiteral("ms"), 0,
                   QStringLiteral("new connection + auth per command, n=%1, p90 %2 ms")
                       .arg(fresh.ms.size())
                       .arg(fresh.percentile(0.9), 0, 'f', 1));
        bench::row(base + QStringLiteral(".warm"), warm.median(), QStringLiteral("ms"), fresh.median(),
                   QStringLiteral("one channel on a persistent session, n=%1, p90 %2 ms; baseline = fresh")
                       .arg(warm.ms.size())
                       .arg(warm.percentile(0.9), 0, 'f', 1));
    }
    // 30 `true` at once on one warm session (channel cap 8, the rest queued): wall time per command.
    {
        ssh::SshSession s(target(false), nullptr);
        if (!runOne(s, QStringLiteral("true")))
            return 1;
        const auto burst = bench::sample(
            [&] {
                int done = 0;
                bool ok = true;
                for (int i = 0; i < 30; ++i)
                    s.exec(QStringLiteral("true"), {}, 30000, [&](Result<ssh::SshExecResult> r) {
                        ++done;
                        ok = ok && r.ok();
                    });
                QDeadlineTimer deadline(60000);
                while (done < 30 && !deadline.hasExpired())
                    QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
                return ok && done == 30;
            },
            5, 10000, 2);
        bench::row(QStringLiteral("ssh.exec.true.warm.burst30"), burst.median() / 30, QStringLiteral("ms"), 0,
                   QStringLiteral("30 concurrent commands on one session, wall time / 30, n=%1").arg(burst.ms.size()));
    }
    return 0;
}
