#pragma once

#include "model/Container.h"

#include <QSet>
#include <QSortFilterProxyModel>

namespace archnest::ui {

class ContainersModel;

// Filters the containers table by free text (name, image, label key=value; all words must match,
// case-insensitive), by state and by host; sorts by ContainersModel::SortRole.
class ContainerFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainerFilterProxy)

public:
    // The state filter's choices (the combo box in the page maps to these).
    enum class StateFilter { All, Running, Stopped, Paused, Other };

    explicit ContainerFilterProxy(QObject *parent = nullptr);

    void setContainersModel(ContainersModel *model);
    ContainersModel *containersModel() const { return m_model; }

    void setFilterString(const QString &text);
    QString filterString() const { return m_text; }
    void setStateFilter(StateFilter filter);
    StateFilter stateFilter() const { return m_state; }
    // Empty: every host ("All hosts").
    void setHostFilter(const QString &host);
    QString hostFilter() const { return m_host; }
    // Several hosts (a sidebar group); replaces a single-host filter until setHostFilter.
    void setHostSet(const QSet<QString> &hosts);

    static bool stateMatches(StateFilter filter, ContainerState state);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    ContainersModel *m_model = nullptr;
    QString m_text;
    QStringList m_words;
    StateFilter m_state = StateFilter::All;
    QString m_host;
    QSet<QString> m_hostSet;
    bool m_useHostSet = false;
};

} // namespace archnest::ui
