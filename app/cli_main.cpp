#include "cli/CliApp.h"

#include <archnest/Version.h>

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QString::fromLatin1(archnest::kApplicationName));
    QCoreApplication::setOrganizationName(QString::fromLatin1(archnest::kOrganizationName));
    QCoreApplication::setOrganizationDomain(QString::fromLatin1(archnest::kOrganizationDomain));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(archnest::kVersion));

    archnest::cli::CliApp cli;
    archnest::cli::registerBuiltinCommands(cli);
    return cli.run(QCoreApplication::arguments());
}
