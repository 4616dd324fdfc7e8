// LogBuffer and LogView: bounded line buffer with a dropped-lines count, long lines cut for
// display, partial lines across chunks, batched appends into a bounded document, search.
#include "logs/LogBuffer.h"
#include "logs/LogLineModel.h"
#include "logs/LogView.h"

#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QScrollBar>
#include <QTest>

using archnest::ui::LogBuffer;
using archnest::ui::LogView;

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
        QCOMPARE(b.takeBatch(10), (QStringList{QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("thr")}));
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
        QCOMPARE(b.takeBatch(1).first(), QStringLiteral("line 49000"));
    }

    void cutsAHugeLine()
    {
        LogBuffer b(10, 1024);
        const QByteArray chunk(256 * 1024, 'x');
        for (int i = 0; i < 4; ++i) // one 1 MiB line in four chunks
            b.append(chunk);
        b.append("\nafter\n");
        const QStringList lines = b.takeBatch(10);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.first().size() < 1200);
        QVERIFY(lines.first().contains(QStringLiteral("1047552")));
        QCOMPARE(lines.at(1), QStringLiteral("after"));
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
