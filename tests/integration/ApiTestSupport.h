#pragma once

// Shared by the Engine API tests: host configs for the fixture dockerd on each transport, a
// bounded wait for a callback, and `docker` on a given daemon socket.

#include "Fixtures.h"
#include "docker/ContainerSource.h"

#include <QDir>
#include <QTest>

#include <optional>

namespace archnest::test {

inline HostConfig apiHost(const QString &transport, const QString &certDir = {})
{
    const Fixtures &fx = Fixtures::instance();
    HostConfig h;
    h.name = QStringLiteral("api-") + transport;
    h.kind = HostKind::DockerApi;
    if (transport == QLatin1String("unix")) {
        // The podman variant (ARCHNEST_TEST_ENGINE=podman): Podman's service socket.
        h.apiUrl = QStringLiteral("unix://") + fx.engineSocket();
    } else if (transport == QLatin1String("tcp")) {
        h.apiUrl = fx.value(QStringLiteral("ARCHNEST_FX_DOCKER_TCP"));
    } else {
        h.apiUrl = fx.value(QStringLiteral("ARCHNEST_FX_DOCKER_TLS"));
        h.useTls = true;
        const QDir dir(certDir.isEmpty() ? fx.value(QStringLiteral("ARCHNEST_FX_DOCKER_CERT_PATH")) : certDir);
        h.tls.caFile = dir.filePath(QStringLiteral("ca.pem"));
        h.tls.certFile = dir.filePath(QStringLiteral("cert.pem"));
        h.tls.keyFile = dir.filePath(QStringLiteral("key.pem"));
    }
    return h;
}

// The unix socket of the daemon behind a transport (the TLS daemon is a separate dockerd).
inline QString daemonSocket(const QString &transport)
{
    const Fixtures &fx = Fixtures::instance();
    return transport == QLatin1String("tls") ? fx.value(QStringLiteral("ARCHNEST_FX_DOCKER_TLS_SOCK"))
                                             : fx.engineSocket();
}

// The engine's own CLI on a daemon socket: `docker -H`, or for the Podman fixture's socket the
// podman CLI (a remote client of the same service).
inline ProcessOutput dockerOn(const QString &socket, const QStringList &args, int timeoutMs = 60000)
{
    const Fixtures &fx = Fixtures::instance();
    if (!socket.isEmpty() && socket == fx.podmanSocket())
        return fx.podman(args, timeoutMs);
    return Fixtures::run(QStringLiteral("docker"),
                         QStringList{QStringLiteral("-H"), QStringLiteral("unix://") + socket} + args, timeoutMs);
}

// Calls `call` with a callback and waits (bounded) for it.
template<typename T, typename Call>
Result<T> awaitResult(Call call, int timeoutMs = 60000)
{
    std::optional<Result<T>> out;
    call([&out](Result<T> r) { out.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&] { return out.has_value(); }, timeoutMs))
        return makeError(QStringLiteral("timed out after %1 ms waiting for the callback").arg(timeoutMs));
    return std::move(*out);
}

} // namespace archnest::test
