#pragma once

// How a container command reaches its HOST: resolve the argument (hosts file or URL), apply the
// command's access flags, answer SSH questions without a GUI, and create the source.

#include "CliCommand.h"
#include "docker/ContainerSource.h"
#include "ssh/CliSshInteraction.h"
#include "ssh/SshInteraction.h"
#include "store/AgentReportStore.h"
#include "util/Result.h"

#include <QStringList>

#include <functional>
#include <optional>

namespace archnest::cli {

struct HostAccessOptions
{
    bool acceptNewHostKey = false; // like OpenSSH's StrictHostKeyChecking=accept-new
    QString passwordFile;          // --password-file: the SSH password, read at connect time
    bool passwordStdin = false;    // --password-stdin: the first line of stdin
};

// Answers SSH questions for the container commands: a password read by --password-stdin
// answers password prompts; everything else goes to the CLI's terminal interaction
// (CliSshInteraction: prompts on a terminal, --accept-new-host-key, never guesses).
class ContainerCliInteraction final : public ssh::SshInteraction
{
public:
    explicit ContainerCliInteraction(const HostAccessOptions &options);
    void askHostKey(const ssh::HostKeyQuestion &question, std::function<void(ssh::HostKeyDecision)> answer) override;
    void askSecret(const ssh::SecretQuestion &question, std::function<void(std::optional<QString>)> answer) override;
    void setStdinPassword(QString password) { m_stdinPassword = std::move(password); }

private:
    CliSshInteraction m_terminal;
    std::optional<QString> m_stdinPassword;
};

// Splits a command's arguments: `bools` are flags without a value, `values` take one (as
// `--flag V` or `--flag=V`), the access flags above are always accepted. After `--` (when
// `allowDashDash`) everything is kept verbatim in `rest`.
struct ParsedArgs
{
    QStringList positional;
    QStringList flags;
    QHash<QString, QString> values;
    QStringList rest;
    bool dashDash = false;
    HostAccessOptions access;
    QString error;
    bool has(const QString &flag) const { return flags.contains(flag); }
};
ParsedArgs parseArgs(const QStringList &args, const QStringList &bools, const QStringList &values, bool allowDashDash);

// Resolves HOST (hosts file, push-agent store, URL, ssh config; notes go to stderr) and applies
// the access flags to it and to `interaction`. Errors of code "usage" are the caller's misuse.
Result<HostConfig> resolveCliHost(CliContext &ctx, const QString &hostArgument, const HostAccessOptions &access,
                                  ContainerCliInteraction &interaction);

// Runs `body` with the source for `hostArgument` inside the application's event loop and returns
// the exit code `body` passes to `finish`. Errors resolving the host print on stderr and return
// ExitError (ExitUsage for a malformed URL).
using SourceBody = std::function<void(ContainerSource *source, std::function<void(int)> finish)>;
int runWithSource(CliContext &ctx, const QString &command, const QString &hostArgument, const HostAccessOptions &access,
                  const SourceBody &body);

// The push-agent hosts in the local report store (the data dir's archnest.sqlite, written by the
// desktop's receiver or `archnest-cli receive`), newest report first. No store file yet: an empty
// list. A store that cannot be read: the error.
Result<QList<store::AgentReportRecord>> storedAgentHosts(const CliContext &ctx);

// Prints "archnest-cli COMMAND: MESSAGE" on stderr.
void printError(CliContext &ctx, const QString &command, const QString &message);

} // namespace archnest::cli
