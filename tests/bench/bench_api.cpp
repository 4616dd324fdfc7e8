// Engine API costs with 50 extra containers on the fixture dockerd (created here with
// --network none, removed at the end): list + inspect of the 50 through our client vs curl on
// the unix socket (the same 51 calls, one curl process, kept-alive) vs the docker CLI; stats
// of the 50 via one-shot API calls vs the first samples of 50 live streams vs
// `docker stats --no-stream`; and parsing the list answer with QJsonDocument vs simdjson.
// Needs the dockerd fixture (ARCHNEST_FIXTURE_DIR). Every loop is bounded in runs and time.
#include "BenchSupport.h"
#include "Fixtures.h"
#include "docker/api/DockerApiContainerSource.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <simdjson.h>

#include <optional>

using namespace archnest;
using archnest::test::Fixtures;

namespace {

constexpr int kContainers = 50;

template<typename T, typename Call>
std::optional<Result<T>> await(Call call, int ms = 120000)
{
    std::optional<Result<T>> r;
    call([&r](Result<T> x) { r.emplace(std::move(x)); });
    QDeadlineTimer deadline(ms);
    while (!r && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return r;
}

bool waitUntil(const std::function<bool()> &pred, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!pred() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return pred();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const Fixtures &fx = Fixtures::instance();
    const QString sock = fx.dockerSocket();
    if (sock.isEmpty()) {
        std::fprintf(stderr, "bench_api: the dockerd fixture is not running (ARCHNEST_FIXTURE_DIR)\n");
        return 1;
    }
    const QString prefix = QStringLiteral("apibench-%1-").arg(QCoreApplication::applicationPid());
    const auto made = Fixtures::run(
        QStringLiteral("bash"),
        {QStringLiteral("-c"),
         QStringLiteral(
             "for i in $(seq 1 %1); do docker -H unix://%2 run -d --network none --name %3$i %4 sleep 100000 "
             ">/dev/null || exit 1; done")
             .arg(kContainers)
             .arg(sock, prefix, fx.image())},
        600000);
    QStringList names;
    for (int i = 1; i <= kContainers; ++i)
        names << prefix + QString::number(i);
    auto cleanup = [&] {
        Fixtures::run(QStringLiteral("docker"),
                      QStringList{QStringLiteral("-H"), QStringLiteral("unix://") + sock, QStringLiteral("rm"),
                                  QStringLiteral("-f")} +
                          names,
                      300000);
    };
    if (made.exitCode != 0) {
        std::fprintf(stderr, "bench_api: creating containers failed: %s\n", made.err.constData());
        cleanup();
        return 1;
    }

    HostConfig h;
    h.name = QStringLiteral("bench");
    h.kind = HostKind::DockerApi;
    h.apiUrl = QStringLiteral("unix://") + sock;
    DockerApiContainerSource src(h);
    int total = 0;

    // --- list + inspect of the 50
    const bench::Samples ours = bench::sample(
        [&] {
            const auto l = await<QList<ContainerSummary>>([&](auto cb) { src.list(true, cb); });
            if (!l || !l->ok())
                return false;
            total = int(l->value().size());
            const auto d = await<QList<ContainerDetail>>([&](auto cb) { src.inspect(names, cb); });
            return d && d->ok() && d->value().size() == kContainers;
        },
        30, 15000);
    QStringList curlArgs{QStringLiteral("-sf"),
                         QStringLiteral("-o"),
                         QStringLiteral("/dev/null"),
                         QStringLiteral("--unix-socket"),
                         sock,
                         QStringLiteral("http://d/v1.41/containers/json?all=1")};
    for (const QString &n : names)
        curlArgs << QStringLiteral("-o") << QStringLiteral("/dev/null")
                 << QStringLiteral("http://d/v1.41/containers/%1/json").arg(n);
    const bench::Samples curl =
        bench::sample([&] { return Fixtures::run(QStringLiteral("curl"), curlArgs, 60000).exitCode == 0; }, 30, 15000);
    const QStringList dk{QStringLiteral("-H"), QStringLiteral("unix://") + sock};
    const bench::Samples cli = bench::sample(
        [&] {
            const auto ps = Fixtures::run(QStringLiteral("docker"),
                                          dk + QStringList{QStringLiteral("ps"), QStringLiteral("-a"),
                                                           QStringLiteral("--format"), QStringLiteral("{{.ID}}")},
                                          60000);
            const auto in =
                Fixtures::run(QStringLiteral("docker"), dk + QStringList{QStringLiteral("inspect")} + names, 60000);
            return ps.exitCode == 0 && in.exitCode == 0;
        },
        20, 15000);
    const QString note =
        QStringLiteral("%1 containers listed, 50 inspected, median of %2 runs").arg(total).arg(ours.ms.size());
    bench::row(QStringLiteral("api list+inspect50 (our client, unix, keep-alive)"), ours.median(), QStringLiteral("ms"),
               cli.median(), note + QStringLiteral("; baseline docker CLI ps+inspect"));
    bench::row(QStringLiteral("api list+inspect50 (curl --unix-socket, one process)"), curl.median(),
               QStringLiteral("ms"), cli.median(), QStringLiteral("baseline docker CLI ps+inspect"));
    bench::row(QStringLiteral("api list+inspect50 (docker CLI ps + inspect)"), cli.median(), QStringLiteral("ms"));
    bench::row(QStringLiteral("api list+inspect50 ours vs curl"), ours.median(), QStringLiteral("ms"), curl.median(),
               QStringLiteral("baseline curl"));

    // --- stats of the 50
    const bench::Samples oneShot = bench::sample(
        [&] {
            const auto s = await<QList<StatsSample>>([&](auto cb) { src.stats(names, cb); });
            return s && s->ok() && s->value().size() == kContainers;
        },
        20, 15000);
    const bench::Samples streams = bench::sample(
        [&] {
            QList<StatsStream *> open;
            int firsts = 0;
            for (const QString &n : names) {
                StatsStream *s = src.streamStats(n);
                auto got = std::make_shared<bool>(false);
                QObject::connect(s, &StatsStream::sampleReceived, s, [&firsts, got](const StatsSample &) {
                    if (!*got) {
                        *got = true;
                        ++firsts;
                    }
                });
                open << s;
            }
            const bool ok = waitUntil([&] { return firsts == kContainers; }, 30000);
            for (StatsStream *s : open) {
                s->stop();
                s->deleteLater();
            }
            return ok;
        },
        5, 15000);
    const bench::Samples dockerStats = bench::sample(
        [&] {
            return Fixtures::run(QStringLiteral("docker"),
                                 dk +
                                     QStringList{QStringLiteral("stats"), QStringLiteral("--no-stream"),
                                                 QStringLiteral("--format"),
                                                 QStringLiteral("{{.Name}} {{.MemUsage}}")} +
                                     names,
                                 60000)
                       .exitCode == 0;
        },
        5, 20000, 2);
    bench::row(QStringLiteral("api stats50 one-shot (our client)"), oneShot.median(), QStringLiteral("ms"),
               dockerStats.median(), QStringLiteral("baseline docker stats --no-stream; no CPU% in one-shot"));
    bench::row(QStringLiteral("api stats50 first samples of 50 streams"), streams.median(), QStringLiteral("ms"),
               dockerStats.median(), QStringLiteral("baseline docker stats --no-stream"));
    bench::row(QStringLiteral("api stats50 docker stats --no-stream"), dockerStats.median(), QStringLiteral("ms"));

    // --- JSON: the list answer, QJsonDocument vs simdjson
    const auto body =
        Fixtures::run(QStringLiteral("curl"), {QStringLiteral("-sf"), QStringLiteral("--unix-socket"), sock,
                                               QStringLiteral("http://d/v1.41/containers/json?all=1")})
            .out;
    qint64 sink = 0;
    const bench::Samples qjson = bench::sample(
        [&] {
            const QJsonArray a = QJsonDocument::fromJson(body).array();
            for (const QJsonValue &v : a)
                sink += v.toObject().value(QLatin1String("Id")).toString().size();
            return true;
        },
        200, 3000);
    simdjson::dom::parser parser;
    const simdjson::padded_string padded(body.constData(), size_t(body.size()));
    const bench::Samples simd = bench::sample(
        [&] {
            simdjson::dom::element doc;
            if (parser.parse(padded).get(doc))
                return false;
            for (simdjson::dom::element e : doc.get_array()) {
                std::string_view id;
                if (!e["Id"].get(id))
                    sink += qint64(id.size());
            }
            return true;
        },
        200, 3000);
    bench::row(QStringLiteral("api list JSON parse (QJsonDocument)"), qjson.median(), QStringLiteral("ms"),
               simd.median(), QStringLiteral("%1 KiB; baseline simdjson").arg(body.size() / 1024));
    bench::row(QStringLiteral("api list JSON parse (simdjson)"), simd.median(), QStringLiteral("ms"));

    cleanup();
    return sink > 0 ? 0 : 1;
}
