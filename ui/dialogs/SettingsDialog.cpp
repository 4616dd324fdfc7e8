#include "dialogs/SettingsDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <utility>

namespace archnest::ui {

SettingsDialog::SettingsDialog(const DesktopSettings &s, Hooks hooks, QWidget *parent)
    : QDialog(parent)
    , m_hooks(std::move(hooks))
{
    setObjectName(QStringLiteral("SettingsDialog"));
    setWindowTitle(tr("Settings"));

    auto *general = new QGroupBox(tr("General"), this);
    auto *gform = new QFormLayout(general);
    m_refresh = new QSpinBox(general);
    m_refresh->setRange(0, 3600);
    m_refresh->setSuffix(tr(" s"));
    m_refresh->setSpecialValueText(tr("manual (F5)"));
    m_refresh->setValue(s.refreshIntervalSec);
    gform->addRow(tr("&Refresh every:"), m_refresh);
    auto *dataDir = new QLabel(m_hooks.dataDir, general);
    dataDir->setTextInteractionFlags(Qt::TextSelectableByMouse);
    dataDir->setToolTip(tr("Change with --data-dir or ARCHNEST_DATA_DIR."));
    gform->addRow(tr("Data directory:"), dataDir);
    auto *configDir = new QLabel(m_hooks.configDir, general);
    configDir->setTextInteractionFlags(Qt::TextSelectableByMouse);
    configDir->setToolTip(tr("Change with --config-dir or ARCHNEST_CONFIG_DIR."));
    gform->addRow(tr("Config directory:"), configDir);

    auto *receiver = new QGroupBox(tr("Push-agent receiver"), this);
    auto *rform = new QFormLayout(receiver);
    m_receiver = new QCheckBox(tr("&Listen for agent reports"), receiver);
    m_receiver->setChecked(s.receiverEnabled);
    rform->addRow(QString(), m_receiver);
    m_address = new QLineEdit(s.receiverAddress, receiver);
    m_address->setToolTip(tr("ADDRESS:PORT. Use a mesh or private address (e.g. your Tailscale IP), never a "
                             "public one: reports are protected by the token only."));
    rform->addRow(tr("&Bind address:"), m_address);
    m_stale = new QSpinBox(receiver);
    m_stale->setRange(10, 86400);
    m_stale->setSuffix(tr(" s"));
    m_stale->setValue(s.staleWindowSec);
    rform->addRow(tr("&Stale after:"), m_stale);
    m_token = new QLineEdit(receiver);
    m_token->setReadOnly(true);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("created when the receiver is first enabled"));
    m_reveal = new QPushButton(tr("Show"), receiver);
    m_reveal->setCheckable(true);
    m_copy = new QPushButton(tr("Copy"), receiver);
    m_rotate = new QPushButton(tr("Rotate…"), receiver);
    m_rotate->setToolTip(tr("Make a new token; agents with the old one are refused until updated."));
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(m_reveal);
    tokenRow->addWidget(m_copy);
    tokenRow->addWidget(m_rotate);
    rform->addRow(tr("Token:"), tokenRow);
    m_tokenNote = new QLabel(receiver);
    m_tokenNote->setObjectName(QStringLiteral("TokenNote"));
    m_tokenNote->setWordWrap(true);
    rform->addRow(QString(), m_tokenNote);
    setTokenNote(m_hooks.tokenNote);
    auto *state = new QLabel(m_hooks.receiverState, receiver);
    state->setObjectName(QStringLiteral("ReceiverState"));
    rform->addRow(tr("State:"), state);

    // Replies may come later (the keychain answers asynchronously) or never after we closed.
    const auto reply = [self = QPointer<SettingsDialog>(this)](const QByteArray &token, const QString &note) {
        if (!self)
            return;
        self->m_token->setText(QString::fromLatin1(token));
        self->setTokenNote(note);
        if (std::exchange(self->m_copyWhenLoaded, false))
            QApplication::clipboard()->setText(self->m_token->text());
    };
    const auto loadToken = [this, reply] {
        if (m_token->text().isEmpty() && m_hooks.readToken)
            m_hooks.readToken(reply);
    };
    connect(m_reveal, &QPushButton::toggled, this, [this, loadToken](bool on) {
        loadToken();
        m_token->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password);
    });
    connect(m_copy, &QPushButton::clicked, this, [this, loadToken] {
        if (m_token->text().isEmpty()) {
            m_copyWhenLoaded = true;
            loadToken();
            return;
        }
        QApplication::clipboard()->setText(m_token->text());
    });
    connect(m_rotate, &QPushButton::clicked, this, [this, reply] {
        if (m_hooks.rotateToken)
            m_hooks.rotateToken(reply);
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(general);
    layout->addWidget(receiver);
    layout->addWidget(buttons);
    setMinimumWidth(560);
}

void SettingsDialog::setTokenNote(const QString &note)
{
    m_tokenNote->setText(note);
    m_tokenNote->setVisible(!note.isEmpty());
}

DesktopSettings SettingsDialog::settings() const
{
    DesktopSettings s;
    s.refreshIntervalSec = m_refresh->value();
    s.receiverEnabled = m_receiver->isChecked();
    s.receiverAddress = m_address->text().trimmed();
    s.staleWindowSec = m_stale->value();
    return s;
}

} // namespace archnest::ui
