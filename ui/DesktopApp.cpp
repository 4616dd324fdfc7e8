#include "DesktopApp.h"

#include "AgentReceiver.h"
#include "HostsController.h"
#include "MainWindow.h"
#include "config/HostsFile.h"
#include "config/SourceFactory.h"
#include "dialogs/GuiSshInteraction.h"
#include "docker/agent/AgentContainerSource.h"
#include "docker/agent/AgentReport.h"
#include "models/ContainersModel.h"
#include "models/HostListModel.h"
#include "pages/ContainersPage.h"
#include "store/AgentReportStore.h"
#include "store/AgentStoreService.h"

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

// The running receiver. Created, used and deleted on the agent worker thread only; the GUI
// thread holds the slot but never touches its content.
struct DesktopApp::ReceiverSlot
{
    std::unique_ptr<receiver::AgentReceiver> receiver;
};

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

    // One worker thread for the receiver and the store's connection (opened there in start()).
    m_agentThread = std::make_unique<QThread>();
    m_agentThread->setObjectName(QStringLiteral("archnest-agent-worker"));
    m_agentThread->start();
    // The local SQLite file or the shared PostgreSQL store (DesktopStore.cpp); a shared store
    // whose password is in the keychain gets its service in start(), once the password is read.
    if (!needsStorePassword())
        createStoreService(QString());
    m_receiverSlot = std::make_shared<ReceiverSlot>();

    auto factory = [this](const HostConfig &host, QObject *owner) -> Result<ContainerSource *> {
        if (host.kind == HostKind::Agent) {
            auto *source = new AgentContainerSource(host, m_storeService.get(), owner);
            source->setStaleWindowMs(qint64(m_settings.staleWindowSec) * 1000);
            return static_cast<ContainerSource *>(source);
        }
        config::SourceContext ctx;
        ctx.interaction = m_interaction->forHost(host.name); // its questions name the host
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
    hangUpTerminals();
    m_window.reset();
    delete m_controller; // sources (agent ones read through the service) go before it
    m_controller = nullptr;
    stopReceiver();
    // Runs after every queued job (the receiver's deletion included) and closes the connection
    // on the worker thread; then the thread ends.
    m_storeService.reset();
    releaseStoreConnectionName();
    m_agentThread->quit();
    m_agentThread->wait();
}

QString DesktopApp::receiverTokenFile() const
{
    return m_paths.configDir() + QStringLiteral("/receiver.token");
}

void DesktopApp::start(bool showWindow)
{
    if (!m_storeService) {
        readStorePassword([this, showWindow] { start(showWindow); });
        return;
    }
    openStore();
    loadAgentHostTokens();
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
    // Opened on the worker thread; every later store call is queued behind this one.
    m_storeService->open(this, [this](const VoidResult &opened) {
        if (!opened) {
            m_window->containersPage()->showBanner(
                tr("The store %1 could not be opened, so push-agent hosts are unavailable until it can "
                   "(ArchNest keeps trying): %2")
                    .arg(m_storeService->location().displayName(), opened.errorMessage()),
                true);
            return;
        }
        m_storeOpen = true;
        checkStoreRights();
    });
}

void DesktopApp::onStoreOpenedLate()
{
    m_storeOpen = true;
    m_window->containersPage()->showBanner(
        tr("The store %1 is open again.").arg(m_storeService->location().displayName()), false);
    checkStoreRights();
    // The running receiver (made without a store, answering 503) stores from now on.
    m_storeService->runOnWorker([slot = m_receiverSlot](store::AgentReportStore *store) {
        if (slot->receiver && store)
            slot->receiver->setStore(store);
    });
    if (m_receiverRunning)
        Q_EMIT receiverStateChanged(receiverListeningText(m_receiverInfo));
    addAgentHostsFromStore();
}

QString DesktopApp::receiverListeningText(const ReceiverInfo &info) const
{
    QString text = tr("Agent receiver: listening on %1:%2").arg(info.address().toString()).arg(info.port());
    if (info.boundToPublicAddress())
        text += tr(" (public address!)");
    if (!m_tokenInKeychain)
        text += tr(" (token not in a keychain)");
    if (!m_storeOpen)
        text += tr(" (store not open: reports get 503 until it is)");
    return text;
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
    // Read on the worker thread; hosts added (and refreshed) when the list comes back.
    m_storeService->listHosts(this, [this](const Result<QList<store::AgentReportRecord>> &listed) {
        if (!listed || !m_controller)
            return;
        for (const store::AgentReportRecord &r : listed.value()) {
            if (m_controller->source(r.hostId))
                continue;
            HostConfig h;
            h.name = r.hostId;
            h.kind = HostKind::Agent;
            h.readOnly = true;
            m_controller->addHost(h);
            m_controller->refreshHost(r.hostId);
        }
    });
}

void DesktopApp::onReportStored(const QString &hostId)
{
    if (!m_controller)
        return;
    if (!m_controller->source(hostId)) {
        HostConfig h;
        h.name = hostId;
        h.kind = HostKind::Agent;
        h.readOnly = true;
        m_controller->addHost(h);
    }
    // The refresh lists through the source, which re-reads the store (on the worker) and
    // updates the host's status with it.
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

// Small file work (the old plain-text token file) on the thread pool, never on the GUI thread;
// `then` runs back on the GUI thread unless `context` is gone by then.
template<typename T>
void fileJob(QObject *context, std::function<T()> job, std::function<void(T)> then)
{
    QPointer<QObject> ctx(context);
    QThreadPool::globalInstance()->start([ctx, job = std::move(job), then = std::move(then)] {
        T value = job();
        QMetaObject::invokeMethod(
            qApp,
            [ctx, then, value] {
                if (ctx && then)
                    then(value);
            },
            Qt::QueuedConnection);
    });
}

// Removes the old token file if it is there; true when none is left.
std::function<bool()> removeFileJob(const QString &path)
{
    return [path] { return !QFile::exists(path) || QFile::remove(path); };
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
            fileJob<bool>(this, removeFileJob(receiverTokenFile()), {});
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
    const QString legacy = receiverTokenFile();
    fileJob<QByteArray>(
        this,
        [legacy]() -> QByteArray {
            if (!QFile::exists(legacy))
                return {};
            auto read = receiver::readTokenFile(legacy);
            return read ? read.value() : QByteArray();
        },
        [this, keychainAvailable, keychainError](const QByteArray &fileToken) {
            legacyTokenRead(fileToken, keychainAvailable, keychainError);
        });
}

void DesktopApp::legacyTokenRead(const QByteArray &fileToken, bool keychainAvailable, const QString &keychainError)
{
    const QString key = security::SecretStore::receiverTokenKey();
    const QString legacy = receiverTokenFile();
    QByteArray token = fileToken;
    const bool fromFile = !fileToken.isEmpty();
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
        if (!fromFile)
            return tokenKnown(token, keychainNote(), true);
        fileJob<bool>(this, removeFileJob(legacy), [this, token, legacy](bool removed) {
            tokenKnown(
                token,
                removed
                    ? tr("The receiver token was moved from %1 into the OS keychain; the file was deleted.").arg(legacy)
                    : tr("The receiver token was copied into the OS keychain, but %1 could not be "
                         "deleted: delete it by hand.")
                          .arg(legacy),
                true);
        });
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
    fileJob<bool>(this, removeFileJob(receiverTokenFile()), {});
    // The running receiver takes the new token now (or a start in progress is redone with it).
    if (m_receiverRunning)
        pushReceiverTokens();
    else
        restartReceiver();
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

void DesktopApp::stopReceiver()
{
    m_receiverRunning = false;
    m_receiverInfo = ReceiverInfo();
    if (m_storeService)
        m_storeService->runOnWorker([slot = m_receiverSlot](store::AgentReportStore *) { slot->receiver.reset(); });
}

void DesktopApp::pushReceiverTokens()
{
    m_storeService->runOnWorker(
        [slot = m_receiverSlot, token = m_token, hosts = receiverHostTokens()](store::AgentReportStore *) {
            if (slot->receiver)
                slot->receiver->setTokens(token, hosts);
        });
}

void DesktopApp::restartReceiver()
{
    stopReceiver();
    const quint64 generation = ++m_receiverGeneration;
    if (!m_settings.receiverEnabled) {
        Q_EMIT receiverStateChanged(tr("Agent receiver: off"));
        return;
    }
    if (m_storeReadOnly) {
        Q_EMIT receiverStateChanged(tr("Agent receiver: off (the shared store is read-only for this role)"));
        return;
    }
    if (m_token.isEmpty())
        Q_EMIT receiverStateChanged(tr("Agent receiver: reading the token from the OS keychain…"));
    loadReceiverToken([this, generation](const QByteArray &) {
        // Per-host tokens first: until they are known a host's own token would not be enforced.
        whenHostTokensLoaded([this, generation] {
            if (generation == m_receiverGeneration) // a later restart supersedes this one
                startReceiverWith(m_token);
        });
    });
}

void DesktopApp::startReceiverWith(const QByteArray &token)
{
    // The same rules as `archnest-cli receive`: a weak token (an old token file, or one an older
    // version kept in the keychain) is refused, never used.
    const VoidResult strong =
        checkDesktopToken(token, tr("The receiver token"), tr("Use Rotate in Settings to generate a new one."));
    if (!strong) {
        m_tokenNote = strong.errorMessage();
        Q_EMIT receiverTokenNoteChanged(m_tokenNote);
        Q_EMIT receiverStateChanged(tr("Agent receiver: not started: %1").arg(strong.errorMessage()));
        return;
    }
    auto address = receiver::parseListenAddress(m_settings.receiverAddress);
    if (!address) {
        Q_EMIT receiverStateChanged(tr("Agent receiver: %1").arg(address.errorMessage()));
        return;
    }
    receiver::ReceiverConfig config;
    config.address = address->first;
    config.port = address->second;
    config.ingestToken = token;
    config.hostTokens = receiverHostTokens();
    config.beforeStore = m_beforeStoreHook;
    config.staleWindowMs = qint64(m_settings.staleWindowSec) * 1000;
    Q_EMIT receiverStateChanged(tr("Agent receiver: starting…"));

    // Made, started and kept on the worker thread; only a snapshot of its state comes back. The
    // answer is posted to this object, which outlives the worker's queue (see ~DesktopApp).
    const quint64 generation = m_receiverGeneration;
    m_storeService->runOnWorker([this, slot = m_receiverSlot, config, generation,
                                 lastIngest = m_lastIngestThread](store::AgentReportStore *store) {
        slot->receiver.reset();
        ReceiverInfo info;
        QString error;
        {
            // Without a store (not open yet) it answers 503 until onStoreOpenedLate gives it one.
            auto made = std::make_unique<receiver::AgentReceiver>(config, store);
            connect(made.get(), &receiver::AgentReceiver::reportStored, made.get(),
                    [lastIngest] { lastIngest->store(QThread::currentThread()); });
            connect(made.get(), &receiver::AgentReceiver::reportStored, this, &DesktopApp::onReportStored,
                    Qt::QueuedConnection);
            const VoidResult started = made->start();
            if (!started) {
                error = started.errorMessage();
            } else {
                info.m_listening = true;
                info.m_address = made->address();
                info.m_port = made->port();
                info.m_public = made->boundToPublicAddress();
                info.m_tls = config.useTls();
                info.m_thread = QThread::currentThread();
                slot->receiver = std::move(made);
            }
        }
        QMetaObject::invokeMethod(
            this,
            [this, info, error, generation] {
                if (generation != m_receiverGeneration)
                    return; // superseded: a later restart (or stop) already went to the worker
                if (!error.isEmpty()) {
                    Q_EMIT receiverStateChanged(tr("Agent receiver: %1").arg(error));
                    return;
                }
                m_receiverInfo = info;
                m_receiverRunning = true;
                Q_EMIT receiverStateChanged(receiverListeningText(info));
            },
            Qt::QueuedConnection);
    });
}

void DesktopApp::saveState()
{
    if (m_window && m_qsettings && m_restored) {
        m_window->saveState(*m_qsettings);
        m_qsettings->sync();
    }
}

} // namespace archnest::ui
