#include "CliApp.h"

namespace archnest::cli {

void registerReceiverCommands(CliApp &)
{
    // receive: see the push-agent issue.
}

} // namespace archnest::cli
