#pragma once

// Small helpers shared by the benchmarks: wall-clock sampling with a bound on count and time,
// medians/percentiles, and the one-line row format scripts/bench.sh collects into its table.

#include <QElapsedTimer>
#include <QString>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

namespace archnest::bench {

struct Samples
{
    std::vector<double> ms;

    double percentile(double p) const
    {
        if (ms.empty())
            return 0;
        std::vector<double> s = ms;
        std::sort(s.begin(), s.end());
        const size_t i = std::min(s.size() - 1, static_cast<size_t>(p * static_cast<double>(s.size() - 1) + 0.5));
        return s[i];
    }
    double median() const { return percentile(0.5); }
};

// Runs `fn` up to `maxRuns` times or until `maxMs` of wall time are spent (at least `minRuns`).
inline Samples sample(const std::function<bool()> &fn, int maxRuns, qint64 maxMs, int minRuns = 3)
{
    Samples s;
    QElapsedTimer total;
    total.start();
    for (int i = 0; i < maxRuns; ++i) {
        if (i >= minRuns && total.elapsed() > maxMs)
            break;
        QElapsedTimer t;
        t.start();
        if (!fn())
            break;
        s.ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    return s;
}

// One row for scripts/bench.sh: name, value, unit, baseline (same unit, may be 0 = none),
// ratio baseline/value or value/baseline as `ratioNote` says, free-text note.
inline void row(const QString &name, double value, const QString &unit, double baseline = 0, const QString &note = {},
                bool higherIsBetter = false)
{
    QString ratio = QStringLiteral("-");
    if (baseline > 0 && value > 0)
        ratio = QString::number(higherIsBetter ? value / baseline : baseline / value, 'f', 2) + QLatin1Char('x');
    std::printf("BENCH\t%s\t%.3f\t%s\t%s\t%s\t%s\n", qPrintable(name), value, qPrintable(unit),
                baseline > 0 ? qPrintable(QString::number(baseline, 'f', 3)) : "-", qPrintable(ratio),
                qPrintable(note));
    std::fflush(stdout);
}

} // namespace archnest::bench
