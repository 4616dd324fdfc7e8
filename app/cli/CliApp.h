#pragma once

#include "CliCommand.h"

#include <QList>

namespace archnest::cli {

// Parses the global options, picks the subcommand and runs it. Returns the process exit code.
class CliApp final
{
public:
    CliApp();

    void addCommand(CliCommand command);
    int run(const QStringList &arguments);

private:
    QString usage() const;

    QList<CliCommand> m_commands;
};

// The commands every archnest-cli build has; each area registers its own.
void registerBuiltinCommands(CliApp &app);

} // namespace archnest::cli
