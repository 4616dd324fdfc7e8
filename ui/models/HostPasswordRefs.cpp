#include "models/HostPasswordRefs.h"

#include "security/SecretStore.h"

namespace archnest::ui {

namespace {
bool sameHop(const SshEndpoint &ep, const QString &host, int port, const QString &user)
{
    // A hop without a configured user logs in with the default one: host and port decide.
    return ep.host == host && ep.port == port && (ep.user.isEmpty() || user.isEmpty() || ep.user == user);
}
} // namespace

int HostPasswordRefs::hopOf(const HostConfig &host, const ssh::SecretQuestion &q)
{
    if (host.kind != HostKind::Ssh)
        return -2;
    if (sameHop(host.ssh, q.host, q.port, q.user))
        return -1;
    for (int i = 0; i < host.jumps.size(); ++i)
        if (sameHop(host.jumps.at(i), q.host, q.port, q.user))
            return i;
    return -2;
}

QString HostPasswordRefs::keyFor(const HostConfig &host, const ssh::SecretQuestion &question)
{
    const int hop = hopOf(host, question);
    if (hop == -2)
        return {};
    if (hop == -1)
        return security::SecretStore::sshPasswordKey(host.name);
    return QStringLiteral("ssh/%1/jump%2/password").arg(host.name).arg(hop + 1);
}

bool HostPasswordRefs::apply(HostConfig &host, const ssh::SecretQuestion &question, const QString &ref)
{
    const int hop = hopOf(host, question);
    if (hop == -2)
        return false;
    (hop == -1 ? host.ssh : host.jumps[hop]).auth.passwordRef = ref;
    return true;
}

void HostPasswordRefs::carryOver(const HostConfig &before, HostConfig &edited)
{
    if (before.kind != HostKind::Ssh || edited.kind != HostKind::Ssh)
        return;
    auto keep = [](const SshEndpoint &from, SshEndpoint &to) {
        if (from.host != to.host || from.port != to.port || from.user != to.user)
            return;
        if (to.auth.passwordRef.isEmpty())
            to.auth.passwordRef = from.auth.passwordRef;
        if (to.auth.passphraseRef.isEmpty())
            to.auth.passphraseRef = from.auth.passphraseRef;
    };
    keep(before.ssh, edited.ssh);
    for (SshEndpoint &j : edited.jumps)
        for (const SshEndpoint &b : before.jumps)
            keep(b, j);
}

} // namespace archnest::ui
