#include "models/ContainerFilterProxy.h"

#include "models/ContainersModel.h"

namespace archnest::ui {

// The sort layer: sorts by ContainersModel::SortRole, keeps sorting as rows change, never filters.
class ContainerSortProxy final : public QSortFilterProxyModel
{
    Q_DISABLE_COPY_MOVE(ContainerSortProxy)

public:
    explicit ContainerSortProxy(QObject *parent)
        : QSortFilterProxyModel(parent)
    {
        setSortRole(ContainersModel::SortRole);
        setDynamicSortFilter(true);
    }
};

ContainerFilterProxy::ContainerFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_sort(new ContainerSortProxy(this))
{
    // Filter only: sortColumn stays -1, so rows a filter change brings back are placed by their
    // position in the (sorted) sort layer, a plain integer search.
    setDynamicSortFilter(true);
    QSortFilterProxyModel::setSourceModel(m_sort);
}

ContainerFilterProxy::~ContainerFilterProxy() = default;

void ContainerFilterProxy::setContainersModel(ContainersModel *model)
{
    m_model = model;
    m_sort->setSourceModel(model);
}

int ContainerFilterProxy::containerRow(const QModelIndex &viewIndex) const
{
    if (!viewIndex.isValid() || viewIndex.model() != this)
        return -1;
    return m_sort->mapToSource(mapToSource(viewIndex)).row();
}

QModelIndex ContainerFilterProxy::viewIndex(int containerRow, int column) const
{
    if (!m_model || containerRow < 0 || containerRow >= m_model->rowCount())
        return {};
    return mapFromSource(m_sort->mapFromSource(m_model->index(containerRow, column)));
}

void ContainerFilterProxy::sort(int column, Qt::SortOrder order)
{
    m_sort->sort(column, order);
}

int ContainerFilterProxy::sortedColumn() const
{
    return m_sort->sortColumn();
}

Qt::SortOrder ContainerFilterProxy::sortedOrder() const
{
    return m_sort->sortOrder();
}

void ContainerFilterProxy::setFilterString(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_words = text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateRowsFilter();
}

void ContainerFilterProxy::setStateFilter(StateFilter filter)
{
    if (filter == m_state)
        return;
    m_state = filter;
    invalidateRowsFilter();
}

void ContainerFilterProxy::setHostFilter(const QString &host)
{
    if (host == m_host && !m_useHostSet)
        return;
    m_host = host;
    m_useHostSet = false;
    invalidateRowsFilter();
}

void ContainerFilterProxy::setHostSet(const QSet<QString> &hosts)
{
    m_hostSet = hosts;
    m_host.clear();
    m_useHostSet = true;
    invalidateRowsFilter();
}

bool ContainerFilterProxy::stateMatches(StateFilter filter, ContainerState state)
{
    switch (filter) {
    case StateFilter::All:
        return true;
    case StateFilter::Running:
        return state == ContainerState::Running;
    case StateFilter::Stopped:
        return state == ContainerState::Exited || state == ContainerState::Created || state == ContainerState::Dead;
    case StateFilter::Paused:
        return state == ContainerState::Paused;
    case StateFilter::Other:
        return state == ContainerState::Restarting || state == ContainerState::Removing ||
               state == ContainerState::Unknown;
    }
    return true;
}

bool ContainerFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid() || !m_model)
        return false;
    return acceptsContainer(m_sort->mapToSource(m_sort->index(sourceRow, 0)).row());
}

bool ContainerFilterProxy::acceptsContainer(int modelRow) const
{
    if (modelRow < 0)
        return false;
    const ContainerSummary &c = m_model->at(modelRow);
    if (!m_host.isEmpty() && c.hostName != m_host)
        return false;
    if (m_useHostSet && !m_hostSet.contains(c.hostName))
        return false;
    if (!stateMatches(m_state, c.state))
        return false;
    const QString &text = m_model->filterText(modelRow);
    for (const QString &word : m_words)
        if (!text.contains(word, Qt::CaseSensitive))
            return false;
    return true;
}

} // namespace archnest::ui
