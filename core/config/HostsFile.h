#pragma once

// The hosts file: a human-editable JSON list of SSH and Docker Engine API hosts in the config
// dir (AppPaths::hostsFile()), shared by the GUI and the CLI. Agent hosts are not in it (they
// come from the store). Secrets never appear in it: only keychain references
// (passwordRef / passphraseRef) or paths to files holding them (passwordFile / passphraseFile).
// Format and examples: docs/user-guide.md.

#include "model/HostConfig.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace archnest::config {

inline constexpr int kHostsFileVersion = 1;
inline constexpr qint64 kMaxHostsFileBytes = 4 * 1024 * 1024;

// A missing file is an empty list (first run). Errors name the file, the entry (index and
// name), the field and what is expected.
Result<QList<HostConfig>> loadHostsFile(const QString &path);
// Atomic (QSaveFile): a crash mid-write leaves the old file. The file is private to the user.
VoidResult saveHostsFile(const QString &path, const QList<HostConfig> &hosts);

// The same, on bytes; `origin` names the source in errors.
Result<QList<HostConfig>> parseHostsJson(const QByteArray &json, const QString &origin);
QByteArray hostsToJson(const QList<HostConfig> &hosts);

// Host names are the CLI's HOST argument and model keys: letters, digits, '_', '.', '-',
// starting with a letter or digit, at most 64 characters (so never mistaken for a URL).
VoidResult validateHostName(const QString &name);

} // namespace archnest::config
