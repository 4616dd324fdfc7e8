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

HopKnownHosts knownHostsFor(const SshEndpoint &ep, const QString &hostFile)
{
    HopKnownHosts k;
    if (ep.userKnownHostsFiles.isEmpty())
        k.files << hostFile;
    for (const QString &f : ep.userKnownHostsFiles)
        k.files << resolveKnownHostsFile(f);
    for (const QString &f : ep.globalKnownHostsFiles)
        k.files << resolveKnownHostsFile(f);
    k.files.removeDuplicates();
    k.libsshGlobal = ep.globalKnownHostsFiles.isEmpty();
    k.host = ep.hostKeyAlias.isEmpty() ? ep.host : ep.hostKeyAlias;
    k.port = ep.hostKeyAlias.isEmpty() ? ep.port : 22; // OpenSSH: the alias alone, no [..]:port
    return k;
}

namespace {

// The host key algorithms to ask for: the types known for this name first (as OpenSSH orders
// them), then libssh's usual ones; "" = libssh's own choice (it reads one known_hosts file).
QByteArray preferredHostKeyTypes(const HopKnownHosts &k)
{
    QStringList types;
    for (const QString &f : k.files) {
        for (const KnownHostKey &key : knownHostKeys(f, k.host, k.port)) {
            if (key.keyType == QLatin1String("ssh-rsa"))
                types << QStringLiteral("rsa-sha2-512") << QStringLiteral("rsa-sha2-256");
            else
                types << key.keyType;
        }
    }
    if (types.isEmpty())
        return {};
    types << QStringLiteral("ssh-ed25519") << QStringLiteral("ecdsa-sha2-nistp521")
          << QStringLiteral("ecdsa-sha2-nistp384") << QStringLiteral("ecdsa-sha2-nistp256")
          << QStringLiteral("rsa-sha2-512") << QStringLiteral("rsa-sha2-256");
    types.removeDuplicates();
    return types.join(QLatin1Char(',')).toLatin1();
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
    const QString hostKnownHosts = resolveKnownHostsFile(target.knownHostsFile);
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
        const HopKnownHosts known = knownHostsFor(ep, hostKnownHosts);
        ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, QFile::encodeName(known.files.constFirst()).constData());
        if (known.files.size() > 1 || known.host != ep.host) {
            // libssh orders host key algorithms by one file and the real name only.
            if (const QByteArray types = preferredHostKeyTypes(known); !types.isEmpty())
                ssh_options_set(s, SSH_OPTIONS_HOSTKEYS, types.constData());
        }
        if (const QString agent = agentSocket(ep.auth); !ep.auth.identityAgent.isEmpty() && !agent.isEmpty())
            ssh_options_set(s, SSH_OPTIONS_IDENTITY_AGENT, QFile::encodeName(agent).constData());
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
        if (auto r = verifyHostKey(size_t(i), known); !r)
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

// OpenSSH reads every known_hosts file into one list: a matching key anywhere is OK; otherwise a
// different key for the name anywhere means CHANGED; otherwise the host is unknown. libssh checks
// one user and one global file per call, so each file is checked on its own and combined.
static enum ssh_known_hosts_e knownState(ssh_session s, const HopKnownHosts &k)
{
    if (k.files.size() == 1 && k.libsshGlobal)
        return ssh_session_is_known_server(s);
    bool changed = false;
    bool other = false;
    bool error = false;
    for (const QString &f : k.files) {
        const QByteArray path = QFile::encodeName(f);
        ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, path.constData());
        ssh_options_set(s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, path.constData());
        switch (ssh_session_is_known_server(s)) {
        case SSH_KNOWN_HOSTS_OK:
            return SSH_KNOWN_HOSTS_OK;
        case SSH_KNOWN_HOSTS_CHANGED:
            changed = true;
            break;
        case SSH_KNOWN_HOSTS_OTHER:
            other = true;
            break;
        case SSH_KNOWN_HOSTS_ERROR:
            error = true;
            break;
        default:
            break;
        }
    }
    return changed ? SSH_KNOWN_HOSTS_CHANGED
           : other ? SSH_KNOWN_HOSTS_OTHER
           : error ? SSH_KNOWN_HOSTS_ERROR
                   : SSH_KNOWN_HOSTS_UNKNOWN;
}

Result<void> Worker::Impl::verifyHostKey(size_t i, const HopKnownHosts &k)
{
    ssh_session s = hops[i].session;
    const SshEndpoint &ep = hops[i].endpoint;
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(s, &key) != SSH_OK)
        return makeError(QStringLiteral("%1 sent no host key: %2").arg(hopName(i), sshError(s)));
    const QString type = keyTypeName(key);
    const QString offered = keyFingerprint(key);
    ssh_key_free(key);
    const QString files = k.files.join(QStringLiteral(", "));
    const QString name = knownHostsName(k.host, k.port);
    const QString where = ep.hostKeyAlias.isEmpty()
                              ? QStringLiteral("%1 port %2").arg(ep.host).arg(ep.port)
                              : QStringLiteral("%1 port %2 (HostKeyAlias %3)").arg(ep.host).arg(ep.port).arg(k.host);
    if (k.host != ep.host || k.port != ep.port) {
        // HostKeyAlias: libssh looks up and saves under its HOST/PORT options, which the
        // connection (already made) needs no more.
        const unsigned int aliasPort = unsigned(k.port);
        ssh_options_set(s, SSH_OPTIONS_HOST, k.host.toUtf8().constData());
        ssh_options_set(s, SSH_OPTIONS_PORT, &aliasPort);
    }
    // OpenSSH's @revoked: refused before anything else looks at the key (libssh skips the line,
    // so a revoked key would otherwise be "unknown" and could be accepted and saved).
    for (const QString &f : k.files) {
        for (const KnownHostKey &r : revokedHostKeys(f, k.host, k.port)) {
            if (r.fingerprintSha256 == offered)
                return makeError(QStringLiteral("REVOKED HOST KEY: the %1 key %2 offered by %3 is marked @revoked "
                                                "in %4 (line %5). Connection refused; this key must never be "
                                                "trusted again. Ask the host's administrator for its new key.")
                                     .arg(type, offered, where, f)
                                     .arg(r.line),
                                 QStringLiteral("host-key-revoked"));
        }
    }
    const enum ssh_known_hosts_e state = knownState(s, k);
    switch (state) {
    case SSH_KNOWN_HOSTS_OK:
        return {};
    case SSH_KNOWN_HOSTS_CHANGED:
    case SSH_KNOWN_HOSTS_OTHER: {
        QStringList expected;
        QString firstWith = k.files.constFirst();
        for (const QString &f : k.files) {
            const QList<KnownHostKey> keys = knownHostKeys(f, k.host, k.port);
            if (!keys.isEmpty() && expected.isEmpty())
                firstWith = f;
            for (const KnownHostKey &kk : keys)
                expected << QStringLiteral("%1 %2 (%3 line %4)").arg(kk.keyType, kk.fingerprintSha256, f).arg(kk.line);
        }
        return makeError(
            QStringLiteral("REFUSED: the host key of %1 does not match %2. Expected %3; the server offered "
                           "%4 %5. This can mean someone is intercepting the connection. If the host was "
                           "really reinstalled, remove the old entry with: ssh-keygen -R '%6' -f '%7'")
                .arg(where, files,
                     expected.isEmpty() ? QStringLiteral("(no readable entry)") : expected.join(QStringLiteral("; ")),
                     type, offered, name, firstWith),
            QStringLiteral("host-key-changed"));
    }
    case SSH_KNOWN_HOSTS_UNKNOWN:
    case SSH_KNOWN_HOSTS_NOT_FOUND: {
        HostKeyQuestion q;
        q.host = k.host;
        q.port = k.port;
        q.keyType = type;
        q.fingerprintSha256 = offered;
        q.hopIndex = int(i);
        q.hopCount = hopCount();
        const HostKeyDecision d = sink->askHostKey(q);
        opClock.restart(); // the time a person took to answer is not connect time
        if (d == HostKeyDecision::Reject)
            return makeError(QStringLiteral("the host key of %1 (%2 %3) is not in %4 and was not accepted; "
                                            "connection aborted. Verify the fingerprint and accept it to connect.")
                                 .arg(where, type, offered, files),
                             QStringLiteral("host-key-unknown"));
        if (d == HostKeyDecision::AcceptAndSave) {
            // Like OpenSSH: a new key goes to the first user file only.
            const QString saveTo = k.files.constFirst();
            QDir().mkpath(QFileInfo(saveTo).absolutePath());
            ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, QFile::encodeName(saveTo).constData());
            if (ssh_session_update_known_hosts(s) != SSH_OK)
                return makeError(
                    QStringLiteral("could not write the host key of %1 to %2: %3").arg(name, saveTo, sshError(s)));
        }
        return {};
    }
    case SSH_KNOWN_HOSTS_ERROR:
    default:
        return makeError(
            QStringLiteral("could not check the host key of %1 against %2: %3").arg(hopName(i), files, sshError(s)));
    }
}

} // namespace archnest::ssh::detail
