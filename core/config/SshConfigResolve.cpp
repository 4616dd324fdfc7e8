#include "config/SshConfigResolve.h"

#include "ssh/SshConfigFile.h"

namespace archnest::config {

VoidResult applySshConfig(HostConfig &host, const QString &alias, const QString &configFile, QStringList *notes)
{
    if (configFile.isEmpty())
        return {};
    const ssh::SshClientContext ctx = ssh::SshClientContext::fromSystem(configFile);
    Result<ssh::SshResolvedHost> resolved = ssh::resolveSshHost(ctx, alias);
    if (!resolved)
        return makeError(QStringLiteral("%1 (ssh config %2).").arg(resolved.errorMessage(), configFile),
                         QStringLiteral("usage"));
    Result<HostConfig> h = ssh::hostConfigFromResolved(alias, *resolved, true);
    if (!h)
        return makeError(QStringLiteral("%1 (ssh config %2).").arg(h.errorMessage(), configFile),
                         QStringLiteral("usage"));
    host.ssh = h->ssh;
    host.jumps = h->jumps;
    if (!h->knownHostsFile.isEmpty())
        host.knownHostsFile = h->knownHostsFile;
    if (notes)
        *notes << resolved->notes;
    return {};
}

} // namespace archnest::config
