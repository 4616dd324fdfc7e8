#include "dialogs/SettingsDialog.h"

#include "dialogs/AsyncMessageBox.h"
#include "store/StoreSetting.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
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
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::acceptIfValid);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(general);
    layout->addWidget(receiver);
    layout->addWidget(buildHostTokens(this));
    layout->addWidget(buildStore(s, this));
    layout->addWidget(buttons);
    // The layout sets the minimum height (word-wrapped notes, the token table); a minimum
    // width of our own would stop it from doing so.
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    general->setMinimumWidth(600);
}

namespace {

// Shown instead of a token: the table never holds one in plain text.
QString maskedToken()
{
    return QString(12, QChar(0x2022));
}

} // namespace

QWidget *SettingsDialog::buildHostTokens(QWidget *parent)
{
    auto *box = new QGroupBox(tr("Per-host agent tokens"), parent);
    box->setObjectName(QStringLiteral("HostTokens"));
    auto *intro = new QLabel(tr("A host listed here may report only with its own token (the shared token above no "
                                "longer works for it), and its token works for no other host. Changes apply to the "
                                "running receiver at once."),
                             box);
    intro->setWordWrap(true);

    m_hostTable = new QTableWidget(0, 2, box);
    m_hostTable->setObjectName(QStringLiteral("HostTokenTable"));
    m_hostTable->setHorizontalHeaderLabels({tr("Agent host id"), tr("Token")});
    m_hostTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_hostTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_hostTable->verticalHeader()->hide();
    m_hostTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_hostTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_hostTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_hostTable->setMinimumHeight(140);

    m_newHostId = new QLineEdit(box);
    m_newHostId->setPlaceholderText(tr("agent host id (ARCHNEST_HOST_ID)"));
    m_newHostToken = new QLineEdit(box);
    m_newHostToken->setEchoMode(QLineEdit::Password);
    m_newHostToken->setPlaceholderText(tr("token (Generate, or paste one)"));
    m_generateHost = new QPushButton(tr("&Generate"), box);
    m_generateHost->setToolTip(tr("Fill in a new random token."));
    m_addHost = new QPushButton(tr("&Add"), box);
    m_addHost->setToolTip(tr("Bind the token to the host id (a random token when the field is empty)."));
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_newHostId, 2);
    addRow->addWidget(m_newHostToken, 3);
    addRow->addWidget(m_generateHost);
    addRow->addWidget(m_addHost);

    m_copyHost = new QPushButton(tr("Cop&y token"), box);
    m_copyHost->setToolTip(tr("Copy the selected host's token to the clipboard."));
    m_rotateHost = new QPushButton(tr("R&otate"), box);
    m_rotateHost->setToolTip(
        tr("Give the selected host a new token; its agent is refused until its agent.env has it."));
    m_removeHost = new QPushButton(tr("Re&move"), box);
    m_removeHost->setToolTip(tr("The selected host goes back to the shared token."));
    m_envHost = new QPushButton(tr("agent.env…"), box);
    m_envHost->setToolTip(tr("Show the agent setup for the selected host, with its own token."));
    auto *rowButtons = new QHBoxLayout;
    rowButtons->addWidget(m_copyHost);
    rowButtons->addWidget(m_rotateHost);
    rowButtons->addWidget(m_removeHost);
    rowButtons->addWidget(m_envHost);
    rowButtons->addStretch(1);

    m_hostNote = new QLabel(box);
    m_hostNote->setObjectName(QStringLiteral("HostTokenNote"));
    m_hostNote->setWordWrap(true);

    auto *layout = new QVBoxLayout(box);
    layout->addWidget(intro);
    layout->addWidget(m_hostTable);
    layout->addLayout(rowButtons);
    layout->addLayout(addRow);
    layout->addWidget(m_hostNote);

    const bool editable = m_hooks.setHostToken && m_hooks.removeHostToken;
    box->setEnabled(editable && m_hooks.hostTokenIds);
    connect(m_hostTable, &QTableWidget::itemSelectionChanged, this, &SettingsDialog::updateHostButtons);
    connect(m_newHostId, &QLineEdit::textChanged, this, &SettingsDialog::updateHostButtons);
    connect(m_generateHost, &QPushButton::clicked, this,
            [this] { m_newHostToken->setText(QString::fromLatin1(generateReceiverToken())); });
    connect(m_addHost, &QPushButton::clicked, this, [this] {
        const QString id = m_newHostId->text().trimmed();
        QByteArray token = m_newHostToken->text().trimmed().toLatin1();
        if (id.isEmpty() || !m_hooks.setHostToken)
            return;
        if (token.isEmpty())
            token = generateReceiverToken();
        // The receiver's rules, before anything is stored; the typed token stays for a fix.
        const VoidResult strong =
            checkDesktopToken(token, tr("The token for %1").arg(id), tr("Use Generate for a random one."));
        if (!strong) {
            m_hostNote->setText(strong.errorMessage());
            m_generateHost->setFocus();
            return;
        }
        m_addHost->setEnabled(false);
        m_hooks.setHostToken(id, token, [self = QPointer<SettingsDialog>(this), id](const QString &error) {
            if (self)
                self->hostTokenDone(id, tr("%1 now reports with its own token.").arg(id), error);
        });
    });
    connect(m_copyHost, &QPushButton::clicked, this, [this] {
        const QString id = selectedHostId();
        if (id.isEmpty() || !m_hooks.hostToken)
            return;
        QApplication::clipboard()->setText(QString::fromLatin1(m_hooks.hostToken(id)));
        m_hostNote->setText(tr("The token of %1 is in the clipboard.").arg(id));
    });
    connect(m_rotateHost, &QPushButton::clicked, this, [this] {
        const QString id = selectedHostId();
        if (id.isEmpty() || !m_hooks.setHostToken)
            return;
        m_hooks.setHostToken(
            id, generateReceiverToken(), [self = QPointer<SettingsDialog>(this), id](const QString &error) {
                if (self)
                    self->hostTokenDone(
                        id,
                        tr("%1 has a new token: put it in the agent.env on that VM (Copy token or agent.env…).")
                            .arg(id),
                        error);
            });
    });
    connect(m_removeHost, &QPushButton::clicked, this, [this] {
        const QString id = selectedHostId();
        if (id.isEmpty() || !m_hooks.removeHostToken)
            return;
        AsyncMessageBox::confirm(
            this, tr("Remove the host token"),
            tr("Remove the own token of %1? Its agent is refused until it reports with the shared token.").arg(id),
            tr("Remove"), [self = QPointer<SettingsDialog>(this), id](bool yes) {
                if (!self || !yes || !self->m_hooks.removeHostToken)
                    return;
                self->m_hooks.removeHostToken(id, [self, id](const QString &error) {
                    if (self)
                        self->hostTokenDone(id, tr("%1 uses the shared token again.").arg(id), error);
                });
            });
    });
    connect(m_envHost, &QPushButton::clicked, this, [this] {
        const QString id = selectedHostId();
        if (!id.isEmpty() && m_hooks.showAgentEnv)
            m_hooks.showAgentEnv(id, settings());
    });
    reloadHostTokens();
    return box;
}

void SettingsDialog::reloadHostTokens()
{
    const QString selected = selectedHostId();
    const QStringList ids = m_hooks.hostTokenIds ? m_hooks.hostTokenIds() : QStringList();
    m_hostTable->setRowCount(0);
    for (const QString &id : ids) {
        const int row = m_hostTable->rowCount();
        m_hostTable->insertRow(row);
        m_hostTable->setItem(row, 0, new QTableWidgetItem(id));
        const bool known = m_hooks.hostToken && !m_hooks.hostToken(id).isEmpty();
        auto *masked = new QTableWidgetItem(known ? maskedToken() : tr("unreadable"));
        masked->setToolTip(known ? tr("Hidden: use Copy token.")
                                 : tr("The OS keychain did not give this token: the host is refused until you "
                                      "Rotate (a new token) or Remove it."));
        m_hostTable->setItem(row, 1, masked);
    }
    selectHostToken(selected);
    updateHostButtons();
}

void SettingsDialog::selectHostToken(const QString &hostId)
{
    for (int row = 0; row < m_hostTable->rowCount(); ++row) {
        if (m_hostTable->item(row, 0)->text() == hostId) {
            m_hostTable->selectRow(row);
            return;
        }
    }
    m_hostTable->clearSelection();
}

QString SettingsDialog::selectedHostId() const
{
    const QList<QTableWidgetItem *> items = m_hostTable->selectedItems();
    return items.isEmpty() ? QString() : m_hostTable->item(items.first()->row(), 0)->text();
}

void SettingsDialog::updateHostButtons()
{
    const QString id = selectedHostId();
    const bool any = !id.isEmpty();
    m_copyHost->setEnabled(any && m_hooks.hostToken && !m_hooks.hostToken(id).isEmpty());
    m_rotateHost->setEnabled(any);
    m_removeHost->setEnabled(any);
    m_envHost->setEnabled(any && m_hooks.showAgentEnv);
    m_addHost->setEnabled(!m_newHostId->text().trimmed().isEmpty());
}

void SettingsDialog::hostTokenDone(const QString &hostId, const QString &doneText, const QString &error)
{
    m_hostNote->setText(error.isEmpty() ? doneText : error);
    if (error.isEmpty() || m_hooks.hostTokenIds().contains(hostId)) {
        m_newHostId->clear();
        m_newHostToken->clear();
    }
    reloadHostTokens();
    selectHostToken(hostId);
    updateHostButtons();
    Q_EMIT hostTokensChanged(error);
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
    s.storeUrl = m_storeUrl->text().trimmed();
    return s;
}

QString SettingsDialog::storePassword() const
{
    return m_storePassword->text();
}

QWidget *SettingsDialog::buildStore(const DesktopSettings &settings, QWidget *parent)
{
    auto *box = new QGroupBox(tr("Store"), parent);
    auto *form = new QFormLayout(box);
    m_storeUrl = new QLineEdit(settings.storeUrl, box);
    m_storeUrl->setObjectName(QStringLiteral("StoreUrl"));
    m_storeUrl->setPlaceholderText(tr("local SQLite file in the data directory (default)"));
    m_storeUrl->setToolTip(tr("A shared PostgreSQL store for a team: postgres://ROLE@HOST:5432/DBNAME, optionally "
                              "?sslmode=verify-full and ?passfile=/path. Several desktops and receivers can use one."));
    form->addRow(tr("Shared store &URL:"), m_storeUrl);
    m_storePassword = new QLineEdit(box);
    m_storePassword->setEchoMode(QLineEdit::Password);
    m_storePassword->setPlaceholderText(tr("kept in the OS keychain; empty: keep the saved one"));
    form->addRow(tr("&Password:"), m_storePassword);
    m_storeTest = new QPushButton(tr("&Test connection"), box);
    auto *row = new QHBoxLayout;
    row->addWidget(m_storeTest);
    row->addStretch(1);
    form->addRow(QString(), row);
    m_storeResult = new QLabel(box);
    m_storeResult->setObjectName(QStringLiteral("StoreResult"));
    m_storeResult->setWordWrap(true);
    m_storeResult->setTextFormat(Qt::PlainText); // server messages are text, never markup
    m_storeResult->setText(m_hooks.storeInUse.isEmpty()
                               ? QString()
                               : tr("In use: %1%2. A change takes effect at the next start.")
                                     .arg(m_hooks.storeInUse, m_hooks.storeReadOnly ? tr(" (read-only)") : QString()));
    form->addRow(QString(), m_storeResult);
    connect(m_storeTest, &QPushButton::clicked, this, [this] {
        auto parsed = store::parseStoreSetting(m_storeUrl->text());
        if (!parsed) {
            m_storeResult->setText(parsed.errorMessage());
            return;
        }
        if (!m_hooks.testStore)
            return;
        m_storeTest->setEnabled(false);
        m_storeResult->setText(tr("Connecting…"));
        m_hooks.testStore(m_storeUrl->text().trimmed(), m_storePassword->text(),
                          [self = QPointer<SettingsDialog>(this)](const QString &text, bool ok) {
                              if (!self)
                                  return;
                              self->m_storeTest->setEnabled(true);
                              self->m_storeResult->setText((ok ? QString() : tr("Cannot use this store: ")) + text);
                          });
    });
    return box;
}

void SettingsDialog::acceptIfValid()
{
    auto parsed = store::parseStoreSetting(m_storeUrl->text());
    if (!parsed) {
        m_storeResult->setText(parsed.errorMessage());
        m_storeUrl->setFocus();
        return;
    }
    accept();
}

} // namespace archnest::ui
