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

Result<HostConfig> resolveSshConfigAlias(const HostConfig &host, const QString &configFile)
{
    const ssh::SshClientContext ctx = ssh::SshClientContext::fromSystem(configFile);
    // A user or port in the entry is what `ssh -l USER -p PORT ALIAS` is given (a docker ssh://
    // context's user@host:port): it beats the config.
    ssh::SshCommandLine cmd;
    cmd.user = host.ssh.user;
    cmd.port = host.ssh.port != 22 && host.ssh.port > 0 ? host.ssh.port : 0;
    Result<ssh::SshResolvedHost> resolved = ssh::resolveSshHost(ctx, host.sshConfigAlias, cmd);
    if (!resolved)
        return makeError(QStringLiteral("Host %1 (ssh config alias %2): %3.")
                             .arg(host.name, host.sshConfigAlias, resolved.errorMessage()),
                         QStringLiteral("ssh-config"));
    Result<HostConfig> h = ssh::hostConfigFromResolved(host.sshConfigAlias, *resolved, true);
    if (!h)
        return makeError(QStringLiteral("Host %1: %2.").arg(host.name, h.errorMessage()), QStringLiteral("ssh-config"));
    HostConfig out = host;
    out.ssh = h->ssh;
    out.ssh.auth = host.ssh.auth;
    if (out.ssh.auth.identityFile.isEmpty()) {
        out.ssh.auth.identityFile = h->ssh.auth.identityFile;
        out.ssh.auth.identityFiles = h->ssh.auth.identityFiles;
    }
    if (out.ssh.auth.certificateFile.isEmpty())
        out.ssh.auth.certificateFile = h->ssh.auth.certificateFile;
    out.ssh.auth.identitiesOnly = h->ssh.auth.identitiesOnly;
    out.ssh.auth.identityAgent = h->ssh.auth.identityAgent;
    out.jumps = h->jumps;
    if (out.knownHostsFile.isEmpty())
        out.knownHostsFile = h->knownHostsFile;
    else { // the entry names its own known_hosts file: that one, on every hop
        out.ssh.userKnownHostsFiles.clear();
        for (SshEndpoint &j : out.jumps)
            j.userKnownHostsFiles.clear();
    }
    return out;
}

} // namespace archnest::config
