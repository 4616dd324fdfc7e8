#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace archnest::ui {

// What the agent helper tells about the receiver URL it hands out: an agent on another VM cannot
// reach a loopback or 0.0.0.0 URL, and plain http carries the token unencrypted. Suggests this
// machine's mesh address (Tailscale's 100.64.0.0/10 or fd7a:115c:a1e0::/48, or a tailscale*,
// wg* or zt* interface) when there is one. Widget-free.
class AgentUrlAdvice final
{
    Q_DECLARE_TR_FUNCTIONS(AgentUrlAdvice)

public:
    // "http://ADDRESS:PORT" ("https" with TLS); an IPv6 address gets its brackets.
    static QString urlFor(const QString &bindAddress, bool tls);
    // "" when the URL is fine for a remote VM; else one warning per line.
    static QString warning(const QString &url, const QStringList &meshAddresses);
    // This machine's mesh addresses, from its network interfaces.
    static QStringList meshAddresses();
    static bool isMeshAddress(const QString &address, const QString &interfaceName = {});
};

} // namespace archnest::ui
