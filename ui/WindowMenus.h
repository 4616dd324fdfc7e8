#pragma once

#include <QKeySequence>
#include <QList>
#include <QPair>
#include <QString>

class QAction;
class QDialog;
class QMenu;
class QWidget;

namespace archnest::ui {

class ContainersPage;

// Menu entries the main window adds without growing MainWindow.cpp: the Container menu's actions
// (start … remove, with shortcuts that work while the container list has the focus), View >
// Show sidebar (Ctrl+B), and Help > Keyboard shortcuts / User guide.
class WindowMenus final
{
public:
    // The page's container actions in `menu`, with their shortcuts.
    static void fillContainerMenu(QMenu *menu, ContainersPage *page);
    static QKeySequence shortcutFor(int containerAction);
    // A checkable "Show sidebar" (Ctrl+B) hiding / showing `sidebar`; returned for tests.
    static QAction *addSidebarToggle(QMenu *view, QWidget *sidebar);
    // Help > Keyboard shortcuts (F1) and User guide; `window` owns the dialogs.
    static void fillHelpMenu(QMenu *help, QWidget *window);

    // (what, keys) of every action of `window` with a shortcut, sorted by name, "&" removed;
    // the keyboard-shortcuts dialog shows these.
    static QList<QPair<QString, QString>> shortcutRows(const QList<QAction *> &actions);
    static QDialog *showShortcuts(QWidget *window);
    static QDialog *showUserGuide(QWidget *window);
};

} // namespace archnest::ui
