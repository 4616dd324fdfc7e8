#include "config/SourceFactory.h"

#include "config/SshConfigResolve.h"

#include "docker/agent/AgentContainerSource.h"
#include "docker/api/DockerApiContainerSource.h"
#include "docker/sshcli/SshCliContainerSource.h"

namespace archnest::config {

Result<ContainerSource *> createContainerSource(const HostConfig &host, const SourceContext &ctx, QObject *parent)
{
    switch (host.kind) {
    case HostKind::Ssh:
        if (!ctx.interaction)
            return makeError(QStringLiteral("Host %1: no way to answer host-key and password questions was given "
                                            "(internal error).")
                                 .arg(host.name),
                             QStringLiteral("internal"));
        if (!host.sshConfigAlias.isEmpty()) {
            Result<HostConfig> resolved = resolveSshConfigAlias(host, ctx.sshConfigFile);
            if (!resolved)
                return resolved.error();
            return static_cast<ContainerSource *>(new SshCliContainerSource(*resolved, ctx.interaction, parent));
        }
        return static_cast<ContainerSource *>(new SshCliContainerSource(host, ctx.interaction, parent));
    case HostKind::DockerApi:
        return static_cast<ContainerSource *>(new DockerApiContainerSource(host, parent));
    case HostKind::Agent: {
        // Read-only, from the push-agent reports in the data dir's store (host name = agent host id).
        if (ctx.dataDir.isEmpty())
            return makeError(
                QStringLiteral("Agent host %1: no data dir for the report store (internal error).").arg(host.name),
                QStringLiteral("internal"));
        auto source = AgentContainerSource::createWithOwnStore(
            host, store::DatabaseLocation::sqlite(ctx.dataDir + QStringLiteral("/archnest.sqlite")), parent);
        if (!source)
            return source.error();
        return static_cast<ContainerSource *>(*source);
    }
    }
    return makeError(QStringLiteral("Host %1: %2 hosts are not supported by this build yet.")
                         .arg(host.name, hostKindName(host.kind)),
                     QStringLiteral("unsupported"));
}

} // namespace archnest::config
