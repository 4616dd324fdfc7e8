#pragma once

// Imports Host entries from an OpenSSH client config (~/.ssh/config) into our own host
// configuration. Only what maps onto HostConfig is taken: HostName, User, Port, IdentityFile,
// CertificateFile, ProxyJump (becomes our native jump chain), UserKnownHostsFile. Wildcard Host
// blocks are applied to the concrete hosts they match (first value wins, as in OpenSSH); Match
// blocks, Include, ProxyCommand and everything else are skipped and reported, never executed.

#include "model/HostConfig.h"
#include "util/Result.h"

#include <QList>
#include <QStringList>

namespace archnest::ssh {

struct SshConfigImport
{
    QList<HostConfig> hosts; // one per concrete alias, in file order
    QStringList ignored;     // "config:12: Match block ignored (...)": what was not applied and why
};

// Pure: parses `text`; `sourceName` prefixes the ignored-line notes; `homeDir` expands "~/".
SshConfigImport parseSshConfig(const QByteArray &text, const QString &sourceName, const QString &homeDir);

// Reads `path` ("" = ~/.ssh/config).
Result<SshConfigImport> importSshConfig(const QString &path = {});

} // namespace archnest::ssh
