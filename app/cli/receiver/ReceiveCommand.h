#pragma once

#include "CliCommand.h"

namespace archnest::cli {

// `archnest-cli receive --listen ADDR:PORT ...`: the agent receiver in the foreground until
// SIGTERM / SIGINT.
int runReceiveCommand(CliContext &ctx, const QStringList &args);

} // namespace archnest::cli
