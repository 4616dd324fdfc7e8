#pragma once

#include <QDateTime>
#include <QString>

namespace archnest::ui {

// The file name offered when saving a log: host-container-timestamp.log, e.g.
// "web-01-nginx-20261207-231500.log". Characters a file name should not carry (path
// separators, spaces, control characters, anything but letters, digits, '.', '_' and '-') become
// '_', so a remote container name never picks the directory. No widgets.
QString defaultLogFileName(const QString &host, const QString &container, const QDateTime &when);

} // namespace archnest::ui
