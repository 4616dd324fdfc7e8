#pragma once

#include "DesktopSettings.h"
#include "model/HostConfig.h"
#include "security/SecretStore.h"
#include "ssh/SshInteraction.h"
#include "util/AppPaths.h"
#include "util/Result.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QThread>

#include <atomic>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QDialog;
class QSettings;

namespace archnest::store {
class AgentStoreService;
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

// What the GUI thread knows of the receiver, which lives on the agent worker thread.
class ReceiverInfo final
{
public:
    bool isListening() const { return m_listening; }
    QHostAddress address() const { return m_address; }
    quint16 port() const { return m_port; }
    bool boundToPublicAddress() const { return m_public; }
    bool useTls() const { return m_tls; }
    // The thread the receiver runs on (the agent worker thread); for tests.
    QThread *thread() const { return m_thread; }

private:
    friend class DesktopApp;
    bool m_listening = false;
    QHostAddress m_address;
    quint16 m_port = 0;
    bool m_public = false;
    bool m_tls = false;
    QThread *m_thread = nullptr;
};

// Wires the desktop together for one set of paths: models, the HostsController with real
// sources (SSH, Engine API, push agents from the local store), the agent receiver when enabled,
// the main window, and persisted settings / window state. Tests build it with temporary paths.
// The agent receiver and the report store's connection live on one worker thread ("agent
// worker"), so no socket, HTTP parsing, validation or SQL runs on the GUI thread; agent sources
// read the store through the same worker (store::AgentStoreService).
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
    // Null while the receiver is not running. A snapshot kept on the GUI thread.
    const ReceiverInfo *receiver() const { return m_receiverRunning ? &m_receiverInfo : nullptr; }
    store::AgentStoreService *storeService() const { return m_storeService.get(); }
    QThread *agentThread() const { return m_agentThread.get(); }
    // Test hook given to the receiver (runs on the worker thread just before a report is
    // stored); set before start().
    void setReceiverBeforeStoreHook(std::function<void(const QString &hostId)> hook)
    {
        m_beforeStoreHook = std::move(hook);
    }
    // The thread on which the receiver last stored a report (null before any); for tests.
    QThread *lastIngestThread() const { return m_lastIngestThread->load(); }
    const AppPaths &paths() const { return m_paths; }
    // Where older versions kept the token in plain text; read once to move it into the keychain.
    QString receiverTokenFile() const;
    DesktopSettings settings() const { return m_settings; }

    // Applies and saves new settings (restarts the receiver if its part changed). A new store
    // setting takes effect at the next start; `storePassword`, when not empty, goes to the
    // keychain (kStorePasswordKey).
    void applySettings(const DesktopSettings &settings, const QString &storePassword = {});
    // The connection test of the Settings dialog: probes `url` (with `password`) off the GUI
    // thread; `done(text, ok)` runs here.
    void testStoreSetting(const QString &url, const QString &password,
                          std::function<void(const QString &text, bool ok)> done);
    bool storeReadOnly() const { return m_storeReadOnly; }

    // The agent receiver token lives in the OS keychain ("receiver/token"), never in a file.
    // Without a keychain it is kept in memory for this session only (or, once, read from an old
    // receiver.token file, which is then left as it is). `done` runs once the token is known.
    using TokenCallback = std::function<void(const QByteArray &token)>;
    void loadReceiverToken(TokenCallback done);
    // A new token now (agents with the old one are refused); saved to the keychain if there is one.
    void rotateReceiverToken(TokenCallback done);
    QByteArray currentReceiverToken() const { return m_token; }
    // Where the token is kept, in words for the Settings dialog and the status bar.
    QString receiverTokenNote() const { return m_tokenNote; }
    bool receiverTokenInKeychain() const { return m_tokenInKeychain; }
    // The keychain service name; tests use their own so they never touch a real user's entry.
    void setSecretService(const QString &service) { m_secrets = security::SecretStore(service); }
    QString receiverUrl() const;

    // Per-host receiver tokens: a token bound to one agent host id (that host may report only
    // with it; the shared token no longer works for it). Tokens live in the OS keychain
    // ("receiver/host/<id>/token"; only the ids are in settings.ini) or, without one, in memory
    // for this session. The running receiver takes every change at once.
    using ResultCallback = std::function<void(const VoidResult &result)>;
    QStringList agentHostTokenIds() const;
    // Ids whose own token could not be read from the keychain at start (refused until set again).
    QStringList unreadableAgentHostTokenIds() const { return m_unreadableHostTokens.keys(); }
    QByteArray agentHostToken(const QString &hostId) const { return m_hostTokens.value(hostId); }
    void setAgentHostToken(const QString &hostId, const QByteArray &token, ResultCallback done);
    void removeAgentHostToken(const QString &hostId, ResultCallback done);
    static QString agentHostTokenKey(const QString &hostId);

    // The dialogs (non-blocking, opened with open(); returned for tests). DesktopDialogs.cpp.
    HostDialog *showHostDialog(HostKind kind, const QString &editName = {});
    SettingsDialog *showSettings();
    // With a host id: agent.env for that host (its own token when it has one).
    // `live`: settings being edited in the Settings dialog (not saved): their receiver URL.
    AgentHelperDialog *showAgentHelper(const QString &hostId = {}, const std::optional<DesktopSettings> &live = {});
    QDialog *showImportSshConfig(const QString &path = {});
    void removeHostWithConfirmation(const QString &name);
    // Writes the SSH / API hosts to the hosts file on a worker thread.
    void saveHostsFile();

Q_SIGNALS:
    void hostsLoaded();
    void hostsFileSaved(const QString &error);
    void receiverStateChanged(const QString &text);
    void receiverTokenNoteChanged(const QString &note);

private:
    void openStore();
    void stopReceiver();
    void pushReceiverTokens();
    void onStoreOpenedLate();
    QString receiverListeningText(const ReceiverInfo &info) const;
    void loadAgentHostTokens();
    void saveAgentHostTokenIds();
    void whenHostTokensLoaded(std::function<void()> then);
    QHash<QString, QByteArray> receiverHostTokens() const;
    void restartReceiver();
    void startReceiverWith(const QByteArray &token);
    // The store (DesktopStore.cpp): its location from the settings, the keychain password of a
    // shared store, and the read-only mode when the role may only read.
    bool needsStorePassword() const;
    void createStoreService(const QString &password);
    void readStorePassword(std::function<void()> then);
    void checkStoreRights();
    void releaseStoreConnectionName();
    void tokenKnown(const QByteArray &token, const QString &note, bool inKeychain);
    void adoptLegacyTokenFile(bool keychainAvailable, const QString &keychainError);
    void legacyTokenRead(const QByteArray &fileToken, bool keychainAvailable, const QString &keychainError);
    void onHostsFileLoaded(const Result<QList<HostConfig>> &hosts);
    void addAgentHostsFromStore();
    void onReportStored(const QString &hostId);
    void saveState();
    void connectWindow();
    // A password the person chose to keep (the SSH prompt's box) and the server accepted: into
    // the OS keychain, and its key into the host's config (passwordRef) and the hosts file. A
    // host not configured yet (the host dialog's test) gets it when the dialog saves it.
    void keepPassword(const ssh::SecretQuestion &question, const QString &password);
    QHash<QString, QList<QPair<ssh::SecretQuestion, QString>>> m_pendingPasswordRefs; // host -> (hop, ref)
    // At quit: every terminal tab is closed (its exec hung up) and the hang-ups are sent.
    void hangUpTerminals();
    static constexpr int kQuitHangupMs = 10000; // a loaded daemon can take seconds for three hang-ups

    AppPaths m_paths;
    std::unique_ptr<QSettings> m_qsettings;
    DesktopSettings m_settings;
    ContainersModel *m_containers = nullptr;
    HostListModel *m_hosts = nullptr;
    HostsController *m_controller = nullptr;
    GuiSshInteraction *m_interaction = nullptr;
    std::unique_ptr<QThread> m_agentThread;
    std::unique_ptr<store::AgentStoreService> m_storeService;
    bool m_storeOpen = false;
    bool m_storeReadOnly = false; // the shared store's role may only read: the receiver stays off
    QString m_storeConnection;    // the store service's connection name (unique in the process)
    struct ReceiverSlot;          // the receiver, owned and used on m_agentThread only
    std::shared_ptr<ReceiverSlot> m_receiverSlot;
    bool m_receiverRunning = false;
    ReceiverInfo m_receiverInfo;
    std::function<void(const QString &)> m_beforeStoreHook;
    QHash<QString, QByteArray> m_hostTokens; // agent host id -> its own token (never on disk)
    // Hosts whose own token the keychain could not give at start: the receiver refuses them
    // (a random token nobody has) rather than fall back to the shared token.
    QHash<QString, QByteArray> m_unreadableHostTokens;
    bool m_hostTokensLoaded = false;
    bool m_hostTokensLoading = false;
    std::vector<std::function<void()>> m_hostTokenWaiters;
    std::shared_ptr<std::atomic<QThread *>> m_lastIngestThread = std::make_shared<std::atomic<QThread *>>(nullptr);
    std::unique_ptr<MainWindow> m_window;
    bool m_restored = false;
    security::SecretStore m_secrets;
    QByteArray m_token; // this session's receiver token (never written to disk)
    QString m_tokenNote;
    bool m_tokenInKeychain = false;
    bool m_tokenLoading = false;
    std::vector<TokenCallback> m_tokenWaiters;
    quint64 m_receiverGeneration = 0;
};

} // namespace archnest::ui
