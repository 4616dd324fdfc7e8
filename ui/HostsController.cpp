#include "HostsController.h"

#include "models/ContainersModel.h"
#include "models/HostListModel.h"

#include <QDateTime>
#include <QPointer>
#include <QSet>

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
    connect(&m_timer, &QTimer::timeout, this, &HostsController::refreshAll);
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
    m_refreshed.clear();
    m_containers->clear();
    m_hosts->setHosts(hosts);
    for (const HostConfig &h : hosts)
        addHost(h);
}

void HostsController::addHost(const HostConfig &host)
{
    if (m_sources.contains(host.name))
        removeHost(host.name);
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
    connect(source, &ContainerSource::statusChanged, this,
            [this, name](HostStatus status, const QString &message) { m_hosts->setStatus(name, status, message); });
}

void HostsController::removeHost(const QString &name)
{
    if (ContainerSource *s = m_sources.take(name))
        delete s;
    m_inFlight.remove(name);
    m_again.remove(name);
    m_refreshed.remove(name);
    m_containers->removeHost(name);
    m_hosts->removeHost(name);
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

void HostsController::refreshHost(const QString &host)
{
    ContainerSource *s = m_sources.value(host);
    if (!s)
        return;
    if (m_inFlight.contains(host)) {
        m_again.insert(host);
        return;
    }
    m_inFlight.insert(host);
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
    m_inFlight.remove(host);
    ContainerSource *s = m_sources.value(host);
    if (!s)
        return;
    if (m_again.remove(host))
        QMetaObject::invokeMethod(
            this, [this, host] { refreshHost(host); }, Qt::QueuedConnection);
    if (!result) {
        m_hosts->setStatus(host, HostStatus::Error, result.errorMessage());
        Q_EMIT hostFailed(host, result.errorMessage(), result.error().code);
        return;
    }
    m_refreshed.insert(host);
    m_containers->setHostContainers(host, result.value());
    m_hosts->setRefreshed(host, QDateTime::currentDateTimeUtc(), int(result->size()));
    if (s->status() == HostStatus::Idle || s->status() == HostStatus::Connecting)
        m_hosts->setStatus(host, HostStatus::Connected, s->statusMessage());
    else
        m_hosts->setStatus(host, s->status(), s->statusMessage());
    Q_EMIT hostRefreshed(host);
}

void HostsController::perform(ContainerAction action, const QList<SelectedContainer> &selection,
                              const RemoveOptions &options)
{
    const QList<SelectedContainer> targets = actionTargets(action, selection);
    if (targets.isEmpty()) {
        Q_EMIT actionFinished(actionAvailability(action, selection).reason, false);
        return;
    }
    struct Tally
    {
        int pending = 0;
        int ok = 0;
        QStringList errors;
        QSet<QString> hosts;
    };
    auto tally = std::make_shared<Tally>();
    tally->pending = int(targets.size());
    const QString verb = actionLabel(action);
    Q_EMIT actionStarted(tr("%1: %n container(s)…", nullptr, int(targets.size())).arg(verb));
    QPointer<HostsController> self(this);
    for (const SelectedContainer &t : targets) {
        ContainerSource *s = m_sources.value(t.host);
        tally->hosts.insert(t.host);
        auto finish = [self, tally, verb, t](const VoidResult &r) {
            if (r)
                ++tally->ok;
            else
                tally->errors << tr("%1 %2 on %3 failed: %4").arg(verb, t.name, t.host, r.errorMessage());
            if (--tally->pending > 0 || !self)
                return;
            if (tally->errors.isEmpty())
                Q_EMIT self->actionFinished(tr("%1: done for %n container(s).", nullptr, tally->ok).arg(verb), true);
            else
                Q_EMIT self->actionFinished(tally->errors.join(QLatin1Char('\n')), false);
            for (const QString &h : std::as_const(tally->hosts))
                self->refreshHost(h);
        };
        if (!s) {
            QMetaObject::invokeMethod(
                this, [finish, t] { finish(makeError(tr("host %1 is no longer configured").arg(t.host))); },
                Qt::QueuedConnection);
            continue;
        }
        s->perform(action, t.ref, options, finish);
    }
}

} // namespace archnest::ui

namespace archnest::ui {

void HostsController::testConnection(const HostConfig &host, std::function<void(bool ok, QString message)> done)
{
    if (!m_factory) {
        done(false, tr("No source is available for %1 hosts.").arg(hostKindName(host.kind)));
        return;
    }
    Result<ContainerSource *> made = m_factory(host, this);
    if (!made) {
        done(false, made.errorMessage());
        return;
    }
    ContainerSource *probe = made.value();
    QPointer<ContainerSource> guard(probe);
    probe->list(true, [guard, done, name = host.name](Result<QList<ContainerSummary>> r) {
        if (r)
            done(true, tr("Connected to %1: %n container(s).", nullptr, int(r->size())).arg(name));
        else
            done(false, tr("%1: %2").arg(name, r.errorMessage()));
        if (guard)
            guard->deleteLater();
    });
}

} // namespace archnest::ui
