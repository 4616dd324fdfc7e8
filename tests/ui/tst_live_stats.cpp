// Live stats in a container's detail tab, end to end over the real Engine API source (fixture
// dockerd, unix socket) and the real SSH source (sshd + docker CLI): while the Details section of
// a running container is on screen, samples from streamStats() keep arriving and are shown; the
// stream stops when the section or the tab is hidden, and is stopped and deleted when the tab
// closes. A stopped container never streams.
#include "ApiTestSupport.h"
#include "FixtureWindowTest.h"
#include "Fixtures.h"
#include "HostsController.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "config/SourceFactory.h"
#include "dialogs/GuiSshInteraction.h"
#include "docker/ContainerSource.h"
#include "models/ContainersModel.h"
#include "models/HostListModel.h"
#include "pages/ContainerDetailTab.h"
#include "tst_ssh_support.h"

#include <QFile>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace archnest;
using archnest::test::Fixtures;

namespace {

constexpr int kWaitMs = 60000;

// The value column of the Stats section's row `label`, empty if absent.
QString statsRow(const ui::ContainerDetailTab *tab, const QString &label)
{
    const QTreeWidget *tree = tab->detailTree();
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *section = tree->topLevelItem(i);
        if (section->text(0) != QLatin1String("Stats"))
            continue;
        for (int c = 0; c < section->childCount(); ++c)
            if (section->child(c)->text(0) == label)
                return section->child(c)->text(1);
    }
    return {};
}

} // namespace

class TestLiveStats final : public test::FixtureWindowTest
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        createController();
        if (QTest::currentTestFailed())
            return;

        showWindowAndWaitForHosts(kWaitMs);
    }

    void cleanup() { closeExtraTabs(); }

    void cleanupTestCase() { destroyWindow(); }

    void listShowsCpuAndMemoryOfManagedHosts()
    {
        // After a refresh the controller samples the running containers of SSH and Engine API
        // hosts once (at most every 15 s per host): the table's CPU and memory columns fill.
        for (const QString &host : {QStringLiteral("fx-api"), QStringLiteral("fx-ssh")}) {
            QTRY_VERIFY2_WITH_TIMEOUT(row(host, QStringLiteral("fx-running")) &&
                                          row(host, QStringLiteral("fx-running"))->stats &&
                                          row(host, QStringLiteral("fx-running"))->stats->memoryBytes,
                                      qPrintable(host), kWaitMs);
            QVERIFY(!row(host, QStringLiteral("fx-stopped"))->stats);
        }
    }

    void liveWhileShownStoppedOnClose_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("engine-api") << QStringLiteral("fx-api");
        QTest::newRow("ssh") << QStringLiteral("fx-ssh");
    }

    void liveWhileShownStoppedOnClose()
    {
        QFETCH(QString, host);
        QPointer<ui::ContainerDetailTab> tab = openDetail(host, QStringLiteral("fx-running"));
        QVERIFY(tab);
        QCOMPARE(m_window->tabs()->currentWidget(), tab.data());
        QTRY_VERIFY_WITH_TIMEOUT(tab->hasDetail(), kWaitMs);
        QCOMPARE(tab->sections()->currentWidget(), tab->detailTree());
        QTRY_VERIFY(tab->isStreamingStats());

        // At least two samples arrive and are shown while the section is on screen.
        QSignalSpy samples(tab.data(), &ui::ContainerDetailTab::liveStatsSampleShown);
        QTRY_VERIFY_WITH_TIMEOUT(samples.count() >= 2, kWaitMs);
        const auto first = samples.at(0).at(0).value<StatsSample>();
        const auto second = samples.at(1).at(0).value<StatsSample>();
        QVERIFY(first.memoryBytes.has_value());
        QVERIFY(second.takenAt >= first.takenAt);
        QVERIFY2(!statsRow(tab, QStringLiteral("Memory")).isEmpty(), "the Stats section shows the memory");
        QVERIFY(!statsRow(tab, QStringLiteral("Sampled")).isEmpty());
        QCOMPARE(statsRow(tab, QStringLiteral("Live")), QStringLiteral("updating while this section is shown"));

        // Another section hides the stats: the stream stops; back again: it restarts.
        tab->sections()->setCurrentIndex(1);
        QVERIFY(!tab->isStreamingStats());
        tab->sections()->setCurrentWidget(tab->detailTree());
        QVERIFY(tab->isStreamingStats());

        // Another main-window tab hides this one: stopped; shown again: streaming.
        m_window->tabs()->setCurrentIndex(0);
        QTRY_VERIFY(!tab->isStreamingStats());
        m_window->tabs()->setCurrentWidget(tab);
        QTRY_VERIFY(tab->isStreamingStats());

        // Closing the tab stops the stream and deletes it; no sample arrives afterwards.
        auto *stream = tab->findChild<StatsStream *>();
        QVERIFY(stream);
        QPointer<StatsStream> streamAlive(stream);
        QSignalSpy running(tab.data(), &ui::ContainerDetailTab::liveStatsRunningChanged);
        QVERIFY(m_window->closeTab(m_window->tabs()->indexOf(tab)));
        QTRY_VERIFY(!tab);         // the tab is gone ...
        QTRY_VERIFY(!streamAlive); // ... and so is its stream
        QVERIFY(!running.isEmpty());
        QCOMPARE(running.last().at(0).toBool(), false);
    }

    // A container that stops while its stats stream: the stream ends and does not restart.
    void stopsWhenTheContainerStops()
    {
        const QString name = QStringLiteral("live-stats-stop");
        const QStringList docker{QStringLiteral("-H"), QStringLiteral("unix://") + Fixtures::instance().dockerSocket()};
        const auto run = [&](const QStringList &args) {
            QProcess p;
            p.start(QStringLiteral("docker"), docker + args);
            return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        };
        run({QStringLiteral("rm"), QStringLiteral("-f"), name});
        QVERIFY(run({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--name"), name,
                     Fixtures::instance().value(QStringLiteral("ARCHNEST_FX_IMAGE")), QStringLiteral("sleep"),
                     QStringLiteral("600")}));
        m_controller->refreshAll();
        QTRY_VERIFY_WITH_TIMEOUT(row(QStringLiteral("fx-api"), name), kWaitMs);

        QPointer<ui::ContainerDetailTab> tab = openDetail(QStringLiteral("fx-api"), name);
        QVERIFY(tab);
        QTRY_VERIFY_WITH_TIMEOUT(tab->isStreamingStats(), kWaitMs);
        QSignalSpy samples(tab.data(), &ui::ContainerDetailTab::liveStatsSampleShown);
        QTRY_VERIFY_WITH_TIMEOUT(samples.count() >= 1, kWaitMs);

        QVERIFY(run({QStringLiteral("stop"), QStringLiteral("-t"), QStringLiteral("0"), name}));
        m_controller->refreshAll();
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isStreamingStats(), kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(tab->detail().summary.state, ContainerState::Exited, kWaitMs);
        QTest::qWait(500);                 // proves a negative: nothing restarts the stream in the next half second
        QVERIFY(!tab->isStreamingStats()); // not restarted for a stopped container
        QVERIFY(run({QStringLiteral("rm"), QStringLiteral("-f"), name}));
    }

    void stoppedContainerDoesNotStream()
    {
        ui::ContainerDetailTab *tab = openDetail(QStringLiteral("fx-api"), QStringLiteral("fx-stopped"));
        QVERIFY(tab);
        QTRY_VERIFY_WITH_TIMEOUT(tab->hasDetail(), kWaitMs);
        QTest::qWait(300); // proves a negative: no stream starts once the detail is shown
        QVERIFY(!tab->isStreamingStats());
        QCOMPARE(tab->liveStatsSamples(), 0);
    }
};

QTEST_MAIN(TestLiveStats)
#include "tst_live_stats.moc"
