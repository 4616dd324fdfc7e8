// Per-command latency over SSH: a warm persistent session (one channel per command) vs a fresh
// connection per command, directly and through one and two jump hosts, for a bare channel
// (`true`: open, exec, exit status) and for `docker ps`; the same warm `true` through OpenSSH
// (ControlMaster, direct and `ProxyJump`) measured in the same run. Then what idling costs: CPU
// of 1 and 20 connected idle sessions, and of `archnest-cli logs --follow` on a quiet container.
// Needs the sshd + dockerd fixtures (ARCHNEST_FIXTURE_DIR); every loop is bounded in runs and
// wall time; every process started is stopped by pid.
#include "BenchSupport.h"
#include "Fixtures.h"
#include "ssh/SshSession.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>
#include <unistd.h>

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

ssh::SshTarget target(int jumps)
{
    const Fixtures &fx = Fixtures::instance();
    ssh::SshTarget t;
    t.endpoint = endpoint(fx.sshTargetPort());
    for (int i = 0; i < jumps; ++i)
        t.jumps << endpoint(fx.sshJumpPort());
    t.knownHostsFile = fx.value(QStringLiteral("ARCHNEST_FX_SSH_KNOWN_HOSTS"));
    return t;
}

// Runs the event loop until `done()` (checked every millisecond) or `ms` pass. Not
// processEvents() in a loop: that spins this thread and competes with the worker threads.
void waitUntil(const std::function<bool()> &done, int ms)
{
    QEventLoop loop;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    tick.start(1);
    if (!done())
        loop.exec();
}

bool runOne(ssh::SshSession &s, const QString &cmd)
{
    std::optional<Result<ssh::SshExecResult>> r;
    QEventLoop loop;
    s.exec(cmd, {}, 30000, [&](Result<ssh::SshExecResult> res) {
        r = std::move(res);
        loop.quit();
    });
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    if (!r)
        loop.exec();
    if (!r || !r->ok() || r->value().exitStatus != 0) {
        std::fprintf(stderr, "bench_ssh: `%s` failed: %s\n", qPrintable(cmd),
                     r ? qPrintable(r->errorMessage()) : "timeout");
        return false;
    }
    return true;
}

bool connectAll(const std::vector<std::unique_ptr<ssh::SshSession>> &sessions)
{
    int done = 0;
    bool ok = true;
    for (const auto &s : sessions)
        s->connectNow([&](Result<void> r) {
            ++done;
            ok = ok && r.ok();
        });
    waitUntil([&] { return done == int(sessions.size()); }, 120000);
    return ok && done == int(sessions.size());
}

double cpuSecondsSelf()
{
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// utime + stime of another process, from /proc/PID/stat (clock ticks); -1 if unreadable.
double cpuSecondsOf(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = f.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return -1;
    // After "pid (comm) ": state is field 0, utime field 11, stime field 12.
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

// Lets the event loop run for `ms` with nothing asked of anyone (the measurement window).
void idleFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// CPU of `count` connected, idle sessions (this process: their worker threads + the event loop),
// in % of one core over `windowMs`.
std::optional<double> idleSessionsCpu(int count, int jumps, int windowMs)
{
    std::vector<std::unique_ptr<ssh::SshSession>> sessions;
    for (int i = 0; i < count; ++i)
        sessions.push_back(std::make_unique<ssh::SshSession>(target(jumps), nullptr));
    if (!connectAll(sessions)) {
        std::fprintf(stderr, "bench_ssh: connecting %d idle sessions failed\n", count);
        return std::nullopt;
    }
    idleFor(500); // the last handshake packets settle
    const double before = cpuSecondsSelf();
    QElapsedTimer wall;
    wall.start();
    idleFor(windowMs);
    return 100.0 * (cpuSecondsSelf() - before) / (double(wall.nsecsElapsed()) / 1e9);
}

// OpenSSH with a ControlMaster per host alias (direct, one and two jump hosts), its own
// config, control sockets in a temp dir and the fixture's key and known_hosts.
class OpenSshMux final
{
public:
    bool setUp()
    {
        if (!m_dir.isValid())
            return false;
        const Fixtures &fx = Fixtures::instance();
        m_config = m_dir.filePath(QStringLiteral("ssh_config"));
        QFile f(m_config);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        const QString common =
            QStringLiteral("  HostName 127.0.0.1\n  User %1\n  IdentityFile %2\n  IdentitiesOnly yes\n"
                           "  UserKnownHostsFile %3\n  StrictHostKeyChecking yes\n  BatchMode yes\n"
                           "  ControlMaster auto\n  ControlPath %4/%n.sock\n  ControlPersist 120\n")
                .arg(fx.sshUser(), fx.value(QStringLiteral("ARCHNEST_FX_SSH_KEY")),
                     fx.value(QStringLiteral("ARCHNEST_FX_SSH_KNOWN_HOSTS")), m_dir.path());
        QString cfg;
        cfg += QStringLiteral("Host anjump1 anjump2\n  Port %1\n").arg(fx.sshJumpPort()) + common;
        cfg += QStringLiteral("Host andirect\n  Port %1\n").arg(fx.sshTargetPort()) + common;
        cfg += QStringLiteral("Host anjumped1\n  Port %1\n  ProxyJump anjump1\n").arg(fx.sshTargetPort()) + common;
        cfg +=
            QStringLiteral("Host anjumped2\n  Port %1\n  ProxyJump anjump1,anjump2\n").arg(fx.sshTargetPort()) + common;
        f.write(cfg.toUtf8());
        return true;
    }
    bool run(const QString &alias)
    {
        m_used.insert(alias);
        const auto r = Fixtures::run(QStringLiteral("ssh"),
                                     {QStringLiteral("-F"), m_config, alias, QStringLiteral("true")}, 30000);
        if (r.exitCode != 0)
            std::fprintf(stderr, "bench_ssh: ssh %s true: exit %d: %s\n", qPrintable(alias), r.exitCode,
                         r.err.constData());
        return r.exitCode == 0;
    }
    ~OpenSshMux()
    {
        // Stop every master this run started (`ssh -O exit` asks it by its control socket).
        for (const QString &alias : std::as_const(m_used))
            Fixtures::run(QStringLiteral("ssh"),
                          {QStringLiteral("-F"), m_config, QStringLiteral("-O"), QStringLiteral("exit"), alias}, 10000);
    }

private:
    QTemporaryDir m_dir{QDir::tempPath() + QStringLiteral("/anmux-XXXXXX")};
    QString m_config;
    QSet<QString> m_used;
};

// CPU of `archnest-cli logs --follow` on a quiet container over SSH, in % of one core.
std::optional<double> cliFollowCpu(int windowMs)
{
    const Fixtures &fx = Fixtures::instance();
    QTemporaryDir dir;
    if (!dir.isValid())
        return std::nullopt;
    const QJsonObject host{{QStringLiteral("name"), QStringLiteral("fx-target")},
                           {QStringLiteral("kind"), QStringLiteral("ssh")},
                           {QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                           {QStringLiteral("port"), fx.sshTargetPort()},
                           {QStringLiteral("user"), fx.sshUser()},
                           {QStringLiteral("knownHostsFile"), fx.value(QStringLiteral("ARCHNEST_FX_SSH_KNOWN_HOSTS"))},
                           {QStringLiteral("auth"), QJsonObject{{QStringLiteral("identityFile"),
                                                                 fx.value(QStringLiteral("ARCHNEST_FX_SSH_KEY"))},
                                                                {QStringLiteral("useAgent"), false}}}};
    QFile hosts(dir.filePath(QStringLiteral("hosts.json")));
    if (!hosts.open(QIODevice::WriteOnly))
        return std::nullopt;
    hosts.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("hosts"), QJsonArray{host}}})
                    .toJson());
    hosts.close();
    const QString name = Fixtures::uniqueName(QStringLiteral("benchquiet"));
    const auto created =
        fx.docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("none"),
                   QStringLiteral("--name"), name, fx.image(), QStringLiteral("sh"), QStringLiteral("-c"),
                   QStringLiteral("echo ready; exec sleep 600")});
    if (created.exitCode != 0) {
        std::fprintf(stderr, "bench_ssh: docker run: %s\n", created.err.constData());
        return std::nullopt;
    }
    std::optional<double> result;
    QProcess cli;
    cli.start(QStringLiteral(ARCHNEST_CLI_PATH), {QStringLiteral("--config-dir"), dir.path(), QStringLiteral("logs"),
                                                  QStringLiteral("fx-target"), name, QStringLiteral("--follow")});
    QDeadlineTimer ready(60000);
    QByteArray out;
    const bool started = cli.waitForStarted(10000);
    while (started && cli.state() == QProcess::Running && !out.contains("ready") && !ready.hasExpired()) {
        cli.waitForReadyRead(200);
        out += cli.readAllStandardOutput();
    }
    if (out.contains("ready")) {
        QThread::msleep(500); // the follow stream settles (a measurement window, not a sync)
        const double before = cpuSecondsOf(cli.processId());
        QElapsedTimer wall;
        wall.start();
        QThread::msleep(ulong(windowMs));
        const double after = cpuSecondsOf(cli.processId());
        if (before >= 0 && after >= 0)
            result = 100.0 * (after - before) / (double(wall.nsecsElapsed()) / 1e9);
    } else {
        std::fprintf(stderr, "bench_ssh: logs --follow printed no line: %s\n", cli.readAllStandardError().constData());
    }
    cli.kill(); // by its pid (QProcess), then reaped
    cli.waitForFinished(10000);
    fx.docker({QStringLiteral("rm"), QStringLiteral("-f"), name});
    return result;
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
        int jumps;
        bool fresh;
    };
    const Case cases[] = {{"true", QStringLiteral("true"), 0, true},
                          {"docker_ps", dockerPs, 0, true},
                          {"true.jump", QStringLiteral("true"), 1, true},
                          {"docker_ps.jump", dockerPs, 1, true},
                          {"true.jump2", QStringLiteral("true"), 2, false}};
    QHash<QString, double> warmMedian;
    for (const Case &c : cases) {
        const ssh::SshTarget t = target(c.jumps);
        bench::Samples fresh;
        if (c.fresh)
            fresh = bench::sample(
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
        warmMedian.insert(QLatin1String(c.name), warm.median());
        if (c.fresh)
            bench::row(base + QStringLiteral(".fresh"), fresh.median(), QStringLiteral("ms"), 0,
                       QStringLiteral("new connection + auth per command, n=%1, p90 %2 ms")
                           .arg(fresh.ms.size())
                           .arg(fresh.percentile(0.9), 0, 'f', 1));
        const double baseline = c.jumps > 0 ? warmMedian.value(QStringLiteral("true")) : fresh.median();
        bench::row(
            base + QStringLiteral(".warm"), warm.median(), QStringLiteral("ms"),
            c.command == dockerPs ? fresh.median() : baseline,
            QStringLiteral("one channel on a persistent session, n=%1, p90 %2 ms; baseline = %3")
                .arg(warm.ms.size())
                .arg(warm.percentile(0.9), 0, 'f', 1)
                .arg(c.jumps > 0 && c.command != dockerPs ? QStringLiteral("direct warm") : QStringLiteral("fresh")));
    }
    // OpenSSH through the same hosts, one ControlMaster per alias (the ssh process start included).
    {
        OpenSshMux mux;
        if (!mux.setUp())
            return 1;
        const struct
        {
            const char *alias;
            const char *ours;
        } rows[] = {{"andirect", "true"}, {"anjumped1", "true.jump"}, {"anjumped2", "true.jump2"}};
        for (const auto &r : rows) {
            const QString alias = QLatin1String(r.alias);
            if (!mux.run(alias)) // starts the master, outside the samples
                return 1;
            const auto warm = bench::sample([&] { return mux.run(alias); }, 30, 5000);
            const double ours = warmMedian.value(QLatin1String(r.ours));
            bench::row(QStringLiteral("openssh.mux.%1").arg(QLatin1String(r.ours)), warm.median(), QStringLiteral("ms"),
                       ours,
                       QStringLiteral("`ssh %1 true` on a ControlMaster, n=%2, p90 %3 ms; baseline = ours "
                                      "(ssh.exec.%4.warm); ratio < 1: OpenSSH slower")
                           .arg(alias)
                           .arg(warm.ms.size())
                           .arg(warm.percentile(0.9), 0, 'f', 1)
                           .arg(QLatin1String(r.ours)));
        }
    }
    // 30 `true` at once on one warm session (channel cap 8, the rest queued): wall time per command.
    {
        ssh::SshSession s(target(0), nullptr);
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
                waitUntil([&] { return done == 30; }, 60000);
                return ok && done == 30;
            },
            5, 10000, 2);
        bench::row(QStringLiteral("ssh.exec.true.warm.burst30"), burst.median() / 30, QStringLiteral("ms"), 0,
                   QStringLiteral("30 concurrent commands on one session, wall time / 30, n=%1").arg(burst.ms.size()));
    }
    // What idling costs (goal: 20 hosts <= 0.5 % of a core in total).
    constexpr int kIdleWindowMs = 10000;
    const struct
    {
        int count;
        int jumps;
    } idle[] = {{1, 0}, {20, 0}, {20, 1}};
    for (const auto &c : idle) {
        const auto cpu = idleSessionsCpu(c.count, c.jumps, kIdleWindowMs);
        if (!cpu)
            return 1;
        bench::row(
            QStringLiteral("ssh.idle.sessions%1%2.cpu").arg(c.count).arg(c.jumps ? QStringLiteral(".jump") : QString()),
            *cpu, QStringLiteral("%core"), 0,
            QStringLiteral("%1 connected idle session(s)%2, this process's utime+stime over %3 s")
                .arg(c.count)
                .arg(c.jumps ? QStringLiteral(" through one jump host") : QString())
                .arg(kIdleWindowMs / 1000));
    }
    if (const auto cpu = cliFollowCpu(kIdleWindowMs)) {
        bench::row(QStringLiteral("cli.logs_follow.idle.cpu"), *cpu, QStringLiteral("%core"), 0,
                   QStringLiteral("archnest-cli logs --follow, quiet container over SSH, /proc/PID/stat over %1 s")
                       .arg(kIdleWindowMs / 1000));
    } else {
        return 1;
    }
    return 0;
}
