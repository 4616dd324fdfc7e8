// archnest-cli ping end to end on the real sshd fixture: the exact --json shape, the human
// output, a host behind the jump host, usage errors, a host that is not SSH, and a host that
// refuses the connection (a closed loopback port): a clear error and a non-zero exit.
#include "Fixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using archnest::test::Fixtures;
using archnest::test::ProcessOutput;

namespace {

QString fx(const char *key)
{
    return Fixtures::instance().value(QString::fromLatin1(key));
}

// A loopback port nobody listens on: bound (by the kernel's choice), then released.
int closedLoopbackPort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost, 0))
        return 0;
    const int port = s.serverPort();
    s.close();
    return port;
}

} // namespace

class TestCliPing final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_configDir;
    int m_closedPort = 0;

    ProcessOutput cli(const QStringList &args, int timeoutMs = 120000) const
    {
        QStringList all{QStringLiteral("--config-dir"), m_configDir};
        all << args;
        return Fixtures::run(QStringLiteral(ARCHNEST_CLI_PATH), all, timeoutMs);
    }

    // Checks the exact --json shape and returns the object.
    static QJsonObject checkJson(const ProcessOutput &r, int count)
    {
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
        [&] { QVERIFY2(doc.isObject(), r.out.constData()); }();
        const QJsonObject o = doc.object();
        QStringList keys = o.keys();
        keys.sort();
        [&] {
            QCOMPARE(keys,
                     (QStringList{QStringLiteral("connectMs"), QStringLiteral("count"), QStringLiteral("rttMs")}));
        }();
        const QJsonObject rtt = o.value(QStringLiteral("rttMs")).toObject();
        QStringList rttKeys = rtt.keys();
        rttKeys.sort();
        [&] {
            QCOMPARE(rttKeys, (QStringList{QStringLiteral("max"), QStringLiteral("median"), QStringLiteral("min"),
                                           QStringLiteral("p90")}));
            QVERIFY(o.value(QStringLiteral("connectMs")).isDouble());
            QVERIFY(o.value(QStringLiteral("connectMs")).toDouble() > 0);
            QCOMPARE(o.value(QStringLiteral("count")).toInt(-1), count);
            const double mn = rtt.value(QStringLiteral("min")).toDouble(-1);
            const double med = rtt.value(QStringLiteral("median")).toDouble(-1);
            const double p90 = rtt.value(QStringLiteral("p90")).toDouble(-1);
            const double mx = rtt.value(QStringLiteral("max")).toDouble(-1);
            QVERIFY2(mn > 0 && mn <= med && med <= p90 && p90 <= mx, r.out.constData());
        }();
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_TARGET_PORT");
        QVERIFY(m_tmp.isValid());
        m_configDir = m_tmp.filePath(QStringLiteral("config"));
        QVERIFY(QDir().mkpath(m_configDir));
        const Fixtures &f = Fixtures::instance();
        auto endpoint = [&](int port) {
            return QJsonObject{
                {QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                {QStringLiteral("port"), port},
                {QStringLiteral("user"), f.sshUser()},
                {QStringLiteral("auth"), QJsonObject{{QStringLiteral("identityFile"), fx("ARCHNEST_FX_SSH_KEY")},
                                                     {QStringLiteral("useAgent"), false}}}};
        };
        auto sshHost = [&](const QString &name, int port) {
            QJsonObject h = endpoint(port);
            h.insert(QStringLiteral("name"), name);
            h.insert(QStringLiteral("kind"), QStringLiteral("ssh"));
            h.insert(QStringLiteral("knownHostsFile"), fx("ARCHNEST_FX_SSH_KNOWN_HOSTS"));
            return h;
        };
        m_closedPort = closedLoopbackPort();
        QVERIFY(m_closedPort > 0);
        QJsonObject jumped = sshHost(QStringLiteral("fx-jumped"), f.sshTargetPort());
        jumped.insert(QStringLiteral("jumps"), QJsonArray{endpoint(f.sshJumpPort())});
        const QJsonArray hosts{
            sshHost(QStringLiteral("fx-target"), f.sshTargetPort()), jumped,
            sshHost(QStringLiteral("fx-closed"), m_closedPort),
            QJsonObject{{QStringLiteral("name"), QStringLiteral("fx-api")},
                        {QStringLiteral("kind"), QStringLiteral("docker-api")},
                        {QStringLiteral("url"), QString(QStringLiteral("unix://") + f.dockerSocket())}}};
        QFile file(m_configDir + QStringLiteral("/hosts.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("hosts"), hosts}}).toJson());
    }

    void jsonShape_data()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("direct") << QStringLiteral("fx-target");
        QTest::newRow("via jump") << QStringLiteral("fx-jumped");
    }
    void jsonShape()
    {
        QFETCH(QString, host);
        const auto r = cli(
            {QStringLiteral("ping"), host, QStringLiteral("--count"), QStringLiteral("5"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        checkJson(r, 5);
        // One line of JSON and nothing else on stdout, keys in the documented order.
        QCOMPARE(r.out.trimmed().count('\n'), 0);
        static const QRegularExpression order(QStringLiteral(
            R"(^\{"connectMs":[0-9.]+,"rttMs":\{"min":[0-9.]+,"median":[0-9.]+,"p90":[0-9.]+,"max":[0-9.]+\},"count":5\}$)"));
        QVERIFY2(order.match(QString::fromUtf8(r.out.trimmed())).hasMatch(), r.out.constData());
    }

    void humanOutput()
    {
        const auto r = cli({QStringLiteral("ping"), QStringLiteral("fx-target"), QStringLiteral("--count=3")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(QStringLiteral("connected in ")), qPrintable(out));
        QCOMPARE(out.count(QStringLiteral("seq=")), 3);
        QVERIFY2(out.contains(QStringLiteral("rtt min/median/p90/max = ")), qPrintable(out));
    }

    void defaultCountIsTen()
    {
        const auto r = cli({QStringLiteral("ping"), QStringLiteral("fx-target"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        checkJson(r, 10);
    }

    void refusedHostIsAClearError()
    {
        const auto r = cli({QStringLiteral("ping"), QStringLiteral("fx-closed"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.startsWith(QStringLiteral("archnest-cli ping: could not connect to ")), qPrintable(err));
        QVERIFY2(err.contains(QString::number(m_closedPort)), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("Check the address")), qPrintable(err));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no host") << QStringList{};
        QTest::newRow("two hosts") << QStringList{QStringLiteral("a"), QStringLiteral("b")};
        QTest::newRow("count 0") << QStringList{QStringLiteral("fx-target"), QStringLiteral("--count"),
                                                QStringLiteral("0")};
        QTest::newRow("count text") << QStringList{QStringLiteral("fx-target"), QStringLiteral("--count=x")};
        QTest::newRow("unknown flag") << QStringList{QStringLiteral("fx-target"), QStringLiteral("--fast")};
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        const auto r = cli(QStringList{QStringLiteral("ping")} << args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("Usage: archnest-cli ping HOST"), r.err.constData());
    }

    void notAnSshHost()
    {
        const auto r = cli({QStringLiteral("ping"), QStringLiteral("fx-api")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("ping measures SSH hosts"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliPing)
#include "tst_cli_ping.moc"
