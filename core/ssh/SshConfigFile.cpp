#include "ssh/SshConfigFile.h"

#include "ssh/SshConfigKeywords.h"
#include "ssh/SshConfigLexer.h"

#include <QFile>

#include <glob.h>

namespace archnest::ssh {

using namespace sshcfg;

namespace {

constexpr int kMaxChainDepth = 16;
constexpr int kMaxListedFiles = 512;
constexpr qint64 kMaxFileBytes = 4 * 1024 * 1024;

Result<SshResolvedHop> makeHop(const SshClientContext &ctx, const SshResolvedOptions &o, QStringList *notes)
{
    SshResolvedHop h;
    h.alias = o.hostArg;
    h.host = o.hostName;
    h.port = o.port;
    h.user = o.user;
    h.proxyCommand = o.proxyCommand;
    h.identityFilesDefault = o.identityFilesDefault;
    // ssh expands these only when it loads the keys: an unknown token or unset ${VAR} fails the
    // connection, not the resolution. The path stays as written, with a note.
    auto expand = [&](const QStringList &raw, const char *what, QStringList *out) {
        for (const QString &f : raw) {
            Result<QString> e = expandClientPath(ctx, o, f);
            if (!e && notes)
                *notes << QStringLiteral("%1: %2 %3 (ssh would fail to load it)")
                              .arg(o.hostArg, QLatin1String(what), e.errorMessage());
            *out << (e ? *e : f);
        }
    };
    expand(o.identityFiles, "IdentityFile", &h.identityFiles);
    expand(o.certificateFiles, "CertificateFile", &h.certificateFiles);
    h.knownHostsFiles = o.userKnownHostsFiles;
    h.knownHostsDefault = o.userKnownHostsDefault;
    h.knownHostsFiles << o.globalKnownHostsFiles; // taken as written, like OpenSSH 9.2
    h.userKnownHostsFiles = o.userKnownHostsFiles;
    h.globalKnownHostsFiles = o.globalKnownHostsFiles;
    h.identitiesOnly = o.identitiesOnly;
    h.identityAgent = o.identityAgent;
    h.hostKeyAlias = o.hostKeyAlias;
    h.strictHostKeyChecking = o.strictHostKeyChecking;
    h.connectTimeout = o.connectTimeout;
    h.serverAliveInterval = o.serverAliveInterval;
    h.serverAliveCountMax = o.serverAliveCountMax;
    return h;
}

// The hops before the host `o` describes: ssh runs `ssh [-l U] [-p P] [-J extra] jumpHost -W ...`.
Result<QList<SshResolvedHop>> hopsBefore(const SshClientContext &ctx, const SshResolvedOptions &o, int depth,
                                         QStringList *notes)
{
    QList<SshResolvedHop> out;
    if (!o.proxyCommand.isEmpty() || o.jumpHost.isEmpty())
        return out;
    if (depth >= kMaxChainDepth)
        return Error(QStringLiteral("ProxyJump chain through %1 is deeper than %2 hops (a loop in the ssh config?)")
                         .arg(o.jumpHost)
                         .arg(kMaxChainDepth),
                     QStringLiteral("ssh-config"));
    SshCommandLine cmd;
    cmd.user = o.jumpUser;
    cmd.port = o.jumpPort > 0 ? o.jumpPort : 0;
    cmd.jump = o.jumpExtra;
    Result<SshResolvedOptions> jump = resolveSshOptions(ctx, o.jumpHost, cmd);
    if (!jump)
        return jump.error();
    *notes << jump->notes;
    Result<QList<SshResolvedHop>> before = hopsBefore(ctx, *jump, depth + 1, notes);
    if (!before)
        return before.error();
    out = *before;
    Result<SshResolvedHop> hop = makeHop(ctx, *jump, notes);
    if (!hop)
        return hop.error();
    out << *hop;
    return out;
}

struct AliasLister
{
    const SshClientContext &ctx;
    QStringList aliases;
    int files = 0;

    QString read(const QString &path, bool userConf, int depth)
    {
        if (depth > 16)
            return QStringLiteral("%1: too many recursive configuration includes").arg(path);
        if (++files > kMaxListedFiles)
            return QStringLiteral("%1: more than %2 configuration files included").arg(path).arg(kMaxListedFiles);
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        const QList<QByteArray> lines = f.read(kMaxFileBytes).split('\n');
        for (int i = 0; i < lines.size(); ++i) {
            QByteArray raw = lines.at(i);
            if (const int nul = raw.indexOf('\0'); nul >= 0)
                raw.truncate(nul);
            ConfigLine l;
            if (const QString e = lexConfigLine(QString::fromUtf8(raw), &l); !e.isEmpty())
                return QStringLiteral("%1 line %2: %3").arg(path).arg(i + 1).arg(e);
            const Keyword k = keywordKind(l.keyword);
            if (k == Keyword::Host) {
                for (const QString &p : std::as_const(l.args)) {
                    if (!p.isEmpty() && !p.contains(QLatin1Char('*')) && !p.contains(QLatin1Char('?')) &&
                        !p.startsWith(QLatin1Char('!')) && !aliases.contains(p))
                        aliases << p;
                }
            } else if (k == Keyword::Include) {
                for (const QString &arg : std::as_const(l.args)) {
                    QString pattern = arg;
                    if (!arg.startsWith(QLatin1Char('/')) && !arg.startsWith(QLatin1Char('~')))
                        pattern = (userConf ? QStringLiteral("~/.ssh/") : QStringLiteral("/etc/ssh/")) + arg;
                    if (pattern.startsWith(QStringLiteral("~/")))
                        pattern = ctx.env.value(QStringLiteral("HOME"), ctx.homeDir) + pattern.mid(1);
                    glob_t gl{};
                    const QByteArray pat = pattern.toLocal8Bit();
                    if (::glob(pat.constData(), GLOB_TILDE, nullptr, &gl) == 0) {
                        QStringList paths;
                        for (size_t j = 0; j < gl.gl_pathc; ++j)
                            paths << QString::fromLocal8Bit(gl.gl_pathv[j]);
                        ::globfree(&gl);
                        for (const QString &p : std::as_const(paths)) {
                            if (const QString e = read(p, userConf, depth + 1); !e.isEmpty())
                                return e;
                        }
                    } else {
                        ::globfree(&gl);
                    }
                }
            }
        }
        return {};
    }
};

} // namespace

Result<SshResolvedHost> resolveSshHost(const SshClientContext &ctx, const QString &alias, const SshCommandLine &cmd)
{
    Result<SshResolvedOptions> o = resolveSshOptions(ctx, alias, cmd);
    if (!o)
        return o.error();
    SshResolvedHost r;
    r.notes = o->notes;
    Result<SshResolvedHop> target = makeHop(ctx, *o, &r.notes);
    if (!target)
        return target.error();
    r.target = *target;
    Result<QList<SshResolvedHop>> jumps = hopsBefore(ctx, *o, 0, &r.notes);
    if (!jumps)
        return jumps.error();
    r.jumps = *jumps;
    r.notes.removeDuplicates();
    return r;
}

Result<QStringList> listSshConfigAliases(const SshClientContext &ctx)
{
    AliasLister lister{ctx, {}, 0};
    if (!ctx.userConfig.isEmpty()) {
        if (ctx.userConfigGiven && !QFile::exists(ctx.userConfig))
            return Error(QStringLiteral("Can't open user config file %1").arg(ctx.userConfig),
                         QStringLiteral("ssh-config"));
        if (const QString e = lister.read(ctx.userConfig, true, 0); !e.isEmpty())
            return Error(e, QStringLiteral("ssh-config"));
    }
    if (!ctx.systemConfig.isEmpty()) {
        if (const QString e = lister.read(ctx.systemConfig, false, 0); !e.isEmpty())
            return Error(e, QStringLiteral("ssh-config"));
    }
    return lister.aliases;
}

Result<HostConfig> hostConfigFromResolved(const QString &name, const SshResolvedHost &r, bool withProxyCommand)
{
    auto endpoint = [&](const SshResolvedHop &h) -> Result<SshEndpoint> {
        SshEndpoint ep;
        ep.host = h.host;
        ep.port = h.port;
        ep.user = h.user;
        if (!h.identityFilesDefault && !h.identityFiles.isEmpty()) {
            ep.auth.identityFile = h.identityFiles.constFirst();
            ep.auth.identityFiles = h.identityFiles;
        }
        if (!h.certificateFiles.isEmpty())
            ep.auth.certificateFile = h.certificateFiles.constFirst();
        ep.auth.identitiesOnly = h.identitiesOnly;
        ep.auth.identityAgent = h.identityAgent;
        ep.hostKeyAlias = h.hostKeyAlias;
        if (!h.knownHostsDefault)
            ep.userKnownHostsFiles = h.userKnownHostsFiles;
        ep.globalKnownHostsFiles = h.globalKnownHostsFiles;
        ep.connectTimeoutSeconds = h.connectTimeout;
        ep.serverAliveInterval = h.serverAliveInterval;
        ep.serverAliveCountMax = h.serverAliveCountMax;
        if (h.proxyCommand.isEmpty())
            return ep;
        if (!withProxyCommand)
            return Error(QStringLiteral("%1 is reached through a ProxyCommand (%2), which an imported host cannot "
                                        "hold yet; connect with ssh://%1 instead")
                             .arg(name, h.alias),
                         QStringLiteral("unsupported"));
        // OpenSSH's expand_proxy_command(): "exec " + the command, then %h %k %n %p %r.
        QString error;
        const auto cmd = expandTokens(QStringLiteral("exec ") + h.proxyCommand,
                                      {{QLatin1Char('h'), h.host},
                                       {QLatin1Char('k'), h.hostKeyAlias.isEmpty() ? h.alias : h.hostKeyAlias},
                                       {QLatin1Char('n'), h.alias},
                                       {QLatin1Char('p'), QString::number(h.port)},
                                       {QLatin1Char('r'), h.user}},
                                      false, {}, &error);
        if (!cmd)
            return Error(QStringLiteral("%1: ProxyCommand \"%2\": %3").arg(h.alias, h.proxyCommand, error),
                         QStringLiteral("ssh-config"));
        ep.proxyCommand = *cmd;
        return ep;
    };
    HostConfig h;
    h.name = name;
    h.kind = HostKind::Ssh;
    Result<SshEndpoint> target = endpoint(r.target);
    if (!target)
        return target.error();
    h.ssh = *target;
    for (const SshResolvedHop &j : r.jumps) {
        Result<SshEndpoint> ep = endpoint(j);
        if (!ep)
            return ep.error();
        h.jumps << *ep;
    }
    if (!r.target.knownHostsDefault && !r.target.knownHostsFiles.isEmpty())
        h.knownHostsFile = r.target.knownHostsFiles.constFirst();
    return h;
}

Result<SshConfigImport> importSshConfig(const QString &path)
{
    const SshClientContext ctx = SshClientContext::fromSystem(path);
    Result<QStringList> aliases = listSshConfigAliases(ctx);
    if (!aliases)
        return aliases.error();
    SshConfigImport out;
    QString firstError;
    int failed = 0;
    for (const QString &alias : std::as_const(*aliases)) {
        Result<SshResolvedHost> r = resolveSshHost(ctx, alias);
        if (!r) {
            // One alias ssh cannot resolve does not stop the others; a file ssh rejects fails all.
            ++failed;
            if (firstError.isEmpty())
                firstError = r.errorMessage();
            out.ignored << QStringLiteral("%1 not imported: %2").arg(alias, r.errorMessage());
            continue;
        }
        Result<HostConfig> h = hostConfigFromResolved(alias, *r);
        if (!h) {
            out.ignored << h.errorMessage();
            continue;
        }
        out.hosts << *h;
        for (const QString &n : std::as_const(r->notes)) {
            if (!out.ignored.contains(n))
                out.ignored << n;
        }
    }
    if (failed > 0 && failed == aliases->size())
        return Error(firstError, QStringLiteral("ssh-config"));
    return out;
}

} // namespace archnest::ssh
