// Closing an exec terminal ends the exec inside the container, on every managed path: Docker
// itself keeps an exec running when its client goes away (the SSH channel closes, the API
// attach is aborted), so ExecStream::terminate() hangs up the exec's processes by their
// ARCHNEST_EXEC_SESSION marker (docker/ExecHangup.h). Real sshd + dockerd fixtures.
#include "Fixtures.h"
#include "TestSupport.h"
#include "config/SourceFactory.h"
#include "docker/ExecHangup.h"
#include "tst_ssh_support.h"

#include <QCoreApplication>
#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace archnest;
using archnest::test::Fixtures;

namespace {

constexpr int kStepTimeoutMs = 30000;
constexpr int kHangupTimeoutMs = 20000;

} // namespace

class TestExecHangup final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    test::FakeUserInteraction m_user; // answers nothing: the host key is already known

    HostConfig host(const QString &path) const
    {
        return test::fixtureManagedHost(path, m_tmp.filePath(QStringLiteral("known_hosts")));
    }

    // How many processes in fx-running run `sleep <marker>` (std::nullopt: the check failed).
    static std::optional<int> countSleeps(ContainerSource *source, const QString &marker)
    {
        std::optional<Result<ExecResult>> got;
        source->execRun(
            QStringLiteral("fx-running"),
            {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("ps | grep -c '[s]leep %1'").arg(marker)},
            [&got](Result<ExecResult> r) { got = std::move(r); });
        if (!QTest::qWaitFor([&] { return got.has_value(); }, kStepTimeoutMs) || !got->ok())
            return std::nullopt;
        bool ok = false;
        const int n = QString::fromUtf8(got->value().out).trimmed().toInt(&ok);
        return ok ? std::optional<int>(n) : std::nullopt;
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

    void tagsAreFreshAndValid()
    {
        const QString a = exechangup::newTag();
        const QString b = exechangup::newTag();
        QVERIFY(exechangup::isValidTag(a));
        QVERIFY(exechangup::isValidTag(b));
        QVERIFY(a != b);
        QVERIFY(!exechangup::isValidTag(QStringLiteral("x'; rm -rf / #")));
        QVERIFY(!exechangup::isValidTag(a.toUpper()));
        // The tag is the only variable part, and it is a positional parameter, not script text.
        const QStringList cmd = exechangup::hangupCommand(a);
        QCOMPARE(cmd.size(), 5);
        QVERIFY(!cmd.at(2).contains(a));
        QCOMPARE(cmd.last(), a);
    }

    void closingTheTerminalEndsTheExec_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("tty");
        QTest::newRow("ssh + docker CLI, tty") << QStringLiteral("ssh") << true;
        QTest::newRow("ssh + docker CLI, no tty") << QStringLiteral("ssh") << false;
        QTest::newRow("engine API unix, tty") << QStringLiteral("api-unix") << true;
        if (Fixtures::instance().has(QStringLiteral("ARCHNEST_FX_DOCKER_TCP")))
            QTest::newRow("engine API tcp, tty") << QStringLiteral("api-tcp") << true;
    }

    void closingTheTerminalEndsTheExec()
    {
        QFETCH(QString, path);
        QFETCH(bool, tty);
        static int serial = 0;
        // A number no other row or test uses, so the process count is ours alone.
        const QString marker = QString::number(4100 + QCoreApplication::applicationPid() % 500 * 10 + serial++);

        config::SourceContext ctx;
        ctx.interaction = &m_user;
        ctx.dataDir = m_tmp.path();
        QObject owner;
        auto created = config::createContainerSource(host(path), ctx, &owner);
        QVERIFY_RESULT(created);
        ContainerSource *source = created.value();

        ExecOptions options;
        options.command = {QStringLiteral("sleep"), marker};
        options.tty = tty;
        QPointer<ExecStream> stream = source->openExec(QStringLiteral("fx-running"), options);
        QVERIFY(stream);
        QSignalSpy started(stream.data(), &ExecStream::started);
        QSignalSpy failed(stream.data(), &ExecStream::failed);
        QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty() || !failed.isEmpty(), kStepTimeoutMs);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));

        // The exec is running in the container (the docker CLI may still be starting it).
        bool running = false;
        for (int attempt = 0; attempt < 40 && !running; ++attempt) {
            running = countSleeps(source, marker) == 1;
            if (!running)
                QTest::qWait(250);
        }
        QVERIFY2(running, "the exec never showed up in the container");

        // What the terminal tab does when it closes.
        stream->terminate();
        stream->deleteLater();

        bool gone = false;
        QElapsedTimer clock;
        clock.start();
        for (int attempt = 0; attempt < 80 && !gone && clock.elapsed() < kHangupTimeoutMs; ++attempt) {
            gone = countSleeps(source, marker) == 0;
            if (!gone)
                QTest::qWait(250);
        }
        QVERIFY2(gone,
                 qPrintable(QStringLiteral("`sleep %1` still runs in the container after terminate()").arg(marker)));

        // The source still works afterwards.
        QCOMPARE(countSleeps(source, marker), std::optional<int>(0));
    }
};

QTEST_GUILESS_MAIN(TestExecHangup)
#include "tst_exec_hangup.moc"
