#include "util/AppPaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace archnest {

AppPaths::AppPaths(QString configDir, QString dataDir)
    : m_configDir(std::move(configDir))
    , m_dataDir(std::move(dataDir))
{}

AppPaths AppPaths::resolve(const QString &configDirFlag, const QString &dataDirFlag)
{
    auto pick = [](const QString &flag, const char *envName, QStandardPaths::StandardLocation loc) {
        if (!flag.isEmpty())
            return QDir(flag).absolutePath();
        const QString env = qEnvironmentVariable(envName);
        if (!env.isEmpty())
            return QDir(env).absolutePath();
        return QStandardPaths::writableLocation(loc);
    };
    return AppPaths(pick(configDirFlag, "ARCHNEST_CONFIG_DIR", QStandardPaths::AppConfigLocation),
                    pick(dataDirFlag, "ARCHNEST_DATA_DIR", QStandardPaths::AppDataLocation));
}

QString AppPaths::hostsFile() const
{
    return m_configDir + QStringLiteral("/hosts.json");
}

QString AppPaths::settingsFile() const
{
    return m_configDir + QStringLiteral("/settings.ini");
}

QString AppPaths::databaseFile() const
{
    return m_dataDir + QStringLiteral("/archnest.sqlite");
}

bool AppPaths::ensureExists(QString *errorMessage) const
{
    const bool newDataDir = !m_dataDir.isEmpty() && !QFileInfo::exists(m_dataDir);
    for (const QString &dir : {m_configDir, m_dataDir}) {
        if (dir.isEmpty() || QDir().mkpath(dir))
            continue;
        if (errorMessage)
            *errorMessage = QStringLiteral("Cannot create the directory %1: check that its parent "
                                           "exists and is writable, or choose another with "
                                           "--config-dir / --data-dir.")
                                .arg(dir);
        return false;
    }
    // Both hold secrets or inventories (the data dir has the report store): owner only.
    for (const QString &dir : {m_configDir, m_dataDir}) {
        if (!dir.isEmpty())
            QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    return true;
}

} // namespace archnest
