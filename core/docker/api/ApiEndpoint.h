#pragma once

// Where a docker-api host's daemon listens, parsed once from HostConfig::apiUrl.

#include "model/HostConfig.h"
#include "util/Result.h"

#include <QString>

namespace archnest::dockerapi {

struct ApiEndpoint
{
    enum class Transport { Unix, Tcp, Tls };

    Transport transport = Transport::Unix;
    QString socketPath; // Unix
    QString host;       // Tcp / Tls
    quint16 port = 0;
    TlsFiles tls;
    QString hostName; // the configured host's name, for messages

    QString display() const; // unix:///path or tcp://host:port
};

// tcp://host:port (TLS when host.useTls) or unix:///path; anything else is a clear error.
Result<ApiEndpoint> parseEndpoint(const HostConfig &host);

} // namespace archnest::dockerapi
