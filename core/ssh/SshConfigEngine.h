#pragma once

// One OpenSSH client configuration pass, as `ssh` (OpenSSH 9.2) performs it for one
// destination: the config files in order (Include, Host, Match incl. `exec`, first obtained value
// wins), a final pass when the config asks for one, then the defaults. The result holds values
// as `ssh -G` prints them; SshConfigFile.h builds jump chains and fully expanded paths on top.

#include "util/Result.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace archnest::ssh {

// The local side: who runs ssh, where, with which environment and config files.
struct SshClientContext
{
    QString userConfig;           // `-F FILE`, or ~/.ssh/config; "" = none
    QString systemConfig;         // /etc/ssh/ssh_config unless -F was given; "" = none
    bool userConfigGiven = false; // -F: a missing file is an error (not for ~/.ssh/config)
    QString homeDir;              // the password database's home (what `~` means to OpenSSH)
    QString localUser;
    qint64 uid = 0;
    QString localHostName;       // gethostname()
    QHash<QString, QString> env; // for ${VAR}; $HOME also anchors relative Include paths
    int matchExecTimeoutMs = 10000;
    bool runMatchExec = true; // false: a `Match exec` line is an error instead of a command run

    // The running process's view; `configFile` as `ssh -F` ("" = ~/.ssh/config + system file).
    static SshClientContext fromSystem(const QString &configFile);
};

// What ssh is given on its command line for one hop (-l, -p, -J): set before any config line.
struct SshCommandLine
{
    QString user;
    int port = 0;
    QString jump; // "" = no -J
};

struct SshResolvedOptions
{
    QString hostArg;  // the alias as given
    QString hostName; // resolved and lower-cased, as `ssh -G` prints `hostname`
    QString user;
    int port = 22;
    QStringList identityFiles;         // as written (tokens unexpanded, like `ssh -G`)
    bool identityFilesDefault = false; // none configured: OpenSSH's defaults
    QStringList certificateFiles;      // as written
    QStringList userKnownHostsFiles;   // expanded (like `ssh -G`)
    bool userKnownHostsDefault = false;
    QStringList globalKnownHostsFiles; // as written
    bool identitiesOnly = false;
    QString identityAgent;                                 // expanded; "" = unset
    QString hostKeyAlias;                                  // lower-cased
    QString strictHostKeyChecking = QStringLiteral("ask"); // yes/no/ask/accept-new as configured
    int connectTimeout = -1;                               // seconds; -1 = none
    int serverAliveInterval = 0;
    int serverAliveCountMax = 3;
    QString proxyCommand; // as written; "" = none
    QString jumpHost;     // the last ProxyJump hop ("" = none); earlier ones are in jumpExtra
    QString jumpUser;
    int jumpPort = -1;
    QString jumpExtra;     // "j1,j2" before jumpHost, given to that hop's ssh as -J
    QString proxyJumpText; // as `ssh -G` prints `proxyjump`
    QStringList notes;     // what OpenSSH would do that ArchNest does not (e.g. canonicalisation)
};

// Resolves `hostArg` (an alias, as `ssh [options] hostArg`). Errors carry the file and line.
Result<SshResolvedOptions> resolveSshOptions(const SshClientContext &ctx, const QString &hostArg,
                                             const SshCommandLine &cmd = {});

// The tokens OpenSSH expands in IdentityFile, CertificateFile, UserKnownHostsFile and
// IdentityAgent (%C %d %h %i %k %L %l %n %p %r %u, %% and ${VAR}), after `~`.
Result<QString> expandClientPath(const SshClientContext &ctx, const SshResolvedOptions &o, const QString &raw);

} // namespace archnest::ssh
