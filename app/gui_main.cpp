#include "AppStartup.h"
#include "DesktopApp.h"
#include "MainWindow.h"
#include "Theme.h"

#include <archnest/Version.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QIcon>
#include <QLocale>

namespace {

void setApplicationNames()
{
    QCoreApplication::setApplicationName(QString::fromLatin1(archnest::kApplicationName));
    QCoreApplication::setOrganizationName(QString::fromLatin1(archnest::kOrganizationName));
    QCoreApplication::setOrganizationDomain(QString::fromLatin1(archnest::kOrganizationDomain));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(archnest::kVersion));
}

// --help and --version need no display: answered by a QCoreApplication before any GUI exists
// (a QApplication aborts without a display).
bool wantsHelpOrVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--")
            break;
        if (arg == "-h" || arg == "--help" || arg == "-?" || arg == "--help-all" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

struct Options
{
    QCommandLineOption configDir{QStringLiteral("config-dir"),
                                 QCoreApplication::translate("main", "Where hosts.json and settings live."),
                                 QStringLiteral("DIR")};
    QCommandLineOption dataDir{QStringLiteral("data-dir"),
                               QCoreApplication::translate("main", "Where the local store lives."),
                               QStringLiteral("DIR")};
};

void setUpParser(QCommandLineParser &parser, const Options &options)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "See and manage Docker containers on many VMs."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(options.configDir);
    parser.addOption(options.dataDir);
}

} // namespace

int main(int argc, char *argv[])
{
    if (wantsHelpOrVersion(argc, argv)) {
        QCoreApplication core(argc, argv);
        setApplicationNames();
        QCommandLineParser parser;
        const Options options;
        setUpParser(parser, options);
        parser.process(core); // prints and exits
        return 0;
    }
    QApplication app(argc, argv);
    // The X11 WM_CLASS class is the application name ("ArchNest": StartupWMClass in the .desktop
    // file); on Wayland the app id is the desktop file name.
    setApplicationNames();
    archnest::ui::installTranslations(app, QLocale(), &app);
    QApplication::setApplicationDisplayName(QStringLiteral("ArchNest"));
    QApplication::setDesktopFileName(QStringLiteral("dev.archnest.ArchNest"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/archnest.svg")));
    // SIGTERM (logout, `kill PID`) closes the window as File -> Quit does.
    const archnest::ui::QuitOnSignals quitOnSignals;

    QCommandLineParser parser;
    const Options options;
    setUpParser(parser, options);
    parser.process(app);

    const archnest::AppPaths paths =
        archnest::AppPaths::resolve(parser.value(options.configDir), parser.value(options.dataDir));
    // The saved System / Light / Dark choice, applied before any window exists.
    archnest::ui::ThemeManager theme(paths.settingsFile());
    theme.applySaved();
    archnest::ui::DesktopApp desktop(paths);
    desktop.start();
    return app.exec();
}
