#include "config/SshImportPlan.h"

#include "config/HostsFile.h"
#include "ssh/SshConfigFile.h"

#include <QSet>

namespace archnest::config {

namespace {

QString hopText(const ssh::SshResolvedHop &h)
{
    SshEndpoint e;
    e.host = h.host;
    e.port = h.port;
    e.user = h.user;
    return e.displayName();
}

// The entry a first import creates: the alias, plus the resolved address for display (the
// connection resolves the alias again, so nothing else is copied: a user, port, auth or
// known_hosts file in the entry would become explicit settings that win over the config).
HostConfig freshEntry(const QString &name, const QString &alias, const ssh::SshResolvedHop &target)
{
    HostConfig h;
    h.name = name;
    h.kind = HostKind::Ssh;
    h.sshConfigAlias = alias;
    h.ssh.host = target.host;
    return h;
}

} // namespace

QString hostNameForAlias(const QString &alias)
{
    if (validateHostName(alias))
        return alias;
    QString name;
    for (const QChar c : alias) {
        const bool ok = (c.isLetterOrNumber() && c.unicode() < 128) || c == u'_' || c == u'.' || c == u'-';
        name += ok ? c : QLatin1Char('-');
    }
    while (!name.isEmpty() && !(name.at(0).isLetterOrNumber() && name.at(0).unicode() < 128))
        name.remove(0, 1);
    name.truncate(64);
    return validateHostName(name) ? name : QString();
}

Result<SshImportPlan> planSshConfigImport(const ssh::SshClientContext &ctx, const QList<HostConfig> &existing)
{
    Result<QStringList> aliases = ssh::listSshConfigAliases(ctx);
    if (!aliases)
        return aliases.error();
    SshImportPlan plan;
    QSet<QString> namesPlanned;
    for (const QString &alias : std::as_const(*aliases)) {
        SshImportCandidate c;
        c.alias = alias;
        auto refuse = [&](const QString &why) {
            c.action = SshImportCandidate::Action::Refused;
            c.problem = why;
            plan.candidates << c;
        };
        Result<ssh::SshResolvedHost> r = ssh::resolveSshHost(ctx, alias);
        if (!r) {
            refuse(r.errorMessage());
            continue;
        }
        c.target = hopText(r->target);
        for (const ssh::SshResolvedHop &j : std::as_const(r->jumps)) {
            c.jumps << hopText(j);
            if (!j.proxyCommand.isEmpty() && c.proxyCommand.isEmpty())
                c.proxyCommand = j.proxyCommand;
        }
        if (!r->target.proxyCommand.isEmpty())
            c.proxyCommand = r->target.proxyCommand;
        for (const QString &n : std::as_const(r->notes))
            if (!plan.notes.contains(n))
                plan.notes << n;

        // The entry this alias updates: the one naming the alias, else a plain SSH entry of its name.
        const HostConfig *match = nullptr;
        for (const HostConfig &h : existing)
            if (h.kind == HostKind::Ssh && h.sshConfigAlias == alias)
                match = &h;
        const QString name = match ? match->name : hostNameForAlias(alias);
        if (name.isEmpty()) {
            refuse(QStringLiteral("no host name can be made of \"%1\"").arg(alias));
            continue;
        }
        if (!match) {
            for (const HostConfig &h : existing) {
                if (h.name != name)
                    continue;
                if (h.kind != HostKind::Ssh || !h.sshConfigAlias.isEmpty()) {
                    refuse(QStringLiteral("the name %1 is taken by another host (%2); rename that host to import "
                                          "this alias")
                               .arg(name, h.sshConfigAlias.isEmpty() ? hostKindName(h.kind)
                                                                     : QStringLiteral("alias ") + h.sshConfigAlias));
                    break;
                }
                match = &h;
            }
            if (c.action == SshImportCandidate::Action::Refused)
                continue;
        }
        if (namesPlanned.contains(name)) {
            refuse(QStringLiteral("the name %1 is already used by another alias of this import").arg(name));
            continue;
        }
        namesPlanned.insert(name);
        if (!match) {
            c.host = freshEntry(name, alias, r->target);
        } else if (match->sshConfigAlias == alias) {
            // Already imported: the address shown is refreshed; the entry's own settings stay.
            c.host = *match;
            c.host.ssh.host = r->target.host;
            c.action = SshImportCandidate::Action::Update;
        } else {
            // A plain entry of the same name (e.g. an older import): it becomes the alias's entry.
            c.host = freshEntry(name, alias, r->target);
            c.host.dockerCommand = match->dockerCommand;
            c.host.readOnly = match->readOnly;
            c.action = SshImportCandidate::Action::Update;
        }
        if (match && c.host == *match)
            c.action = SshImportCandidate::Action::UpToDate;
        plan.candidates << c;
    }
    return plan;
}

QList<HostConfig> applySshConfigImport(const QList<HostConfig> &existing, const SshImportPlan &plan,
                                       const QList<int> &chosen)
{
    QList<HostConfig> out = existing;
    for (int i : chosen) {
        if (i < 0 || i >= plan.candidates.size())
            continue;
        const SshImportCandidate &c = plan.candidates.at(i);
        if (c.action == SshImportCandidate::Action::Refused || c.action == SshImportCandidate::Action::UpToDate)
            continue;
        bool replaced = false;
        for (HostConfig &h : out) {
            if (h.name == c.host.name) {
                h = c.host;
                replaced = true;
                break;
            }
        }
        if (!replaced)
            out << c.host;
    }
    return out;
}

} // namespace archnest::config
