#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QHBoxLayout;

namespace archnest::ui {

// A centred "nothing here yet" panel: an icon, a title, an explanation and a row of actions.
class EmptyStateWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EmptyStateWidget)

public:
    explicit EmptyStateWidget(QWidget *parent = nullptr);

    void setIcon(const QIcon &icon);
    void setTitle(const QString &title);
    void setText(const QString &text);
    QPushButton *addAction(const QString &label, const QIcon &icon = {});

private:
    QLabel *m_icon = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_text = nullptr;
    QHBoxLayout *m_buttons = nullptr;
};

} // namespace archnest::ui
