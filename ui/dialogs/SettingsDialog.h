#pragma once

#include "DesktopSettings.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace archnest::ui {

// Refresh interval, agent receiver (enable, bind address, stale window, token: copy / rotate,
// per-host tokens: add / generate / copy / rotate / remove), the store (local or a shared
// PostgreSQL URL, its password, a connection test), data dir. Token operations go through asynchronous
// callbacks (the token lives in the OS keychain), so the dialog never touches the keychain or files itself.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    // (token, where it is kept); may be called later. The dialog ignores replies after it closed.
    using TokenReply = std::function<void(const QByteArray &token, const QString &note)>;
    // An empty error: done (a non-empty one is shown under the table).
    using DoneReply = std::function<void(const QString &error)>;
    // The connection test's answer: a line to show, and whether the store can be used.
    using StoreTestReply = std::function<void(const QString &text, bool ok)>;
    struct Hooks
    {
        std::function<void(TokenReply)> readToken;   // current token (may create one)
        std::function<void(TokenReply)> rotateToken; // a new token, saved
        QString tokenNote;                           // where the token is kept
        QString receiverState;                       // e.g. "listening on 127.0.0.1:4000"
        QString dataDir;
        QString configDir;

        // Per-host tokens (agent host id -> a token only that host may report with). The app
        // keeps them in memory (and the OS keychain); the dialog shows them masked.
        std::function<QStringList()> hostTokenIds;
        std::function<QByteArray(const QString &hostId)> hostToken;
        std::function<void(const QString &hostId, const QByteArray &token, DoneReply)> setHostToken;
        std::function<void(const QString &hostId, DoneReply)> removeHostToken;
        // Opens the "add agent host" helper with that host's own token in agent.env.
        // With the dialog's live (edited, not yet saved) settings: the helper shows their URL.
        std::function<void(const QString &hostId, const DesktopSettings &live)> showAgentEnv;

        // The store (issue 22): the connection test probes a URL with a password (may answer
        // later); what is in use now, and whether it is open read-only.
        std::function<void(const QString &url, const QString &password, StoreTestReply)> testStore;
        QString storeInUse;
        bool storeReadOnly = false;
    };

    SettingsDialog(const DesktopSettings &settings, Hooks hooks, QWidget *parent = nullptr);

    DesktopSettings settings() const;
    // The store password typed in (empty: keep the saved one); it goes to the keychain.
    QString storePassword() const;
    QLineEdit *storeUrlEdit() const { return m_storeUrl; }
    QLineEdit *storePasswordEdit() const { return m_storePassword; }
    QPushButton *storeTestButton() const { return m_storeTest; }
    QLabel *storeResultLabel() const { return m_storeResult; }
    // Shows where the token is kept, e.g. that there is no keychain and it lives in memory only.
    void setTokenNote(const QString &note);

    QSpinBox *refreshSpin() const { return m_refresh; }
    QCheckBox *receiverBox() const { return m_receiver; }
    QLineEdit *addressEdit() const { return m_address; }
    QLineEdit *tokenEdit() const { return m_token; }
    QPushButton *rotateButton() const { return m_rotate; }
    QPushButton *copyButton() const { return m_copy; }
    QPushButton *revealButton() const { return m_reveal; }
    QLabel *tokenNoteLabel() const { return m_tokenNote; }

    QTableWidget *hostTokenTable() const { return m_hostTable; }
    QLineEdit *newHostIdEdit() const { return m_newHostId; }
    QLineEdit *newHostTokenEdit() const { return m_newHostToken; }
    QPushButton *generateHostTokenButton() const { return m_generateHost; }
    QPushButton *addHostTokenButton() const { return m_addHost; }
    QPushButton *copyHostTokenButton() const { return m_copyHost; }
    QPushButton *rotateHostTokenButton() const { return m_rotateHost; }
    QPushButton *removeHostTokenButton() const { return m_removeHost; }
    QPushButton *hostAgentEnvButton() const { return m_envHost; }
    QLabel *hostTokenNoteLabel() const { return m_hostNote; }
    // Selects the row of `hostId` (for tests and after adding).
    void selectHostToken(const QString &hostId);
    // Re-reads the ids from the hooks.
    void reloadHostTokens();

Q_SIGNALS:
    // After an add / rotate / remove finished (error empty on success).
    void hostTokensChanged(const QString &error);

private:
    QWidget *buildHostTokens(QWidget *parent);
    QWidget *buildStore(const DesktopSettings &settings, QWidget *parent);
    void acceptIfValid();
    QString selectedHostId() const;
    void updateHostButtons();
    void hostTokenDone(const QString &hostId, const QString &doneText, const QString &error);

    Hooks m_hooks;
    QSpinBox *m_refresh = nullptr;
    QCheckBox *m_receiver = nullptr;
    QLineEdit *m_address = nullptr;
    QSpinBox *m_stale = nullptr;
    QLineEdit *m_token = nullptr;
    QPushButton *m_reveal = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_rotate = nullptr;
    QLabel *m_tokenNote = nullptr;
    bool m_copyWhenLoaded = false;
    QTableWidget *m_hostTable = nullptr;
    QLineEdit *m_newHostId = nullptr;
    QLineEdit *m_newHostToken = nullptr;
    QPushButton *m_generateHost = nullptr;
    QPushButton *m_addHost = nullptr;
    QPushButton *m_copyHost = nullptr;
    QPushButton *m_rotateHost = nullptr;
    QPushButton *m_removeHost = nullptr;
    QPushButton *m_envHost = nullptr;
    QLabel *m_hostNote = nullptr;
    QLineEdit *m_storeUrl = nullptr;
    QLineEdit *m_storePassword = nullptr;
    QPushButton *m_storeTest = nullptr;
    QLabel *m_storeResult = nullptr;
};

} // namespace archnest::ui
