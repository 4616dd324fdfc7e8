#include "store/AgentStoreService.h"

#include <QTimer>

namespace archnest::store {

AgentStoreService::AgentStoreService(DatabaseLocation location, QString connectionName, QThread *worker,
                                     QObject *parent)
    : QObject(parent)
    , m_location(std::move(location))
    , m_connectionName(std::move(connectionName))
    , m_thread(worker)
{
    m_worker = new QObject;
    m_worker->moveToThread(m_thread);
    m_state->location = m_location;
    m_state->connectionName = m_connectionName;
    m_state->worker = m_worker;
    // Posted to this object: dropped by Qt if the service is gone by then.
    m_state->notifyOpen = [self = this] {
        QMetaObject::invokeMethod(
            self, [self] { Q_EMIT self->storeOpened(); }, Qt::QueuedConnection);
    };
}

VoidResult AgentStoreService::WorkerState::ensureOpen(bool force)
{
    if (store || !openRequested || closed)
        return {};
    if (!force && !nextOpen.hasExpired())
        return makeError(
            QStringLiteral("The store %1 is not reachable; ArchNest retries by itself.").arg(location.displayName()),
            kDatabaseUnavailable);
    auto opened = AgentReportStore::open(location, connectionName);
    if (!opened) {
        failedBefore = true;
        backoffMs = backoffMs == 0 ? kReopenInitialMs : qMin(backoffMs * 2, kReopenMaxMs);
        nextOpen.setRemainingTime(backoffMs);
        scheduleRetry();
        return opened.error();
    }
    store = std::move(opened).value();
    openedOn = QThread::currentThread();
    backoffMs = 0;
    if (failedBefore && notifyOpen)
        notifyOpen();
    failedBefore = false;
    return {};
}

void AgentStoreService::WorkerState::scheduleRetry()
{
    if (retryScheduled || !worker)
        return;
    retryScheduled = true;
    // The timer's context is the worker object: deleting it (close()) cancels a pending retry.
    QTimer::singleShot(backoffMs, worker, [self = shared_from_this()] {
        self->retryScheduled = false;
        if (!self->closed)
            (void)self->ensureOpen(true);
    });
}

AgentStoreService::~AgentStoreService()
{
    close();
}

Error AgentStoreService::closedError() const
{
    return makeError(
        QStringLiteral("The store %1 is closed (ArchNest is shutting down).").arg(m_location.displayName()),
        QStringLiteral("database"));
}

QThread *AgentStoreService::connectionThread() const
{
    return m_state->openedOn.load();
}

void AgentStoreService::open(QObject *context, Done<void> done)
{
    QPointer<QObject> ctx(context);
    if (m_closed) {
        QMetaObject::invokeMethod(
            this,
            [ctx, done = std::move(done), e = closedError()] {
                if (ctx)
                    done(e);
            },
            Qt::QueuedConnection);
        return;
    }
    QMetaObject::invokeMethod(
        m_worker,
        [self = this, state = m_state, ctx, done = std::move(done)]() mutable {
            state->openRequested = true;
            VoidResult result = state->ensureOpen(true);
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

void AgentStoreService::listHosts(QObject *context, Done<QList<AgentReportRecord>> done)
{
    call<QList<AgentReportRecord>>(
        context, [](AgentReportStore &s) { return s.listHosts(); }, std::move(done));
}

void AgentStoreService::latestReport(const QString &hostId, QObject *context,
                                     Done<std::optional<AgentReportRecord>> done)
{
    call<std::optional<AgentReportRecord>>(
        context, [hostId](AgentReportStore &s) { return s.latestReport(hostId); }, std::move(done));
}

void AgentStoreService::runOnWorker(std::function<void(AgentReportStore *)> fn)
{
    if (m_closed || !m_worker)
        return;
    QMetaObject::invokeMethod(
        m_worker,
        [state = m_state, fn = std::move(fn)] {
            (void)state->ensureOpen(false);
            fn(state->store.get());
        },
        Qt::QueuedConnection);
}

void AgentStoreService::close()
{
    if (m_closed)
        return;
    m_closed = true;
    auto closeStore = [state = m_state] {
        state->closed = true;
        state->store.reset();
    };
    if (QThread::currentThread() == m_thread || !m_thread->isRunning()) {
        // Nothing else runs on the worker now (or it is this thread): close right here.
        closeStore();
        delete m_worker;
    } else {
        // Queued after every job already posted, so once it has run no job can post to us.
        QMetaObject::invokeMethod(m_worker, closeStore, Qt::BlockingQueuedConnection);
        m_worker->deleteLater();
    }
    m_worker = nullptr;
}

} // namespace archnest::store
