#pragma once

// Private to the SSH worker: the state of one host's libssh objects (Worker::Impl) and the
// helpers its parts share. The parts, by responsibility:
//   SshWorker.cpp          the thread, the command queue and the main loop
//   SshWorkerIo.cpp        poll(), the bridges that carry one hop's session over the previous hop
//   SshWorkerConnect.cpp   connecting every hop, host-key verification, teardown
//   SshWorkerAuth.cpp      authentication (keys, certificates, agent, password, keyboard-interactive)
//   SshWorkerChannels.cpp  exec and stream channels, connection loss
// Everything here runs on the worker thread only.

#include "ssh/SshWorker.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QString>
#include <QStringList>

#include <libssh/libssh.h>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace archnest::ssh::detail {

inline constexpr int kBridgeBuffer = 256 * 1024;
inline constexpr int kReadChunk = 32 * 1024;
inline constexpr int kPausedPollMs = 50; // flow control: the wait of a session whose channels are all paused
inline constexpr int kMaxBackoffMs = 30000;
inline constexpr int kKbdIntRounds = 10;
// A refused password is asked again, at most this many tries per hop in all (password and
// keyboard-interactive together), as OpenSSH's NumberOfPasswordPrompts.
inline constexpr int kMaxPasswordTries = 3;
// After a cancel, a refused channel open is retried this long: sshd frees a session slot only
// when its command has exited, which a loaded host or a command ignoring SIGTERM delays.
inline constexpr int kReopenGraceMs = 15000;
// A refused channel open is tried again after this pause (not in a tight loop of requests).
inline constexpr int kReopenRetryMs = 100;
inline constexpr int kMaxStepPasses = 8; // stepAll(): passes over the channels per loop turn

QString byteSize(qint64 bytes);
QString sshError(void *sessionOrChannelSession);
void setNonBlocking(int fd);
std::optional<QByteArray> readSecretFile(const QString &path, QString *error);
// True when a private key file is passphrase-protected (PEM "ENCRYPTED" or an OpenSSH key
// whose cipher is not "none").
bool keyFileIsEncrypted(const QString &path);
QString keyTypeName(ssh_key key);
QString keyFingerprint(ssh_key key);
QString methodNames(int mask);

// A secret held only as long as needed; wiped on destruction.
struct Secret
{
    QByteArray bytes;
    ~Secret() { bytes.fill('\0'); }
};

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

// The known_hosts files one hop is checked against, and the name looked up there: the
// endpoint's own lists (from ~/.ssh/config: every UserKnownHostsFile, then every
// GlobalKnownHostsFile) or the host's one file; HostKeyAlias replaces host and port.
struct HopKnownHosts
{
    QStringList files;        // all checked; a new key is saved to the first
    bool libsshGlobal = true; // no global list given: libssh checks its own global file too
    QString host;
    int port = 22;
};
HopKnownHosts knownHostsFor(const SshEndpoint &ep, const QString &hostFile);

// The agent socket an endpoint uses (IdentityAgent, else $SSH_AUTH_SOCK); "" = no agent.
QString agentSocket(const SshAuthConfig &auth);

struct Hop
{
    ssh_session session = nullptr;
    int fd = -1; // the socketpair end given with SSH_OPTIONS_FD (libssh never closes it)
    SshEndpoint endpoint;
    // This session alone in a libssh event: lets the worker make libssh read and flush the
    // socket when no channel call would (see serviceHop). Made on first use, freed in teardown.
    ssh_event event = nullptr;
    int proxyPid = -1;   // the ProxyCommand process carrying this hop (SshProxyCommand.h)
    int proxyErrFd = -1; // its stderr, read for error messages
};

struct Chan
{
    enum Phase { Open, Pty, Exec, Running };
    Job job;
    ssh_channel channel = nullptr;
    Phase phase = Open;
    bool openSent = false; // ssh_channel_open_session was called: the open is in flight or done
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
    QElapsedTimer lastClose;        // when a cancelled channel was last closed (see stepChan's Open)
    QElapsedTimer reopenRetry;      // started when a channel open was refused and requeued
    ssh_counter_struct rxCounter{}; // packets received by the target session (see packetsIn)
    ssh_session countedSession = nullptr;
    ssh_session final() const { return hops.empty() ? nullptr : hops.back().session; }
    QString hopName(size_t i) const
    {
        return QStringLiteral("%1 (hop %2 of %3)").arg(hops[i].endpoint.displayName()).arg(i + 1).arg(hopCount());
    }
    int hopCount() const { return int(target.jumps.size()) + 1; }

    // ---- I/O (SshWorkerIo.cpp)
    static int writeBudget(const Hop &h);
    static void serviceHop(Hop &h);
    static void releaseHopEvent(Hop &h);
    int idleTimeoutMs() const;
    void armQuickAck() const;
    void pumpBridge(Bridge &b, const Hop &carrier);
    void pumpBridges();
    bool onlyPausedChannels() const;
    void waitIo(int timeoutMs);
    int drive(const std::function<int()> &call, int again, const QElapsedTimer &clock, qint64 limitMs, bool *timedOut);

    // ---- connecting (SshWorkerConnect.cpp)
    void teardown();
    Result<void> connectAll();
    Result<void> verifyHostKey(size_t i, const HopKnownHosts &k);

    // ---- authentication (SshWorkerAuth.cpp)
    // `asked` (optional) is set when the person (or the keychain) was asked, not a file read.
    std::optional<Secret> secretFromFileOrAsk(const QString &file, SecretKind kind, const SshEndpoint &ep,
                                              const QString &prompt, bool echo, QString *problem,
                                              std::optional<SecretQuestion> *asked = nullptr);
    // The server's verdict on a password that was asked for.
    void passwordJudged(const SecretQuestion &asked, int rc);
    // Password tries of the hop being authenticated (authenticate() resets them).
    struct PasswordTries
    {
        int asked = 0;
        bool declined = false;    // the person cancelled: not asked again for this hop
        bool lastRefused = false; // the previous try was refused: the next prompt says so
    } pwTries;
    QStringList keyFiles(const SshAuthConfig &auth) const;
    int tryKeyFile(ssh_session s, const SshEndpoint &ep, const QString &path, QStringList *tried,
                   const QElapsedTimer &clock, qint64 limit);
    Result<void> authenticate(size_t i, const QElapsedTimer &clock, qint64 limit);
    int keyboardInteractive(ssh_session s, const SshEndpoint &ep, const QElapsedTimer &clock, qint64 limit,
                            QStringList *tried);

    // ---- channels (SshWorkerChannels.cpp)
    QString lostMessage() const;
    void failChan(Chan &c, const QString &message, const QString &code = {});
    void failJob(const Job &j, const Error &e);
    void finishChan(Chan &c);
    enum class Step { Busy, Idle, Done, Requeue };
    Step stepChan(Chan &c);
    Step hangUp(Chan &c);
    bool stepAll();
    quint64 packetsIn();
    bool sessionAlive() const;
    QString deadReason() const;
    void connectionLost();
    int backoffMs() const;
};

} // namespace archnest::ssh::detail
