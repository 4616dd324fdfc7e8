#include "HostsController.h"

#include "models/ContainersModel.h"
#include "models/HostListModel.h"

#include <QDateTime>
#include <QPointer>
#include <QSet>

#include <algorithm>
#include <memory>

namespace archnest::ui {

HostsController::HostsController(ContainersModel *containers, HostListModel *hosts, SourceFactory factory,
                                 QObject *parent)
    : QObject(parent)
    , m_containers(containers)
    , m_hosts(hosts)
    , m_factory(std::move(factory))
{
    m_timer.setInterval(10000);
    connect(&m_timer, &QTimer::timeout, this, &HostsController::refreshDue);
}

HostsController::~HostsController()
{
    // Sources are children; delete them first so no callback reaches a half-destroyed controller.
    qDeleteAll(m_sources);
    m_sources.clear();
}

HostCapabilities HostsController::capabilitiesOf(const ContainerSource &source)
{
    if (source.canManage())
        return {true, {}};
    if (source.host().kind == HostKind::Agent)
        return {false, tr("%1 is a push-agent host: agents only report, so containers there are read-only.")
                           .arg(source.hostName())};
    return {false, tr("%1 is configured read-only; edit the host to allow actions.").arg(source.hostName())};
}

void HostsController::setHosts(const QList<HostConfig> &hosts)
{
    qDeleteAll(m_sources);
    m_sources.clear();
    m_inFlight.clear();
    m_again.clear();
    m_refreshed.clear();
    m_statsInFlight.clear();
    m_statsAt.clear();
    m_failures.clear();
    Q_EMIT refreshActivity(0);
    m_containers->clear();
    m_hosts->setHosts(hosts);
    for (const HostConfig &h : hosts)
        addHost(h);
}

void HostsController::addHost(const HostConfig &host)
{
    // An edit replaces the source but keeps the sidebar row (and so its selection).
    if (m_sources.contains(host.name)) {
        dropSource(host.name);
        m_containers->removeHost(host.name);
    }
    m_hosts->upsertHost(host);
    if (!m_factory) {
        m_hosts->setStatus(host.name, HostStatus::Error,
                           tr("no source available for %1 hosts in this build").arg(hostKindName(host.kind)));
        return;
    }
    Result<ContainerSource *> made = m_factory(host, this);
    if (!made) {
        m_hosts->setStatus(host.name, HostStatus::Error, made.errorMessage());
        return;
    }
    installSource(made.value());
}

void HostsController::adoptSource(ContainerSource *source)
{
    if (m_sources.contains(source->hostName()))
        removeHost(source->hostName());
    source->setParent(this);
    m_hosts->upsertHost(source->host());
    installSource(source);
}

void HostsController::installSource(ContainerSource *source)
{
    const QString name = source->hostName();
    m_sources.insert(name, source);
    m_containers->setHostCapabilities(name, capabilitiesOf(*source));
    m_hosts->setStatus(name, source->status(), source->statusMessage());
    m_hosts->setEngine(name, source->engine());
    connect(source, &ContainerSource::engineChanged, this,
            [this, name](ContainerEngine engine) { m_hosts->setEngine(name, engine); });
    connect(source, &ContainerSource::statusChanged, this, [this, name](HostStatus status, const QString &message) {
        // A failing host keeps its error while it is retried (no connecting/error flicker).
        if (m_failures.contains(name) && status != HostStatus::Connected)
            return;
        m_hosts->setStatus(name, status, message);
    });
}

void HostsController::removeHost(const QString &name)
{
    dropSource(name);
    m_containers->removeHost(name);
    m_hosts->removeHost(name);
    Q_EMIT hostRemoved(name);
}

void HostsController::dropSource(const QString &name)
{
    if (ContainerSource *s = m_sources.take(name))
        delete s;
    setRefreshing(name, false);
    m_again.remove(name);
    m_refreshed.remove(name);
    m_statsInFlight.remove(name); // a deleted source never calls back
    m_statsAt.remove(name);
    if (m_failures.remove(name))
        Q_EMIT hostFailureChanged(name);
}

void HostsController::setRefreshIntervalMs(int ms)
{
    if (ms <= 0) {
        m_timer.stop();
        return;
    }
    m_timer.start(ms);
}

void HostsController::refreshAll()
{
    for (auto it = m_sources.cbegin(); it != m_sources.cend(); ++it)
        refreshHost(it.key());
}

void HostsController::refreshDue()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (auto it = m_sources.cbegin(); it != m_sources.cend(); ++it) {
        const auto failure = m_failures.constFind(it.key());
        if (failure == m_failures.cend() || failure->nextRetry <= now)
            refreshHost(it.key());
    }
}

void HostsController::retryHost(const QString &host)
{
    refreshHost(host);
}

const HostsController::HostFailure *HostsController::failureOf(const QString &host) const
{
    const auto it = m_failures.constFind(host);
    return it == m_failures.cend() ? nullptr : &it.value();
}

int HostsController::refreshesInFlight() const
{
    int n = 0;
    for (const QString &h : m_inFlight)
        n += m_failures.contains(h) ? 0 : 1;
    return n;
}

void HostsController::recordFailure(const QString &host, const Error &error)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    HostFailure &f = m_failures[host];
    const bool changed = f.attempts == 0 || f.message != error.message || f.code != error.code;
    if (changed) {
        f.message = error.message;
        f.code = error.code;
        f.firstAt = now;
    }
    ++f.attempts;
    f.lastAt = now;
    const qint64 base = std::max(1000, m_timer.interval());
    const qint64 delay = std::min<qint64>(kMaxRetryMs, base << std::min(f.attempts - 1, 10));
    f.nextRetry = now.addMSecs(delay);
    m_hosts->setStatus(host, HostStatus::Error, f.keyRejected() ? tr("host key rejected — Trust key…") : error.message);
    if (changed)
        Q_EMIT hostFailed(host, error.message, error.code);
    Q_EMIT hostFailureChanged(host);
}

void HostsController::clearFailure(const QString &host)
{
    if (m_failures.remove(host))
        Q_EMIT hostFailureChanged(host);
}

void HostsController::refreshHost(const QString &host)
{
    ContainerSource *s = m_sources.value(host);
    if (!s)
        return;
    if (m_inFlight.contains(host)) {
        m_again.insert(host);
        return;
    }
    setRefreshing(host, true);
    if (s->status() == HostStatus::Idle)
        m_hosts->setStatus(host, HostStatus::Connecting, {});
    QPointer<HostsController> self(this);
    s->list(true, [self, host](Result<QList<ContainerSummary>> result) {
        if (self)
            self->onListed(host, result);
    });
}

void HostsController::onListed(const QString &host, const Result<QList<ContainerSummary>> &result)
{
    setRefreshing(host, false);
    ContainerSource *s = m_sources.value(host);
    if (!s)
        return;
    if (!result && isCancelled(result.error())) {
        // Not an error of the host: it keeps the status its source reports.
        m_again.remove(host);
        m_hosts->setStatus(host, s->status(), s->statusMessage());
        return;
    }
    if (m_again.remove(host))
        QMetaObject::invokeMethod(
            this, [this, host] { refreshHost(host); }, Qt::QueuedConnection);
    if (!result) {
        recordFailure(host, result.error());
        return;
    }
    clearFailure(host);
    m_refreshed.insert(host);
    m_containers->setHostContainers(host, result.value());
    sampleStats(host);
    m_hosts->setRefreshed(host, QDateTime::currentDateTimeUtc(), int(result->size()));
    if (s->status() == HostStatus::Idle || s->status() == HostStatus::Connecting)
        m_hosts->setStatus(host, HostStatus::Connected, s->statusMessage());
    else
        m_hosts->setStatus(host, s->status(), s->statusMessage());
    Q_EMIT hostRefreshed(host);
}

void HostsController::sampleStats(const QString &host)
{
    ContainerSource *s = m_sources.value(host);
    if (!s || s->host().kind == HostKind::Agent || m_statsInFlight.contains(host))
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_statsAt.contains(host) && now - m_statsAt.value(host) < kStatsIntervalMs)
        return;
    QStringList running;
    for (int r = 0; r < m_containers->rowCount(); ++r) {
        const ContainerSummary &c = m_containers->at(r);
        if (c.hostName == host && c.state == ContainerState::Running && !c.id.isEmpty())
            running << c.id;
    }
    if (running.isEmpty())
        return;
    m_statsAt.insert(host, now);
    m_statsInFlight.insert(host);
    QPointer<HostsController> self(this);
    s->stats(running, [self, host](Result<QList<StatsSample>> r) {
        if (!self)
            return;
        self->m_statsInFlight.remove(host);
        // A failure here is not the host's error (the list worked): the columns stay empty and
        // the next refresh after the interval asks again.
        if (r && self->m_sources.contains(host))
            self->m_containers->setHostStats(host, r.value());
    });
}

namespace {

QString progressive(ContainerAction action)
{
    switch (action) {
    case ContainerAction::Start:
        return HostsController::tr("Starting");
    case ContainerAction::Stop:
        return HostsController::tr("Stopping");
    case ContainerAction::Restart:
        return HostsController::tr("Restarting");
    case ContainerAction::Pause:
        return HostsController::tr("Pausing");
    case ContainerAction::Unpause:
        return HostsController::tr("Unpausing");
    case ContainerAction::Remove:
        return HostsController::tr("Removing");
    }
    return {};
}

} // namespace

struct HostsController::Bulk
{
    ContainerAction action = ContainerAction::Start;
    RemoveOptions options;
    QString verb;
    QList<SelectedContainer> queue; // not dispatched yet
    QHash<QString, int> running;    // host -> targets in flight there
    int total = 0;
    int finished = 0;
    int ok = 0;
    int cancelled = 0;
    QStringList errors;
    QSet<QString> hosts;
    bool cancelling = false;
};

void HostsController::perform(ContainerAction action, const QList<SelectedContainer> &selection,
                              const RemoveOptions &options)
{
    const QList<SelectedContainer> targets = actionTargets(action, selection);
    if (targets.isEmpty()) {
        Q_EMIT actionFinished(actionAvailability(action, selection).reason, false);
        return;
    }
    auto bulk = std::make_shared<Bulk>();
    bulk->action = action;
    bulk->options = options;
    bulk->verb = actionLabel(action);
    bulk->queue = targets;
    bulk->total = int(targets.size());
    for (const SelectedContainer &t : targets)
        bulk->hosts.insert(t.host);
    m_bulks.append(bulk);
    Q_EMIT actionStarted(tr("%1: %n container(s)…", nullptr, bulk->total).arg(bulk->verb));
    dispatch(bulk);
    emitProgress();
}

void HostsController::dispatch(const std::shared_ptr<Bulk> &bulk)
{
    QPointer<HostsController> self(this);
    int inFlight = 0;
    for (int n : std::as_const(bulk->running))
        inFlight += n;
    while (!bulk->cancelling && !bulk->queue.isEmpty() && inFlight < kMaxParallelActions) {
        const SelectedContainer t = bulk->queue.takeFirst();
        ++inFlight;
        ++bulk->running[t.host];
        auto finish = [self, bulk, t](const VoidResult &r) {
            if (self)
                self->targetDone(bulk, t, r);
        };
        ContainerSource *s = m_sources.value(t.host);
        if (!s) {
            QMetaObject::invokeMethod(
                this, [finish, t] { finish(makeError(tr("host %1 is no longer configured").arg(t.host))); },
                Qt::QueuedConnection);
            continue;
        }
        s->perform(bulk->action, t.ref, bulk->options, finish);
    }
}

void HostsController::targetDone(const std::shared_ptr<Bulk> &bulk, const SelectedContainer &t, const VoidResult &r)
{
    if (--bulk->running[t.host] <= 0)
        bulk->running.remove(t.host);
    ++bulk->finished;
    if (r)
        ++bulk->ok;
    else if (isCancelled(r.error()))
        ++bulk->cancelled;
    else
        bulk->errors << tr("%1 %2 on %3 failed: %4").arg(bulk->verb, t.name, t.host, r.errorMessage());
    dispatch(bulk);
    if (bulk->finished < bulk->total) {
        emitProgress();
        return;
    }
    finishBulk(bulk);
}

void HostsController::finishBulk(const std::shared_ptr<Bulk> &bulk)
{
    if (!m_bulks.removeAll(bulk))
        return;
    emitProgress();
    const int failed = int(bulk->errors.size());
    if (failed == 0 && bulk->cancelled == 0) {
        Q_EMIT actionFinished(tr("%1: done for %n container(s).", nullptr, bulk->ok).arg(bulk->verb), true);
    } else {
        QString head = tr("%1: %2 succeeded, %3 failed, %4 cancelled.")
                           .arg(bulk->verb)
                           .arg(bulk->ok)
                           .arg(failed)
                           .arg(bulk->cancelled);
        if (failed > 0)
            head += QLatin1Char(' ') + bulk->errors.first();
        Q_EMIT actionFinished((QStringList{head} + bulk->errors.mid(1)).join(QLatin1Char('\n')), failed == 0);
    }
    for (const QString &h : std::as_const(bulk->hosts))
        refreshHost(h);
}

void HostsController::emitProgress()
{
    int done = 0;
    int total = 0;
    for (const auto &b : std::as_const(m_bulks)) {
        done += b->finished;
        total += b->total;
    }
    QString what;
    if (m_bulks.size() == 1)
        what = tr("%1 %2 of %3…").arg(progressive(m_bulks.first()->action)).arg(done).arg(total);
    else if (m_bulks.size() > 1)
        what = tr("Container actions: %1 of %2…").arg(done).arg(total);
    if (m_bulks.isEmpty()) {
        // The last bulk just finished; report it complete.
        Q_EMIT actionProgress(0, 0, {});
        return;
    }
    Q_EMIT actionProgress(done, total, what);
}

void HostsController::cancelActions()
{
    const auto bulks = m_bulks;
    QSet<QString> hosts;
    for (const auto &b : bulks) {
        b->cancelling = true;
        b->cancelled += int(b->queue.size());
        b->finished += int(b->queue.size());
        b->queue.clear();
        for (auto it = b->running.cbegin(); it != b->running.cend(); ++it)
            hosts.insert(it.key());
    }
    for (const QString &h : std::as_const(hosts)) {
        if (ContainerSource *s = m_sources.value(h))
            s->cancelPending();
    }
    // A bulk with nothing in flight any more ends now (its last callback already ran).
    for (const auto &b : bulks) {
        if (b->running.isEmpty() && b->finished >= b->total)
            finishBulk(b);
    }
    emitProgress();
}

void HostsController::cancelRefreshes()
{
    const QSet<QString> hosts = m_inFlight;
    for (const QString &h : hosts) {
        m_again.remove(h);
        if (ContainerSource *s = m_sources.value(h))
            s->cancelPending();
    }
}

void HostsController::setRefreshing(const QString &host, bool on)
{
    const qsizetype before = m_inFlight.size();
    if (on)
        m_inFlight.insert(host);
    else
        m_inFlight.remove(host);
    if (m_inFlight.size() != before)
        Q_EMIT refreshActivity(refreshesInFlight());
}

} // namespace archnest::ui

namespace archnest::ui {

quint64 HostsController::testConnection(const HostConfig &host, std::function<void(bool ok, QString message)> done)
{
    const quint64 id = ++m_nextProbe;
    auto later = [this, done](bool ok, QString message) {
        QMetaObject::invokeMethod(
            this, [done, ok, message] { done(ok, message); }, Qt::QueuedConnection);
    };
    if (!m_factory) {
        later(false, tr("No source is available for %1 hosts.").arg(hostKindName(host.kind)));
        return id;
    }
    Result<ContainerSource *> made = m_factory(host, this);
    if (!made) {
        later(false, made.errorMessage());
        return id;
    }
    auto probe = std::make_shared<Probe>();
    probe->source = made.value();
    probe->done = std::move(done);
    probe->name = host.name;
    m_probes.insert(id, probe);
    QPointer<HostsController> self(this);
    probe->source->list(true, [self, id, probe](Result<QList<ContainerSummary>> r) {
        if (self)
            self->m_probes.remove(id);
        if (r)
            probe->done(true, tr("Connected to %1: %n container(s).", nullptr, int(r->size())).arg(probe->name));
        else if (isCancelled(r.error()))
            probe->done(false, tr("Test of %1 cancelled.").arg(probe->name));
        else
            probe->done(false, tr("%1: %2").arg(probe->name, r.errorMessage()));
        if (probe->source)
            probe->source->deleteLater();
    });
    return id;
}

void HostsController::cancelTestConnection(quint64 id)
{
    const QList<quint64> ids = id == 0 ? m_probes.keys() : QList<quint64>{id};
    for (quint64 i : ids) {
        const std::shared_ptr<Probe> probe = m_probes.value(i);
        if (probe && probe->source)
            probe->source->cancelPending();
    }
}

} // namespace archnest::ui
