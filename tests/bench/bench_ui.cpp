// Desktop benchmarks (offscreen, bounded): 10,000 containers across 50 hosts - model populate,
// refresh diff, filter per keystroke, sort; the process's peak memory; a log view holding
// 1,000,000 lines - append throughput and memory.
#include "BenchSupport.h"

#include "logs/LogView.h"
#include "models/ContainerFilterProxy.h"
#include "models/ContainersModel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHeaderView>
#include <QTableView>

#include <deque>

using namespace archnest;
using namespace archnest::ui;
using archnest::bench::row;
using archnest::bench::sample;

namespace {

constexpr int kHosts = 50;
constexpr int kPerHost = 200;

double statusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').first().toDouble();
    return 0;
}

QList<ContainerSummary> hostContainers(int host, int generation)
{
    QList<ContainerSummary> list;
    list.reserve(kPerHost);
    const QString hostName = QStringLiteral("host-%1").arg(host, 2, 10, QLatin1Char('0'));
    for (int i = 0; i < kPerHost; ++i) {
        ContainerSummary c;
        c.hostName = hostName;
        c.id = QStringLiteral("%1%2").arg(host, 4, 16, QLatin1Char('0')).arg(i, 60, 16, QLatin1Char('0'));
        c.name = QStringLiteral("svc-%1-%2").arg(i % 37).arg(i);
        c.image = QStringLiteral("registry.example/team-%1/app:%2").arg(i % 11).arg(i % 5);
        c.command = QStringLiteral("/entrypoint.sh serve");
        // 5% of the rows change state between refreshes.
        const bool flip = (i + generation) % 20 == 0;
        c.state = flip ? ContainerState::Exited : ContainerState::Running;
        c.status = flip ? QStringLiteral("Exited (0) 1 minute ago") : QStringLiteral("Up 3 hours");
        c.created = QDateTime::fromSecsSinceEpoch(1700000000 + i * 60, Qt::UTC);
        c.ports = {PortMapping{QStringLiteral("0.0.0.0"), 8000 + i, 80, QStringLiteral("tcp")}};
        c.labels.insert(QStringLiteral("com.docker.compose.project"), QStringLiteral("proj%1").arg(i % 13));
        c.labels.insert(QStringLiteral("tier"), i % 2 ? QStringLiteral("web") : QStringLiteral("worker"));
        list << c;
    }
    return list;
}

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);

    std::vector<QList<ContainerSummary>> gen0;
    std::vector<QList<ContainerSummary>> gen1;
    for (int h = 0; h < kHosts; ++h) {
        gen0.push_back(hostContainers(h, 0));
        gen1.push_back(hostContainers(h, 1));
    }

    const double rssBefore = statusKb("VmRSS:");
    ContainersModel model;
    ContainerFilterProxy proxy;
    proxy.setContainersModel(&model);
    QTableView view;
    view.setModel(&proxy);
    view.setSortingEnabled(true);
    view.sortByColumn(ContainersModel::NameColumn, Qt::AscendingOrder);
    view.resize(1200, 700);
    view.show();

    QElapsedTimer t;
    t.start();
    for (int h = 0; h < kHosts; ++h)
        model.setHostContainers(gen0[size_t(h)].first().hostName, gen0[size_t(h)]);
    app.processEvents();
    row(QStringLiteral("ui.model_populate_10k_50hosts"), double(t.nsecsElapsed()) / 1e6, QStringLiteral("ms"), 0,
        QStringLiteral("10,000 rows into the sorted, viewed model"));

    int generation = 0;
    const auto diff = sample(
        [&] {
            ++generation;
            const auto &gen = generation % 2 ? gen1 : gen0;
            for (int h = 0; h < kHosts; ++h)
                model.setHostContainers(gen[size_t(h)].first().hostName, gen[size_t(h)]);
            app.processEvents();
            return true;
        },
        20, 5000);
    row(QStringLiteral("ui.refresh_diff_10k"), diff.median(), QStringLiteral("ms"), 0,
        QStringLiteral("all 50 hosts re-listed, 5% rows changed (median of %1)").arg(diff.ms.size()));

    const QStringList typed{
        QStringLiteral("s"),      QStringLiteral("sv"),     QStringLiteral("svc"),        QStringLiteral("svc-"),
        QStringLiteral("svc-1"),  QStringLiteral("svc-12"), QStringLiteral("svc-12 web"), QStringLiteral("svc-12 we"),
        QStringLiteral("svc-12"), QStringLiteral("")};
    int k = 0;
    archnest::bench::Samples filterPass; // the proxy's re-filter alone, without the view's repaint
    const auto filter = sample(
        [&] {
            QElapsedTimer pass;
            pass.start();
            proxy.setFilterString(typed.at(k++ % typed.size()));
            filterPass.ms.push_back(double(pass.nsecsElapsed()) / 1e6);
            app.processEvents();
            return true;
        },
        60, 5000, 10);
    row(QStringLiteral("ui.filter_keystroke_10k"), filter.median(), QStringLiteral("ms"), 16,
        QStringLiteral("p95 %1 ms; goal < 16 ms").arg(filter.percentile(0.95), 0, 'f', 2));
    row(QStringLiteral("ui.filter_pass_10k"), filterPass.median(), QStringLiteral("ms"), 0,
        QStringLiteral("proxy re-filter only (no repaint); p95 %1 ms").arg(filterPass.percentile(0.95), 0, 'f', 2));

    const auto sortBy = sample(
        [&] {
            static int col = 0;
            view.sortByColumn((col++ % 2) ? ContainersModel::MemoryColumn : ContainersModel::CreatedColumn,
                              Qt::AscendingOrder);
            app.processEvents();
            return true;
        },
        10, 5000);
    row(QStringLiteral("ui.sort_column_10k"), sortBy.median(), QStringLiteral("ms"));
    row(QStringLiteral("ui.model_memory_10k"), (statusKb("VmRSS:") - rssBefore) / 1024.0, QStringLiteral("MB"), 0,
        QStringLiteral("RSS growth for model + proxy + view with 10,000 rows"));
    row(QStringLiteral("ui.process_peak_10k"), statusKb("VmHWM:") / 1024.0, QStringLiteral("MB"), 0,
        QStringLiteral("VmHWM after the containers benchmarks"));

    // Baseline for the log view, same bytes: one QByteArray per line in a std::deque (the
    // storage the log model used before issue 14), time to split and memory held.
    double baselineRate = 0;
    double baselineMb = 0;
    {
        const double before = statusKb("VmRSS:");
        QElapsedTimer bt;
        bt.start();
        std::deque<QByteArray> lines;
        QByteArray chunk;
        for (int i = 0; i < 1000000; ++i) {
            chunk += "2026-11-27T02:00:00.000000000Z worker[" + QByteArray::number(i) +
                     "] processed request id=abcdef0123456789 status=200 in 12ms\n";
            if (chunk.size() >= 1024 * 1024 || i == 999999) {
                for (qsizetype p = 0; p < chunk.size();) {
                    const qsizetype nl = chunk.indexOf('\n', p);
                    lines.push_back(chunk.mid(p, nl - p));
                    p = nl + 1;
                }
                chunk.clear();
            }
        }
        baselineRate = 1000000.0 / (double(bt.nsecsElapsed()) / 1e9);
        baselineMb = (statusKb("VmRSS:") - before) / 1024.0;
        row(QStringLiteral("ui.log_baseline_split_1M_lines"), baselineRate, QStringLiteral("lines/s"), 0,
            QStringLiteral("one QByteArray per line in a deque: %1 MB held").arg(baselineMb, 0, 'f', 0), true);
    }
    // The cost of making the chunks below, without a view: subtracted for the view's own rate.
    double generateSecs = 0;
    {
        QElapsedTimer gt;
        gt.start();
        QByteArray chunk;
        qint64 total = 0;
        for (int i = 0; i < 1000000; ++i) {
            chunk += "2026-11-27T02:00:00.000000000Z worker[" + QByteArray::number(i) +
                     "] processed request id=abcdef0123456789 status=200 in 12ms\n";
            if (chunk.size() >= 1024 * 1024) {
                total += chunk.size();
                chunk.clear();
            }
        }
        generateSecs = double(gt.nsecsElapsed()) / 1e9;
        row(QStringLiteral("ui.log_generate_1M_lines"), 1000000.0 / generateSecs, QStringLiteral("lines/s"), 0,
            QStringLiteral("making the %1 MB of chunks alone").arg(double(total + chunk.size()) / 1e6, 0, 'f', 0),
            true);
    }
    // Log view: 1,000,000 lines of ~100 bytes in 1 MiB chunks, all kept.
    {
        const double before = statusKb("VmRSS:");
        LogView log;
        log.setMaxLines(1000000);
        log.resize(900, 600);
        log.show();
        QByteArray chunk;
        int n = 0;
        QElapsedTimer lt;
        lt.start();
        qint64 bytes = 0;
        for (int i = 0; i < 1000000; ++i) {
            chunk += "2026-11-27T02:00:00.000000000Z worker[" + QByteArray::number(i) +
                     "] processed request id=abcdef0123456789 status=200 in 12ms\n";
            if (chunk.size() >= 1024 * 1024) {
                bytes += chunk.size();
                log.appendData(chunk);
                log.flushAll(); // what the view's 15 ms timer does between chunks
                chunk.clear();
                ++n;
            }
        }
        bytes += chunk.size();
        log.appendData(chunk);
        log.flushAll();
        app.processEvents();
        const double secs = double(lt.nsecsElapsed()) / 1e9;
        row(QStringLiteral("ui.log_append_1M_lines"), 1000000.0 / secs, QStringLiteral("lines/s"), baselineRate,
            QStringLiteral("%1 MB in %2 s, %3 blocks shown")
                .arg(double(bytes) / 1e6, 0, 'f', 0)
                .arg(secs, 0, 'f', 2)
                .arg(log.lineCount()),
            true);
        row(QStringLiteral("ui.log_append_only_1M_lines"), 1000000.0 / std::max(1e-6, secs - generateSecs),
            QStringLiteral("lines/s"), baselineRate / std::max(1e-6, 1.0 - baselineRate * generateSecs / 1e6),
            QStringLiteral("the view's own rate (chunk making subtracted, from the baseline too)"), true);
        row(QStringLiteral("ui.log_memory_1M_lines"), (statusKb("VmRSS:") - before) / 1024.0, QStringLiteral("MB"),
            baselineMb,
            QStringLiteral("RSS growth holding 1,000,000 lines (%1 MB of text); baseline: a QByteArray per line")
                .arg(double(bytes) / 1e6, 0, 'f', 0));
        // Search: every line scanned when the text changes (the match count and the matching
        // lines are kept from then on), then "find next" from the top.
        QElapsedTimer st;
        st.start();
        log.setSearchText(QStringLiteral("WORKER[99999"));
        const double searchMs = double(st.nsecsElapsed()) / 1e6;
        row(QStringLiteral("ui.log_search_1M_lines"), searchMs, QStringLiteral("ms"), 0,
            QStringLiteral("case-insensitive, %1 matches in %2 lines")
                .arg(log.matchCount())
                .arg(log.matchingLineCount()));
        log.scrollToTop();
        st.restart();
        int found = 0;
        for (int i = 0; i < 11; ++i)
            found += log.findNext() ? 1 : 0;
        row(QStringLiteral("ui.log_find_next_1M_lines"), double(st.nsecsElapsed()) / 1e6 / 11, QStringLiteral("ms"), 0,
            QStringLiteral("per find, %1 of 11 found").arg(found));
        st.restart();
        log.setOnlyMatching(true);
        row(QStringLiteral("ui.log_only_matching_1M_lines"), double(st.nsecsElapsed()) / 1e6, QStringLiteral("ms"), 0,
            QStringLiteral("switch to the %1 matching lines").arg(log.lineCount()));
        log.setOnlyMatching(false);
        log.setSearchText(QString());
        // Appending to a full view (old lines drop) stays as fast.
        QElapsedTimer at;
        at.start();
        QByteArray more;
        for (int i = 0; i < 100000; ++i)
            more += "late line " + QByteArray::number(i) + '\n';
        log.appendData(more);
        log.flushAll();
        row(QStringLiteral("ui.log_append_when_full"), 100000.0 / (double(at.nsecsElapsed()) / 1e9),
            QStringLiteral("lines/s"), 0, QStringLiteral("dropped %1 old lines").arg(log.droppedLines()), true);
    }
    row(QStringLiteral("ui.process_peak_total"), statusKb("VmHWM:") / 1024.0, QStringLiteral("MB"), 0,
        QStringLiteral("VmHWM at the end"));
    return 0;
}
