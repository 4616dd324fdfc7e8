#include "ssh/SshWorkerImpl.h"

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

QString byteSize(qint64 bytes)
{
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        return QStringLiteral("%1 MiB").arg(bytes / (1024 * 1024));
    return QStringLiteral("%1 bytes").arg(bytes);
}

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
            const bool reopenPaused = d.reopenRetry.isValid() && d.reopenRetry.elapsed() < kReopenRetryMs;
            while (!reopenPaused && !d.pending.empty() && int(d.active.size()) < d.cap) {
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
            if (d.stepAll())
                busy = true;
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
        // Idle: sleep until a socket, a command (the wake fd) or a real timer (keepalive, an
        // exec timeout) needs us. Exit statuses, window adjusts and replies arrive on sockets.
        int timeout = d.idleTimeoutMs();
        if (busy)
            timeout = 0;
        else if (d.connected && !d.pending.empty() && d.reopenRetry.isValid() &&
                 d.reopenRetry.elapsed() < kReopenRetryMs) {
            const int left = int(kReopenRetryMs - d.reopenRetry.elapsed()) + 1;
            timeout = timeout < 0 ? left : std::min(timeout, left);
        } else if (std::any_of(d.active.begin(), d.active.end(), [](const auto &c) { return !c->stdinBuf.isEmpty(); }))
            timeout = timeout < 0 ? 5 : std::min(timeout, 5); // input waiting for window or socket space
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
