#pragma once

#include "model/Container.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPalette>
#include <QString>

#include <vector>

namespace archnest::ui {

// Why a host's containers may (not) be managed; shown as the tooltip of disabled actions.
struct HostCapabilities
{
    bool canManage = true;
    QString reason; // empty when canManage
};

// Every container of every host in one flat table. Rows are keyed by host + id and refreshed per
// host with a DIFF: changed rows get dataChanged, only vanished rows are removed and only new rows
// are inserted, so selection, current index and scroll position survive a refresh.
class ContainersModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainersModel)

public:
    enum Column {
        NameColumn,
        HostColumn,
        ImageColumn,
        StateColumn,
        StatusColumn,
        PortsColumn,
        CreatedColumn,
        CpuColumn,
        MemoryColumn,
        ColumnCount
    };
    enum Role {
        KeyRole = Qt::UserRole + 1, // "host\nid"
        HostRole,
        IdRole,
        StateRole, // int(ContainerState)
        SortRole,
        CanManageRole,
        ManageReasonRole,
    };

    explicit ContainersModel(QObject *parent = nullptr);

    // Replaces the containers of `host` with `containers`, touching only what changed.
    // A refresh whose rows carry no stats keeps the last sample of a container still running.
    void setHostContainers(const QString &host, const QList<ContainerSummary> &containers);
    // Puts one-shot samples (matched by container id, full or short) into the host's rows.
    void setHostStats(const QString &host, const QList<StatsSample> &samples);
    void removeHost(const QString &host);
    void clear();

    void setHostCapabilities(const QString &host, const HostCapabilities &caps);
    HostCapabilities hostCapabilities(const QString &host) const;

    static QString keyOf(const QString &host, const QString &id) { return host + QLatin1Char('\n') + id; }
    int rowOf(const QString &host, const QString &id) const { return m_index.value(keyOf(host, id), -1); }
    // By id, else by name or id prefix (a tab opened with a name still finds its row).
    int findRow(const QString &host, const QString &ref) const;
    const ContainerSummary &at(int row) const { return m_rows[size_t(row)]; }
    // Lower-cased "name image label=value ..." for the filter proxy (precomputed per row).
    const QString &filterText(int row) const { return m_filterText[size_t(row)]; }
    int hostContainerCount(const QString &host) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QColor stateColor(ContainerState state);
    // The state colour adjusted to read on `palette`'s base (lighter on a dark theme).
    static QColor stateColor(ContainerState state, const QPalette &palette);
    static QString formatBytes(qint64 bytes);

private:
    void rebuildIndex(size_t from);
    static QString makeFilterText(const ContainerSummary &c);
    static QString rowKey(const ContainerSummary &c);

    std::vector<ContainerSummary> m_rows;
    std::vector<QString> m_filterText;
    QHash<QString, int> m_index; // key -> row
    QHash<QString, HostCapabilities> m_caps;
};

} // namespace archnest::ui
