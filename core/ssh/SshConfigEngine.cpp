#include "ssh/SshConfigEngine.h"

#include "ssh/SshConfigPass.h"

#include <QProcessEnvironment>

#include <netdb.h>
#include <pwd.h>
#include <unistd.h>

namespace archnest::ssh {

using namespace sshcfg;

namespace {

bool isNumericAddress(const QString &h)
{
    addrinfo hints{};
    hints.ai_flags = AI_NUMERICHOST;
    hints.ai_family = AF_UNSPEC;
    addrinfo *res = nullptr;
    const QByteArray b = h.toLocal8Bit();
    const int r = ::getaddrinfo(b.constData(), nullptr, &hints, &res);
    if (res)
        ::freeaddrinfo(res);
    return r == 0;
}

} // namespace

SshClientContext SshClientContext::fromSystem(const QString &configFile)
{
    SshClientContext c;
    const passwd *pw = ::getpwuid(::getuid());
    c.uid = ::getuid();
    c.homeDir = pw ? QString::fromLocal8Bit(pw->pw_dir) : qEnvironmentVariable("HOME");
    c.localUser = pw ? QString::fromLocal8Bit(pw->pw_name) : qEnvironmentVariable("USER");
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) == 0)
        c.localHostName = QString::fromLocal8Bit(name);
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &k : env.keys())
        c.env.insert(k, env.value(k));
    if (configFile.isEmpty()) {
        c.userConfig = c.homeDir + QStringLiteral("/.ssh/config");
        c.systemConfig = QStringLiteral("/etc/ssh/ssh_config");
    } else if (configFile != QLatin1String("none")) {
        c.userConfig = configFile;
        c.userConfigGiven = true;
    }
    return c;
}

namespace {

QString runPass(const SshClientContext &ctx, Options &o, const QString &host, const QString &original, bool final,
                bool *wantFinal, QStringList *notes)
{
    ConfigPass pass(ctx, o, host, original, final);
    if (!ctx.userConfig.isEmpty()) {
        bool active = true, opened = false;
        const QString e = pass.readFile(ctx.userConfig, true, !ctx.userConfigGiven, false, &active, 0, &opened);
        if (!e.isEmpty())
            return e;
        if (!opened && ctx.userConfigGiven)
            return QStringLiteral("Can't open user config file %1").arg(ctx.userConfig);
    }
    if (!ctx.systemConfig.isEmpty()) {
        bool active = true, opened = false;
        const QString e = pass.readFile(ctx.systemConfig, false, false, false, &active, 0, &opened);
        if (!e.isEmpty())
            return e;
    }
    if (wantFinal)
        *wantFinal = pass.wantFinal();
    *notes << pass.notes();
    return {};
}

QHash<QChar, QString> clientTokens(const SshClientContext &ctx, const SshResolvedOptions &o)
{
    const QString port = QString::number(o.port);
    return {
        {QLatin1Char('C'), connectionHash(ctx.localHostName, o.hostName, port, o.user)},
        {QLatin1Char('L'), shortHost(ctx.localHostName)},
        {QLatin1Char('i'), QString::number(ctx.uid)},
        {QLatin1Char('k'), o.hostKeyAlias.isEmpty() ? o.hostArg : o.hostKeyAlias},
        {QLatin1Char('l'), ctx.localHostName},
        {QLatin1Char('n'), o.hostArg},
        {QLatin1Char('p'), port},
        {QLatin1Char('d'), ctx.homeDir},
        {QLatin1Char('h'), o.hostName},
        {QLatin1Char('r'), o.user},
        {QLatin1Char('u'), ctx.localUser},
    };
}

} // namespace

Result<QString> expandClientPath(const SshClientContext &ctx, const SshResolvedOptions &o, const QString &raw)
{
    QString error;
    const auto tilde = expandTilde(raw, ctx.homeDir, &error);
    if (!tilde)
        return Error(QStringLiteral("\"%1\": %2").arg(raw, error), QStringLiteral("ssh-config"));
    const auto v = expandTokens(*tilde, clientTokens(ctx, o), true, ctx.env, &error);
    if (!v)
        return Error(QStringLiteral("\"%1\": %2").arg(raw, error), QStringLiteral("ssh-config"));
    return *v;
}

Result<SshResolvedOptions> resolveSshOptions(const SshClientContext &ctx, const QString &hostArg,
                                             const SshCommandLine &cmd)
{
    auto fail = [](const QString &m) { return Error(m, QStringLiteral("ssh-config")); };
    // What ssh accepts as a destination / user on its command line (OpenSSH's valid_hostname
    // and valid_ruser): no shell metacharacters.
    static const QString badHost = QStringLiteral("'`\"$\\;&<>|(){}");
    bool hostOk = !hostArg.isEmpty() && !hostArg.startsWith(QLatin1Char('-'));
    for (const QChar c : hostArg)
        hostOk = hostOk && !badHost.contains(c) && !c.isSpace() && c.unicode() >= 0x20 && c.unicode() != 0x7f;
    if (!hostOk)
        return fail(QStringLiteral("\"%1\": hostname contains invalid characters").arg(hostArg));
    if (!cmd.user.isEmpty()) {
        static const QString badUser = QStringLiteral("'`\";&<>|(){}");
        bool userOk = !cmd.user.endsWith(QLatin1Char('\\'));
        for (int i = 0; i < cmd.user.size(); ++i) {
            const QChar c = cmd.user.at(i);
            userOk = userOk && !badUser.contains(c) &&
                     !(c.isSpace() && i + 1 < cmd.user.size() && cmd.user.at(i + 1) == QLatin1Char('-'));
        }
        if (!userOk)
            return fail(QStringLiteral("\"%1\": remote username contains invalid characters").arg(cmd.user));
    }
    Options o;
    if (!cmd.user.isEmpty())
        o.user = cmd.user;
    if (cmd.port > 0)
        o.port = cmd.port;
    if (!cmd.jump.isEmpty()) {
        if (!parseJump(cmd.jump, o, true))
            return fail(QStringLiteral("invalid jump host list \"%1\"").arg(cmd.jump));
        o.proxyCommand = QStringLiteral("none");
    }
    SshResolvedOptions r;
    r.hostArg = hostArg;
    bool wantFinal = false;
    if (QString e = runPass(ctx, o, hostArg, hostArg, false, &wantFinal, &r.notes); !e.isEmpty())
        return fail(e);
    QString host = hostArg;
    if (o.hostName) {
        QString e;
        const auto h = expandTokens(*o.hostName, {{QLatin1Char('h'), hostArg}}, false, {}, &e);
        if (!h)
            return fail(QStringLiteral("HostName \"%1\": %2").arg(*o.hostName, e));
        host = *h;
    }
    if (!isNumericAddress(host))
        host = lower(host);
    if (o.canonicalize && lower(*o.canonicalize) != QLatin1String("no") &&
        lower(*o.canonicalize) != QLatin1String("false"))
        r.notes << QStringLiteral("CanonicalizeHostname %1 is not applied (no DNS look-ups while resolving)")
                       .arg(*o.canonicalize);
    if (wantFinal) {
        o.hostName = host;
        if (QString e = runPass(ctx, o, host, hostArg, true, nullptr, &r.notes); !e.isEmpty())
            return fail(e);
    }
    r.hostName = host;
    r.user = o.user.value_or(ctx.localUser);
    r.port = o.port > 0 ? o.port : 22;
    r.identityFiles = o.identityFiles;
    if (r.identityFiles.isEmpty()) {
        r.identityFilesDefault = true;
        for (const char *k : {"id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk", "id_xmss", "id_dsa"})
            r.identityFiles << QStringLiteral("~/.ssh/") + QLatin1String(k);
    }
    r.certificateFiles = o.certificateFiles;
    r.globalKnownHostsFiles = o.globalKnownHosts.value_or(
        QStringList{QStringLiteral("/etc/ssh/ssh_known_hosts"), QStringLiteral("/etc/ssh/ssh_known_hosts2")});
    r.identitiesOnly = o.identitiesOnly.value_or(false);
    r.hostKeyAlias = o.hostKeyAlias ? lower(*o.hostKeyAlias) : QString();
    r.strictHostKeyChecking = o.strict.value_or(QStringLiteral("ask"));
    r.connectTimeout = o.connectTimeout.value_or(-1);
    r.serverAliveInterval = o.serverAliveInterval.value_or(0);
    r.serverAliveCountMax = o.serverAliveCountMax.value_or(3);
    if (o.proxyCommand && *o.proxyCommand != QLatin1String("none"))
        r.proxyCommand = *o.proxyCommand;
    // Only a real `ProxyJump none` (port 0) clears; `none # comment` is a host named "none".
    if (o.jumpHost && !(*o.jumpHost == QLatin1String("none") && o.jumpPort == 0 && !o.jumpUser)) {
        r.jumpHost = *o.jumpHost;
        r.jumpUser = o.jumpUser.value_or(QString());
        r.jumpPort = o.jumpPort;
        r.jumpExtra = o.jumpExtra.value_or(QString());
        const bool v6 = r.jumpHost.contains(QLatin1Char(':'));
        r.proxyJumpText = (r.jumpExtra.isEmpty() ? QString() : r.jumpExtra + QLatin1Char(',')) +
                          (r.jumpUser.isEmpty() ? QString() : r.jumpUser + QLatin1Char('@')) +
                          (v6 ? QStringLiteral("[") + r.jumpHost + QLatin1Char(']') : r.jumpHost) +
                          (r.jumpPort > 0 ? QLatin1Char(':') + QString::number(r.jumpPort) : QString());
    }
    const QStringList known = o.userKnownHosts.value_or(
        QStringList{QStringLiteral("~/.ssh/known_hosts"), QStringLiteral("~/.ssh/known_hosts2")});
    r.userKnownHostsDefault = !o.userKnownHosts;
    for (const QString &k : known) {
        Result<QString> e = expandClientPath(ctx, r, k);
        if (!e)
            return fail(QStringLiteral("UserKnownHostsFile %1").arg(e.errorMessage()));
        r.userKnownHostsFiles << *e;
    }
    if (o.identityAgent) {
        Result<QString> e = expandClientPath(ctx, r, *o.identityAgent);
        if (!e)
            return fail(QStringLiteral("IdentityAgent %1").arg(e.errorMessage()));
        r.identityAgent = *e;
    }
    return r;
}

} // namespace archnest::ssh
