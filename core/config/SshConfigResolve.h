#pragma once

#include "model/HostConfig.h"
#include "util/Result.h"

namespace archnest::config {

// Applies what OpenSSH resolves for `alias` from `configFile` (as `ssh -F configFile alias`:
// HostName, User, Port, IdentityFile, CertificateFile, ProxyJump chain, UserKnownHostsFile, with
// Include and Match, ProxyCommand) to `host`. An empty `configFile` applies nothing. Notes (what
// is not applied, e.g. canonicalisation) go to `notes`.
VoidResult applySshConfig(HostConfig &host, const QString &alias, const QString &configFile, QStringList *notes);

// A hosts-file entry with an `sshConfigAlias`, resolved now from `configFile` ("" = ~/.ssh/config
// then /etc/ssh/ssh_config, like ssh without -F): endpoint, jumps and known-hosts file come from
// the config; the entry's name, dockerCommand, readOnly and explicit auth / knownHostsFile stay.
Result<HostConfig> resolveSshConfigAlias(const HostConfig &host, const QString &configFile);

} // namespace archnest::config
