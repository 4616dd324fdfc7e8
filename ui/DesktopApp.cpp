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
#include <QSettings>
#include <QStatusBar>
#include <QThreadPool>

#include <utility>

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

namespace {

QString keychainNote()
{
    return DesktopApp::tr("The receiver token is stored in the OS keychain.");
}

QString memoryOnlyNote()
{
    return DesktopApp::tr("No OS keychain is available (no D-Bus Secret Service), so the receiver token is kept in "
                          "memory only: agents can report until ArchNest quits, and a new token is made at the next "
                          "start. It is never written to disk. Start a keyring such as gnome-keyring to keep it.");
}

} // namespace

void DesktopApp::loadReceiverToken(TokenCallback done)
{
    if (!m_token.isEmpty()) {
        done(m_token);
        return;
    }
    m_tokenWaiters.push_back(std::move(done));
    if (m_tokenLoading)
        return;
    m_tokenLoading = true;
    const QString key = security::SecretStore::receiverTokenKey();
    m_secrets.read(key, this, [this](Result<QString> stored) {
        if (stored && !stored->isEmpty()) {
            // An old plain-text file next to a keychain entry is stale: remove it.
            if (QFile::exists(receiverTokenFile()))
                QFile::remove(receiverTokenFile());
            tokenKnown(stored->toLatin1(), keychainNote(), true);
            return;
        }
        const bool available = stored || security::SecretStore::isNotFound(stored.error());
        adoptLegacyTokenFile(available, stored ? QString() : stored.errorMessage());
    });
}

// No token in the keychain: take the one in an old receiver.token file (moving it into the
// keychain when there is one), or make a new one.
void DesktopApp::adoptLegacyTokenFile(bool keychainAvailable, const QString &keychainError)
{
    const QString key = security::SecretStore::receiverTokenKey();
    const QString legacy = receiverTokenFile();
    QByteArray token;
    bool fromFile = false;
    if (QFile::exists(legacy)) {
        if (auto read = receiver::readTokenFile(legacy)) {
            token = read.value();
            fromFile = true;
        }
    }
    if (!keychainAvailable) {
        if (fromFile)
            tokenKnown(token,
                       tr("No OS keychain is available (no D-Bus Secret Service): using the old token file %1 "
                          "read-only. It is not changed; start a keyring such as gnome-keyring to move the token "
                          "there.")
                           .arg(legacy),
                       false);
        else
            tokenKnown(generateReceiverToken(), memoryOnlyNote(), false);
        if (!keychainError.isEmpty())
            qWarning("Agent receiver token: %s", qPrintable(keychainError));
        return;
    }
    if (!fromFile)
        token = generateReceiverToken();
    m_secrets.write(key, QString::fromLatin1(token), this, [this, token, fromFile, legacy](Result<void> written) {
        if (!written) {
            qWarning("Agent receiver token: %s", qPrintable(written.errorMessage()));
            tokenKnown(token,
                       fromFile ? tr("The OS keychain refused the token (%1); using the old token file %2 read-only.")
                                      .arg(written.errorMessage(), legacy)
                                : memoryOnlyNote(),
                       false);
            return;
        }
        QString note = keychainNote();
        if (fromFile) {
            if (QFile::remove(legacy))
                note =
                    tr("The receiver token was moved from %1 into the OS keychain; the file was deleted.").arg(legacy);
            else
                note = tr("The receiver token was copied into the OS keychain, but %1 could not be deleted: delete it "
                          "by hand.")
                           .arg(legacy);
        }
        tokenKnown(token, note, true);
    });
}

void DesktopApp::tokenKnown(const QByteArray &token, const QString &note, bool inKeychain)
{
    if (!m_token.isEmpty() && m_token != token) {
        // Rotated while loading: the new token stands; only release the waiters.
        m_tokenLoading = false;
        const std::vector<TokenCallback> waiters = std::exchange(m_tokenWaiters, {});
        for (const TokenCallback &w : waiters)
            w(m_token);
        return;
    }
    m_token = token;
    m_tokenNote = note;
    m_tokenInKeychain = inKeychain;
    m_tokenLoading = false;
    if (!inKeychain && m_window)
        m_window->statusBar()->showMessage(note, 30000);
    Q_EMIT receiverTokenNoteChanged(note);
    const std::vector<TokenCallback> waiters = std::exchange(m_tokenWaiters, {});
    for (const TokenCallback &w : waiters)
        w(m_token);
}

void DesktopApp::rotateReceiverToken(TokenCallback done)
{
    const QByteArray token = generateReceiverToken();
    m_token = token;
    // An old plain-text token file holds the revoked token: it must not come back.
    if (QFile::exists(receiverTokenFile()))
        QFile::remove(receiverTokenFile());
    restartReceiver(); // the running receiver takes the new token now
    m_secrets.write(security::SecretStore::receiverTokenKey(), QString::fromLatin1(token), this,
                    [this, token, done = std::move(done)](Result<void> written) {
                        if (!written)
                            qWarning("Agent receiver token: %s", qPrintable(written.errorMessage()));
                        if (m_token == token) {
                            m_tokenNote = written ? keychainNote() : memoryOnlyNote();
                            m_tokenInKeychain = written.ok();
                            Q_EMIT receiverTokenNoteChanged(m_tokenNote);
                            if (!written && m_window)
                                m_window->statusBar()->showMessage(m_tokenNote, 30000);
                        }
                        done(token);
                    });
}

void DesktopApp::restartReceiver()
{
    m_receiver.reset();
    const quint64 generation = ++m_receiverGeneration;
    if (!m_settings.receiverEnabled) {
        Q_EMIT receiverStateChanged(tr("Agent receiver: off"));
        return;
    }
    if (!m_store) {
        Q_EMIT receiverStateChanged(tr("Agent receiver: no store"));
        return;
    }
    if (m_token.isEmpty())
        Q_EMIT receiverStateChanged(tr("Agent receiver: reading the token from the OS keychain…"));
    loadReceiverToken([this, generation](const QByteArray &token) {
        if (generation == m_receiverGeneration) // a later restart supersedes this one
            startReceiverWith(token);
    });
}

void DesktopApp::startReceiverWith(const QByteArray &token)
{
    auto address = receiver::parseListenAddress(m_settings.receiverAddress);
    if (!address) {
        Q_EMIT receiverStateChanged(tr("Agent receiver: %1").arg(address.errorMessage()));
        return;
    }
    receiver::ReceiverConfig config;
    config.address = address->first;
    config.port = address->second;
    config.ingestToken = token;
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
    if (!m_tokenInKeychain)
        text += tr(" (token not in a keychain)");
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
