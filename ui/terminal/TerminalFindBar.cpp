#include "TerminalFindBar.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace archnest::ui {

TerminalFindBar::TerminalFindBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("TerminalFindBar"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);
    m_edit = new QLineEdit(this);
    m_edit->setPlaceholderText(tr("Find in terminal"));
    m_edit->setClearButtonEnabled(true);
    m_result = new QLabel(this);
    m_result->setTextFormat(Qt::PlainText);
    m_result->setMinimumWidth(m_result->fontMetrics().horizontalAdvance(tr("9999 matches")));
    m_edit->setMinimumWidth(120);
    auto *prev = new QToolButton(this);
    prev->setText(QStringLiteral("↑"));
    prev->setToolTip(tr("Previous match (Shift+Enter)"));
    auto *next = new QToolButton(this);
    next->setText(QStringLiteral("↓"));
    next->setToolTip(tr("Next match (Enter)"));
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Close (Esc)"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_result);
    layout->addWidget(prev);
    layout->addWidget(next);
    layout->addWidget(close);
    connect(m_edit, &QLineEdit::textChanged, this, &TerminalFindBar::textChanged);
    connect(m_edit, &QLineEdit::returnPressed, this, [this] { Q_EMIT findRequested(false); });
    connect(prev, &QToolButton::clicked, this, [this] { Q_EMIT findRequested(true); });
    connect(next, &QToolButton::clicked, this, [this] { Q_EMIT findRequested(false); });
    connect(close, &QToolButton::clicked, this, [this] {
        hide();
        Q_EMIT closed();
    });
    hide();
}

void TerminalFindBar::setResult(int matches)
{
    m_result->setText(m_edit->text().isEmpty() ? QString()
                      : matches == 0           ? tr("no matches")
                      : matches == 1           ? tr("1 match")
                                               : tr("%1 matches").arg(matches));
}

void TerminalFindBar::open()
{
    show();
    raise();
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void TerminalFindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        Q_EMIT closed();
        return;
    }
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && (event->modifiers() & Qt::ShiftModifier)) {
        Q_EMIT findRequested(true);
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace archnest::ui
