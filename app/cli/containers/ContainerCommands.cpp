#include "CliApp.h"

namespace archnest::cli {

void registerContainerCommands(CliApp &)
{
    // hosts, ps, inspect, logs, start|stop|restart|pause|unpause|rm, exec, stats: see the
    // container-management issues.
}

} // namespace archnest::cli
