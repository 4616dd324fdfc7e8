#include "models/AgentUrlAdvice.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QNetworkInterface>
#include <QUrl>

namespace archnest::ui {

QString AgentUrlAdvice::urlFor(const QString &bindAddress, bool tls)
{
    QString hostPort = bindAddress.trimmed();
    // "::1:4000" style (no brackets): the last colon separates the port.
    if (hostPort.count(QLatin1Char(':')) > 1 && !hostPort.startsWith(QLatin1Char('['))) {
        const qsizetype colon = hostPort.lastIndexOf(QLatin1Char(':'));
        hostPort = QLatin1Char('[') + hostPort.left(colon) + QLatin1Char(']') + hostPort.mid(colon);
    }
    return (tls ? QStringLiteral("https://") : QStringLiteral("http://")) + hostPort;
}

bool AgentUrlAdvice::isMeshAddress(const QString &address, const QString &interfaceName)
{
    const QHostAddress a(address);
    if (a.isNull() || a.isLoopback())
        return false;
    for (const char *prefix : {"tailscale", "wg", "zt"})
        if (interfaceName.startsWith(QLatin1String(prefix)))
            return true;
    return a.isInSubnet(QHostAddress(QStringLiteral("100.64.0.0")), 10) ||
           a.isInSubnet(QHostAddress(QStringLiteral("fd7a:115c:a1e0::")), 48);
}

QStringList AgentUrlAdvice::meshAddresses()
{
    QStringList out;
    const auto interfaces = QNetworkInterface::allInterfaces();
    for (const QNetworkInterface &i : interfaces)
        for (const QNetworkAddressEntry &e : i.addressEntries())
            if (isMeshAddress(e.ip().toString(), i.name()) && e.ip().protocol() == QAbstractSocket::IPv4Protocol)
                out << e.ip().toString();
    return out;
}

QString AgentUrlAdvice::warning(const QString &url, const QStringList &meshAddresses)
{
    const QUrl u(url);
    const QString host = u.host();
    const QHostAddress a(host);
    const QString port = u.port() > 0 ? QStringLiteral(":%1").arg(u.port()) : QString();
    const QString suggestion =
        meshAddresses.isEmpty()
            ? tr("this machine's mesh address (Tailscale, WireGuard) or a private address the VM can reach")
            : tr("%1 (this machine's mesh address)").arg(urlFor(meshAddresses.first() + port, false).mid(7));
    QStringList lines;
    if (host == QLatin1String("localhost") || a.isLoopback())
        lines << tr("%1 is loopback: it means the VM itself there, so an agent on another machine cannot reach "
                    "this receiver. Bind the receiver (Settings, Bind address) to an address the VM can reach, "
                    "e.g. %2.")
                     .arg(host, suggestion);
    else if (a == QHostAddress::AnyIPv4 || a == QHostAddress::AnyIPv6)
        lines << tr("%1 is a bind address, not one an agent can connect to: give the VM an address of this "
                    "machine instead, e.g. %2.")
                     .arg(host, suggestion);
    if (u.scheme() == QLatin1String("http"))
        lines << tr("Plain http: the token and the reports cross the network unencrypted. Use it only over a "
                    "private mesh (Tailscale, WireGuard) or a trusted LAN.");
    return lines.join(QLatin1Char('\n'));
}

} // namespace archnest::ui
