#include "model/HostConfig.h"

namespace archnest {

QString hostKindName(HostKind kind)
{
    switch (kind) {
    case HostKind::Ssh:
        return QStringLiteral("ssh");
    case HostKind::DockerApi:
        return QStringLiteral("docker-api");
    case HostKind::Agent:
        return QStringLiteral("agent");
    }
    return {};
}

QString SshEndpoint::displayName() const
{
    QString s;
    if (!user.isEmpty())
        s += user + QLatin1Char('@');
    s += host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    if (port != 22)
        s += QLatin1Char(':') + QString::number(port);
    return s;
}

} // namespace archnest
