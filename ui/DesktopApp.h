#pragma once

#include "DesktopSettings.h"
#include "model/HostConfig.h"
#include "util/AppPaths.h"
#include "util/Result.h"

#include <QObject>

#include <memory>

class QDialog;
class QSettings;

namespace archnest::store {
class AgentReportStore;
}
namespace archnest::receiver {
class AgentReceiver;
}

namespace archnest::ui {

class AgentHelperDialog;
class ContainersModel;
class HostDialog;
class SettingsDialog;
class GuiSshInteraction;
class HostListModel;
class HostsController;
class MainWindow;

// Wires the desktop together for one set of paths: models, the HostsController with real
// sources (SSH, Engine API, push agents from the local store), the agent receiver when enabled,
// the main window, and persisted settings / window state. Tests build it with temporary paths.
class DesktopApp final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopApp)

public:
    explicit DesktopApp(AppPaths paths, QObject *parent = nullptr);
    ~DesktopApp() override;

    // Opens the store, starts the receiver if enabled, loads the hosts file (off the GUI thread)
    // and shows the window. Errors end up in the window's status bar / banner, never fatal.
    void start(bool showWindow = true);

    MainWindow *window() const { return m_window.get(); }
    HostsController *controller() const { return m_controller; }
    ContainersModel *containersModel() const { return m_containers; }
    HostListModel *hostListModel() const { return m_hosts; }
    GuiSshInteraction *sshInteraction() const { return m_interaction; }
    receiver::AgentReceiver *receiver() const { return m_receiver.get(); }
    store::AgentReportStore *store() const { return m_store.get(); }
    const AppPaths &paths() const { return m_paths; }
    QString receiverTokenFile() const;
    DesktopSettings settings() const { return m_settings; }

    // Applies and saves new settings (restarts the receiver if its part changed).
    void applySettings(const DesktopSettings &settings);
    // Reads the token file, creating a fresh token when missing or when `rotate` is set.
    Result<QByteArray> receiverToken(bool rotate = false);
    QString receiverUrl() const;

    // The dialogs (non-blocking, opened with open(); returned for tests). DesktopDialogs.cpp.
    HostDialog *showHostDialog(HostKind kind, const QString &editName = {});
    SettingsDialog *showSettings();
    AgentHelperDialog *showAgentHelper();
    QDialog *showImportSshConfig(const QString &path = {});
    void removeHostWithConfirmation(const QString &name);
    // Writes the SSH / API hosts to the hosts file on a worker thread.
    void saveHostsFile();

Q_SIGNALS:
    void hostsLoaded();
    void hostsFileSaved(const QString &error);
    void receiverStateChanged(const QString &text);

private:
    void openStore();
    void restartReceiver();
    void onHostsFileLoaded(const Result<QList<HostConfig>> &hosts);
    void addAgentHostsFromStore();
    void onReportStored(const QString &hostId);
    void saveState();
    void connectWindow();

    AppPaths m_paths;
    std::unique_ptr<QSettings> m_qsettings;
    DesktopSettings m_settings;
    ContainersModel *m_containers = nullptr;
    HostListModel *m_hosts = nullptr;
    HostsController *m_controller = nullptr;
    GuiSshInteraction *m_interaction = nullptr;
    std::unique_ptr<store::AgentReportStore> m_store;
    std::unique_ptr<receiver::AgentReceiver> m_receiver;
    std::unique_ptr<MainWindow> m_window;
    bool m_restored = false;
};

} // namespace archnest::ui
