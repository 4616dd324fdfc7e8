#include "docker/api/ApiEndpoint.h"

#include <QUrl>

namespace archnest::dockerapi {

QString ApiEndpoint::display() const
{
    if (transport == Transport::Unix)
        return QStringLiteral("unix://") + socketPath;
    const QString h = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return QStringLiteral("tcp://%1:%2").arg(h).arg(port);
}

Result<ApiEndpoint> parseEndpoint(const HostConfig &host)
{
    ApiEndpoint ep;
    ep.hostName = host.name;
    ep.tls = host.tls;
    const QString url = host.apiUrl.trimmed();
    if (url.startsWith(QLatin1String("unix://"))) {
        ep.transport = ApiEndpoint::Transport::Unix;
        ep.socketPath = url.mid(7);
        if (!ep.socketPath.startsWith(QLatin1Char('/')))
            return makeError(QStringLiteral("Host %1: the API address %2 needs an absolute socket path "
                                            "(unix:///var/run/docker.sock).")
                                 .arg(host.name, url),
                             QStringLiteral("bad-url"));
        return ep;
    }
    if (url.startsWith(QLatin1String("tcp://")) || url.startsWith(QLatin1String("https://"))) {
        const QUrl parsed(url);
        if (!parsed.isValid() || parsed.host().isEmpty() || parsed.port() <= 0)
            return makeError(QStringLiteral("Host %1: the API address %2 is not tcp://HOST:PORT.").arg(host.name, url),
                             QStringLiteral("bad-url"));
        ep.host = parsed.host();
        ep.port = static_cast<quint16>(parsed.port());
        ep.transport = (host.useTls || parsed.scheme() == QLatin1String("https")) ? ApiEndpoint::Transport::Tls
                                                                                  : ApiEndpoint::Transport::Tcp;
        return ep;
    }
    return makeError(QStringLiteral("Host %1: the API address \"%2\" is neither tcp://HOST:PORT nor unix:///PATH.")
                         .arg(host.name, url),
                     QStringLiteral("bad-url"));
}

} // namespace archnest::dockerapi
