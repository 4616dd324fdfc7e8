#pragma once

#include "docker/ContainerSource.h"
#include "model/HostConfig.h"
#include "models/ContainerActions.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>

namespace archnest::ui {

class ContainersModel;
class HostListModel;

// Owns one ContainerSource per configured host, refreshes them (on a timer and on demand),
// aggregates their lists into the ContainersModel, mirrors their status into the HostListModel
// and performs container actions, reporting each outcome with host and reason. All work is
// asynchronous: sources call back later on this thread.
class HostsController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostsController)

public:
    using SourceFactory = std::function<Result<ContainerSource *>(const HostConfig &host, QObject *parent)>;

    HostsController(ContainersModel *containers, HostListModel *hosts, SourceFactory factory,
                    QObject *parent = nullptr);
    ~HostsController() override;

    // Replaces every host (sources are created through the factory; a failure becomes the
    // host's error status).
    void setHosts(const QList<HostConfig> &hosts);
    void addHost(const HostConfig &host);
    void removeHost(const QString &name);
    // Takes ownership of a source built elsewhere (e.g. an agent source sharing a store).
    void adoptSource(ContainerSource *source);

    ContainerSource *source(const QString &host) const { return m_sources.value(host); }
    QStringList hostNames() const { return m_sources.keys(); }
    ContainersModel *containersModel() const { return m_containers; }
    HostListModel *hostListModel() const { return m_hosts; }

    void setRefreshIntervalMs(int ms);
    int refreshIntervalMs() const { return m_timer.interval(); }
    void refreshAll();
    void refreshHost(const QString &host);
    bool isRefreshing(const QString &host) const { return m_inFlight.contains(host); }
    bool hasRefreshed(const QString &host) const { return m_refreshed.contains(host); }

    // Runs `action` on every target of the selection (manageable hosts, matching state) and
    // reports one summary through actionFinished.
    void perform(ContainerAction action, const QList<SelectedContainer> &selection, const RemoveOptions &options = {});

    // Connects to `host` with a throw-away source and lists its containers (for the host
    // dialog's test button); `done` gets a one-line outcome.
    void testConnection(const HostConfig &host, std::function<void(bool ok, QString message)> done);

    static HostCapabilities capabilitiesOf(const ContainerSource &source);

Q_SIGNALS:
    void hostRefreshed(const QString &host);
    void hostFailed(const QString &host, const QString &message, const QString &code);
    void actionStarted(const QString &description);
    void actionFinished(const QString &message, bool ok);

private:
    void installSource(ContainerSource *source);
    void onListed(const QString &host, const Result<QList<ContainerSummary>> &result);

    ContainersModel *m_containers = nullptr;
    HostListModel *m_hosts = nullptr;
    SourceFactory m_factory;
    QHash<QString, ContainerSource *> m_sources;
    QSet<QString> m_inFlight;
    QSet<QString> m_again; // refresh requested while one was in flight (e.g. after an action)
    QSet<QString> m_refreshed;
    QTimer m_timer;
};

} // namespace archnest::ui
