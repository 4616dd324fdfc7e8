#include "ElidingStatusBar.h"

#include <QPaintEvent>
#include <QPainter>
#include <QSizeGrip>
#include <QStyleOption>

namespace archnest::ui {

ElidingStatusBar::ElidingStatusBar(QWidget *parent)
    : QStatusBar(parent)
{
    setObjectName(QStringLiteral("StatusBar"));
    connect(this, &QStatusBar::messageChanged, this, [this] { update(); });
}

QRect ElidingStatusBar::messageRect() const
{
    // While a message shows, only permanent widgets are visible: the message ends before the
    // leftmost of them.
    int right = width();
    for (QWidget *w : findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
        if (w->isVisible() && !qobject_cast<QSizeGrip *>(w) && w->geometry().left() > 0)
            right = std::min(right, w->geometry().left() - kGap);
    const QMargins m = contentsMargins();
    return QRect(QPoint(m.left() + 4, 0), QPoint(std::max(m.left() + 4, right), height() - 1));
}

QString ElidingStatusBar::shownMessage() const
{
    return fontMetrics().elidedText(currentMessage(), Qt::ElideRight, messageRect().width());
}

void ElidingStatusBar::paintEvent(QPaintEvent *event)
{
    const QString message = currentMessage();
    if (message.isEmpty()) {
        QStatusBar::paintEvent(event);
        return;
    }
    // QStatusBar would draw the message unclipped up to the permanent widgets' edge; draw the
    // panel and the message ourselves.
    QPainter p(this);
    QStyleOption opt;
    opt.initFrom(this);
    style()->drawPrimitive(QStyle::PE_PanelStatusBar, &opt, &p, this);
    p.setPen(palette().windowText().color());
    const QString shown = shownMessage();
    p.drawText(messageRect(), Qt::AlignLeading | Qt::AlignVCenter | Qt::TextSingleLine, shown);
    if (shown != message && toolTip().isEmpty())
        setToolTip(message); // the whole message, while it is cut
}

} // namespace archnest::ui
