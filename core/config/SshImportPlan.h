#pragma once

// What "Import from ~/.ssh/config" would do, without widgets: every concrete alias (Include
// followed; wildcard-only and negated patterns never), resolved as `ssh ALIAS` resolves it, with
// the hosts-file entry it becomes. Imported entries name the alias (`sshConfigAlias`) and are
// resolved again at each connect. A re-import updates the entry that already names the alias (or,
// failing that, the SSH entry of the same name) instead of adding a second one.

#include "model/HostConfig.h"
#include "ssh/SshConfigEngine.h"
#include "util/Result.h"

#include <QList>
#include <QStringList>

namespace archnest::config {

struct SshImportCandidate
{
    enum class Action { Add, Update, UpToDate, Refused };

    QString alias;
    QString target;       // user@host:port as OpenSSH resolves it ("" when refused)
    QStringList jumps;    // user@host:port of every jump host, in connection order
    QString proxyCommand; // as written in the config ("" = none)
    Action action = Action::Add;
    QString problem; // why it cannot be imported (Refused)
    QString warning; // shown with the row (e.g. a docker context asking to skip TLS verification)
    HostConfig host; // the hosts-file entry after the import (its name: the existing entry's)
    bool checkedByDefault() const { return action == Action::Add || action == Action::Update; }
};

struct SshImportPlan
{
    QList<SshImportCandidate> candidates; // in config order
    QStringList notes;                    // what OpenSSH would do that ArchNest does not, once each
};

// `existing`: the hosts file's entries now. Fails only when the config itself cannot be read
// (ssh would refuse it too); one alias ssh cannot resolve is a Refused candidate.
Result<SshImportPlan> planSshConfigImport(const ssh::SshClientContext &ctx, const QList<HostConfig> &existing);

// The same shapes serve the Docker contexts import (config/DockerContextImport.h).
using ImportCandidate = SshImportCandidate;
using ImportPlan = SshImportPlan;

// `existing` with the candidates at `chosen` (indices into plan.candidates; Refused and
// UpToDate ones are ignored) added at the end or updated in place.
QList<HostConfig> applySshConfigImport(const QList<HostConfig> &existing, const SshImportPlan &plan,
                                       const QList<int> &chosen);

// A hosts-file name for an alias: the alias itself when it is a valid name, else the alias with
// every other character replaced by '-' ("" when nothing usable is left).
QString hostNameForAlias(const QString &alias);

} // namespace archnest::config
