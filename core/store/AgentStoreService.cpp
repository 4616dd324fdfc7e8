#include "store/AgentStoreService.h"

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
}

VoidResult AgentStoreService::WorkerState::ensureOpen(bool force)
{
    if (store || !openRequested)
        return {};
    if (!force && !nextOpen.hasExpired())
        return makeError(
            QStringLiteral("The store %1 is not reachable; ArchNest retries shortly.").arg(location.displayName()),
            kDatabaseUnavailable);
    auto opened = AgentReportStore::open(location, connectionName);
    if (!opened) {
        nextOpen.setRemainingTime(kReopenIntervalMs);
        return opened.error();
    }
    store = std::move(opened).value();
    openedOn = QThread::currentThread();
    return {};
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
    auto closeStore = [state = m_state] { state->store.reset(); };
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
