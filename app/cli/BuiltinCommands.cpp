#include "CliApp.h"

namespace archnest::cli {

// Each area registers its commands from its own file (app/cli/<area>/).
void registerContainerCommands(CliApp &app);     // hosts, ps, inspect, logs, actions, exec, stats
void registerReceiverCommands(CliApp &app);      // receive
void registerSshCommands(CliApp &app);           // ping
void registerSshConfigCommands(CliApp &app);     // ssh-config resolve, ssh-config hosts
void registerDockerContextCommands(CliApp &app); // docker-context hosts

void registerBuiltinCommands(CliApp &app)
{
    registerContainerCommands(app);
    registerReceiverCommands(app);
    registerSshCommands(app);
    registerSshConfigCommands(app);
    registerDockerContextCommands(app);
    app.addCommand({QStringLiteral("paths"), QString(), QStringLiteral("print the config and data directories in use"),
                    [](CliContext &ctx, const QStringList &args) {
                        if (!args.isEmpty()) {
                            *ctx.err << "archnest-cli paths: takes no arguments\n";
                            return int(ExitUsage);
                        }
                        *ctx.out << "config-dir " << ctx.paths.configDir() << '\n'
                                 << "data-dir " << ctx.paths.dataDir() << '\n'
                                 << "hosts-file " << ctx.paths.hostsFile() << '\n';
                        return int(ExitOk);
                    }});
}

} // namespace archnest::cli
