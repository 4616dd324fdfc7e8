// The terminal widget offscreen, bound to a real shell on a local PTY (LocalPtyExecStream):
// keys produce xterm's bytes, the widget's size becomes the PTY's size, selection copies the
// right text, paste is bracketed when the application asked, and the session shows the exit code.
#include "LocalPtyExecStream.h"
#include "TerminalFindBar.h"
#include "TerminalSession.h"
#include "TerminalView.h"

#include <QApplication>
#include <QClipboard>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

#include <memory>

#include <csignal>

using archnest::ui::LocalPtyExecStream;
using archnest::ui::TerminalSession;
using archnest::ui::TerminalView;

namespace {

constexpr int kShellTimeoutMs = 15000;

QByteArray esc(const char *s)
{
    return QByteArray(s).replace("\\e", "\x1b");
}

QStringList screenLines(const TerminalView &view)
{
    QStringList lines;
    const auto *s = view.screen();
    for (int i = 0; i < s->historyLineCount(); ++i)
        lines << s->historyLineText(i);
    return lines;
}

QString dump(const TerminalView &view)
{
    return screenLines(view).join(QLatin1Char('\n'));
}

// A real /bin/sh with a fixed prompt, in a PTY of the view's size.
std::unique_ptr<LocalPtyExecStream> startShell(TerminalView &view)
{
    auto shell = std::make_unique<LocalPtyExecStream>();
    view.setStream(shell.get());
    shell->start(QStringLiteral("/bin/sh"), {}, view.columns(), view.rows(),
                 {QStringLiteral("PS1=$ "), QStringLiteral("ENV="), QStringLiteral("HISTFILE=")});
    return shell;
}

void typeLine(TerminalView &view, const QString &line)
{
    QTest::keyClicks(&view, line);
    QTest::keyClick(&view, Qt::Key_Return);
}

void sendKey(QWidget *w, int key, Qt::KeyboardModifiers mods, const QString &text)
{
    QKeyEvent press(QEvent::KeyPress, key, mods, text);
    QApplication::sendEvent(w, &press);
    QKeyEvent release(QEvent::KeyRelease, key, mods, text);
    QApplication::sendEvent(w, &release);
}

QPoint cellCenter(const TerminalView &view, int col, int row)
{
    const QSize c = view.cellSize();
    return QPoint(col * c.width() + c.width() / 2, row * c.height() + c.height() / 2);
}

} // namespace

class TestTerminalView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Issue 14: the right-click menu (Copy, Paste, Select all, Find…, Clear scrollback) and Find
    // in the terminal: the match is selected (highlighted) and scrolled into view.
    void contextMenuAndFind()
    {
        TerminalView view;
        view.resize(view.sizeForCells(60, 10));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QByteArray out;
        for (int i = 0; i < 60; ++i)
            out += "row " + QByteArray::number(i) + (i == 7 ? " the Target word" : "") + "\r\n";
        view.receive(out);
        QTRY_VERIFY(view.screen()->scrollbackCount() > 40);

        std::unique_ptr<QMenu> menu(view.createContextMenu());
        QStringList texts;
        for (QAction *a : menu->actions())
            if (!a->isSeparator())
                texts << a->text();
        QCOMPARE(texts, (QStringList{QStringLiteral("Copy"), QStringLiteral("Paste"), QStringLiteral("Select all"),
                                     QStringLiteral("Find…"), QStringLiteral("Clear scrollback")}));
        QVERIFY(!menu->actions().at(0)->isEnabled()); // nothing selected: no Copy

        // Find: Ctrl+Shift+F opens the bar; typing selects the newest match and scrolls to it.
        sendKey(&view, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier, {});
        QVERIFY(view.findBar() && view.findBar()->isVisible());
        view.findBar()->edit()->setText(QStringLiteral("target"));
        QCOMPARE(view.selectedText(), QStringLiteral("Target"));
        QCOMPARE(view.findBar()->resultLabel()->text(), QStringLiteral("1 match"));
        QVERIFY(view.scrollbackPosition() > 0); // row 7 is far back in the scrollback
        if (const QString grabDir = qEnvironmentVariable("ARCHNEST_UI_GRAB_DIR"); !grabDir.isEmpty())
            view.grab().save(grabDir + QStringLiteral("/terminal-find.png"));
        QVERIFY(view.findNext()); // wraps to the same single match
        QCOMPARE(view.selectedText(), QStringLiteral("Target"));
        view.findBar()->edit()->setText(QStringLiteral("nowhere"));
        QCOMPARE(view.findBar()->resultLabel()->text(), QStringLiteral("no matches"));
        QVERIFY(!view.hasSelection());

        // Select all + Copy from the menu.
        menu.reset(view.createContextMenu());
        menu->actions().at(2)->trigger(); // Select all
        QVERIFY(view.selectedText().startsWith(QLatin1String("row ")));
        menu.reset(view.createContextMenu());
        QVERIFY(menu->actions().at(0)->isEnabled());
        menu->actions().at(0)->trigger(); // Copy
        QVERIFY(QGuiApplication::clipboard()->text().contains(QLatin1String("row 7 the Target word")));
        // Clear scrollback: the history is gone, the screen stays.
        const QString lastRow = view.screen()->rowText(view.rows() - 2);
        menu.reset(view.createContextMenu());
        QAction *clear = menu->actions().last();
        QCOMPARE(clear->text(), QStringLiteral("Clear scrollback"));
        clear->trigger();
        QCOMPARE(view.screen()->scrollbackCount(), 0);
        QCOMPARE(view.screen()->rowText(view.rows() - 2), lastRow);
        menu.reset(view.createContextMenu());
        QVERIFY(!menu->actions().last()->isEnabled());
    }

    void keysProduceXtermBytes_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<int>("modifiers");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("bytes");
        const int none = Qt::NoModifier;
        const int ctrl = Qt::ControlModifier;
        const int alt = Qt::AltModifier;
        const int shift = Qt::ShiftModifier;
        QTest::newRow("printable") << int(Qt::Key_X) << none << QStringLiteral("x") << QByteArray("x");
        QTest::newRow("shifted") << int(Qt::Key_Dollar) << shift << QStringLiteral("$") << QByteArray("$");
        QTest::newRow("utf-8") << int(Qt::Key_unknown) << none << QStringLiteral("ü") << QByteArray("\xc3\xbc");
        QTest::newRow("Enter") << int(Qt::Key_Return) << none << QStringLiteral("\r") << QByteArray("\r");
        QTest::newRow("keypad Enter") << int(Qt::Key_Enter) << int(Qt::KeypadModifier) << QStringLiteral("\r")
                                      << QByteArray("\r");
        QTest::newRow("Tab") << int(Qt::Key_Tab) << none << QStringLiteral("\t") << QByteArray("\t");
        QTest::newRow("Backspace") << int(Qt::Key_Backspace) << none << QStringLiteral("\b") << QByteArray("\x7f");
        QTest::newRow("Escape") << int(Qt::Key_Escape) << none << QStringLiteral("\x1b") << esc("\\e");
        QTest::newRow("Up") << int(Qt::Key_Up) << none << QString() << esc("\\e[A");
        QTest::newRow("Down") << int(Qt::Key_Down) << none << QString() << esc("\\e[B");
        QTest::newRow("Right") << int(Qt::Key_Right) << none << QString() << esc("\\e[C");
        QTest::newRow("Left") << int(Qt::Key_Left) << none << QString() << esc("\\e[D");
        QTest::newRow("Home") << int(Qt::Key_Home) << none << QString() << esc("\\e[H");
        QTest::newRow("End") << int(Qt::Key_End) << none << QString() << esc("\\e[F");
        QTest::newRow("PgUp") << int(Qt::Key_PageUp) << none << QString() << esc("\\e[5~");
        QTest::newRow("PgDn") << int(Qt::Key_PageDown) << none << QString() << esc("\\e[6~");
        QTest::newRow("Insert") << int(Qt::Key_Insert) << none << QString() << esc("\\e[2~");
        QTest::newRow("Delete") << int(Qt::Key_Delete) << none << QString() << esc("\\e[3~");
        QTest::newRow("F1") << int(Qt::Key_F1) << none << QString() << esc("\\eOP");
        QTest::newRow("F4") << int(Qt::Key_F4) << none << QString() << esc("\\eOS");
        QTest::newRow("F5") << int(Qt::Key_F5) << none << QString() << esc("\\e[15~");
        QTest::newRow("F10") << int(Qt::Key_F10) << none << QString() << esc("\\e[21~");
        QTest::newRow("F12") << int(Qt::Key_F12) << none << QString() << esc("\\e[24~");
        QTest::newRow("Ctrl+C") << int(Qt::Key_C) << ctrl << QStringLiteral("\x03") << QByteArray("\x03");
        QTest::newRow("Ctrl+Z") << int(Qt::Key_Z) << ctrl << QStringLiteral("\x1a") << QByteArray("\x1a");
        QTest::newRow("Ctrl+L") << int(Qt::Key_L) << ctrl << QStringLiteral("\x0c") << QByteArray("\x0c");
        QTest::newRow("Ctrl+Left") << int(Qt::Key_Left) << ctrl << QString() << esc("\\e[1;5D");
        QTest::newRow("Shift+Up") << int(Qt::Key_Up) << shift << QString() << esc("\\e[1;2A");
        QTest::newRow("Alt+F (word)") << int(Qt::Key_F) << alt << QStringLiteral("f") << esc("\\ef");
        QTest::newRow("Alt+Backspace") << int(Qt::Key_Backspace) << alt << QString() << esc("\\e\x7f");
        QTest::newRow("Shift+Tab") << int(Qt::Key_Backtab) << shift << QString() << esc("\\e[Z");
    }

    void keysProduceXtermBytes()
    {
        QFETCH(int, key);
        QFETCH(int, modifiers);
        QFETCH(QString, text);
        QFETCH(QByteArray, bytes);
        TerminalView view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QSignalSpy sent(&view, &TerminalView::dataSent);
        sendKey(&view, key, Qt::KeyboardModifiers(modifiers), text);
        QByteArray got;
        for (const auto &args : sent)
            got += args.at(0).toByteArray();
        QCOMPARE(got, bytes);
    }

    void applicationCursorModeFromTheApp()
    {
        TerminalView view;
        view.receive(esc("\\e[?1h"));
        QSignalSpy sent(&view, &TerminalView::dataSent);
        sendKey(&view, Qt::Key_Up, Qt::NoModifier, {});
        QCOMPARE(sent.at(0).at(0).toByteArray(), esc("\\eOA"));
    }

    void typedCommandRunsInARealShell()
    {
        TerminalView view;
        view.resize(view.sizeForCells(80, 24));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto shell = startShell(view);
        QTRY_VERIFY_WITH_TIMEOUT(dump(view).contains(QStringLiteral("$")), kShellTimeoutMs);
        typeLine(view, QStringLiteral("echo $((6*7))"));
        QTRY_VERIFY2_WITH_TIMEOUT(screenLines(view).contains(QStringLiteral("42")), qPrintable(dump(view)),
                                  kShellTimeoutMs);
    }

    void widgetSizeDrivesPtySize()
    {
        TerminalView view;
        view.resize(view.sizeForCells(80, 24));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_COMPARE(view.columns(), 80);
        QCOMPARE(view.rows(), 24);
        auto shell = startShell(view);
        QTRY_VERIFY_WITH_TIMEOUT(dump(view).contains(QStringLiteral("$")), kShellTimeoutMs);

        QSignalSpy resized(&view, &TerminalView::resized);
        view.resize(view.sizeForCells(100, 30));
        QTRY_VERIFY(!resized.isEmpty());
        QCOMPARE(resized.last().at(0).toInt(), 100);
        QCOMPARE(resized.last().at(1).toInt(), 30);
        QCOMPARE(view.screen()->columns(), 100);
        typeLine(view, QStringLiteral("stty size"));
        QTRY_VERIFY2_WITH_TIMEOUT(screenLines(view).contains(QStringLiteral("30 100")), qPrintable(dump(view)),
                                  kShellTimeoutMs);

        // Smaller than one cell never gives a zero-sized PTY.
        view.resize(3, 3);
        QTRY_VERIFY(view.rows() >= 1 && view.columns() >= 2);
    }

    void mouseSelectionCopiesText()
    {
        TerminalView view;
        view.resize(view.sizeForCells(40, 10));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto shell = startShell(view);
        QTRY_VERIFY_WITH_TIMEOUT(dump(view).contains(QStringLiteral("$")), kShellTimeoutMs);
        typeLine(view, QStringLiteral("clear; printf 'alpha beta\\ngamma delta\\n'"));
        QTRY_VERIFY2_WITH_TIMEOUT(view.screen()->rowText(0) == QStringLiteral("alpha beta"), qPrintable(dump(view)),
                                  kShellTimeoutMs);

        // Drag from "beta" on row 0 to "gamma" on row 1.
        QWidget *vp = view.viewport();
        QTest::mousePress(vp, Qt::LeftButton, Qt::NoModifier, cellCenter(view, 6, 0));
        QMouseEvent move(QEvent::MouseMove, cellCenter(view, 4, 1), vp->mapToGlobal(cellCenter(view, 4, 1)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(vp, &move);
        QTest::mouseRelease(vp, Qt::LeftButton, Qt::NoModifier, cellCenter(view, 4, 1));
        QVERIFY(view.hasSelection());
        QCOMPARE(view.selectedText(), QStringLiteral("beta\ngamma"));

        QGuiApplication::clipboard()->clear();
        QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("beta\ngamma"));

        // Double-click selects a word.
        QTest::mouseDClick(vp, Qt::LeftButton, Qt::NoModifier, cellCenter(view, 8, 1));
        QCOMPARE(view.selectedText(), QStringLiteral("delta"));
    }

    void pasteIsBracketedWhenTheAppAsked()
    {
        TerminalView view;
        view.resize(view.sizeForCells(80, 10));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto shell = startShell(view);
        QTRY_VERIFY_WITH_TIMEOUT(dump(view).contains(QStringLiteral("$")), kShellTimeoutMs);

        QSignalSpy sent(&view, &TerminalView::dataSent);
        QGuiApplication::clipboard()->setText(QStringLiteral("plain"));
        QTest::keyClick(&view, Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(sent.takeLast().at(0).toByteArray(), QByteArray("plain"));
        QTest::keyClick(&view, Qt::Key_U, Qt::ControlModifier); // drop the pasted word

        // The application (here printf in the shell) enables bracketed paste; cat -v shows what
        // arrives, as the tty echoes it.
        typeLine(view, QStringLiteral("printf '\\033[?2004h'; cat -v"));
        QTRY_VERIFY_WITH_TIMEOUT(view.screen()->bracketedPaste(), kShellTimeoutMs);
        sent.clear();
        QGuiApplication::clipboard()->setText(QStringLiteral("hello"));
        QTest::keyClick(&view, Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(sent.takeLast().at(0).toByteArray(), esc("\\e[200~hello\\e[201~"));
        QTest::keyClick(&view, Qt::Key_Return);
        QTRY_VERIFY2_WITH_TIMEOUT(screenLines(view).contains(QStringLiteral("^[[200~hello^[[201~")),
                                  qPrintable(dump(view)), kShellTimeoutMs);
        QTest::keyClick(&view, Qt::Key_D, Qt::ControlModifier);
    }

    void mouseReportsWhenTheAppAsks_data()
    {
        QTest::addColumn<QByteArray>("modes");
        QTest::addColumn<int>("modifiers");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("no mode: selection, nothing sent") << QByteArray() << int(Qt::NoModifier) << QByteArray();
        QTest::newRow("X10 click") << esc("\\e[?1000h") << int(Qt::NoModifier) << esc("\\e[M %#\\e[M#%#");
        QTest::newRow("SGR click") << esc("\\e[?1000h\\e[?1006h") << int(Qt::NoModifier)
                                   << esc("\\e[<0;5;3M\\e[<0;5;3m");
        QTest::newRow("Shift always selects") << esc("\\e[?1000h\\e[?1006h") << int(Qt::ShiftModifier) << QByteArray();
    }

    void mouseReportsWhenTheAppAsks()
    {
        QFETCH(QByteArray, modes);
        QFETCH(int, modifiers);
        QFETCH(QByteArray, bytes);
        TerminalView view;
        view.resize(view.sizeForCells(40, 10));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.receive(modes);
        QSignalSpy sent(&view, &TerminalView::dataSent);
        const auto mods = Qt::KeyboardModifiers(modifiers);
        QTest::mousePress(view.viewport(), Qt::LeftButton, mods, cellCenter(view, 4, 2));
        QTest::mouseRelease(view.viewport(), Qt::LeftButton, mods, cellCenter(view, 4, 2));
        QByteArray got;
        for (const auto &args : sent)
            got += args.at(0).toByteArray();
        QCOMPARE(got, bytes);
    }

    void scrollbackWithKeysAndWheel()
    {
        TerminalView view;
        view.resize(view.sizeForCells(40, 10));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QByteArray lines;
        for (int i = 0; i < 100; ++i)
            lines += QByteArray::number(i) + "\r\n";
        view.receive(lines);
        QTRY_COMPARE(view.verticalScrollBar()->maximum(), view.screen()->scrollbackCount());
        QCOMPARE(view.scrollbackPosition(), 0);
        QTest::keyClick(&view, Qt::Key_PageUp, Qt::ShiftModifier);
        QCOMPARE(view.scrollbackPosition(), 9);
        QTest::keyClick(&view, Qt::Key_PageDown, Qt::ShiftModifier);
        QCOMPARE(view.scrollbackPosition(), 0);

        QWheelEvent up(QPointF(10, 10), view.mapToGlobal(QPointF(10, 10)), QPoint(), QPoint(0, 120), Qt::NoButton,
                       Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view.viewport(), &up);
        QCOMPARE(view.scrollbackPosition(), TerminalView::kWheelLines);

        // New output keeps the scrolled-back view where it is; typing jumps to the bottom.
        view.receive("more\r\n");
        QTRY_COMPARE(view.scrollbackPosition(), TerminalView::kWheelLines + 1);
        QTest::keyClick(&view, Qt::Key_A);
        QCOMPARE(view.scrollbackPosition(), 0);
    }

    void sessionShowsExitCodeAndReconnects()
    {
        int opened = 0;
        TerminalSession session(
            [&opened](int cols, int rows) -> archnest::ExecStream * {
                ++opened;
                auto *s = new LocalPtyExecStream;
                s->start(QStringLiteral("/bin/sh"), {}, cols, rows, {QStringLiteral("PS1=$ ")});
                return s;
            },
            QStringLiteral("local shell"));
        session.resize(700, 400);
        session.show();
        QVERIFY(QTest::qWaitForWindowExposed(&session));
        QCOMPARE(session.state(), TerminalSession::State::Connecting);
        session.connectStream();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TerminalSession::State::Running, kShellTimeoutMs);
        QVERIFY(!session.reconnectButton()->isVisible());

        typeLine(*session.view(), QStringLiteral("exit 3"));
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TerminalSession::State::Exited, kShellTimeoutMs);
        QCOMPARE(session.exitCode(), 3);
        QVERIFY(session.statusText().contains(QStringLiteral("code 3")));
        QVERIFY(session.reconnectButton()->isVisible());

        session.reconnectButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), TerminalSession::State::Running, kShellTimeoutMs);
        QCOMPARE(opened, 2);
        typeLine(*session.view(), QStringLiteral("echo again-$((1+1))"));
        // Typed ahead of the new prompt, the echo and the prompt may share a line.
        QTRY_VERIFY2_WITH_TIMEOUT(
            screenLines(*session.view()).filter(QRegularExpression(QStringLiteral("(^|\\$ )again-2$"))).size() == 1,
            qPrintable(dump(*session.view())), kShellTimeoutMs);
    }

    void sessionShowsConnectionLost()
    {
        TerminalSession session(
            [](int cols, int rows) -> archnest::ExecStream * {
                auto *s = new LocalPtyExecStream;
                s->start(QStringLiteral("archnest-no-such-program"), {}, cols, rows);
                return s;
            },
            QStringLiteral("broken"));
        session.show();
        session.connectStream();
        QTRY_COMPARE(session.state(), TerminalSession::State::ConnectionLost);
        QVERIFY2(session.statusText().contains(QStringLiteral("archnest-no-such-program")),
                 qPrintable(session.statusText()));
        QVERIFY(session.reconnectButton()->isVisible());

        TerminalSession gone([](int, int) -> archnest::ExecStream * { return nullptr; }, QStringLiteral("gone"));
        gone.connectStream();
        QCOMPARE(gone.state(), TerminalSession::State::ConnectionLost);
        QVERIFY(gone.statusText().startsWith(QStringLiteral("Connection lost")));
    }

    void titleAndBellReachTheSession()
    {
        TerminalSession session([](int, int) -> archnest::ExecStream * { return nullptr; }, QStringLiteral("base"));
        QSignalSpy title(&session, &TerminalSession::titleChanged);
        session.view()->receive(esc("\\e]0;top - 12:00\a"));
        QCOMPARE(title.count(), 1);
        QCOMPARE(session.title(), QStringLiteral("top - 12:00"));
        QSignalSpy bell(session.view(), &TerminalView::bell);
        session.view()->receive("\a");
        QCOMPARE(bell.count(), 1);
    }

    void floodIsFlowControlled()
    {
        // More output than the view parses in one go (what a fast SSH/API stream delivers): the
        // view pauses the stream above its high-water mark and resumes it once parsing caught
        // up, so what waits unparsed stays bounded. (The streams' pause itself is tested on the
        // real paths in test_exec_flow_control.)
        TerminalView view;
        view.resize(view.sizeForCells(80, 24));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        auto shell = startShell(view);
        QTRY_VERIFY_WITH_TIMEOUT(dump(view).contains(QStringLiteral("$")), kShellTimeoutMs);
        view.receive(QByteArray(3 * 1024 * 1024, 'a'));
        QVERIFY(view.pendingBytes() > TerminalView::kPauseAboveBytes / 2);
        QVERIFY(view.readPaused());
        QTRY_VERIFY_WITH_TIMEOUT(!view.readPaused(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(view.pendingBytes() == 0, 60000);
        // The shell's output flows again.
        typeLine(view, QStringLiteral("echo flow-$((40+2))"));
        QTRY_VERIFY2_WITH_TIMEOUT(screenLines(view).contains(QStringLiteral("flow-42")), qPrintable(dump(view)),
                                  kShellTimeoutMs);
    }

    void closingTheSessionStopsTheProcess()
    {
        pid_t pid = -1;
        {
            TerminalSession session(
                [&pid](int cols, int rows) -> archnest::ExecStream * {
                    auto *s = new LocalPtyExecStream;
                    s->start(QStringLiteral("/bin/sh"), {}, cols, rows);
                    pid = s->pid();
                    return s;
                },
                QStringLiteral("short-lived"));
            session.connectStream();
            QTRY_COMPARE(session.state(), TerminalSession::State::Running);
            QVERIFY(pid > 0);
        }
        // The stream was deleted with the session: its child is gone (reaped, so kill fails).
        QTRY_VERIFY(::kill(pid, 0) != 0);
    }
};

QTEST_MAIN(TestTerminalView)
#include "tst_terminal_view.moc"
