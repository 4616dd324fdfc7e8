#pragma once

#include <QString>

namespace archnest {

// Where the hosts file, settings and the store live. Command-line flags win over the
// environment (ARCHNEST_CONFIG_DIR / ARCHNEST_DATA_DIR), which wins over the platform default
// from QStandardPaths. Tests always pass explicit directories so they never touch the user's.
class AppPaths final
{
public:
    AppPaths() = default;
    AppPaths(QString configDir, QString dataDir);

    static AppPaths resolve(const QString &configDirFlag, const QString &dataDirFlag);

    QString configDir() const { return m_configDir; }
    QString dataDir() const { return m_dataDir; }
    QString hostsFile() const;
    QString settingsFile() const;
    QString databaseFile() const;

    // Creates both directories (private to the user) if missing; an error names the path.
    bool ensureExists(QString *errorMessage) const;

private:
    QString m_configDir;
    QString m_dataDir;
};

} // namespace archnest
