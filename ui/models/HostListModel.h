#pragma once

#include "docker/ContainerSource.h"
#include "model/HostConfig.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QIcon>

#include <array>
#include <vector>

namespace archnest::ui {

// The sidebar: "All hosts", then one group per source kind (SSH, Engine API, push agents) with
// each host's live status (connecting, connected, error + message, agent last-seen / stale),
// container count and, for Podman hosts, a "podman" badge.
class HostListModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostListModel)

public:
    enum Role {
        HostNameRole = Qt::UserRole + 1,
        KindRole,
        StatusRole,
        StatusMessageRole,
        IsAllHostsRole,
        IsGroupRole,
        EngineRole // "podman", "docker" or "" (not known yet / agent)
    };

    struct Entry
    {
        HostConfig config;
        HostStatus status = HostStatus::Idle;
        QString message;
        QDateTime lastSeen; // last successful refresh (for agents: the report the store holds)
        int containerCount = -1;
        ContainerEngine engine = ContainerEngine::Unknown;
    };

    explicit HostListModel(QObject *parent = nullptr);

    void setHosts(const QList<HostConfig> &hosts);
    void upsertHost(const HostConfig &host);
    void removeHost(const QString &name);
    void setStatus(const QString &name, HostStatus status, const QString &message);
    void setRefreshed(const QString &name, const QDateTime &when, int containerCount);
    // A Podman host gets a plain-text badge after its name ("web (3) · podman") and a tooltip line.
    void setEngine(const QString &name, ContainerEngine engine);
    // Agents whose last report is older than this are shown as stale.
    void setStaleAfterSeconds(int seconds) { m_staleAfterSeconds = seconds; }

    const Entry *entry(const QString &name) const;
    QModelIndex indexOfHost(const QString &name) const;
    QModelIndex allHostsIndex() const { return index(0, 0); }
    QModelIndex groupIndex(HostKind kind) const;
    int hostCount() const;
    QList<HostConfig> hosts() const;

    // Status as the sidebar says it ("connected", "error: ...", "last report 3 min ago").
    QString statusText(const Entry &e) const;
    bool isStale(const Entry &e) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    static QString groupTitle(HostKind kind);

private:
    static int groupOf(HostKind kind) { return int(kind); }
    std::vector<Entry> &group(int g) { return m_groups[size_t(g)]; }
    const std::vector<Entry> &group(int g) const { return m_groups[size_t(g)]; }
    Entry *find(const QString &name, int *groupOut = nullptr, int *rowOut = nullptr);
    QIcon statusIcon(const Entry &e) const;

    std::array<std::vector<Entry>, 3> m_groups;
    int m_staleAfterSeconds = 300;
};

} // namespace archnest::ui
