// The terminal's pre-parser on its own (issue 24): what libvterm is handed, and the events, for
// sequences libvterm 0.1.4 mishandles - and that the result does not depend on how the stream is
// cut into reads.
#include "TerminalInputFilter.h"

#include <QTest>

using archnest::ui::TerminalInputFilter;

namespace {
QByteArray esc(const char *s)
{
    return QByteArray(s).replace("\\e", "\x1b");
}

// Output with the events inlined where they happened, e.g. "ab<title:x>c".
QByteArray run(TerminalInputFilter &f, const QByteArray &in)
{
    QByteArray out;
    std::vector<TerminalInputFilter::Event> events;
    f.filter(in, out, events);
    QByteArray all;
    qsizetype done = 0;
    for (const auto &e : events) {
        all += out.mid(done, e.offset - done);
        done = e.offset;
        switch (e.kind) {
        case TerminalInputFilter::EventKind::ClearScrollback:
            all += "<3J>";
            break;
        case TerminalInputFilter::EventKind::Title:
            all += "<title:" + e.title + ">";
            break;
        case TerminalInputFilter::EventKind::PenExtra:
            all += "<pen+" + QByteArray::number(e.set) + "-" + QByteArray::number(e.clear) + ">";
            break;
        case TerminalInputFilter::EventKind::CursorRestored:
            all += "<restored>";
            break;
        case TerminalInputFilter::EventKind::Repeat:
            all += "<rep:" + e.title + "x" + QByteArray::number(e.count) + ">";
            break;
        }
    }
    return all + out.mid(done);
}

QByteArray run(const QByteArray &in)
{
    TerminalInputFilter f;
    return run(f, in);
}
} // namespace

class TestTerminalInputFilter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rewrites_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain text and C0 pass") << esc("ab\r\n\tc") << esc("ab\r\n\tc");
        QTest::newRow("CUP passes") << esc("\\e[3;4H") << esc("\\e[3;4H");
        QTest::newRow("CUP with 20 params keeps 16") << esc("\\e[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18;19;20H")
                                                     << esc("\\e[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16H");
        QTest::newRow("24 params dropped") << (esc("\\e[") + QByteArray("1;").repeated(23) + esc("1Hx")) << esc("x");
        QTest::newRow("64 parameter bytes dropped") << (esc("\\e[") + QByteArray(64, '1') + esc("Hx")) << esc("x");
        QTest::newRow("past INT_MAX dropped") << esc("\\e[2147483648Ax") << esc("x");
        QTest::newRow("clamped to 65535") << esc("\\e[2147483647A") << esc("\\e[65535A");
        QTest::newRow("colon outside SGR dropped") << esc("\\e[1:2Hx") << esc("x");
        QTest::newRow("C0 inside CSI runs first") << esc("\\e[1\n;2H") << esc("\n\\e[1;2H");
        QTest::newRow("ESC aborts CSI") << esc("\\e[1;\\e[2Jx") << esc("\\e[2Jx");
        QTest::newRow("CAN aborts CSI") << esc("\\e[1;2\x18x") << esc("x");
        QTest::newRow("18 empty SGR params")
            << esc("\\e[;;;;;;;;;;;;;;;;;mX") << esc("\\e[0;0;0;0;0;0;0;0;0;0;0;0;0;0;0;0m\\e[0;0mX");
        QTest::newRow("plain SGR passes untouched")
            << esc("\\e[;1;38;5;9;48;2;1;2;3;0m") << esc("\\e[;1;38;5;9;48;2;1;2;3;0m");
        QTest::newRow("SGR atoms never split") << esc("\\e[1;3;4;5;7;9;21;23;24;25;27;29;31;38;2;1;2;3m")
                                               << esc("\\e[1;3;4;5;7;9;21;23;24;25;27;29;31m\\e[38;2;1;2;3m");
        QTest::newRow("empty colourspace") << esc("\\e[38:2::10:20:30m") << esc("\\e[38;2;10;20;30m");
        QTest::newRow("38;5;300 ignored") << esc("\\e[38;5;300;1m") << esc("\\e[1m");
        QTest::newRow("dim conceal overline") << esc("\\e[2;8;53mx\\e[22m") << esc("<pen+7-0>x\\e[22m<pen+0-1>");
        QTest::newRow("fonts ignored") << esc("\\e[11mx") << esc("x");
        QTest::newRow("3J is an event") << esc("a\\e[3Jb") << esc("a<3J>b");
        QTest::newRow("OSC title (BEL)") << esc("\\e]2;hi\ax") << esc("<title:hi>x");
        QTest::newRow("OSC title (ST)") << esc("\\e]0;hi\\e\\x") << esc("<title:hi>x");
        QTest::newRow("OSC 1 ignored") << esc("\\e]1;hi\ax") << esc("x");
        QTest::newRow("invalid UTF-8 title ignored") << esc("\\e]2;h\xff\ax") << esc("x");
        QTest::newRow("APC PM SOS consumed") << esc("\\e_G\\e\\a\\e^p\\e\\b\\eXs\\e\\c\\ekt\\e\\d") << esc("abcd");
        QTest::newRow("DCS consumed") << esc("\\eP$qm\\e\\x") << esc("x");
        QTest::newRow("DCS passthrough dropped") << esc("\\ePtmux;\\e\\e[2J\\e\\x") << esc("x");
        QTest::newRow("REP expanded as an event") << esc("a\\e[3b") << esc("a<rep:ax3>");
        QTest::newRow("REP with nothing before") << esc("\\e[3bx") << esc("x");
        QTest::newRow("REP after a control") << esc("a\r\\e[3b") << esc("a\r");
        QTest::newRow("DECRC checked") << esc("\\e7\\e8") << esc("\\e7\\e8<restored>");
        QTest::newRow("invalid UTF-8 dropped as tmux") << QByteArray("A\xe3\x82z\xff\xc2\x85"
                                                                     "B")
                                                       << QByteArray("AzB");
    }

    void rewrites()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QCOMPARE(run(input), expected);
    }

    void carriesIncompleteUnits()
    {
        TerminalInputFilter f;
        QCOMPARE(run(f, QByteArray("ab\xe3\x82")), QByteArray("ab"));
        QCOMPARE(f.pendingBytes(), 2);
        QCOMPARE(run(f, QByteArray("\x8a")), QByteArray("\xe3\x82\x8a"));
        QCOMPARE(run(f, esc("x\\e")), QByteArray("x"));
        QVERIFY(f.pendingBytes() > 0);
        QCOMPARE(run(f, esc("]2;hel")), QByteArray());
        QCOMPARE(run(f, esc("lo\ay")), esc("<title:hello>y"));
        QCOMPARE(f.pendingBytes(), 0);
    }

    void resultDoesNotDependOnReads()
    {
        const QByteArray stream = esc("a\\e[1;31mb\\e]2;t\xc3\xa9\\e\\\xe6\xbc\xa2\\e[3J\\e_x\\e\\c\\e[2;53md\\e[4bq"
                                      "\\e[1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18m\xf0\x9f\x98\x80\\e7\\e8");
        const QByteArray whole = run(stream);
        for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
            TerminalInputFilter f;
            const QByteArray a = run(f, stream.left(cut));
            QCOMPARE(a + run(f, stream.mid(cut)), whole);
        }
        TerminalInputFilter f;
        QByteArray bytes;
        for (const char c : stream)
            bytes += run(f, QByteArray(1, c));
        QCOMPARE(bytes, whole);
    }
};

QTEST_GUILESS_MAIN(TestTerminalInputFilter)
#include "tst_terminal_input_filter.moc"
