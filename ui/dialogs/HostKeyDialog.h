#pragma once

#include "ssh/SshInteraction.h"

#include <QDialog>

class QPushButton;

namespace archnest::ui {

// Asks whether to trust an unknown SSH host key: host, port, key type and SHA256 fingerprint,
// with Accept once / Accept and save / Reject (the default). Opened window-modal with open();
// the decision arrives through decided().
class HostKeyDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostKeyDialog)

public:
    explicit HostKeyDialog(const ssh::HostKeyQuestion &question, QWidget *parent = nullptr);

    ssh::HostKeyDecision decision() const { return m_decision; }
    QPushButton *acceptOnceButton() const { return m_once; }
    QPushButton *acceptSaveButton() const { return m_save; }
    QPushButton *rejectButton() const { return m_reject; }

Q_SIGNALS:
    void decided(archnest::ssh::HostKeyDecision decision);

private:
    void finishWith(ssh::HostKeyDecision decision);

    ssh::HostKeyDecision m_decision = ssh::HostKeyDecision::Reject;
    bool m_done = false;
    QPushButton *m_once = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_reject = nullptr;
};

} // namespace archnest::ui
