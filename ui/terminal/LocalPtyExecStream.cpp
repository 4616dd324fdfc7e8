#include "LocalPtyExecStream.h"

#include <QProcessEnvironment>
#include <QSocketNotifier>
#include <QStandardPaths>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace archnest::ui {

namespace {
constexpr int kReapPollMs = 100;

int exitCodeOf(int status)
{
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    if (WIFSIGNALED(status))
        return 128 + WTERMSIG(status);
    return -1;
}
} // namespace

LocalPtyExecStream::LocalPtyExecStream(QObject *parent)
    : ExecStream(parent)
{
    m_reapTimer.setInterval(kReapPollMs);
    connect(&m_reapTimer, &QTimer::timeout, this, &LocalPtyExecStream::checkChild);
    m_killTimer.setSingleShot(true);
    m_killTimer.setInterval(kKillGraceMs);
    connect(&m_killTimer, &QTimer::timeout, this, [this] {
        if (m_pid > 0)
            ::kill(m_pid, SIGKILL);
    });
}

LocalPtyExecStream::~LocalPtyExecStream()
{
    closeMaster();
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        int status = 0;
        // SIGKILL cannot be caught; this returns as soon as the kernel has reaped the child.
        while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
        }
        m_pid = -1;
    }
}

void LocalPtyExecStream::start(const QString &program, const QStringList &args, int cols, int rows,
                               const QStringList &env)
{
    m_program = program;
    if (m_pid > 0 || m_done) {
        fail(tr("This terminal stream is already in use; open a new one."));
        return;
    }
    const QString path = program.contains(QLatin1Char('/')) ? program : QStandardPaths::findExecutable(program);
    if (path.isEmpty()) {
        fail(tr("Cannot start %1: not found in PATH. Install it or give its full path.").arg(program));
        return;
    }

    // Everything the child needs is prepared before fork(): after it, only async-signal-safe
    // calls are allowed in a threaded process.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("TERM"), QStringLiteral("xterm-256color"));
    environment.insert(QStringLiteral("COLORTERM"), QStringLiteral("truecolor"));
    for (const QString &kv : env) {
        const qsizetype eq = kv.indexOf(QLatin1Char('='));
        if (eq > 0)
            environment.insert(kv.left(eq), kv.mid(eq + 1));
    }
    std::vector<QByteArray> argStore;
    argStore.push_back(path.toLocal8Bit());
    for (const QString &a : args)
        argStore.push_back(a.toLocal8Bit());
    std::vector<QByteArray> envStore;
    for (const QString &kv : environment.toStringList())
        envStore.push_back(kv.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &a : argStore)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<char *> envp;
    for (QByteArray &e : envStore)
        envp.push_back(e.data());
    envp.push_back(nullptr);

    struct winsize ws = {};
    ws.ws_col = static_cast<unsigned short>(std::clamp(cols, 1, 1000));
    ws.ws_row = static_cast<unsigned short>(std::clamp(rows, 1, 1000));
    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, &ws);
    if (pid < 0) {
        fail(tr("Cannot open a local pseudo-terminal: %1").arg(QString::fromLocal8Bit(std::strerror(errno))));
        return;
    }
    if (pid == 0) {
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    m_pid = pid;
    m_master = master;
    ::fcntl(m_master, F_SETFL, ::fcntl(m_master, F_GETFL) | O_NONBLOCK);
    ::fcntl(m_master, F_SETFD, FD_CLOEXEC);
    m_readNotifier = new QSocketNotifier(qintptr(m_master), QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &LocalPtyExecStream::onReadable);
    m_readNotifier->setEnabled(!m_readPaused);
    m_writeNotifier = new QSocketNotifier(qintptr(m_master), QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &LocalPtyExecStream::onWritable);
    m_reapTimer.start();
    QTimer::singleShot(0, this, [this] {
        if (!m_done)
            Q_EMIT started();
    });
}

void LocalPtyExecStream::onReadable()
{
    QByteArray chunk;
    char buf[65536];
    bool hangup = false;
    while (chunk.size() < kMaxReadPerWakeup) {
        const ssize_t n = ::read(m_master, buf, sizeof buf);
        if (n > 0) {
            chunk.append(buf, qsizetype(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        // EAGAIN: drained for now. EIO or 0: every slave descriptor is closed (the child exited).
        hangup = !(n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));
        break;
    }
    if (!chunk.isEmpty())
        Q_EMIT dataReceived(chunk, OutputChannel::Stdout);
    if (hangup) {
        m_hungUp = true;
        if (m_readNotifier)
            m_readNotifier->setEnabled(false);
        checkChild();
    }
}

void LocalPtyExecStream::setReadPaused(bool paused)
{
    m_readPaused = paused;
    if (m_readNotifier && !m_hungUp)
        m_readNotifier->setEnabled(!paused);
}

void LocalPtyExecStream::write(const QByteArray &data)
{
    if (m_master < 0 || data.isEmpty())
        return;
    m_writeBuffer += data;
    onWritable();
}

void LocalPtyExecStream::onWritable()
{
    while (!m_writeBuffer.isEmpty() && m_master >= 0) {
        const ssize_t n = ::write(m_master, m_writeBuffer.constData(), size_t(m_writeBuffer.size()));
        if (n > 0) {
            m_writeBuffer.remove(0, qsizetype(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        break; // EAGAIN: the PTY's input queue is full; wait for the notifier
    }
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(!m_writeBuffer.isEmpty());
}

void LocalPtyExecStream::resize(int cols, int rows)
{
    if (m_master < 0)
        return;
    struct winsize ws = {};
    ws.ws_col = static_cast<unsigned short>(std::clamp(cols, 1, 1000));
    ws.ws_row = static_cast<unsigned short>(std::clamp(rows, 1, 1000));
    ::ioctl(m_master, TIOCSWINSZ, &ws);
}

void LocalPtyExecStream::closeStdin()
{
    // A terminal has no separate stdin to close; EOF is the line discipline's ^D.
    write(QByteArray(1, '\x04'));
}

void LocalPtyExecStream::terminate()
{
    if (m_pid <= 0)
        return;
    ::kill(m_pid, SIGHUP);
    m_killTimer.start();
}

void LocalPtyExecStream::checkChild()
{
    if (m_pid <= 0)
        return;
    int status = 0;
    const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
    if (r == m_pid) {
        m_pid = -1;
        // Whatever the child wrote last is still in the PTY: deliver it before `finished`.
        if (m_master >= 0)
            onReadable();
        finish(exitCodeOf(status));
    } else if (r < 0 && errno != EINTR) {
        m_pid = -1;
        finish(-1);
    }
}

void LocalPtyExecStream::finish(int exitCode)
{
    if (m_done)
        return;
    m_done = true;
    m_reapTimer.stop();
    m_killTimer.stop();
    closeMaster();
    Q_EMIT finished(exitCode);
}

void LocalPtyExecStream::fail(const QString &message)
{
    m_done = true;
    QTimer::singleShot(0, this, [this, message] { Q_EMIT failed(message); });
}

void LocalPtyExecStream::closeMaster()
{
    delete m_readNotifier;
    m_readNotifier = nullptr;
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    if (m_master >= 0) {
        ::close(m_master);
        m_master = -1;
    }
}

} // namespace archnest::ui
