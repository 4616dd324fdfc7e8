#pragma once

// How a container command reaches its HOST: resolve the argument (hosts file or URL), apply the
// command's access flags, answer SSH questions without a GUI, and create the source.

#include "CliCommand.h"
#include "docker/ContainerSource.h"
#include "ssh/SshInteraction.h"
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

// Answers SSH questions for the CLI: a new host key is accepted (and saved) only with
// --accept-new-host-key; a password comes from --password-stdin. Anything else is refused with
// a note on stderr saying which flag would help (and, where available, asked on the terminal).
class ContainerCliInteraction final : public ssh::SshInteraction
{
public:
    ContainerCliInteraction(const HostAccessOptions &options, QTextStream *err);
    void askHostKey(const ssh::HostKeyQuestion &question, std::function<void(ssh::HostKeyDecision)> answer) override;
    void askSecret(const ssh::SecretQuestion &question, std::function<void(std::optional<QString>)> answer) override;
    void setStdinPassword(QString password) { m_stdinPassword = std::move(password); }

private:
    HostAccessOptions m_options;
    QTextStream *m_err = nullptr;
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

// Runs `body` with the source for `hostArgument` inside the application's event loop and returns
// the exit code `body` passes to `finish`. Errors resolving the host print on stderr and return
// ExitError (ExitUsage for a malformed URL).
using SourceBody = std::function<void(ContainerSource *source, std::function<void(int)> finish)>;
int runWithSource(CliContext &ctx, const QString &command, const QString &hostArgument, const HostAccessOptions &access,
                  const SourceBody &body);

// Prints "archnest-cli COMMAND: MESSAGE" on stderr.
void printError(CliContext &ctx, const QString &command, const QString &message);

} // namespace archnest::cli
