// LogBuffer and LogView: bounded line buffer with a dropped-lines count, long lines cut for
// display, partial lines across chunks, batched appends into a bounded document, search.
#include "logs/LogBuffer.h"
#include "logs/LogFileName.h"
#include "logs/LogLineModel.h"
#include "logs/LogLineStore.h"
#include "logs/LogPanel.h"
#include "logs/LogView.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSpinBox>
#include <QTest>
#include <QTimer>

using archnest::LogOptions;
using archnest::ui::LogBuffer;
using archnest::ui::LogLineStore;
using archnest::ui::LogPanel;
using archnest::ui::LogView;

namespace {
QByteArrayList pendingLines(const LogBuffer &b)
{
    QByteArrayList out;
    for (qsizetype i = 0; i < b.pending().size(); ++i)
        out << b.pending().line(i).toByteArray();
    return out;
}
} // namespace

class TestLogView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitsLinesAcrossChunks()
    {
        LogBuffer b(100);
        b.append("one\ntw");
        b.append("o\r\nthr");
        QCOMPARE(b.pendingCount(), 2);
        b.finish();
        QCOMPARE(pendingLines(b), (QByteArrayList{"one", "two", "thr"}));
        QCOMPARE(b.totalLines(), 3);
    }

    // stdout and stderr chunks interleave mid-line: each stream keeps its own partial line, so
    // no line is spliced into another, and stderr lines are marked (drawn in an error colour).
    void stderrLinesAreKeptWholeAndMarked()
    {
        LogView view;
        view.appendData("out one\nout par");
        view.appendData("ERROR line 460\n", true);
        view.appendData("tial\n");
        view.appendData("ERR no newline", true);
        view.finishData();
        view.flushAll();
        QCOMPARE(view.lineCount(), 4);
        QCOMPARE(view.lineText(0), QStringLiteral("out one"));
        QCOMPARE(view.lineText(1), QStringLiteral("ERROR line 460"));
        QCOMPARE(view.lineText(2), QStringLiteral("out partial"));
        QCOMPARE(view.lineText(3), QStringLiteral("ERR no newline"));
        QVERIFY(!view.lineIsStderr(0));
        QVERIFY(view.lineIsStderr(1));
        QVERIFY(!view.lineIsStderr(2));
        QVERIFY(view.lineIsStderr(3));
        QCOMPARE(view.lineModel()->index(1).data(archnest::ui::LogLineModel::IsStderrRole).toBool(), true);
    }

    void keepsOnlyTheLastLinesAndCountsDropped()
    {
        LogBuffer b(1000);
        QByteArray big;
        for (int i = 0; i < 50000; ++i)
            big += "line " + QByteArray::number(i) + '\n';
        b.append(big);
        QCOMPARE(b.pendingCount(), 1000);
        QCOMPARE(b.droppedLines(), 49000);
        QCOMPARE(b.totalLines(), 50000);
        QCOMPARE(pendingLines(b).first(), QByteArray("line 49000"));
    }

    void cutsAHugeLine()
    {
        LogBuffer b(10, 1024);
        const QByteArray chunk(256 * 1024, 'x');
        for (int i = 0; i < 4; ++i) // one 1 MiB line in four chunks
            b.append(chunk);
        b.append("\nafter\n");
        const QByteArrayList lines = pendingLines(b);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.first().size() < 1200);
        QVERIFY(lines.first().contains("1047552"));
        QCOMPARE(lines.at(1), QByteArray("after"));
        QCOMPARE(b.truncatedLines(), 1);
    }

    void viewIsBoundedAndSaysWhatItDropped()
    {
        LogView view;
        view.setMaxLines(500);
        QByteArray data;
        for (int i = 0; i < 2000; ++i)
            data += "entry " + QByteArray::number(i) + '\n';
        view.appendData(data);
        view.flushAll();
        QCOMPARE(view.lineCount(), 500);
        QCOMPARE(view.totalLines(), 2000);
        QCOMPARE(view.droppedLines(), 1500);
        QCOMPARE(view.lineText(499), QStringLiteral("entry 1999"));
        // More lines keep the bound.
        view.appendData("entry 2000\nentry 2001\n");
        view.flushAll();
        QCOMPARE(view.lineCount(), 500);
        QCOMPARE(view.lineText(499), QStringLiteral("entry 2001"));
        QCOMPARE(view.lineText(0), QStringLiteral("entry 1502"));
    }

    void searchHighlightsVisibleMatchesAndFinds()
    {
        LogView view;
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QByteArray data;
        for (int i = 0; i < 3000; ++i)
            data += (i % 10 == 0 ? "ERROR boom " : "info ok ") + QByteArray::number(i) + '\n';
        data += "needle at the end\n";
        view.appendData(data);
        view.flushAll();
        view.scrollToTop();
        view.setSearchText(QStringLiteral("error"));
        QVERIFY(view.visibleMatchCount() > 0);
        view.setSearchText(QStringLiteral("needle"));
        QVERIFY(view.findNext());
        QCOMPARE(view.currentIndex().row(), 3000);
        QCOMPARE(view.lineText(view.currentIndex().row()), QStringLiteral("needle at the end"));
        QVERIFY(view.visibleMatchCount() >= 1); // scrolled into view
        // Painting with a highlight works (grab renders the delegate).
        QVERIFY(!view.grab().isNull());
        if (const QString grabDir = qEnvironmentVariable("ARCHNEST_UI_GRAB_DIR"); !grabDir.isEmpty())
            view.grab().save(grabDir + QStringLiteral("/logview.png"));
        view.setWrap(true);
        QVERIFY(view.wraps());
        QVERIFY(!view.grab().isNull());
        // Copy the selected lines.
        view.selectionModel()->select(view.lineModel()->index(0), QItemSelectionModel::ClearAndSelect);
        QCOMPARE(view.selectedText(), QStringLiteral("ERROR boom 0"));
    }

    // Issue 14, defect 9: a followed log of a chatty container stayed blank while the line
    // count rose, and Follow did not keep the view at the end. Lines arrive from a timer as a
    // stream delivers them (the view's own flush timer runs in between); while they flow and
    // once they stop, the view shows rows at its bottom edge and the last line is among them.
    void chattyFollowedLogDrawsAndStaysAtTheEnd()
    {
        LogView view;
        view.setMaxLines(100000);
        view.resize(600, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.appendData("first\n");
        QTRY_COMPARE(view.lineCount(), 1);
        int next = 0;
        QTimer feeder;
        feeder.setInterval(2);
        QObject::connect(&feeder, &QTimer::timeout, &view, [&] {
            QByteArray chunk;
            for (int i = 0; i < 400; ++i, ++next)
                chunk += "2026-12-06T06:54:01.66Z worker line " + QByteArray::number(next) + '\n';
            view.appendData(chunk);
        });
        feeder.start();
        const auto topRow = [&view] { return view.indexAt(QPoint(5, 3)).row(); };
        const auto lastRowShown = [&view] {
            const QRect last = view.visualRect(view.lineModel()->index(view.lineCount() - 1));
            return last.isValid() && view.viewport()->rect().contains(last);
        };
        // While the stream is chatty: the top of the viewport shows a row (not blank), and the
        // view follows (the rows shown are near the newest line).
        QTRY_VERIFY_WITH_TIMEOUT(view.totalLines() > 150000, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(topRow() >= 0 && topRow() >= view.lineCount() - 2000, 10000);
        feeder.stop();
        QTRY_COMPARE_WITH_TIMEOUT(view.pendingLines(), 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(lastRowShown(), 10000);
        QCOMPARE(view.verticalScrollBar()->value(), view.verticalScrollBar()->maximum());
        QCOMPARE(view.lineText(view.lineCount() - 1),
                 QStringLiteral("2026-12-06T06:54:01.66Z worker line %1").arg(next - 1));
        // Scrolling up stops following: new lines do not take the view to the end.
        view.verticalScrollBar()->setValue(10);
        view.appendData("one more\n");
        QTRY_COMPARE(view.pendingLines(), 0);
        QTRY_COMPARE(view.lineText(view.lineCount() - 1), QStringLiteral("one more"));
        QVERIFY(topRow() >= 0 && topRow() < 100);
        QVERIFY(!lastRowShown());
    }

    // Issue 14: the match count and "only matching lines" follow the lines as they come and go.
    void matchCountAndOnlyMatchingLines()
    {
        LogView view;
        view.setMaxLines(102);
        QByteArray data;
        for (int i = 0; i < 100; ++i)
            data += (i % 10 == 0 ? "ERROR boom error " : "info ok ") + QByteArray::number(i) + '\n';
        view.appendData(data);
        view.flushAll();
        view.setSearchText(QStringLiteral("Error"));
        QCOMPARE(view.matchingLineCount(), 10);
        QCOMPARE(view.matchCount(), 20); // two per line, case-insensitive
        view.setOnlyMatching(true);
        QCOMPARE(view.lineCount(), 10);
        QCOMPARE(view.lineText(1), QStringLiteral("ERROR boom error 10"));
        QVERIFY(view.findNext());
        QCOMPARE(view.lineText(view.currentIndex().row()), QStringLiteral("ERROR boom error 0"));
        // New lines: matching ones appear; the oldest lines drop out (102 kept), and with them
        // their matches.
        view.appendData("info 100\nerror 101\n");
        view.flushAll();
        QCOMPARE(view.lineCount(), 11);
        QCOMPARE(view.lineText(10), QStringLiteral("error 101"));
        QCOMPARE(view.matchCount(), 21);
        view.appendData("info 102\n"); // line 0 ("ERROR boom error 0") drops
        view.flushAll();
        QCOMPARE(view.matchCount(), 19);
        QCOMPARE(view.lineCount(), 10);
        QCOMPARE(view.lineText(0), QStringLiteral("ERROR boom error 10"));
        // Back to every line; a non-ASCII needle is searched in decoded text.
        view.setOnlyMatching(false);
        QCOMPARE(view.lineCount(), 102);
        view.appendData("Grüße aus GRÜSSE grüße\n");
        view.flushAll();
        view.setSearchText(QStringLiteral("GRÜßE"));
        QCOMPARE(view.matchCount(), 2);
        view.setSearchText(QString());
        QCOMPARE(view.matchCount(), 0);
    }

    // Issue 14 (performance): lines share blocks; a line costs its bytes and a 12-byte entry,
    // and blocks are freed as lines drop (no allocation per line).
    void storageIsCompact()
    {
        LogLineStore store(200000);
        const QByteArray line(100, 'x');
        for (int i = 0; i < 200000; ++i)
            store.append(line, i % 3 == 0);
        QCOMPARE(store.size(), 200000);
        const qint64 text = 200000LL * 100;
        QVERIFY2(store.storageBytes() <= text + 200000LL * 12 + LogLineStore::kBlockBytes,
                 qPrintable(QString::number(store.storageBytes())));
        QVERIFY(store.isStderr(0) && !store.isStderr(1));
        const qsizetype blocks = store.blockCount();
        store.popFront(150000);
        QCOMPARE(store.firstSeq(), 150000);
        QVERIFY(store.blockCount() <= blocks / 4 + 1);
        QCOMPARE(store.line(0), QByteArrayView(line));
        QVERIFY(store.isStderr(0)); // line 150000
        store.setMaxLines(10);
        QCOMPARE(store.size(), 10);
        QCOMPARE(store.firstSeq(), 199990);
    }

    // Issue 14: since/until reach the source's log options (UTC); Save offers
    // host-container-timestamp.log with nothing a remote name could use to pick a directory.
    void panelOptionsAndDefaultFileName()
    {
        LogPanel panel(nullptr, QStringLiteral("web"));
        QVERIFY(!panel.currentOptions().since.isValid());
        QVERIFY(!panel.currentOptions().until.isValid());
        const QDateTime since(QDate(2026, 12, 6), QTime(6, 0, 0), Qt::LocalTime);
        const QDateTime until(QDate(2026, 12, 6), QTime(7, 30, 0), Qt::LocalTime);
        panel.sinceEdit()->setDateTime(since);
        panel.untilEdit()->setDateTime(until);
        panel.sinceBox()->setChecked(true);
        QVERIFY(panel.sinceEdit()->isEnabled());
        panel.untilBox()->setChecked(true);
        panel.tailSpin()->setValue(0);
        LogOptions o = panel.currentOptions();
        QCOMPARE(o.since, since.toUTC());
        QCOMPARE(o.until, until.toUTC());
        QCOMPARE(o.tail, -1);
        panel.untilBox()->setChecked(false);
        QVERIFY(!panel.currentOptions().until.isValid());

        // The match count next to the search box.
        panel.view()->appendData("alpha\nbeta alpha\ngamma\n");
        panel.view()->flushAll();
        panel.searchEdit()->setText(QStringLiteral("alpha"));
        QCOMPARE(panel.matchLabel()->text(), QStringLiteral("2 matches in 2 lines"));
        panel.onlyMatchingBox()->setChecked(true);
        QCOMPARE(panel.view()->lineCount(), 2);
        if (const QString grabDir = qEnvironmentVariable("ARCHNEST_UI_GRAB_DIR"); !grabDir.isEmpty()) {
            panel.resize(900, 300);
            panel.onlyMatchingBox()->setChecked(false);
            panel.grab().save(grabDir + QStringLiteral("/logpanel.png"));
            panel.onlyMatchingBox()->setChecked(true);
        }
        panel.searchEdit()->setText(QStringLiteral("zeta"));
        QCOMPARE(panel.matchLabel()->text(), QStringLiteral("no matches"));

        const QDateTime when(QDate(2026, 12, 7), QTime(23, 15, 0));
        QCOMPARE(archnest::ui::defaultLogFileName(QStringLiteral("web-01"), QStringLiteral("/nginx"), when),
                 QStringLiteral("web-01-nginx-20261207-231500.log"));
        QCOMPARE(archnest::ui::defaultLogFileName(QStringLiteral("a b"), QStringLiteral("../../etc/x"), when),
                 QStringLiteral("a_b-_.._etc_x-20261207-231500.log"));
        QCOMPARE(archnest::ui::defaultLogFileName(QString(), QString(), when),
                 QStringLiteral("host-container-20261207-231500.log"));
        QVERIFY(panel.defaultSaveFileName().startsWith(QLatin1String("host-web-")));
    }

    void hugeLogStaysBounded()
    {
        // ~100 MB in 1 MB chunks: the buffer keeps only maxLines, so memory and time stay bounded.
        LogView view;
        view.setMaxLines(20000);
        QByteArray chunk;
        while (chunk.size() < 1024 * 1024)
            chunk += "2026-11-27T02:00:00.000000000Z some log line with a little payload 0123456789\n";
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < 100; ++i)
            view.appendData(chunk);
        view.flushAll();
        QCOMPARE(view.lineCount(), 20000);
        QVERIFY(view.droppedLines() > 1000000);
        qInfo("100 MB log appended and shown in %lld ms", t.elapsed());
    }
};

QTEST_MAIN(TestLogView)
#include "tst_logview.moc"
