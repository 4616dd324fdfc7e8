#pragma once

#include <QProxyStyle>

namespace archnest::ui {

// Fusion with disabled icons drawn faded (about a third of their opacity). Fusion's own
// disabled pixmap is a light grey that, on the dark palette, looks like an enabled icon.
class DimmedIconStyle final : public QProxyStyle
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DimmedIconStyle)

public:
    static constexpr qreal kDisabledOpacity = 0.35;

    explicit DimmedIconStyle(const QString &baseStyle = QStringLiteral("Fusion"));

    QPixmap generatedIconPixmap(QIcon::Mode mode, const QPixmap &pixmap, const QStyleOption *option) const override;
    // The disabled look of `pixmap` (also for tests).
    static QPixmap dimmed(const QPixmap &pixmap);
};

} // namespace archnest::ui
