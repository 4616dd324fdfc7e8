#pragma once

// One OpenSSH configuration pass (internal to the ssh_config resolver, see SshConfigEngine.h):
// the options as OpenSSH holds them while reading, and the reader of the config files -
// Include, Host, Match (SshConfigPass.cpp) and every directive (SshConfigDirectives.cpp).

#include "ssh/SshConfigEngine.h"
#include "ssh/SshConfigLexer.h"

#include <optional>

namespace archnest::ssh::sshcfg {

// The options as OpenSSH holds them while reading: "unset" until the first active value.
struct Options
{
    std::optional<QString> hostName, user, proxyCommand, jumpHost, jumpUser, jumpExtra, hostKeyAlias, identityAgent,
        strict, ignoreUnknown, canonicalize;
    int port = -1;
    int jumpPort = -1;
    std::optional<bool> identitiesOnly;
    std::optional<int> connectTimeout, serverAliveInterval, serverAliveCountMax;
    QStringList identityFiles, certificateFiles;
    std::optional<QStringList> userKnownHosts, globalKnownHosts;
};

QString lower(QString s); // ASCII only, like OpenSSH's lowercase()
QString shortHost(const QString &h);
QString connectionHash(const QString &thisHost, const QString &host, const QString &port, const QString &user);
// parse_jump(): `text` is the raw rest of the line; only the first value obtained is kept.
bool parseJump(const QString &text, Options &o, bool active);

class ConfigPass
{
public:
    ConfigPass(const SshClientContext &ctx, Options &o, QString host, QString originalHost, bool finalPass)
        : m_ctx(ctx)
        , m_o(o)
        , m_host(std::move(host))
        , m_originalHost(std::move(originalHost))
        , m_final(finalPass)
    {}

    bool wantFinal() const { return m_wantFinal; }
    QStringList notes() const { return m_notes; }

    // Returns "" or an error naming the file and line.
    QString readFile(const QString &path, bool userConf, bool checkPerm, bool neverMatch, bool *active, int depth,
                     bool *opened);

private:
    QString processLine(const ConfigLine &l, const QString &file, int lineNo, bool *active, bool userConf,
                        bool neverMatch, int depth);
    QString include(const ConfigLine &l, const QString &file, int lineNo, bool *active, bool userConf, bool neverMatch,
                    int depth);
    // match_cfg_line(): 1/0, or -1 with `error` set.
    int matchLine(const QString &rest, const QString &file, int lineNo, QString *error);
    int runExec(const QString &command, QString *error);

    const SshClientContext &m_ctx;
    Options &m_o;
    QString m_host;
    QString m_originalHost;
    bool m_final = false;
    bool m_wantFinal = false;
    int m_files = 0;
    int m_execs = 0;
    QStringList m_notes;
};

} // namespace archnest::ssh::sshcfg
