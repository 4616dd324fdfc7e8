#pragma once

// The operator's OpenSSH client configuration, resolved as `ssh` (OpenSSH 9.2) resolves it
// (SshConfigEngine.h), plus the jump chain OpenSSH builds from ProxyJump, and the import of
// every concrete alias into our own host configuration.

#include "model/HostConfig.h"
#include "ssh/SshConfigEngine.h"
#include "util/Result.h"

#include <QList>
#include <QStringList>

namespace archnest::ssh {

// One hop as OpenSSH would connect it; paths fully expanded (`~`, %-tokens, ${VAR}).
struct SshResolvedHop
{
    QString alias; // the name ssh was given for this hop
    QString host;
    int port = 22;
    QString user;
    QString proxyCommand; // as written (tokens unexpanded, like `ssh -G`); "" = none
    QStringList identityFiles;
    bool identityFilesDefault = false; // none configured: OpenSSH's default key names
    QStringList certificateFiles;
    QStringList knownHostsFiles;       // UserKnownHostsFile entries, then GlobalKnownHostsFile
    QStringList userKnownHostsFiles;   // the same, split: UserKnownHostsFile (expanded)
    QStringList globalKnownHostsFiles; // GlobalKnownHostsFile (as written)
    bool knownHostsDefault = false;
    bool identitiesOnly = false;
    QString identityAgent;
    QString hostKeyAlias;
    QString strictHostKeyChecking; // as configured; ArchNest never checks less than "ask"
    int connectTimeout = -1;
    int serverAliveInterval = 0;
    int serverAliveCountMax = 3;
};

struct SshResolvedHost
{
    SshResolvedHop target;
    QList<SshResolvedHop> jumps; // in connection order: the first is reached directly
    QStringList notes;
};

// `ssh -G ALIAS` plus its jump chain: for `ProxyJump j1,j2,j3` hop i is what
// `ssh -J j1,...,j(i-1) ji` resolves (only the first hop's own ProxyJump applies), and a
// ProxyCommand (first obtained) replaces the jumps.
// `cmd`: what `ssh -l USER -p PORT` would be given (beats the config, for the target only).
Result<SshResolvedHost> resolveSshHost(const SshClientContext &ctx, const QString &alias,
                                       const SshCommandLine &cmd = {});

// The concrete aliases of every `Host` line (no wildcards, no negation), Include followed, in
// file order, each once.
Result<QStringList> listSshConfigAliases(const SshClientContext &ctx);

// A host of ours for one resolved alias. A ProxyCommand (target or first hop) becomes the
// endpoint's `proxyCommand`, expanded as OpenSSH expands it (%h %k %n %p %r, "exec " prefix) -
// only with `withProxyCommand` (the hosts file cannot store one); otherwise it is an error.
Result<HostConfig> hostConfigFromResolved(const QString &name, const SshResolvedHost &r, bool withProxyCommand = false);

struct SshConfigImport
{
    QList<HostConfig> hosts; // one per concrete alias, in file order
    QStringList ignored;     // what was not imported and why
};

// Reads `path` ("" = ~/.ssh/config and /etc/ssh/ssh_config, like ssh without -F).
Result<SshConfigImport> importSshConfig(const QString &path = {});

} // namespace archnest::ssh
