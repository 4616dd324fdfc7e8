#pragma once

#include "DesktopSettings.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace archnest::ui {

// Refresh interval, agent receiver (enable, bind address, stale window, token: copy / rotate),
// data dir. Token operations go through asynchronous callbacks (the token lives in the OS
// keychain), so the dialog never touches the keychain or files itself.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    // (token, where it is kept); may be called later. The dialog ignores replies after it closed.
    using TokenReply = std::function<void(const QByteArray &token, const QString &note)>;
    struct Hooks
    {
        std::function<void(TokenReply)> readToken;   // current token (may create one)
        std::function<void(TokenReply)> rotateToken; // a new token, saved
        QString tokenNote;                           // where the token is kept
        QString receiverState;                       // e.g. "listening on 127.0.0.1:4000"
        QString dataDir;
        QString configDir;
    };

    SettingsDialog(const DesktopSettings &settings, Hooks hooks, QWidget *parent = nullptr);

    DesktopSettings settings() const;
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

private:
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
};

} // namespace archnest::ui
