// `archnest-cli docker-context hosts [--json]`: the hosts an import of the docker CLI's contexts
// and DOCKER_HOST would create or update (the twin of the desktop import dialog's second tab, as
// `ssh-config hosts` is of its first). Reads, never writes the hosts file.
#include "CliApp.h"

#include "config/DockerContextImport.h"
#include "config/HostsFile.h"
#include "security/ControlChars.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace archnest::cli {

namespace {

QString actionName(config::ImportCandidate::Action a)
{
    switch (a) {
    case config::ImportCandidate::Action::Add:
        return QStringLiteral("add");
    case config::ImportCandidate::Action::Update:
        return QStringLiteral("update");
    case config::ImportCandidate::Action::UpToDate:
        return QStringLiteral("up-to-date");
    case config::ImportCandidate::Action::Refused:
        return QStringLiteral("refused");
    }
    return {};
}

int hosts(CliContext &ctx, bool json)
{
    Result<QList<HostConfig>> existing = config::loadHostsFile(ctx.paths.hostsFile());
    if (!existing) {
        *ctx.err << "archnest-cli docker-context hosts: " << existing.errorMessage() << '\n';
        return int(ExitError);
    }
    const config::ImportPlan plan =
        config::planDockerContextImport(config::DockerImportSources::fromEnvironment(), *existing);
    if (json) {
        QJsonArray arr;
        for (const config::ImportCandidate &c : plan.candidates) {
            QJsonObject o{{QStringLiteral("context"), c.alias},
                          {QStringLiteral("action"), actionName(c.action)},
                          {QStringLiteral("endpoint"), c.target}};
            if (c.action != config::ImportCandidate::Action::Refused) {
                o.insert(QStringLiteral("name"), c.host.name);
                o.insert(QStringLiteral("kind"), hostKindName(c.host.kind));
            }
            o.insert(QStringLiteral("warning"), c.warning.isEmpty() ? QJsonValue() : QJsonValue(c.warning));
            o.insert(QStringLiteral("problem"), c.problem.isEmpty() ? QJsonValue() : QJsonValue(c.problem));
            arr.append(o);
        }
        *ctx.out << security::escapeJsonControls(QString::fromUtf8(QJsonDocument(arr).toJson(QJsonDocument::Indented)));
        return int(ExitOk);
    }
    using security::escapeControlChars;
    for (const config::ImportCandidate &c : plan.candidates) {
        *ctx.out << escapeControlChars(c.alias) << '\t' << actionName(c.action) << '\t';
        if (c.action == config::ImportCandidate::Action::Refused)
            *ctx.out << escapeControlChars(c.problem);
        else
            *ctx.out << escapeControlChars(c.host.name) << '\t' << escapeControlChars(c.target);
        *ctx.out << '\n';
        if (!c.warning.isEmpty())
            *ctx.out << "  warning: " << escapeControlChars(c.warning) << '\n';
    }
    return int(ExitOk);
}

} // namespace

void registerDockerContextCommands(CliApp &app)
{
    app.addCommand(
        {QStringLiteral("docker-context"), QStringLiteral("hosts [--json]"),
         QStringLiteral("list the hosts an import of the docker contexts and DOCKER_HOST would add or update"),
         [](CliContext &ctx, const QStringList &args) {
             bool json = false;
             QStringList rest;
             for (const QString &a : args) {
                 if (a == QLatin1String("--json"))
                     json = true;
                 else
                     rest << a;
             }
             if (rest == QStringList{QStringLiteral("hosts")})
                 return hosts(ctx, json);
             *ctx.err << "usage: archnest-cli docker-context hosts [--json]\n";
             return int(ExitUsage);
         }});
}

} // namespace archnest::cli
