#include "pages/ColumnChooser.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QHeaderView>
#include <QMenu>

namespace archnest::ui {

ColumnChooser::ColumnChooser(QHeaderView *header, QList<int> lockedColumns)
    : QObject(header)
    , m_header(header)
    , m_locked(std::move(lockedColumns))
{
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu *menu = buildMenu();
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_header->viewport()->mapToGlobal(pos));
    });
}

QString ColumnChooser::title(int section) const
{
    return m_header->model() ? m_header->model()->headerData(section, m_header->orientation()).toString() : QString();
}

QMenu *ColumnChooser::buildMenu()
{
    auto *menu = new QMenu(m_header);
    menu->setObjectName(QStringLiteral("ColumnChooserMenu"));
    const int n = m_header->model() ? m_header->model()->columnCount() : 0;
    for (int s = 0; s < n; ++s) {
        QAction *a = menu->addAction(title(s));
        a->setCheckable(true);
        a->setChecked(!m_header->isSectionHidden(s));
        a->setEnabled(!m_locked.contains(s));
        connect(a, &QAction::toggled, this, [this, s](bool on) {
            m_header->setSectionHidden(s, !on);
            Q_EMIT changed();
        });
    }
    return menu;
}

QStringList ColumnChooser::hiddenColumns() const
{
    QStringList out;
    const int n = m_header->model() ? m_header->model()->columnCount() : 0;
    for (int s = 0; s < n; ++s)
        if (m_header->isSectionHidden(s))
            out << title(s);
    return out;
}

void ColumnChooser::setHiddenColumns(const QStringList &titles)
{
    const int n = m_header->model() ? m_header->model()->columnCount() : 0;
    for (int s = 0; s < n; ++s)
        m_header->setSectionHidden(s, !m_locked.contains(s) && titles.contains(title(s)));
    Q_EMIT changed();
}

void ColumnChooser::placeAfter(QHeaderView *header, int after, const QList<int> &columns)
{
    int target = header->visualIndex(after);
    for (int c : columns) {
        const int from = header->visualIndex(c);
        if (from < 0 || target < 0)
            continue;
        const int to = from > target ? target + 1 : target;
        header->moveSection(from, to);
        target = header->visualIndex(c);
    }
}

} // namespace archnest::ui
