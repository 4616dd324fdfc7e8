#include "ssh/SshWorker.h"

#include "ssh/SshHostKeys.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <libssh/libssh.h>
#include <libssh/server.h> // ssh_send_keepalive (works for clients too)

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <vector>

namespace archnest::ssh::detail {

namespace {

constexpr int kBridgeBuffer = 256 * 1024;
constexpr int kReadChunk = 32 * 1024;
constexpr int kPausedPollMs = 50; // flow control: the wait of a session whose channels are all paused

QString byteSize(qint64 bytes)
{
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        return QStringLiteral("%1 MiB").arg(bytes / (1024 * 1024));
    return QStringLiteral("%1 bytes").arg(bytes);
}
constexpr int kMaxBackoffMs = 30000;
constexpr int kKbdIntRounds = 10;

QString sshError(void *sessionOrChannelSession)
{
    const char *e = ssh_get_error(sessionOrChannelSession);
    return e ? QString::fromUtf8(e) : QString();
}

void setNonBlocking(int fd)
{
    const int flags = fcntl(fd, F_GETFL, 0);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

// A secret held only as long as needed; wiped on destruction.
struct Secret
{
    QByteArray bytes;
    ~Secret() { bytes.fill('\0'); }
};

std::optional<QByteArray> readSecretFile(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    QByteArray data = f.read(64 * 1024);
    while (data.endsWith('\n') || data.endsWith('\r'))
        data.chop(1);
    return data;
}

// True when a private key file is passphrase-protected (PEM "ENCRYPTED" or an OpenSSH key
// whose cipher is not "none").
bool keyFileIsEncrypted(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = f.read(256 * 1024);
    if (text.contains("ENCRYPTED"))
        return true;
    const QByteArray begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
    const int start = text.indexOf(begin);
    const int end = text.indexOf("-----END OPENSSH PRIVATE KEY-----");
    if (start < 0 || end < 0)
        return false;
    QByteArray body = text.mid(start + begin.size(), end - start - begin.size());
    body.replace('\n', QByteArray()).replace('\r', QByteArray());
    const QByteArray blob = QByteArray::fromBase64(body);
    const QByteArray magic("openssh-key-v1\0", 15);
    if (!blob.startsWith(magic) || blob.size() < magic.size() + 4)
        return false;
    const auto *p = reinterpret_cast<const unsigned char *>(blob.constData()) + magic.size();
    const quint32 len = (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
    if (len > 64 || magic.size() + 4 + int(len) > blob.size())
        return false;
    return blob.mid(magic.size() + 4, int(len)) != "none";
}

QString keyTypeName(ssh_key key)
{
    const enum ssh_keytypes_e t = ssh_key_type(key);
    if (t == SSH_KEYTYPE_ECDSA_P256 || t == SSH_KEYTYPE_ECDSA_P384 || t == SSH_KEYTYPE_ECDSA_P521) {
        const char *n = ssh_pki_key_ecdsa_name(key);
        return n ? QString::fromLatin1(n) : QStringLiteral("ecdsa");
    }
    const char *n = ssh_key_type_to_char(t);
    return n ? QString::fromLatin1(n) : QStringLiteral("unknown");
}

QString keyFingerprint(ssh_key key)
{
    unsigned char *hash = nullptr;
    size_t len = 0;
    if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &len) != SSH_OK)
        return {};
    char *fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, len);
    QString out = fp ? QString::fromLatin1(fp) : QString();
    ssh_string_free_char(fp);
    ssh_clean_pubkey_hash(&hash);
    return out;
}

QString methodNames(int mask)
{
    QStringList names;
    if (mask & SSH_AUTH_METHOD_PUBLICKEY)
        names << QStringLiteral("publickey");
    if (mask & SSH_AUTH_METHOD_INTERACTIVE)
        names << QStringLiteral("keyboard-interactive");
    if (mask & SSH_AUTH_METHOD_PASSWORD)
        names << QStringLiteral("password");
    if (mask & SSH_AUTH_METHOD_HOSTBASED)
        names << QStringLiteral("hostbased");
    return names.isEmpty() ? QStringLiteral("none") : names.join(QStringLiteral(", "));
}

struct Bridge
{
    ssh_channel channel = nullptr; // direct-tcpip on the previous hop
    int fd = -1;                   // our end of the socketpair
    QByteArray toSocket;
    QByteArray toChannel;
    bool channelEof = false;
    bool socketEof = false;
    bool shutWrite = false;
    bool eofSent = false;
    bool broken = false;
};

struct Hop
{
    ssh_session session = nullptr;
    int fd = -1; // the socketpair end given with SSH_OPTIONS_FD (libssh never closes it)
    SshEndpoint endpoint;
};

struct Chan
{
    enum Phase { Open, Pty, Exec, Running };
    Job job;
    ssh_channel channel = nullptr;
    Phase phase = Open;
    QByteArray out;
    QByteArray err;
    QByteArray stdinBuf;
    bool stdinClose = false;
    bool eofSent = false;
    bool outEof = false;
    bool errEof = false;
    bool closeRequested = false;
    bool cancelled = false; // exec: the owner gave up on it; close the channel, report nothing
    int ptyCols = 0;        // the size the PTY was requested with; a resize before Running is applied after
    int ptyRows = 0;
    QElapsedTimer started;
};

} // namespace

struct Worker::Impl
{
    SshTarget target;
    WorkerSink *sink = nullptr;
    Worker *worker = nullptr;

    std::vector<Hop> hops;
    std::vector<Bridge> bridges;
    bool connected = false;
    std::deque<Job> pending;
    std::vector<std::unique_ptr<Chan>> active;
    int cap = 8;
    int failures = 0;
    QElapsedTimer sinceFailure;
    QElapsedTimer sinceActivity;
    QString lastError;
    QElapsedTimer opClock;

    ssh_session final() const { return hops.empty() ? nullptr : hops.back().session; }
    QString hopName(size_t i) const
    {
        return QStringLiteral("%1 (hop %2 of %3)").arg(hops[i].endpoint.displayName()).arg(i + 1).arg(hopCount());
    }
    int hopCount() const { return int(target.jumps.size()) + 1; }

    // ---- I/O plumbing -------------------------------------------------------------------
    // libssh switches its socket to blocking mode after connecting and then writes whole
    // buffers with send(). Over a socketpair whose other end only this thread drains, a write
    // larger than the free socket buffer would block forever. So channel data for a hop reached
    // through a bridge is written only in chunks that fit the free space of that hop's socket.
    static int writeBudget(const Hop &h)
    {
        if (h.fd < 0)
            return kReadChunk; // a TCP socket: the peer drains it independently
        int queued = 0;
        int sndbuf = 0;
        socklen_t len = sizeof sndbuf;
        if (::ioctl(h.fd, TIOCOUTQ, &queued) != 0 || ::getsockopt(h.fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, &len) != 0)
            return 0;
        // A quarter of the buffer leaves room for packet overhead and libssh's own small packets.
        return std::clamp(sndbuf / 4 - queued, 0, kReadChunk / 2);
    }

    void pumpBridge(Bridge &b, const Hop &carrier)
    {
        char buf[kReadChunk];
        while (!b.channelEof && b.toSocket.size() < kBridgeBuffer) {
            const int n = ssh_channel_read_nonblocking(b.channel, buf, sizeof buf, 0);
            if (n > 0) {
                b.toSocket.append(buf, n);
                continue;
            }
            if (n == SSH_EOF || (n == 0 && ssh_channel_is_eof(b.channel)))
                b.channelEof = true;
            else if (n < 0)
                b.broken = true;
            break;
        }
        while (!b.toSocket.isEmpty()) {
            const ssize_t w =
                ::send(b.fd, b.toSocket.constData(), size_t(b.toSocket.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
            if (w <= 0)
                break;
            b.toSocket.remove(0, int(w));
        }
        if ((b.channelEof || b.broken) && b.toSocket.isEmpty() && !b.shutWrite) {
            ::shutdown(b.fd, SHUT_WR);
            b.shutWrite = true;
        }
        while (!b.socketEof && b.toChannel.size() < kBridgeBuffer) {
            const ssize_t n = ::recv(b.fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n > 0) {
                b.toChannel.append(buf, int(n));
                continue;
            }
            if (n == 0)
                b.socketEof = true;
            break;
        }
        while (!b.toChannel.isEmpty() && !b.broken) {
            const int budget = std::min(int(b.toChannel.size()), writeBudget(carrier));
            if (budget <= 0)
                break;
            const int w = ssh_channel_write(b.channel, b.toChannel.constData(), uint32_t(budget));
            if (w < 0) {
                b.broken = true;
                break;
            }
            if (w == 0)
                break;
            b.toChannel.remove(0, w);
        }
        if (b.socketEof && b.toChannel.isEmpty() && !b.eofSent && !b.broken) {
            ssh_channel_send_eof(b.channel);
            b.eofSent = true;
        }
    }

    void pumpBridges()
    {
        for (size_t i = 0; i < bridges.size() && i < hops.size(); ++i)
            pumpBridge(bridges[i], hops[i]); // bridge i is a channel on hop i
    }

    // Waits for I/O on every hop, bridge and the wake fd, then moves bridge data.
    bool onlyPausedChannels() const
    {
        if (active.empty() || !pending.empty())
            return false;
        return std::all_of(active.cbegin(), active.cend(), [](const std::unique_ptr<Chan> &c) {
            return c->phase == Chan::Running && c->job.readPaused && !c->closeRequested && !c->cancelled;
        });
    }

    void waitIo(int timeoutMs)
    {
        std::vector<pollfd> fds;
        fds.push_back({worker->m_wakeFd, POLLIN, 0});
        // When every channel is paused (flow control), nothing reads the target's socket, and
        // its unread packets would keep poll() returning at once: do not wait for input there,
        // and look again shortly instead (a new command wakes us through the wake fd anyway).
        const bool allPaused = onlyPausedChannels();
        if (allPaused)
            timeoutMs = std::min(timeoutMs, kPausedPollMs);
        for (size_t i = 0; i < hops.size(); ++i) {
            const Hop &h = hops[i];
            const int fd = ssh_get_fd(h.session);
            if (fd < 0)
                continue;
            short ev = allPaused && i + 1 == hops.size() ? short(0) : short(POLLIN);
            if (ssh_get_poll_flags(h.session) & SSH_WRITE_PENDING)
                ev |= POLLOUT;
            fds.push_back({fd, ev, 0});
        }
        for (const Bridge &b : bridges) {
            short ev = 0;
            if (!b.socketEof && b.toChannel.size() < kBridgeBuffer)
                ev |= POLLIN;
            if (!b.toSocket.isEmpty())
                ev |= POLLOUT;
            if (!b.toChannel.isEmpty())
                timeoutMs = std::min(timeoutMs, 5); // waiting for the channel window
            fds.push_back({b.fd, ev, 0});
        }
        ::poll(fds.data(), nfds_t(fds.size()), timeoutMs);
        if (fds[0].revents & POLLIN) {
            eventfd_t v = 0;
            eventfd_read(worker->m_wakeFd, &v);
        }
        pumpBridges();
    }

    // Calls a non-blocking libssh function until it stops saying "again", pumping the bridges
    // meanwhile. Bounded by `deadline` and by stop().
    int drive(const std::function<int()> &call, int again, const QElapsedTimer &clock, qint64 limitMs, bool *timedOut)
    {
        *timedOut = false;
        for (;;) {
            const int rc = call();
            if (rc != again)
                return rc;
            if (clock.elapsed() > limitMs || worker->stopping()) {
                *timedOut = true;
                return rc;
            }
            waitIo(20);
        }
    }

    // ---- connecting ---------------------------------------------------------------------
    void teardown()
    {
        for (auto &c : active) {
            if (c->channel)
                ssh_channel_free(c->channel);
            c->channel = nullptr;
        }
        for (size_t i = hops.size(); i-- > 0;) {
            ssh_disconnect(hops[i].session);
            ssh_free(hops[i].session);
            if (hops[i].fd >= 0)
                ::close(hops[i].fd);
            if (i > 0 && i - 1 < bridges.size()) {
                Bridge &b = bridges[i - 1];
                ::close(b.fd);
                ssh_channel_free(b.channel);
            }
        }
        hops.clear();
        bridges.clear();
        connected = false;
    }

    Result<void> connectAll()
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
                    return makeError(
                        QStringLiteral("socketpair failed: %1").arg(QString::fromLocal8Bit(strerror(errno))));
                }
                setNonBlocking(sv[0]);
                setNonBlocking(sv[1]);
                bridges.push_back(Bridge{ch, sv[0], {}, {}, false, false, false, false, false});
                fd = sv[1];
            }
            Hop hop;
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
                const QString why = timedOut ? QStringLiteral("timed out after %1 ms").arg(limit) : sshError(s);
                return makeError(QStringLiteral("could not connect to %1: %2. Check the address and that sshd runs "
                                                "there.")
                                     .arg(hopName(size_t(i)), why),
                                 QStringLiteral("ssh-connect"));
            }
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

    Result<void> verifyHostKey(size_t i, const QString &knownHosts)
    {
        ssh_session s = hops[i].session;
        const SshEndpoint &ep = hops[i].endpoint;
        ssh_key key = nullptr;
        if (ssh_get_server_publickey(s, &key) != SSH_OK)
            return makeError(QStringLiteral("%1 sent no host key: %2").arg(hopName(i), sshError(s)));
        const QString type = keyTypeName(key);
        const QString offered = keyFingerprint(key);
        ssh_key_free(key);
        const enum ssh_known_hosts_e state = ssh_session_is_known_server(s);
        const QString name = knownHostsName(ep.host, ep.port);
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
                         expected.isEmpty() ? QStringLiteral("(no readable entry)")
                                            : expected.join(QStringLiteral("; ")),
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
                    return makeError(QStringLiteral("could not write the host key of %1 to %2: %3")
                                         .arg(name, knownHosts, sshError(s)));
            }
            return {};
        }
        case SSH_KNOWN_HOSTS_ERROR:
        default:
            return makeError(QStringLiteral("could not check the host key of %1 against %2: %3")
                                 .arg(hopName(i), knownHosts, sshError(s)));
        }
    }

    // ---- authentication -----------------------------------------------------------------
    std::optional<Secret> secretFromFileOrAsk(const QString &file, SecretKind kind, const SshEndpoint &ep,
                                              const QString &prompt, bool echo, QString *problem)
    {
        if (!file.isEmpty()) {
            auto bytes = readSecretFile(resolveKnownHostsFile(file), problem); // same "~/" expansion
            if (!bytes)
                return std::nullopt;
            return Secret{*bytes};
        }
        SecretQuestion q;
        q.kind = kind;
        q.host = ep.host;
        q.port = ep.port;
        q.user = ep.user;
        q.prompt = prompt;
        q.echo = echo;
        auto answer = sink->askSecret(q);
        opClock.restart();
        if (!answer) {
            *problem = QStringLiteral("no answer given");
            return std::nullopt;
        }
        Secret s{answer->toUtf8()};
        answer->fill(QLatin1Char('\0'));
        return s;
    }

    QStringList keyFiles(const SshAuthConfig &auth) const
    {
        if (!auth.identityFile.isEmpty())
            return {resolveKnownHostsFile(auth.identityFile)}; // same "~/" expansion
        QStringList out;
        for (const char *n : {"id_ed25519", "id_ecdsa", "id_rsa"}) {
            const QString p = QDir::homePath() + QStringLiteral("/.ssh/") + QLatin1String(n);
            if (QFileInfo::exists(p))
                out << p;
        }
        return out;
    }

    // Returns SSH_AUTH_SUCCESS / PARTIAL / DENIED / ERROR and appends what happened to `tried`.
    int tryKeyFile(ssh_session s, const SshEndpoint &ep, const QString &path, QStringList *tried,
                   const QElapsedTimer &clock, qint64 limit)
    {
        const QByteArray p = QFile::encodeName(path);
        if (!QFileInfo(path).isReadable()) {
            *tried << QStringLiteral("publickey (%1: not readable)").arg(path);
            return SSH_AUTH_DENIED;
        }
        std::optional<Secret> pass;
        if (keyFileIsEncrypted(path)) {
            QString problem;
            pass = secretFromFileOrAsk(ep.auth.passphraseFile, SecretKind::KeyPassphrase, ep, path, false, &problem);
            if (!pass) {
                *tried << QStringLiteral("publickey (%1: passphrase %2)").arg(path, problem);
                return SSH_AUTH_DENIED;
            }
        }
        auto importKey = [&]() -> ssh_key {
            ssh_key k = nullptr;
            if (ssh_pki_import_privkey_file(p.constData(), pass ? pass->bytes.constData() : nullptr, nullptr, nullptr,
                                            &k) != SSH_OK)
                return nullptr;
            return k;
        };
        ssh_key priv = importKey();
        if (!priv) {
            *tried << QStringLiteral("publickey (%1: %2)")
                          .arg(path,
                               pass ? QStringLiteral("wrong passphrase") : QStringLiteral("not a usable private key"));
            return SSH_AUTH_DENIED;
        }
        bool timedOut = false;
        // An OpenSSH certificate first (libssh never loads one by itself), then the plain key.
        const QString certPath = ep.auth.certificateFile.isEmpty() ? path + QStringLiteral("-cert.pub")
                                                                   : resolveKnownHostsFile(ep.auth.certificateFile);
        if (QFileInfo::exists(certPath)) {
            ssh_key cert = nullptr;
            int rc = SSH_AUTH_DENIED;
            if (ssh_pki_import_cert_file(QFile::encodeName(certPath).constData(), &cert) == SSH_OK &&
                ssh_pki_copy_cert_to_privkey(cert, priv) == SSH_OK) {
                rc = drive([&] { return ssh_userauth_publickey(s, nullptr, priv); }, SSH_AUTH_AGAIN, clock, limit,
                           &timedOut);
                *tried << QStringLiteral("certificate (%1: %2)")
                              .arg(certPath,
                                   rc == SSH_AUTH_SUCCESS ? QStringLiteral("accepted") : QStringLiteral("rejected"));
            } else {
                *tried << QStringLiteral("certificate (%1: unreadable or not for this key)").arg(certPath);
            }
            ssh_key_free(cert);
            ssh_key_free(priv);
            if (rc != SSH_AUTH_DENIED)
                return rc;
            priv = importKey(); // the certificate is attached to the old copy
            if (!priv)
                return SSH_AUTH_DENIED;
        }
        const int rc =
            drive([&] { return ssh_userauth_publickey(s, nullptr, priv); }, SSH_AUTH_AGAIN, clock, limit, &timedOut);
        ssh_key_free(priv);
        *tried << QStringLiteral("publickey (%1: %2)")
                      .arg(path, rc == SSH_AUTH_SUCCESS ? QStringLiteral("accepted")
                                 : timedOut             ? QStringLiteral("timed out")
                                                        : QStringLiteral("rejected"));
        return rc;
    }

    Result<void> authenticate(size_t i, const QElapsedTimer &clock, qint64 limit)
    {
        ssh_session s = hops[i].session;
        const SshEndpoint &ep = hops[i].endpoint;
        bool timedOut = false;
        int rc = drive([&] { return ssh_userauth_none(s, nullptr); }, SSH_AUTH_AGAIN, clock, limit, &timedOut);
        if (rc == SSH_AUTH_SUCCESS)
            return {};
        if (rc == SSH_AUTH_ERROR)
            return makeError(QStringLiteral("authentication with %1 failed: %2").arg(hopName(i), sshError(s)));
        int offered = ssh_userauth_list(s, nullptr);
        const int offeredAtStart = offered;
        QStringList methods = ep.auth.methods;
        if (methods.isEmpty())
            methods = {QStringLiteral("agent"), QStringLiteral("publickey"), QStringLiteral("keyboard-interactive"),
                       QStringLiteral("password")};
        QStringList tried;
        for (const QString &m : std::as_const(methods)) {
            rc = SSH_AUTH_DENIED;
            if (m == QLatin1String("agent")) {
                if (!ep.auth.useAgent || !(offered & SSH_AUTH_METHOD_PUBLICKEY))
                    continue;
                if (qEnvironmentVariableIsEmpty("SSH_AUTH_SOCK")) {
                    tried << QStringLiteral("agent (no SSH_AUTH_SOCK)");
                    continue;
                }
                rc = drive([&] { return ssh_userauth_agent(s, nullptr); }, SSH_AUTH_AGAIN, clock, limit, &timedOut);
                tried << QStringLiteral("agent (%1)")
                             .arg(rc == SSH_AUTH_SUCCESS ? QStringLiteral("accepted")
                                                         : QStringLiteral("no key accepted"));
            } else if (m == QLatin1String("publickey")) {
                if (!(offered & SSH_AUTH_METHOD_PUBLICKEY))
                    continue;
                const QStringList files = keyFiles(ep.auth);
                if (files.isEmpty())
                    tried << QStringLiteral("publickey (no key file)");
                for (const QString &f : files) {
                    rc = tryKeyFile(s, ep, f, &tried, clock, limit);
                    if (rc != SSH_AUTH_DENIED)
                        break;
                }
            } else if (m == QLatin1String("keyboard-interactive")) {
                if (!(offered & SSH_AUTH_METHOD_INTERACTIVE))
                    continue;
                rc = keyboardInteractive(s, ep, clock, limit, &tried);
            } else if (m == QLatin1String("password")) {
                if (!(offered & SSH_AUTH_METHOD_PASSWORD))
                    continue;
                QString problem;
                auto pw = secretFromFileOrAsk(ep.auth.passwordFile, SecretKind::Password, ep,
                                              QStringLiteral("Password for %1").arg(ep.displayName()), false, &problem);
                if (!pw) {
                    tried << QStringLiteral("password (%1)").arg(problem);
                    continue;
                }
                rc = drive([&] { return ssh_userauth_password(s, nullptr, pw->bytes.constData()); }, SSH_AUTH_AGAIN,
                           clock, limit, &timedOut);
                tried << QStringLiteral("password (%1)")
                             .arg(rc == SSH_AUTH_SUCCESS ? QStringLiteral("accepted") : QStringLiteral("rejected"));
            } else {
                tried << QStringLiteral("%1 (unknown method name)").arg(m);
                continue;
            }
            if (rc == SSH_AUTH_SUCCESS)
                return {};
            if (rc == SSH_AUTH_ERROR)
                return makeError(QStringLiteral("authentication with %1 failed during %2: %3")
                                     .arg(hopName(i), m, timedOut ? QStringLiteral("timed out") : sshError(s)));
            if (rc == SSH_AUTH_PARTIAL)
                offered = ssh_userauth_list(s, nullptr);
        }
        return makeError(
            QStringLiteral("authentication as %1 failed: the server offers %2; tried %3. Check the user "
                           "name, key, certificate or password configured for this host.")
                .arg(hopName(i), methodNames(offeredAtStart),
                     tried.isEmpty() ? QStringLiteral("nothing usable") : tried.join(QStringLiteral(", "))),
            QStringLiteral("auth-failed"));
    }

    int keyboardInteractive(ssh_session s, const SshEndpoint &ep, const QElapsedTimer &clock, qint64 limit,
                            QStringList *tried)
    {
        bool timedOut = false;
        for (int round = 0; round < kKbdIntRounds; ++round) {
            const int rc = drive([&] { return ssh_userauth_kbdint(s, nullptr, nullptr); }, SSH_AUTH_AGAIN, clock, limit,
                                 &timedOut);
            if (rc == SSH_AUTH_SUCCESS) {
                *tried << QStringLiteral("keyboard-interactive (accepted)");
                return rc;
            }
            if (rc != SSH_AUTH_INFO) {
                *tried << QStringLiteral("keyboard-interactive (rejected)");
                return rc;
            }
            const int n = ssh_userauth_kbdint_getnprompts(s);
            for (int p = 0; p < n && p < 16; ++p) {
                char echo = 0;
                const char *promptC = ssh_userauth_kbdint_getprompt(s, unsigned(p), &echo);
                const QString prompt = QString::fromUtf8(promptC ? promptC : "");
                QString problem;
                const bool isPassword = prompt.contains(QStringLiteral("password"), Qt::CaseInsensitive);
                auto answer = secretFromFileOrAsk(isPassword ? ep.auth.passwordFile : QString(),
                                                  SecretKind::KeyboardInteractive, ep, prompt, echo != 0, &problem);
                if (!answer) {
                    *tried << QStringLiteral("keyboard-interactive (%1)").arg(problem);
                    return SSH_AUTH_DENIED;
                }
                ssh_userauth_kbdint_setanswer(s, unsigned(p), answer->bytes.constData());
            }
        }
        *tried << QStringLiteral("keyboard-interactive (too many rounds)");
        return SSH_AUTH_DENIED;
    }

    // ---- channels -----------------------------------------------------------------------
    QString lostMessage() const
    {
        return QStringLiteral("the SSH connection to %1 was lost%2; the command did not complete. The next request "
                              "reconnects.")
            .arg(target.endpoint.displayName(),
                 lastError.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(lastError));
    }

    void failChan(Chan &c, const QString &message, const QString &code = {})
    {
        if (c.job.kind == JobKind::Stream)
            sink->streamFailed(c.job.id, message);
        else
            sink->execDone(c.job.id, makeError(message, code));
    }

    void failJob(const Job &j, const Error &e)
    {
        if (j.kind == JobKind::Stream)
            sink->streamFailed(j.id, e.message);
        else
            sink->execDone(j.id, e);
    }

    void finishChan(Chan &c)
    {
        const int status = ssh_channel_get_exit_status(c.channel);
        if (c.job.kind == JobKind::Stream) {
            sink->streamFinished(c.job.id, status);
        } else {
            SshExecResult r;
            r.exitStatus = status;
            r.out = std::move(c.out);
            r.err = std::move(c.err);
            sink->execDone(c.job.id, std::move(r));
        }
    }

    enum class Step { Busy, Idle, Done, Requeue };

    Step stepChan(Chan &c)
    {
        ssh_session s = final();
        if (c.cancelled) {
            // The owner already answered the caller; closing the channel makes sshd hang up on
            // the remote command (what it already did is not undone).
            ssh_channel_close(c.channel);
            return Step::Done;
        }
        if (c.closeRequested) {
            ssh_channel_close(c.channel);
            if (c.job.kind == JobKind::Stream)
                sink->streamFinished(c.job.id, c.phase == Chan::Running ? ssh_channel_get_exit_status(c.channel) : -1);
            return Step::Done;
        }
        if (c.job.kind == JobKind::Exec && c.job.timeoutMs > 0 && c.started.elapsed() > c.job.timeoutMs) {
            failChan(c,
                     QStringLiteral("`%1` on %2 timed out after %3 ms")
                         .arg(c.job.command, target.endpoint.displayName())
                         .arg(c.job.timeoutMs),
                     QStringLiteral("timeout"));
            ssh_channel_close(c.channel);
            return Step::Done;
        }
        int rc = SSH_OK;
        switch (c.phase) {
        case Chan::Open:
            rc = ssh_channel_open_session(c.channel);
            if (rc == SSH_AGAIN)
                return Step::Idle;
            if (rc != SSH_OK) {
                if (ssh_is_connected(s) && active.size() > 1)
                    return Step::Requeue; // MaxSessions reached below our cap: wait for a free slot
                failChan(c, QStringLiteral("could not open a channel on %1: %2")
                                .arg(target.endpoint.displayName(), sshError(s)));
                return Step::Done;
            }
            c.phase = c.job.pty ? Chan::Pty : Chan::Exec;
            return Step::Busy;
        case Chan::Pty: {
            const QByteArray term = c.job.term.toUtf8();
            rc = ssh_channel_request_pty_size(c.channel, term.constData(), c.job.cols, c.job.rows);
            if (rc == SSH_AGAIN)
                return Step::Idle;
            if (rc != SSH_OK) {
                failChan(c,
                         QStringLiteral("%1 refused a terminal: %2").arg(target.endpoint.displayName(), sshError(s)));
                return Step::Done;
            }
            c.ptyCols = c.job.cols;
            c.ptyRows = c.job.rows;
            c.phase = Chan::Exec;
            return Step::Busy;
        }
        case Chan::Exec: {
            const QByteArray cmd = c.job.command.toUtf8();
            rc = cmd.isEmpty() ? ssh_channel_request_shell(c.channel)
                               : ssh_channel_request_exec(c.channel, cmd.constData());
            if (rc == SSH_AGAIN)
                return Step::Idle;
            if (rc != SSH_OK) {
                failChan(c, QStringLiteral("%1 refused to run `%2`: %3")
                                .arg(target.endpoint.displayName(), c.job.command, sshError(s)));
                return Step::Done;
            }
            c.phase = Chan::Running;
            if (c.job.pty && (c.job.cols != c.ptyCols || c.job.rows != c.ptyRows))
                ssh_channel_change_pty_size(c.channel, c.job.cols, c.job.rows);
            if (c.job.kind == JobKind::Stream) {
                sink->streamStarted(c.job.id);
            } else {
                c.stdinBuf = c.job.stdinData;
                c.stdinClose = true;
            }
            return Step::Busy;
        }
        case Chan::Running:
            break;
        }
        bool progressed = false;
        while (!c.stdinBuf.isEmpty()) {
            const int budget = std::min(int(c.stdinBuf.size()), writeBudget(hops.back()));
            if (budget <= 0)
                break;
            const int w = ssh_channel_write(c.channel, c.stdinBuf.constData(), uint32_t(budget));
            if (w <= 0)
                break;
            c.stdinBuf.remove(0, w);
            progressed = true;
        }
        if (c.stdinClose && c.stdinBuf.isEmpty() && !c.eofSent) {
            ssh_channel_send_eof(c.channel);
            c.eofSent = true;
        }
        if (c.job.readPaused) {
            // Flow control: leave the data in libssh's channel buffer; the window is only grown
            // when we read, so the remote blocks once it is full (see waitIo for the socket).
            return progressed ? Step::Busy : Step::Idle;
        }
        char buf[kReadChunk];
        for (int is_stderr = 0; is_stderr < 2; ++is_stderr) {
            bool &eof = is_stderr ? c.errEof : c.outEof;
            for (int guard = 0; !eof && guard < 64; ++guard) {
                const int n = ssh_channel_read_nonblocking(c.channel, buf, sizeof buf, is_stderr);
                if (n > 0) {
                    progressed = true;
                    if (c.job.kind == JobKind::Stream)
                        sink->streamData(c.job.id, QByteArray(buf, n),
                                         is_stderr ? OutputChannel::Stderr : OutputChannel::Stdout);
                    else
                        (is_stderr ? c.err : c.out).append(buf, n);
                    if (c.job.kind == JobKind::Exec && c.job.maxOutputBytes > 0 &&
                        c.out.size() + c.err.size() > c.job.maxOutputBytes) {
                        failChan(c,
                                 QStringLiteral("`%1` on %2 printed more than %3; stopped reading it (ask for "
                                                "less, e.g. a log tail)")
                                     .arg(c.job.command, target.endpoint.displayName(), byteSize(c.job.maxOutputBytes)),
                                 QStringLiteral("too-large"));
                        ssh_channel_close(c.channel);
                        return Step::Done;
                    }
                    continue;
                }
                if (n == SSH_EOF) {
                    eof = true;
                } else if (n == SSH_ERROR) {
                    if (!ssh_is_connected(s))
                        return Step::Idle; // the session check fails every channel with the reason
                    failChan(c, QStringLiteral("reading from `%1` on %2 failed: %3")
                                    .arg(c.job.command, target.endpoint.displayName(), sshError(s)));
                    return Step::Done;
                }
                break;
            }
        }
        if (!ssh_is_connected(s))
            return Step::Busy;
        if ((c.outEof && c.errEof) || ssh_channel_is_closed(c.channel)) {
            // Wait for the exit status (sent around EOF) unless the channel is already closed.
            if (ssh_channel_get_exit_status(c.channel) == -1 && !ssh_channel_is_closed(c.channel))
                return progressed ? Step::Busy : Step::Idle;
            finishChan(c);
            return Step::Done;
        }
        return progressed ? Step::Busy : Step::Idle;
    }

    bool sessionAlive() const
    {
        for (const Hop &h : hops) {
            if (!ssh_is_connected(h.session) || (ssh_get_status(h.session) & (SSH_CLOSED | SSH_CLOSED_ERROR)))
                return false;
        }
        for (const Bridge &b : bridges) {
            if (b.broken || b.channelEof)
                return false;
        }
        return true;
    }

    QString deadReason() const
    {
        for (size_t i = 0; i < hops.size(); ++i) {
            if (!ssh_is_connected(hops[i].session) ||
                (ssh_get_status(hops[i].session) & (SSH_CLOSED | SSH_CLOSED_ERROR)))
                return QStringLiteral("%1: %2").arg(hopName(i), sshError(hops[i].session));
        }
        return QStringLiteral("a jump tunnel closed");
    }

    void connectionLost()
    {
        lastError = deadReason();
        const QString msg = lostMessage();
        for (auto &c : active)
            failChan(*c, msg, QStringLiteral("ssh-connection-lost"));
        teardown();
        active.clear();
        sink->state(HostStatus::Error, msg);
    }

    int backoffMs() const
    {
        if (failures <= 0)
            return 0;
        return std::min(kMaxBackoffMs, 500 * (1 << std::min(failures - 1, 6)));
    }
};

Worker::Worker(SshTarget target, WorkerSink *sink)
    : m_impl(std::make_unique<Impl>())
{
    m_impl->target = std::move(target);
    m_impl->sink = sink;
    m_impl->worker = this;
    m_wakeFd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

Worker::~Worker()
{
    stop();
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
}

void Worker::start()
{
    m_thread = std::thread([this] { run(); });
}

void Worker::stop()
{
    m_stop = true;
    if (m_wakeFd >= 0)
        eventfd_write(m_wakeFd, 1);
    if (m_thread.joinable())
        m_thread.join();
}

void Worker::post(Command command)
{
    {
        std::lock_guard lock(m_mutex);
        m_commands.push_back(std::move(command));
    }
    eventfd_write(m_wakeFd, 1);
}

void Worker::run()
{
    Impl &d = *m_impl;
    d.sinceFailure.start();
    d.sinceActivity.start();
    const QString hostName = d.target.endpoint.displayName();
    while (!m_stop) {
        std::deque<Command> commands;
        {
            std::lock_guard lock(m_mutex);
            commands.swap(m_commands);
        }
        for (Command &c : commands) {
            if (c.type == Command::AddJob) {
                d.pending.push_back(std::move(c.job));
                continue;
            }
            if (c.type == Command::Disconnect) {
                for (auto &ch : d.active)
                    d.failChan(*ch, QStringLiteral("disconnected from %1 on request").arg(hostName));
                d.teardown(); // frees the channels before their sessions
                d.active.clear();
                for (const Job &j : d.pending)
                    d.failJob(j, makeError(QStringLiteral("disconnected from %1 on request").arg(hostName)));
                d.pending.clear();
                d.teardown();
                d.sink->state(HostStatus::Idle, {});
                continue;
            }
            if (c.type == Command::Cancel) {
                // Exec and connect jobs only; their callbacks were already answered by the owner.
                for (auto &ch : d.active) {
                    if (ch->job.id == c.id && ch->job.kind != JobKind::Stream)
                        ch->cancelled = true;
                }
                for (auto it = d.pending.begin(); it != d.pending.end(); ++it) {
                    if (it->id == c.id && it->kind != JobKind::Stream) {
                        d.pending.erase(it);
                        break;
                    }
                }
                continue;
            }
            // Stream controls: find the channel, or the job still waiting.
            Chan *target = nullptr;
            for (auto &ch : d.active) {
                if (ch->job.id == c.id)
                    target = ch.get();
            }
            if (!target) {
                for (auto it = d.pending.begin(); it != d.pending.end(); ++it) {
                    if (it->id != c.id)
                        continue;
                    if (c.type == Command::Close) {
                        d.sink->streamFinished(it->id, -1);
                        d.pending.erase(it);
                    } else if (c.type == Command::Write) {
                        it->stdinData.append(c.data);
                    } else if (c.type == Command::CloseStdin) {
                        it->closeStdin = true;
                    } else if (c.type == Command::Resize) {
                        it->cols = c.cols;
                        it->rows = c.rows;
                    } else if (c.type == Command::PauseRead || c.type == Command::ResumeRead) {
                        it->readPaused = c.type == Command::PauseRead;
                    }
                    break;
                }
                continue;
            }
            switch (c.type) {
            case Command::Write:
                target->stdinBuf.append(c.data);
                break;
            case Command::CloseStdin:
                target->stdinClose = true;
                break;
            case Command::Resize:
                target->job.cols = c.cols;
                target->job.rows = c.rows;
                if (target->phase == Chan::Running && target->job.pty)
                    ssh_channel_change_pty_size(target->channel, c.cols, c.rows);
                break;
            case Command::Close:
                target->closeRequested = true;
                break;
            case Command::PauseRead:
            case Command::ResumeRead:
                target->job.readPaused = c.type == Command::PauseRead;
                break;
            default:
                break;
            }
        }
        if (m_stop)
            break;

        if (!d.connected && !d.pending.empty()) {
            const int wait = d.backoffMs() - int(d.sinceFailure.elapsed());
            if (wait > 0) {
                d.waitIo(std::min(wait, 1000));
                continue;
            }
            auto r = d.connectAll();
            if (!r) {
                d.teardown();
                ++d.failures;
                d.sinceFailure.restart();
                d.lastError = r.error().message;
                for (const Job &j : d.pending)
                    d.failJob(j, r.error());
                d.pending.clear();
                d.sink->state(HostStatus::Error, r.error().message);
                continue;
            }
            d.failures = 0;
            d.lastError.clear();
        }

        bool busy = false;
        if (d.connected) {
            // Connect jobs complete at once; the others start while under the channel cap.
            for (auto it = d.pending.begin(); it != d.pending.end();) {
                if (it->kind == JobKind::Connect) {
                    d.sink->execDone(it->id, SshExecResult{0, {}, {}});
                    it = d.pending.erase(it);
                } else {
                    ++it;
                }
            }
            while (!d.pending.empty() && int(d.active.size()) < d.cap) {
                auto c = std::make_unique<Chan>();
                c->job = std::move(d.pending.front());
                d.pending.pop_front();
                c->channel = ssh_channel_new(d.final());
                c->started.start();
                if (c->job.kind == JobKind::Stream) {
                    c->stdinBuf = c->job.stdinData;
                    c->stdinClose = c->job.closeStdin;
                    c->job.stdinData.clear();
                }
                d.active.push_back(std::move(c));
            }
            for (size_t i = 0; i < d.active.size();) {
                Chan &c = *d.active[i];
                const Impl::Step st = d.stepChan(c);
                if (st == Impl::Step::Busy)
                    busy = true;
                if (st == Impl::Step::Done || st == Impl::Step::Requeue) {
                    if (st == Impl::Step::Requeue) {
                        d.cap = std::max(1, int(d.active.size()) - 1);
                        Job j = c.job;
                        d.pending.push_front(std::move(j));
                    }
                    if (c.channel)
                        ssh_channel_free(c.channel);
                    d.active.erase(d.active.begin() + long(i));
                    busy = true;
                    continue;
                }
                ++i;
            }
            if (!d.sessionAlive()) {
                d.connectionLost();
                continue;
            }
            if (busy || !d.active.empty())
                d.sinceActivity.restart();
            if (d.target.keepaliveSeconds > 0 && d.sinceActivity.elapsed() > d.target.keepaliveSeconds * 1000LL) {
                for (const Hop &h : d.hops)
                    ssh_send_keepalive(h.session);
                d.sinceActivity.restart();
            }
        }
        int timeout = 1000;
        if (busy)
            timeout = 0;
        else if (std::any_of(d.active.begin(), d.active.end(), [](const auto &c) { return !c->stdinBuf.isEmpty(); }))
            timeout = 5; // input waiting for window or socket space
        else if (!d.active.empty())
            timeout = 50; // bounded: exec timeouts and exit statuses are checked at least this often
        d.waitIo(timeout);
    }
    // Shutting down: nothing more is reported (the owner is going away).
    for (auto &c : d.active) {
        if (c->channel)
            ssh_channel_free(c->channel);
        c->channel = nullptr;
    }
    d.active.clear();
    d.teardown();
}

} // namespace archnest::ssh::detail
