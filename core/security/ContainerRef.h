#pragma once

// What may name a container in a command that reaches a remote shell. Everything a user types
// or a remote prints is checked here before it is quoted (ShellQuote.h) into a command line.

#include "model/Container.h"
#include "util/Result.h"

#include <QLatin1String>
#include <QString>
#include <QStringList>

namespace archnest::security {

// Docker ids are 64 hex digits; names are far shorter in practice. Anything longer is refused.
inline constexpr qsizetype kMaxContainerRefLength = 128;

// A container id (or id prefix) or name as Docker allows them: `[a-zA-Z0-9][a-zA-Z0-9_.-]*`,
// at most kMaxContainerRefLength characters. Anything else (leading '-', whitespace, quotes,
// '$', backticks, ';', newlines, non-ASCII, too long) is refused with an error that says why.
VoidResult validateContainerRef(const QString &ref);
bool isValidContainerRef(const QString &ref);
// Checks every ref; the first bad one decides the error. An empty list is an error too.
VoidResult validateContainerRefs(const QStringList &refs);

// The docker CLI verb of each action, from a fixed table (never built from input).
QLatin1String dockerActionVerb(ContainerAction action);

// The remote docker command of a host (`docker`, `sudo -n docker`, `/usr/bin/docker`, ...).
// Allowed: optionally `sudo` with `-n` / `--non-interactive`, then one docker or podman binary
// (a bare name or an absolute path of plain characters). Returns the words to use.
Result<QStringList> validateDockerCommand(const QString &command);

} // namespace archnest::security
