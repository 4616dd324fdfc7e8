#pragma once

#include <QString>

namespace archnest::ssh::sshcfg {

// The keywords OpenSSH 9.2's client accepts (readconf.c's table, found by asking `ssh -G`
// about every candidate). The ones ArchNest resolves have their own kind; the rest are
// accepted (and, where OpenSSH takes exactly one argument, checked for extra arguments).
enum class Keyword {
    Unknown,
    OtherSingle, // one argument
    OtherMulti,  // any number
    OtherRaw,    // the rest of the line (LocalCommand, RemoteCommand, KnownHostsCommand)
    Host,
    Match,
    Include,
    HostName,
    User,
    Port,
    IdentityFile,
    CertificateFile,
    IdentitiesOnly,
    IdentityAgent,
    ProxyJump,
    ProxyCommand,
    UserKnownHostsFile,
    GlobalKnownHostsFile,
    HostKeyAlias,
    StrictHostKeyChecking,
    ConnectTimeout,
    ServerAliveInterval,
    ServerAliveCountMax,
    IgnoreUnknown,
    CanonicalizeHostname,
};

Keyword keywordKind(const QString &lowerCaseKeyword);

} // namespace archnest::ssh::sshcfg
