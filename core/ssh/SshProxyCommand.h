#pragma once

// Runs an OpenSSH-style ProxyCommand: `$SHELL -c "exec COMMAND"` (else /bin/sh) with its stdin
// and stdout on one end of a socketpair, the other end becoming the SSH connection's socket
// (given to libssh with SSH_OPTIONS_FD; libssh never closes it). stderr goes to a pipe so its
// text can explain a failed connection. The process is ended by its pid with the session.

#include "util/Result.h"

#include <QString>

namespace archnest::ssh {

struct ProxyProcess
{
    int pid = -1;
    int fd = -1;    // ours: the connection
    int errFd = -1; // the command's stderr (non-blocking)
};

// `command` is already expanded and starts with "exec ".
Result<ProxyProcess> startProxyCommand(const QString &command);

// Up to 4 KiB of what the command wrote to stderr so far (waits up to `waitMs` for it to exit).
QString proxyCommandStderr(int errFd, int pid, int waitMs);

// SIGTERM, then SIGKILL after a grace period; reaps the process. Closes nothing else.
void stopProxyCommand(int pid);

} // namespace archnest::ssh
