#include "CliApp.h"

#include <archnest/Version.h>

#include <cstdio>

namespace archnest::cli {

namespace {

QString takeValue(const QStringList &args, qsizetype &i, const QString &flag, QString *error)
{
    const QString current = args.at(i);
    const QString prefix = flag + QLatin1Char('=');
    if (current.startsWith(prefix))
        return current.mid(prefix.size());
    if (i + 1 >= args.size()) {
        *error = QStringLiteral("%1 needs a value").arg(flag);
        return {};
    }
    return args.at(++i);
}

} // namespace

CliApp::CliApp() = default;

void CliApp::addCommand(CliCommand command)
{
    m_commands.append(std::move(command));
}

QString CliApp::usage() const
{
    QString text = QStringLiteral(
        "Usage: archnest-cli [--config-dir DIR] [--data-dir DIR] [--ssh-config FILE] COMMAND [ARGS...]\n"
        "\n"
        "See and manage Docker containers on many hosts: over SSH, through the Docker Engine API,\n"
        "or from push-agent reports.\n"
        "\n"
        "Global options:\n"
        "  --config-dir DIR    hosts file and settings (default: $ARCHNEST_CONFIG_DIR or the user config dir)\n"
        "  --data-dir DIR      the local store (default: $ARCHNEST_DATA_DIR or the user data dir)\n"
        "  --ssh-config FILE   OpenSSH client config to resolve ssh:// hosts (default: ~/.ssh/config)\n"
        "  -h, --help          show this help\n"
        "  --version           show the version\n"
        "\n"
        "Commands:\n");
    for (const CliCommand &c : m_commands) {
        QString head = QStringLiteral("  %1 %2").arg(c.name, c.synopsis).trimmed();
        text += QStringLiteral("  ") + head.leftJustified(48) + QLatin1Char(' ') + c.summary + QLatin1Char('\n');
    }
    text += QStringLiteral(
        "\nHOST is a configured host's name, ssh://[user@]host[:port], tcp://host:port or unix:///path.\n"
        "Exit status: 0 success, 1 operational error, 2 bad usage.\n");
    return text;
}

int CliApp::run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QString configDir;
    QString dataDir;
    QString sshConfig;

    qsizetype i = 1;
    for (; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        QString error;
        if (a == QLatin1String("-h") || a == QLatin1String("--help")) {
            out << usage();
            return ExitOk;
        }
        if (a == QLatin1String("--version")) {
            out << "archnest-cli " << kVersion << '\n';
            return ExitOk;
        }
        if (a == QLatin1String("--config-dir") || a.startsWith(QLatin1String("--config-dir=")))
            configDir = takeValue(arguments, i, QStringLiteral("--config-dir"), &error);
        else if (a == QLatin1String("--data-dir") || a.startsWith(QLatin1String("--data-dir=")))
            dataDir = takeValue(arguments, i, QStringLiteral("--data-dir"), &error);
        else if (a == QLatin1String("--ssh-config") || a.startsWith(QLatin1String("--ssh-config=")))
            sshConfig = takeValue(arguments, i, QStringLiteral("--ssh-config"), &error);
        else if (a.startsWith(QLatin1Char('-'))) {
            err << "archnest-cli: unknown option '" << a << "'. Run 'archnest-cli --help' for usage.\n";
            return ExitUsage;
        } else
            break;
        if (!error.isEmpty()) {
            err << "archnest-cli: " << error << ". Run 'archnest-cli --help' for usage.\n";
            return ExitUsage;
        }
    }

    if (i >= arguments.size()) {
        err << usage();
        return ExitUsage;
    }

    const QString name = arguments.at(i);
    for (const CliCommand &c : m_commands) {
        if (c.name != name)
            continue;
        CliContext ctx{AppPaths::resolve(configDir, dataDir), sshConfig, &out, &err};
        const int code = c.run(ctx, arguments.mid(i + 1));
        out.flush();
        err.flush();
        return code;
    }
    err << "archnest-cli: unknown command '" << name << "'. Run 'archnest-cli --help' for the list.\n";
    return ExitUsage;
}

} // namespace archnest::cli
