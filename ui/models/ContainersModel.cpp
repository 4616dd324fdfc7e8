#include "models/ContainersModel.h"

#include <QColor>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QSet>

#include <algorithm>

namespace archnest::ui {

ContainersModel::ContainersModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

QString ContainersModel::rowKey(const ContainerSummary &c)
{
    return keyOf(c.hostName, c.id.isEmpty() ? c.name : c.id);
}

QString ContainersModel::makeFilterText(const ContainerSummary &c)
{
    QString text = c.name + QLatin1Char(' ') + c.image;
    for (auto it = c.labels.cbegin(); it != c.labels.cend(); ++it)
        text += QLatin1Char(' ') + it.key() + QLatin1Char('=') + it.value();
    return text.toLower();
}

void ContainersModel::rebuildIndex(size_t from)
{
    for (size_t i = from; i < m_rows.size(); ++i)
        m_index.insert(rowKey(m_rows[i]), int(i));
}

void ContainersModel::setHostContainers(const QString &host, const QList<ContainerSummary> &containers)
{
    // The new rows by key (the host name is forced so a source cannot file rows elsewhere).
    QHash<QString, qsizetype> incoming;
    incoming.reserve(containers.size());
    QList<ContainerSummary> fresh = containers;
    for (qsizetype i = 0; i < fresh.size(); ++i) {
        fresh[i].hostName = host;
        incoming.insert(rowKey(fresh[i]), i);
    }

    // 1. Update rows that still exist, collect the ones that vanished.
    std::vector<int> vanished;
    QSet<qsizetype> seen;
    for (size_t row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].hostName != host)
            continue;
        const auto it = incoming.constFind(rowKey(m_rows[row]));
        if (it == incoming.constEnd()) {
            vanished.push_back(int(row));
            continue;
        }
        seen.insert(it.value());
        ContainerSummary &next = fresh[it.value()];
        if (!next.stats && m_rows[row].stats && next.state == ContainerState::Running)
            next.stats = m_rows[row].stats; // the sample stays until the next one
        if (!(m_rows[row] == next)) {
            m_rows[row] = next;
            m_filterText[row] = makeFilterText(next);
            Q_EMIT dataChanged(index(int(row), 0), index(int(row), ColumnCount - 1));
        }
    }

    // 2. Remove vanished rows, contiguous runs at a time, from the bottom up.
    if (!vanished.empty()) {
        for (const int row : vanished)
            m_index.remove(rowKey(m_rows[size_t(row)]));
        size_t i = vanished.size();
        while (i > 0) {
            const int last = vanished[i - 1];
            int first = last;
            --i;
            while (i > 0 && vanished[i - 1] == first - 1) {
                first = vanished[i - 1];
                --i;
            }
            beginRemoveRows({}, first, last);
            m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
            m_filterText.erase(m_filterText.begin() + first, m_filterText.begin() + last + 1);
            endRemoveRows();
        }
        rebuildIndex(size_t(vanished.front()));
    }

    // 3. Append new rows in one go (a duplicate key keeps its last occurrence).
    std::vector<qsizetype> added;
    for (qsizetype i = 0; i < fresh.size(); ++i)
        if (!seen.contains(i) && incoming.value(rowKey(fresh.at(i))) == i)
            added.push_back(i);
    if (!added.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const qsizetype i : added) {
            m_index.insert(rowKey(fresh.at(i)), int(m_rows.size()));
            m_filterText.push_back(makeFilterText(fresh.at(i)));
            m_rows.push_back(fresh.at(i));
        }
        endInsertRows();
    }
}

void ContainersModel::setHostStats(const QString &host, const QList<StatsSample> &samples)
{
    if (samples.isEmpty())
        return;
    for (size_t row = 0; row < m_rows.size(); ++row) {
        ContainerSummary &c = m_rows[row];
        if (c.hostName != host || c.id.isEmpty())
            continue;
        for (const StatsSample &sample : samples) {
            if (sample.containerId.size() < 12 ||
                !(c.id.startsWith(sample.containerId) || sample.containerId.startsWith(c.id)))
                continue;
            if (c.stats != sample) {
                c.stats = sample;
                Q_EMIT dataChanged(index(int(row), CpuColumn), index(int(row), MemoryColumn));
            }
            break;
        }
    }
}

void ContainersModel::removeHost(const QString &host)
{
    setHostContainers(host, {});
    m_caps.remove(host);
}

void ContainersModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_filterText.clear();
    m_index.clear();
    endResetModel();
}

void ContainersModel::setHostCapabilities(const QString &host, const HostCapabilities &caps)
{
    m_caps.insert(host, caps);
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {CanManageRole, ManageReasonRole});
}

HostCapabilities ContainersModel::hostCapabilities(const QString &host) const
{
    return m_caps.value(host);
}

int ContainersModel::findRow(const QString &host, const QString &ref) const
{
    const int exact = rowOf(host, ref);
    if (exact >= 0 || ref.isEmpty())
        return exact;
    for (size_t i = 0; i < m_rows.size(); ++i) {
        const ContainerSummary &c = m_rows[i];
        if (c.hostName == host && (c.name == ref || (ref.size() >= 12 && c.id.startsWith(ref))))
            return int(i);
    }
    return -1;
}

int ContainersModel::hostContainerCount(const QString &host) const
{
    return int(
        std::count_if(m_rows.cbegin(), m_rows.cend(), [&](const ContainerSummary &c) { return c.hostName == host; }));
}

int ContainersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ContainersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QColor ContainersModel::stateColor(ContainerState state)
{
    // Mid-tone colours chosen to read on both light and dark palettes.
    switch (state) {
    case ContainerState::Running:
        return QColor(0x2e, 0xa0, 0x4f);
    case ContainerState::Paused:
    case ContainerState::Restarting:
        return QColor(0xd0, 0x8a, 0x00);
    case ContainerState::Dead:
    case ContainerState::Removing:
        return QColor(0xd9, 0x48, 0x3b);
    case ContainerState::Created:
        return QColor(0x3d, 0x8b, 0xd9);
    case ContainerState::Exited:
    case ContainerState::Unknown:
        break;
    }
    return QColor(0x8c, 0x8c, 0x8c);
}

QColor ContainersModel::stateColor(ContainerState state, const QPalette &palette)
{
    // On a dark background the mid tones lose contrast (red ~3:1); lift them to ~5:1 or more.
    const QColor c = stateColor(state);
    return palette.color(QPalette::Base).lightness() < 128 ? c.lighter(135) : c;
}

QString ContainersModel::formatBytes(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QVariant ContainersModel::data(const QModelIndex &idx, int role) const
{
    if (!idx.isValid() || idx.row() >= rowCount() || idx.column() >= ColumnCount)
        return {};
    const ContainerSummary &c = m_rows[size_t(idx.row())];
    const int col = idx.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case NameColumn:
            return c.name;
        case HostColumn:
            return c.hostName;
        case ImageColumn:
            return c.image;
        case StateColumn:
            return containerStateName(c.state);
        case StatusColumn:
            return c.status;
        case PortsColumn: {
            QStringList ports;
            for (const PortMapping &p : c.ports)
                ports << p.display();
            return ports.join(QStringLiteral(", "));
        }
        case CreatedColumn:
            return c.created.isValid() ? c.created.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                                       : QString();
        case CpuColumn:
            if (c.stats && c.stats->cpuPercent)
                return QString(QString::number(*c.stats->cpuPercent, 'f', 1) + QLatin1Char('%'));
            return QString();
        case MemoryColumn:
            if (c.stats && c.stats->memoryBytes)
                return formatBytes(*c.stats->memoryBytes);
            return QString();
        default:
            return {};
        }
    case Qt::ForegroundRole:
        if (col == StateColumn)
            return stateColor(c.state, QGuiApplication::palette());
        return {};
    case Qt::ToolTipRole:
        if (col == NameColumn)
            return tr("%1 on %2 (id %3)").arg(c.name, c.hostName, c.shortId());
        if (col == CpuColumn || col == MemoryColumn)
            return c.stats ? QVariant() : QVariant(tr("No stats sample from this source yet"));
        if (col == StatusColumn || col == PortsColumn || col == ImageColumn)
            return data(idx, Qt::DisplayRole);
        return {};
    case Qt::TextAlignmentRole:
        if (col == CpuColumn || col == MemoryColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case KeyRole:
        return rowKey(c);
    case HostRole:
        return c.hostName;
    case IdRole:
        return c.id.isEmpty() ? c.name : c.id;
    case StateRole:
        return int(c.state);
    case CanManageRole:
        return m_caps.value(c.hostName).canManage;
    case ManageReasonRole:
        return m_caps.value(c.hostName).reason;
    case SortRole:
        switch (col) {
        case CreatedColumn:
            return c.created.isValid() ? c.created.toMSecsSinceEpoch() : qint64(0);
        case CpuColumn:
            return c.stats && c.stats->cpuPercent ? *c.stats->cpuPercent : -1.0;
        case MemoryColumn:
            return c.stats && c.stats->memoryBytes ? *c.stats->memoryBytes : qint64(-1);
        case StateColumn:
            return int(c.state);
        default:
            return data(idx, Qt::DisplayRole).toString().toLower();
        }
    default:
        return {};
    }
}

QVariant ContainersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case HostColumn:
        return tr("Host");
    case ImageColumn:
        return tr("Image");
    case StateColumn:
        return tr("State");
    case StatusColumn:
        return tr("Status");
    case PortsColumn:
        return tr("Ports");
    case CreatedColumn:
        return tr("Created");
    case CpuColumn:
        return tr("CPU");
    case MemoryColumn:
        return tr("Memory");
    default:
        return {};
    }
}

} // namespace archnest::ui
