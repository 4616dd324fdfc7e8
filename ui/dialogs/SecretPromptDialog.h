#pragma once

#include "ssh/SshInteraction.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace archnest::ui {

// The one prompt for an SSH secret: a password (the password method and keyboard-interactive's
// password prompt look the same), a key passphrase or another keyboard-interactive question.
// A retry says "Permission denied — try again (n of 3)"; a password prompt for a configured
// host offers to keep the password in the OS keychain. Every text is plain text (the server's
// prompt is never rendered as markup).
class SecretPromptDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretPromptDialog)

public:
    explicit SecretPromptDialog(const ssh::SecretQuestion &question, QWidget *parent = nullptr);
    ~SecretPromptDialog() override;

    // "Permission denied — try again (2 of 3)", or "" on a first try.
    static QString retryText(const ssh::SecretQuestion &question);
    QString secret() const;
    bool keepInKeychain() const;
    void setKeepInKeychain(bool on);

    QLineEdit *secretEdit() const { return m_edit; }
    QLabel *retryLabel() const { return m_retry; }
    QCheckBox *keychainBox() const { return m_keychain; }

private:
    QLabel *m_retry = nullptr;
    QLineEdit *m_edit = nullptr;
    QCheckBox *m_keychain = nullptr; // null when the question cannot be kept
};

} // namespace archnest::ui
