#include "ssh/SshProxyCommand.h"

#include <QElapsedTimer>
#include <QFile>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace archnest::ssh {

namespace {

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

bool reap(int pid, int waitMs)
{
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < 1000; ++i) {
        int status = 0;
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid || (r < 0 && errno == ECHILD))
            return true;
        if (t.elapsed() >= waitMs)
            return false;
        ::poll(nullptr, 0, 10); // polling a child's exit: no fd to wait on
    }
    return false;
}

} // namespace

Result<ProxyProcess> startProxyCommand(const QString &command)
{
    QByteArray shell = qgetenv("SHELL");
    if (shell.isEmpty())
        shell = "/bin/sh";
    const QByteArray cmd = command.toLocal8Bit();
    int sv[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return Error(QStringLiteral("socketpair failed: %1").arg(errnoText()));
    int errPipe[2];
    if (::pipe2(errPipe, O_CLOEXEC) != 0) {
        ::close(sv[0]);
        ::close(sv[1]);
        return Error(QStringLiteral("pipe failed: %1").arg(errnoText()));
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        const QString why = errnoText();
        for (int fd : {sv[0], sv[1], errPipe[0], errPipe[1]})
            ::close(fd);
        return Error(QStringLiteral("could not start the ProxyCommand: %1").arg(why));
    }
    if (pid == 0) {
        // Child: only async-signal-safe calls from here on.
        ::dup2(sv[1], STDIN_FILENO);
        ::dup2(sv[1], STDOUT_FILENO);
        ::dup2(errPipe[1], STDERR_FILENO);
        ::signal(SIGPIPE, SIG_DFL);
        const char *argv[] = {shell.constData(), "-c", cmd.constData(), nullptr};
        ::execv(shell.constData(), const_cast<char *const *>(argv));
        static const char msg[] = "ProxyCommand: cannot run the shell\n";
        [[maybe_unused]] const auto w = ::write(STDERR_FILENO, msg, sizeof msg - 1);
        ::_exit(127);
    }
    ::close(sv[1]);
    ::close(errPipe[1]);
    ::fcntl(errPipe[0], F_SETFL, ::fcntl(errPipe[0], F_GETFL) | O_NONBLOCK);
    return ProxyProcess{int(pid), sv[0], errPipe[0]};
}

QString proxyCommandStderr(int errFd, int pid, int waitMs)
{
    if (errFd < 0)
        return {};
    if (pid > 0) {
        // Give a failing command a moment to exit so its last words are in the pipe.
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < 100 && t.elapsed() < waitMs; ++i) {
            siginfo_t info{};
            if (::waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid != 0)
                break;
            pollfd p{errFd, POLLIN, 0};
            ::poll(&p, 1, 20);
        }
    }
    QByteArray out;
    char buf[1024];
    for (int i = 0; i < 4; ++i) {
        const ssize_t n = ::read(errFd, buf, sizeof buf);
        if (n <= 0)
            break;
        out.append(buf, n);
    }
    return QString::fromLocal8Bit(out).trimmed();
}

void stopProxyCommand(int pid)
{
    if (pid <= 0)
        return;
    ::kill(pid, SIGTERM);
    if (!reap(pid, 2000)) {
        ::kill(pid, SIGKILL);
        reap(pid, 2000);
    }
}

} // namespace archnest::ssh
