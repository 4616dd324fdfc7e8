// sshcli::LogLineMerger: the two streams of `docker logs --timestamps` over SSH become one log of
// whole lines in timestamp order; a held line waits for the other stream at most kHoldMs.
#include "docker/sshcli/LogLineMerger.h"

#include <QTest>

using namespace archnest;
using sshcli::LogLineMerger;

namespace {

QByteArray joined(const QList<LogLineMerger::Run> &runs, QList<OutputChannel> *channels = nullptr)
{
    QByteArray all;
    for (const auto &r : runs) {
        all += r.data;
        if (channels)
            *channels << r.channel;
    }
    return all;
}

} // namespace

class TestLogLineMerger final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keysCompareAsTimes()
    {
        // RFC3339Nano trims trailing zeros: ".66Z" is later than ".659999Z".
        const QByteArray a = LogLineMerger::timestampKey("2026-12-06T06:54:01.659999Z x\n");
        const QByteArray b = LogLineMerger::timestampKey("2026-12-06T06:54:01.66Z y\n");
        const QByteArray c = LogLineMerger::timestampKey("2026-12-06T06:54:01Z z\n");
        QVERIFY(!a.isEmpty() && !b.isEmpty() && !c.isEmpty());
        QVERIFY(c < a);
        QVERIFY(a < b);
        QVERIFY(LogLineMerger::timestampKey("no timestamp here\n").isEmpty());
        QVERIFY(LogLineMerger::timestampKey("2026-12-06T06:54:01.66Z").isEmpty()); // no text after it
    }

    void linesAreNeverSplitOrSpliced()
    {
        LogLineMerger m(true);
        m.feed("2026-12-06T06:54:01.1Z out one\n2026-12-06T06:54:01.3Z out tw", OutputChannel::Stdout, 0);
        m.feed("2026-12-06T06:54:01.2Z ERROR line 460\n", OutputChannel::Stderr, 0);
        m.feed("o\n", OutputChannel::Stdout, 0);
        m.finish();
        QList<OutputChannel> channels;
        QCOMPARE(joined(m.take(0, true), &channels),
                 QByteArray("2026-12-06T06:54:01.1Z out one\n2026-12-06T06:54:01.2Z ERROR line 460\n"
                            "2026-12-06T06:54:01.3Z out two\n"));
        QCOMPARE(channels, (QList<OutputChannel>{OutputChannel::Stdout, OutputChannel::Stderr, OutputChannel::Stdout}));
    }

    void aLateStreamIsWaitedForUpToTheHold()
    {
        LogLineMerger m(false);
        m.feed("2026-12-06T06:54:02Z out late\n", OutputChannel::Stdout, 1000);
        // stderr has shown nothing yet: held.
        QVERIFY(m.take(1000).isEmpty());
        QCOMPARE(m.nextReleaseMs(), 1000 + LogLineMerger::kHoldMs);
        // An earlier stderr line arrives within the hold: it goes first.
        m.feed("2026-12-06T06:54:01Z err early\n", OutputChannel::Stderr, 1100);
        QCOMPARE(joined(m.take(1100)), QByteArray("err early\n"));
        // The stdout line waits until stderr passes it or the hold is over.
        QCOMPARE(joined(m.take(1000 + LogLineMerger::kHoldMs)), QByteArray("out late\n"));
        QCOMPARE(m.nextReleaseMs(), -1);
    }

    void aLaterLineOfTheOtherStreamReleasesAtOnce()
    {
        LogLineMerger m(false);
        m.feed("2026-12-06T06:54:03Z err a\n", OutputChannel::Stderr, 0);
        m.feed("2026-12-06T06:54:01Z out b\n2026-12-06T06:54:04Z out c\n", OutputChannel::Stdout, 0);
        // b < a < c: b and a go; c waits for stderr (which may still bring something before it).
        QCOMPARE(joined(m.take(0)), QByteArray("out b\nerr a\n"));
        m.feed("2026-12-06T06:54:05Z err d\n", OutputChannel::Stderr, 10);
        QCOMPARE(joined(m.take(10)), QByteArray("out c\n"));
        m.finish();
        QCOMPARE(joined(m.take(10)), QByteArray("err d\n"));
    }

    void linesWithoutTimestampKeepTheirPlace()
    {
        LogLineMerger m(false);
        m.feed("Error: No such container: x\n", OutputChannel::Stderr, 0);
        m.finish();
        QCOMPARE(joined(m.take(0)), QByteArray("Error: No such container: x\n"));
    }
};

QTEST_GUILESS_MAIN(TestLogLineMerger)
#include "tst_log_line_merger.moc"
