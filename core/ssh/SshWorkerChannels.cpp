// The SSH worker's channels: exec and stream jobs from open to exit status, and what happens
// to them when the connection is lost (see SshWorkerImpl.h).
#include "ssh/SshWorkerImpl.h"

#include <algorithm>

namespace archnest::ssh::detail {

QString Worker::Impl::lostMessage() const
{
    return QStringLiteral("the SSH connection to %1 was lost%2; the command did not complete. The next request "
                          "reconnects.")
        .arg(target.endpoint.displayName(), lastError.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(lastError));
}

void Worker::Impl::failChan(Chan &c, const QString &message, const QString &code)
{
    if (c.job.kind == JobKind::Stream)
        sink->streamFailed(c.job.id, message);
    else
        sink->execDone(c.job.id, makeError(message, code));
}

void Worker::Impl::failJob(const Job &j, const Error &e)
{
    if (j.kind == JobKind::Stream)
        sink->streamFailed(j.id, e.message);
    else
        sink->execDone(j.id, e);
}

void Worker::Impl::finishChan(Chan &c)
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

// Closes a channel we give up on. A channel whose open is still in flight has no remote
// number yet: libssh 0.10 would send its EOF and CLOSE for remote channel 0 - another command's
// channel, or none, and sshd then drops the whole session ("ieof packet referred to nonexistent
// channel 0"). So such a channel is first let finish opening (Idle until the server answers),
// then closed; one never opened, or refused, is only freed.
Worker::Impl::Step Worker::Impl::hangUp(Chan &c)
{
    if (c.phase == Chan::Open) {
        if (!c.openSent)
            return Step::Done;
        const int rc = ssh_channel_open_session(c.channel);
        if (rc == SSH_AGAIN)
            return Step::Idle;
        if (rc != SSH_OK)
            return Step::Done;
        c.phase = Chan::Exec; // open: it has a remote number now
    }
    if (ssh_channel_is_open(c.channel))
        ssh_channel_close(c.channel);
    return Step::Done;
}

Worker::Impl::Step Worker::Impl::stepChan(Chan &c)
{
    ssh_session s = final();
    if (c.cancelled) {
        lastClose.start();
        // The owner already answered the caller. A running command gets SIGTERM (sshd >= 7.8
        // passes "signal" requests on): sshd keeps a session slot until its command exits, so a
        // cancelled `docker stop` would otherwise hold one for the daemon's stop timeout. Closing
        // the channel then hangs up on it (what it already did is not undone).
        if (c.phase == Chan::Running)
            ssh_channel_request_send_signal(c.channel, "TERM");
        return hangUp(c);
    }
    if (c.closeRequested) {
        const Step st = hangUp(c);
        if (st == Step::Done && c.job.kind == JobKind::Stream)
            sink->streamFinished(c.job.id, c.phase == Chan::Running ? ssh_channel_get_exit_status(c.channel) : -1);
        return st;
    }
    if (c.job.kind == JobKind::Exec && c.job.timeoutMs > 0 && c.started.elapsed() > c.job.timeoutMs) {
        failChan(c,
                 QStringLiteral("`%1` on %2 timed out after %3 ms")
                     .arg(c.job.command, target.endpoint.displayName())
                     .arg(c.job.timeoutMs),
                 QStringLiteral("timeout"));
        c.cancelled = true; // answered: from now on only hung up
        return hangUp(c);
    }
    int rc = SSH_OK;
    switch (c.phase) {
    case Chan::Open:
        c.openSent = true;
        rc = ssh_channel_open_session(c.channel);
        if (rc == SSH_AGAIN)
            return Step::Idle;
        if (rc != SSH_OK) {
            // MaxSessions reached below our cap: wait for a free slot. Also right after we closed
            // channels (a cancel): sshd may not have processed those closes yet (bounded: 2 s).
            const bool justClosed = lastClose.isValid() && lastClose.elapsed() < kReopenGraceMs;
            if (ssh_is_connected(s) && (active.size() > 1 || justClosed))
                return Step::Requeue;
            failChan(
                c,
                QStringLiteral("could not open a channel on %1: %2").arg(target.endpoint.displayName(), sshError(s)));
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
            failChan(c, QStringLiteral("%1 refused a terminal: %2").arg(target.endpoint.displayName(), sshError(s)));
            return Step::Done;
        }
        c.ptyCols = c.job.cols;
        c.ptyRows = c.job.rows;
        c.phase = Chan::Exec;
        return Step::Busy;
    }
    case Chan::Exec: {
        const QByteArray cmd = c.job.command.toUtf8();
        rc =
            cmd.isEmpty() ? ssh_channel_request_shell(c.channel) : ssh_channel_request_exec(c.channel, cmd.constData());
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

// Reading one channel makes libssh process every packet that has come in, other channels' too
// (data, EOF, exit status, request replies): a channel stepped earlier in the pass would then
// sleep on news already taken off the socket. So the pass is repeated while packets came in
// during it (bounded; past the bound the loop does not sleep). True when there is more to do.
bool Worker::Impl::stepAll()
{
    bool busy = false;
    for (int pass = 0;; ++pass) {
        const quint64 seen = packetsIn();
        for (size_t i = 0; i < active.size();) {
            Chan &c = *active[i];
            const Step st = stepChan(c);
            if (st == Step::Busy)
                busy = true;
            if (st == Step::Done || st == Step::Requeue) {
                if (st == Step::Requeue) {
                    cap = std::max(1, int(active.size()) - 1);
                    Job j = c.job;
                    pending.push_front(std::move(j));
                    reopenRetry.start(); // tried again after kReopenRetryMs, not at once
                } else {
                    busy = true;
                }
                if (c.channel)
                    ssh_channel_free(c.channel);
                active.erase(active.begin() + long(i));
                continue;
            }
            ++i;
        }
        if (packetsIn() == seen || active.empty())
            return busy;
        if (pass + 1 >= kMaxStepPasses)
            return true;
    }
}

// Packets the target session has received so far (libssh counts them once asked to).
quint64 Worker::Impl::packetsIn()
{
    ssh_session s = final();
    if (!s)
        return 0;
    if (countedSession != s) {
        rxCounter = {};
        ssh_set_counters(s, nullptr, &rxCounter);
        countedSession = s;
    }
    return rxCounter.in_packets;
}

bool Worker::Impl::sessionAlive() const
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

QString Worker::Impl::deadReason() const
{
    for (size_t i = 0; i < hops.size(); ++i) {
        if (!ssh_is_connected(hops[i].session) || (ssh_get_status(hops[i].session) & (SSH_CLOSED | SSH_CLOSED_ERROR)))
            return QStringLiteral("%1: %2").arg(hopName(i), sshError(hops[i].session));
    }
    return QStringLiteral("a jump tunnel closed");
}

void Worker::Impl::connectionLost()
{
    lastError = deadReason();
    const QString msg = lostMessage();
    for (auto &c : active)
        failChan(*c, msg, QStringLiteral("ssh-connection-lost"));
    teardown();
    active.clear();
    sink->state(HostStatus::Error, msg);
}

int Worker::Impl::backoffMs() const
{
    if (failures <= 0)
        return 0;
    return std::min(kMaxBackoffMs, 500 * (1 << std::min(failures - 1, 6)));
}

} // namespace archnest::ssh::detail
