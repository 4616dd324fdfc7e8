#pragma once

#include "model/HostConfig.h"
#include "util/Result.h"

namespace archnest::config {

// Applies the OpenSSH client config entries matching `alias` (HostName, User, Port,
// IdentityFile, CertificateFile, ProxyJump, UserKnownHostsFile) to `host`. An empty
// `configFile` applies nothing. Ignored directives are described in `notes`.
VoidResult applySshConfig(HostConfig &host, const QString &alias, const QString &configFile, QStringList *notes);

} // namespace archnest::config
