#include "dialogs/SecretPromptDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace archnest::ui {

namespace {
QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setTextFormat(Qt::PlainText);
    l->setWordWrap(true);
    return l;
}
} // namespace

SecretPromptDialog::SecretPromptDialog(const ssh::SecretQuestion &q, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("SecretDialog"));
    const bool password = ssh::isPasswordQuestion(q);
    QString label;
    if (password) {
        setWindowTitle(tr("SSH password"));
        label = tr("Password for %1@%2:%3").arg(q.user, q.host).arg(q.port);
        if (!q.archnestHost.isEmpty())
            label += tr(" (host %1)").arg(q.archnestHost);
    } else if (q.kind == ssh::SecretKind::KeyPassphrase) {
        setWindowTitle(tr("Key passphrase"));
        label = tr("Passphrase for the key %1 (connecting to %2):").arg(q.prompt, q.host);
    } else {
        setWindowTitle(tr("SSH login"));
        label = tr("%1@%2 asks:\n%3").arg(q.user, q.host, q.prompt);
    }
    auto *layout = new QVBoxLayout(this);
    m_retry = plainLabel(retryText(q), this);
    m_retry->setObjectName(QStringLiteral("RetryLabel"));
    m_retry->setStyleSheet(QStringLiteral("color: #d9534f; font-weight: bold;"));
    m_retry->setVisible(!m_retry->text().isEmpty());
    layout->addWidget(m_retry);
    if (!q.note.isEmpty()) // why we ask although a keychain entry is configured
        layout->addWidget(plainLabel(q.note, this));
    QLabel *prompt = plainLabel(label, this);
    layout->addWidget(prompt);
    m_edit = new QLineEdit(this);
    m_edit->setEchoMode(q.echo ? QLineEdit::Normal : QLineEdit::Password);
    prompt->setBuddy(m_edit);
    layout->addWidget(m_edit);
    if (password && !q.archnestHost.isEmpty()) {
        m_keychain = new QCheckBox(tr("&Keep this password in the OS keychain"), this);
        m_keychain->setToolTip(tr("Once the server accepts it, the password goes to the OS keychain and the "
                                  "hosts file names it (passwordRef): no prompt next time."));
        layout->addWidget(m_keychain);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    setMinimumWidth(460); // room for user@host:port and the retry line without wrapping
}

SecretPromptDialog::~SecretPromptDialog()
{
    // The typed secret does not outlive the dialog in the line edit's buffer.
    if (m_edit) {
        QString wipe = m_edit->text();
        m_edit->setText(QString(wipe.size(), QLatin1Char(' ')));
        wipe.fill(QLatin1Char('\0'));
    }
}

QString SecretPromptDialog::retryText(const ssh::SecretQuestion &q)
{
    if (q.attempt <= 1)
        return {};
    return tr("%1 — try again (%2 of %3)")
        .arg(q.retryReason.isEmpty() ? tr("Permission denied") : q.retryReason)
        .arg(q.attempt)
        .arg(q.maxAttempts);
}

QString SecretPromptDialog::secret() const
{
    return m_edit->text();
}

bool SecretPromptDialog::keepInKeychain() const
{
    return m_keychain && m_keychain->isChecked();
}

void SecretPromptDialog::setKeepInKeychain(bool on)
{
    if (m_keychain)
        m_keychain->setChecked(on);
}

} // namespace archnest::ui
