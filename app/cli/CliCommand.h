#pragma once

#include "util/AppPaths.h"

#include <QStringList>
#include <QTextStream>

#include <functional>

namespace archnest::cli {

// Exit codes shared by every command: 0 success, 1 an operational error (message on stderr),
// 2 bad usage. `exec` passes the remote command's own exit code through instead.
enum ExitCode : int { ExitOk = 0, ExitError = 1, ExitUsage = 2 };

struct CliContext
{
    AppPaths paths;
    QString sshConfigFile; // like `ssh -F`; empty means $HOME/.ssh/config
    QTextStream *out = nullptr;
    QTextStream *err = nullptr;
};

struct CliCommand
{
    QString name;
    QString synopsis; // arguments after the name, for --help
    QString summary;
    std::function<int(CliContext &, const QStringList &args)> run;
};

} // namespace archnest::cli
