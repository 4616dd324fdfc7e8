#include "MainWindow.h"

#include <archnest/Version.h>

#include <QApplication>
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

    archnest::ui::MainWindow window;
    window.show();
    return app.exec();
}
