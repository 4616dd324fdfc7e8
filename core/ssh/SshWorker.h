#pragma once

// The libssh side of SshSession: one thread that owns every libssh object of one host (its jump
// sessions, the bridges between them and the target's channels) and drives them all in
// non-blocking mode from a single poll loop. Nothing here is touched from another thread except
// post() and stop(). Results go back to the owner thread as queued calls on `owner`.

#include "ssh/SshSession.h"

#include <QByteArray>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

namespace archnest::ssh::detail {

enum class JobKind { Connect, Exec, Stream };

struct Job
{
    JobKind kind = JobKind::Exec;
    quint64 id = 0;
    QString command;
    QByteArray stdinData;
    int timeoutMs = 0;         // exec only; <= 0: none
    qint64 maxOutputBytes = 0; // exec only: stdout + stderr buffered; <= 0: no cap
    bool pty = false;
    int cols = 80;
    int rows = 24;
    QString term;
    bool closeStdin = false; // stream: closeStdin() came before the channel opened
    bool readPaused = false; // stream: the consumer asked to stop reading (flow control)
};

struct Command
{
    enum Type { AddJob, Write, CloseStdin, Resize, Close, Disconnect, Cancel, PauseRead, ResumeRead } type = AddJob;
    Job job;
    quint64 id = 0;
    QByteArray data;
    int cols = 0;
    int rows = 0;
    QString message; // Cancel: why (the owner already told the caller; the worker only aborts)
};

// What the worker reports; every method is called on the worker thread and must only post.
class WorkerSink
{
public:
    virtual ~WorkerSink() = default;
    virtual void execDone(quint64 id, Result<SshExecResult> result) = 0; // exec and connect jobs
    virtual void streamStarted(quint64 id) = 0;
    virtual void streamData(quint64 id, const QByteArray &data, OutputChannel channel) = 0;
    virtual void streamFinished(quint64 id, int exitStatus) = 0;
    virtual void streamFailed(quint64 id, const QString &message) = 0;
    virtual void state(HostStatus status, const QString &message) = 0;
    // Blocking from the worker's point of view: they return when the owner thread answered.
    virtual HostKeyDecision askHostKey(const HostKeyQuestion &question) = 0;
    virtual std::optional<QString> askSecret(const SecretQuestion &question) = 0;
    // After the server judged a password answer (see SshInteraction::secretOutcome).
    virtual void secretOutcome(const SecretQuestion &question, bool accepted)
    {
        Q_UNUSED(question);
        Q_UNUSED(accepted);
    }
};

class Worker final
{
public:
    Worker(SshTarget target, WorkerSink *sink);
    ~Worker();
    Worker(const Worker &) = delete;
    Worker &operator=(const Worker &) = delete;

    void start();
    void stop(); // joins; idempotent
    void post(Command command);
    bool stopping() const { return m_stop.load(); }
    // How many times the thread's poll() returned (any thread may read it; diagnostics).
    quint64 wakeups() const { return m_wakeups.load(std::memory_order_relaxed); }

private:
    struct Impl;
    void run();

    std::unique_ptr<Impl> m_impl;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<quint64> m_wakeups{0};
    std::mutex m_mutex;
    std::deque<Command> m_commands;
    int m_wakeFd = -1;
};

} // namespace archnest::ssh::detail
