#include "models/ContainerFilterProxy.h"

#include "models/ContainersModel.h"

namespace archnest::ui {

ContainerFilterProxy::ContainerFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(ContainersModel::SortRole);
    setDynamicSortFilter(true);
}

void ContainerFilterProxy::setContainersModel(ContainersModel *model)
{
    m_model = model;
    setSourceModel(model);
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
    const ContainerSummary &c = m_model->at(sourceRow);
    if (!m_host.isEmpty() && c.hostName != m_host)
        return false;
    if (m_useHostSet && !m_hostSet.contains(c.hostName))
        return false;
    if (!stateMatches(m_state, c.state))
        return false;
    const QString &text = m_model->filterText(sourceRow);
    for (const QString &word : m_words)
        if (!text.contains(word))
            return false;
    return true;
}

} // namespace archnest::ui
