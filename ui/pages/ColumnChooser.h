#pragma once

#include <QList>
#include <QObject>
#include <QStringList>

class QHeaderView;
class QMenu;

namespace archnest::ui {

// Right-click on a table's header: a checkable entry per column to show or hide it (the locked
// ones, e.g. Name, always stay). The hidden columns are named by their header text so the
// window can save them in its settings and restore them.
class ColumnChooser final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ColumnChooser)

public:
    ColumnChooser(QHeaderView *header, QList<int> lockedColumns);

    QStringList hiddenColumns() const;
    void setHiddenColumns(const QStringList &titles);
    // The menu the header shows (built fresh each time); for tests.
    QMenu *buildMenu();
    // Moves the `columns` right after `after` (visual order): at 1024 px CPU and Memory stay on
    // screen next to the state instead of past Ports and Created.
    static void placeAfter(QHeaderView *header, int after, const QList<int> &columns);

Q_SIGNALS:
    void changed();

private:
    QString title(int section) const;

    QHeaderView *m_header = nullptr;
    QList<int> m_locked;
};

} // namespace archnest::ui
