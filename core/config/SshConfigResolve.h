#pragma once

#include "model/HostConfig.h"
#include "util/Result.h"

namespace archnest::config {

// Applies what OpenSSH resolves for `alias` from `configFile` (as `ssh -F configFile alias`:
// HostName, User, Port, IdentityFile, CertificateFile, ProxyJump chain, UserKnownHostsFile, with
// Include and Match, ProxyCommand) to `host`. An empty `configFile` applies nothing. Notes (what
// is not applied, e.g. canonicalisation) go to `notes`.
VoidResult applySshConfig(HostConfig &host, const QString &alias, const QString &configFile, QStringList *notes);

} // namespace archnest::config
