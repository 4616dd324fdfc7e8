// ContainersModel / ContainerFilterProxy / HostListModel / action enablement, fed with plain
// ContainerSummary structs (no source needed): aggregation across hosts, the refresh diff keeping
// selection, filtering, and per-source action availability.
#include "models/ContainerActions.h"
#include "models/ContainerFilterProxy.h"
#include "models/ContainersModel.h"
#include "models/HostListModel.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace archnest;
using namespace archnest::ui;

namespace {

ContainerSummary make(const QString &host, const QString &id, const QString &name,
                      ContainerState state = ContainerState::Running, const QString &image = QStringLiteral("busybox"))
{
    ContainerSummary c;
    c.hostName = host;
    c.id = id;
    c.name = name;
    c.image = image;
    c.state = state;
    c.status = state == ContainerState::Running ? QStringLiteral("Up 1 minute") : QStringLiteral("Exited (0)");
    return c;
}

HostConfig hostConfig(const QString &name, HostKind kind)
{
    HostConfig h;
    h.name = name;
    h.kind = kind;
    return h;
}

} // namespace

class TestModels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aggregatesAcrossHosts()
    {
        ContainersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHostContainers(QStringLiteral("a"), {make({}, QStringLiteral("1"), QStringLiteral("web")),
                                                      make({}, QStringLiteral("2"), QStringLiteral("db"))});
        model.setHostContainers(QStringLiteral("b"), {make({}, QStringLiteral("1"), QStringLiteral("web"))});
        QCOMPARE(model.rowCount(), 3);
        // The same id on two hosts is two rows, keyed by host + id.
        QVERIFY(model.rowOf(QStringLiteral("a"), QStringLiteral("1")) >= 0);
        QVERIFY(model.rowOf(QStringLiteral("b"), QStringLiteral("1")) >= 0);
        QVERIFY(model.rowOf(QStringLiteral("a"), QStringLiteral("1")) !=
                model.rowOf(QStringLiteral("b"), QStringLiteral("1")));
        QCOMPARE(model.hostContainerCount(QStringLiteral("a")), 2);
        // A source cannot file rows under another host.
        model.setHostContainers(QStringLiteral("c"),
                                {make(QStringLiteral("a"), QStringLiteral("9"), QStringLiteral("x"))});
        QCOMPARE(model.at(model.rowOf(QStringLiteral("c"), QStringLiteral("9"))).hostName, QStringLiteral("c"));
        model.removeHost(QStringLiteral("a"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(QStringLiteral("a"), QStringLiteral("2")), -1);
    }

    void refreshDiffsAndKeepsSelection()
    {
        ContainersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<ContainerSummary> list;
        for (int i = 0; i < 20; ++i)
            list << make({}, QString::number(i), QStringLiteral("c%1").arg(i));
        model.setHostContainers(QStringLiteral("h"), list);
        model.setHostContainers(QStringLiteral("g"), {make({}, QStringLiteral("x"), QStringLiteral("other"))});

        ContainerFilterProxy proxy;
        proxy.setContainersModel(&model);
        proxy.sort(ContainersModel::NameColumn);
        QItemSelectionModel selection(&proxy);
        const auto proxyIndexOf = [&](const QString &host, const QString &id) {
            return proxy.viewIndex(model.rowOf(host, id));
        };
        selection.setCurrentIndex(proxyIndexOf(QStringLiteral("h"), QStringLiteral("7")),
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        selection.select(proxyIndexOf(QStringLiteral("g"), QStringLiteral("x")),
                         QItemSelectionModel::Select | QItemSelectionModel::Rows);

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

        // Refresh: c3 stops, c5 and c6 vanish, c20 appears, the rest is identical.
        list[3].state = ContainerState::Exited;
        list[3].status = QStringLiteral("Exited (137) 1 second ago");
        list.removeAt(6);
        list.removeAt(5);
        list << make({}, QStringLiteral("20"), QStringLiteral("c20"));
        model.setHostContainers(QStringLiteral("h"), list);

        QCOMPARE(reset.count(), 0);
        QCOMPARE(changed.count(), 1); // only c3
        QCOMPARE(removed.count(), 1); // c5..c6 are one contiguous run
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 20);
        QCOMPARE(model.at(model.rowOf(QStringLiteral("h"), QStringLiteral("3"))).state, ContainerState::Exited);
        // Selection and current row survive.
        QCOMPARE(selection.selectedRows().size(), 2);
        QCOMPARE(selection.currentIndex().data(ContainersModel::KeyRole).toString(),
                 ContainersModel::keyOf(QStringLiteral("h"), QStringLiteral("7")));

        // An identical refresh touches nothing.
        changed.clear();
        removed.clear();
        inserted.clear();
        model.setHostContainers(QStringLiteral("h"), list);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(inserted.count(), 0);
    }

    void filtersByTextLabelsStateAndHost()
    {
        ContainersModel model;
        auto web = make({}, QStringLiteral("1"), QStringLiteral("web-frontend"), ContainerState::Running,
                        QStringLiteral("nginx:1.25"));
        web.labels.insert(QStringLiteral("com.docker.compose.project"), QStringLiteral("shop"));
        model.setHostContainers(QStringLiteral("a"),
                                {web, make({}, QStringLiteral("2"), QStringLiteral("db"), ContainerState::Exited,
                                           QStringLiteral("postgres:16"))});
        model.setHostContainers(QStringLiteral("b"), {make({}, QStringLiteral("3"), QStringLiteral("cache"),
                                                           ContainerState::Paused, QStringLiteral("redis"))});
        ContainerFilterProxy proxy;
        proxy.setContainersModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setFilterString(QStringLiteral("NGINX"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterString(QStringLiteral("project=shop"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterString(QStringLiteral("web shop")); // all words must match
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterString(QStringLiteral("web redis"));
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setFilterString({});
        proxy.setStateFilter(ContainerFilterProxy::StateFilter::Stopped);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, ContainersModel::NameColumn).data().toString(), QStringLiteral("db"));
        proxy.setStateFilter(ContainerFilterProxy::StateFilter::Paused);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setStateFilter(ContainerFilterProxy::StateFilter::All);
        proxy.setHostFilter(QStringLiteral("a"));
        QCOMPARE(proxy.rowCount(), 2);
        // New rows arriving while filtered are filtered too.
        model.setHostContainers(QStringLiteral("b"), {make({}, QStringLiteral("4"), QStringLiteral("x"))});
        QCOMPARE(proxy.rowCount(), 2);
    }

    void statsSamplesMergeAndSurviveRefresh()
    {
        ContainersModel m;
        const QString idA = QStringLiteral("a").repeated(64);
        const QString idB = QStringLiteral("b").repeated(64);
        m.setHostContainers(QStringLiteral("h1"), {make(QStringLiteral("h1"), idA, QStringLiteral("web")),
                                                   make(QStringLiteral("h1"), idB, QStringLiteral("job"))});
        QCOMPARE(m.data(m.index(0, ContainersModel::MemoryColumn)).toString(), QString());
        StatsSample s;
        s.containerId = idA.left(12); // the docker CLI's short id
        s.cpuPercent = 12.5;
        s.memoryBytes = 3 * 1024 * 1024;
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        m.setHostStats(QStringLiteral("h1"), {s});
        QCOMPARE(changed.count(), 1);
        const int rowA = m.at(0).id == idA ? 0 : 1;
        QCOMPARE(m.data(m.index(rowA, ContainersModel::CpuColumn)).toString(), QStringLiteral("12.5%"));
        QVERIFY(!m.data(m.index(rowA, ContainersModel::MemoryColumn)).toString().isEmpty());
        QVERIFY(!m.at(1 - rowA).stats);
        // Samples for another host or an unknown id change nothing.
        m.setHostStats(QStringLiteral("h2"), {s});
        s.containerId = QStringLiteral("c").repeated(12);
        m.setHostStats(QStringLiteral("h1"), {s});
        QCOMPARE(changed.count(), 1);
        // A refresh without stats keeps the sample while the container runs, drops it once stopped.
        m.setHostContainers(QStringLiteral("h1"), {make(QStringLiteral("h1"), idA, QStringLiteral("web")),
                                                   make(QStringLiteral("h1"), idB, QStringLiteral("job"))});
        QVERIFY(m.at(rowA).stats);
        m.setHostContainers(QStringLiteral("h1"),
                            {make(QStringLiteral("h1"), idA, QStringLiteral("web"), ContainerState::Exited),
                             make(QStringLiteral("h1"), idB, QStringLiteral("job"))});
        QVERIFY(!m.at(rowA).stats);
    }

    void sortsNumericColumnsNumerically()
    {
        ContainersModel model;
        auto a = make({}, QStringLiteral("1"), QStringLiteral("a"));
        auto b = make({}, QStringLiteral("2"), QStringLiteral("b"));
        a.stats = StatsSample{};
        a.stats->memoryBytes = 900;
        b.stats = StatsSample{};
        b.stats->memoryBytes = 10 * 1024 * 1024;
        model.setHostContainers(QStringLiteral("h"), {b, a});
        ContainerFilterProxy proxy;
        proxy.setContainersModel(&model);
        proxy.sort(ContainersModel::MemoryColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("a"));
        QVERIFY(proxy.index(1, ContainersModel::MemoryColumn).data().toString().contains(QStringLiteral("MB")) ||
                proxy.index(1, ContainersModel::MemoryColumn).data().toString().contains(QStringLiteral("MiB")));
        QVERIFY(proxy.index(0, ContainersModel::StateColumn).data(Qt::ForegroundRole).value<QColor>().isValid());
    }

    // The proxy sorts in one layer and filters in another: a header sort must survive the filter
    // narrowing and widening again, and a selected row that stays visible stays selected.
    void sortSurvivesFilterAndSelectionSurvives()
    {
        ContainersModel model;
        QList<ContainerSummary> list;
        for (int i = 0; i < 30; ++i) {
            auto c = make({}, QString::number(i),
                          QStringLiteral("%1-%2")
                              .arg(i % 2 ? QStringLiteral("web") : QStringLiteral("db"))
                              .arg(29 - i, 2, 10, QLatin1Char('0')));
            c.stats = StatsSample{};
            c.stats->memoryBytes = qint64(i) * 1000;
            list << c;
        }
        model.setHostContainers(QStringLiteral("h"), list);
        ContainerFilterProxy proxy;
        proxy.setContainersModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QItemSelectionModel selection(&proxy);
        const auto names = [&] {
            QStringList out;
            for (int r = 0; r < proxy.rowCount(); ++r)
                out << proxy.index(r, ContainersModel::NameColumn).data().toString();
            return out;
        };
        const auto memories = [&] {
            QList<qint64> out;
            for (int r = 0; r < proxy.rowCount(); ++r)
                out << model.at(proxy.containerRow(proxy.index(r, 0))).stats->memoryBytes.value_or(-1);
            return out;
        };
        const auto isSortedDesc = [](const QList<qint64> &v) { return std::is_sorted(v.rbegin(), v.rend()); };

        proxy.sort(ContainersModel::MemoryColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.sortedColumn(), int(ContainersModel::MemoryColumn));
        QCOMPARE(proxy.sortedOrder(), Qt::DescendingOrder);
        QCOMPARE(proxy.rowCount(), 30);
        QVERIFY(isSortedDesc(memories()));
        QCOMPARE(memories().first(), qint64(29000));

        // Select web-14 (container 15) and make it current.
        const int row15 = model.rowOf(QStringLiteral("h"), QStringLiteral("15"));
        QCOMPARE(proxy.containerRow(proxy.viewIndex(row15)), row15);
        selection.setCurrentIndex(proxy.viewIndex(row15),
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

        // Narrow: only "web" rows, still sorted by memory, the selection kept.
        proxy.setFilterString(QStringLiteral("WEB"));
        QCOMPARE(proxy.rowCount(), 15);
        QVERIFY(isSortedDesc(memories()));
        for (const QString &n : names())
            QVERIFY2(n.startsWith(QStringLiteral("web-")), qPrintable(n));
        QCOMPARE(selection.selectedRows().size(), 1);
        QCOMPARE(proxy.containerRow(selection.currentIndex()), row15);
        QCOMPARE(selection.currentIndex().data(ContainersModel::KeyRole).toString(),
                 ContainersModel::keyOf(QStringLiteral("h"), QStringLiteral("15")));

        // Narrow further, then widen back to everything: still sorted, still selected.
        proxy.setFilterString(QStringLiteral("web-1"));
        QCOMPARE(proxy.rowCount(), 5); // web-10, -12, -14, -16, -18
        QVERIFY(isSortedDesc(memories()));
        QCOMPARE(proxy.containerRow(selection.currentIndex()), row15);
        proxy.setFilterString({});
        QCOMPARE(proxy.rowCount(), 30);
        QVERIFY(isSortedDesc(memories()));
        QCOMPARE(selection.selectedRows().size(), 1);
        QCOMPARE(proxy.containerRow(selection.selectedRows().first()), row15);

        // A header sort while filtered applies to what is shown and to what comes back.
        proxy.setStateFilter(ContainerFilterProxy::StateFilter::Running);
        proxy.setFilterString(QStringLiteral("db"));
        proxy.sort(ContainersModel::NameColumn, Qt::AscendingOrder);
        QStringList shown = names();
        QCOMPARE(shown.size(), 15);
        QStringList expected = shown;
        std::sort(expected.begin(), expected.end());
        QCOMPARE(shown, expected);
        QCOMPARE(shown.first(), QStringLiteral("db-01"));
        proxy.setFilterString({});
        shown = names();
        QCOMPARE(shown.size(), 30);
        expected = shown;
        std::sort(expected.begin(), expected.end());
        QCOMPARE(shown, expected);
        // A filtered-out row has no view index; an out-of-range row neither.
        proxy.setFilterString(QStringLiteral("db"));
        QVERIFY(!proxy.viewIndex(row15).isValid());
        QVERIFY(!proxy.viewIndex(1000).isValid());
        QCOMPARE(proxy.containerRow({}), -1);

        // A refresh that changes the sort key re-sorts the visible rows.
        list[0].stats->memoryBytes = 1000000; // db-29
        model.setHostContainers(QStringLiteral("h"), list);
        proxy.sort(ContainersModel::MemoryColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, ContainersModel::NameColumn).data().toString(), QStringLiteral("db-29"));
    }

    void actionEnablementPerSource()
    {
        const HostCapabilities managed{true, {}};
        const HostCapabilities agent{false, QStringLiteral("agent hosts are read-only")};
        const SelectedContainer running{QStringLiteral("ssh1"), QStringLiteral("1"), QStringLiteral("web"),
                                        ContainerState::Running, managed};
        const SelectedContainer agentRunning{QStringLiteral("vm1"), QStringLiteral("2"), QStringLiteral("web"),
                                             ContainerState::Running, agent};
        const SelectedContainer paused{QStringLiteral("api1"), QStringLiteral("3"), QStringLiteral("cache"),
                                       ContainerState::Paused, managed};

        QVERIFY(!actionAvailability(ContainerAction::Stop, {}).enabled);
        for (const ContainerAction a : allActions()) {
            const ActionAvailability av = actionAvailability(a, {agentRunning});
            QVERIFY(!av.enabled);
            QCOMPARE(av.reason, QStringLiteral("agent hosts are read-only"));
        }
        QVERIFY(actionAvailability(ContainerAction::Stop, {running}).enabled);
        QVERIFY(actionAvailability(ContainerAction::Pause, {running}).enabled);
        QVERIFY(!actionAvailability(ContainerAction::Start, {running}).enabled);
        QVERIFY(!actionAvailability(ContainerAction::Unpause, {running}).enabled);
        QVERIFY(actionAvailability(ContainerAction::Unpause, {paused}).enabled);
        // Mixed selection: enabled, and only the manageable rows are targets.
        const ActionAvailability mixed = actionAvailability(ContainerAction::Stop, {running, agentRunning});
        QVERIFY(mixed.enabled);
        QVERIFY(mixed.reason.contains(QStringLiteral("read-only")));
        const auto targets = actionTargets(ContainerAction::Stop, {running, agentRunning, paused});
        QCOMPARE(targets.size(), 1);
        QCOMPARE(targets.first().host, QStringLiteral("ssh1"));
    }

    void hostListGroupsBySourceWithStatus()
    {
        HostListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHosts(
            {hostConfig(QStringLiteral("web1"), HostKind::Ssh), hostConfig(QStringLiteral("api"), HostKind::DockerApi),
             hostConfig(QStringLiteral("vm7"), HostKind::Agent), hostConfig(QStringLiteral("app2"), HostKind::Ssh)});
        QCOMPARE(model.rowCount(), 4);
        QVERIFY(model.allHostsIndex().data(HostListModel::IsAllHostsRole).toBool());
        QCOMPARE(model.rowCount(model.groupIndex(HostKind::Ssh)), 2);
        QCOMPARE(model.index(0, 0, model.groupIndex(HostKind::Ssh)).data(HostListModel::HostNameRole).toString(),
                 QStringLiteral("app2"));
        QCOMPARE(model.hostCount(), 4);

        model.setStatus(QStringLiteral("web1"), HostStatus::Error, QStringLiteral("connection refused"));
        const QModelIndex web1 = model.indexOfHost(QStringLiteral("web1"));
        QVERIFY(web1.data(HostListModel::StatusMessageRole).toString().contains(QStringLiteral("connection refused")));
        QVERIFY(web1.data(Qt::ToolTipRole).toString().contains(QStringLiteral("connection refused")));

        model.setStaleAfterSeconds(60);
        model.setStatus(QStringLiteral("vm7"), HostStatus::Connected, QStringLiteral("last report 10 min ago"));
        model.setRefreshed(QStringLiteral("vm7"), QDateTime::currentDateTimeUtc().addSecs(-600), 3);
        const HostListModel::Entry *vm7 = model.entry(QStringLiteral("vm7"));
        QVERIFY(vm7);
        QVERIFY(model.isStale(*vm7));
        QVERIFY(model.statusText(*vm7).startsWith(QStringLiteral("stale")));
        QVERIFY(model.indexOfHost(QStringLiteral("vm7")).data().toString().contains(QStringLiteral("(3)")));

        HostConfig moved = hostConfig(QStringLiteral("web1"), HostKind::DockerApi);
        model.upsertHost(moved);
        QCOMPARE(model.rowCount(model.groupIndex(HostKind::Ssh)), 1);
        QCOMPARE(model.rowCount(model.groupIndex(HostKind::DockerApi)), 2);
        model.removeHost(QStringLiteral("api"));
        QCOMPARE(model.hostCount(), 3);
    }

    // A Podman host shows a small plain-text badge after its name and says so in the tooltip;
    // Docker (the default) and not-yet-known engines carry no badge.
    void hostListShowsAPodmanBadge()
    {
        HostListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setHosts({hostConfig(QStringLiteral("pod1"), HostKind::Ssh),
                        hostConfig(QStringLiteral("dock1"), HostKind::DockerApi)});
        const QModelIndex pod = model.indexOfHost(QStringLiteral("pod1"));
        QCOMPARE(pod.data().toString(), QStringLiteral("pod1"));
        QCOMPARE(pod.data(HostListModel::EngineRole).toString(), QString());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setEngine(QStringLiteral("pod1"), ContainerEngine::Podman);
        QCOMPARE(changed.size(), 1);
        model.setEngine(QStringLiteral("pod1"), ContainerEngine::Podman); // unchanged: no signal
        QCOMPARE(changed.size(), 1);
        model.setRefreshed(QStringLiteral("pod1"), QDateTime::currentDateTimeUtc(), 4);
        QCOMPARE(pod.data().toString(), QStringLiteral("pod1 (4) \u00b7 podman"));
        QCOMPARE(pod.data(HostListModel::EngineRole).toString(), QStringLiteral("podman"));
        QVERIFY(pod.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Engine: Podman")));
        model.setEngine(QStringLiteral("dock1"), ContainerEngine::Docker);
        const QModelIndex dock = model.indexOfHost(QStringLiteral("dock1"));
        QCOMPARE(dock.data().toString(), QStringLiteral("dock1"));
        QVERIFY(dock.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Engine: Docker")));
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"
