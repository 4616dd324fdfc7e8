// The main window's empty state, offscreen: the fixed Containers tab, the host groups and the
// actions an operator needs first.
#include "UiTestSupport.h"

#include "EmptyStateWidget.h"
#include "pages/ContainersPage.h"
#include "terminal/TerminalView.h"

#include <QAction>
#include <QFileInfo>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

using archnest::test::UiHarness;
using archnest::ui::EmptyStateWidget;
using archnest::ui::MainWindow;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void showsEmptyStateWithFixedContainersTab()
    {
        UiHarness h;
        MainWindow &w = *h.window;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.tabs()->count(), 1);
        QCOMPARE(w.tabs()->tabText(0), QStringLiteral("Containers"));
        QVERIFY2(!w.tabs()->tabBar()->tabButton(0, QTabBar::RightSide), "the Containers tab must not be closable");
        auto *stack = qobject_cast<QStackedWidget *>(w.tabs()->widget(0));
        QVERIFY(stack);
        QCOMPARE(stack->currentWidget(), static_cast<QWidget *>(w.emptyState()));
        QVERIFY(!w.windowIcon().isNull());

        // The first host replaces the empty state with the containers page.
        h.addRows(QStringLiteral("web1"), archnest::HostKind::Ssh, {});
        QCOMPARE(stack->currentWidget(), static_cast<QWidget *>(w.containersPage()));
    }

    void hostTreeGroupsAllThreeSources()
    {
        UiHarness h;
        QAbstractItemModel *model = h.window->hostTree()->model();
        QStringList groups;
        for (int i = 0; i < model->rowCount(); ++i)
            groups << model->index(i, 0).data().toString();
        QCOMPARE(groups, (QStringList{QStringLiteral("All hosts"), QStringLiteral("Docker over SSH"),
                                      QStringLiteral("Docker Engine API"), QStringLiteral("Push agents")}));
    }

    void emptyStateButtonsTriggerActions()
    {
        UiHarness h;
        MainWindow &w = *h.window;
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
        UiHarness h;
        MainWindow &w = *h.window;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy refresh(&w, &MainWindow::refreshRequested);
        w.activateWindow();
        QTest::keyClick(&w, Qt::Key_F5);
        QCOMPARE(refresh.count(), 1);
    }

    // Ctrl+Q inside a terminal goes to its shell; Ctrl+Shift+Q quits from there too (Konsole).
    void quitShortcutWorksFromATerminal()
    {
        UiHarness h;
        MainWindow &w = *h.window;
        auto *terminal = new archnest::ui::TerminalView;
        w.tabs()->addTab(terminal, QStringLiteral("terminal"));
        w.tabs()->setCurrentWidget(terminal);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        terminal->setFocus();
        QTRY_VERIFY(terminal->hasFocus());
        auto *quit = w.findChild<QAction *>(QStringLiteral("action-quit"));
        QVERIFY(quit);
        QSignalSpy triggered(quit, &QAction::triggered);
        QTest::keyClick(terminal, Qt::Key_Q, Qt::ControlModifier);
        QCOMPARE(triggered.count(), 0);
        QVERIFY(w.isVisible());
        QTest::keyClick(terminal, Qt::Key_Q, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(triggered.count(), 1);
        QVERIFY(!w.isVisible());
    }

    void receiverStatusIsInTheStatusBar()
    {
        UiHarness h;
        h.window->setReceiverStatus(QStringLiteral("Agent receiver: 127.0.0.1:8765"), QStringLiteral("3 reports"));
        h.window->show();
        QVERIFY(QTest::qWaitForWindowExposed(h.window.get()));
        // The label lives in the status bar (a permanent widget, so a message does not hide it),
        // is shown, and carries the text and the tooltip.
        QLabel *label = h.window->receiverStatusLabel();
        QVERIFY(h.window->statusBar()->isAncestorOf(label));
        h.window->statusBar()->showMessage(QStringLiteral("something else happened"));
        QVERIFY(label->isVisible());
        QCOMPARE(label->text(), QStringLiteral("Agent receiver: 127.0.0.1:8765"));
        QCOMPARE(label->toolTip(), QStringLiteral("3 reports"));
        QVERIFY(label->geometry().width() > 0);
    }

    // `archnest --help` and `--version` answer without a display (no platform plugin loaded).
    void helpAndVersionNeedNoDisplay_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("expected");
        QTest::newRow("help") << QStringLiteral("--help") << QStringLiteral("--config-dir");
        QTest::newRow("version") << QStringLiteral("--version") << QStringLiteral("archnest");
    }
    void helpAndVersionNeedNoDisplay()
    {
        QFETCH(QString, option);
        QFETCH(QString, expected);
        const QString app = qEnvironmentVariable("ARCHNEST_BINARY_DIR") + QStringLiteral("/app/archnest");
        QVERIFY2(QFileInfo(app).isExecutable(), qPrintable(app + QStringLiteral(" is not built")));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *var : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
            env.remove(QString::fromLatin1(var));
        p.setProcessEnvironment(env);
        p.start(app, {option});
        QVERIFY(p.waitForFinished(20000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0,
                 qPrintable(out + QString::fromUtf8(p.readAllStandardError())));
        QVERIFY2(out.contains(expected, Qt::CaseInsensitive), qPrintable(out));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
