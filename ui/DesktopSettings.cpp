#include "DesktopSettings.h"

#include "ReceiverConfig.h"

#include <QRandomGenerator>
#include <QSettings>

#include <algorithm>
#include <array>

namespace archnest::ui {

DesktopSettings DesktopSettings::load(QSettings &s)
{
    DesktopSettings d;
    d.refreshIntervalSec =
        std::clamp(s.value(QStringLiteral("refresh/intervalSec"), d.refreshIntervalSec).toInt(), 0, 3600);
    d.receiverEnabled = s.value(QStringLiteral("receiver/enabled"), d.receiverEnabled).toBool();
    d.receiverAddress = s.value(QStringLiteral("receiver/address"), d.receiverAddress).toString();
    d.staleWindowSec =
        std::clamp(s.value(QStringLiteral("receiver/staleWindowSec"), d.staleWindowSec).toInt(), 10, 86400);
    d.storeUrl = s.value(QStringLiteral("store/url")).toString();
    return d;
}

void DesktopSettings::save(QSettings &s) const
{
    s.setValue(QStringLiteral("refresh/intervalSec"), refreshIntervalSec);
    s.setValue(QStringLiteral("receiver/enabled"), receiverEnabled);
    s.setValue(QStringLiteral("receiver/address"), receiverAddress);
    s.setValue(QStringLiteral("receiver/staleWindowSec"), staleWindowSec);
    s.setValue(QStringLiteral("store/url"), storeUrl);
}

QByteArray generateReceiverToken()
{
    std::array<quint32, 8> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray raw(reinterpret_cast<const char *>(words.data()), qsizetype(sizeof(words)));
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

VoidResult checkDesktopToken(const QByteArray &token, const QString &what, const QString &fix)
{
    return receiver::checkTokenStrength(token, what, fix);
}

} // namespace archnest::ui
