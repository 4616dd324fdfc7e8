// Differential test of the terminal screen model against tmux (issue 24). Every stream in the
// corpus (tests/data/terminal, or the directory in ARCHNEST_TERMINAL_CORPUS) goes through a real
// tmux pane of the same size and through TerminalScreen - whole, in the recorded PTY-sized
// chunks and byte by byte - and the two must agree on the text of every line (history and
// screen), the cursor, the history size and the title.
//
// Corpus files: <name>.<cols>x<rows>.bin (80x24 when the name has no size) and, optionally,
// <name>.<cols>x<rows>.chunks: the PTY read sizes, whitespace-separated (without it: 4096).
//
// tmux gets the bytes exactly: its pane runs a script that puts the PTY in raw mode (no \n ->
// \r\n), clears the title, `cat`s the file, then asks for the cursor position (DSR). tmux
// answers only after it has parsed everything before the request, and the script then signals
// `tmux wait-for`; the test waits on that with a deadline. The configuration matches our model:
// same history limit, no status line, and `scroll-on-clear off` (tmux's own habit of pushing a
// cleared screen into the history; xterm and libvterm do not).
//
// Legitimate differences, each normalised here with its reason (keep this list short):
//  1. Pending wrap: after a character in the last column tmux reports cursor_x == columns
//     (the wrap is pending); libvterm keeps the cursor on the last column. Compared clamped.
//  2. APC strings: tmux takes `ESC _ ... ST` as GNU screen's title sequence; we consume it, as
//     xterm does (kitty's graphics protocol uses APC). The title is not compared for a stream
//     that contains ESC _.
//  3. Both streams end with `ESC \`: tmux needs it to leave any unterminated string before the
//     DSR that marks the end; the model is fed the same two bytes.
//  4. Scroll regions that do not start at the top of the screen: when one scrolls, tmux moves
//     its top line into the history; xterm and libvterm drop it (only a region starting at the
//     top feeds the scrollback). For a stream that sets such a region (DECSTBM with top > 1)
//     the history is not compared, only the screen, the cursor and the title.
#include "TerminalScreen.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using archnest::ui::TerminalScreen;

namespace {

constexpr int kHistoryLimit = 50000;
constexpr int kTmuxTimeoutMs = 30000;
const QByteArray kEndSuffix("\x1b\\");

struct Stream
{
    QString path;
    int cols = 80;
    int rows = 24;
    QByteArray bytes;
    QList<qsizetype> chunks;
};

struct Capture
{
    QStringList lines;
    QPoint cursor;
    int history = 0;
    QString title;
    bool compareTitle = true;
    bool compareHistory = true;
};

QString trimRight(QString s)
{
    while (s.endsWith(QLatin1Char(' ')))
        s.chop(1);
    return s;
}

Stream loadStream(const QString &path)
{
    Stream s;
    s.path = path;
    const QRegularExpressionMatch m =
        QRegularExpression(QStringLiteral("\\.(\\d+)x(\\d+)\\.bin$")).match(QFileInfo(path).fileName());
    if (m.hasMatch()) {
        s.cols = std::clamp(m.captured(1).toInt(), 1, 1000);
        s.rows = std::clamp(m.captured(2).toInt(), 1, 1000);
    }
    QFile f(path);
    if (f.open(QIODevice::ReadOnly))
        s.bytes = f.readAll();
    QFile c(path.chopped(4) + QStringLiteral(".chunks"));
    if (c.open(QIODevice::ReadOnly)) {
        for (const QByteArray &word : c.readAll().simplified().split(' '))
            if (const qsizetype n = word.toLongLong(); n > 0)
                s.chunks.append(n);
    }
    return s;
}

} // namespace

class TestTerminalTmuxDiff final : public QObject
{
    Q_OBJECT

public:
    TestTerminalTmuxDiff() = default;

private:
    QTemporaryDir m_dir{QStringLiteral("/tmp/antmux-XXXXXX")}; // short: tmux's socket path
    QString m_tmux;
    QHash<QString, Capture> m_captures;
    int m_servers = 0;

    // Runs tmux with `args`; fails the test (returns false) on a timeout or an error.
    bool tmux(const QString &socket, const QStringList &args, QByteArray *out = nullptr)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("TMUX"));
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        p.setProcessEnvironment(env);
        p.start(m_tmux, QStringList{QStringLiteral("-S"), socket} + args);
        if (!p.waitForFinished(kTmuxTimeoutMs)) {
            p.kill();
            p.waitForFinished(5000);
            qWarning() << "tmux" << args << "did not finish in" << kTmuxTimeoutMs << "ms";
            return false;
        }
        if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
            qWarning() << "tmux" << args << "failed:" << p.readAllStandardError();
            return false;
        }
        if (out)
            *out = p.readAllStandardOutput();
        return true;
    }

    static void stopServer(qint64 pid)
    {
        if (pid <= 0)
            return;
        ::kill(pid_t(pid), SIGTERM);
        if (!QTest::qWaitFor([pid] { return ::kill(pid_t(pid), 0) != 0; }, 5000))
            ::kill(pid_t(pid), SIGKILL);
    }

    // What tmux makes of the stream (once per stream).
    std::optional<Capture> runTmux(const Stream &s)
    {
        const QString socket = m_dir.filePath(QStringLiteral("s%1").arg(++m_servers));
        const QString file = m_dir.filePath(QStringLiteral("stream.bin"));
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(s.bytes) != s.bytes.size())
            return std::nullopt;
        f.close();
        const QString command =
            QStringLiteral("bash %1 %2 %3").arg(m_dir.filePath(QStringLiteral("feed.sh")), file, socket);
        if (!tmux(socket, {QStringLiteral("-f"), m_dir.filePath(QStringLiteral("tmux.conf")),
                           QStringLiteral("new-session"), QStringLiteral("-d"), QStringLiteral("-x"),
                           QString::number(s.cols), QStringLiteral("-y"), QString::number(s.rows), command}))
            return std::nullopt;
        QByteArray pid;
        const bool gotPid =
            tmux(socket, {QStringLiteral("display"), QStringLiteral("-p"), QStringLiteral("#{pid}")}, &pid);
        const qint64 serverPid = gotPid ? pid.trimmed().toLongLong() : 0;
        std::optional<Capture> result;
        QByteArray text;
        QByteArray info;
        if (serverPid > 0 && tmux(socket, {QStringLiteral("wait-for"), QStringLiteral("fed")}) &&
            tmux(socket,
                 {QStringLiteral("capture-pane"), QStringLiteral("-p"), QStringLiteral("-S"), QStringLiteral("-"),
                  QStringLiteral("-E"), QStringLiteral("-")},
                 &text) &&
            tmux(socket,
                 {QStringLiteral("display"), QStringLiteral("-p"),
                  QStringLiteral("#{cursor_x} #{cursor_y} #{history_size} #{pane_title}")},
                 &info)) {
            Capture c;
            QString all = QString::fromUtf8(text);
            if (all.endsWith(QLatin1Char('\n')))
                all.chop(1);
            for (const QString &line : all.split(QLatin1Char('\n')))
                c.lines.append(trimRight(line));
            const QString i = QString::fromUtf8(info).chopped(1);
            const QStringList parts = i.split(QLatin1Char(' '));
            if (parts.size() >= 3) {
                // Difference 1: a pending wrap reads as cursor_x == columns.
                c.cursor = QPoint(std::min(parts[0].toInt(), s.cols - 1), parts[1].toInt());
                c.history = parts[2].toInt();
                c.title = i.section(QLatin1Char(' '), 3);
                c.compareTitle = !s.bytes.contains("\x1b_"); // difference 2
                static const QRegularExpression lowRegion(QStringLiteral("\x1b\\[0*([2-9]|[1-9][0-9]+);?[0-9]*r"));
                c.compareHistory = !lowRegion.match(QString::fromLatin1(s.bytes)).hasMatch(); // difference 4
                result = c;
            }
        }
        tmux(socket, {QStringLiteral("kill-server")});
        stopServer(serverPid);
        return result;
    }

    static Capture runModel(const Stream &s, const QString &mode)
    {
        TerminalScreen screen(s.cols, s.rows);
        screen.setScrollbackLimit(kHistoryLimit);
        if (mode == QLatin1String("whole")) {
            screen.feed(s.bytes);
        } else if (mode == QLatin1String("bytes")) {
            for (const char c : s.bytes)
                screen.feed(&c, 1);
        } else {
            qsizetype off = 0;
            for (const qsizetype n : s.chunks) {
                if (off >= s.bytes.size())
                    break;
                screen.feed(s.bytes.mid(off, n));
                off += n;
            }
            while (off < s.bytes.size()) {
                screen.feed(s.bytes.mid(off, 4096));
                off += 4096;
            }
        }
        screen.feed(kEndSuffix); // difference 3
        Capture c;
        for (int line = 0; line < screen.historyLineCount(); ++line)
            c.lines.append(trimRight(screen.historyLineText(line)));
        c.cursor = screen.cursor();
        c.history = screen.scrollbackCount();
        c.title = screen.title();
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_tmux = QStandardPaths::findExecutable(QStringLiteral("tmux"));
        QVERIFY2(!m_tmux.isEmpty(), "tmux not found: install the Debian package tmux (scripts/deps.sh test)");
        QVERIFY2(m_dir.isValid(), qPrintable(m_dir.errorString()));
        QFile conf(m_dir.filePath(QStringLiteral("tmux.conf")));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write(QStringLiteral("set -g status off\nset -g history-limit %1\nset -g scroll-on-clear off\n")
                       .arg(kHistoryLimit)
                       .toUtf8());
        conf.close();
        QFile feed(m_dir.filePath(QStringLiteral("feed.sh")));
        QVERIFY(feed.open(QIODevice::WriteOnly));
        // $1 the stream, $2 the server socket. The DSR reply ends in R; `read` returns once tmux
        // has parsed every byte before the request.
        feed.write("stty raw -echo\n"
                   "printf '\\033]2;\\007'\n"
                   "cat \"$1\"\n"
                   "printf '\\033\\\\\\033[6n'\n"
                   "IFS= read -r -d R reply\n"
                   "tmux -S \"$2\" wait-for -S fed\n"
                   "exec sleep 3600\n");
        feed.close();
    }

    void differential_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("mode");
        QString dir = qEnvironmentVariable("ARCHNEST_TERMINAL_CORPUS");
        if (dir.isEmpty())
            dir = qEnvironmentVariable("ARCHNEST_SOURCE_DIR") + QStringLiteral("/tests/data/terminal");
        const QStringList files = QDir(dir).entryList({QStringLiteral("*.bin")}, QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), qPrintable(QStringLiteral("no *.bin streams in %1").arg(dir)));
        for (const QString &name : files)
            for (const char *mode : {"whole", "chunks", "bytes"})
                QTest::newRow(qPrintable(name + QLatin1Char(' ') + QLatin1String(mode)))
                    << QDir(dir).filePath(name) << QString::fromLatin1(mode);
    }

    void differential()
    {
        QFETCH(QString, path);
        QFETCH(QString, mode);
        const Stream s = loadStream(path);
        QVERIFY2(!s.bytes.isEmpty(), qPrintable(QStringLiteral("cannot read %1").arg(path)));
        if (!m_captures.contains(path)) {
            const std::optional<Capture> c = runTmux(s);
            QVERIFY2(c.has_value(), "tmux did not take the stream (see the warnings above)");
            m_captures.insert(path, *c);
        }
        Capture want = m_captures[path];
        Capture got = runModel(s, mode);
        if (!want.compareHistory) {
            want.lines = want.lines.mid(want.history);
            got.lines = got.lines.mid(got.history);
            want.history = got.history;
        }
        for (qsizetype i = 0; i < std::min(want.lines.size(), got.lines.size()); ++i) {
            if (want.lines[i] == got.lines[i])
                continue;
            QString context;
            for (qsizetype k = std::max<qsizetype>(0, i - 3); k < std::min(want.lines.size(), i + 4); ++k)
                context += QStringLiteral("\n  %1 tmux:  \"%2\"\n  %1 model: \"%3\"")
                               .arg(k)
                               .arg(want.lines[k], k < got.lines.size() ? got.lines[k] : QString());
            QFAIL(qPrintable(QStringLiteral("line %1 differs (tmux: %2 history + %3 rows):%4")
                                 .arg(i)
                                 .arg(want.history)
                                 .arg(s.rows)
                                 .arg(context)));
        }
        QCOMPARE(got.lines.size(), want.lines.size());
        QCOMPARE(got.history, want.history);
        QCOMPARE(got.cursor, want.cursor);
        if (want.compareTitle)
            QCOMPARE(got.title, want.title);
    }
};

QTEST_GUILESS_MAIN(TestTerminalTmuxDiff)
#include "tst_terminal_tmux_diff.moc"
