#include "config/SshConfigResolve.h"

#include "ssh/SshConfigFile.h"

#include <QDir>
#include <QFile>

namespace archnest::config {

VoidResult applySshConfig(HostConfig &host, const QString &alias, const QString &configFile, QStringList *notes)
{
    if (configFile.isEmpty())
        return {};
    QFile f(configFile);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("Cannot read the ssh config file %1: %2.").arg(configFile, f.errorString()),
                         QStringLiteral("io"));
    // A synthetic, empty `Host <alias>` block at the end makes the parser resolve this alias too
    // when the file names it only through wildcards (`Host *`, `Host 10.0.*`): OpenSSH's "first
    // value wins" means the empty block adds nothing of its own. `alias` was validated by the
    // caller (host-name characters only), so it cannot add directives.
    QByteArray text = f.read(4 * 1024 * 1024);
    text += "\nHost " + alias.toUtf8() + '\n';
    const ssh::SshConfigImport parsed = ssh::parseSshConfig(text, configFile, QDir::homePath());
    for (const HostConfig &h : parsed.hosts) {
        if (h.name != alias)
            continue;
        host.ssh = h.ssh;
        host.jumps = h.jumps;
        if (!h.knownHostsFile.isEmpty())
            host.knownHostsFile = h.knownHostsFile;
        if (notes)
            *notes << parsed.ignored;
        return {};
    }
    for (const QString &n : parsed.ignored) {
        if (n.startsWith(QStringLiteral("Host %1 skipped").arg(alias)))
            return makeError(QStringLiteral("%1: %2.").arg(configFile, n), QStringLiteral("usage"));
    }
    if (notes)
        *notes << parsed.ignored;
    return {};
}

} // namespace archnest::config
