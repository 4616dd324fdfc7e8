// Issue 22: the desktop on a shared PostgreSQL store (a database and a read-only role of this
// test's own on the PostgreSQL fixture), offscreen. The Settings dialog's connection test reports
// what the role may do (through the app's real hooks: probe off the GUI thread); a URL with a
// password is refused before anything is saved; an app started on the store with a role that may
// only read opens it read-only: the banner says so and the in-app receiver stays off although it
// is enabled. No keychain runs here: the role's password comes from a passfile named in the URL.
#include "DesktopApp.h"
#include "Fixtures.h"
#include "HostsController.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "dialogs/SettingsDialog.h"
#include "pages/ContainersPage.h"
#include "receiver_store_support.h"
#include "receiver_support.h"
#include "store/AgentReportStore.h"
#include "store/AgentStoreService.h"
#include "util/AppPaths.h"

#include <QApplication>
#include <QDateTime>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace archnest;
using namespace archnest::test;

namespace {
const QString kPassword = QStringLiteral("ui-r0le-4c1e9a");
} // namespace

class TestStoreSettings final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_dbName, m_reader, m_readerUrl, m_base;

    static bool admin(const QString &url, const QStringList &statements)
    {
        auto loc = store::DatabaseLocation::parse(url);
        if (!loc)
            return false;
        bool ok = true;
        {
            Result<QSqlDatabase> db = store::connectDatabase(*loc, QStringLiteral("tst-ui-store-admin"));
            if (!db)
                return false;
            QSqlQuery q(*db);
            for (const QString &sql : statements) {
                if (!q.exec(sql)) {
                    qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
                    ok = false;
                }
            }
        }
        store::closeDatabase(QStringLiteral("tst-ui-store-admin"));
        return ok;
    }

    AppPaths paths(const QString &name, const QString &storeUrl)
    {
        const AppPaths p(m_dir.filePath(name + QStringLiteral("/config")),
                         m_dir.filePath(name + QStringLiteral("/data")));
        QString error;
        (void)p.ensureExists(&error);
        QSettings s(p.settingsFile(), QSettings::IniFormat);
        s.setValue(QStringLiteral("receiver/enabled"), true);
        s.setValue(QStringLiteral("receiver/address"), QStringLiteral("127.0.0.1:0"));
        s.setValue(QStringLiteral("refresh/intervalSec"), 0);
        s.setValue(QStringLiteral("store/url"), storeUrl);
        return p;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // No keychain: the password comes from the passfile (the keyring is test_ui_secrets').
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/archnest-no-bus");
        QVERIFY(m_dir.isValid());
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_PG_URL");
        m_base = Fixtures::instance().value(QStringLiteral("ARCHNEST_FX_PG_URL"));
        const qint64 pid = QCoreApplication::applicationPid();
        m_dbName = QStringLiteral("archnest_ui_store_%1").arg(pid);
        auto db = makePrivatePostgresDatabase(m_dbName);
        QVERIFY_RESULT(db);
        {
            // A receiver's report in the shared store (as `archnest-cli receive` writes it).
            auto owner =
                store::AgentReportStore::open(*store::DatabaseLocation::parse(*db), QStringLiteral("tst-owner"));
            QVERIFY_RESULT(owner);
            store::AgentReportRecord r;
            r.hostId = QStringLiteral("team-vm-1");
            r.hostname = r.hostId;
            r.receivedAtMs = r.collectedAtMs = QDateTime::currentMSecsSinceEpoch();
            r.remoteAddress = QStringLiteral("127.0.0.1");
            r.containerCount = 2;
            r.schemaVersion = 1;
            r.report = makeReport(r.hostId, 2);
            QVERIFY_RESULT((*owner)->storeReport(r));
        }
        m_reader = QStringLiteral("archnest_ui_reader_%1").arg(pid);
        QVERIFY(
            admin(*db, {QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_reader),
                        QStringLiteral("CREATE ROLE %1 LOGIN PASSWORD '%2'").arg(m_reader, kPassword),
                        QStringLiteral("GRANT SELECT ON archnest_schema, docker_agent_reports TO %1").arg(m_reader)}));
        auto loc = store::DatabaseLocation::parse(*db);
        const QString passfile = m_dir.filePath(QStringLiteral("pgpass"));
        QFile f(passfile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("%1:%2:%3:%4:%5\n")
                    .arg(loc->host)
                    .arg(loc->port)
                    .arg(m_dbName, m_reader, kPassword)
                    .toUtf8());
        f.close();
        QFile::setPermissions(passfile, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        m_readerUrl = QStringLiteral("postgres://%1@%2:%3/%4?passfile=%5")
                          .arg(m_reader, loc->host)
                          .arg(loc->port)
                          .arg(m_dbName, passfile);
    }

    void cleanupTestCase()
    {
        admin(m_base, {QStringLiteral("DROP DATABASE IF EXISTS %1").arg(m_dbName),
                       QStringLiteral("DROP ROLE IF EXISTS %1").arg(m_reader)});
    }

    void connectionTestInSettings()
    {
        ui::DesktopApp app(paths(QStringLiteral("local"), {}));
        app.setSecretService(QStringLiteral("ArchNest-test-store-settings"));
        app.start(false);
        ui::SettingsDialog *d = app.showSettings();
        QVERIFY(d);
        d->storeUrlEdit()->setText(m_readerUrl);
        d->storeTestButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(d->storeResultLabel()->text().contains(QStringLiteral("may only read")), 20000);
        QVERIFY2(d->storeResultLabel()->text().contains(m_reader), qPrintable(d->storeResultLabel()->text()));
        QVERIFY(d->storeTestButton()->isEnabled());

        // A password in the URL would land in settings.ini: refused, and OK does not save it.
        d->storeUrlEdit()->setText(QStringLiteral("postgres://%1:%2@127.0.0.1/%3").arg(m_reader, kPassword, m_dbName));
        d->storeTestButton()->click();
        QVERIFY2(d->storeResultLabel()->text().contains(QStringLiteral("Leave the password out")),
                 qPrintable(d->storeResultLabel()->text()));
        QTest::keyClick(d, Qt::Key_Return);
        QVERIFY(d->isVisible());
        QVERIFY(app.settings().storeUrl.isEmpty());

        // A good URL is saved for the next start.
        d->storeUrlEdit()->setText(m_readerUrl);
        QTest::keyClick(d, Qt::Key_Return);
        QTRY_VERIFY(!d->isVisible());
        QCOMPARE(app.settings().storeUrl, m_readerUrl);
    }

    void readOnlyRoleOpensReadOnly()
    {
        // Two desktops on the shared store, both with the read-only role: both show the agent
        // host a receiver stored there.
        ui::DesktopApp other(paths(QStringLiteral("reader2"), m_readerUrl));
        other.setSecretService(QStringLiteral("ArchNest-test-store-settings"));
        other.start(false);
        ui::DesktopApp app(paths(QStringLiteral("reader"), m_readerUrl));
        app.setSecretService(QStringLiteral("ArchNest-test-store-settings"));
        app.start(false);
        QTRY_VERIFY_WITH_TIMEOUT(app.storeReadOnly(), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(app.controller()->hostNames().contains(QStringLiteral("team-vm-1")), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(other.controller()->hostNames().contains(QStringLiteral("team-vm-1")), 20000);
        QVERIFY(other.storeReadOnly());
        QCOMPARE(app.storeService()->location().user, m_reader);
        QTRY_VERIFY(app.window()->receiverStatusLabel()->text().contains(QStringLiteral("read-only")));
        QVERIFY(!app.receiver());
        QVERIFY2(app.window()->containersPage()->banner()->text().contains(QStringLiteral("Read-only")),
                 qPrintable(app.window()->containersPage()->banner()->text()));
#ifdef ARCHNEST_SHOTS
        const QString outDir = qEnvironmentVariable("ARCHNEST_SHOT_DIR");
        QVERIFY2(!outDir.isEmpty(), "set ARCHNEST_SHOT_DIR to the folder for the screenshots");
        app.window()->resize(1100, 600);
        app.window()->show();
        QVERIFY(app.window()->grab().save(outDir + QStringLiteral("/store-read-only.png")));
        ui::SettingsDialog *d = app.showSettings();
        d->storeTestButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(d->storeResultLabel()->text().contains(QStringLiteral("may only read")), 20000);
        QVERIFY(d->grab().save(outDir + QStringLiteral("/settings-store.png")));
#endif
    }
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    TestStoreSettings t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_store_settings.moc"
