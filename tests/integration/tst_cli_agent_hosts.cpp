// archnest-cli and push-agent hosts: `hosts` lists the agent hosts the local report store holds
// (next to the hosts file's), and `ps` / `inspect` reach them by their host id, read-only.
// A real archnest-cli process on a real SQLite store in a temporary data dir.
#include "TestSupport.h"
#include "docker/agent/AgentReport.h"
#include "receiver_support.h"
#include "store/AgentReportStore.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace archnest;

class TestCliAgentHosts final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_cli;

    struct Run
    {
        int code = -1;
        QString out;
        QString err;
    };

    Run cli(const QStringList &args) const
    {
        QProcess p;
        p.setProgram(m_cli);
        p.setArguments(QStringList{QStringLiteral("--config-dir"), m_dir.filePath(QStringLiteral("config")),
                                   QStringLiteral("--data-dir"), m_dir.filePath(QStringLiteral("data"))} +
                       args);
        p.start();
        Run r;
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished(5000);
            return r;
        }
        r.code = p.exitCode();
        r.out = QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cli = qEnvironmentVariable("ARCHNEST_BINARY_DIR") + QStringLiteral("/app/archnest-cli");
        QVERIFY2(QFile::exists(m_cli), qPrintable(m_cli));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("config"))));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("data"))));
    }

    void noStoreYet()
    {
        const Run r = cli({QStringLiteral("hosts")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains(QStringLiteral("no agent reports in")), qPrintable(r.err));
        // Listing does not create a store.
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("data/archnest.sqlite"))));
    }

    void listsAndReachesAgentHosts()
    {
        {
            auto opened = store::AgentReportStore::open(
                store::DatabaseLocation::sqlite(m_dir.filePath(QStringLiteral("data/archnest.sqlite"))),
                QStringLiteral("tst-cli-agent-hosts"));
            QVERIFY_RESULT(opened);
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            int n = 0;
            for (const auto &[id, age] : {std::pair{QStringLiteral("vm-fresh"), qint64(1000)},
                                          std::pair{QStringLiteral("vm-old"), qint64(3600 * 1000)}}) {
                store::AgentReportRecord rec;
                rec.hostId = id;
                rec.hostname = id + QStringLiteral(".example");
                rec.receivedAtMs = now - age;
                rec.remoteAddress = QStringLiteral("127.0.0.1");
                rec.containerCount = 3 + n;
                rec.schemaVersion = 1;
                rec.report = test::makeReport(id, 3 + n, id);
                QVERIFY_RESULT(opened.value()->storeReport(rec));
                ++n;
            }
        }

        const Run table = cli({QStringLiteral("hosts")});
        QCOMPARE(table.code, 0);
        QVERIFY2(table.out.contains(QStringLiteral("vm-fresh")) && table.out.contains(QStringLiteral("vm-old")),
                 qPrintable(table.out));
        QVERIFY2(table.out.contains(QStringLiteral("agent")) && table.out.contains(QStringLiteral("read-only")),
                 qPrintable(table.out));
        QVERIFY2(table.out.contains(QStringLiteral(", stale")), qPrintable(table.out));

        const Run json = cli({QStringLiteral("hosts"), QStringLiteral("--json")});
        QCOMPARE(json.code, 0);
        const QJsonArray arr = QJsonDocument::fromJson(json.out.toUtf8()).array();
        QCOMPARE(arr.size(), 2);
        for (const QJsonValue &v : arr) {
            const QJsonObject o = v.toObject();
            QCOMPARE(o.value(QLatin1String("kind")).toString(), QStringLiteral("agent"));
            QVERIFY(o.value(QLatin1String("readOnly")).toBool());
            const bool old = o.value(QLatin1String("name")).toString() == QLatin1String("vm-old");
            QCOMPARE(o.value(QLatin1String("stale")).toBool(), old);
            QCOMPARE(o.value(QLatin1String("containers")).toInt(), old ? 4 : 3);
        }

        // `ps` and `inspect` reach an agent host by its id; actions are refused (read-only).
        const Run ps = cli({QStringLiteral("ps"), QStringLiteral("vm-fresh"), QStringLiteral("--all")});
        QVERIFY2(ps.code == 0, qPrintable(ps.err));
        QVERIFY2(ps.out.contains(QStringLiteral("svc-vm-fresh-0")), qPrintable(ps.out));
        const Run inspect =
            cli({QStringLiteral("inspect"), QStringLiteral("vm-fresh"), QStringLiteral("svc-vm-fresh-1")});
        QVERIFY2(inspect.code == 0, qPrintable(inspect.err));
        QVERIFY2(inspect.out.contains(QStringLiteral("svc-vm-fresh-1")), qPrintable(inspect.out));
        const Run stop = cli({QStringLiteral("stop"), QStringLiteral("vm-fresh"), QStringLiteral("svc-vm-fresh-0")});
        QVERIFY(stop.code != 0);
        QVERIFY2(stop.err.contains(QStringLiteral("read-only")) || stop.err.contains(QStringLiteral("agent")),
                 qPrintable(stop.err));

        // A name neither configured nor in the store is still a clear error.
        const Run unknown = cli({QStringLiteral("ps"), QStringLiteral("vm-nowhere")});
        QVERIFY(unknown.code != 0);
        QVERIFY2(unknown.err.contains(QStringLiteral("vm-nowhere")), qPrintable(unknown.err));
    }
};

QTEST_GUILESS_MAIN(TestCliAgentHosts)
#include "tst_cli_agent_hosts.moc"
