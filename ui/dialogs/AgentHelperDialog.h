#pragma once

#include <QDialog>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace archnest::ui {

// "Add agent host": the commands to install the agent on a VM and the agent.env for this
// receiver (URL and token), each with a copy button, and "Save script…" for the agent itself
// (embedded in the resources). Agent hosts then appear by themselves with their first report.
// With per-host token hooks, the user names the host and may give it its own token (made and
// stored by the app); agent.env then carries that token instead of the shared one.
class AgentHelperDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentHelperDialog)

public:
    AgentHelperDialog(const QString &receiverUrl, const QByteArray &token, bool receiverRunning,
                      QWidget *parent = nullptr);

    struct HostTokenHooks
    {
        std::function<QByteArray(const QString &hostId)> tokenFor; // empty: none
        // Makes and stores a token for the host; replies (token, error).
        std::function<void(const QString &hostId, std::function<void(const QByteArray &, const QString &)>)> create;
    };
    void setHostTokenHooks(HostTokenHooks hooks);
    // The ARCHNEST_HOST_ID to show (its own token is used when it has one).
    void setHostId(const QString &hostId);

    static QString agentEnv(const QString &receiverUrl, const QByteArray &token, const QString &hostId);
    static QString installCommands();
    static QByteArray agentScript(); // from the resources; empty if not embedded

    QPlainTextEdit *envText() const { return m_env; }
    QPlainTextEdit *installText() const { return m_install; }
    QLineEdit *hostIdEdit() const { return m_hostId; }
    QCheckBox *ownTokenBox() const { return m_ownToken; }
    QLabel *tokenNoteLabel() const { return m_tokenNote; }
    QLabel *urlWarningLabel() const { return m_urlWarning; }
    QString receiverUrl() const { return m_url; }
    // This machine's mesh addresses for the URL warning's suggestion (tests set their own).
    void setMeshAddresses(const QStringList &addresses);
    // Writes the script on a worker thread (0755); the result shows in the dialog.
    void saveScriptTo(const QString &path);

Q_SIGNALS:
    void scriptSaved(const QString &path, const QString &error);

private:
    QString hostId() const;
    void updateEnv();
    void onOwnTokenToggled(bool on);

    QString m_url;
    QByteArray m_sharedToken;
    HostTokenHooks m_hostHooks;
    QLineEdit *m_hostId = nullptr;
    QCheckBox *m_ownToken = nullptr;
    QLabel *m_tokenNote = nullptr;
    QLabel *m_urlWarning = nullptr;
    QPlainTextEdit *m_env = nullptr;
    QPlainTextEdit *m_install = nullptr;
    QPushButton *m_save = nullptr;
};

} // namespace archnest::ui
