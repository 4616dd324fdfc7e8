#pragma once

// One place that turns a HostConfig into the ContainerSource for its kind. Each source's
// engineer adds its case in SourceFactory.cpp.

#include "docker/ContainerSource.h"
#include "model/HostConfig.h"
#include "util/Result.h"

namespace archnest::ssh {
class SshInteraction;
}

namespace archnest::config {

struct SourceContext
{
    ssh::SshInteraction *interaction = nullptr; // host keys and secrets for SSH hosts
    QString dataDir;                            // the local store (agent hosts)
    QString sshConfigFile = {}; // for hosts with an sshConfigAlias; "" = ~/.ssh/config (like ssh without -F)
};

// The source for `host`, owned by `parent`; an error when this build cannot serve the kind.
Result<ContainerSource *> createContainerSource(const HostConfig &host, const SourceContext &ctx, QObject *parent);

} // namespace archnest::config
