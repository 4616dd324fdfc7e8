#include "ssh/SshSession.h"

#include "security/SecretStore.h"
#include "ssh/SshWorker.h"

#include <QHash>
#include <QPointer>
#include <QSet>

#include <algorithm>
#include <condition_variable>
#include <mutex>

namespace archnest::ssh {

using detail::Command;
using detail::Job;
using detail::JobKind;

namespace {

// How long a connection waits for a person to answer a host-key or secret question.
constexpr int kAnswerTimeoutMs = 5 * 60 * 1000;

template<typename T>
struct AnswerSlot
{
    std::mutex mutex;
    std::condition_variable cv;
    std::optional<T> value;

    void set(T v)
    {
        std::lock_guard lock(mutex);
        if (!value)
            value = std::move(v);
        cv.notify_all();
    }
};

class ChannelStreamImpl final : public SshChannelStream
{
public:
    ChannelStreamImpl(quint64 id, std::weak_ptr<detail::Worker> worker, QObject *parent)
        : SshChannelStream(parent)
        , m_id(id)
        , m_worker(std::move(worker))
    {}
    ~ChannelStreamImpl() override
    {
        if (!m_done)
            send(Command::Close);
    }

    void write(const QByteArray &data) override
    {
        Command c;
        c.type = Command::Write;
        c.id = m_id;
        c.data = data;
        post(std::move(c));
    }
    void closeStdin() override { send(Command::CloseStdin); }
    void resize(int cols, int rows) override
    {
        Command c;
        c.type = Command::Resize;
        c.id = m_id;
        c.cols = cols;
        c.rows = rows;
        post(std::move(c));
    }
    void close() override { send(Command::Close); }
    void setReadPaused(bool paused) override { send(paused ? Command::PauseRead : Command::ResumeRead); }

    void markDone() { m_done = true; }

private:
    void send(Command::Type type)
    {
        Command c;
        c.type = type;
        c.id = m_id;
        post(std::move(c));
    }
    void post(Command c)
    {
        if (auto w = m_worker.lock())
            w->post(std::move(c));
    }

    quint64 m_id = 0;
    std::weak_ptr<detail::Worker> m_worker;
    bool m_done = false;
};

} // namespace

SshTarget SshTarget::fromHost(const HostConfig &host)
{
    SshTarget t;
    t.endpoint = host.ssh;
    t.jumps = host.jumps;
    t.knownHostsFile = host.knownHostsFile;
    // ~/.ssh/config's ConnectTimeout and ServerAliveInterval x ServerAliveCountMax (the time ssh
    // waits for an unanswered server before it hangs up) for this host's connection.
    if (host.ssh.connectTimeoutSeconds > 0)
        t.connectTimeoutMs = host.ssh.connectTimeoutSeconds * 1000;
    if (host.ssh.serverAliveInterval > 0) {
        t.keepaliveSeconds = host.ssh.serverAliveInterval;
        t.deadPeerSeconds = host.ssh.serverAliveInterval * std::max(1, host.ssh.serverAliveCountMax);
    }
    return t;
}

class SshSession::Private final : public detail::WorkerSink
{
public:
    Private(SshSession *q, SshTarget target, SshInteraction *interaction)
        : m_q(q)
        , m_target(std::move(target))
        , m_interaction(interaction)
    {}

    // ---- WorkerSink (worker thread): post everything to the owner thread ----
    void execDone(quint64 id, Result<SshExecResult> result) override
    {
        QMetaObject::invokeMethod(
            m_q,
            [this, id, r = std::move(result)]() mutable {
                if (auto cb = m_execCallbacks.take(id))
                    cb(std::move(r));
            },
            Qt::QueuedConnection);
    }
    void streamStarted(quint64 id) override
    {
        withStream(id, [](ChannelStreamImpl *s) { Q_EMIT s->started(); });
    }
    void streamData(quint64 id, const QByteArray &data, OutputChannel channel) override
    {
        withStream(id, [data, channel](ChannelStreamImpl *s) { Q_EMIT s->dataReceived(data, channel); });
    }
    void streamFinished(quint64 id, int exitStatus) override
    {
        withStream(
            id,
            [exitStatus](ChannelStreamImpl *s) {
                s->markDone();
                Q_EMIT s->finished(exitStatus);
            },
            true);
    }
    void streamFailed(quint64 id, const QString &message) override
    {
        withStream(
            id,
            [message](ChannelStreamImpl *s) {
                s->markDone();
                Q_EMIT s->failed(message);
            },
            true);
    }
    void state(HostStatus status, const QString &message) override
    {
        QMetaObject::invokeMethod(
            m_q, [this, status, message] { Q_EMIT m_q->stateChanged(status, message); }, Qt::QueuedConnection);
    }
    HostKeyDecision askHostKey(const HostKeyQuestion &question) override
    {
        if (!m_interaction)
            return HostKeyDecision::Reject;
        auto slot = std::make_shared<AnswerSlot<HostKeyDecision>>();
        QMetaObject::invokeMethod(
            m_q,
            [this, question, slot] {
                m_interaction->askHostKey(question, [slot](HostKeyDecision d) { slot->set(d); });
            },
            Qt::QueuedConnection);
        return waitFor(*slot).value_or(HostKeyDecision::Reject);
    }
    // The worker asks only when no passwordFile / passphraseFile is configured. A keychain
    // reference (passwordRef / passphraseRef) is resolved first; the person is asked only when
    // the keychain cannot answer, and is told why.
    std::optional<QString> askSecret(const SecretQuestion &asked) override
    {
        SecretQuestion question = asked;
        const QString ref = keychainRef(asked);
        // A second try means the first answer was refused: the keychain's (if it gave one) is
        // wrong, so the person is asked, and told why.
        if (!ref.isEmpty() && asked.attempt > 1) {
            if (m_keychainGave.contains(ref))
                question.note = QStringLiteral("The password stored in the OS keychain as '%1' was refused.").arg(ref);
        } else if (!ref.isEmpty()) {
            auto stored = std::make_shared<AnswerSlot<Result<QString>>>();
            QMetaObject::invokeMethod(
                m_q,
                [this, ref, stored] {
                    security::SecretStore().read(ref, m_q, [stored](Result<QString> r) { stored->set(std::move(r)); });
                },
                Qt::QueuedConnection);
            auto found = waitFor(*stored);
            if (found && found->ok()) {
                m_keychainGave.insert(ref);
                return std::move(*found).value();
            }
            question.note =
                found ? found->errorMessage() : QStringLiteral("The OS keychain did not answer for '%1'.").arg(ref);
            qWarning("SSH %s: %s", qPrintable(asked.user + QLatin1Char('@') + asked.host), qPrintable(question.note));
        }
        if (!m_interaction)
            return std::nullopt;
        auto slot = std::make_shared<AnswerSlot<std::optional<QString>>>();
        QMetaObject::invokeMethod(
            m_q,
            [this, question, slot] {
                m_interaction->askSecret(question, [slot](std::optional<QString> s) { slot->set(std::move(s)); });
            },
            Qt::QueuedConnection);
        auto answer = waitFor(*slot);
        return answer ? *answer : std::nullopt;
    }

    void secretOutcome(const SecretQuestion &question, bool accepted) override
    {
        if (!m_interaction)
            return;
        QMetaObject::invokeMethod(
            m_q, [this, question, accepted] { m_interaction->secretOutcome(question, accepted); },
            Qt::QueuedConnection);
    }

    // The keychain entry configured for the hop this question is about ("" = none). Password
    // prompts of keyboard-interactive get the password, like passwordFile.
    QString keychainRef(const SecretQuestion &q) const
    {
        QList<SshEndpoint> hops = m_target.jumps;
        hops << m_target.endpoint;
        for (const SshEndpoint &ep : std::as_const(hops)) {
            if (ep.host != q.host || ep.port != q.port || ep.user != q.user)
                continue;
            switch (q.kind) {
            case SecretKind::Password:
                return ep.auth.passwordRef;
            case SecretKind::KeyPassphrase:
                return ep.auth.passphraseRef;
            case SecretKind::KeyboardInteractive:
                return !q.echo && q.prompt.contains(QStringLiteral("password"), Qt::CaseInsensitive)
                           ? ep.auth.passwordRef
                           : QString();
            }
        }
        return {};
    }

    template<typename T>
    std::optional<T> waitFor(AnswerSlot<T> &slot)
    {
        std::unique_lock lock(slot.mutex);
        // Bounded: wakes every 100 ms to notice shutdown; gives up after kAnswerTimeoutMs.
        for (int waited = 0; waited < kAnswerTimeoutMs && !slot.value; waited += 100) {
            if (m_worker && m_worker->stopping())
                break;
            slot.cv.wait_for(lock, std::chrono::milliseconds(100));
        }
        return slot.value;
    }

    // Runs `f` on the owner thread if the stream still exists; `last` forgets it afterwards.
    template<typename F>
    void withStream(quint64 id, F f, bool last = false)
    {
        QMetaObject::invokeMethod(
            m_q,
            [this, id, f, last] {
                QPointer<ChannelStreamImpl> s = last ? m_streams.take(id) : m_streams.value(id);
                if (s)
                    f(s.data());
            },
            Qt::QueuedConnection);
    }

    quint64 addJob(Job job)
    {
        job.id = ++m_nextId;
        Command c;
        c.type = Command::AddJob;
        c.job = job;
        m_worker->post(std::move(c));
        return job.id;
    }

    SshChannelStream *makeStream(Job job)
    {
        job.id = ++m_nextId;
        auto *s = new ChannelStreamImpl(job.id, m_worker, m_q);
        m_streams.insert(job.id, s);
        Command c;
        c.type = Command::AddJob;
        c.job = job;
        m_worker->post(std::move(c));
        return s;
    }

    SshSession *m_q = nullptr;
    SshTarget m_target;
    SshInteraction *m_interaction = nullptr;
    QSet<QString> m_keychainGave; // keychain refs that answered a question (worker thread only)
    std::shared_ptr<detail::Worker> m_worker;
    quint64 m_nextId = 0;
    QHash<quint64, Callback<SshExecResult>> m_execCallbacks;
    QHash<quint64, QPointer<ChannelStreamImpl>> m_streams;
};

SshSession::SshSession(SshTarget target, SshInteraction *interaction, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this, std::move(target), interaction))
{
    d->m_worker = std::make_shared<detail::Worker>(d->m_target, d.get());
    d->m_worker->start();
}

SshSession::~SshSession()
{
    // Join the worker first: after this nothing posts to us, and the queued calls already
    // posted die with this object.
    d->m_worker->stop();
}

const SshTarget &SshSession::target() const
{
    return d->m_target;
}

quint64 SshSession::connectNow(Callback<void> done)
{
    Job job;
    job.kind = JobKind::Connect;
    const quint64 id = d->m_nextId + 1;
    d->m_execCallbacks.insert(id, [done = std::move(done)](Result<SshExecResult> r) {
        if (r)
            done({});
        else
            done(r.error());
    });
    return d->addJob(job);
}

quint64 SshSession::exec(const QString &command, const QByteArray &stdinData, int timeoutMs,
                         Callback<SshExecResult> done)
{
    Job job;
    job.kind = JobKind::Exec;
    job.command = command;
    job.stdinData = stdinData;
    job.timeoutMs = timeoutMs;
    job.maxOutputBytes = d->m_target.maxExecOutputBytes;
    d->m_execCallbacks.insert(d->m_nextId + 1, std::move(done));
    return d->addJob(job);
}

void SshSession::cancel(quint64 id, const QString &message)
{
    Callback<SshExecResult> cb = d->m_execCallbacks.take(id);
    if (!cb)
        return;
    Command c;
    c.type = Command::Cancel;
    c.id = id;
    c.message = message;
    d->m_worker->post(std::move(c));
    QMetaObject::invokeMethod(
        this, [cb = std::move(cb), message] { cb(makeError(message, QStringLiteral("cancelled"))); },
        Qt::QueuedConnection);
}

SshChannelStream *SshSession::openStream(const QString &command)
{
    Job job;
    job.kind = JobKind::Stream;
    job.command = command;
    return d->makeStream(job);
}

SshChannelStream *SshSession::openPty(const QString &command, int cols, int rows, const QString &term)
{
    Job job;
    job.kind = JobKind::Stream;
    job.command = command;
    job.pty = true;
    job.cols = cols;
    job.rows = rows;
    job.term = term;
    return d->makeStream(job);
}

void SshSession::disconnectNow()
{
    Command c;
    c.type = Command::Disconnect;
    d->m_worker->post(std::move(c));
}

SshSessionStats SshSession::stats() const
{
    SshSessionStats s;
    s.wakeups = d->m_worker->wakeups();
    return s;
}

} // namespace archnest::ssh
