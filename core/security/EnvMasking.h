#pragma once

#include "model/Container.h"

#include <QString>

namespace archnest::security {

// The agent's rule, applied by every source: an env key containing PASS, SECRET, TOKEN, KEY,
// PRIVATE or CREDENTIAL (any case) holds a secret.
bool isSecretEnvKey(const QString &key);

inline constexpr char kMaskedValue[] = "********";

// Splits "KEY=value" and masks the value when the key looks secret.
EnvVar maskedEnvVar(const QString &keyEqualsValue);
QList<EnvVar> maskedEnv(const QStringList &keyEqualsValues);

} // namespace archnest::security
