#pragma once

#include "ssh/SshInteraction.h"

#include <QObject>
#include <QPointer>
#include <QWidget>

#include <QHash>
#include <QSet>

#include <memory>
#include <optional>

namespace archnest::ui {

// The desktop's answers to SSH questions: an unknown host key opens a HostKeyDialog, a password
// or passphrase opens a masked prompt. Questions may come from any thread; dialogs open on the
// GUI thread and never block it. Tests set the next answers so no dialog waits.
// A rejected host key is remembered until the app restarts: the same key (ArchNest host,
// address, port, fingerprint) is rejected again without a dialog until forgetRejectedKeys().
class GuiSshInteraction final : public QObject, public ssh::SshInteraction
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuiSshInteraction)

public:
    explicit GuiSshInteraction(QWidget *dialogParent, QObject *parent = nullptr);

    void askHostKey(const ssh::HostKeyQuestion &question, std::function<void(ssh::HostKeyDecision)> answer) override;
    void askSecret(const ssh::SecretQuestion &question, std::function<void(std::optional<QString>)> answer) override;
    // A password the person asked to keep goes to the keeper once the server accepted it.
    void secretOutcome(const ssh::SecretQuestion &question, bool accepted) override;

    // Keeps an accepted password (e.g. DesktopApp: the OS keychain + passwordRef in the hosts file).
    using PasswordKeeper = std::function<void(const ssh::SecretQuestion &question, const QString &password)>;
    void setPasswordKeeper(PasswordKeeper keeper) { m_keeper = std::move(keeper); }

    // The interaction to give one host's source: its host-key questions name that ArchNest host.
    // Owned by this object.
    ssh::SshInteraction *forHost(const QString &hostName);
    bool hasRejectedKey(const QString &hostName) const;
    // "Trust key…": the next connection to the host asks again.
    void forgetRejectedKeys(const QString &hostName);

    // Test hooks.
    static void setNextHostKeyDecision(ssh::HostKeyDecision decision);
    static void setNextSecret(std::optional<QString> secret, bool keepInKeychain = false);
    static ssh::SecretQuestion lastSecretQuestion();
    static int secretQuestionCount();
    static ssh::HostKeyQuestion lastHostKeyQuestion();
    static int hostKeyQuestionCount();

Q_SIGNALS:
    void dialogOpened(QWidget *dialog);
    void hostKeyRejected(const QString &hostName);

private:
    void showHostKey(const ssh::HostKeyQuestion &question, std::function<void(ssh::HostKeyDecision)> answer);
    void showSecret(const ssh::SecretQuestion &question, std::function<void(std::optional<QString>)> answer);

    void remember(const ssh::HostKeyQuestion &question, ssh::HostKeyDecision decision);
    static QString keyOf(const ssh::HostKeyQuestion &question);

    QPointer<QWidget> m_parent;
    QSet<QString> m_rejected;               // keyOf() of every key rejected this session
    QHash<QString, QString> m_rejectedHost; // keyOf() -> ArchNest host name
    QHash<QString, std::shared_ptr<ssh::SshInteraction>> m_perHost;
    static QString hopKeyOf(const ssh::SecretQuestion &question);
    void rememberToKeep(const ssh::SecretQuestion &question, const QString &password);
    PasswordKeeper m_keeper;
    QHash<QString, QString> m_toKeep; // hopKeyOf() -> a password given with "keep", until judged
    QSet<QString> m_keepChosen;       // hops whose last prompt had "keep" ticked (the retry keeps it)
};

} // namespace archnest::ui
