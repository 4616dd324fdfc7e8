// TerminalView: the right-click menu and Find (the search itself is TerminalSearch, no widgets).
#include "TerminalFindBar.h"
#include "TerminalView.h"

#include "docker/ContainerSource.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>

namespace archnest::ui {

QMenu *TerminalView::createContextMenu()
{
    auto *menu = new QMenu(this);
    QAction *copy = menu->addAction(tr("Copy"), this, &TerminalView::copySelection);
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copy->setEnabled(hasSelection());
    QAction *paste = menu->addAction(tr("Paste"), this, &TerminalView::pasteClipboard);
    paste->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    paste->setEnabled(!QGuiApplication::clipboard()->text(QClipboard::Clipboard).isEmpty());
    menu->addAction(tr("Select all"), this, &TerminalView::selectAll);
    menu->addSeparator();
    QAction *find = menu->addAction(tr("Find…"), this, &TerminalView::showFind);
    find->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    menu->addSeparator();
    QAction *clear = menu->addAction(tr("Clear scrollback"), this, &TerminalView::clearScrollback);
    clear->setEnabled(m_screen->scrollbackCount() > 0);
    for (QAction *a : menu->actions())
        a->setShortcutVisibleInContextMenu(true);
    return menu;
}

void TerminalView::contextMenuEvent(QContextMenuEvent *event)
{
    // An application that takes the mouse gets the right button (mousePressEvent); Shift+right
    // click still opens the menu, as Shift always selects.
    if (event->reason() == QContextMenuEvent::Mouse && m_screen->mouseMode() != 0 && m_atBottom &&
        !(event->modifiers() & Qt::ShiftModifier))
        return;
    QMenu *menu = createContextMenu();
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(event->globalPos());
    event->accept();
}

void TerminalView::clearScrollback()
{
    m_screen->clearScrollback();
    m_search.clearCurrent();
    updateScrollBar();
    m_fullRepaint = true;
    viewport()->update();
}

void TerminalView::placeFindBar()
{
    if (!m_findBar)
        return;
    const int width = std::min(viewport()->width(), std::max(m_findBar->sizeHint().width(), viewport()->width() / 2));
    m_findBar->resize(width, m_findBar->sizeHint().height());
    m_findBar->move(viewport()->geometry().right() - width + 1, viewport()->geometry().top());
}

void TerminalView::showFind()
{
    if (!m_findBar) {
        m_findBar = new TerminalFindBar(this);
        connect(m_findBar, &TerminalFindBar::textChanged, this, [this](const QString &text) {
            m_search.setNeedle(text);
            m_findBar->setResult(m_search.count());
            if (!text.isEmpty())
                findNext(true); // the newest match first, as a terminal is read from the bottom
        });
        connect(m_findBar, &TerminalFindBar::findRequested, this, [this](bool backwards) { findNext(backwards); });
        connect(m_findBar, &TerminalFindBar::closed, this, [this] { setFocus(Qt::OtherFocusReason); });
    }
    if (hasSelection() && !selectedText().contains(QLatin1Char('\n')) && !selectedText().isEmpty())
        m_findBar->edit()->setText(selectedText());
    placeFindBar();
    m_findBar->open();
}

bool TerminalView::findNext(bool backwards)
{
    const std::optional<TerminalMatch> match = m_search.next(backwards);
    if (m_findBar)
        m_findBar->setResult(m_search.count());
    if (!match) {
        clearSelection();
        return false;
    }
    const QPoint from = m_search.startOf(*match);
    const QPoint to = m_search.endOf(*match);
    setSelection(from, to);
    // Into view: the match's line in the middle when it is off screen.
    const int top = topLine();
    if (from.y() < top || from.y() >= top + m_screen->rows()) {
        updateScrollBar();
        verticalScrollBar()->setValue(std::max(0, from.y() - m_screen->rows() / 2));
    }
    return true;
}

} // namespace archnest::ui
