// archnest-cli ping HOST [--count N] [--json]: how fast is this SSH host (through its jump
// hosts)? The time to connect and authenticate every hop, then N round trips of a no-op command
// on the warm session, each one channel: open, exec, exit status - what every refresh, log load
// and action pays.
#include "CliApp.h"
#include "containers/CliHostAccess.h"

#include "ssh/SshSession.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

namespace archnest::cli {

namespace {

constexpr int kDefaultCount = 10;
constexpr int kMaxCount = 10000;
constexpr int kCommandTimeoutMs = 30000;
const QString kSynopsis = QStringLiteral("HOST [--count N] [--json] [--accept-new-host-key] "
                                         "[--password-file F | --password-stdin]");

struct RttSummary
{
    double min = 0;
    double median = 0;
    double p90 = 0;
    double max = 0;
};

// Nearest-rank percentiles of the sorted samples; the median of an even count is the mean of
// the two middle samples.
RttSummary summarize(QList<double> ms)
{
    std::sort(ms.begin(), ms.end());
    RttSummary s;
    const qsizetype n = ms.size();
    s.min = ms.first();
    s.max = ms.last();
    s.median = n % 2 ? ms.at(n / 2) : (ms.at(n / 2 - 1) + ms.at(n / 2)) / 2;
    s.p90 = ms.at(std::clamp<qsizetype>(qsizetype(std::ceil(0.9 * double(n))) - 1, 0, n - 1));
    return s;
}

double rounded(double ms)
{
    return std::round(ms * 100.0) / 100.0;
}

QString fmt(double ms)
{
    return QString::number(ms, 'f', ms < 10 ? 2 : 1);
}

// Waits (in a local event loop) for `start` to call its completion; bounded by `timeoutMs`.
template<typename T>
std::optional<T> await(const std::function<void(std::function<void(T)>)> &start, int timeoutMs)
{
    std::optional<T> result;
    QEventLoop loop;
    QTimer guard;
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
    guard.start(timeoutMs);
    start([&result, &loop](T r) {
        result = std::move(r);
        loop.quit();
    });
    if (!result)
        loop.exec();
    return result;
}

int pingCommand(CliContext &ctx, const QStringList &args)
{
    const QString cmd = QStringLiteral("ping");
    const ParsedArgs p = parseArgs(args, {QStringLiteral("--json")}, {QStringLiteral("--count")}, false);
    auto usage = [&](const QString &message) {
        *ctx.err << "archnest-cli ping: " << message << "\nUsage: archnest-cli ping " << kSynopsis << '\n';
        ctx.err->flush();
        return int(ExitUsage);
    };
    if (!p.error.isEmpty())
        return usage(p.error);
    if (p.positional.size() != 1)
        return usage(QStringLiteral("needs exactly one HOST"));
    int count = kDefaultCount;
    if (p.values.contains(QStringLiteral("--count"))) {
        bool ok = false;
        count = p.values.value(QStringLiteral("--count")).toInt(&ok);
        if (!ok || count < 1 || count > kMaxCount)
            return usage(QStringLiteral("--count takes a number from 1 to %1").arg(kMaxCount));
    }
    const bool json = p.has(QStringLiteral("--json"));

    ContainerCliInteraction interaction(p.access);
    const Result<HostConfig> host = resolveCliHost(ctx, p.positional.first(), p.access, interaction);
    if (!host) {
        printError(ctx, cmd, host.errorMessage());
        return host.error().code == QLatin1String("usage") ? ExitUsage : ExitError;
    }
    if (host->kind != HostKind::Ssh) {
        printError(ctx, cmd,
                   QStringLiteral("%1 is a %2 host; ping measures SSH hosts (give an SSH host name or ssh://URL)")
                       .arg(p.positional.first(), hostKindName(host->kind)));
        return ExitError;
    }

    ssh::SshSession session(ssh::SshTarget::fromHost(*host), &interaction);
    QString where = host->ssh.displayName();
    for (const SshEndpoint &j : host->jumps)
        where += QStringLiteral(" via ") + j.displayName();

    QElapsedTimer clock;
    clock.start();
    const auto connected = await<Result<void>>(
        [&](std::function<void(Result<void>)> done) { session.connectNow(std::move(done)); },
        session.target().connectTimeoutMs * int(1 + host->jumps.size()) + 10 * 60 * 1000); // a person may answer
    const double connectMs = double(clock.nsecsElapsed()) / 1e6;
    if (!connected || !connected->ok()) {
        printError(ctx, cmd,
                   connected ? connected->errorMessage()
                             : QStringLiteral("connecting to %1 did not finish in time").arg(where));
        return ExitError;
    }
    if (!json)
        *ctx.out << "ping " << where << ": connected in " << fmt(connectMs) << " ms\n";

    QList<double> rtts;
    for (int i = 0; i < count; ++i) {
        clock.restart();
        const auto r = await<Result<ssh::SshExecResult>>(
            [&](std::function<void(Result<ssh::SshExecResult>)> done) {
                session.exec(QStringLiteral("true"), {}, kCommandTimeoutMs, std::move(done));
            },
            kCommandTimeoutMs + 5000);
        const double ms = double(clock.nsecsElapsed()) / 1e6;
        if (!r || !r->ok() || r->value().exitStatus != 0) {
            const QString why = !r         ? QStringLiteral("no answer in time")
                                : !r->ok() ? r->errorMessage()
                                           : QStringLiteral("`true` exited with %1").arg(r->value().exitStatus);
            printError(ctx, cmd,
                       QStringLiteral("round trip %1 of %2 to %3 failed: %4").arg(i + 1).arg(count).arg(where, why));
            return ExitError;
        }
        rtts << ms;
        if (!json) {
            *ctx.out << "seq=" << (i + 1) << " time=" << fmt(ms) << " ms\n";
            ctx.out->flush();
        }
    }
    const RttSummary s = summarize(rtts);
    if (json) {
        // Written by hand to keep the documented key order: connectMs, rttMs{min, median, p90,
        // max}, count (QJsonObject would sort them).
        const auto num = [](double ms) { return QString::number(rounded(ms), 'f', 2); };
        *ctx.out << "{\"connectMs\":" << num(connectMs) << ",\"rttMs\":{\"min\":" << num(s.min)
                 << ",\"median\":" << num(s.median) << ",\"p90\":" << num(s.p90) << ",\"max\":" << num(s.max)
                 << "},\"count\":" << count << "}\n";
    } else {
        *ctx.out << "--- " << where << ": " << count << " round trips of `true` on the warm session\n"
                 << "rtt min/median/p90/max = " << fmt(s.min) << '/' << fmt(s.median) << '/' << fmt(s.p90) << '/'
                 << fmt(s.max) << " ms\n";
    }
    ctx.out->flush();
    return ExitOk;
}

} // namespace

void registerSshCommands(CliApp &app)
{
    app.addCommand({QStringLiteral("ping"), kSynopsis,
                    QStringLiteral("SSH connect time and round trips of a no-op command on the warm session"),
                    pingCommand});
}

} // namespace archnest::cli
