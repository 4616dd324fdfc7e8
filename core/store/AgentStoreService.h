#pragma once

#include "store/AgentReportStore.h"
#include "util/Result.h"

#include <QDeadlineTimer>
#include <QObject>
#include <QPointer>
#include <QThread>

#include <atomic>

#include <functional>
#include <memory>
#include <optional>

namespace archnest::store {

// The report store, used from one worker thread. Qt SQL connections belong to the thread that
// opened them, so the service opens its connection on `worker`, runs every call there, and hands
// each result back on the thread that created the service (the GUI thread in the desktop): the
// caller never waits on the disk or the database server. A callback runs later, at most once, and
// never after its `context` object is destroyed (ContainerSource's contract).
//
// The worker thread is not owned: it must run an event loop (QThread::start()) until close() has
// returned. close() (also run by the destructor) closes the connection on the worker thread.
class AgentStoreService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentStoreService)

public:
    template<typename T>
    using Done = std::function<void(Result<T>)>;

    AgentStoreService(DatabaseLocation location, QString connectionName, QThread *worker, QObject *parent = nullptr);
    ~AgentStoreService() override;

    // Opens (and migrates) the store on the worker thread.
    void open(QObject *context, Done<void> done);
    void listHosts(QObject *context, Done<QList<AgentReportRecord>> done);
    void latestReport(const QString &hostId, QObject *context, Done<std::optional<AgentReportRecord>> done);

    // Runs `fn` on the worker thread with the worker's store (null when it is not open or closed).
    // For objects that live on the worker thread, such as the agent receiver.
    void runOnWorker(std::function<void(AgentReportStore *)> fn);

    // Runs `fn(store)` on the worker thread and `done(result)` back on this thread.
    template<typename T>
    void call(QObject *context, std::function<Result<T>(AgentReportStore &)> fn, Done<T> done);

    // Closes the worker's connection (on the worker thread) and waits for it; later calls fail
    // with an error. For shutdown.
    void close();

    QThread *workerThread() const { return m_thread; }
    const DatabaseLocation &location() const { return m_location; }
    // The thread the connection was opened on (null before it is open); for tests.
    QThread *connectionThread() const;

    // A store that could not be opened (the server was away when the app started) is opened
    // again by itself on the worker thread, with a backoff from kReopenInitialMs doubling to
    // kReopenMaxMs (and a call in between fails at once); once it is open, storeOpened() is
    // emitted. A store that lost its connection later reconnects by itself (AgentReportStore).
    static constexpr int kReopenInitialMs = 1000;
    static constexpr int kReopenMaxMs = 15000;

Q_SIGNALS:
    // The store opened after open() had failed (emitted on this object's thread). Objects on the
    // worker thread that were given a null store (runOnWorker) can now be given the store.
    void storeOpened();

private:
    struct WorkerState : std::enable_shared_from_this<WorkerState>
    {
        std::unique_ptr<AgentReportStore> store;
        std::atomic<QThread *> openedOn{nullptr};
        // Worker-thread only:
        DatabaseLocation location;
        QString connectionName;
        bool openRequested = false;
        bool closed = false;
        bool failedBefore = false;
        int backoffMs = 0;
        bool retryScheduled = false;
        QDeadlineTimer nextOpen;
        QObject *worker = nullptr;        // the context of the retry timer (lives on the worker)
        std::function<void()> notifyOpen; // posts storeOpened() to the service's thread
        // Opens the store when it was asked for and is not open yet; the result of that open. A
        // failure schedules a retry on the worker thread (backoff).
        VoidResult ensureOpen(bool force);
        void scheduleRetry();
    };
    Error closedError() const;

    DatabaseLocation m_location;
    QString m_connectionName;
    QThread *m_thread = nullptr;
    QObject *m_worker = nullptr; // lives on m_thread: the target of the queued calls
    std::shared_ptr<WorkerState> m_state = std::make_shared<WorkerState>();
    bool m_closed = false;
};

template<typename T>
void AgentStoreService::call(QObject *context, std::function<Result<T>(AgentReportStore &)> fn, Done<T> done)
{
    QPointer<QObject> ctx(context);
    if (m_closed) {
        Error e = closedError();
        QMetaObject::invokeMethod(
            this,
            [ctx, done = std::move(done), e]() {
                if (ctx)
                    done(e);
            },
            Qt::QueuedConnection);
        return;
    }
    // The worker posts the result to this service (which outlives every job: close() waits for
    // the queue), and the service checks the context on its own thread.
    QMetaObject::invokeMethod(
        m_worker,
        [self = this, state = m_state, fn = std::move(fn), ctx, done = std::move(done),
         where = m_location.displayName()]() mutable {
            VoidResult opened = state->ensureOpen(false);
            Result<T> result = state->store ? fn(*state->store)
                               : !opened    ? Result<T>(opened.error())
                                         : Result<T>(makeError(QStringLiteral("The store %1 is not open.").arg(where),
                                                               QStringLiteral("database")));
            QMetaObject::invokeMethod(
                self,
                [ctx, done = std::move(done), result = std::move(result)]() mutable {
                    if (ctx)
                        done(std::move(result));
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

} // namespace archnest::store
