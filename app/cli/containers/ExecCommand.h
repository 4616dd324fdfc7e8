#pragma once

#include "CliCommand.h"
#include "docker/ContainerSource.h"

#include <functional>

namespace archnest::cli {

bool stdinIsTerminal();

// `exec` on a terminal: raw mode, keys to the container, window-size changes passed through,
// the exit code of the shell/command passed to `finish`. The terminal is restored on every path.
void runInteractiveExec(CliContext &ctx, ContainerSource *source, const QString &ref, const QStringList &command,
                        const std::function<void(int)> &finish);

// `exec` without a terminal: runs `command`, copies its stdout/stderr, passes its exit code.
void runBatchExec(CliContext &ctx, ContainerSource *source, const QString &ref, const QStringList &command,
                  const std::function<void(int)> &finish);

} // namespace archnest::cli
