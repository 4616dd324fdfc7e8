#include "WindowMenus.h"

#include "models/ContainerActions.h"
#include "pages/ContainersPage.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace archnest::ui {

QKeySequence WindowMenus::shortcutFor(int containerAction)
{
    switch (ContainerAction(containerAction)) {
    case ContainerAction::Start:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S);
    case ContainerAction::Stop:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X);
    case ContainerAction::Restart:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R);
    case ContainerAction::Pause:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P);
    case ContainerAction::Unpause:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U);
    case ContainerAction::Remove:
        return QKeySequence(QKeySequence::Delete);
    }
    return {};
}

void WindowMenus::fillContainerMenu(QMenu *menu, ContainersPage *page)
{
    menu->addSeparator();
    for (const ContainerAction a : allActions()) {
        QAction *act = page->action(a);
        if (!act)
            continue;
        // Only while the container list (or its filter) has the focus: a terminal tab keeps
        // its keys, and the menu shows the shortcut.
        act->setShortcut(shortcutFor(int(a)));
        act->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        if (!page->actions().contains(act))
            page->addAction(act);
        menu->addAction(act);
    }
}

QAction *WindowMenus::addSidebarToggle(QMenu *view, QWidget *sidebar)
{
    auto *toggle = new QAction(QObject::tr("Show &Sidebar"), view);
    toggle->setObjectName(QStringLiteral("action-sidebar"));
    toggle->setCheckable(true);
    toggle->setChecked(true);
    toggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    toggle->setShortcutContext(Qt::WindowShortcut);
    QObject::connect(toggle, &QAction::toggled, sidebar, [sidebar](bool on) { sidebar->setVisible(on); });
    view->addAction(toggle);
    if (QWidget *window = sidebar->window())
        window->addAction(toggle); // the shortcut works with the menu closed
    return toggle;
}

void WindowMenus::fillHelpMenu(QMenu *help, QWidget *window)
{
    QAction *keys = help->addAction(QObject::tr("&Keyboard Shortcuts"), window, [window] { showShortcuts(window); });
    keys->setObjectName(QStringLiteral("action-shortcuts"));
    keys->setShortcut(QKeySequence(Qt::Key_F1));
    window->addAction(keys);
    QAction *guide = help->addAction(QObject::tr("&User Guide"), window, [window] { showUserGuide(window); });
    guide->setObjectName(QStringLiteral("action-user-guide"));
}

QList<QPair<QString, QString>> WindowMenus::shortcutRows(const QList<QAction *> &actions)
{
    QList<QPair<QString, QString>> rows;
    for (const QAction *a : actions) {
        if (a->shortcuts().isEmpty() || a->text().isEmpty())
            continue;
        QString what = a->text();
        what.remove(QLatin1Char('&'));
        what.remove(QStringLiteral("…"));
        QStringList keys;
        for (const QKeySequence &k : a->shortcuts())
            keys << k.toString(QKeySequence::NativeText);
        const QPair<QString, QString> row{what.trimmed(), keys.join(QStringLiteral(", "))};
        if (!rows.contains(row))
            rows << row;
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

QDialog *WindowMenus::showShortcuts(QWidget *window)
{
    auto *dialog = new QDialog(window);
    dialog->setObjectName(QStringLiteral("ShortcutsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(QObject::tr("Keyboard shortcuts"));
    const auto rows = shortcutRows(window->findChildren<QAction *>());
    auto *table = new QTableWidget(int(rows.size()), 2, dialog);
    table->setHorizontalHeaderLabels({QObject::tr("Action"), QObject::tr("Keys")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    for (int r = 0; r < rows.size(); ++r) {
        table->setItem(r, 0, new QTableWidgetItem(rows.at(r).first));
        table->setItem(r, 1, new QTableWidgetItem(rows.at(r).second));
    }
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->resizeColumnToContents(1);
    auto *note = new QLabel(QObject::tr("Enter or a double-click opens the selected container; Tab moves on from "
                                        "the list; in a terminal, Ctrl+Shift+Q quits ArchNest."),
                            dialog);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(table, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);
    dialog->resize(520, 520);
    dialog->open();
    return dialog;
}

QDialog *WindowMenus::showUserGuide(QWidget *window)
{
    auto *dialog = new QDialog(window);
    dialog->setObjectName(QStringLiteral("UserGuideDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(QObject::tr("ArchNest user guide"));
    auto *browser = new QTextBrowser(dialog);
    browser->setOpenExternalLinks(false);
    browser->setOpenLinks(false); // our own text only: no link leaves the dialog
    QFile guide(QStringLiteral(":/docs/user-guide.md"));
    browser->setMarkdown(guide.open(QIODevice::ReadOnly) ? QString::fromUtf8(guide.readAll())
                                                         : QObject::tr("The user guide is not part of this build."));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(browser, 1);
    layout->addWidget(buttons);
    dialog->resize(760, 620);
    dialog->open();
    return dialog;
}

} // namespace archnest::ui
