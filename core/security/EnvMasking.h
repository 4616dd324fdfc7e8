#pragma once

#include "model/Container.h"

#include <QString>
#include <QStringList>

namespace archnest::security {

// The agent's rule, applied by every source: an env key (or label key) containing PASS, PWD,
// SECRET, TOKEN, KEY, PRIVATE, CREDENTIAL or AUTH (not AUTHOR), any case, holds a secret.
// resources/agent/archnest-docker-agent.sh has the same expression in jq.
bool isSecretEnvKey(const QString &key);

inline constexpr char kMaskedValue[] = "********";

// Masks the secrets a value carries whatever its key: the password of a URL's user:password@
// ("postgres://app:********@db/x") and the value of a --password=/--token=/--secret= style
// argument (also "--password VALUE"). Idempotent: masking a masked text changes nothing.
QString maskCredentialsInText(const QString &text);

// An argument vector: each element as above, and the element after a bare "--password" /
// "--token" / "--secret" style flag.
QStringList maskCredentialsInArgs(const QStringList &args);

// Splits "KEY=value" and masks the value when the key looks secret (masked = true), or the
// credentials inside it (masked = true when anything was replaced).
EnvVar maskedEnvVar(const QString &keyEqualsValue);
QList<EnvVar> maskedEnv(const QStringList &keyEqualsValues);

} // namespace archnest::security
