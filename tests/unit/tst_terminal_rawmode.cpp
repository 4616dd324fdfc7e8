// The CLI's local terminal on a real pseudo-terminal: raw mode on and off, the settings restored
// on every exit path (destructor, exit(), a fatal signal), the size, and SIGWINCH as a signal.
#include "terminal/RawTerminal.h"

#include "TestSupport.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

using archnest::cli::RawTerminal;

namespace {

struct Pty
{
    int master = -1;
    int slave = -1;
    QByteArray slaveName;
    Pty()
    {
        char name[256] = {};
        if (::openpty(&master, &slave, name, nullptr, nullptr) == 0)
            slaveName = name;
    }
    ~Pty()
    {
        if (slave >= 0)
            ::close(slave);
        if (master >= 0)
            ::close(master);
    }
    bool canonical() const
    {
        struct termios t;
        ::tcgetattr(slave, &t);
        return (t.c_lflag & ICANON) && (t.c_lflag & ECHO);
    }
    void setSize(int cols, int rows) const
    {
        struct winsize ws = {};
        ws.ws_col = static_cast<unsigned short>(cols);
        ws.ws_row = static_cast<unsigned short>(rows);
        ::ioctl(master, TIOCSWINSZ, &ws);
    }
};

// Runs in a child copy of this test binary: raw mode on the named PTY, then leaves by `how`.
int helperMain(const QByteArray &how, const QByteArray &ttyPath)
{
    const int fd = ::open(ttyPath.constData(), O_RDWR | O_NOCTTY);
    if (fd < 0)
        return 90;
    auto *raw = new RawTerminal(fd); // deliberately leaked for the exit()/signal paths
    if (!raw->enterRawMode().ok())
        return 91;
    if (how == "exit")
        std::exit(0);
    if (how == "sigterm")
        ::raise(SIGTERM);
    if (how == "abort")
        std::abort();
    delete raw; // "return": the destructor restores
    return 0;
}

} // namespace

class TestTerminalRawMode final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rawModeOnAndOff()
    {
        Pty pty;
        QVERIFY(pty.slave >= 0);
        QVERIFY(pty.canonical());
        {
            RawTerminal raw(pty.slave);
            QVERIFY_RESULT(raw.enterRawMode());
            QVERIFY(raw.isRaw());
            QVERIFY(!pty.canonical());
            struct termios t;
            ::tcgetattr(pty.slave, &t);
            QVERIFY(!(t.c_lflag & ISIG)); // Ctrl+C goes to the remote side, not to us
            raw.restore();
            QVERIFY(pty.canonical());
            QVERIFY_RESULT(raw.enterRawMode());
            QVERIFY(!pty.canonical());
        }
        QVERIFY(pty.canonical()); // destructor
    }

    void refusesWhatIsNotATerminal()
    {
        int fds[2];
        QCOMPARE(::pipe(fds), 0);
        RawTerminal raw(fds[0]);
        QVERIFY_RESULT_ERROR(raw.enterRawMode(), QStringLiteral("not a terminal"));
        ::close(fds[0]);
        ::close(fds[1]);
    }

    void restoredOnEveryExitPath_data()
    {
        QTest::addColumn<QByteArray>("how");
        QTest::newRow("return") << QByteArray("return");
        QTest::newRow("exit()") << QByteArray("exit");
        QTest::newRow("SIGTERM") << QByteArray("sigterm");
        QTest::newRow("abort()") << QByteArray("abort");
    }

    void restoredOnEveryExitPath()
    {
        QFETCH(QByteArray, how);
        Pty pty;
        QVERIFY(pty.canonical());
        QProcess helper;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ARCHNEST_RAWMODE_HELPER"), QString::fromLatin1(how));
        env.insert(QStringLiteral("ARCHNEST_RAWMODE_TTY"), QString::fromLatin1(pty.slaveName));
        helper.setProcessEnvironment(env);
        helper.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(helper.waitForFinished(20000));
        if (how == "return" || how == "exit")
            QCOMPARE(helper.exitCode(), 0);
        else
            QCOMPARE(helper.exitStatus(), QProcess::CrashExit);
        QVERIFY2(pty.canonical(), "the terminal was left in raw mode");
    }

    void sizeAndResizeSignal()
    {
        Pty pty;
        pty.setSize(100, 30);
        RawTerminal raw(pty.slave);
        auto size = raw.size();
        QVERIFY_RESULT(size);
        QCOMPARE(size->cols, 100);
        QCOMPARE(size->rows, 30);
        QVERIFY_RESULT(raw.watchResize());
        QSignalSpy spy(&raw, &RawTerminal::resized);
        pty.setSize(132, 43);
        // The kernel signals the PTY's foreground group, which is not us here: send it ourselves.
        ::kill(::getpid(), SIGWINCH);
        QVERIFY(spy.wait(5000));
        QCOMPARE(spy.last().at(0).toInt(), 132);
        QCOMPARE(spy.last().at(1).toInt(), 43);
        raw.stopWatchingResize();
        QVERIFY_RESULT(raw.watchResize()); // can watch again after stopping
    }
};

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet("ARCHNEST_RAWMODE_HELPER"))
        return helperMain(qgetenv("ARCHNEST_RAWMODE_HELPER"), qgetenv("ARCHNEST_RAWMODE_TTY"));
    QCoreApplication app(argc, argv);
    TestTerminalRawMode test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_terminal_rawmode.moc"
