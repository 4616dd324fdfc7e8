// `archnest-cli ssh-config resolve ALIAS [--json]` (ArchNest's `ssh -G`) and
// `archnest-cli ssh-config hosts [--json]` (the aliases an import would create).
#include "CliApp.h"

#include "ssh/SshConfigFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace archnest::cli {

namespace {

QJsonObject hopJson(const ssh::SshResolvedHop &h, bool withNullProxy)
{
    QJsonObject o{{QStringLiteral("host"), h.host}, {QStringLiteral("port"), h.port}, {QStringLiteral("user"), h.user}};
    if (!h.proxyCommand.isEmpty())
        o.insert(QStringLiteral("proxyCommand"), h.proxyCommand);
    else if (withNullProxy)
        o.insert(QStringLiteral("proxyCommand"), QJsonValue::Null);
    return o;
}

int usage(CliContext &ctx)
{
    *ctx.err << "usage: archnest-cli [--ssh-config F] ssh-config resolve ALIAS [--json]\n"
                "       archnest-cli [--ssh-config F] ssh-config hosts [--json]\n";
    return int(ExitUsage);
}

int resolve(CliContext &ctx, const QString &alias, bool json)
{
    const ssh::SshClientContext sc = ssh::SshClientContext::fromSystem(ctx.sshConfigFile);
    Result<ssh::SshResolvedHost> r = ssh::resolveSshHost(sc, alias);
    if (!r) {
        *ctx.err << "archnest-cli ssh-config resolve: " << r.errorMessage() << '\n';
        return int(ExitError);
    }
    const ssh::SshResolvedHop &t = r->target;
    if (json) {
        QJsonObject o = hopJson(t, true);
        o.insert(QStringLiteral("identityFiles"), QJsonArray::fromStringList(t.identityFiles));
        o.insert(QStringLiteral("certificateFiles"), QJsonArray::fromStringList(t.certificateFiles));
        o.insert(QStringLiteral("knownHostsFiles"), QJsonArray::fromStringList(t.knownHostsFiles));
        QJsonArray jumps;
        for (const ssh::SshResolvedHop &j : std::as_const(r->jumps))
            jumps.append(hopJson(j, false));
        o.insert(QStringLiteral("jumps"), jumps);
        o.insert(QStringLiteral("notes"), QJsonArray::fromStringList(r->notes));
        *ctx.out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
        return int(ExitOk);
    }
    *ctx.out << "host " << t.host << "\nport " << t.port << "\nuser " << t.user << '\n';
    for (const QString &f : t.identityFiles)
        *ctx.out << "identityfile " << f << '\n';
    for (const QString &f : t.certificateFiles)
        *ctx.out << "certificatefile " << f << '\n';
    for (const QString &f : t.knownHostsFiles)
        *ctx.out << "knownhostsfile " << f << '\n';
    for (const ssh::SshResolvedHop &j : std::as_const(r->jumps)) {
        *ctx.out << "jump " << j.user << '@' << j.host << ':' << j.port;
        if (!j.proxyCommand.isEmpty())
            *ctx.out << " proxycommand " << j.proxyCommand;
        *ctx.out << '\n';
    }
    if (!t.proxyCommand.isEmpty())
        *ctx.out << "proxycommand " << t.proxyCommand << '\n';
    for (const QString &n : std::as_const(r->notes))
        *ctx.out << "note " << n << '\n';
    return int(ExitOk);
}

int hosts(CliContext &ctx, bool json)
{
    const ssh::SshClientContext sc = ssh::SshClientContext::fromSystem(ctx.sshConfigFile);
    Result<QStringList> aliases = ssh::listSshConfigAliases(sc);
    if (!aliases) {
        *ctx.err << "archnest-cli ssh-config hosts: " << aliases.errorMessage() << '\n';
        return int(ExitError);
    }
    if (json)
        *ctx.out << QString::fromUtf8(
            QJsonDocument(QJsonArray::fromStringList(*aliases)).toJson(QJsonDocument::Indented));
    else
        for (const QString &a : std::as_const(*aliases))
            *ctx.out << a << '\n';
    return int(ExitOk);
}

} // namespace

void registerSshConfigCommands(CliApp &app)
{
    app.addCommand({QStringLiteral("ssh-config"), QStringLiteral("resolve ALIAS [--json] | hosts [--json]"),
                    QStringLiteral("resolve an alias of the OpenSSH client config as ssh -G does; list its hosts"),
                    [](CliContext &ctx, const QStringList &args) {
                        bool json = false;
                        QStringList rest;
                        for (const QString &a : args) {
                            if (a == QLatin1String("--json"))
                                json = true;
                            else if (a.startsWith(QLatin1Char('-')) && a.size() > 1)
                                return usage(ctx);
                            else
                                rest << a;
                        }
                        if (rest.size() == 2 && rest.at(0) == QLatin1String("resolve") && !rest.at(1).isEmpty())
                            return resolve(ctx, rest.at(1), json);
                        if (rest.size() == 1 && rest.at(0) == QLatin1String("hosts"))
                            return hosts(ctx, json);
                        return usage(ctx);
                    }});
}

} // namespace archnest::cli
