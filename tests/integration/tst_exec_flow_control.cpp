// Flow control of exec streams (ExecStream::setReadPaused) on the real paths: while paused, the
// stream stops reading and the container's writer blocks (SSH channel window, socket buffers),
// so a consumer that cannot keep up holds memory bounded; resuming delivers every byte.
// Real sshd + dockerd fixtures.
#include "Fixtures.h"
#include "TestSupport.h"
#include "config/SourceFactory.h"
#include "tst_ssh_support.h"

#include <QElapsedTimer>
#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace archnest;
using archnest::test::Fixtures;

namespace {

constexpr int kStepTimeoutMs = 30000;
constexpr qint64 kTotalBytes = 24 * 1000 * 1000;
// What may still arrive after the pause: the transport's buffers (SSH window ~1.2 MB, socket
// buffers, the docker CLI's and dockerd's copy buffers) - far below the total.
constexpr qint64 kMaxWhilePaused = 12 * 1000 * 1000;

} // namespace

class TestExecFlowControl final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    test::FakeUserInteraction m_user; // answers nothing: the host key is already known

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DOCKER_SOCK");
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_TARGET_PORT");
        QVERIFY(m_tmp.isValid());
        QVERIFY(
            QFile::copy(test::fxValue("ARCHNEST_FX_SSH_KNOWN_HOSTS"), m_tmp.filePath(QStringLiteral("known_hosts"))));
    }

    void pauseHoldsAndResumeDeliversEverything_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("tty");
        QTest::newRow("ssh + docker CLI, no tty") << QStringLiteral("ssh") << false;
        QTest::newRow("ssh + docker CLI, tty") << QStringLiteral("ssh") << true;
        QTest::newRow("engine API unix, no tty") << QStringLiteral("api-unix") << false;
        if (Fixtures::instance().has(QStringLiteral("ARCHNEST_FX_DOCKER_TCP")))
            QTest::newRow("engine API tcp, tty") << QStringLiteral("api-tcp") << true;
    }

    void pauseHoldsAndResumeDeliversEverything()
    {
        QFETCH(QString, path);
        QFETCH(bool, tty);
        config::SourceContext ctx;
        ctx.interaction = &m_user;
        ctx.dataDir = m_tmp.path();
        QObject owner;
        auto created = config::createContainerSource(
            test::fixtureManagedHost(path, m_tmp.filePath(QStringLiteral("known_hosts"))), ctx, &owner);
        QVERIFY_RESULT(created);

        ExecOptions options;
        options.command = {QStringLiteral("sh"), QStringLiteral("-c"),
                           QStringLiteral("head -c %1 /dev/zero | tr '\\000' a").arg(kTotalBytes)};
        options.tty = tty;
        options.interactive = false;
        QPointer<ExecStream> stream = created.value()->openExec(QStringLiteral("fx-running"), options);
        QVERIFY(stream);
        stream->setReadPaused(true); // before it even starts: nothing may be read beyond the buffers
        qint64 received = 0;
        qint64 other = 0;
        connect(stream.data(), &ExecStream::dataReceived, this, [&](const QByteArray &data) {
            received += data.count('a');
            other += data.size() - data.count('a');
        });
        QSignalSpy started(stream.data(), &ExecStream::started);
        QSignalSpy finished(stream.data(), &ExecStream::finished);
        QSignalSpy failed(stream.data(), &ExecStream::failed);
        QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty() || !failed.isEmpty(), kStepTimeoutMs);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));

        // Paused: what was in flight arrives, then nothing more, and the writer is blocked.
        QTest::qWait(2000);
        const qint64 first = received;
        QTest::qWait(1000);
        QCOMPARE(received, first);
        QVERIFY2(first <= kMaxWhilePaused, qPrintable(QStringLiteral("%1 bytes arrived while paused").arg(first)));
        QVERIFY(finished.isEmpty());
        qInfo("%s: %lld bytes arrived while paused", qPrintable(path), first);

        // Pause and resume a few times mid-stream, then let it run to the end.
        stream->setReadPaused(false);
        QTRY_VERIFY_WITH_TIMEOUT(received > first, kStepTimeoutMs);
        stream->setReadPaused(true); // mid-stream: in-flight data lands, then it holds again
        QTest::qWait(1500);
        const qint64 held = received;
        QTest::qWait(700);
        if (finished.isEmpty())
            QCOMPARE(received, held);
        stream->setReadPaused(false);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 120000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(finished.first().first().toInt(), 0);
        QCOMPARE(received, kTotalBytes);
        QVERIFY2(other <= 4, qPrintable(QStringLiteral("%1 unexpected bytes").arg(other)));
    }
};

QTEST_GUILESS_MAIN(TestExecFlowControl)
#include "tst_exec_flow_control.moc"
