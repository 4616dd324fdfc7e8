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
    QString identityFile;    // private key; "" = the usual ~/.ssh/id_* files
    QString certificateFile; // OpenSSH user certificate; "" = <identityFile>-cert.pub if present
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
