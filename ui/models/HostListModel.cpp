#include "models/HostListModel.h"

#include <QApplication>
#include <QFont>
#include <QPainter>
#include <QPixmap>
#include <QStyle>

#include <algorithm>

namespace archnest::ui {

namespace {

constexpr quintptr kTopLevel = 0; // internalId of top-level rows; children use group + 1

QIcon dotIcon(const QColor &color)
{
    QPixmap pm(24, 24);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    p.drawEllipse(QRectF(6, 6, 12, 12));
    return QIcon(pm);
}

} // namespace

HostListModel::HostListModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

QString HostListModel::groupTitle(HostKind kind)
{
    switch (kind) {
    case HostKind::Ssh:
        return tr("Docker over SSH");
    case HostKind::DockerApi:
        return tr("Docker Engine API");
    case HostKind::Agent:
        return tr("Push agents");
    }
    return {};
}

void HostListModel::setHosts(const QList<HostConfig> &hosts)
{
    beginResetModel();
    for (auto &g : m_groups)
        g.clear();
    for (const HostConfig &h : hosts)
        group(groupOf(h.kind)).push_back(Entry{h, HostStatus::Idle, {}, {}, -1});
    for (auto &g : m_groups)
        std::sort(g.begin(), g.end(), [](const Entry &a, const Entry &b) {
            return a.config.name.compare(b.config.name, Qt::CaseInsensitive) < 0;
        });
    endResetModel();
}

void HostListModel::upsertHost(const HostConfig &host)
{
    int g = -1;
    int row = -1;
    if (Entry *e = find(host.name, &g, &row)) {
        if (g == groupOf(host.kind)) {
            e->config = host;
            const QModelIndex idx = index(row, 0, index(g + 1, 0));
            Q_EMIT dataChanged(idx, idx);
            return;
        }
        removeHost(host.name);
    }
    g = groupOf(host.kind);
    auto &list = group(g);
    const auto pos = std::lower_bound(list.begin(), list.end(), host.name, [](const Entry &e, const QString &n) {
        return e.config.name.compare(n, Qt::CaseInsensitive) < 0;
    });
    const int at = int(pos - list.begin());
    beginInsertRows(index(g + 1, 0), at, at);
    list.insert(pos, Entry{host, HostStatus::Idle, {}, {}, -1});
    endInsertRows();
}

void HostListModel::removeHost(const QString &name)
{
    int g = -1;
    int row = -1;
    if (!find(name, &g, &row))
        return;
    beginRemoveRows(index(g + 1, 0), row, row);
    group(g).erase(group(g).begin() + row);
    endRemoveRows();
}

HostListModel::Entry *HostListModel::find(const QString &name, int *groupOut, int *rowOut)
{
    for (int g = 0; g < 3; ++g) {
        auto &list = group(g);
        for (size_t r = 0; r < list.size(); ++r) {
            if (list[r].config.name == name) {
                if (groupOut)
                    *groupOut = g;
                if (rowOut)
                    *rowOut = int(r);
                return &list[r];
            }
        }
    }
    return nullptr;
}

const HostListModel::Entry *HostListModel::entry(const QString &name) const
{
    return const_cast<HostListModel *>(this)->find(name);
}

void HostListModel::setStatus(const QString &name, HostStatus status, const QString &message)
{
    int g = -1;
    int row = -1;
    if (Entry *e = find(name, &g, &row)) {
        e->status = status;
        e->message = message;
        const QModelIndex idx = index(row, 0, index(g + 1, 0));
        Q_EMIT dataChanged(idx, idx);
    }
}

void HostListModel::setRefreshed(const QString &name, const QDateTime &when, int containerCount)
{
    int g = -1;
    int row = -1;
    if (Entry *e = find(name, &g, &row)) {
        e->lastSeen = when;
        e->containerCount = containerCount;
        const QModelIndex idx = index(row, 0, index(g + 1, 0));
        Q_EMIT dataChanged(idx, idx);
    }
}

QModelIndex HostListModel::indexOfHost(const QString &name) const
{
    for (int g = 0; g < 3; ++g) {
        const auto &list = group(g);
        for (size_t r = 0; r < list.size(); ++r)
            if (list[r].config.name == name)
                return index(int(r), 0, index(g + 1, 0));
    }
    return {};
}

QModelIndex HostListModel::groupIndex(HostKind kind) const
{
    return index(groupOf(kind) + 1, 0);
}

int HostListModel::hostCount() const
{
    int n = 0;
    for (const auto &g : m_groups)
        n += int(g.size());
    return n;
}

QList<HostConfig> HostListModel::hosts() const
{
    QList<HostConfig> out;
    for (const auto &g : m_groups)
        for (const Entry &e : g)
            out << e.config;
    return out;
}

void HostListModel::setEngine(const QString &name, ContainerEngine engine)
{
    int g = 0;
    int row = 0;
    Entry *e = find(name, &g, &row);
    if (!e || e->engine == engine)
        return;
    e->engine = engine;
    const QModelIndex i = index(row, 0, index(g + 1, 0));
    Q_EMIT dataChanged(i, i, {Qt::DisplayRole, Qt::ToolTipRole, EngineRole});
}

bool HostListModel::isStale(const Entry &e) const
{
    if (e.status == HostStatus::Stale)
        return true;
    return e.config.kind == HostKind::Agent && e.lastSeen.isValid() &&
           e.lastSeen.secsTo(QDateTime::currentDateTimeUtc()) > m_staleAfterSeconds && e.status != HostStatus::Error;
}

QString HostListModel::statusText(const Entry &e) const
{
    QString text;
    switch (e.status) {
    case HostStatus::Idle:
        text = tr("not connected yet");
        break;
    case HostStatus::Connecting:
        text = tr("connecting…");
        break;
    case HostStatus::Connected:
        text = tr("connected");
        break;
    case HostStatus::Error:
        text = tr("error");
        break;
    case HostStatus::Stale:
        text = tr("stale");
        break;
    }
    if (e.config.kind == HostKind::Agent && e.status != HostStatus::Error) {
        if (isStale(e))
            text = tr("stale");
        text = e.message.isEmpty() ? text : tr("%1 (%2)").arg(text, e.message);
        return text;
    }
    if (!e.message.isEmpty())
        text += QStringLiteral(": ") + e.message;
    return text;
}

QIcon HostListModel::statusIcon(const Entry &e) const
{
    static const QIcon idle = dotIcon(QColor(0x8c, 0x8c, 0x8c));
    static const QIcon connecting = dotIcon(QColor(0x3d, 0x8b, 0xd9));
    static const QIcon connected = dotIcon(QColor(0x2e, 0xa0, 0x4f));
    static const QIcon error = dotIcon(QColor(0xd9, 0x48, 0x3b));
    static const QIcon stale = dotIcon(QColor(0xd0, 0x8a, 0x00));
    if (e.status == HostStatus::Error)
        return error;
    if (isStale(e))
        return stale;
    switch (e.status) {
    case HostStatus::Connecting:
        return connecting;
    case HostStatus::Connected:
        return connected;
    default:
        return idle;
    }
}

QModelIndex HostListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < 4 ? createIndex(row, 0, kTopLevel) : QModelIndex();
    if (parent.internalId() != kTopLevel || parent.row() < 1 || parent.row() > 3)
        return {};
    const int g = parent.row() - 1;
    if (row >= int(group(g).size()))
        return {};
    return createIndex(row, 0, quintptr(g + 1));
}

QModelIndex HostListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kTopLevel)
        return {};
    return createIndex(int(child.internalId()), 0, kTopLevel);
}

int HostListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return 4;
    if (parent.internalId() == kTopLevel && parent.row() >= 1 && parent.row() <= 3)
        return int(group(parent.row() - 1).size());
    return 0;
}

int HostListModel::columnCount(const QModelIndex &) const
{
    return 1;
}

Qt::ItemFlags HostListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QVariant HostListModel::data(const QModelIndex &idx, int role) const
{
    if (!idx.isValid())
        return {};
    QStyle *style = QApplication::style();
    if (idx.internalId() == kTopLevel) {
        const bool all = idx.row() == 0;
        const auto kind = HostKind(idx.row() - 1);
        switch (role) {
        case Qt::DisplayRole:
            if (all)
                return tr("All hosts");
            return groupTitle(kind);
        case Qt::DecorationRole:
            if (all)
                return style->standardIcon(QStyle::SP_DirHomeIcon);
            switch (kind) {
            case HostKind::Ssh:
                return style->standardIcon(QStyle::SP_ComputerIcon);
            case HostKind::DockerApi:
                return style->standardIcon(QStyle::SP_DriveNetIcon);
            case HostKind::Agent:
                return style->standardIcon(QStyle::SP_FileDialogInfoView);
            }
            return {};
        case Qt::FontRole:
            if (!all) {
                QFont f = QApplication::font();
                f.setWeight(QFont::DemiBold);
                return f;
            }
            return {};
        case IsAllHostsRole:
            return all;
        case IsGroupRole:
            return !all;
        case KindRole:
            return all ? QVariant() : QVariant(int(kind));
        default:
            return {};
        }
    }
    const int g = int(idx.internalId()) - 1;
    if (g < 0 || g > 2 || idx.row() >= int(group(g).size()))
        return {};
    const Entry &e = group(g)[size_t(idx.row())];
    switch (role) {
    case Qt::DisplayRole: {
        QString text = e.containerCount >= 0 ? tr("%1 (%2)").arg(e.config.name).arg(e.containerCount) : e.config.name;
        // Docker is the default and carries no badge.
        if (e.engine == ContainerEngine::Podman)
            text += QStringLiteral(" \u00b7 ") + containerEngineName(e.engine);
        return text;
    }
    case Qt::DecorationRole:
        return statusIcon(e);
    case Qt::ToolTipRole: {
        QString where;
        if (e.config.kind == HostKind::Ssh)
            where = e.config.ssh.displayName();
        else if (e.config.kind == HostKind::DockerApi)
            where = e.config.apiUrl;
        else
            where = tr("push agent");
        QString tip = tr("%1 — %2\n%3").arg(e.config.name, where, statusText(e));
        if (e.lastSeen.isValid())
            tip += QLatin1Char('\n') +
                   tr("Last refresh: %1").arg(QLocale().toString(e.lastSeen.toLocalTime(), QLocale::ShortFormat));
        if (e.engine == ContainerEngine::Podman)
            tip += QLatin1Char('\n') + tr("Engine: Podman (Docker-compatible)");
        else if (e.engine == ContainerEngine::Docker)
            tip += QLatin1Char('\n') + tr("Engine: Docker");
        if (!e.config.canManage())
            tip += QLatin1Char('\n') + tr("Read-only");
        return tip;
    }
    case EngineRole:
        return containerEngineName(e.engine);
    case HostNameRole:
        return e.config.name;
    case KindRole:
        return int(e.config.kind);
    case StatusRole:
        return int(e.status);
    case StatusMessageRole:
        return statusText(e);
    case IsAllHostsRole:
    case IsGroupRole:
        return false;
    default:
        return {};
    }
}

} // namespace archnest::ui
