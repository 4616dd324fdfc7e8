#include "config/SshConfigResolve.h"

namespace archnest::config {

VoidResult applySshConfig(HostConfig &host, const QString &alias, const QString &configFile, QStringList *notes)
{
    Q_UNUSED(host)
    Q_UNUSED(alias)
    if (!configFile.isEmpty() && notes)
        notes->append(QStringLiteral("%1 was not read: ssh config support is not built in yet").arg(configFile));
    return {};
}

} // namespace archnest::config
