// DesktopApp's dialogs: add / edit / remove hosts, import from ~/.ssh/config, settings and the
// agent helper, the window's requests, and hanging up the terminals at quit. Every dialog is
// non-blocking (open()); file work runs on the thread pool.
#include "AgentReceiver.h"
#include "DesktopApp.h"
#include "HostsController.h"
#include "MainWindow.h"
#include "config/DockerContextImport.h"
#include "config/HostsFile.h"
#include "config/SshImportPlan.h"
#include "dialogs/AgentHelperDialog.h"
#include "dialogs/AsyncMessageBox.h"
#include "dialogs/GuiSshInteraction.h"
#include "dialogs/HostDialog.h"
#include "dialogs/ImportHostsDialog.h"
#include "dialogs/SettingsDialog.h"
#include "docker/api/DockerApiClient.h"
#include "docker/api/DockerApiContainerSource.h"
#include "models/AgentUrlAdvice.h"
#include "models/HostListModel.h"
#include "models/HostPasswordRefs.h"
#include "pages/ContainersPage.h"
#include "store/AgentReportStore.h"
#include "store/AgentStoreService.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QStatusBar>
#include <QThreadPool>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>
#include <utility>

namespace archnest::ui {

void DesktopApp::connectWindow()
{
    MainWindow *w = m_window.get();
    connect(w, &MainWindow::addSshHostRequested, this, [this] { showHostDialog(HostKind::Ssh); });
    connect(w, &MainWindow::addApiHostRequested, this, [this] { showHostDialog(HostKind::DockerApi); });
    connect(w, &MainWindow::addAgentHostRequested, this, [this] { showAgentHelper(); });
    connect(w, &MainWindow::settingsRequested, this, &DesktopApp::showSettings);
    connect(w, &MainWindow::importSshConfigRequested, this, [this] { showImportSshConfig(); });
    connect(w, &MainWindow::removeHostRequested, this, &DesktopApp::removeHostWithConfirmation);
    connect(w, &MainWindow::editHostRequested, this, [this](const QString &name) {
        const HostListModel::Entry *e = m_hosts->entry(name);
        if (!e)
            return;
        if (e->config.kind == HostKind::Agent) {
            m_window->statusBar()->showMessage(
                tr("%1 is a push-agent host: change it in its agent.env on the VM.").arg(name), 8000);
            return;
        }
        showHostDialog(e->config.kind, name);
    });
    m_interaction->setPasswordKeeper(
        [this](const ssh::SecretQuestion &q, const QString &password) { keepPassword(q, password); });
    connect(w, &MainWindow::trustHostKeyRequested, this, [this](const QString &name) {
        m_interaction->forgetRejectedKeys(name);
        m_controller->retryHost(name);
    });
}

void DesktopApp::keepPassword(const ssh::SecretQuestion &q, const QString &password)
{
    const HostListModel::Entry *e = m_hosts->entry(q.archnestHost);
    HostConfig host;
    if (e) {
        host = e->config;
    } else { // the host dialog's test of a host not saved yet: its target, as far as we know
        host.name = q.archnestHost;
        host.ssh.host = q.host;
        host.ssh.port = q.port;
        host.ssh.user = q.user;
    }
    const QString ref = HostPasswordRefs::keyFor(host, q);
    if (ref.isEmpty())
        return;
    QPointer<DesktopApp> self(this);
    m_secrets.write(ref, password, this, [self, q, ref](const VoidResult &written) {
        if (!self)
            return;
        if (!written) {
            self->m_window->statusBar()->showMessage(
                tr("The password for %1 was not kept: %2 It works for this session only.")
                    .arg(q.archnestHost, written.errorMessage()),
                15000);
            return;
        }
        if (const HostListModel::Entry *now = self->m_hosts->entry(q.archnestHost)) {
            HostConfig updated = now->config;
            if (HostPasswordRefs::apply(updated, q, ref)) {
                // The running connection is left alone; the next one reads the keychain.
                self->m_hosts->upsertHost(updated);
                self->saveHostsFile();
            }
        } else {
            self->m_pendingPasswordRefs[q.archnestHost].append({q, ref});
        }
        self->m_window->statusBar()->showMessage(
            tr("The password for %1 is kept in the OS keychain as %2.").arg(q.archnestHost, ref), 10000);
    });
}

void DesktopApp::hangUpTerminals()
{
    if (!m_window || m_window->terminalTabs().isEmpty())
        return;
    // Quitting hangs every shell up as closing its tab does. An Engine API exec's hang-up is a
    // request on its host's connection (docker/ExecHangup.h), so the requests go out (bounded
    // in time) before the sources and their connections are deleted.
    m_controller->cancelRefreshes();
    m_window->closeAllTerminals();
    auto busy = [this] {
        for (const QString &name : m_controller->hostNames())
            if (auto *api = qobject_cast<DockerApiContainerSource *>(m_controller->source(name));
                api && api->client()->inFlight() > 0)
                return true;
        return false;
    };
    QElapsedTimer clock;
    clock.start();
    QTimer wake; // bounds each wait for events below
    wake.start(50);
    while (busy() && clock.elapsed() < kQuitHangupMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
}

QString DesktopApp::receiverUrl() const
{
    if (const ReceiverInfo *r = receiver(); r && r->isListening()) {
        QString host = r->address().toString();
        if (host.contains(QLatin1Char(':')))
            host = QLatin1Char('[') + host + QLatin1Char(']');
        return QStringLiteral("%1://%2:%3")
            .arg(r->useTls() ? QStringLiteral("https") : QStringLiteral("http"), host)
            .arg(r->port());
    }
    return QStringLiteral("http://") + m_settings.receiverAddress;
}

void DesktopApp::saveHostsFile()
{
    QList<HostConfig> hosts;
    for (const HostConfig &h : m_hosts->hosts())
        if (h.kind != HostKind::Agent)
            hosts << h;
    const QString path = m_paths.hostsFile();
    QPointer<DesktopApp> self(this);
    QThreadPool::globalInstance()->start([self, path, hosts] {
        const VoidResult saved = config::saveHostsFile(path, hosts);
        const QString error = saved.errorMessage();
        QMetaObject::invokeMethod(
            qApp,
            [self, error] {
                if (!self)
                    return;
                if (!error.isEmpty())
                    self->m_window->containersPage()->showBanner(tr("The hosts file could not be saved: %1").arg(error),
                                                                 true);
                Q_EMIT self->hostsFileSaved(error);
            },
            Qt::QueuedConnection);
    });
}

HostDialog *DesktopApp::showHostDialog(HostKind kind, const QString &editName)
{
    QStringList taken;
    for (const HostConfig &h : m_hosts->hosts())
        taken << h.name;
    auto *dialog = new HostDialog(kind, taken, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (const HostListModel::Entry *e = m_hosts->entry(editName))
        dialog->setHost(e->config);
    auto testId = std::make_shared<quint64>(0); // the dialog's running test, for its Cancel
    dialog->setTester([this, testId](const HostConfig &h, std::function<void(bool, QString)> done) {
        *testId = m_controller->testConnection(h, std::move(done));
    });
    dialog->setTestCanceller([this, testId] {
        if (*testId != 0)
            m_controller->cancelTestConnection(std::exchange(*testId, 0));
    });
    connect(dialog, &QDialog::accepted, this, [this, dialog, editName] {
        Result<HostConfig> h = dialog->hostFromForm();
        if (!h)
            return;
        HostConfig host = h.value();
        if (const HostListModel::Entry *before = m_hosts->entry(editName))
            HostPasswordRefs::carryOver(before->config, host); // the form has no field for them
        for (const auto &[question, ref] : m_pendingPasswordRefs.take(host.name))
            HostPasswordRefs::apply(host, question, ref); // kept during the dialog's test
        if (!editName.isEmpty() && editName != host.name)
            m_controller->removeHost(editName);
        m_controller->addHost(host);
        m_controller->refreshHost(host.name);
        saveHostsFile();
    });
    dialog->open();
    return dialog;
}

void DesktopApp::removeHostWithConfirmation(const QString &name)
{
    const HostListModel::Entry *e = m_hosts->entry(name);
    if (!e)
        return;
    const bool agent = e->config.kind == HostKind::Agent;
    const QString text = agent ? tr("Forget the agent host %1? Its stored report is deleted; it comes back if its "
                                    "agent reports again.")
                                     .arg(name)
                               : tr("Remove the host %1 from ArchNest? Nothing changes on the host itself.").arg(name);
    QPointer<DesktopApp> self(this);
    AsyncMessageBox::confirm(m_window.get(), tr("Remove host"), text, tr("Remove"), [self, name, agent](bool yes) {
        if (!self || !yes)
            return;
        self->m_controller->removeHost(name);
        if (agent) // deleted on the worker thread; nothing waits for it
            self->m_storeService->call<void>(
                self, [name](store::AgentReportStore &s) { return s.removeHost(name); },
                [name](const VoidResult &removed) {
                    if (!removed)
                        qWarning("Cannot forget the agent host %s: %s", qPrintable(name),
                                 qPrintable(removed.errorMessage()));
                });
        else
            self->saveHostsFile();
    });
}

SettingsDialog *DesktopApp::showSettings()
{
    SettingsDialog::Hooks hooks;
    QPointer<DesktopApp> self(this);
    hooks.readToken = [self](SettingsDialog::TokenReply reply) {
        if (self)
            self->loadReceiverToken(
                [self, reply](const QByteArray &token) { reply(token, self->receiverTokenNote()); });
    };
    hooks.rotateToken = [self](SettingsDialog::TokenReply reply) {
        if (self)
            self->rotateReceiverToken(
                [self, reply](const QByteArray &token) { reply(token, self->receiverTokenNote()); });
    };
    hooks.tokenNote = m_tokenNote;
    hooks.receiverState = m_window->receiverStatusLabel()->text();
    hooks.dataDir = m_paths.dataDir();
    hooks.configDir = m_paths.configDir();
    hooks.hostTokenIds = [self] {
        if (!self)
            return QStringList();
        QStringList ids = self->agentHostTokenIds() + self->unreadableAgentHostTokenIds();
        ids.removeDuplicates();
        ids.sort();
        return ids;
    };
    hooks.hostToken = [self](const QString &id) { return self ? self->agentHostToken(id) : QByteArray(); };
    hooks.setHostToken = [self](const QString &id, const QByteArray &token, SettingsDialog::DoneReply reply) {
        if (self)
            self->setAgentHostToken(id, token, [reply](const VoidResult &r) { reply(r.errorMessage()); });
    };
    hooks.removeHostToken = [self](const QString &id, SettingsDialog::DoneReply reply) {
        if (self)
            self->removeAgentHostToken(id, [reply](const VoidResult &r) { reply(r.errorMessage()); });
    };
    hooks.showAgentEnv = [self](const QString &id, const DesktopSettings &live) {
        if (self)
            self->showAgentHelper(id, live);
    };
    hooks.testStore = [self](const QString &url, const QString &password, SettingsDialog::StoreTestReply reply) {
        if (self)
            self->testStoreSetting(url, password, reply);
    };
    hooks.storeInUse = m_storeService ? m_storeService->location().displayName() : QString();
    hooks.storeReadOnly = m_storeReadOnly;
    auto *dialog = new SettingsDialog(m_settings, hooks, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { applySettings(dialog->settings(), dialog->storePassword()); });
    connect(this, &DesktopApp::receiverTokenNoteChanged, dialog, &SettingsDialog::setTokenNote);
    dialog->open();
    return dialog;
}

AgentHelperDialog *DesktopApp::showAgentHelper(const QString &hostId, const std::optional<DesktopSettings> &live)
{
    const QByteArray token = m_settings.receiverEnabled ? m_token : QByteArray();
    QString url = receiverUrl();
    // From Settings: the address being edited (e.g. a new port) is what the agent will need
    // once the dialog is saved, not the one the receiver listens on now.
    if (live && live->receiverAddress != m_settings.receiverAddress)
        url = AgentUrlAdvice::urlFor(live->receiverAddress, receiver() && receiver()->useTls());
    auto *dialog = new AgentHelperDialog(url, token.isEmpty() ? QByteArray("<token from Settings>") : token,
                                         receiver() && receiver()->isListening(), m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<DesktopApp> self(this);
    AgentHelperDialog::HostTokenHooks hooks;
    hooks.tokenFor = [self](const QString &id) { return self ? self->agentHostToken(id) : QByteArray(); };
    hooks.create = [self](const QString &id, std::function<void(const QByteArray &, const QString &)> reply) {
        if (!self)
            return;
        const QByteArray made = generateReceiverToken();
        self->setAgentHostToken(id, made, [self, id, reply](const VoidResult &r) {
            // Kept in memory even when the keychain refused it: the token works this session.
            reply(self ? self->agentHostToken(id) : QByteArray(), r.errorMessage());
        });
    };
    dialog->setHostTokenHooks(std::move(hooks));
    if (!hostId.isEmpty())
        dialog->setHostId(hostId);
    dialog->open();
    return dialog;
}

QDialog *DesktopApp::showImportSshConfig(const QString &path)
{
    auto *dialog = new ImportHostsDialog(path.isEmpty() ? tr("~/.ssh/config") : path, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        QList<HostConfig> current;
        for (const HostConfig &h : m_hosts->hosts())
            if (h.kind != HostKind::Agent)
                current << h;
        QList<HostConfig> after = config::applySshConfigImport(current, dialog->sshPlan(), dialog->chosenSsh());
        after = config::applySshConfigImport(after, dialog->contextPlan(), dialog->chosenContexts());
        for (const HostConfig &h : after) {
            if (!current.contains(h)) // added or updated: (re)made from the new entry
                m_controller->addHost(h);
        }
        saveHostsFile();
        m_controller->refreshAll();
    });
    QList<HostConfig> existing;
    for (const HostConfig &h : m_hosts->hosts())
        if (h.kind != HostKind::Agent)
            existing << h;
    // Resolve off the GUI thread (Match exec may run commands); show the plan when done.
    QPointer<ImportHostsDialog> guard(dialog);
    QThreadPool::globalInstance()->start([guard, path, existing] {
        Result<config::SshImportPlan> plan =
            config::planSshConfigImport(ssh::SshClientContext::fromSystem(path), existing);
        // Contexts are planned against the hosts plus the aliases' new entries, so one name is
        // never given twice.
        QList<HostConfig> taken = existing;
        if (plan)
            for (const config::SshImportCandidate &c : std::as_const(plan->candidates))
                if (c.action == config::SshImportCandidate::Action::Add)
                    taken << c.host;
        const config::ImportPlan contexts =
            config::planDockerContextImport(config::DockerImportSources::fromEnvironment(), taken);
        QMetaObject::invokeMethod(
            qApp,
            [guard, plan, contexts] {
                if (!guard)
                    return;
                if (plan)
                    guard->setSshPlan(*plan);
                else
                    guard->setSshError(plan.errorMessage());
                guard->setContextPlan(contexts);
            },
            Qt::QueuedConnection);
    });
    dialog->open();
    return dialog;
}

} // namespace archnest::ui
