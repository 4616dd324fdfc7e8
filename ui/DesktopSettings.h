#pragma once

#include "util/Result.h"

#include <QString>

class QSettings;

namespace archnest::ui {

// The desktop's own settings (settings.ini in the config dir). The receiver token is not here:
// it lives in the OS keychain (see DesktopApp::loadReceiverToken), never in a file.
struct DesktopSettings
{
    int refreshIntervalSec = 10;
    bool receiverEnabled = false;
    QString receiverAddress = QStringLiteral("127.0.0.1:4000");
    int staleWindowSec = 90;
    // The store: empty for the local SQLite file, else a PostgreSQL URL without its password
    // (core/store/StoreSetting.h; the password is in the OS keychain). Read at start.
    QString storeUrl;

    static DesktopSettings load(QSettings &settings);
    void save(QSettings &settings) const;
    bool operator==(const DesktopSettings &) const = default;
};

// A fresh random token (URL-safe base64 of 32 bytes from the system CSPRNG).
QByteArray generateReceiverToken();

// The receiver's token rules (receiver::checkTokenStrength, as `archnest-cli receive` applies
// them) for a token typed or pasted in the desktop; the error names it (`what`) and says what to
// do instead (`fix`, e.g. "Use Generate for a random one.").
VoidResult checkDesktopToken(const QByteArray &token, const QString &what, const QString &fix);

} // namespace archnest::ui
