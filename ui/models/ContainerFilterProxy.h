#pragma once

#include "model/Container.h"

#include <QSet>
#include <QSortFilterProxyModel>

namespace archnest::ui {

class ContainersModel;
class ContainerSortProxy;

// Filters the containers table by free text (name, image, label key=value; all words must match,
// case-insensitive), by state and by host; sorts by ContainersModel::SortRole.
//
// Sorting and filtering are two layers: ContainersModel -> ContainerSortProxy (sort only, dynamic)
// -> this proxy (filter only, never sorts itself; sort() forwards to the lower layer). A filter
// change is then one linear pass that inserts/removes rows in the already sorted order, with no
// sort-key comparisons; only a source change (refresh) or a header click pays for comparisons.
// Because this proxy's source is the sort layer, use containerRow()/viewIndex() to go between
// view indexes and ContainersModel rows, not mapToSource/mapFromSource.
class ContainerFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainerFilterProxy)

public:
    // The state filter's choices (the combo box in the page maps to these).
    enum class StateFilter { All, Running, Stopped, Paused, Other };

    explicit ContainerFilterProxy(QObject *parent = nullptr);
    ~ContainerFilterProxy() override;

    void setContainersModel(ContainersModel *model);
    ContainersModel *containersModel() const { return m_model; }

    // The ContainersModel row behind an index of this proxy (any column); -1 when invalid.
    int containerRow(const QModelIndex &viewIndex) const;
    // The index of this proxy that shows ContainersModel row `containerRow`; invalid when that row
    // is filtered out or out of range.
    QModelIndex viewIndex(int containerRow, int column = 0) const;

    void setFilterString(const QString &text);
    QString filterString() const { return m_text; }
    void setStateFilter(StateFilter filter);
    StateFilter stateFilter() const { return m_state; }
    // Empty: every host ("All hosts").
    void setHostFilter(const QString &host);
    QString hostFilter() const { return m_host; }
    // Several hosts (a sidebar group); replaces a single-host filter until setHostFilter.
    void setHostSet(const QSet<QString> &hosts);

    // Sorts the lower (sort) layer; the view's header sort indicator calls this.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    // The column/order the rows are sorted by (-1: source order).
    int sortedColumn() const;
    Qt::SortOrder sortedOrder() const;

    static bool stateMatches(StateFilter filter, ContainerState state);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool acceptsContainer(int modelRow) const;

    ContainersModel *m_model = nullptr;
    ContainerSortProxy *m_sort = nullptr;
    QString m_text;
    QStringList m_words;
    StateFilter m_state = StateFilter::All;
    QString m_host;
    QSet<QString> m_hostSet;
    bool m_useHostSet = false;
};

} // namespace archnest::ui
