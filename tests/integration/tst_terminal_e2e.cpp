// The exec terminal end to end on both real paths: a TerminalSession (the closable tab the
// desktop opens) over the SSH source (real sshd running the docker CLI against the fixture
// dockerd), over the Engine API source (unix socket and tcp), and `docker exec -it` on a local
// PTY. Type `echo $((6*7))`, see 42; resize the widget, `stty size` inside shows the new size;
// `exit 3` shows exit code 3. And type-ahead: keys typed as the tab opens, before any output,
// reach the shell once its PTY has the tab's size (20 tabs per path).
#include "Fixtures.h"
#include "LocalPtyExecStream.h"
#include "TerminalSession.h"
#include "TerminalView.h"
#include "TestSupport.h"
#include "config/SourceFactory.h"
#include "tst_ssh_support.h"

#include <QApplication>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace archnest;
using archnest::test::Fixtures;
using archnest::ui::TerminalSession;
using archnest::ui::TerminalView;

namespace {

constexpr int kStepTimeoutMs = 30000;

QStringList lines(const TerminalView &view)
{
    QStringList out;
    for (int i = 0; i < view.screen()->historyLineCount(); ++i)
        out << view.screen()->historyLineText(i);
    return out;
}

QString dump(const TerminalView &view)
{
    return lines(view).join(QLatin1Char('\n'));
}

void typeLine(TerminalView *view, const QString &line)
{
    QTest::keyClicks(view, line);
    QTest::keyClick(view, Qt::Key_Return);
}

} // namespace

class TestTerminalE2e final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    test::FakeUserInteraction m_user; // answers nothing: the host key is already known

    HostConfig host(const QString &path) const
    {
        return test::fixtureManagedHost(path, m_tmp.filePath(QStringLiteral("known_hosts")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DOCKER_SOCK");
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_TARGET_PORT");
        QVERIFY(m_tmp.isValid());
        QVERIFY(
            QFile::copy(test::fxValue("ARCHNEST_FX_SSH_KNOWN_HOSTS"), m_tmp.filePath(QStringLiteral("known_hosts"))));
    }

    void execTerminal_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("ssh + docker CLI") << QStringLiteral("ssh");
        QTest::newRow("engine API unix") << QStringLiteral("api-unix");
        if (Fixtures::instance().has(QStringLiteral("ARCHNEST_FX_DOCKER_TCP")))
            QTest::newRow("engine API tcp") << QStringLiteral("api-tcp");
        // The local docker CLI on a local PTY (LocalPtyExecStream), e.g. for a daemon on this machine.
        QTest::newRow("local docker CLI on a PTY") << QStringLiteral("local-pty");
    }

    void execTerminal()
    {
        QFETCH(QString, path);
        QObject owner;
        std::unique_ptr<TerminalSession> session;
        if (path == QLatin1String("local-pty")) {
            const QString socket = Fixtures::instance().dockerSocket();
            session = std::make_unique<TerminalSession>(
                [socket](int cols, int rows) -> ExecStream * {
                    auto *s = new ui::LocalPtyExecStream;
                    s->start(QStringLiteral("docker"),
                             {QStringLiteral("-H"), QStringLiteral("unix://") + socket, QStringLiteral("exec"),
                              QStringLiteral("-it"), QStringLiteral("fx-running"), QStringLiteral("sh")},
                             cols, rows);
                    return s;
                },
                QStringLiteral("fx-running (local docker)"));
            session->connectStream();
        } else {
            config::SourceContext ctx;
            ctx.interaction = &m_user;
            ctx.dataDir = m_tmp.path();
            auto created = config::createContainerSource(host(path), ctx, &owner);
            QVERIFY_RESULT(created);
            // The product entry point: the container's default shell, in a closable-tab widget.
            session.reset(ui::createExecTerminal(created.value(), QStringLiteral("fx-running")));
        }
        TerminalView *view = session->view();
        session->resize(view->sizeForCells(80, 24) + QSize(0, 60));
        session->show();
        QVERIFY(QTest::qWaitForWindowExposed(session.get()));
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), TerminalSession::State::Running, kStepTimeoutMs);
        QVERIFY2(session->state() == TerminalSession::State::Running, qPrintable(session->statusText()));
        QTRY_VERIFY2_WITH_TIMEOUT(dump(*view).contains(QLatin1Char('#')), qPrintable(dump(*view)), kStepTimeoutMs);

        typeLine(view, QStringLiteral("echo $((6*7))"));
        QTRY_VERIFY2_WITH_TIMEOUT(lines(*view).contains(QStringLiteral("42")), qPrintable(dump(*view)), kStepTimeoutMs);

        // The widget's size is the PTY's size (the known failure elsewhere: stuck at 80x24).
        QSignalSpy resized(view, &TerminalView::resized);
        session->resize(view->sizeForCells(101, 33) + QSize(0, session->height() - view->height()));
        QTRY_VERIFY(!resized.isEmpty());
        const int cols = view->columns();
        const int rows = view->rows();
        QCOMPARE(cols, 101);
        QCOMPARE(rows, 33);
        const QString expected = QStringLiteral("%1 %2").arg(rows).arg(cols);
        // The resize request and the typed command travel separately (SSH window-change, API
        // POST /exec/resize): ask again until the new size is seen, a bounded number of times.
        bool seen = false;
        for (int attempt = 0; attempt < 10 && !seen; ++attempt) {
            typeLine(view, QStringLiteral("stty size"));
            seen = QTest::qWaitFor([&] { return lines(*view).contains(expected); }, 3000);
        }
        QVERIFY2(seen, qPrintable(QStringLiteral("expected '%1' in:\n%2").arg(expected, dump(*view))));

        typeLine(view, QStringLiteral("exit 3"));
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), TerminalSession::State::Exited, kStepTimeoutMs);
        QCOMPARE(session->exitCode(), 3);
        QVERIFY(session->statusText().contains(QStringLiteral("code 3")));
        QVERIFY(session->reconnectButton()->isVisible());
        if (qEnvironmentVariableIsSet("ARCHNEST_TERMINAL_E2E_DUMP"))
            qInfo("%s", qPrintable(dump(*view)));
    }

    void typeAheadBeforeFirstOutput_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("ssh + docker CLI") << QStringLiteral("ssh");
        QTest::newRow("engine API tcp") << QStringLiteral("api-tcp");
    }
    void typeAheadBeforeFirstOutput()
    {
        QFETCH(QString, path);
        QObject owner;
        config::SourceContext ctx;
        ctx.interaction = &m_user;
        ctx.dataDir = m_tmp.path();
        auto created = config::createContainerSource(host(path), ctx, &owner);
        QVERIFY_RESULT(created);
        constexpr int kRuns = 20;
        int good = 0;
        int beforeOutput = 0;
        QString firstFailure;
        for (int i = 0; i < kRuns; ++i) {
            std::unique_ptr<TerminalSession> session(
                ui::createExecTerminal(created.value(), QStringLiteral("fx-running")));
            TerminalView *view = session->view();
            session->resize(view->sizeForCells(100, 30) + QSize(0, 60));
            session->show();
            // The tab's size while the shell runs (the status line above it shows only while
            // connecting and after the end, so the view grows by a few rows when it starts).
            QString runningSize;
            const auto noteSize = [&] {
                if (session->state() == TerminalSession::State::Running)
                    runningSize = QStringLiteral("%1 %2").arg(view->rows()).arg(view->columns());
            };
            connect(session.get(), &TerminalSession::stateChanged, this, noteSize);
            connect(view, &TerminalView::resized, this, noteSize);
            QVERIFY(QTest::qWaitForWindowExposed(session.get()));
            if (!dump(*view).contains(QLatin1Char('#')))
                ++beforeOutput;
            typeLine(view, QStringLiteral("stty size"));
            typeLine(view, QStringLiteral("echo $((6*7))"));
            typeLine(view, QStringLiteral("exit 3"));
            const bool exited = QTest::qWaitFor(
                [&] {
                    return session->state() == TerminalSession::State::Exited ||
                           session->state() == TerminalSession::State::ConnectionLost;
                },
                kStepTimeoutMs);
            const QString expected = runningSize;
            const QStringList l = lines(*view);
            if (exited && session->exitCode() == 3 && l.contains(expected) && l.contains(QStringLiteral("42")))
                ++good;
            else if (firstFailure.isEmpty())
                firstFailure = QStringLiteral("run %1 (expected '%2', %3):\n%4")
                                   .arg(i + 1)
                                   .arg(expected, session->statusText(), dump(*view));
        }
        QVERIFY2(good == kRuns,
                 qPrintable(QStringLiteral("%1 of %2 correct; %3").arg(good).arg(kRuns).arg(firstFailure)));
        // The keys really were typed ahead (before the prompt) in most runs.
        QVERIFY2(beforeOutput >= kRuns / 2,
                 qPrintable(QStringLiteral("only %1 runs typed before output").arg(beforeOutput)));
    }
};

QTEST_MAIN(TestTerminalE2e)
#include "tst_terminal_e2e.moc"
