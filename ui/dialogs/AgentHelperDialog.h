#pragma once

#include <QDialog>

class QPlainTextEdit;
class QPushButton;

namespace archnest::ui {

// "Add agent host": the commands to install the agent on a VM and the agent.env for this
// receiver (URL and token), each with a copy button, and "Save script…" for the agent itself
// (embedded in the resources). Agent hosts then appear by themselves with their first report.
class AgentHelperDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentHelperDialog)

public:
    AgentHelperDialog(const QString &receiverUrl, const QByteArray &token, bool receiverRunning,
                      QWidget *parent = nullptr);

    static QString agentEnv(const QString &receiverUrl, const QByteArray &token, const QString &hostId);
    static QString installCommands();
    static QByteArray agentScript(); // from the resources; empty if not embedded

    QPlainTextEdit *envText() const { return m_env; }
    QPlainTextEdit *installText() const { return m_install; }
    // Writes the script on a worker thread (0755); the result shows in the dialog.
    void saveScriptTo(const QString &path);

Q_SIGNALS:
    void scriptSaved(const QString &path, const QString &error);

private:
    QPlainTextEdit *m_env = nullptr;
    QPlainTextEdit *m_install = nullptr;
    QPushButton *m_save = nullptr;
};

} // namespace archnest::ui
