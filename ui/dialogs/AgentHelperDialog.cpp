#include "dialogs/AgentHelperDialog.h"

#include "docker/agent/AgentReport.h"
#include "models/AgentUrlAdvice.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSaveFile>
#include <QThreadPool>
#include <QVBoxLayout>

namespace archnest::ui {

QString AgentHelperDialog::agentEnv(const QString &receiverUrl, const QByteArray &token, const QString &hostId)
{
    return QStringLiteral("ARCHNEST_URL=%1\nARCHNEST_AGENT_TOKEN=%2\nARCHNEST_HOST_ID=%3\n")
        .arg(receiverUrl, QString::fromLatin1(token), hostId);
}

QString AgentHelperDialog::installCommands()
{
    return QStringLiteral("# on the VM (needs bash, docker, curl, jq):\n"
                          "sudo install -m 0755 archnest-docker-agent.sh /usr/local/bin/archnest-docker-agent\n"
                          "sudo mkdir -p /etc/archnest\n"
                          "sudo tee /etc/archnest/agent.env >/dev/null   # paste the agent.env below, then Ctrl+D\n"
                          "sudo chmod 600 /etc/archnest/agent.env\n"
                          "sudo archnest-docker-agent   # -> reported N container(s)\n"
                          "# then every 30 s: a systemd timer or cron (see the agent README)\n");
}

QByteArray AgentHelperDialog::agentScript()
{
    QFile f(QStringLiteral(":/agent/archnest-docker-agent.sh"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

AgentHelperDialog::AgentHelperDialog(const QString &receiverUrl, const QByteArray &token, bool receiverRunning,
                                     QWidget *parent)
    : QDialog(parent)
    , m_url(receiverUrl)
    , m_sharedToken(token)
{
    setObjectName(QStringLiteral("AgentHelperDialog"));
    setWindowTitle(tr("Add an agent host"));
    auto *intro = new QLabel(
        receiverRunning
            ? tr("Install the agent on the VM and give it this agent.env. The host appears here with its first report "
                 "(read-only: agents only report).")
            : tr("The receiver is off: enable it in Settings first, then install the agent with this agent.env."),
        this);
    intro->setWordWrap(true);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_install = new QPlainTextEdit(installCommands(), this);
    m_install->setReadOnly(true);
    m_install->setFont(mono);
    m_hostId = new QLineEdit(tr("my-vm-1"), this);
    m_hostId->setToolTip(tr("The name this VM gets here (ARCHNEST_HOST_ID): letters, digits, '.', '_', '-'."));
    m_ownToken = new QCheckBox(tr("Give this host its &own token"), this);
    m_ownToken->setToolTip(tr("Only this host can report with it, and it can report as no other host. Made now and "
                              "kept in the OS keychain; manage it in Settings."));
    m_ownToken->setVisible(false); // shown once the app gives the hooks
    m_tokenNote = new QLabel(this);
    m_tokenNote->setWordWrap(true);
    m_env = new QPlainTextEdit(agentEnv(receiverUrl, token, tr("my-vm-1")), this);
    m_env->setFont(mono);
    m_env->setToolTip(tr("Set ARCHNEST_HOST_ID to the name this VM should have here."));
    connect(m_hostId, &QLineEdit::textChanged, this, [this] {
        m_tokenNote->clear();
        updateEnv();
    });
    connect(m_ownToken, &QCheckBox::toggled, this, &AgentHelperDialog::onOwnTokenToggled);
    auto *copyInstall = new QPushButton(tr("Copy commands"), this);
    auto *copyEnv = new QPushButton(tr("Copy agent.env"), this);
    m_save = new QPushButton(tr("Save script…"), this);
    m_save->setEnabled(!agentScript().isEmpty());
    connect(copyInstall, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_install->toPlainText()); });
    connect(copyEnv, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_env->toPlainText()); });
    connect(m_save, &QPushButton::clicked, this, [this] {
        auto *dialog = new QFileDialog(this, tr("Save the agent script"),
                                       QDir::homePath() + QStringLiteral("/archnest-docker-agent.sh"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        connect(dialog, &QFileDialog::fileSelected, this, &AgentHelperDialog::saveScriptTo);
        dialog->open();
    });
    auto *status = new QLabel(this);
    connect(this, &AgentHelperDialog::scriptSaved, status, [status](const QString &path, const QString &error) {
        status->setText(error.isEmpty() ? tr("Saved %1").arg(path) : tr("Could not save %1: %2").arg(path, error));
    });
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    // A URL a remote VM cannot use (loopback, 0.0.0.0) or plain http: said before it is copied.
    m_urlWarning = new QLabel(this);
    m_urlWarning->setObjectName(QStringLiteral("UrlWarning"));
    m_urlWarning->setWordWrap(true);
    m_urlWarning->setTextFormat(Qt::PlainText);
    m_urlWarning->setStyleSheet(QStringLiteral("color: #c0392b;"));
    setMeshAddresses(AgentUrlAdvice::meshAddresses());

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_urlWarning);
    layout->addWidget(new QLabel(tr("Install on the VM:"), this));
    layout->addWidget(m_install);
    layout->addWidget(copyInstall, 0, Qt::AlignLeft);
    auto *hostForm = new QFormLayout;
    hostForm->addRow(tr("Agent &host id:"), m_hostId);
    hostForm->addRow(QString(), m_ownToken);
    layout->addLayout(hostForm);
    layout->addWidget(m_tokenNote);
    layout->addWidget(new QLabel(tr("/etc/archnest/agent.env (keep it mode 600: it holds the token):"), this));
    layout->addWidget(m_env);
    auto *row = new QHBoxLayout;
    row->addWidget(copyEnv);
    row->addWidget(m_save);
    row->addStretch(1);
    layout->addLayout(row);
    layout->addWidget(status);
    layout->addWidget(buttons);
    resize(640, 520);
}

void AgentHelperDialog::setMeshAddresses(const QStringList &addresses)
{
    const QString warning = AgentUrlAdvice::warning(m_url, addresses);
    m_urlWarning->setText(warning);
    m_urlWarning->setVisible(!warning.isEmpty());
}

QString AgentHelperDialog::hostId() const
{
    const QString id = m_hostId->text().trimmed();
    return id.isEmpty() ? tr("my-vm-1") : id;
}

void AgentHelperDialog::setHostTokenHooks(HostTokenHooks hooks)
{
    m_hostHooks = std::move(hooks);
    m_ownToken->setVisible(bool(m_hostHooks.tokenFor) && bool(m_hostHooks.create));
    updateEnv();
}

void AgentHelperDialog::setHostId(const QString &hostId)
{
    m_hostId->setText(hostId);
}

void AgentHelperDialog::updateEnv()
{
    const QString id = hostId();
    const QByteArray own = m_hostHooks.tokenFor ? m_hostHooks.tokenFor(id) : QByteArray();
    {
        // A host with its own token cannot use the shared one: the box stays on while it has one.
        const QSignalBlocker block(m_ownToken);
        m_ownToken->setChecked(!own.isEmpty());
        m_ownToken->setEnabled(own.isEmpty());
    }
    if (!own.isEmpty())
        m_tokenNote->setText(tr("%1 has its own token (remove or rotate it in Settings).").arg(id));
    m_env->setPlainText(agentEnv(m_url, own.isEmpty() ? m_sharedToken : own, id));
}

void AgentHelperDialog::onOwnTokenToggled(bool on)
{
    if (!on || !m_hostHooks.create)
        return updateEnv();
    const QString id = hostId();
    if (!agent::isValidHostId(id)) {
        m_tokenNote->setText(tr("'%1' is not a valid host id: use letters, digits, '.', '_' or '-'.").arg(id.left(80)));
        const QSignalBlocker block(m_ownToken);
        m_ownToken->setChecked(false);
        return;
    }
    m_ownToken->setEnabled(false);
    m_hostHooks.create(id,
                       [self = QPointer<AgentHelperDialog>(this), id](const QByteArray &token, const QString &error) {
                           if (!self)
                               return;
                           self->updateEnv();
                           if (!error.isEmpty() && !token.isEmpty()) // made, but only for this session
                               self->m_tokenNote->setText(error);
                           else if (!error.isEmpty()) {
                               self->m_tokenNote->setText(error);
                               self->m_ownToken->setEnabled(true);
                           }
                       });
}

void AgentHelperDialog::saveScriptTo(const QString &path)
{
    const QByteArray script = agentScript();
    QPointer<AgentHelperDialog> self(this);
    QThreadPool::globalInstance()->start([self, path, script] {
        QSaveFile f(path);
        QString error;
        if (!f.open(QIODevice::WriteOnly) || f.write(script) != script.size() || !f.commit())
            error = f.errorString();
        else
            QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                            QFileDevice::ReadGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                            QFileDevice::ExeOther);
        QMetaObject::invokeMethod(
            qApp,
            [self, path, error] {
                if (self)
                    Q_EMIT self->scriptSaved(path, error);
            },
            Qt::QueuedConnection);
    });
}

} // namespace archnest::ui
