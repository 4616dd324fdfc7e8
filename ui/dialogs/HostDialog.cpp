#include "dialogs/HostDialog.h"

#include "config/HostsFile.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace archnest::ui {

namespace {
enum AuthChoice { AuthDefault, AuthKey, AuthPasswordFile, AuthAgent };
}

HostDialog::HostDialog(HostKind kind, const QStringList &takenNames, QWidget *parent)
    : QDialog(parent)
    , m_kind(kind)
    , m_taken(takenNames)
{
    setObjectName(QStringLiteral("HostDialog"));
    setWindowTitle(kind == HostKind::Ssh ? tr("SSH host") : tr("Docker Engine API host"));
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("e.g. web-prod-1 (letters, digits, . _ -)"));
    form->addRow(tr("&Name:"), m_name);

    if (kind == HostKind::Ssh) {
        m_host = new QLineEdit(this);
        m_host->setPlaceholderText(tr("host name or address"));
        m_port = new QSpinBox(this);
        m_port->setRange(1, 65535);
        m_port->setValue(22);
        // A widget (not a layout) as the field: the label's buddy, so "&Host:" is a mnemonic
        // and not shown literally.
        auto *hostRow = new QWidget(this);
        auto *hostLayout = new QHBoxLayout(hostRow);
        hostLayout->setContentsMargins(0, 0, 0, 0);
        hostLayout->addWidget(m_host, 1);
        auto *portLabel = new QLabel(tr("P&ort:"), hostRow);
        portLabel->setBuddy(m_port);
        hostLayout->addWidget(portLabel);
        hostLayout->addWidget(m_port);
        hostRow->setFocusProxy(m_host);
        form->addRow(tr("&Host:"), hostRow);
        m_user = new QLineEdit(this);
        form->addRow(tr("&User:"), m_user);
        m_auth = new QComboBox(this);
        m_auth->addItem(tr("Default (agent, keys, password prompt)"), AuthDefault);
        m_auth->addItem(tr("Private key (and certificate)"), AuthKey);
        m_auth->addItem(tr("Password from a file"), AuthPasswordFile);
        m_auth->addItem(tr("SSH agent only"), AuthAgent);
        form->addRow(tr("&Authentication:"), m_auth);
        QWidget *row = nullptr;
        m_identity = fileRow(tr("~/.ssh/id_ed25519"), &row);
        form->addRow(tr("Private &key:"), row);
        m_certificate = fileRow(tr("<key>-cert.pub when present"), &row);
        form->addRow(tr("C&ertificate:"), row);
        m_passwordFile = fileRow(tr("a file holding the password (mode 600)"), &row);
        form->addRow(tr("Password &file:"), row);
        m_jumps = new QPlainTextEdit(this);
        m_jumps->setPlaceholderText(tr("Jump hosts in order, one per line: user@bastion:22"));
        m_jumps->setFixedHeight(m_jumps->fontMetrics().height() * 4 + 12);
        form->addRow(tr("&Jump chain:"), m_jumps);
        m_dockerCommand = new QLineEdit(QStringLiteral("docker"), this);
        m_dockerCommand->setToolTip(tr("How to run docker on the host, e.g. \"sudo -n docker\"."));
        form->addRow(tr("&Docker command:"), m_dockerCommand);
        m_knownHosts = fileRow(tr("~/.ssh/known_hosts"), &row);
        form->addRow(tr("Kno&wn hosts file:"), row);
        const auto updateAuth = [this] {
            const int a = m_auth->currentData().toInt();
            m_identity->setEnabled(a == AuthKey || a == AuthDefault);
            m_certificate->setEnabled(a == AuthKey || a == AuthDefault);
            m_passwordFile->setEnabled(a == AuthPasswordFile);
        };
        connect(m_auth, &QComboBox::currentIndexChanged, this, updateAuth);
        updateAuth();
    } else {
        m_url = new QLineEdit(this);
        m_url->setPlaceholderText(tr("tcp://host:2376 or unix:///var/run/docker.sock"));
        form->addRow(tr("&URL:"), m_url);
        m_tls = new QCheckBox(tr("Use &TLS (client certificate)"), this);
        form->addRow(QString(), m_tls);
        QWidget *row = nullptr;
        m_ca = fileRow(tr("ca.pem"), &row);
        form->addRow(tr("CA:"), row);
        m_cert = fileRow(tr("cert.pem"), &row);
        form->addRow(tr("Certificate:"), row);
        m_key = fileRow(tr("key.pem"), &row);
        form->addRow(tr("Key:"), row);
        m_verify = new QCheckBox(tr("Verify the server certificate"), this);
        m_verify->setChecked(true);
        form->addRow(QString(), m_verify);
    }
    m_readOnly = new QCheckBox(tr("&Read-only (no start/stop/remove from ArchNest)"), this);
    form->addRow(QString(), m_readOnly);

    // The test's outcome in a box of its own height: a long error (every auth method tried)
    // scrolls there instead of squashing the form's rows.
    m_result = new QLabel;
    m_result->setWordWrap(true);
    m_result->setObjectName(QStringLiteral("TestResult"));
    m_result->setTextFormat(Qt::PlainText); // errors quote the server and the config
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto *resultArea = new QScrollArea(this);
    resultArea->setObjectName(QStringLiteral("TestResultArea"));
    resultArea->setWidget(m_result);
    resultArea->setWidgetResizable(true);
    resultArea->setFrameShape(QFrame::NoFrame);
    resultArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    resultArea->setFixedHeight(m_result->fontMetrics().lineSpacing() * 4 + 6);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_test = buttons->addButton(tr("&Test connection"), QDialogButtonBox::ActionRole);
    connect(m_test, &QPushButton::clicked, this, [this] {
        if (m_testing)
            cancelTest();
        else
            runTest();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(resultArea);
    layout->addWidget(buttons);
    setMinimumWidth(560);
}

QLineEdit *HostDialog::fileRow(const QString &placeholder, QWidget **rowOut)
{
    auto *row = new QWidget(this);
    auto *edit = new QLineEdit(row);
    edit->setPlaceholderText(placeholder);
    auto *browse = new QToolButton(row);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Choose a file"));
    auto *l = new QHBoxLayout(row);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(edit, 1);
    l->addWidget(browse);
    connect(browse, &QToolButton::clicked, this, [this, edit] {
        auto *dialog =
            new QFileDialog(this, tr("Choose a file"),
                            edit->text().isEmpty() ? QDir::homePath() + QStringLiteral("/.ssh") : edit->text());
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFileMode(QFileDialog::ExistingFile);
        dialog->setOption(QFileDialog::DontResolveSymlinks);
        connect(dialog, &QFileDialog::fileSelected, edit, &QLineEdit::setText);
        dialog->open();
    });
    row->setFocusProxy(edit); // the row's label mnemonic focuses the line edit
    *rowOut = row;
    return edit;
}

QString HostDialog::formatJumpChain(const QList<SshEndpoint> &jumps)
{
    QStringList lines;
    for (const SshEndpoint &j : jumps)
        lines << j.displayName();
    return lines.join(QLatin1Char('\n'));
}

Result<QList<SshEndpoint>> HostDialog::parseJumpChain(const QString &text, const SshAuthConfig &defaultAuth)
{
    static const QRegularExpression re(QStringLiteral("^(?:([^@\\s]+)@)?(\\[[^\\]]+\\]|[^:\\s]+)(?::(\\d{1,5}))?$"));
    QList<SshEndpoint> out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty())
            continue;
        const auto m = re.match(line);
        const int port = m.captured(3).isEmpty() ? 22 : m.captured(3).toInt();
        if (!m.hasMatch() || port < 1 || port > 65535)
            return makeError(tr("Jump chain line %1 (\"%2\") is not user@host:port.").arg(i + 1).arg(line));
        SshEndpoint e;
        e.user = m.captured(1);
        e.host = m.captured(2);
        if (e.host.startsWith(QLatin1Char('[')))
            e.host = e.host.mid(1, e.host.size() - 2);
        e.port = port;
        e.auth = defaultAuth;
        out << e;
    }
    return out;
}

void HostDialog::setHost(const HostConfig &h)
{
    m_originalName = h.name;
    m_name->setText(h.name);
    m_readOnly->setChecked(h.readOnly);
    if (m_kind == HostKind::Ssh) {
        m_host->setText(h.ssh.host);
        m_port->setValue(h.ssh.port);
        m_user->setText(h.ssh.user);
        m_identity->setText(h.ssh.auth.identityFile);
        m_certificate->setText(h.ssh.auth.certificateFile);
        m_passwordFile->setText(h.ssh.auth.passwordFile);
        int choice = AuthDefault;
        if (h.ssh.auth.methods == QStringList{QStringLiteral("publickey")})
            choice = AuthKey;
        else if (h.ssh.auth.methods == QStringList{QStringLiteral("password")})
            choice = AuthPasswordFile;
        else if (h.ssh.auth.methods == QStringList{QStringLiteral("agent")})
            choice = AuthAgent;
        m_auth->setCurrentIndex(m_auth->findData(choice));
        m_jumps->setPlainText(formatJumpChain(h.jumps));
        m_dockerCommand->setText(h.dockerCommand);
        m_knownHosts->setText(h.knownHostsFile);
    } else {
        m_url->setText(h.apiUrl);
        m_tls->setChecked(h.useTls);
        m_ca->setText(h.tls.caFile);
        m_cert->setText(h.tls.certFile);
        m_key->setText(h.tls.keyFile);
        m_verify->setChecked(h.tls.verifyServer);
    }
}

Result<HostConfig> HostDialog::hostFromForm() const
{
    HostConfig h;
    h.name = m_name->text().trimmed();
    h.kind = m_kind;
    h.readOnly = m_readOnly->isChecked();
    if (VoidResult v = config::validateHostName(h.name); !v)
        return v.error();
    if (h.name != m_originalName && m_taken.contains(h.name))
        return makeError(tr("A host named %1 already exists; choose another name.").arg(h.name));
    if (m_kind == HostKind::Ssh) {
        h.ssh.host = m_host->text().trimmed();
        if (h.ssh.host.isEmpty())
            return makeError(tr("Enter the SSH host's name or address."));
        h.ssh.port = m_port->value();
        h.ssh.user = m_user->text().trimmed();
        switch (m_auth->currentData().toInt()) {
        case AuthKey:
            h.ssh.auth.methods = {QStringLiteral("publickey")};
            h.ssh.auth.useAgent = false;
            break;
        case AuthPasswordFile:
            h.ssh.auth.methods = {QStringLiteral("password")};
            h.ssh.auth.useAgent = false;
            if (m_passwordFile->text().trimmed().isEmpty())
                return makeError(tr("Choose the file that holds the password (or pick another method)."));
            h.ssh.auth.passwordFile = m_passwordFile->text().trimmed();
            break;
        case AuthAgent:
            h.ssh.auth.methods = {QStringLiteral("agent")};
            break;
        default:
            break;
        }
        if (m_identity->isEnabled())
            h.ssh.auth.identityFile = m_identity->text().trimmed();
        if (m_certificate->isEnabled())
            h.ssh.auth.certificateFile = m_certificate->text().trimmed();
        auto jumps = parseJumpChain(m_jumps->toPlainText(), SshAuthConfig{});
        if (!jumps)
            return jumps.error();
        h.jumps = jumps.value();
        h.dockerCommand =
            m_dockerCommand->text().trimmed().isEmpty() ? QStringLiteral("docker") : m_dockerCommand->text().trimmed();
        h.knownHostsFile = m_knownHosts->text().trimmed();
    } else {
        h.apiUrl = m_url->text().trimmed();
        if (!h.apiUrl.startsWith(QLatin1String("tcp://")) && !h.apiUrl.startsWith(QLatin1String("unix://")))
            return makeError(tr("The URL must start with tcp:// or unix://."));
        h.useTls = m_tls->isChecked();
        if (h.useTls && h.apiUrl.startsWith(QLatin1String("unix://")))
            return makeError(tr("TLS applies to tcp:// URLs only."));
        h.tls.caFile = m_ca->text().trimmed();
        h.tls.certFile = m_cert->text().trimmed();
        h.tls.keyFile = m_key->text().trimmed();
        h.tls.verifyServer = m_verify->isChecked();
    }
    // The hosts file's own validation is the final word (same rules as the CLI).
    if (auto round = config::parseHostsJson(config::hostsToJson({h}), tr("this form")); !round)
        return round.error();
    return h;
}

void HostDialog::runTest()
{
    const Result<HostConfig> h = hostFromForm();
    if (!h) {
        m_result->setText(h.errorMessage());
        return;
    }
    if (!m_tester) {
        m_result->setText(tr("Testing is not available here."));
        return;
    }
    m_testedName = h->name;
    setTesting(true);
    m_result->setText(tr("Connecting to %1…").arg(h->name));
    QPointer<HostDialog> self(this);
    const quint64 run = ++m_testRun;
    m_tester(h.value(), [self, run](bool ok, QString message) {
        if (!self || run != self->m_testRun)
            return; // the dialog is gone, or this test was cancelled
        self->setTesting(false);
        self->m_result->setText((ok ? tr("✔ %1") : tr("✘ %1")).arg(message));
    });
}

void HostDialog::cancelTest()
{
    if (!m_testing)
        return;
    ++m_testRun;
    setTesting(false);
    m_result->setText(tr("Test of %1 cancelled.").arg(m_testedName));
    if (m_cancelTest)
        m_cancelTest();
}

void HostDialog::setTesting(bool on)
{
    m_testing = on;
    m_test->setText(on ? tr("Cancel &test") : tr("&Test connection"));
    m_test->setToolTip(on ? tr("Stop waiting for the connection test") : QString());
}

void HostDialog::keyPressEvent(QKeyEvent *event)
{
    if (m_testing && event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier) {
        cancelTest();
        event->accept();
        return;
    }
    QDialog::keyPressEvent(event);
}

void HostDialog::done(int result)
{
    if (result == QDialog::Accepted) {
        const Result<HostConfig> h = hostFromForm();
        if (!h) {
            m_result->setText(h.errorMessage());
            return; // stay open so nothing typed is lost
        }
    }
    cancelTest(); // closing: nobody waits for a test any more
    QDialog::done(result);
}

} // namespace archnest::ui
