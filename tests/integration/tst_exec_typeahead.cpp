// Type-ahead in exec: input sent before the exec is ready (`stty size` first) reaches the
// container only once its PTY exists and has the terminal's size, over SSH (the docker CLI on a
// remote PTY) and over the Engine API (tcp://):
// - `archnest-cli exec` on a real PTY from util-linux `script`, sized with stty before the CLI
//   starts, the keys piped in at once;
// - an ExecStream used like the terminal tab does: keys written and the PTY resized right after
//   openExec(), before any output.
// 20 runs per path, all correct.
#include "Fixtures.h"
#include "TestSupport.h"
#include "config/SourceFactory.h"
#include "tst_ssh_support.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace archnest;
using archnest::test::Fixtures;
using archnest::test::ProcessOutput;

namespace {

constexpr int kRuns = 20;

QString fx(const char *key)
{
    return Fixtures::instance().value(QString::fromLatin1(key));
}

// Quotes one word for `sh -c` (script runs its command through the shell).
QString shellQuote(const QString &s)
{
    QString q = s;
    q.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

} // namespace

class TestExecTypeAhead final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_configDir;
    QString m_container;
    test::FakeUserInteraction m_user; // answers nothing: the host key is already known

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_TARGET_PORT");
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DOCKER_TCP");
        QVERIFY(m_tmp.isValid());
        m_configDir = m_tmp.filePath(QStringLiteral("config"));
        QVERIFY(QDir().mkpath(m_configDir));
        const Fixtures &f = Fixtures::instance();
        const QJsonObject host{
            {QStringLiteral("name"), QStringLiteral("fx-target")},
            {QStringLiteral("kind"), QStringLiteral("ssh")},
            {QStringLiteral("host"), QStringLiteral("127.0.0.1")},
            {QStringLiteral("port"), f.sshTargetPort()},
            {QStringLiteral("user"), f.sshUser()},
            {QStringLiteral("knownHostsFile"), fx("ARCHNEST_FX_SSH_KNOWN_HOSTS")},
            {QStringLiteral("auth"), QJsonObject{{QStringLiteral("identityFile"), fx("ARCHNEST_FX_SSH_KEY")},
                                                 {QStringLiteral("useAgent"), false}}}};
        QFile file(m_configDir + QStringLiteral("/hosts.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("hosts"), QJsonArray{host}}})
                .toJson());
        file.close();
        QVERIFY(QFile::copy(fx("ARCHNEST_FX_SSH_KNOWN_HOSTS"), m_tmp.filePath(QStringLiteral("known_hosts"))));
        m_container = Fixtures::uniqueName(QStringLiteral("typeahead"));
        const auto r = f.docker({QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"),
                                 QStringLiteral("none"), QStringLiteral("--name"), m_container, f.image(),
                                 QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("exec sleep 3600")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void cleanupTestCase()
    {
        if (!m_container.isEmpty())
            Fixtures::instance().docker({QStringLiteral("rm"), QStringLiteral("-f"), m_container});
    }

    void stdinTypedAheadReachesASizedPty_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("ssh") << QStringLiteral("fx-target");
        QTest::newRow("api tcp") << fx("ARCHNEST_FX_DOCKER_TCP");
    }
    void stdinTypedAheadReachesASizedPty()
    {
        QFETCH(QString, host);
        QStringList quoted;
        for (const QString &w : {QStringLiteral(ARCHNEST_CLI_PATH), QStringLiteral("--config-dir"), m_configDir,
                                 QStringLiteral("exec"), host, m_container})
            quoted << shellQuote(w);
        const QString inner = QStringLiteral("stty cols 100 rows 30; ") + quoted.join(QLatin1Char(' '));
        const QByteArray typed = "stty size\necho $((6*7))\nexit 3\n";
        const QRegularExpression size(QStringLiteral("^30 100$"), QRegularExpression::MultilineOption);
        const QRegularExpression answer(QStringLiteral("^42$"), QRegularExpression::MultilineOption);
        int good = 0;
        QStringList failures;
        for (int i = 0; i < kRuns; ++i) {
            // script: a real PTY for the CLI; -e: its exit code; the log goes nowhere.
            const ProcessOutput r = Fixtures::run(
                QStringLiteral("script"), {QStringLiteral("-qec"), inner, QStringLiteral("/dev/null")}, 60000, typed);
            const QString out = QString::fromUtf8(r.out).remove(QLatin1Char('\r'));
            if (r.exitCode == 3 && size.match(out).hasMatch() && answer.match(out).hasMatch())
                ++good;
            else
                failures
                    << QStringLiteral("run %1: exit %2, output:\n%3").arg(i + 1).arg(r.exitCode).arg(out.right(400));
        }
        QVERIFY2(good == kRuns, qPrintable(QStringLiteral("%1 of %2 runs correct; first failure: %3")
                                               .arg(good)
                                               .arg(kRuns)
                                               .arg(failures.value(0))));
    }

    void keysAndResizeBeforeFirstOutput_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("ssh") << QStringLiteral("ssh");
        QTest::newRow("api tcp") << QStringLiteral("api-tcp");
    }
    void keysAndResizeBeforeFirstOutput()
    {
        QFETCH(QString, path);
        config::SourceContext ctx;
        ctx.interaction = &m_user;
        ctx.dataDir = m_tmp.path();
        QObject owner;
        auto created = config::createContainerSource(
            test::fixtureManagedHost(path, m_tmp.filePath(QStringLiteral("known_hosts"))), ctx, &owner);
        QVERIFY_RESULT(created);
        ContainerSource *source = created.value();
        int good = 0;
        QStringList failures;
        for (int i = 0; i < kRuns; ++i) {
            ExecOptions options;
            options.command = {QStringLiteral("sh")};
            options.tty = true;
            options.interactive = true;
            options.cols = 80;
            options.rows = 24;
            QPointer<ExecStream> stream = source->openExec(m_container, options);
            QVERIFY(stream);
            QByteArray out;
            std::optional<int> exitCode;
            QString failure;
            connect(stream, &ExecStream::dataReceived, this, [&out](const QByteArray &d, OutputChannel) { out += d; });
            connect(stream, &ExecStream::finished, this, [&exitCode](int code) { exitCode = code; });
            connect(stream, &ExecStream::failed, this, [&failure](const QString &m) { failure = m; });
            // Like the terminal tab: the view gets its real size and the user types at once.
            stream->resize(100, 30);
            stream->write("stty size\necho $((6*7))\nexit 3\n");
            const bool ended = QTest::qWaitFor([&] { return exitCode.has_value() || !failure.isEmpty(); }, 60000);
            const QString text = QString::fromUtf8(out).remove(QLatin1Char('\r'));
            if (ended && exitCode == 3 && text.contains(QStringLiteral("\n30 100\n")) &&
                text.contains(QStringLiteral("\n42\n")))
                ++good;
            else
                failures << QStringLiteral("run %1: %2, output:\n%3")
                                .arg(i + 1)
                                .arg(!ended              ? QStringLiteral("no end in time")
                                     : failure.isEmpty() ? QStringLiteral("exit %1").arg(exitCode.value_or(-1))
                                                         : failure)
                                .arg(text.right(400));
            if (stream)
                stream->terminate();
            delete stream.data();
        }
        QVERIFY2(good == kRuns, qPrintable(QStringLiteral("%1 of %2 runs correct; first failure: %3")
                                               .arg(good)
                                               .arg(kRuns)
                                               .arg(failures.value(0))));
    }
};

QTEST_GUILESS_MAIN(TestExecTypeAhead)
#include "tst_exec_typeahead.moc"
