#include "DimmedIconStyle.h"

#include <QPainter>
#include <QStyleFactory>

namespace archnest::ui {

DimmedIconStyle::DimmedIconStyle(const QString &baseStyle)
    : QProxyStyle(QStyleFactory::create(baseStyle))
{}

QPixmap DimmedIconStyle::generatedIconPixmap(QIcon::Mode mode, const QPixmap &pixmap, const QStyleOption *option) const
{
    if (mode == QIcon::Disabled)
        return dimmed(pixmap);
    return QProxyStyle::generatedIconPixmap(mode, pixmap, option);
}

QPixmap DimmedIconStyle::dimmed(const QPixmap &pixmap)
{
    QImage grey = pixmap.toImage().convertToFormat(QImage::Format_ARGB32);
    // Greyscale first (a disabled icon carries no colour meaning), then faded.
    for (int y = 0; y < grey.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(grey.scanLine(y));
        for (int x = 0; x < grey.width(); ++x) {
            const int g = qGray(line[x]);
            line[x] = qRgba(g, g, g, qAlpha(line[x]));
        }
    }
    QPixmap out(pixmap.size());
    out.setDevicePixelRatio(pixmap.devicePixelRatio());
    out.fill(Qt::transparent);
    QPainter p(&out);
    p.setOpacity(kDisabledOpacity);
    p.drawImage(QPoint(0, 0), grey);
    return out;
}

} // namespace archnest::ui
