#include "ReceiveCommand.h"

#include "AgentReceiver.h"
#include "NonBlockingOutput.h"
#include "security/ControlChars.h"
#include "store/AgentReportStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSocketNotifier>
#include <QThread>

#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace archnest::cli {

namespace {

// Self-pipe: the signal handler only writes a byte; the event loop does the Qt work.
int g_signalFd = -1;

void onSignal(int)
{
    if (g_signalFd >= 0) {
        const char b = 1;
        [[maybe_unused]] const ssize_t n = ::write(g_signalFd, &b, 1);
    }
}

// While the receiver runs, Qt's messages (the receiver's and the store's warnings) go to stderr
// through a non-blocking output: Qt's default handler writes with a blocking fprintf, and a stderr
// pipe nobody reads would stop the event loop there (issue 13).
NonBlockingOutput *g_errLines = nullptr;
QtMessageHandler g_previousHandler = nullptr;

void messageToErrLines(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    NonBlockingOutput *lines = g_errLines;
    if (!lines || type == QtFatalMsg)
        return g_previousHandler(type, context, message);
    const QByteArray line =
        security::escapeControlChars(qFormatLogMessage(type, context, message), security::ControlEscape::KeepLineBreaks)
            .toUtf8() +
        '\n';
    if (QThread::currentThread() == lines->thread())
        lines->write(line);
    else // dropped by Qt if the output is gone by then
        QMetaObject::invokeMethod(
            lines, [lines, line] { lines->write(line); }, Qt::QueuedConnection);
}

const char kUsage[] =
    "Usage: archnest-cli [--data-dir D] receive --listen ADDR:PORT [options]\n"
    "\n"
    "Runs the push-agent receiver in the foreground until SIGTERM or Ctrl+C.\n"
    "\n"
    "  --listen ADDR:PORT        address to bind (a mesh/private one; port 0 picks a free port)\n"
    "  --token-file F            ingest token (default: $ARCHNEST_AGENT_TOKEN); none: ingest answers 503\n"
    "  --host-tokens-file F      lines 'HOST_ID TOKEN': tokens bound to one host\n"
    "  --read-token-file F       token for the GET read endpoints (not the ingest token); none: they answer 503\n"
    "                            Tokens: 32+ random characters, e.g. from `openssl rand -hex 32`.\n"
    "  --database URL            postgres://user:pass@host:port/db (default: SQLite in the data dir);\n"
    "                            a password here is visible in `ps`: prefer --database-file\n"
    "  --database-file F         read the database URL from file F (or set $ARCHNEST_DATABASE_URL)\n"
    "  --stale-ms N              stale window (default: $ARCHNEST_AGENT_STALE_MS or 90000)\n"
    "  --tls-cert F --tls-key F  serve HTTPS with this PEM certificate chain and key\n";

} // namespace

int runReceiveCommand(CliContext &ctx, const QStringList &args)
{
    QTextStream &out = *ctx.out;
    QTextStream &err = *ctx.err;
    QString listen, tokenFile, hostTokensFile, readTokenFile, database, databaseFile, staleMs, cert, key;
    const QList<QPair<QString, QString *>> options = {
        {QStringLiteral("--listen"), &listen},
        {QStringLiteral("--token-file"), &tokenFile},
        {QStringLiteral("--host-tokens-file"), &hostTokensFile},
        {QStringLiteral("--read-token-file"), &readTokenFile},
        {QStringLiteral("--database"), &database},
        {QStringLiteral("--database-file"), &databaseFile},
        {QStringLiteral("--stale-ms"), &staleMs},
        {QStringLiteral("--tls-cert"), &cert},
        {QStringLiteral("--tls-key"), &key},
    };
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("-h") || a == QLatin1String("--help")) {
            out << kUsage;
            return ExitOk;
        }
        bool matched = false;
        for (const auto &[name, target] : options) {
            if (a == name && i + 1 < args.size()) {
                *target = args.at(++i);
                matched = true;
            } else if (a.startsWith(name + QLatin1Char('='))) {
                *target = a.mid(name.size() + 1);
                matched = true;
            }
            if (matched)
                break;
        }
        if (!matched) {
            err << "archnest-cli receive: unknown or incomplete argument '" << a << "'\n" << kUsage;
            return ExitUsage;
        }
    }
    if (listen.isEmpty()) {
        err << "archnest-cli receive: --listen ADDR:PORT is required (the receiver is off unless asked)\n";
        return ExitUsage;
    }
    if (!database.isEmpty() && !databaseFile.isEmpty()) {
        err << "archnest-cli receive: --database and --database-file exclude each other\n";
        return ExitUsage;
    }
    if (cert.isEmpty() != key.isEmpty()) {
        err << "archnest-cli receive: --tls-cert and --tls-key go together\n";
        return ExitUsage;
    }

    receiver::ReceiverConfig config;
    auto addr = receiver::parseListenAddress(listen);
    if (!addr) {
        err << "archnest-cli receive: " << addr.errorMessage() << '\n';
        return ExitUsage;
    }
    config.address = addr->first;
    config.port = addr->second;
    config.certificateFile = cert;
    config.privateKeyFile = key;
    if (!tokenFile.isEmpty()) {
        auto t = receiver::readTokenFile(tokenFile);
        if (!t) {
            err << "archnest-cli receive: " << t.errorMessage() << '\n';
            return ExitError;
        }
        config.ingestToken = *t;
    } else {
        config.ingestToken = qgetenv("ARCHNEST_AGENT_TOKEN").trimmed();
    }
    if (!hostTokensFile.isEmpty()) {
        auto t = receiver::readHostTokensFile(hostTokensFile);
        if (!t) {
            err << "archnest-cli receive: " << t.errorMessage() << '\n';
            return ExitError;
        }
        config.hostTokens = *t;
    }
    if (!readTokenFile.isEmpty()) {
        auto t = receiver::readTokenFile(readTokenFile);
        if (!t) {
            err << "archnest-cli receive: " << t.errorMessage() << '\n';
            return ExitError;
        }
        config.readToken = *t;
    }
    if (staleMs.isEmpty())
        staleMs = qEnvironmentVariable("ARCHNEST_AGENT_STALE_MS");
    if (!staleMs.isEmpty()) {
        bool ok = false;
        config.staleWindowMs = staleMs.toLongLong(&ok);
        if (!ok || config.staleWindowMs <= 0) {
            err << "archnest-cli receive: --stale-ms must be a positive number of milliseconds\n";
            return ExitUsage;
        }
    }

    if (VoidResult strong = receiver::checkReceiverTokens(config); !strong) {
        err << "archnest-cli receive: " << strong.errorMessage() << '\n';
        return ExitError;
    }

    for (const QString &file : {tokenFile, hostTokensFile, readTokenFile, databaseFile}) {
        if (!file.isEmpty() && (QFileInfo(file).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)))
            err << "archnest-cli receive: warning: " << file
                << " is readable by other users; it holds a secret (chmod 600 it)\n";
    }
    bool passwordOnCommandLine = false;
    if (!databaseFile.isEmpty()) {
        QFile f(databaseFile);
        if (!f.open(QIODevice::ReadOnly)) {
            err << "archnest-cli receive: cannot read the database file " << databaseFile << ": " << f.errorString()
                << '\n';
            return ExitError;
        }
        database = QString::fromUtf8(f.readLine(4096)).trimmed();
        if (database.isEmpty()) {
            err << "archnest-cli receive: the database file " << databaseFile
                << " is empty: put the URL (postgres://user:password@host:port/db) on its first line\n";
            return ExitError;
        }
    } else if (database.isEmpty()) {
        database = qEnvironmentVariable("ARCHNEST_DATABASE_URL").trimmed();
    } else {
        passwordOnCommandLine = true;
    }

    store::DatabaseLocation location;
    if (database.isEmpty()) {
        QString why;
        if (!ctx.paths.ensureExists(&why)) {
            err << "archnest-cli receive: " << why << '\n';
            return ExitError;
        }
        location = store::DatabaseLocation::sqlite(ctx.paths.databaseFile());
    } else {
        auto parsed = store::DatabaseLocation::parse(database);
        if (!parsed) {
            err << "archnest-cli receive: " << parsed.errorMessage() << '\n';
            return ExitUsage;
        }
        location = *parsed;
        if (passwordOnCommandLine && !location.password.isEmpty())
            err << "archnest-cli receive: warning: the --database URL holds a password, which other users can see "
                   "in `ps`; use --database-file F or $ARCHNEST_DATABASE_URL instead\n";
    }
    auto store = store::AgentReportStore::open(location, QStringLiteral("archnest-receiver"));
    if (!store) {
        err << "archnest-cli receive: " << store.errorMessage() << '\n';
        return ExitError;
    }

    int fds[2] = {-1, -1};
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
        err << "archnest-cli receive: cannot set up signal handling\n";
        return ExitError;
    }
    ::fcntl(fds[0], F_SETFL, O_NONBLOCK);
    ::fcntl(fds[1], F_SETFL, O_NONBLOCK);
    g_signalFd = fds[1];
    struct sigaction sa = {};
    sa.sa_handler = &onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    struct sigaction oldTerm = {}, oldInt = {}, oldPipe = {};
    ::sigaction(SIGTERM, &sa, &oldTerm);
    ::sigaction(SIGINT, &sa, &oldInt);
    // A log reader that went away must not kill the receiver: its lines are just lost.
    struct sigaction ignore = {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGPIPE, &ignore, &oldPipe);

    int code = ExitOk;
    out.flush();
    err.flush();
    {
        // stdout and stderr may be pipes nobody reads: the event loop must never wait on them.
        NonBlockingOutput lines(STDOUT_FILENO, "standard output");
        NonBlockingOutput errLines(STDERR_FILENO, "standard error");
        g_errLines = &errLines;
        g_previousHandler = qInstallMessageHandler(messageToErrLines);
        receiver::AgentReceiver receiver(config, store->get());
        QSocketNotifier notifier(fds[0], QSocketNotifier::Read);
        QObject::connect(&notifier, &QSocketNotifier::activated, &notifier, [&] {
            char buf[16];
            while (::read(fds[0], buf, sizeof buf) > 0) {
            }
            QCoreApplication::quit();
        });
        QObject::connect(&receiver, &receiver::AgentReceiver::reportStored, &receiver,
                         [&](const QString &hostId) { lines.write("stored report from '" + hostId.toUtf8() + "'\n"); });
        // One line per refused request on stderr (the reason may quote a report: escaped).
        QObject::connect(&receiver, &receiver::AgentReceiver::requestRejected, &receiver,
                         [&](const QString &remote, int status, const QString &reason) {
                             errLines.write(
                                 security::escapeControlChars(
                                     QStringLiteral("refused %1 from %2: %3").arg(status).arg(remote, reason))
                                     .toUtf8() +
                                 '\n');
                         });
        VoidResult started = receiver.start();
        if (!started) {
            errLines.write("archnest-cli receive: " + started.errorMessage().toUtf8() + '\n');
            code = ExitError;
        } else {
            if (receiver.boundToPublicAddress())
                errLines.write("archnest-cli receive: warning: " + config.address.toString().toUtf8() +
                               " is not a loopback, private or mesh address; bind a mesh address\n");
            if (!config.ingestEnabled())
                errLines.write(
                    "archnest-cli receive: warning: no ingest token (--token-file): reports are refused with 503\n");
            lines.write(QStringLiteral("listening on %1://%2:%3 (store %4)\n")
                            .arg(config.useTls() ? QStringLiteral("https") : QStringLiteral("http"),
                                 receiver.address().protocol() == QAbstractSocket::IPv6Protocol
                                     ? QStringLiteral("[%1]").arg(receiver.address().toString())
                                     : receiver.address().toString())
                            .arg(receiver.port())
                            .arg(location.displayName())
                            .toUtf8());
            QCoreApplication::exec();
            receiver.stop();
            lines.write("receiver stopped\n");
        }
        qInstallMessageHandler(g_previousHandler);
        g_errLines = nullptr;
    }
    ::sigaction(SIGTERM, &oldTerm, nullptr);
    ::sigaction(SIGINT, &oldInt, nullptr);
    ::sigaction(SIGPIPE, &oldPipe, nullptr);
    g_signalFd = -1;
    ::close(fds[0]);
    ::close(fds[1]);
    return code;
}

} // namespace archnest::cli
