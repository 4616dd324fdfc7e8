// The SSH worker's I/O plumbing: waiting on every socket, and the bridges that carry a hop's
// session over the previous hop's direct-tcpip channel (see SshWorkerImpl.h).
#include "ssh/SshWorkerImpl.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>

namespace archnest::ssh::detail {

// libssh switches its socket to blocking mode after connecting and then writes whole
// buffers with send(). Over a socketpair whose other end only this thread drains, a write
// larger than the free socket buffer would block forever. So channel data for a hop reached
// through a bridge is written only in chunks that fit the free space of that hop's socket.
int Worker::Impl::writeBudget(const Hop &h)
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

void Worker::Impl::pumpBridge(Bridge &b, const Hop &carrier)
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
        const ssize_t w = ::send(b.fd, b.toSocket.constData(), size_t(b.toSocket.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
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

void Worker::Impl::pumpBridges()
{
    for (size_t i = 0; i < bridges.size() && i < hops.size(); ++i)
        pumpBridge(bridges[i], hops[i]); // bridge i is a channel on hop i
}

// Waits for I/O on every hop, bridge and the wake fd, then moves bridge data.
bool Worker::Impl::onlyPausedChannels() const
{
    if (active.empty() || !pending.empty())
        return false;
    return std::all_of(active.cbegin(), active.cend(), [](const std::unique_ptr<Chan> &c) {
        return c->phase == Chan::Running && c->job.readPaused && !c->closeRequested && !c->cancelled;
    });
}

// libssh reads and flushes a session's socket only inside its own calls (a channel read, a
// request). A session nothing calls into - connected, no channel - would leave the server's
// packets (host-key announcements, keepalive replies, a disconnect) unread in the socket, and
// poll() would report them forever. So whenever a hop's socket is ready, libssh is let to
// handle it once, without waiting.
void Worker::Impl::serviceHop(Hop &h)
{
    if (!h.event) {
        h.event = ssh_event_new();
        if (h.event && ssh_event_add_session(h.event, h.session) != SSH_OK) {
            ssh_event_free(h.event);
            h.event = nullptr;
        }
    }
    if (h.event)
        ssh_event_dopoll(h.event, 0);
}

void Worker::Impl::releaseHopEvent(Hop &h)
{
    if (!h.event)
        return;
    ssh_event_remove_session(h.event, h.session);
    ssh_event_free(h.event);
    h.event = nullptr;
}

// Sleeps until the wake fd, a socket or a real timer needs the thread. A connected socket is
// always writable, so POLLOUT is asked for only while libssh holds unsent bytes (its out
// buffer, not its poll flags: libssh re-arms POLLOUT after every write) or a bridge does.
void Worker::Impl::waitIo(int timeoutMs)
{
    std::vector<pollfd> fds;
    fds.push_back({worker->m_wakeFd, POLLIN, 0});
    // When every channel is paused (flow control), nothing reads the target's socket, and
    // its unread packets would keep poll() returning at once: do not wait for input there,
    // and look again shortly instead (a new command wakes us through the wake fd anyway).
    const bool allPaused = onlyPausedChannels();
    if (allPaused)
        timeoutMs = timeoutMs < 0 ? kPausedPollMs : std::min(timeoutMs, kPausedPollMs);
    std::vector<size_t> hopOf; // fds index - 1 -> hop index, for the hops polled
    for (size_t i = 0; i < hops.size(); ++i) {
        const Hop &h = hops[i];
        const int fd = ssh_get_fd(h.session);
        if (fd < 0)
            continue;
        short ev = allPaused && i + 1 == hops.size() ? short(0) : short(POLLIN);
        // While connecting libssh itself waits for POLLOUT (a non-blocking connect); its poll
        // flags say so.
        if ((connected ? ssh_get_status(h.session) : ssh_get_poll_flags(h.session)) & SSH_WRITE_PENDING)
            ev |= POLLOUT;
        fds.push_back({fd, ev, 0});
        hopOf.push_back(i);
    }
    for (const Bridge &b : bridges) {
        short ev = 0;
        if (!b.socketEof && b.toChannel.size() < kBridgeBuffer)
            ev |= POLLIN;
        if (!b.toSocket.isEmpty())
            ev |= POLLOUT;
        if (!b.toChannel.isEmpty())
            timeoutMs = timeoutMs < 0 ? 5 : std::min(timeoutMs, 5); // waiting for the channel window
        fds.push_back({b.fd, ev, 0});
    }
    armQuickAck();
    ::poll(fds.data(), nfds_t(fds.size()), timeoutMs);
    worker->m_wakeups.fetch_add(1, std::memory_order_relaxed);
    if (fds[0].revents & POLLIN) {
        eventfd_t v = 0;
        eventfd_read(worker->m_wakeFd, &v);
    }
    for (size_t k = 0; k < hopOf.size(); ++k) {
        if (fds[k + 1].revents != 0 && connected)
            serviceHop(hops[hopOf[k]]);
    }
    pumpBridges();
}

// Through a jump host, every command stalled ~40 ms: the jump's sshd forwards the target's
// reply to us as it reads it from its own TCP socket, often in two pieces, and sshd leaves Nagle
// on for a connection without a PTY, so the second piece waits until we ACK the first - and our
// kernel delays that ACK (up to 40 ms) hoping to piggyback it on data we do not send. Quick
// ACKs on our TCP socket to the first hop remove the wait. Linux clears TCP_QUICKACK by itself
// after a while, so it is set again before every wait (one setsockopt per wake-up). A direct
// session does not need it: sshd writes each reply whole.
void Worker::Impl::armQuickAck() const
{
    if (hops.size() < 2 || hops.front().fd >= 0)
        return;
    const int fd = ssh_get_fd(hops.front().session);
    const int one = 1;
    if (fd >= 0)
        ::setsockopt(fd, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
}

// How long the main loop may sleep with nothing to do: until the next keepalive or the
// nearest exec timeout; -1 (until a socket or a command wakes it) when neither applies.
int Worker::Impl::idleTimeoutMs() const
{
    qint64 wait = -1;
    const auto sooner = [&wait](qint64 ms) {
        wait = wait < 0 ? std::max<qint64>(ms, 0) : std::min(wait, std::max<qint64>(ms, 0));
    };
    if (connected && target.keepaliveSeconds > 0)
        sooner(target.keepaliveSeconds * 1000LL - sinceActivity.elapsed() + 1);
    for (const auto &c : active) {
        if (c->job.kind == JobKind::Exec && c->job.timeoutMs > 0)
            sooner(c->job.timeoutMs - c->started.elapsed() + 1);
    }
    return wait < 0 ? -1 : int(std::min<qint64>(wait, 60 * 60 * 1000));
}

// Calls a non-blocking libssh function until it stops saying "again", pumping the bridges
// meanwhile. Bounded by `deadline` and by stop().
int Worker::Impl::drive(const std::function<int()> &call, int again, const QElapsedTimer &clock, qint64 limitMs,
                        bool *timedOut)
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

} // namespace archnest::ssh::detail
