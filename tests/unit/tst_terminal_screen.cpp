// The terminal screen model with no widget: escape sequences in, cells out (Konsole tests its
// emulator the same way). libvterm 0.1.4 parses; these tests pin what our model makes of it.
#include "TerminalScreen.h"

#include <QSignalSpy>
#include <QTest>

using archnest::ui::CursorShape;
using archnest::ui::TerminalCell;
using archnest::ui::TerminalScreen;

namespace {
QByteArray esc(const char *s)
{
    return QByteArray(s).replace("\\e", "\x1b");
}
} // namespace

class TestTerminalScreen final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void plainTextAndCursor()
    {
        TerminalScreen s(20, 5);
        s.feed(QByteArrayLiteral("hello\r\nworld"));
        QCOMPARE(s.rowText(0), QStringLiteral("hello"));
        QCOMPARE(s.rowText(1), QStringLiteral("world"));
        QCOMPARE(s.cursor(), QPoint(5, 1));
        QCOMPARE(s.cell(0, 0).text(), QStringLiteral("h"));
        QVERIFY(s.cell(0, 10).isBlank());
    }

    void colours_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("fgIndex");
        QTest::addColumn<int>("bgIndex");
        QTest::addColumn<QColor>("fg"); // invalid: not checked
        QTest::addColumn<QColor>("bg");
        QTest::addColumn<bool>("defaultFg");
        QTest::addColumn<bool>("defaultBg");

        const QColor none;
        QTest::newRow("default") << esc("X") << -1 << -1 << none << none << true << true;
        QTest::newRow("ansi red fg") << esc("\\e[31mX") << 1 << -1 << none << none << false << true;
        QTest::newRow("ansi blue bg") << esc("\\e[44mX") << -1 << 4 << none << none << true << false;
        QTest::newRow("bright fg 90-97") << esc("\\e[92mX") << 10 << -1 << none << none << false << true;
        QTest::newRow("bright bg 100-107") << esc("\\e[103mX") << -1 << 11 << none << none << true << false;
        QTest::newRow("256 fg cube red") << esc("\\e[38;5;196mX") << 196 << -1 << QColor(255, 0, 0) << none << false
                                         << true;
        QTest::newRow("256 bg grey ramp")
            << esc("\\e[48;5;244mX") << -1 << 244 << none << QColor(0x80, 0x80, 0x80) << true << false;
        QTest::newRow("truecolor fg") << esc("\\e[38;2;10;20;30mX") << -1 << -1 << QColor(10, 20, 30) << none << false
                                      << true;
        QTest::newRow("truecolor bg") << esc("\\e[48;2;200;100;50mX") << -1 << -1 << none << QColor(200, 100, 50)
                                      << true << false;
        QTest::newRow("reset by 39/49") << esc("\\e[31;42m\\e[39;49mX") << -1 << -1 << none << none << true << true;
        QTest::newRow("reset by 0") << esc("\\e[38;2;1;2;3m\\e[0mX") << -1 << -1 << none << none << true << true;
    }

    void colours()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, fgIndex);
        QFETCH(int, bgIndex);
        QFETCH(QColor, fg);
        QFETCH(QColor, bg);
        QFETCH(bool, defaultFg);
        QFETCH(bool, defaultBg);
        TerminalScreen s(10, 3);
        s.feed(input);
        const TerminalCell c = s.cell(0, 0);
        QCOMPARE(c.text(), QStringLiteral("X"));
        QCOMPARE(int(c.fgIndex), fgIndex);
        QCOMPARE(int(c.bgIndex), bgIndex);
        QCOMPARE(c.has(TerminalCell::DefaultFg), defaultFg);
        QCOMPARE(c.has(TerminalCell::DefaultBg), defaultBg);
        if (fg.isValid())
            QCOMPARE(c.foreground(), fg);
        if (bg.isValid())
            QCOMPARE(c.background(), bg);
        if (defaultFg)
            QCOMPARE(c.foreground(), s.defaultForeground());
        if (defaultBg)
            QCOMPARE(c.background(), s.defaultBackground());
    }

    void attributes_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("flags");
        const int none = 0;
        QTest::newRow("none") << esc("X") << none;
        QTest::newRow("bold") << esc("\\e[1mX") << int(TerminalCell::Bold);
        QTest::newRow("italic") << esc("\\e[3mX") << int(TerminalCell::Italic);
        QTest::newRow("underline") << esc("\\e[4mX") << int(TerminalCell::Underline);
        QTest::newRow("double underline")
            << esc("\\e[21mX") << int(TerminalCell::Underline | TerminalCell::DoubleUnderline);
        QTest::newRow("blink") << esc("\\e[5mX") << int(TerminalCell::Blink);
        QTest::newRow("reverse") << esc("\\e[7mX") << int(TerminalCell::Reverse);
        QTest::newRow("strike") << esc("\\e[9mX") << int(TerminalCell::Strike);
        QTest::newRow("all") << esc("\\e[1;3;4;7;9mX")
                             << int(TerminalCell::Bold | TerminalCell::Italic | TerminalCell::Underline |
                                    TerminalCell::Reverse | TerminalCell::Strike);
        QTest::newRow("bold off 22") << esc("\\e[1;3m\\e[22mX") << int(TerminalCell::Italic);
        QTest::newRow("all off 0") << esc("\\e[1;3;4;7;9m\\e[0mX") << none;
    }

    void attributes()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, flags);
        TerminalScreen s(10, 3);
        s.feed(input);
        constexpr int kAttrMask = TerminalCell::Bold | TerminalCell::Italic | TerminalCell::Underline |
                                  TerminalCell::DoubleUnderline | TerminalCell::Reverse | TerminalCell::Strike |
                                  TerminalCell::Blink;
        QCOMPARE(s.cell(0, 0).flags & kAttrMask, flags);
    }

    void cursorMovement_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QPoint>("cursor");
        QTest::addColumn<QString>("row0");
        QTest::newRow("CUP 1-based") << esc("\\e[3;5H") << QPoint(4, 2) << QString();
        QTest::newRow("CUP home") << esc("abc\\e[H") << QPoint(0, 0) << QStringLiteral("abc");
        QTest::newRow("CUF/CUB") << esc("\\e[10C\\e[3D") << QPoint(7, 0) << QString();
        QTest::newRow("CUD/CUU") << esc("\\e[4B\\e[1A") << QPoint(0, 3) << QString();
        QTest::newRow("CHA") << esc("abcdef\\e[2G") << QPoint(1, 0) << QStringLiteral("abcdef");
        QTest::newRow("clamped at edge") << esc("\\e[99;99H") << QPoint(19, 5) << QString();
        QTest::newRow("overwrite") << esc("abcdef\\e[1;3HXY") << QPoint(4, 0) << QStringLiteral("abXYef");
        QTest::newRow("erase line right") << esc("abcdef\\e[1;3H\\e[K") << QPoint(2, 0) << QStringLiteral("ab");
        QTest::newRow("erase display") << esc("abc\\e[2J") << QPoint(3, 0) << QString();
        QTest::newRow("backspace") << esc("abc\b\bX") << QPoint(2, 0) << QStringLiteral("aXc");
        QTest::newRow("tab") << esc("a\tb") << QPoint(9, 0) << QStringLiteral("a       b");
        QTest::newRow("save/restore") << esc("\\e[2;2H\\e7\\e[5;5H\\e8Z") << QPoint(2, 1) << QString();
    }

    void cursorMovement()
    {
        QFETCH(QByteArray, input);
        QFETCH(QPoint, cursor);
        QFETCH(QString, row0);
        TerminalScreen s(20, 6);
        s.feed(input);
        QCOMPARE(s.cursor(), cursor);
        QCOMPARE(s.rowText(0), row0);
    }

    void cursorProperties()
    {
        TerminalScreen s(20, 5);
        QVERIFY(s.cursorVisible());
        QCOMPARE(s.cursorShape(), CursorShape::Block);
        s.feed(esc("\\e[?25l"));
        QVERIFY(!s.cursorVisible());
        s.feed(esc("\\e[?25h"));
        QVERIFY(s.cursorVisible());
        s.feed(esc("\\e[4 q")); // DECSCUSR steady underline
        QCOMPARE(s.cursorShape(), CursorShape::Underline);
        QVERIFY(!s.cursorBlinking());
        s.feed(esc("\\e[5 q")); // blinking bar
        QCOMPARE(s.cursorShape(), CursorShape::Bar);
        QVERIFY(s.cursorBlinking());
        s.feed(esc("\\e[2 q"));
        QCOMPARE(s.cursorShape(), CursorShape::Block);
    }

    void altScreenKeepsMainScreenAndScrollback()
    {
        TerminalScreen s(20, 4);
        QSignalSpy alt(&s, &TerminalScreen::altScreenChanged);
        s.feed(QByteArrayLiteral("main text"));
        s.feed(esc("\\e[?1049h"));
        QVERIFY(s.altScreen());
        QCOMPARE(alt.count(), 1);
        QCOMPARE(s.rowText(0), QString());
        s.feed(QByteArrayLiteral("full screen app\r\n1\r\n2\r\n3\r\n4\r\n5"));
        QCOMPARE(s.scrollbackCount(), 0); // the alternate screen never feeds the scrollback
        s.feed(esc("\\e[?1049l"));
        QVERIFY(!s.altScreen());
        QCOMPARE(alt.count(), 2);
        QCOMPARE(s.rowText(0), QStringLiteral("main text"));
    }

    void scrollIntoScrollback()
    {
        TerminalScreen s(10, 3);
        for (int i = 1; i <= 7; ++i)
            s.feed(QStringLiteral("line %1\r\n").arg(i).toUtf8());
        // 7 lines + the empty one the cursor sits on: 5 went into the scrollback.
        QCOMPARE(s.scrollbackCount(), 5);
        QCOMPARE(s.historyLineText(0), QStringLiteral("line 1"));
        QCOMPARE(s.historyLineText(4), QStringLiteral("line 5"));
        QCOMPARE(s.rowText(0), QStringLiteral("line 6"));
        QCOMPARE(s.rowText(2), QString());
        QCOMPARE(s.historyLineCount(), 8);
    }

    void scrollbackKeepsColours()
    {
        TerminalScreen s(10, 2);
        s.feed(esc("\\e[1;38;5;33mblue\\e[0m\r\n\r\n\r\n"));
        QVERIFY(s.scrollbackCount() >= 1);
        const TerminalCell c = s.historyCell(0, 0);
        QCOMPARE(c.text(), QStringLiteral("b"));
        QCOMPARE(int(c.fgIndex), 33);
        QVERIFY(c.has(TerminalCell::Bold));
    }

    void scrollbackLimitDropsOldest()
    {
        TerminalScreen s(10, 2);
        s.setScrollbackLimit(3);
        for (int i = 1; i <= 10; ++i)
            s.feed(QStringLiteral("l%1\r\n").arg(i).toUtf8());
        QCOMPARE(s.scrollbackCount(), 3);
        QCOMPARE(s.droppedLines(), qint64(6));
        QCOMPARE(s.historyLineText(0), QStringLiteral("l7"));
        s.setScrollbackLimit(1);
        QCOMPARE(s.scrollbackCount(), 1);
        QCOMPARE(s.historyLineText(0), QStringLiteral("l9"));
        s.clearScrollback();
        QCOMPARE(s.scrollbackCount(), 0);
    }

    void lineWrap()
    {
        TerminalScreen s(5, 3);
        s.feed(QByteArrayLiteral("abcdefgh"));
        QCOMPARE(s.rowText(0), QStringLiteral("abcde"));
        QCOMPARE(s.rowText(1), QStringLiteral("fgh"));
        QCOMPARE(s.cursor(), QPoint(3, 1));
    }

    void wideCharacters()
    {
        TerminalScreen s(10, 3);
        s.feed(QStringLiteral("a漢字b").toUtf8());
        QCOMPARE(s.cell(0, 0).text(), QStringLiteral("a"));
        QCOMPARE(s.cell(0, 1).text(), QStringLiteral("漢"));
        QCOMPARE(int(s.cell(0, 1).width), 2);
        QCOMPARE(int(s.cell(0, 2).width), 0); // right half
        QCOMPARE(s.cell(0, 3).text(), QStringLiteral("字"));
        QCOMPARE(s.cell(0, 5).text(), QStringLiteral("b"));
        QCOMPARE(s.cursor(), QPoint(6, 0));
        QCOMPARE(s.rowText(0), QStringLiteral("a漢字b"));
    }

    void wideCharactersSurviveScrollback()
    {
        TerminalScreen s(10, 2);
        s.feed(QStringLiteral("日本語\r\n\r\n\r\n").toUtf8());
        QCOMPARE(s.historyLineText(0), QStringLiteral("日本語"));
        QCOMPARE(int(s.historyCell(0, 0).width), 2);
        QCOMPARE(int(s.historyCell(0, 1).width), 0);
    }

    void combiningCharacter()
    {
        TerminalScreen s(10, 2);
        s.feed(QStringLiteral("e\u0301x").toUtf8());
        QCOMPARE(s.cell(0, 0).text(), QStringLiteral("e\u0301"));
        QCOMPARE(s.cell(0, 1).text(), QStringLiteral("x"));
    }

    void title_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("title");
        QTest::newRow("OSC 0 BEL") << esc("\\e]0;root@box: /srv\a") << QStringLiteral("root@box: /srv");
        QTest::newRow("OSC 2 ST") << esc("\\e]2;htop\\e\\\\") << QStringLiteral("htop");
        QTest::newRow("utf-8") << QByteArray("\x1b]2;caf\xc3\xa9\x07") << QStringLiteral("café");
    }

    void title()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, title);
        TerminalScreen s(20, 3);
        QSignalSpy spy(&s, &TerminalScreen::titleChanged);
        s.feed(input);
        QCOMPARE(s.title(), title);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toString(), title);
    }

    void titleSplitAcrossFeeds()
    {
        TerminalScreen s(20, 3);
        s.feed(esc("\\e]2;ab"));
        s.feed(QByteArrayLiteral("cd\a"));
        QCOMPARE(s.title(), QStringLiteral("abcd"));
    }

    void bell()
    {
        TerminalScreen s(20, 3);
        QSignalSpy spy(&s, &TerminalScreen::bell);
        s.feed(QByteArrayLiteral("a\ab\a"));
        QCOMPARE(spy.count(), 2);
        QCOMPARE(s.rowText(0), QStringLiteral("ab"));
    }

    void damageTracking()
    {
        TerminalScreen s(20, 5);
        s.takeDamage();
        QSignalSpy changed(&s, &TerminalScreen::contentChanged);
        s.feed(esc("\\e[3;4Hxy"));
        QCOMPARE(changed.count(), 1); // one signal per feed, however many cells changed
        const QRect d = s.takeDamage();
        QVERIFY2(d.contains(QPoint(3, 2)) && d.contains(QPoint(4, 2)),
                 qPrintable(QStringLiteral("damage %1,%2 %3x%4").arg(d.x()).arg(d.y()).arg(d.width()).arg(d.height())));
        QVERIFY(!d.contains(QPoint(0, 4)));
        QVERIFY(s.takeDamage().isEmpty());
    }

    void resize_data()
    {
        QTest::addColumn<int>("cols");
        QTest::addColumn<int>("rows");
        QTest::newRow("wider") << 40 << 5;
        QTest::newRow("narrower") << 4 << 5;
        QTest::newRow("taller") << 10 << 12;
        QTest::newRow("shorter") << 10 << 2;
    }

    void resize()
    {
        QFETCH(int, cols);
        QFETCH(int, rows);
        TerminalScreen s(10, 5);
        QSignalSpy spy(&s, &TerminalScreen::sizeChanged);
        s.feed(QByteArrayLiteral("row0\r\nrow1\r\nrow2"));
        s.resize(cols, rows);
        QCOMPARE(s.columns(), cols);
        QCOMPARE(s.rows(), rows);
        QCOMPARE(spy.count(), 1);
        // No reflow in libvterm 0.1.4: text is cut, never rewrapped; the cursor row stays visible.
        const QString all = s.text(QPoint(0, 0), QPoint(cols - 1, s.historyLineCount() - 1));
        QVERIFY2(all.contains(QStringLiteral("row2").left(cols)), qPrintable(all));
        QVERIFY(s.cursor().y() < rows && s.cursor().x() < cols);
    }

    void shrinkPushesToScrollbackAndGrowPullsBack()
    {
        TerminalScreen s(10, 5);
        s.feed(QByteArrayLiteral("a\r\nb\r\nc\r\nd\r\ne"));
        s.resize(10, 2);
        QCOMPARE(s.scrollbackCount(), 3);
        QCOMPARE(s.rowText(0), QStringLiteral("d"));
        QCOMPARE(s.rowText(1), QStringLiteral("e"));
        s.resize(10, 5);
        QCOMPARE(s.scrollbackCount(), 0);
        QCOMPARE(s.rowText(0), QStringLiteral("a"));
        QCOMPARE(s.rowText(4), QStringLiteral("e"));
    }

    void repliesToDeviceQueries_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QByteArray>("reply");
        QTest::newRow("DSR cursor position") << esc("\\e[2;3H\\e[6n") << esc("\\e[2;3R");
        QTest::newRow("DSR status") << esc("\\e[5n") << esc("\\e[0n");
        QTest::newRow("DA primary") << esc("\\e[c") << esc("\\e[?1;2c");
    }

    void repliesToDeviceQueries()
    {
        QFETCH(QByteArray, query);
        QFETCH(QByteArray, reply);
        TerminalScreen s(20, 5);
        QSignalSpy out(&s, &TerminalScreen::output);
        s.feed(query);
        QCOMPARE(out.count(), 1);
        QCOMPARE(out.at(0).at(0).toByteArray(), reply);
    }

    void keyboardEncoding_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<int>("modifiers");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("bytes");
        const int none = Qt::NoModifier;
        const int ctrl = Qt::ControlModifier;
        const int alt = Qt::AltModifier;
        const int shift = Qt::ShiftModifier;
        QTest::newRow("a") << int(Qt::Key_A) << none << QStringLiteral("a") << QByteArray("a");
        QTest::newRow("A") << int(Qt::Key_A) << shift << QStringLiteral("A") << QByteArray("A");
        QTest::newRow("euro") << int(Qt::Key_unknown) << none << QStringLiteral("€") << QByteArray("\xe2\x82\xac");
        QTest::newRow("enter") << int(Qt::Key_Return) << none << QStringLiteral("\r") << QByteArray("\r");
        QTest::newRow("tab") << int(Qt::Key_Tab) << none << QStringLiteral("\t") << QByteArray("\t");
        QTest::newRow("backtab") << int(Qt::Key_Backtab) << shift << QString() << esc("\\e[Z");
        QTest::newRow("backspace") << int(Qt::Key_Backspace) << none << QString() << QByteArray("\x7f");
        QTest::newRow("escape") << int(Qt::Key_Escape) << none << QString() << esc("\\e");
        QTest::newRow("up") << int(Qt::Key_Up) << none << QString() << esc("\\e[A");
        QTest::newRow("left") << int(Qt::Key_Left) << none << QString() << esc("\\e[D");
        QTest::newRow("ctrl+right") << int(Qt::Key_Right) << ctrl << QString() << esc("\\e[1;5C");
        QTest::newRow("home") << int(Qt::Key_Home) << none << QString() << esc("\\e[H");
        QTest::newRow("end") << int(Qt::Key_End) << none << QString() << esc("\\e[F");
        QTest::newRow("pgup") << int(Qt::Key_PageUp) << none << QString() << esc("\\e[5~");
        QTest::newRow("delete") << int(Qt::Key_Delete) << none << QString() << esc("\\e[3~");
        QTest::newRow("F1") << int(Qt::Key_F1) << none << QString() << esc("\\eOP");
        QTest::newRow("F5") << int(Qt::Key_F5) << none << QString() << esc("\\e[15~");
        QTest::newRow("F12") << int(Qt::Key_F12) << none << QString() << esc("\\e[24~");
        QTest::newRow("ctrl+c") << int(Qt::Key_C) << ctrl << QStringLiteral("\x03") << QByteArray("\x03");
        QTest::newRow("ctrl+d") << int(Qt::Key_D) << ctrl << QStringLiteral("\x04") << QByteArray("\x04");
        QTest::newRow("ctrl+[") << int(Qt::Key_BracketLeft) << ctrl << QString() << esc("\\e");
        QTest::newRow("ctrl+space") << int(Qt::Key_Space) << ctrl << QString() << QByteArray(1, '\0');
        QTest::newRow("alt+b") << int(Qt::Key_B) << alt << QStringLiteral("b") << esc("\\eb");
        QTest::newRow("alt+.") << int(Qt::Key_Period) << alt << QStringLiteral(".") << esc("\\e.");
        QTest::newRow("shift alone") << int(Qt::Key_Shift) << shift << QString() << QByteArray();
    }

    void keyboardEncoding()
    {
        QFETCH(int, key);
        QFETCH(int, modifiers);
        QFETCH(QString, text);
        QFETCH(QByteArray, bytes);
        TerminalScreen s(20, 5);
        QSignalSpy out(&s, &TerminalScreen::output);
        const bool sent = s.sendKey(key, Qt::KeyboardModifiers(modifiers), text);
        QCOMPARE(sent, !bytes.isEmpty());
        QByteArray got;
        for (const auto &args : out)
            got += args.at(0).toByteArray();
        QCOMPARE(got, bytes);
    }

    void applicationCursorKeys()
    {
        TerminalScreen s(20, 5);
        s.feed(esc("\\e[?1h")); // DECCKM, as vim and less set it
        QSignalSpy out(&s, &TerminalScreen::output);
        s.sendKey(Qt::Key_Up, Qt::NoModifier, {});
        QCOMPARE(out.at(0).at(0).toByteArray(), esc("\\eOA"));
    }

    void bracketedPaste()
    {
        TerminalScreen s(20, 5);
        QVERIFY(!s.bracketedPaste());
        QSignalSpy out(&s, &TerminalScreen::output);
        s.paste(QStringLiteral("ls\nexit"));
        QCOMPARE(out.takeFirst().at(0).toByteArray(), QByteArray("ls\rexit"));
        s.feed(esc("\\e[?2004h"));
        QVERIFY(s.bracketedPaste());
        QCOMPARE(out.count(), 0); // the probe sends nothing
        s.paste(QStringLiteral("echo hi\n"));
        QCOMPARE(out.takeFirst().at(0).toByteArray(), esc("\\e[200~echo hi\r\\e[201~"));
        // An end marker inside the clipboard cannot close the bracket early.
        s.paste(QStringLiteral("a\x1b[201~rm -rf x"));
        QCOMPARE(out.takeFirst().at(0).toByteArray(), esc("\\e[200~arm -rf x\\e[201~"));
        s.feed(esc("\\e[?2004l"));
        QVERIFY(!s.bracketedPaste());
    }

    void selectionTextAcrossLines()
    {
        TerminalScreen s(10, 4);
        s.feed(QByteArrayLiteral("first\r\nsecond\r\nthird"));
        QCOMPARE(s.text(QPoint(2, 0), QPoint(2, 2)), QStringLiteral("rst\nsecond\nthi"));
        QCOMPARE(s.text(QPoint(2, 2), QPoint(2, 0)), QStringLiteral("rst\nsecond\nthi")); // either direction
    }

    void splitUtf8AndEscapesAcrossFeeds()
    {
        TerminalScreen s(10, 3);
        const QByteArray all = QStringLiteral("\x1b[31mé漢").toUtf8();
        for (const char c : all)
            s.feed(&c, 1);
        QCOMPARE(s.rowText(0), QStringLiteral("é漢"));
        QCOMPARE(int(s.cell(0, 0).fgIndex), 1);
    }
};

QTEST_GUILESS_MAIN(TestTerminalScreen)
#include "tst_terminal_screen.moc"
