// TerminalSearch over a real TerminalScreen (libvterm): matches in the scrollback and on the
// screen, case-insensitive, next / previous with wrap-around, cells of wide characters, and
// matches that keep pointing at their text while more output scrolls it.
#include "TerminalScreen.h"
#include "TerminalSearch.h"

#include <QTest>

using archnest::ui::TerminalMatch;
using archnest::ui::TerminalScreen;
using archnest::ui::TerminalSearch;

class TestTerminalSearch final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void findsInScrollbackAndScreen()
    {
        TerminalScreen screen(40, 5);
        for (int i = 0; i < 20; ++i)
            screen.feed(QByteArray("line ") + QByteArray::number(i) + (i % 5 == 0 ? " Needle here" : "") + "\r\n");
        QVERIFY(screen.scrollbackCount() > 0);
        TerminalSearch search(&screen);
        search.setNeedle(QStringLiteral("needle"));
        QCOMPARE(search.count(), 4); // lines 0, 5, 10, 15
        // Backwards from the bottom: the newest first.
        auto m = search.next(true);
        QVERIFY(m);
        QCOMPARE(screen.historyLineText(search.startOf(*m).y()), QStringLiteral("line 15 Needle here"));
        QCOMPARE(m->column, 8);
        QCOMPARE(m->endColumn, 13);
        m = search.next(true);
        QCOMPARE(screen.historyLineText(search.startOf(*m).y()), QStringLiteral("line 10 Needle here"));
        m = search.next(false);
        QCOMPARE(screen.historyLineText(search.startOf(*m).y()), QStringLiteral("line 15 Needle here"));
        m = search.next(false); // wraps to the top
        QCOMPARE(screen.historyLineText(search.startOf(*m).y()), QStringLiteral("line 0 Needle here"));
        m = search.next(true); // and back over the top to the bottom
        QCOMPARE(screen.historyLineText(search.startOf(*m).y()), QStringLiteral("line 15 Needle here"));

        // More output scrolls the match; it still points at its text.
        const TerminalMatch before = *m;
        screen.feed("more\r\nmore\r\n");
        QCOMPARE(screen.historyLineText(search.startOf(before).y()), QStringLiteral("line 15 Needle here"));

        search.setNeedle(QStringLiteral("absent"));
        QCOMPARE(search.count(), 0);
        QVERIFY(!search.next(false));
    }

    void severalMatchesInALineAndWideCharacters()
    {
        TerminalScreen screen(40, 4);
        screen.feed("ab ab ab\r\n");
        screen.feed("\xe4\xb8\xad\xe6\x96\x87 ab\r\n"); // 中文 ab: two wide characters first
        TerminalSearch search(&screen);
        search.setNeedle(QStringLiteral("AB"));
        QCOMPARE(search.count(), 4);
        auto m = search.next(false);
        QCOMPARE(m->column, 0);
        m = search.next(false);
        QCOMPARE(m->column, 3);
        m = search.next(false);
        QCOMPARE(m->column, 6);
        m = search.next(false);
        QCOMPARE(search.startOf(*m).y(), 1);
        QCOMPARE(m->column, 5); // after two 2-cell characters and a space
        QCOMPARE(m->endColumn, 6);
        search.setNeedle(QStringLiteral("文"));
        m = search.next(false);
        QVERIFY(m);
        QCOMPARE(m->column, 2);
        QCOMPARE(m->endColumn, 3); // both cells of the wide character
    }
};

QTEST_GUILESS_MAIN(TestTerminalSearch)
#include "tst_terminal_search.moc"
