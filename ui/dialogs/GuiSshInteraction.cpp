#include "dialogs/GuiSshInteraction.h"

#include "dialogs/HostKeyDialog.h"
#include "dialogs/SecretPromptDialog.h"

#include <memory>

namespace archnest::ui {

namespace {
std::optional<ssh::HostKeyDecision> g_nextDecision;
bool g_haveNextSecret = false;
std::optional<QString> g_nextSecret;
bool g_nextKeep = false;
ssh::SecretQuestion g_lastSecretQuestion;
int g_secretQuestions = 0;
ssh::HostKeyQuestion g_lastQuestion;
int g_questions = 0;
// Fills in the ArchNest host name, then asks the shared interaction.
class HostScopedInteraction final : public ssh::SshInteraction
{
public:
    HostScopedInteraction(GuiSshInteraction *shared, QString hostName)
        : m_shared(shared)
        , m_hostName(std::move(hostName))
    {}
    void askHostKey(const ssh::HostKeyQuestion &question, std::function<void(ssh::HostKeyDecision)> answer) override
    {
        ssh::HostKeyQuestion q = question;
        q.archnestHost = m_hostName;
        m_shared->askHostKey(q, std::move(answer));
    }
    void askSecret(const ssh::SecretQuestion &question, std::function<void(std::optional<QString>)> answer) override
    {
        ssh::SecretQuestion q = question;
        q.archnestHost = m_hostName;
        m_shared->askSecret(q, std::move(answer));
    }
    void secretOutcome(const ssh::SecretQuestion &question, bool accepted) override
    {
        ssh::SecretQuestion q = question;
        q.archnestHost = m_hostName;
        m_shared->secretOutcome(q, accepted);
    }

private:
    GuiSshInteraction *m_shared = nullptr;
    QString m_hostName;
};
} // namespace

GuiSshInteraction::GuiSshInteraction(QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_parent(dialogParent)
{}

ssh::SshInteraction *GuiSshInteraction::forHost(const QString &hostName)
{
    auto &slot = m_perHost[hostName];
    if (!slot)
        slot = std::make_shared<HostScopedInteraction>(this, hostName);
    return slot.get();
}

QString GuiSshInteraction::keyOf(const ssh::HostKeyQuestion &q)
{
    return QStringList{q.archnestHost, q.host, QString::number(q.port), q.fingerprintSha256}.join(QLatin1Char('\n'));
}

bool GuiSshInteraction::hasRejectedKey(const QString &hostName) const
{
    for (auto it = m_rejectedHost.cbegin(); it != m_rejectedHost.cend(); ++it)
        if (it.value() == hostName)
            return true;
    return false;
}

void GuiSshInteraction::forgetRejectedKeys(const QString &hostName)
{
    for (auto it = m_rejectedHost.begin(); it != m_rejectedHost.end();) {
        if (it.value() == hostName) {
            m_rejected.remove(it.key());
            it = m_rejectedHost.erase(it);
        } else {
            ++it;
        }
    }
}

void GuiSshInteraction::remember(const ssh::HostKeyQuestion &question, ssh::HostKeyDecision decision)
{
    if (decision != ssh::HostKeyDecision::Reject)
        return;
    const QString key = keyOf(question);
    m_rejected.insert(key);
    m_rejectedHost.insert(key, question.archnestHost);
    Q_EMIT hostKeyRejected(question.archnestHost);
}

void GuiSshInteraction::setNextHostKeyDecision(ssh::HostKeyDecision decision)
{
    g_nextDecision = decision;
}

void GuiSshInteraction::setNextSecret(std::optional<QString> secret, bool keepInKeychain)
{
    g_haveNextSecret = true;
    g_nextSecret = std::move(secret);
    g_nextKeep = keepInKeychain;
}

ssh::SecretQuestion GuiSshInteraction::lastSecretQuestion()
{
    return g_lastSecretQuestion;
}

int GuiSshInteraction::secretQuestionCount()
{
    return g_secretQuestions;
}

QString GuiSshInteraction::hopKeyOf(const ssh::SecretQuestion &q)
{
    return QStringList{q.archnestHost, q.host, QString::number(q.port), q.user}.join(QLatin1Char('\n'));
}

void GuiSshInteraction::rememberToKeep(const ssh::SecretQuestion &question, const QString &password)
{
    const QString key = hopKeyOf(question);
    if (QString old = m_toKeep.take(key); !old.isEmpty())
        old.fill(QLatin1Char('\0'));
    m_keepChosen.insert(key);
    m_toKeep.insert(key, password);
}

void GuiSshInteraction::secretOutcome(const ssh::SecretQuestion &question, bool accepted)
{
    const QString key = hopKeyOf(question);
    if (!m_toKeep.contains(key))
        return;
    QString password = m_toKeep.take(key);
    if (accepted) {
        m_keepChosen.remove(key);
        if (m_keeper)
            m_keeper(question, password);
    }
    password.fill(QLatin1Char('\0'));
}

ssh::HostKeyQuestion GuiSshInteraction::lastHostKeyQuestion()
{
    return g_lastQuestion;
}

int GuiSshInteraction::hostKeyQuestionCount()
{
    return g_questions;
}

void GuiSshInteraction::askHostKey(const ssh::HostKeyQuestion &question,
                                   std::function<void(ssh::HostKeyDecision)> answer)
{
    // Hop to the GUI thread whatever thread asked.
    QMetaObject::invokeMethod(
        this, [this, question, answer = std::move(answer)]() mutable { showHostKey(question, std::move(answer)); },
        Qt::QueuedConnection);
}

void GuiSshInteraction::askSecret(const ssh::SecretQuestion &question,
                                  std::function<void(std::optional<QString>)> answer)
{
    QMetaObject::invokeMethod(
        this, [this, question, answer = std::move(answer)]() mutable { showSecret(question, std::move(answer)); },
        Qt::QueuedConnection);
}

void GuiSshInteraction::showHostKey(const ssh::HostKeyQuestion &question,
                                    std::function<void(ssh::HostKeyDecision)> answer)
{
    if (m_rejected.contains(keyOf(question))) {
        // Rejected before in this session: no new dialog on every refresh.
        answer(ssh::HostKeyDecision::Reject);
        return;
    }
    g_lastQuestion = question;
    ++g_questions;
    if (g_nextDecision) {
        const ssh::HostKeyDecision d = *g_nextDecision;
        g_nextDecision.reset();
        remember(question, d);
        answer(d);
        return;
    }
    auto *dialog = new HostKeyDialog(question, m_parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(m_parent ? Qt::WindowModal : Qt::ApplicationModal);
    auto shared = std::make_shared<std::function<void(ssh::HostKeyDecision)>>(std::move(answer));
    connect(dialog, &HostKeyDialog::decided, this, [this, shared, question](ssh::HostKeyDecision d) {
        remember(question, d);
        if (*shared) {
            (*shared)(d);
            *shared = nullptr;
        }
    });
    // If the dialog goes away without a decision (parent closed), the answer is Reject.
    connect(dialog, &QObject::destroyed, this, [shared] {
        if (*shared)
            (*shared)(ssh::HostKeyDecision::Reject);
    });
    dialog->open();
    Q_EMIT dialogOpened(dialog);
}

void GuiSshInteraction::showSecret(const ssh::SecretQuestion &question,
                                   std::function<void(std::optional<QString>)> answer)
{
    g_lastSecretQuestion = question;
    ++g_secretQuestions;
    const QString hop = hopKeyOf(question);
    if (question.attempt <= 1)
        m_keepChosen.remove(hop); // a new login: the box starts unticked
    if (g_haveNextSecret) {
        g_haveNextSecret = false;
        std::optional<QString> s = std::move(g_nextSecret);
        g_nextSecret.reset();
        if (s && g_nextKeep && ssh::isPasswordQuestion(question) && !question.archnestHost.isEmpty())
            rememberToKeep(question, *s);
        answer(std::move(s));
        return;
    }
    auto *dialog = new SecretPromptDialog(question, m_parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setKeepInKeychain(m_keepChosen.contains(hop)); // a retry keeps the choice
    auto shared = std::make_shared<std::function<void(std::optional<QString>)>>(std::move(answer));
    connect(dialog, &QDialog::finished, this, [this, dialog, shared, question](int result) {
        if (!*shared)
            return;
        if (result != QDialog::Accepted) {
            (*shared)(std::nullopt);
            *shared = nullptr;
            return;
        }
        QString secret = dialog->secret();
        if (dialog->keepInKeychain())
            rememberToKeep(question, secret);
        (*shared)(secret);
        *shared = nullptr;
        secret.fill(QLatin1Char('\0'));
    });
    connect(dialog, &QObject::destroyed, this, [shared] {
        if (*shared)
            (*shared)(std::nullopt);
    });
    dialog->open();
    Q_EMIT dialogOpened(dialog);
}

} // namespace archnest::ui
