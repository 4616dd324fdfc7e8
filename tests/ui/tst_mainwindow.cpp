// The main window's empty state, offscreen: the fixed Containers tab, the host groups and the
// actions an operator needs first.
#include "EmptyStateWidget.h"
#include "MainWindow.h"

#include <QAction>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>

using archnest::ui::EmptyStateWidget;
using archnest::ui::MainWindow;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsEmptyStateWithFixedContainersTab()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.tabs()->count(), 1);
        QCOMPARE(w.tabs()->tabText(0), QStringLiteral("Containers"));
        QVERIFY2(!w.tabs()->tabBar()->tabButton(0, QTabBar::RightSide), "the Containers tab must not be closable");
        QCOMPARE(w.tabs()->currentWidget(), static_cast<QWidget *>(w.emptyState()));
        QVERIFY(!w.windowIcon().isNull());
    }

    void hostTreeGroupsAllThreeSources()
    {
        MainWindow w;
        QStringList groups;
        for (int i = 0; i < w.hostTree()->topLevelItemCount(); ++i)
            groups << w.hostTree()->topLevelItem(i)->text(0);
        QCOMPARE(groups, (QStringList{QStringLiteral("All hosts"), QStringLiteral("Docker over SSH"),
                                      QStringLiteral("Docker Engine API"), QStringLiteral("Push agents")}));
    }

    void emptyStateButtonsTriggerActions()
    {
        MainWindow w;
        w.show();
        QSignalSpy ssh(&w, &MainWindow::addSshHostRequested);
        QSignalSpy api(&w, &MainWindow::addApiHostRequested);
        const auto buttons = w.emptyState()->findChildren<QPushButton *>();
        QVERIFY(buttons.size() >= 2);
        QTest::mouseClick(buttons.at(0), Qt::LeftButton);
        QTest::mouseClick(buttons.at(1), Qt::LeftButton);
        QCOMPARE(ssh.count(), 1);
        QCOMPARE(api.count(), 1);
    }

    void f5RequestsRefresh()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy refresh(&w, &MainWindow::refreshRequested);
        w.activateWindow();
        QTest::keyClick(&w, Qt::Key_F5);
        QCOMPARE(refresh.count(), 1);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
