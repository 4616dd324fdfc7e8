// The agent's own cost per report on the VM at 50 containers (the dockerd fixture, topped up
// with busybox containers): wall time, the agent's CPU (bash + docker CLI + jq) and dockerd's
// CPU, against the naive pipeline (docker ps {{json .}} + one docker inspect per container +
// docker stats --no-stream {{json .}}). The agent runs with --dry-run (collection + report,
// no HTTP). Bounded: 3 runs per variant; the containers it adds are removed at the end.
#include "BenchSupport.h"
#include "Fixtures.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>

#include <unistd.h>

using namespace archnest;
using archnest::test::Fixtures;

namespace {

struct Cost
{
    double wallMs = 0;
    double ownCpuMs = 0;
    double daemonCpuMs = 0;
};

double daemonCpuMs(qint64 pid)
{
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3, utime 14, stime 15 (1-based in proc(5)).
    const double ticks = fields.value(11).toDouble() + fields.value(12).toDouble();
    return ticks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

double parseTimes(const QByteArray &line) // "0m0.063s 0m0.039s"
{
    static const QRegularExpression re(QStringLiteral("(\\d+)m([0-9.]+)s"));
    double total = 0;
    auto it = re.globalMatch(QString::fromLatin1(line));
    while (it.hasNext()) {
        const auto m = it.next();
        total += m.captured(1).toDouble() * 60000.0 + m.captured(2).toDouble() * 1000.0;
    }
    return total;
}

// Runs `command` in bash; `times` then reports the CPU of everything it started.
Cost measure(const QString &command, qint64 dockerdPid)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix://") + Fixtures::instance().dockerSocket());
    env.insert(QStringLiteral("ARCHNEST_HOST_ID"), QStringLiteral("bench-host"));
    env.insert(QStringLiteral("ARCHNEST_AGENT_CONFIG"), QStringLiteral("/nonexistent/agent.env"));
    p.setProcessEnvironment(env);
    const double d0 = daemonCpuMs(dockerdPid);
    QElapsedTimer t;
    t.start();
    p.start(QStringLiteral("bash"), {QStringLiteral("-c"), command + QStringLiteral(" >/dev/null; times")});
    p.waitForFinished(120000);
    Cost c;
    c.wallMs = double(t.nsecsElapsed()) / 1e6;
    c.daemonCpuMs = daemonCpuMs(dockerdPid) - d0;
    const QList<QByteArray> lines = p.readAllStandardOutput().trimmed().split('\n');
    c.ownCpuMs = parseTimes(lines.value(lines.size() - 1));
    return c;
}

Cost medianOf(const QString &command, qint64 pid, int runs)
{
    std::vector<Cost> all;
    for (int i = 0; i < runs; ++i)
        all.push_back(measure(command, pid));
    auto med = [&](auto field) {
        std::vector<double> v;
        for (const Cost &c : all)
            v.push_back(c.*field);
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    return Cost{med(&Cost::wallMs), med(&Cost::ownCpuMs), med(&Cost::daemonCpuMs)};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Fixtures &fx = Fixtures::instance();
    if (fx.dockerSocket().isEmpty()) {
        qCritical("the dockerd fixture is not running (ARCHNEST_FIXTURE_DIR)");
        return 1;
    }
    QFile pidFile(fx.dir() + QStringLiteral("/docker/plain.pid"));
    const qint64 dockerdPid = pidFile.open(QIODevice::ReadOnly) ? pidFile.readAll().trimmed().toLongLong() : 0;
    const int target = qEnvironmentVariableIntValue("ARCHNEST_BENCH_AGENT_CONTAINERS") > 0
                           ? qEnvironmentVariableIntValue("ARCHNEST_BENCH_AGENT_CONTAINERS")
                           : 50;

    // Top the daemon up to `target` containers (running busybox, no network).
    const int existing = QString::fromUtf8(fx.docker({QStringLiteral("ps"), QStringLiteral("-aq")}).out)
                             .split(QLatin1Char('\n'), Qt::SkipEmptyParts)
                             .size();
    QStringList added;
    QElapsedTimer setup;
    setup.start();
    for (int i = 0; existing + i < target && setup.elapsed() < 240000; ++i) {
        const QString name = Fixtures::uniqueName(QStringLiteral("bench-agent"));
        if (fx.docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("none"),
                       QStringLiteral("--name"), name, QStringLiteral("-e"), QStringLiteral("BENCH_SECRET=x"),
                       fx.image(), QStringLiteral("sleep"), QStringLiteral("100000")})
                .exitCode == 0)
            added << name;
    }
    const int count = existing + int(added.size());

    const QString script =
        qEnvironmentVariable("ARCHNEST_SOURCE_DIR") + QStringLiteral("/resources/agent/archnest-docker-agent.sh");
    const QString naive = QStringLiteral(
        "docker ps -a --format '{{json .}}'; for id in $(docker ps -aq); do docker inspect \"$id\"; done; "
        "docker stats --no-stream --format '{{json .}}'");
    const Cost naiveCost = medianOf(naive, dockerdPid, 3);
    const Cost agentCost = medianOf(QStringLiteral("bash %1 --dry-run").arg(script), dockerdPid, 3);
    const Cost noStats = medianOf(QStringLiteral("bash %1 --dry-run --no-stats").arg(script), dockerdPid, 3);

    const QString n = QString::number(count);
    const QString note = QStringLiteral("%1 containers; baseline: naive ps + inspect each + stats").arg(count);
    bench::row(QStringLiteral("agent_script_%1c_wall").arg(n), agentCost.wallMs, QStringLiteral("ms"), naiveCost.wallMs,
               note);
    bench::row(QStringLiteral("agent_script_%1c_agent_cpu").arg(n), agentCost.ownCpuMs, QStringLiteral("ms"),
               naiveCost.ownCpuMs, QStringLiteral("bash + docker CLI + jq"));
    bench::row(QStringLiteral("agent_script_%1c_dockerd_cpu").arg(n), agentCost.daemonCpuMs, QStringLiteral("ms"),
               naiveCost.daemonCpuMs, QStringLiteral("dockerd utime+stime during the run"));
    bench::row(QStringLiteral("agent_script_nostats_%1c_wall").arg(n), noStats.wallMs, QStringLiteral("ms"),
               naiveCost.wallMs, QStringLiteral("--no-stats"));
    bench::row(QStringLiteral("agent_script_nostats_%1c_agent_cpu").arg(n), noStats.ownCpuMs, QStringLiteral("ms"),
               naiveCost.ownCpuMs, QStringLiteral("--no-stats"));
    bench::row(QStringLiteral("agent_script_nostats_%1c_dockerd_cpu").arg(n), noStats.daemonCpuMs, QStringLiteral("ms"),
               naiveCost.daemonCpuMs, QStringLiteral("--no-stats"));

    if (!added.isEmpty())
        fx.docker(QStringList{QStringLiteral("rm"), QStringLiteral("-f")} + added, 240000);
    return 0;
}
