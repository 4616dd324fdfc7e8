// DesktopApp's store (issue 22): the local SQLite file or a shared PostgreSQL store chosen in
// Settings, the keychain password of a shared store, the connection test, and the read-only
// mode when the store's role may only read (the in-app receiver then stays off). The logic that
// needs no widgets is in core/store/StoreSetting and StoreProbe.
#include "DesktopApp.h"

#include "HostsController.h"
#include "MainWindow.h"
#include "models/HostListModel.h"
#include "pages/ContainersPage.h"
#include "store/AgentStoreService.h"
#include "store/StoreProbe.h"
#include "store/StoreSetting.h"

#include <QApplication>
#include <QPointer>
#include <QSet>
#include <QSettings>
#include <QStatusBar>
#include <QThreadPool>

namespace archnest::ui {

namespace {

// Connection names of the store services alive in this process (GUI thread only). One app per
// process normally; two instances (tests of desktops sharing a store) must not share a name.
QSet<QString> &storeConnectionsInUse()
{
    static QSet<QString> names;
    return names;
}

} // namespace

void DesktopApp::releaseStoreConnectionName()
{
    storeConnectionsInUse().remove(m_storeConnection);
    m_storeConnection.clear();
}

bool DesktopApp::needsStorePassword() const
{
    auto loc = store::parseStoreSetting(m_settings.storeUrl);
    return loc && store::wantsKeychainPassword(*loc);
}

void DesktopApp::createStoreService(const QString &password)
{
    auto loc = store::storeLocationFor(m_settings.storeUrl, m_paths.databaseFile(), password);
    if (!loc) {
        // A setting that no longer parses (edited by hand): the local store, and say why.
        qWarning("store setting '%s': %s", qPrintable(m_settings.storeUrl), qPrintable(loc.errorMessage()));
        loc = store::DatabaseLocation::sqlite(m_paths.databaseFile());
        if (m_window)
            m_window->statusBar()->showMessage(
                tr("The store setting is not valid (%1); using the local store.").arg(loc.errorMessage()), 30000);
    }
    const QString base = QStringLiteral("archnest-desktop-agent-worker");
    m_storeConnection = base;
    for (int i = 2; storeConnectionsInUse().contains(m_storeConnection) && i < 1000; ++i)
        m_storeConnection = base + QLatin1Char('-') + QString::number(i);
    storeConnectionsInUse().insert(m_storeConnection);
    m_storeService = std::make_unique<store::AgentStoreService>(*loc, m_storeConnection, m_agentThread.get());
    // A store away at start is opened again by the service; the receiver then stores.
    connect(m_storeService.get(), &store::AgentStoreService::storeOpened, this, &DesktopApp::onStoreOpenedLate);
}

void DesktopApp::readStorePassword(std::function<void()> then)
{
    m_secrets.read(store::kStorePasswordKey, this, [this, then = std::move(then)](Result<QString> password) {
        // None there (or no keychain): libpq's own defaults apply (~/.pgpass, PGPASSWORD).
        if (!password && !security::SecretStore::isNotFound(password.error()))
            qWarning("store password: %s", qPrintable(password.errorMessage()));
        createStoreService(password ? *password : QString());
        then();
    });
}

void DesktopApp::checkStoreRights()
{
    const store::DatabaseLocation loc = m_storeService->location();
    if (loc.kind != store::DatabaseKind::Postgres)
        return;
    QPointer<DesktopApp> self(this);
    QThreadPool::globalInstance()->start([self, loc] {
        Result<store::StoreAccess> access = store::probeStore(loc);
        QMetaObject::invokeMethod(
            qApp,
            [self, access] {
                if (!self || !access || store::storeModeFor(*access) != store::StoreMode::ReadOnly)
                    return;
                self->m_storeReadOnly = true;
                self->restartReceiver(); // off, and says why
                self->m_window->containersPage()->showBanner(
                    tr("Read-only: the role %1 may only read the shared store %2. Agent hosts are shown; the "
                       "in-app receiver is off.")
                        .arg(access->role, self->m_storeService->location().displayName()),
                    false);
            },
            Qt::QueuedConnection);
    });
}

void DesktopApp::applySettings(const DesktopSettings &settings, const QString &storePassword)
{
    const bool receiverChanged = settings.receiverEnabled != m_settings.receiverEnabled ||
                                 settings.receiverAddress != m_settings.receiverAddress ||
                                 settings.staleWindowSec != m_settings.staleWindowSec;
    const bool storeChanged = settings.storeUrl != m_settings.storeUrl || !storePassword.isEmpty();
    m_settings = settings;
    m_settings.save(*m_qsettings);
    m_hosts->setStaleAfterSeconds(settings.staleWindowSec);
    m_controller->setRefreshIntervalMs(settings.refreshIntervalSec * 1000);
    if (!storePassword.isEmpty()) {
        QPointer<DesktopApp> self(this);
        m_secrets.write(store::kStorePasswordKey, storePassword, this, [self](Result<void> written) {
            if (!written && self && self->m_window)
                self->m_window->statusBar()->showMessage(
                    tr("The store password could not be saved in the OS keychain: %1. Use a passfile "
                       "(?passfile=/path in the URL) instead.")
                        .arg(written.errorMessage()),
                    30000);
        });
    }
    if (storeChanged && m_window)
        m_window->statusBar()->showMessage(tr("The new store is used from the next start of ArchNest."), 30000);
    if (receiverChanged)
        restartReceiver();
}

void DesktopApp::testStoreSetting(const QString &url, const QString &password,
                                  std::function<void(const QString &text, bool ok)> done)
{
    auto loc = store::storeLocationFor(url, m_paths.databaseFile(), password);
    if (!loc) {
        done(loc.errorMessage(), false);
        return;
    }
    QPointer<DesktopApp> self(this);
    const bool useKeychain = password.isEmpty() && store::wantsKeychainPassword(*loc);
    auto probe = [self, done](store::DatabaseLocation where) {
        QThreadPool::globalInstance()->start([self, done, where] {
            Result<store::StoreAccess> access = store::probeStore(where);
            QMetaObject::invokeMethod(
                qApp,
                [self, done, access] {
                    if (!self)
                        return;
                    if (!access)
                        done(access.errorMessage(), false);
                    else
                        done(access->summary(), !(access->needsMigration && !access->mayMigrate));
                },
                Qt::QueuedConnection);
        });
    };
    if (!useKeychain) {
        probe(*loc);
        return;
    }
    // No password typed: the one saved in the keychain (if any).
    m_secrets.read(store::kStorePasswordKey, this, [probe, where = *loc](Result<QString> saved) mutable {
        if (saved)
            where.password = *saved;
        probe(where);
    });
}

} // namespace archnest::ui
