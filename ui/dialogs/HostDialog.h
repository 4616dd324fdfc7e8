#pragma once

#include "model/HostConfig.h"
#include "util/Result.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace archnest::ui {

// Add / edit one SSH or Docker Engine API host: address, auth method, key and certificate
// pickers, the jump chain (one user@host:port per line), TLS files, read-only, and a
// test-connection button. Pure form logic lives in hostFromForm() / parseJumpChain() so tests
// can check it without clicking.
class HostDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostDialog)

public:
    // Runs a connection test for `host` and answers with a one-line result.
    using Tester = std::function<void(const HostConfig &host, std::function<void(bool ok, QString message)> done)>;

    HostDialog(HostKind kind, const QStringList &takenNames, QWidget *parent = nullptr);

    void setHost(const HostConfig &host); // edit mode: the name stays editable but must stay unique
    Result<HostConfig> hostFromForm() const;
    void setTester(Tester tester) { m_tester = std::move(tester); }
    // Called when the user cancels a running test (the button reads "Cancel test" meanwhile) or
    // closes the dialog during one; e.g. HostsController::cancelTestConnection. The dialog
    // stops waiting at once either way: a late answer of a cancelled test is ignored.
    void setTestCanceller(std::function<void()> cancel) { m_cancelTest = std::move(cancel); }
    bool isTesting() const { return m_testing; }

    static Result<QList<SshEndpoint>> parseJumpChain(const QString &text, const SshAuthConfig &defaultAuth);
    static QString formatJumpChain(const QList<SshEndpoint> &jumps);

    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *hostEdit() const { return m_host; }
    QSpinBox *portSpin() const { return m_port; }
    QLineEdit *userEdit() const { return m_user; }
    QComboBox *authCombo() const { return m_auth; }
    QLineEdit *identityEdit() const { return m_identity; }
    QLineEdit *certificateEdit() const { return m_certificate; }
    QLineEdit *passwordFileEdit() const { return m_passwordFile; }
    QPlainTextEdit *jumpsEdit() const { return m_jumps; }
    QLineEdit *urlEdit() const { return m_url; }
    QCheckBox *tlsBox() const { return m_tls; }
    QCheckBox *readOnlyBox() const { return m_readOnly; }
    QPushButton *testButton() const { return m_test; }
    QLabel *resultLabel() const { return m_result; }

    void done(int result) override;

protected:
    // Esc while a test runs cancels the test and keeps the dialog (and what was typed) open.
    void keyPressEvent(QKeyEvent *event) override;

private:
    QLineEdit *fileRow(const QString &placeholder, QWidget **rowOut);
    void runTest();
    void cancelTest();
    void setTesting(bool on);

    HostKind m_kind;
    QStringList m_taken;
    QString m_originalName;
    Tester m_tester;
    std::function<void()> m_cancelTest;
    bool m_testing = false;
    quint64 m_testRun = 0; // bumped per test and by a cancel: older answers are ignored
    QString m_testedName;

    QLineEdit *m_name = nullptr;
    // SSH
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_user = nullptr;
    QComboBox *m_auth = nullptr;
    QLineEdit *m_identity = nullptr;
    QLineEdit *m_certificate = nullptr;
    QLineEdit *m_passwordFile = nullptr;
    QPlainTextEdit *m_jumps = nullptr;
    QLineEdit *m_dockerCommand = nullptr;
    QLineEdit *m_knownHosts = nullptr;
    // API
    QLineEdit *m_url = nullptr;
    QCheckBox *m_tls = nullptr;
    QLineEdit *m_ca = nullptr;
    QLineEdit *m_cert = nullptr;
    QLineEdit *m_key = nullptr;
    QCheckBox *m_verify = nullptr;

    QCheckBox *m_readOnly = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_result = nullptr;
};

} // namespace archnest::ui
