#include "DesktopApp.h"
#include "MainWindow.h"
#include "Theme.h"

#include <archnest/Version.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QString::fromLatin1(archnest::kApplicationName));
    QApplication::setApplicationDisplayName(QStringLiteral("ArchNest"));
    QApplication::setOrganizationName(QString::fromLatin1(archnest::kOrganizationName));
    QApplication::setOrganizationDomain(QString::fromLatin1(archnest::kOrganizationDomain));
    QApplication::setApplicationVersion(QString::fromLatin1(archnest::kVersion));
    QApplication::setDesktopFileName(QStringLiteral("dev.archnest.ArchNest"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/archnest.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "See and manage Docker containers on many VMs."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption configDir(QStringLiteral("config-dir"),
                                       QApplication::translate("main", "Where hosts.json and settings live."),
                                       QStringLiteral("DIR"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QApplication::translate("main", "Where the local store lives."),
                                     QStringLiteral("DIR"));
    parser.addOption(configDir);
    parser.addOption(dataDir);
    parser.process(app);

    const archnest::AppPaths paths = archnest::AppPaths::resolve(parser.value(configDir), parser.value(dataDir));
    // The saved System / Light / Dark choice, applied before any window exists.
    archnest::ui::ThemeManager theme(paths.settingsFile());
    theme.applySaved();
    archnest::ui::DesktopApp desktop(paths);
    desktop.start();
    return app.exec();
}
