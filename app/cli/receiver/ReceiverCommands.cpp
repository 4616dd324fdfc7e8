#include "CliApp.h"
#include "ReceiveCommand.h"

namespace archnest::cli {

void registerReceiverCommands(CliApp &app)
{
    app.addCommand({QStringLiteral("receive"),
                    QStringLiteral("--listen ADDR:PORT [--token-file F] [--read-token-file F] [--database URL]"),
                    QStringLiteral("run the push-agent receiver in the foreground (stop with SIGTERM)"),
                    &runReceiveCommand});
}

} // namespace archnest::cli
