#include "DesktopApp.h"

#include "AgentReceiver.h"
#include "HostsController.h"
#include "MainWindow.h"
#include "config/HostsFile.h"
#include "config/SourceFactory.h"
#include "dialogs/GuiSshInteraction.h"
#include "docker/agent/AgentContainerSource.h"
#include "models/ContainersModel.h"
#include "models/HostListModel.h"
#include "pages/ContainersPage.h"
#include "store/AgentReportStore.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QPointer>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>
#include <QThreadPool>

namespace archnest::ui {

DesktopApp::DesktopApp(AppPaths paths, QObject *parent)
    : QObject(parent)
    , m_paths(std::move(paths))
{
    QString error;
    (void)m_paths.ensureExists(&error);
    m_qsettings = std::make_unique<QSettings>(m_paths.settingsFile(), QSettings::IniFormat);
    m_settings = DesktopSettings::load(*m_qsettings);

    m_containers = new ContainersModel(this);
    m_hosts = new HostListModel(this);
    m_hosts->setStaleAfterSeconds(m_settings.staleWindowSec);
    auto factory = [this](const HostConfig &host, QObject *owner) -> Result<ContainerSource *> {
        if (host.kind == HostKind::Agent) {
            if (!m_store)
                return makeError(tr("Agent host %1: the local store is not open.").arg(host.name));
            auto *source = new AgentContainerSource(host, m_store.get(), owner);
            source->setStaleWindowMs(qint64(m_settings.staleWindowSec) * 1000);
            return static_cast<ContainerSource *>(source);
        }
        config::SourceContext ctx;
        ctx.interaction = m_interaction;
        ctx.dataDir = m_paths.dataDir();
        return config::createContainerSource(host, ctx, owner);
    };
    m_controller = new HostsController(m_containers, m_hosts, factory, this);
    m_window = std::make_unique<MainWindow>(m_controller);
    m_interaction = new GuiSshInteraction(m_window.get(), this);
    if (!error.isEmpty())
        m_window->statusBar()->showMessage(error);
    connect(this, &DesktopApp::receiverStateChanged, m_window.get(),
            [this](const QString &text) { m_window->setReceiverStatus(text); });
    connect(qApp, &QCoreApplication::aboutToQuit, this, &DesktopApp::saveState);
    connectWindow();
}

DesktopApp::~DesktopApp()
{
    saveState();
    m_window.reset();
    m_receiver.reset();
    delete m_controller; // sources (agent ones use the store) go before the store
    m_controller = nullptr;
    m_store.reset();
}

QString DesktopApp::receiverTokenFile() const
{
    return m_paths.configDir() + QStringLiteral("/receiver.token");
}

void DesktopApp::start(bool showWindow)
{
    openStore();
    restartReceiver();
    m_controller->setRefreshIntervalMs(m_settings.refreshIntervalSec * 1000);
    if (showWindow)
        m_window->show();

    // The hosts file is read on a worker thread; the result comes back here.
    const QString path = m_paths.hostsFile();
    QPointer<DesktopApp> self(this);
    QThreadPool::globalInstance()->start([self, path] {
        Result<QList<HostConfig>> hosts = config::loadHostsFile(path);
        QMetaObject::invokeMethod(
            qApp,
            [self, hosts] {
                if (self)
                    self->onHostsFileLoaded(hosts);
            },
            Qt::QueuedConnection);
    });
}

void DesktopApp::openStore()
{
    auto opened = store::AgentReportStore::open(store::DatabaseLocation::sqlite(m_paths.databaseFile()),
                                                QStringLiteral("archnest-desktop"));
    if (!opened) {
        m_window->containersPage()->showBanner(
            tr("The local store %1 could not be opened, so push-agent hosts are unavailable: %2")
                .arg(m_paths.databaseFile(), opened.errorMessage()),
            true);
        return;
    }
    m_store = std::move(opened).value();
}

void DesktopApp::onHostsFileLoaded(const Result<QList<HostConfig>> &hosts)
{
    if (!hosts) {
        m_window->containersPage()->showBanner(tr("The hosts file could not be read: %1").arg(hosts.errorMessage()),
                                               true);
    } else {
        for (const HostConfig &h : hosts.value())
            m_controller->addHost(h);
    }
    addAgentHostsFromStore();
    m_controller->refreshAll();
    if (!m_restored) {
        m_restored = true;
        m_window->restoreState(*m_qsettings);
    }
    Q_EMIT hostsLoaded();
}

void DesktopApp::addAgentHostsFromStore()
{
    if (!m_store)
        return;
    auto listed = m_store->listHosts();
    if (!listed)
        return;
    for (const store::AgentReportRecord &r : listed.value()) {
        if (m_controller->source(r.hostId))
            continue;
        HostConfig h;
        h.name = r.hostId;
        h.kind = HostKind::Agent;
        h.readOnly = true;
        m_controller->addHost(h);
    }
}

void DesktopApp::onReportStored(const QString &hostId)
{
    if (!m_controller->source(hostId)) {
        HostConfig h;
        h.name = hostId;
        h.kind = HostKind::Agent;
        h.readOnly = true;
        m_controller->addHost(h);
    }
    if (auto *agent = qobject_cast<AgentContainerSource *>(m_controller->source(hostId)))
        agent->onReportStored(hostId);
    m_controller->refreshHost(hostId);
}

Result<QByteArray> DesktopApp::receiverToken(bool rotate)
{
    const QString path = receiverTokenFile();
    if (!rotate && QFile::exists(path))
        return receiver::readTokenFile(path);
    const QByteArray token = generateReceiverToken();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(tr("Could not write the receiver token to %1: %2").arg(path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(token + '\n');
    if (!file.commit())
        return makeError(tr("Could not write the receiver token to %1: %2").arg(path, file.errorString()));
    return token;
}

void DesktopApp::restartReceiver()
{
    m_receiver.reset();
    if (!m_settings.receiverEnabled) {
        Q_EMIT receiverStateChanged(tr("Agent receiver: off"));
        return;
    }
    if (!m_store) {
        Q_EMIT receiverStateChanged(tr("Agent receiver: no store"));
        return;
    }
    auto address = receiver::parseListenAddress(m_settings.receiverAddress);
    if (!address) {
        Q_EMIT receiverStateChanged(tr("Agent receiver: %1").arg(address.errorMessage()));
        return;
    }
    auto token = receiverToken();
    if (!token) {
        Q_EMIT receiverStateChanged(tr("Agent receiver: %1").arg(token.errorMessage()));
        return;
    }
    receiver::ReceiverConfig config;
    config.address = address->first;
    config.port = address->second;
    config.ingestToken = token.value();
    config.staleWindowMs = qint64(m_settings.staleWindowSec) * 1000;
    m_receiver = std::make_unique<receiver::AgentReceiver>(config, m_store.get());
    connect(m_receiver.get(), &receiver::AgentReceiver::reportStored, this, &DesktopApp::onReportStored);
    const VoidResult started = m_receiver->start();
    if (!started) {
        Q_EMIT receiverStateChanged(tr("Agent receiver: %1").arg(started.errorMessage()));
        m_receiver.reset();
        return;
    }
    QString text =
        tr("Agent receiver: listening on %1:%2").arg(m_receiver->address().toString()).arg(m_receiver->port());
    if (m_receiver->boundToPublicAddress())
        text += tr(" (public address!)");
    Q_EMIT receiverStateChanged(text);
}

void DesktopApp::applySettings(const DesktopSettings &settings)
{
    const bool receiverChanged = settings.receiverEnabled != m_settings.receiverEnabled ||
                                 settings.receiverAddress != m_settings.receiverAddress ||
                                 settings.staleWindowSec != m_settings.staleWindowSec;
    m_settings = settings;
    m_settings.save(*m_qsettings);
    m_hosts->setStaleAfterSeconds(settings.staleWindowSec);
    m_controller->setRefreshIntervalMs(settings.refreshIntervalSec * 1000);
    if (receiverChanged)
        restartReceiver();
}

void DesktopApp::saveState()
{
    if (m_window && m_qsettings && m_restored) {
        m_window->saveState(*m_qsettings);
        m_qsettings->sync();
    }
}

} // namespace archnest::ui
