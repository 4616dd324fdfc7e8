// The main window with rows fed into the model, offscreen: open a detail tab by double-clicking a name (a single click
// only selects), reopen focuses the same tab, Ctrl+W and middle-click close, Enter opens, Ctrl+F focuses the filter,
// actions are disabled for agent rows (with the reason), remove asks for confirmation, a vanished container says so,
// window state and open tabs are remembered.
#include "UiTestSupport.h"

#include "Theme.h"
#include "dialogs/AsyncMessageBox.h"
#include "models/ContainerFilterProxy.h"
#include "pages/ContainerDetailTab.h"
#include "pages/ContainersPage.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProxyStyle>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace archnest;
using namespace archnest::ui;
using archnest::test::summary;
using archnest::test::UiHarness;

namespace {

QModelIndex nameCell(ContainersPage *page, const QString &host, const QString &id)
{
    const ContainersModel *model = page->proxy()->containersModel();
    return page->proxy()->viewIndex(model->rowOf(host, id), ContainersModel::NameColumn);
}

void clickCell(QTableView *table, const QModelIndex &index, Qt::KeyboardModifiers modifiers = {})
{
    table->scrollTo(index);
    const QRect r = table->visualRect(index);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, modifiers, r.center());
}

void doubleClickCell(QTableView *table, const QModelIndex &index, Qt::KeyboardModifiers modifiers = {})
{
    table->scrollTo(index);
    const QRect r = table->visualRect(index);
    // As a mouse sends it: the first click, then the second one that the platform reports as
    // a double-click.
    QTest::mouseClick(table->viewport(), Qt::LeftButton, modifiers, r.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, modifiers, r.center());
}

} // namespace

class TestWidgets final : public QObject
{
    Q_OBJECT

    // The application style's name; Light and Dark are Fusion behind a proxy (DimmedIconStyle).
    static QString styleName()
    {
        QStyle *s = QApplication::style();
        if (auto *proxy = qobject_cast<QProxyStyle *>(s))
            s = proxy->baseStyle();
        return s->name().toLower();
    }

    static double meanAlpha(const QPixmap &p)
    {
        const QImage img = p.toImage().convertToFormat(QImage::Format_ARGB32);
        double sum = 0;
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x)
                sum += qAlpha(img.pixel(x, y));
        return img.isNull() ? 0 : sum / (img.width() * img.height());
    }

private Q_SLOTS:
    // Single click selects (Ctrl/Shift extend the selection) and never opens; a double-click
    // opens, a double-click with a modifier does not.
    void singleClickSelectsDoubleClickOpens()
    {
        UiHarness h;
        h.addRows(QStringLiteral("web1"), HostKind::Ssh,
                  {summary(QStringLiteral("aaa"), QStringLiteral("nginx")),
                   summary(QStringLiteral("bbb"), QStringLiteral("db"))});
        MainWindow &w = *h.window;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ContainersPage *page = w.containersPage();
        clickCell(page->table(), nameCell(page, QStringLiteral("web1"), QStringLiteral("aaa")));
        clickCell(page->table(), nameCell(page, QStringLiteral("web1"), QStringLiteral("bbb")), Qt::ControlModifier);
        QCOMPARE(w.tabs()->count(), 1);
        QCOMPARE(page->selection().size(), 2);
        clickCell(page->table(), nameCell(page, QStringLiteral("web1"), QStringLiteral("aaa")), Qt::ShiftModifier);
        QCOMPARE(w.tabs()->count(), 1);
        doubleClickCell(page->table(), nameCell(page, QStringLiteral("web1"), QStringLiteral("bbb")),
                        Qt::ControlModifier);
        QCOMPARE(w.tabs()->count(), 1);
        doubleClickCell(page->table(), nameCell(page, QStringLiteral("web1"), QStringLiteral("bbb")));
        QCOMPARE(w.tabs()->count(), 2);
        QCOMPARE(w.tabs()->tabText(1), QStringLiteral("db"));
    }

    void clickingANameOpensOneTabPerContainer()
    {
        UiHarness h;
        h.addRows(QStringLiteral("web1"), HostKind::Ssh,
                  {summary(QStringLiteral("aaa"), QStringLiteral("nginx")),
                   summary(QStringLiteral("bbb"), QStringLiteral("db"))});
        MainWindow &w = *h.window;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        ContainersPage *page = w.containersPage();
        QCOMPARE(w.tabs()->count(), 1);

        doubleClickCell(page->table(), nameCell(page, QStringLiteral("web1"), QStringLiteral("aaa")));
        QCOMPARE(w.tabs()->count(), 2);
        QCOMPARE(w.tabs()->tabText(1), QStringLiteral("nginx"));
        QCOMPARE(w.tabs()->currentIndex(), 1);
        QVERIFY(w.tabs()->tabBar()->tabButton(1, QTabBar::RightSide)); // closable

        // Opening the same name again focuses the existing tab.
        w.tabs()->setCurrentIndex(0);
        doubleClickCell(page->table(), nameCell(page, QStringLiteral("web1"), QStringLiteral("aaa")));
        QCOMPARE(w.tabs()->count(), 2);
        QCOMPARE(w.tabs()->currentIndex(), 1);

        // Enter on another row opens its tab.
        w.tabs()->setCurrentIndex(0);
        page->table()->setFocus();
        page->table()->setCurrentIndex(nameCell(page, QStringLiteral("web1"), QStringLiteral("bbb")));
        QTest::keyClick(page->table(), Qt::Key_Return);
        QCOMPARE(w.tabs()->count(), 3);
        QCOMPARE(w.tabs()->tabText(w.tabs()->currentIndex()), QStringLiteral("db"));

        // Ctrl+W closes the current detail tab, never the Containers tab.
        QTest::keyClick(&w, Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(w.tabs()->count(), 2);
        w.tabs()->setCurrentIndex(0);
        QTest::keyClick(&w, Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(w.tabs()->count(), 2);

        // Middle-click closes.
        const QRect tabRect = w.tabs()->tabBar()->tabRect(1);
        QTest::mouseClick(w.tabs()->tabBar(), Qt::MiddleButton, {}, tabRect.center());
        QCOMPARE(w.tabs()->count(), 1);
        QCOMPARE(w.detailTabCount(), 0);
    }

    void sidebarSelectionFiltersByHostAndGroup()
    {
        UiHarness h;
        h.addRows(QStringLiteral("vm1"), HostKind::Agent, {summary(QStringLiteral("a1"), QStringLiteral("agentweb"))});
        h.addRows(QStringLiteral("web1"), HostKind::Ssh, {summary(QStringLiteral("s1"), QStringLiteral("sshweb"))});
        h.addRows(QStringLiteral("web2"), HostKind::Ssh, {summary(QStringLiteral("s2"), QStringLiteral("sshweb2"))});
        MainWindow &w = *h.window;
        QCOMPARE(w.containersPage()->proxy()->rowCount(), 3);
        w.hostTree()->setCurrentIndex(h.hosts.indexOfHost(QStringLiteral("web1")));
        QCOMPARE(w.containersPage()->proxy()->rowCount(), 1);
        w.hostTree()->setCurrentIndex(h.hosts.groupIndex(HostKind::Ssh));
        QCOMPARE(w.containersPage()->proxy()->rowCount(), 2);
        w.hostTree()->setCurrentIndex(h.hosts.groupIndex(HostKind::Agent));
        QCOMPARE(w.containersPage()->proxy()->rowCount(), 1);
        w.hostTree()->setCurrentIndex(h.hosts.allHostsIndex());
        QCOMPARE(w.containersPage()->proxy()->rowCount(), 3);
    }

    void ctrlFFocusesTheFilter()
    {
        UiHarness h;
        h.addRows(QStringLiteral("web1"), HostKind::Ssh, {summary(QStringLiteral("a"), QStringLiteral("x"))});
        MainWindow &w = *h.window;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.activateWindow();
        QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(w.containersPage()->filterEdit()->hasFocus());
        QTest::keyClicks(w.containersPage()->filterEdit(), QStringLiteral("nomatch"));
        QTRY_COMPARE(w.containersPage()->proxy()->rowCount(), 0);
    }

    void agentRowsHaveActionsDisabledWithReason()
    {
        UiHarness h;
        h.addRows(QStringLiteral("vm1"), HostKind::Agent, {summary(QStringLiteral("a1"), QStringLiteral("agentweb"))});
        h.addRows(QStringLiteral("web1"), HostKind::Ssh, {summary(QStringLiteral("s1"), QStringLiteral("sshweb"))});
        MainWindow &w = *h.window;
        w.show();
        ContainersPage *page = w.containersPage();
        page->table()->selectionModel()->select(nameCell(page, QStringLiteral("vm1"), QStringLiteral("a1")),
                                                QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        for (const ContainerAction a : allActions()) {
            QVERIFY2(!page->action(a)->isEnabled(), qPrintable(containerActionVerb(a)));
            QVERIFY(page->action(a)->toolTip().contains(QStringLiteral("push-agent")));
        }
        page->table()->selectionModel()->select(nameCell(page, QStringLiteral("web1"), QStringLiteral("s1")),
                                                QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(page->action(ContainerAction::Stop)->isEnabled());
        QVERIFY(page->action(ContainerAction::Remove)->isEnabled());
        QVERIFY(!page->action(ContainerAction::Start)->isEnabled());
    }

    void removeAsksForConfirmation()
    {
        UiHarness h;
        h.addRows(QStringLiteral("web1"), HostKind::Ssh, {summary(QStringLiteral("s1"), QStringLiteral("victim"))});
        MainWindow &w = *h.window;
        w.show();
        ContainersPage *page = w.containersPage();
        page->table()->selectionModel()->select(nameCell(page, QStringLiteral("web1"), QStringLiteral("s1")),
                                                QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QSignalSpy finished(&h.controller, &HostsController::actionFinished);

        const int before = AsyncMessageBox::shownCount();
        AsyncMessageBox::setNextAnswer(QMessageBox::Cancel);
        page->action(ContainerAction::Remove)->trigger();
        QCOMPARE(AsyncMessageBox::shownCount(), before + 1);
        QVERIFY(AsyncMessageBox::lastText().contains(QStringLiteral("victim on web1")));
        QTest::qWait(50);              // proves a negative: a cancelled confirmation starts nothing
        QCOMPARE(finished.count(), 0); // cancelled: nothing happened

        AsyncMessageBox::setNextAnswer(QMessageBox::Yes);
        page->action(ContainerAction::Remove)->trigger();
        QVERIFY(finished.wait(2000));
        // No source for web1 in this test, so the attempt fails with the host and the reason,
        // shown in the page's banner.
        QVERIFY(!finished.first().at(1).toBool());
        QVERIFY(page->banner()->isVisible());
        QVERIFY(page->banner()->text().contains(QStringLiteral("web1")));
    }

    void vanishedContainerTabSaysSo()
    {
        UiHarness h;
        h.addRows(QStringLiteral("web1"), HostKind::Ssh, {summary(QStringLiteral("s1"), QStringLiteral("shortlived"))});
        MainWindow &w = *h.window;
        ContainerDetailTab *tab =
            w.openDetail(QStringLiteral("web1"), QStringLiteral("s1"), QStringLiteral("shortlived"));
        QVERIFY(!tab->isGone());
        h.containers.setHostContainers(QStringLiteral("web1"), {});
        Q_EMIT h.controller.hostRefreshed(QStringLiteral("web1"));
        QVERIFY(tab->isGone());
        QVERIFY(tab->banner()->text().contains(QStringLiteral("no longer exists")));
        QCOMPARE(w.tabs()->tabText(w.tabs()->indexOf(tab)), QStringLiteral("shortlived (gone)"));
    }

    void changedHostKeyIsAClearBlockingError()
    {
        UiHarness h;
        h.addRows(QStringLiteral("web1"), HostKind::Ssh, {});
        const int before = AsyncMessageBox::shownCount();
        AsyncMessageBox::setNextAnswer(QMessageBox::Ok);
        Q_EMIT h.controller.hostFailed(QStringLiteral("web1"), QStringLiteral("host key mismatch"),
                                       QStringLiteral("host-key-changed"));
        QCOMPARE(AsyncMessageBox::shownCount(), before + 1);
        QVERIFY(AsyncMessageBox::lastText().contains(QStringLiteral("does not match")));
        QVERIFY(AsyncMessageBox::lastText().contains(QStringLiteral("web1")));
        // Once per host and session, not on every refresh; other errors only reach the status bar.
        Q_EMIT h.controller.hostFailed(QStringLiteral("web1"), QStringLiteral("host key mismatch"),
                                       QStringLiteral("host-key-changed"));
        Q_EMIT h.controller.hostFailed(QStringLiteral("web1"), QStringLiteral("timeout"), QStringLiteral("timeout"));
        QCOMPARE(AsyncMessageBox::shownCount(), before + 1);
        QVERIFY(h.window->statusBar()->currentMessage().contains(QStringLiteral("timeout")));
    }

    void remembersGeometryAndOpenTabs()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("ui.ini"));
        {
            UiHarness h;
            h.addRows(QStringLiteral("web1"), HostKind::Ssh, {summary(QStringLiteral("s1"), QStringLiteral("keep"))});
            h.window->resize(900, 600);
            h.window->openDetail(QStringLiteral("web1"), QStringLiteral("s1"), QStringLiteral("keep"));
            QSettings s(file, QSettings::IniFormat);
            h.window->saveState(s);
        }
        UiHarness h;
        // Tabs are restored only for hosts that still have a source; here none has, so none opens.
        QSettings s(file, QSettings::IniFormat);
        h.window->restoreState(s);
        QCOMPARE(h.window->detailTabCount(), 0);
        QCOMPARE(s.value(QStringLiteral("MainWindow/openTabs")).toStringList().size(), 1);
        QCOMPARE(h.window->size(), QSize(900, 600));
    }

    // View > Theme: Dark and Light switch QApplication's style and palette, System restores the
    // platform's; the choice is saved in the settings file and read back by a new manager.
    void themeMenuSwitchesPaletteAndPersists()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("settings.ini"));
        ThemeManager theme(file);
        QCOMPARE(ThemeManager::instance(), &theme);
        theme.applySaved(); // nothing saved: System, nothing changes
        QCOMPARE(theme.choice(), ThemeChoice::System);
        const QPalette systemPalette = QApplication::palette();
        const QString systemStyle = QApplication::style()->name();

        UiHarness h;
        h.addRows(QStringLiteral("web1"), HostKind::Ssh, {summary(QStringLiteral("s1"), QStringLiteral("web"))});
        MainWindow &w = *h.window;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *menu = w.findChild<QMenu *>(QStringLiteral("ThemeMenu"));
        QVERIFY(menu);
        QAction *dark = menu->findChild<QAction *>(QStringLiteral("theme-dark"));
        QAction *light = menu->findChild<QAction *>(QStringLiteral("theme-light"));
        QAction *system = menu->findChild<QAction *>(QStringLiteral("theme-system"));
        QVERIFY(dark && light && system);
        QVERIFY(system->isChecked());

        dark->trigger();
        QCOMPARE(theme.choice(), ThemeChoice::Dark);
        QVERIFY(dark->isChecked());
        QVERIFY(isDarkPalette(QApplication::palette()));
        QCOMPARE(styleName(), QStringLiteral("fusion"));
        QVERIFY(QApplication::palette().color(QPalette::Text).lightness() > 200);
        // Issue 14, defect 7: a disabled toolbar icon is visibly fainter than an enabled one on
        // the dark theme (Fusion's own disabled pixmap is light grey: as bright as an enabled icon).
        {
            const QIcon icon = w.containersPage()->action(ContainerAction::Start)->icon();
            const QPixmap on = icon.pixmap(QSize(22, 22), QIcon::Normal);
            const QPixmap off = icon.pixmap(QSize(22, 22), QIcon::Disabled);
            QVERIFY2(meanAlpha(off) < meanAlpha(on) * 0.5,
                     qPrintable(QStringLiteral("disabled %1 vs enabled %2").arg(meanAlpha(off)).arg(meanAlpha(on))));
        }
        QVERIFY(QApplication::palette().color(QPalette::PlaceholderText).lightness() > 120);
        QVERIFY(QApplication::palette().color(QPalette::Disabled, QPalette::Text).lightness() <
                QApplication::palette().color(QPalette::Active, QPalette::Text).lightness());
        // Widgets follow, and the banner is re-mixed from the dark window colour.
        ContainersPage *page = w.containersPage();
        QTRY_VERIFY(isDarkPalette(page->table()->palette()));
        page->showBanner(QStringLiteral("something failed"), true);
        QVERIFY(page->banner()->palette().color(QPalette::Window).lightness() < 128);
        // State colours are lifted on the dark base.
        const QModelIndex stateCell = page->proxy()->index(0, ContainersModel::StateColumn);
        QVERIFY(stateCell.data(Qt::ForegroundRole).value<QColor>().lightness() >
                ContainersModel::stateColor(ContainerState::Running).lightness());
        {
            QSettings s(file, QSettings::IniFormat);
            QCOMPARE(s.value(QStringLiteral("ui/theme")).toString(), QStringLiteral("dark"));
        }
        ThemeManager reader(file); // as at the next start

        QCOMPARE(reader.savedChoice(), ThemeChoice::Dark);

        light->trigger();
        QVERIFY(!isDarkPalette(QApplication::palette()));
        QCOMPARE(styleName(), QStringLiteral("fusion"));
        QTRY_VERIFY(page->banner()->palette().color(QPalette::Window).lightness() >= 128);
        QCOMPARE(reader.savedChoice(), ThemeChoice::Light);

        system->trigger();
        QCOMPARE(theme.choice(), ThemeChoice::System);
        QCOMPARE(QApplication::style()->name(), systemStyle);
        QCOMPARE(QApplication::palette().color(QPalette::Window), systemPalette.color(QPalette::Window));
        QCOMPARE(reader.savedChoice(), ThemeChoice::System);
    }
};

QTEST_MAIN(TestWidgets)
#include "tst_widgets.moc"
