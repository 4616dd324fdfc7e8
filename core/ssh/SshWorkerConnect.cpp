// The SSH worker connecting: every hop of the jump chain, host-key verification, teardown
// (see SshWorkerImpl.h).
#include "ssh/SshWorkerImpl.h"

#include "ssh/SshHostKeys.h"
#include "ssh/SshProxyCommand.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

namespace archnest::ssh::detail {

namespace {

// A peer that stops answering (a partition, a machine gone) makes the kernel fail the socket
// within `seconds`: keepalive probes every seconds/5 while the connection is idle, and
// TCP_USER_TIMEOUT while sent data waits for an acknowledgement. libssh then sees the error and
// the worker's connectionLost() fails what is in flight. A live peer answers the probes.
void boundDeadPeer(int fd, int seconds)
{
    if (fd < 0 || seconds <= 0)
        return;
    const int on = 1;
    const int interval = std::max(1, seconds / 5);
    const int count = std::max(1, (seconds - interval) / interval);
    const unsigned int userTimeoutMs = unsigned(seconds) * 1000U;
    ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &interval, sizeof interval);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
    ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
    ::setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &userTimeoutMs, sizeof userTimeoutMs);
}

} // namespace

void Worker::Impl::teardown()
{
    for (auto &c : active) {
        if (c->channel)
            ssh_channel_free(c->channel);
        c->channel = nullptr;
    }
    for (size_t i = hops.size(); i-- > 0;) {
        releaseHopEvent(hops[i]);
        ssh_disconnect(hops[i].session);
        ssh_free(hops[i].session);
        if (hops[i].fd >= 0)
            ::close(hops[i].fd);
        stopProxyCommand(hops[i].proxyPid);
        if (hops[i].proxyErrFd >= 0)
            ::close(hops[i].proxyErrFd);
        if (i > 0 && i - 1 < bridges.size()) {
            Bridge &b = bridges[i - 1];
            ::close(b.fd);
            ssh_channel_free(b.channel);
        }
    }
    hops.clear();
    bridges.clear();
    countedSession = nullptr; // a new session may reuse the address: count it afresh
    connected = false;
}

Result<void> Worker::Impl::connectAll()
{
    teardown();
    sink->state(HostStatus::Connecting, QStringLiteral("connecting to %1").arg(target.endpoint.displayName()));
    opClock.start();
    const QElapsedTimer &clock = opClock;
    const qint64 limit = std::max(1000, target.connectTimeoutMs);
    const QString knownHosts = resolveKnownHostsFile(target.knownHostsFile);
    const int count = hopCount();
    for (int i = 0; i < count; ++i) {
        const SshEndpoint ep = i < int(target.jumps.size()) ? target.jumps[i] : target.endpoint;
        int fd = -1;
        bool timedOut = false;
        if (i > 0) {
            ssh_session prev = hops.back().session;
            ssh_channel ch = ssh_channel_new(prev);
            if (!ch)
                return makeError(QStringLiteral("out of memory opening a tunnel on %1").arg(hopName(i - 1)));
            const QByteArray host = ep.host.toUtf8();
            const int rc =
                drive([&] { return ssh_channel_open_forward(ch, host.constData(), ep.port, "127.0.0.1", 0); },
                      SSH_AGAIN, clock, limit, &timedOut);
            if (rc != SSH_OK) {
                const QString why = timedOut ? QStringLiteral("timed out") : sshError(prev);
                ssh_channel_free(ch);
                return makeError(QStringLiteral("jump host %1 could not open a tunnel to %2:%3: %4. Check that the "
                                                "jump host allows TCP forwarding and can reach that address.")
                                     .arg(hopName(i - 1), ep.host)
                                     .arg(ep.port)
                                     .arg(why),
                                 QStringLiteral("ssh-tunnel"));
            }
            int sv[2];
            if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
                ssh_channel_free(ch);
                return makeError(QStringLiteral("socketpair failed: %1").arg(QString::fromLocal8Bit(strerror(errno))));
            }
            setNonBlocking(sv[0]);
            setNonBlocking(sv[1]);
            bridges.push_back(Bridge{ch, sv[0], {}, {}, false, false, false, false, false});
            fd = sv[1];
        }
        Hop hop;
        if (fd < 0 && !ep.proxyCommand.isEmpty()) {
            Result<ProxyProcess> proxy = startProxyCommand(ep.proxyCommand);
            if (!proxy)
                return makeError(QStringLiteral("%1: ProxyCommand %2").arg(ep.displayName(), proxy.errorMessage()),
                                 QStringLiteral("ssh-connect"));
            fd = proxy->fd;
            setNonBlocking(fd);
            hop.proxyPid = proxy->pid;
            hop.proxyErrFd = proxy->errFd;
        }
        hop.session = ssh_new();
        hop.fd = fd;
        hop.endpoint = ep;
        hops.push_back(hop);
        ssh_session s = hop.session;
        const bool no = false;
        ssh_options_set(s, SSH_OPTIONS_PROCESS_CONFIG, &no);
        const QByteArray host = ep.host.toUtf8();
        ssh_options_set(s, SSH_OPTIONS_HOST, host.constData());
        const unsigned int port = unsigned(ep.port > 0 ? ep.port : 22);
        ssh_options_set(s, SSH_OPTIONS_PORT, &port);
        if (!ep.user.isEmpty())
            ssh_options_set(s, SSH_OPTIONS_USER, ep.user.toUtf8().constData());
        ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, QFile::encodeName(knownHosts).constData());
        const long timeoutSec = std::max(1L, long(limit / 1000));
        ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeoutSec);
        if (fd >= 0) {
            ssh_options_set(s, SSH_OPTIONS_FD, &fd);
        } else {
            // Without it Nagle + delayed ACKs add ~40 ms to every small request/reply pair.
            const int nodelay = 1;
            ssh_options_set(s, SSH_OPTIONS_NODELAY, &nodelay);
        }
        ssh_set_blocking(s, 0);
        const int rc = drive([&] { return ssh_connect(s); }, SSH_AGAIN, clock, limit, &timedOut);
        if (rc != SSH_OK) {
            QString why = timedOut ? QStringLiteral("timed out after %1 ms").arg(limit) : sshError(s);
            if (hops.back().proxyPid > 0)
                why +=
                    QStringLiteral(" (ProxyCommand \"%1\" said: %2)")
                        .arg(ep.proxyCommand, proxyCommandStderr(hops.back().proxyErrFd, hops.back().proxyPid, 1000));
            return makeError(QStringLiteral("could not connect to %1: %2. Check the address and that sshd runs "
                                            "there.")
                                 .arg(hopName(size_t(i)), why),
                             QStringLiteral("ssh-connect"));
        }
        if (fd < 0) // the TCP connection (later hops ride inside it)
            boundDeadPeer(ssh_get_fd(s), target.deadPeerSeconds);
        if (auto r = verifyHostKey(size_t(i), knownHosts); !r)
            return r;
        if (auto r = authenticate(size_t(i), clock, limit); !r)
            return r;
    }
    connected = true;
    cap = std::max(1, target.maxConcurrentChannels);
    sinceActivity.restart();
    sink->state(HostStatus::Connected, QStringLiteral("connected to %1").arg(target.endpoint.displayName()));
    return {};
}

Result<void> Worker::Impl::verifyHostKey(size_t i, const QString &knownHosts)
{
    ssh_session s = hops[i].session;
    const SshEndpoint &ep = hops[i].endpoint;
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(s, &key) != SSH_OK)
        return makeError(QStringLiteral("%1 sent no host key: %2").arg(hopName(i), sshError(s)));
    const QString type = keyTypeName(key);
    const QString offered = keyFingerprint(key);
    ssh_key_free(key);
    const QString name = knownHostsName(ep.host, ep.port);
    // OpenSSH's @revoked: refused before anything else looks at the key (libssh skips the line,
    // so a revoked key would otherwise be "unknown" and could be accepted and saved).
    for (const KnownHostKey &k : revokedHostKeys(knownHosts, ep.host, ep.port)) {
        if (k.fingerprintSha256 == offered)
            return makeError(QStringLiteral("REVOKED HOST KEY: the %1 key %2 offered by %3 port %4 is marked "
                                            "@revoked in %5 (line %6). Connection refused; this key must never be "
                                            "trusted again. Ask the host's administrator for its new key.")
                                 .arg(type, offered, ep.host)
                                 .arg(ep.port)
                                 .arg(knownHosts)
                                 .arg(k.line),
                             QStringLiteral("host-key-revoked"));
    }
    const enum ssh_known_hosts_e state = ssh_session_is_known_server(s);
    switch (state) {
    case SSH_KNOWN_HOSTS_OK:
        return {};
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER: {
        QStringList expected;
        for (const KnownHostKey &k : knownHostKeys(knownHosts, ep.host, ep.port))
            expected << QStringLiteral("%1 %2 (line %3)").arg(k.keyType, k.fingerprintSha256).arg(k.line);
        return makeError(
            QStringLiteral("REFUSED: the host key of %1 port %2 does not match %3. Expected %4; the server offered "
                           "%5 %6. This can mean someone is intercepting the connection. If the host was "
                           "really reinstalled, remove the old entry with: ssh-keygen -R '%7' -f '%3'")
                .arg(ep.host)
                .arg(ep.port)
                .arg(knownHosts,
                     expected.isEmpty() ? QStringLiteral("(no readable entry)") : expected.join(QStringLiteral("; ")),
                     type, offered, name),
            QStringLiteral("host-key-changed"));
    }
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND: {
        HostKeyQuestion q;
        q.host = ep.host;
        q.port = ep.port;
        q.keyType = type;
        q.fingerprintSha256 = offered;
        q.hopIndex = int(i);
        q.hopCount = hopCount();
        const HostKeyDecision d = sink->askHostKey(q);
        opClock.restart(); // the time a person took to answer is not connect time
        if (d == HostKeyDecision::Reject)
            return makeError(QStringLiteral("the host key of %1 port %2 (%3 %4) is not in %5 and was not accepted; "
                                            "connection aborted. Verify the fingerprint and accept it to connect.")
                                 .arg(ep.host)
                                 .arg(ep.port)
                                 .arg(type, offered, knownHosts),
                             QStringLiteral("host-key-unknown"));
        if (d == HostKeyDecision::AcceptAndSave) {
            QDir().mkpath(QFileInfo(knownHosts).absolutePath());
            if (ssh_session_update_known_hosts(s) != SSH_OK)
                return makeError(
                    QStringLiteral("could not write the host key of %1 to %2: %3").arg(name, knownHosts, sshError(s)));
        }
        return {};
    }
    case SSH_KNOWN_HOSTS_ERROR:
    default:
        return makeError(QStringLiteral("could not check the host key of %1 against %2: %3")
                             .arg(hopName(i), knownHosts, sshError(s)));
    }
}

} // namespace archnest::ssh::detail
