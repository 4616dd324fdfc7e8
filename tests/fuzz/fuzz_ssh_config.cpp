// Fuzz target for the ssh_config parser and resolver (issue 15). The input is a config file;
// it is resolved for a few aliases and listed. Invariants:
//  1. Nothing crashes, hangs or grows without bound (file, include, hop and exec limits).
//  2. A successful resolution has a host, a user and a port in 1-65535, for the target and
//     every jump hop; a ProxyCommand target has no jumps.
//  3. The alias list holds only concrete names: no `*`, no `?`, no leading `!`.
// `Match exec` is never run here (runMatchExec = false): fuzz input must not run commands.
#include "ssh/SshConfigFile.h"
#include "ssh/SshConfigLexer.h"

#include <QFile>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace {

[[noreturn]] void violated(const char *what, const QByteArray &input)
{
    std::fprintf(stderr, "invariant violated: %s (input %s)\n", what, input.toHex().constData());
    std::abort();
}

QString scratchFile()
{
    static const QString path = QStringLiteral("/tmp/archnest-fuzz-ssh-config-%1.conf").arg(::getpid());
    return path;
}

void checkHop(const archnest::ssh::SshResolvedHop &h, const QByteArray &input)
{
    if (h.host.isEmpty() || h.user.isEmpty())
        violated("a resolved hop without host or user", input);
    if (h.port < 1 || h.port > 65535)
        violated("a resolved port outside 1-65535", input);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    {
        QFile f(scratchFile());
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        f.write(input);
    }
    archnest::ssh::SshClientContext ctx;
    ctx.userConfig = scratchFile();
    ctx.userConfigGiven = true;
    ctx.homeDir = QStringLiteral("/nonexistent-home");
    ctx.localUser = QStringLiteral("fuzz");
    ctx.uid = 4242;
    ctx.localHostName = QStringLiteral("fuzz.example.net");
    ctx.env = {{QStringLiteral("HOME"), QStringLiteral("/nonexistent-home")}};
    ctx.runMatchExec = false;

    const auto aliases = archnest::ssh::listSshConfigAliases(ctx);
    QStringList names{QStringLiteral("web"), QStringLiteral("10.0.0.1")};
    if (aliases.ok()) {
        for (const QString &a : *aliases) {
            if (a.contains(QLatin1Char('*')) || a.contains(QLatin1Char('?')) || a.startsWith(QLatin1Char('!')))
                violated("a wildcard or negated pattern listed as an alias", input);
        }
        names << aliases->mid(0, 3);
    }
    for (const QString &alias : std::as_const(names)) {
        const auto r = archnest::ssh::resolveSshHost(ctx, alias);
        if (!r.ok()) {
            if (r.errorMessage().isEmpty())
                violated("an error without a message", input);
            continue;
        }
        checkHop(r->target, input);
        for (const auto &j : r->jumps)
            checkHop(j, input);
        if (!r->target.proxyCommand.isEmpty() && !r->jumps.isEmpty())
            violated("a ProxyCommand target with jumps", input);
    }
    // Line by line, the lexer alone.
    for (const QByteArray &line : input.split('\n')) {
        archnest::ssh::sshcfg::ConfigLine l;
        archnest::ssh::sshcfg::lexConfigLine(QString::fromUtf8(line), &l);
        // Lower-cased as OpenSSH does it: ASCII letters only (a non-ASCII letter stays as it is).
        for (const QChar ch : std::as_const(l.keyword))
            if (ch.unicode() < 0x80 && ch.isUpper())
                violated("a keyword not lower-cased", input);
    }
    QFile::remove(scratchFile());
    return 0;
}
