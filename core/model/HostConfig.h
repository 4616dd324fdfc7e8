#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace archnest {

enum class HostKind { Ssh, DockerApi, Agent };

QString hostKindName(HostKind kind); // "ssh", "docker-api", "agent"

// How to authenticate one SSH hop. Secrets are never held here: `passwordRef` and
// `passphraseRef` name entries in the OS keychain; `passwordFile` / `passphraseFile` point at a
// file (for scripts and tests) whose content is read at connect time.
struct SshAuthConfig
{
    // Tried in this order; empty means the default: agent, publickey (incl. certificates),
    // keyboard-interactive, password.
    QStringList methods;
    QString identityFile; // private key; "" = the usual ~/.ssh/id_* files
    // Every IdentityFile of the user's ~/.ssh/config, in order (resolved at connect, never in the
    // hosts file); tried one after the other as OpenSSH does. Non-empty: replaces identityFile.
    QStringList identityFiles = {};
    bool identitiesOnly = false; // IdentitiesOnly: no agent key beyond the listed identities
    QString identityAgent = {};  // IdentityAgent: "" = $SSH_AUTH_SOCK, "none" = no agent, else a socket
    QString certificateFile;     // OpenSSH user certificate; "" = <identityFile>-cert.pub if present
    QString passwordRef;
    QString passwordFile;
    QString passphraseRef;
    QString passphraseFile;
    bool useAgent = true;

    bool operator==(const SshAuthConfig &) const = default;
};

// One SSH hop: the target itself or a jump host.
struct SshEndpoint
{
    QString host;
    int port = 22;
    QString user;
    SshAuthConfig auth;
    // OpenSSH ProxyCommand, tokens already expanded ("exec ..."): run with the user's shell, its
    // stdin/stdout carry this hop's connection. Only from ~/.ssh/config at connect time; "" = TCP.
    QString proxyCommand = {};
    // From ~/.ssh/config (resolved at connect): the name looked up and saved in known_hosts
    // instead of host/port (HostKeyAlias); the known_hosts files checked (all of them; a new key
    // is saved to the first user file), "" lists = the host's knownHostsFile.
    QString hostKeyAlias = {};
    QStringList userKnownHostsFiles = {};
    QStringList globalKnownHostsFiles = {};
    int connectTimeoutSeconds = -1; // ConnectTimeout; -1 = ours (SshTarget::connectTimeoutMs)
    int serverAliveInterval = 0;    // ServerAliveInterval; 0 = ours (SshTarget::keepaliveSeconds)
    int serverAliveCountMax = 3;

    QString displayName() const; // user@host:port
    bool operator==(const SshEndpoint &) const = default;
};

struct TlsFiles
{
    QString caFile;
    QString certFile;
    QString keyFile;
    bool verifyServer = true;

    bool operator==(const TlsFiles &) const = default;
};

// One configured host. A name is the stable id used everywhere (model keys, CLI HOST, tabs).
struct HostConfig
{
    QString name;
    HostKind kind = HostKind::Ssh;
    bool readOnly = false;

    // kind == Ssh
    SshEndpoint ssh;
    QList<SshEndpoint> jumps;                         // in order: the first is reached directly
    QString dockerCommand = QStringLiteral("docker"); // e.g. "sudo -n docker"; validated, never from a remote
    QString knownHostsFile;                           // "" = ~/.ssh/known_hosts
    // An alias of the user's ~/.ssh/config: the endpoint, jumps and known-hosts file are resolved
    // from it (as `ssh ALIAS` would) each time the host's connection is set up. "" = as written.
    QString sshConfigAlias = {};

    // kind == DockerApi: tcp://host:port or unix:///path
    QString apiUrl;
    bool useTls = false;
    TlsFiles tls;

    bool canManage() const { return kind != HostKind::Agent && !readOnly; }
    bool operator==(const HostConfig &) const = default;
};

} // namespace archnest

Q_DECLARE_METATYPE(archnest::HostConfig)
