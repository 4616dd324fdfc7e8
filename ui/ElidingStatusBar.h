#pragma once

#include <QStatusBar>

namespace archnest::ui {

// A status bar whose temporary message ends with "…" before the permanent widgets (progress,
// "N host(s)", the receiver state) with a gap, instead of running into them; the whole message
// is in the tooltip while it is cut.
class ElidingStatusBar final : public QStatusBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidingStatusBar)

public:
    static constexpr int kGap = 12; // px between the message and the first permanent widget

    explicit ElidingStatusBar(QWidget *parent = nullptr);

    // Where the message is drawn, and the text drawn there (elided to fit).
    QRect messageRect() const;
    QString shownMessage() const;

protected:
    void paintEvent(QPaintEvent *event) override;
};

} // namespace archnest::ui
