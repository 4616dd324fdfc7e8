// The screen model fed hostile and awkwardly split byte streams (issue 24): sequences that crash
// libvterm 0.1.4, characters and sequences split at every byte, several combining marks per cell,
// CSI 3J, APC/PM/SOS strings, half-overwritten wide characters and the SGR attributes libvterm
// drops. The differential check against tmux is tst_terminal_tmux_diff.cpp.
#include "TerminalScreen.h"

#include <QTest>

using archnest::ui::TerminalCell;
using archnest::ui::TerminalScreen;

namespace {
QByteArray esc(const char *s)
{
    return QByteArray(s).replace("\\e", "\x1b");
}

// Everything a test can observe about a screen, as one string.
QString snapshot(const TerminalScreen &s)
{
    QString out;
    for (int line = 0; line < s.historyLineCount(); ++line) {
        out += s.historyLineText(line) + QLatin1Char('|');
        for (int col = 0; col < s.historyLineWidth(line); ++col) {
            const TerminalCell c = s.historyCell(line, col);
            out += QString::number(c.flags, 16) + QLatin1Char(',') + QString::number(c.fg, 16) + QLatin1Char(',') +
                   QString::number(c.width) + QLatin1Char(';');
        }
        out += QLatin1Char('\n');
    }
    out += QStringLiteral("cursor %1,%2 title %3").arg(s.cursor().x()).arg(s.cursor().y()).arg(s.title());
    return out;
}

QByteArray repeated(const char *s, int n)
{
    return QByteArray(s).repeated(n);
}
} // namespace

class TestTerminalStream final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostileCsiDoesNotCrash_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("row0");
        QTest::addColumn<QPoint>("cursor");
        // libvterm 0.1.4 writes past its 16 argument slots: each of these crashed it.
        QTest::newRow("17 empty SGR params") << esc("\\e[;;;;;;;;;;;;;;;;mX") << QStringLiteral("X") << QPoint(1, 0);
        QTest::newRow("18 empty SGR params") << esc("\\e[;;;;;;;;;;;;;;;;;mX") << QStringLiteral("X") << QPoint(1, 0);
        QTest::newRow("20 numbered SGR params")
            << esc("\\e[1;2;3;4;5;6;7;8;9;21;22;23;24;25;27;28;29;30;31;32mX") << QStringLiteral("X") << QPoint(1, 0);
        QTest::newRow("CUP with 20 params")
            << esc("\\e[3;4;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1HX") << QString() << QPoint(4, 2);
        QTest::newRow("private marker, 20 params")
            << (esc("\\e[?") + repeated("25;", 19) + esc("25lX")) << QStringLiteral("X") << QPoint(1, 0);
        QTest::newRow("intermediate, 20 params")
            << (esc("\\e[") + repeated("1;", 19) + esc("1 qX")) << QStringLiteral("X") << QPoint(1, 0);
        QTest::newRow("colon sub-params, 20")
            << (esc("\\e[38") + repeated(":1", 19) + esc("mX")) << QStringLiteral("X") << QPoint(1, 0);
        QTest::newRow("colon sub-params in CUP (dropped, as tmux does)")
            << (esc("\\e[2") + repeated(":1", 19) + esc("HX")) << QStringLiteral("X") << QPoint(1, 0);
        QTest::newRow("1000 params (dropped, as tmux does)")
            << (esc("\\e[") + repeated("1;", 999) + esc("1mX")) << QStringLiteral("X") << QPoint(1, 0);
        QTest::newRow("number past INT_MAX (dropped)")
            << esc("\\e[99999999999999999999999@X") << QStringLiteral("X") << QPoint(1, 0);
        QTest::newRow("huge insert count") << esc("ab\\e[1;1H\\e[2147483647@X") << QStringLiteral("X") << QPoint(1, 0);
        QTest::newRow("huge DECSTBM") << esc("\\e[1;2147483647rX") << QStringLiteral("X") << QPoint(1, 0);
        // libvterm 0.1.4 loops forever on REP with nothing printed before it.
        QTest::newRow("REP first") << esc("\\e[5bX") << QStringLiteral("X") << QPoint(1, 0);
        QTest::newRow("REP after a character, capped at the margin")
            << esc("ab\\e[3bc\\e[99b") << QStringLiteral("abbbbcccccccccccccccc").left(20) << QPoint(19, 0);
        QTest::newRow("DCS with 40 params")
            << (esc("\\eP") + repeated("1;", 39) + esc("1$qm\\e\\X")) << QStringLiteral("X") << QPoint(1, 0);
    }

    void hostileCsiDoesNotCrash()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, row0);
        QFETCH(QPoint, cursor);
        // Whole, byte by byte, and cut at every position.
        TerminalScreen whole(20, 5);
        whole.feed(input);
        QCOMPARE(whole.rowText(0), row0);
        QCOMPARE(whole.cursor(), cursor);
        TerminalScreen bytes(20, 5);
        for (const char c : input)
            bytes.feed(&c, 1);
        QCOMPARE(snapshot(bytes), snapshot(whole));
        for (qsizetype cut = 1; cut < input.size(); cut += std::max<qsizetype>(1, input.size() / 64)) {
            TerminalScreen split(20, 5);
            split.feed(input.left(cut));
            split.feed(input.mid(cut));
            QCOMPARE(snapshot(split), snapshot(whole));
        }
    }

    void wideCharacterInOneColumn()
    {
        // libvterm 0.1.4 wrote the right half past the line (a NULL write): at least 2 columns.
        TerminalScreen s(1, 3);
        QCOMPARE(s.columns(), 2);
        s.resize(1, 5);
        QCOMPARE(s.columns(), 2);
        s.feed(QStringLiteral("\U0001F600\u4e2d x").toUtf8());
        QCOMPARE(s.rowText(0), QStringLiteral("\U0001F600"));
        QCOMPARE(s.rowText(1), QStringLiteral("\u4e2d"));
    }

    void cursorStaysOnTheScreen()
    {
        // Found by fuzz_terminal_screen: libvterm 0.1.4 left its cursor below a screen resized
        // to one row, and a cursor saved before a shrink came back off the screen.
        TerminalScreen s(20, 6);
        s.feed(QByteArray::fromHex(
            "e4b8ade69687e5ad97e4b8ade68687e5ad97e4b8ade69687e5ad97e4b8ad97e4b8ade69687e5ad97e4b8ade5e687ad9697e4b8ade6"
            "9687e5ad4197e4b8ade696e5ad97f00503151b5b313b314858e4b8ade4b8ade4b8ade4b4f2"));
        s.resize(14, 1);
        QVERIFY(s.cursor().y() < s.rows() && s.cursor().x() < s.columns());
        s.feed(QByteArray("a"));
        QVERIFY(s.cursor().y() < s.rows() && s.cursor().x() < s.columns());
        TerminalScreen r(20, 6);
        r.feed(esc("\\e[6;20H\\e7"));
        r.resize(10, 3);
        r.feed(esc("\\e8X"));
        QCOMPARE(r.cursor(), QPoint(9, 2));
        QCOMPARE(r.rowText(2), QStringLiteral("         X"));
    }

    void utf8SplitAcrossReads()
    {
        TerminalScreen s(20, 3);
        s.feed(QByteArray("AB\xe3"));
        s.feed(QByteArray("\x82\x8a"
                          "C"));
        QCOMPARE(s.rowText(0), QStringLiteral("AB\u308AC"));
        QCOMPARE(s.cursor(), QPoint(5, 0));
    }

    void titleSplitAtEveryByte_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("BEL") << esc("x\\e]2;hello\ay");
        QTest::newRow("ST") << esc("x\\e]0;hello\\e\\y");
        QTest::newRow("UTF-8 title") << esc("x\\e]2;h\xc3\xa9llo \xe6\xbc\xa2\ay");
    }

    void titleSplitAtEveryByte()
    {
        QFETCH(QByteArray, input);
        TerminalScreen whole(20, 3);
        whole.feed(input);
        QVERIFY(whole.title().startsWith(QStringLiteral("h")));
        QCOMPARE(whole.rowText(0), QStringLiteral("xy"));
        for (qsizetype cut = 1; cut < input.size(); ++cut) {
            TerminalScreen s(20, 3);
            s.feed(input.left(cut));
            s.feed(input.mid(cut));
            QCOMPARE(s.title(), whole.title());
            QCOMPARE(s.rowText(0), QStringLiteral("xy"));
        }
        TerminalScreen bytes(20, 3);
        for (const char c : input)
            bytes.feed(&c, 1);
        QCOMPARE(bytes.title(), whole.title());
    }

    void byteByByteEqualsWhole_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("colours and wrap")
            << esc("\\e[1;31mred\\e[0m plain \\e[38;2;1;2;3mrgb\\e[m 0123456789012345678901234\r\nnext");
        QTest::newRow("combining marks") << QStringLiteral("a\u0308\u0301 e\u0301 \u1100\u1161\u11a8 x").toUtf8();
        QTest::newRow("wide and emoji")
            << QStringLiteral("\u4e2d\u6587 \U0001F600\r\n\U0001F468\u200d\U0001F469 z").toUtf8();
        QTest::newRow("scroll and 3J") << (repeated("line\r\n", 12) + esc("\\e[3Jafter\r\nmore\r\n"));
        QTest::newRow("alt screen") << esc(
            "main\\e[?1049h\\e[2;2Halt\\e]2;t\\a\\e[?1049lback\\e[5;1H\\e[1;2r\\e[2;1H\r\n\r\n");
        QTest::newRow("strings") << esc("a\\e_apc\\e\\b\\e^pm\\e\\c\\eXsos\\e\\d\\ekname\\e\\e\\eP$qm\\e\\f");
        QTest::newRow("invalid UTF-8") << QByteArray("A\xe3\x82z\xff\xc0\xaf"
                                                     "B\xed\xa0\x80"
                                                     "C\xf0\x9f\x98");
        QTest::newRow("dim conceal overline") << esc("\\e[2;8;53mx\\e[22my\\e[28mz\\e7\\e[0mw\\e8v\\e[55mu");
    }

    void byteByByteEqualsWhole()
    {
        QFETCH(QByteArray, input);
        // libvterm 0.1.4 does not join a combining mark that arrives in a later read to a
        // character in the last column (documented limitation): no row puts one there.
        TerminalScreen whole(10, 4);
        whole.feed(input);
        TerminalScreen bytes(10, 4);
        for (const char c : input)
            bytes.feed(&c, 1);
        QCOMPARE(snapshot(bytes), snapshot(whole));
        for (qsizetype cut = 1; cut < input.size(); ++cut) {
            TerminalScreen split(10, 4);
            split.feed(input.left(cut));
            split.feed(input.mid(cut));
            QCOMPARE(snapshot(split), snapshot(whole));
        }
    }

    void combiningMarksPerCell()
    {
        TerminalScreen s(20, 3);
        const QString text = QStringLiteral("a\u0308\u0301|\u1100\u1161\u11a8|e\u0301\u0302\u0303\u0304\u0305");
        s.feed(text.toUtf8());
        QCOMPARE(s.cell(0, 0).text(), QStringLiteral("a\u0308\u0301"));
        QCOMPARE(s.cell(0, 2).text(), QStringLiteral("\u1100\u1161\u11a8")); // 3-part Hangul, one wide cell
        QCOMPARE(s.cell(0, 2).width, quint8(2));
        QCOMPARE(s.cell(0, 5).text(), QStringLiteral("e\u0301\u0302\u0303\u0304\u0305")); // libvterm keeps 6
        QCOMPARE(s.rowText(0), text);
        // The marks survive the trip through our scrollback and back (a resize pops lines).
        s.feed(QByteArray("\r\n\r\n\r\n"));
        QCOMPARE(s.historyLineText(0), text);
        s.resize(20, 6);
        QCOMPARE(s.rowText(0), text);
        QCOMPARE(s.cell(0, 0).text(), QStringLiteral("a\u0308\u0301"));
    }

    void csi3JClearsScrollback()
    {
        TerminalScreen s(10, 3);
        s.feed(repeated("x\r\n", 10));
        QCOMPARE(s.scrollbackCount(), 8);
        s.feed(esc("\\e[H\\e[2J\\e[3J")); // what `clear` prints
        QCOMPARE(s.scrollbackCount(), 0);
        QCOMPARE(s.rowText(0), QString());
        // Lines scrolled off after the 3J in the same read are kept.
        s.feed(esc("\\e[3J") + repeated("y\r\n", 5));
        QCOMPARE(s.scrollbackCount(), 3);
        QCOMPARE(s.historyLineText(0), QStringLiteral("y"));
    }

    void apcPmSosAreConsumed()
    {
        TerminalScreen s(20, 3);
        s.feed(esc("\\e_Gi=1;AAAA\\e\\A"));
        QCOMPARE(s.rowText(0), QStringLiteral("A"));
        s.feed(esc("\\e^private\\e\\B\\eXstart of string\\e\\C\\e_bel\adoes not end it\\e\\D"));
        QCOMPARE(s.rowText(0), QStringLiteral("ABCD"));
        QCOMPARE(s.title(), QString());
    }

    void overwritingHalfAWideCharacter()
    {
        TerminalScreen s(10, 3);
        s.feed(QStringLiteral("\u4e2d\u6587").toUtf8());
        QCOMPARE(s.cell(0, 0).width, quint8(2));
        (void)s.takeDamage();
        s.feed(esc("\\e[1;1HX"));
        // The right half left behind reads as a blank; X claims one column.
        QCOMPARE(s.cell(0, 0).width, quint8(1));
        QCOMPARE(s.cell(0, 1).width, quint8(1));
        QVERIFY(s.cell(0, 1).isBlank());
        QCOMPARE(s.rowText(0), QStringLiteral("X \u6587"));
        QVERIFY(s.takeDamage().contains(QPoint(1, 0)));
        // The same in the scrollback.
        s.feed(QByteArray("\r\n\r\n\r\n"));
        QCOMPARE(s.historyLineText(0), QStringLiteral("X \u6587"));
        QCOMPARE(s.historyCell(0, 0).width, quint8(1));
    }

    void attributesLibvtermDrops()
    {
        TerminalScreen s(20, 3);
        s.feed(esc("\\e[2ma\\e[8mb\\e[53mc\\e[22md\\e[28me\\e[55mf\\e[2;8;53mg\\e[0mh"));
        constexpr quint16 dim = TerminalCell::Dim, conceal = TerminalCell::Conceal, over = TerminalCell::Overline;
        const quint16 expected[] = {dim,
                                    quint16(dim | conceal),
                                    quint16(dim | conceal | over),
                                    quint16(conceal | over),
                                    over,
                                    0,
                                    quint16(dim | conceal | over),
                                    0};
        for (int col = 0; col < 8; ++col)
            QCOMPARE(s.cell(0, col).flags & (dim | conceal | over), int(expected[col]));
        QCOMPARE(s.rowText(0), QStringLiteral("abcdefgh")); // concealed text is still text
        // Saved and restored with the cursor; bold and dim are separate.
        s.feed(esc("\r\n\\e[1;2m\\e7\\e[0mp\\e8q\\e[22mr"));
        QCOMPARE(s.cell(1, 0).text(), QStringLiteral("q"));
        QCOMPARE(s.cell(1, 0).flags & (dim | TerminalCell::Bold), int(dim | TerminalCell::Bold));
        QCOMPARE(s.cell(1, 1).text(), QStringLiteral("r"));
        QCOMPARE(s.cell(1, 1).flags & (dim | TerminalCell::Bold), 0);
    }

    void extendedColours()
    {
        TerminalScreen s(20, 3);
        s.feed(esc("\\e[38:2::10:20:30ma\\e[38:2:40:50:60mb\\e[31m\\e[38;5;300mc\\e[48:5:17md\\e[38;2;300;1;1me"));
        QCOMPARE(s.cell(0, 0).foreground(), QColor(10, 20, 30)); // empty colourspace
        QCOMPARE(s.cell(0, 1).foreground(), QColor(40, 50, 60));
        QCOMPARE(int(s.cell(0, 2).fgIndex), 1); // 38;5;300 ignored
        QCOMPARE(int(s.cell(0, 3).bgIndex), 17);
        QCOMPARE(s.rowText(0), QStringLiteral("abcde"));
    }
};

QTEST_GUILESS_MAIN(TestTerminalStream)
#include "tst_terminal_stream.moc"
