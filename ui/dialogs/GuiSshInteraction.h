#pragma once

#include "ssh/SshInteraction.h"

#include <QObject>
#include <QPointer>
#include <QWidget>

#include <optional>

namespace archnest::ui {

// The desktop's answers to SSH questions: an unknown host key opens a HostKeyDialog, a password
// or passphrase opens a masked prompt. Questions may come from any thread; dialogs open on the
// GUI thread and never block it. Tests set the next answers so no dialog waits.
class GuiSshInteraction final : public QObject, public ssh::SshInteraction
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuiSshInteraction)

public:
    explicit GuiSshInteraction(QWidget *dialogParent, QObject *parent = nullptr);

    void askHostKey(const ssh::HostKeyQuestion &question, std::function<void(ssh::HostKeyDecision)> answer) override;
    void askSecret(const ssh::SecretQuestion &question, std::function<void(std::optional<QString>)> answer) override;

    // Test hooks.
    static void setNextHostKeyDecision(ssh::HostKeyDecision decision);
    static void setNextSecret(std::optional<QString> secret);
    static ssh::HostKeyQuestion lastHostKeyQuestion();
    static int hostKeyQuestionCount();

Q_SIGNALS:
    void dialogOpened(QWidget *dialog);

private:
    void showHostKey(const ssh::HostKeyQuestion &question, std::function<void(ssh::HostKeyDecision)> answer);
    void showSecret(const ssh::SecretQuestion &question, std::function<void(std::optional<QString>)> answer);

    QPointer<QWidget> m_parent;
};

} // namespace archnest::ui
