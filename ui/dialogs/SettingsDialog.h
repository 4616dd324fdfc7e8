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
// data dir. Token operations go through callbacks so the dialog never touches files itself.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    struct Hooks
    {
        std::function<QByteArray()> readToken;   // current token (may create one)
        std::function<QByteArray()> rotateToken; // a new token, saved
        QString receiverState;                   // e.g. "listening on 127.0.0.1:4000"
        QString dataDir;
        QString configDir;
    };

    SettingsDialog(const DesktopSettings &settings, Hooks hooks, QWidget *parent = nullptr);

    DesktopSettings settings() const;

    QSpinBox *refreshSpin() const { return m_refresh; }
    QCheckBox *receiverBox() const { return m_receiver; }
    QLineEdit *addressEdit() const { return m_address; }
    QLineEdit *tokenEdit() const { return m_token; }
    QPushButton *rotateButton() const { return m_rotate; }
    QPushButton *copyButton() const { return m_copy; }
    QPushButton *revealButton() const { return m_reveal; }

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
};

} // namespace archnest::ui
