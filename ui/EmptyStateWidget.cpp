#include "EmptyStateWidget.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace archnest::ui {

EmptyStateWidget::EmptyStateWidget(QWidget *parent)
    : QWidget(parent)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_text(new QLabel(this))
{
    auto *column = new QVBoxLayout(this);
    column->addStretch(2);
    m_icon->setAlignment(Qt::AlignCenter);
    column->addWidget(m_icon);

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    column->addWidget(m_title);

    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_text->setMinimumWidth(420);
    m_text->setMaximumWidth(560);
    m_text->setForegroundRole(QPalette::PlaceholderText);
    auto *textRow = new QHBoxLayout;
    textRow->addStretch();
    textRow->addWidget(m_text);
    textRow->addStretch();
    column->addLayout(textRow);
    column->addSpacing(12);

    m_buttons = new QHBoxLayout;
    m_buttons->addStretch();
    m_buttons->addStretch();
    column->addLayout(m_buttons);
    column->addStretch(3);
}

void EmptyStateWidget::setIcon(const QIcon &icon)
{
    m_icon->setPixmap(icon.pixmap(QSize(72, 72)));
}

void EmptyStateWidget::setTitle(const QString &title)
{
    m_title->setText(title);
}

void EmptyStateWidget::setText(const QString &text)
{
    m_text->setText(text);
}

QPushButton *EmptyStateWidget::addAction(const QString &label, const QIcon &icon)
{
    auto *button = new QPushButton(icon, label, this);
    m_buttons->insertWidget(m_buttons->count() - 1, button);
    return button;
}

} // namespace archnest::ui
