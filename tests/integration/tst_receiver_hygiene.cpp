// Report hygiene at the receiver (issue 13, findings 4, 6, 7, 10, 11, 13): what a hostile or
// broken agent sends never reaches the store raw. The real receiver over loopback, a real SQLite
// store and the PostgreSQL fixture (QPSQL), and the real archnest-cli reading the SQLite store.
#include "AgentReceiver.h"
#include "Fixtures.h"
#include "TestSupport.h"
#include "receiver_store_support.h"
#include "receiver_support.h"
#include "store/AgentReportStore.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <csignal>

#include <sys/stat.h>

using namespace archnest;
using namespace archnest::test;

namespace {
const QByteArray kToken = "hygiene-ingest-token-0123456789";

QJsonObject firstContainer(const QJsonObject &report)
{
    return report.value(QStringLiteral("containers")).toArray().at(0).toObject();
}

QJsonObject withContainer(QJsonObject report, const QJsonObject &c)
{
    QJsonArray containers = report.value(QStringLiteral("containers")).toArray();
    containers.replace(0, c);
    report.insert(QStringLiteral("containers"), containers);
    return report;
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// A terminal-hostile string: OSC 52 (write the clipboard), clear screen, OSC 0 (set the title), a
// C1 CSI and a BEL.
const QString kHostile = QStringLiteral("a\x1b]52;c;cHduZWQ=\x07\x1b[2J\x1b]0;title\x07\u009b31mz");
} // namespace

class TestReceiverHygiene final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_cli;
    std::unique_ptr<store::AgentReportStore> m_store;
    std::unique_ptr<receiver::AgentReceiver> m_receiver;
    int m_serial = 0;
    QString m_pgUrl; // this test's own database on the PostgreSQL fixture

    void addBackends()
    {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << QStringLiteral("sqlite");
        QTest::newRow("postgres") << QStringLiteral("postgres");
    }

    // A receiver on 127.0.0.1:0 over a store of `backend` (SQLite in <tmp>/data like the CLI's).
    bool start(const QString &backend)
    {
        m_receiver.reset();
        m_store.reset();
        store::DatabaseLocation loc =
            store::DatabaseLocation::sqlite(m_dir.filePath(QStringLiteral("data/archnest.sqlite")));
        if (backend == QLatin1String("postgres")) {
            // A database of this test's own on the fixture's server (tst_store sets schema 99 in
            // its databases while this runs in parallel).
            if (m_pgUrl.isEmpty()) {
                auto url = makePrivatePostgresDatabase(
                    QStringLiteral("archnest_hygiene_%1").arg(QCoreApplication::applicationPid()));
                if (!url) {
                    qWarning() << url.errorMessage();
                    return false;
                }
                m_pgUrl = *url;
            }
            auto pg = store::DatabaseLocation::parse(m_pgUrl);
            if (!pg) {
                qWarning() << pg.errorMessage();
                return false;
            }
            loc = *pg;
        }
        auto s = store::AgentReportStore::open(loc, QStringLiteral("tst-hygiene-%1").arg(++m_serial));
        if (!s) {
            qWarning() << s.errorMessage();
            return false;
        }
        m_store = std::move(s).value();
        receiver::ReceiverConfig c;
        c.ingestToken = kToken;
        c.address = QHostAddress::LocalHost;
        c.port = 0;
        m_receiver = std::make_unique<receiver::AgentReceiver>(c, m_store.get());
        return m_receiver->start().ok();
    }

    HttpReply post(const QByteArray &body) { return exchange(m_receiver->port(), postReport(body, kToken)); }

    QByteArray storedBytes(const QString &hostId)
    {
        auto rec = m_store->latestReport(hostId);
        if (!rec || !rec->has_value())
            return {};
        return (*rec)->report;
    }

    struct Run
    {
        int code = -1;
        QByteArray out;
        QByteArray err;
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
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    static bool hasRawControls(const QByteArray &utf8)
    {
        const QString s = QString::fromUtf8(utf8);
        for (const QChar c : s) {
            if ((c.unicode() < 0x20 && c != u'\n') || (c.unicode() >= 0x7f && c.unicode() <= 0x9f))
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_PG_URL");
        QVERIFY(m_dir.isValid());
        m_cli = qEnvironmentVariable("ARCHNEST_BINARY_DIR") + QStringLiteral("/app/archnest-cli");
        QVERIFY2(QFile::exists(m_cli), qPrintable(m_cli));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("config"))));
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("data"))));
    }

    void cleanup()
    {
        m_receiver.reset();
        m_store.reset();
    }

    // Finding 13: a NUL in any string (or key) is a 400 naming the field. Before, QPSQL (which
    // inlines escaped values) answered 500 "unterminated quoted string".
    void nulIsRefused_data()
    {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("field");
        for (const char *backend : {"sqlite", "postgres"}) {
            for (const auto &[where, field] :
                 {std::pair{"hostname", "hostname"}, std::pair{"status", "containers[0].status"},
                  std::pair{"secret env", "containers[0].env[0].value"},
                  std::pair{"label key", "containers[0].labels.a\\x00b"}, std::pair{"unknown", "extra"}}) {
                QTest::addRow("%s %s", backend, where)
                    << QString::fromLatin1(backend) << QString::fromLatin1(where) << QString::fromLatin1(field);
            }
        }
    }
    void nulIsRefused()
    {
        QFETCH(QString, backend);
        QFETCH(QString, where);
        QFETCH(QString, field);
        QVERIFY(start(backend));
        const QString host = QStringLiteral("nul-%1").arg(backend);
        QJsonObject report = makeReportObject(host, 2);
        QJsonObject c = firstContainer(report);
        const QString nul = QStringLiteral("x") + QChar(u'\0') + QStringLiteral("y");
        if (where == QLatin1String("hostname"))
            report.insert(QStringLiteral("hostname"), nul);
        else if (where == QLatin1String("status"))
            c.insert(QStringLiteral("status"), nul);
        else if (where == QLatin1String("secret env"))
            c.insert(QStringLiteral("env"),
                     QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("DB_PASSWORD")},
                                            {QStringLiteral("value"), nul}}});
        else if (where == QLatin1String("label key"))
            c.insert(QStringLiteral("labels"),
                     QJsonObject{{QStringLiteral("a") + QChar(u'\0') + QStringLiteral("b"), QStringLiteral("v")}});
        else
            report.insert(QStringLiteral("extra"), nul);
        if (where != QLatin1String("hostname") && where != QLatin1String("unknown"))
            report = withContainer(report, c);
        const QByteArray body = compact(report);
        QVERIFY(body.contains("\\u0000"));
        const HttpReply r = post(body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("field")).toString(), field);
        QVERIFY2(r.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("NUL")),
                 r.body.constData());
        QVERIFY(storedBytes(host).isEmpty() || !storedBytes(host).contains("\\u0000"));
        // The store still works (no broken connection or transaction left behind).
        QCOMPARE(post(makeReport(host, 1)).status, 200);
    }

    // Finding 4: control characters in identifiers are refused at ingest.
    void controlCharsInIdentifiersAreRefused_data()
    {
        QTest::addColumn<QString>("field");
        QTest::newRow("hostname") << QStringLiteral("hostname");
        QTest::newRow("image") << QStringLiteral("containers[0].image");
        QTest::newRow("imageId") << QStringLiteral("containers[0].imageId");
        QTest::newRow("name") << QStringLiteral("containers[0].name");
        QTest::newRow("network") << QStringLiteral("containers[0].networks[0].name");
        QTest::newRow("env key") << QStringLiteral("containers[0].env[0].key");
        QTest::newRow("label key") << QStringLiteral("containers[0].labels.k\\x1b[2J");
    }
    void controlCharsInIdentifiersAreRefused()
    {
        QFETCH(QString, field);
        QVERIFY(start(QStringLiteral("sqlite")));
        const QString host =
            QStringLiteral("ctl-%1").arg(QString::fromLatin1(QTest::currentDataTag())).replace(QLatin1Char(' '), u'-');
        QJsonObject report = makeReportObject(host, 1);
        QJsonObject c = firstContainer(report);
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        if (tag == QLatin1String("hostname")) {
            report.insert(QStringLiteral("hostname"), kHostile);
        } else if (tag == QLatin1String("image") || tag == QLatin1String("imageId") || tag == QLatin1String("name")) {
            c.insert(tag, kHostile);
        } else if (tag == QLatin1String("network")) {
            c.insert(QStringLiteral("networks"), QJsonArray{QJsonObject{{QStringLiteral("name"), kHostile}}});
        } else if (tag == QLatin1String("env key")) {
            c.insert(QStringLiteral("env"), QJsonArray{QJsonObject{{QStringLiteral("key"), kHostile},
                                                                   {QStringLiteral("value"), QStringLiteral("v")}}});
        } else {
            c.insert(QStringLiteral("labels"), QJsonObject{{QStringLiteral("k\x1b[2J"), QStringLiteral("v")}});
        }
        report = withContainer(report, c);
        const HttpReply r = post(compact(report));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("field")).toString(), field);
        QVERIFY(storedBytes(host).isEmpty());
    }

    // Finding 4: the same characters in values (env, labels, command, status) are data: stored,
    // and printed escaped by `archnest-cli ps` / `inspect` / `hosts` (JSON output stays exact).
    void controlCharsInValuesArePrintedEscaped()
    {
        QVERIFY(start(QStringLiteral("sqlite")));
        const QString host = QStringLiteral("vm-escape");
        QJsonObject report = makeReportObject(host, 1);
        QJsonObject c = firstContainer(report);
        c.insert(QStringLiteral("name"), QStringLiteral("web"));
        c.insert(QStringLiteral("status"), QString(QStringLiteral("Up ") + kHostile));
        c.insert(QStringLiteral("command"), QString(QStringLiteral("/bin/app ") + kHostile));
        c.insert(QStringLiteral("labels"), QJsonObject{{QStringLiteral("note"), kHostile}});
        c.insert(QStringLiteral("env"), QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("GREETING")},
                                                               {QStringLiteral("value"), kHostile},
                                                               {QStringLiteral("masked"), false}}});
        QCOMPARE(post(compact(withContainer(report, c))).status, 200);
        // A row written before hostnames were checked (or by another writer): `hosts` escapes it.
        store::AgentReportRecord old;
        old.hostId = QStringLiteral("vm-old-row");
        old.hostname = kHostile;
        old.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
        old.remoteAddress = QStringLiteral("127.0.0.1");
        old.containerCount = 1;
        old.schemaVersion = 1;
        old.report = makeReport(old.hostId, 1);
        QVERIFY_RESULT(m_store->storeReport(old));

        const QByteArray escaped = "a\\x1b]52;c;cHduZWQ=\\x07\\x1b[2J\\x1b]0;title\\x07\\x9b31mz";
        const Run ps = cli({QStringLiteral("ps"), host, QStringLiteral("--all")});
        QVERIFY2(ps.code == 0, ps.err.constData());
        QVERIFY2(!hasRawControls(ps.out), ps.out.toHex().constData());
        QVERIFY2(ps.out.contains(QByteArray("Up " + escaped)), ps.out.constData());

        const Run inspect = cli({QStringLiteral("inspect"), host, QStringLiteral("web")});
        QVERIFY2(inspect.code == 0, inspect.err.constData());
        QVERIFY2(!hasRawControls(inspect.out), inspect.out.toHex().constData());
        QVERIFY2(inspect.out.contains(QByteArray("GREETING=" + escaped)), inspect.out.constData());
        QVERIFY2(inspect.out.contains(QByteArray("note=" + escaped)), inspect.out.constData());
        QVERIFY2(inspect.out.contains(QByteArray("/bin/app " + escaped)), inspect.out.constData());

        const Run hosts = cli({QStringLiteral("hosts")});
        QVERIFY2(hosts.code == 0, hosts.err.constData());
        QVERIFY2(!hasRawControls(hosts.out), hosts.out.toHex().constData());
        QVERIFY2(hosts.out.contains(QByteArray("agent " + escaped)), hosts.out.constData());

        // JSON output is exact: the same values, with every control as a \\u escape.
        const Run json = cli({QStringLiteral("inspect"), host, QStringLiteral("web"), QStringLiteral("--json")});
        QVERIFY2(json.code == 0, json.err.constData());
        QVERIFY(!hasRawControls(json.out));
        QVERIFY(json.out.contains("\\u001b]52;c;"));
        QVERIFY(json.out.contains("\\u009b31mz")); // C1 too, though JSON would allow it raw
        QVERIFY(QJsonDocument::fromJson(json.out).object().value(QStringLiteral("env")).isArray());
    }

    // Finding 6 (receiver side, an agent that did not mask): masked by name and by value before
    // anything is stored.
    void secretsAreMaskedByNameAndValue_data() { addBackends(); }
    void secretsAreMaskedByNameAndValue()
    {
        QFETCH(QString, backend);
        QVERIFY(start(backend));
        const QString host = QStringLiteral("secrets-%1").arg(backend);
        QJsonObject report = makeReportObject(host, 1);
        QJsonObject c = firstContainer(report);
        auto env = [](const char *k, const char *v) {
            return QJsonObject{{QStringLiteral("key"), QString::fromLatin1(k)},
                               {QStringLiteral("value"), QString::fromLatin1(v)},
                               {QStringLiteral("masked"), false}};
        };
        c.insert(QStringLiteral("env"), QJsonArray{env("DATABASE_URL", "postgres://app:S3cretPw@db:5432/app"),
                                                   env("MYSQL_PWD", "MyPwd1"), env("API_AUTH", "AuthVal2"),
                                                   env("REDIS_DSN", "redis://:DsnPw3@cache:6379/0"), env("TZ", "UTC")});
        c.insert(QStringLiteral("command"), QStringLiteral("/bin/app --password=TopSecret4 --api-token TokVal5 -v"));
        c.insert(QStringLiteral("cmd"), QJsonArray{QStringLiteral("--secret"), QStringLiteral("CmdSecret6"),
                                                   QStringLiteral("--db=mysql://u:CmdPw7@h/x")});
        c.insert(QStringLiteral("labels"),
                 QJsonObject{{QStringLiteral("traefik.http.middlewares.a.basicauth.users"),
                              QStringLiteral("admin:$apr1$H6uskkkW$HashVal8/")},
                             {QStringLiteral("org.opencontainers.image.authors"), QStringLiteral("ops team")}});
        QCOMPARE(post(compact(withContainer(report, c))).status, 200);
        const QByteArray stored = storedBytes(host);
        QVERIFY(!stored.isEmpty());
        for (const char *secret :
             {"S3cretPw", "MyPwd1", "AuthVal2", "DsnPw3", "TopSecret4", "TokVal5", "CmdSecret6", "CmdPw7", "HashVal8"})
            QVERIFY2(!stored.contains(secret), secret);
        const QJsonObject sc = firstContainer(QJsonDocument::fromJson(stored).object());
        QHash<QString, QJsonObject> e;
        for (const QJsonValue &v : sc.value(QStringLiteral("env")).toArray())
            e.insert(v[QStringLiteral("key")].toString(), v.toObject());
        QCOMPARE(e[QStringLiteral("DATABASE_URL")][QStringLiteral("value")].toString(),
                 QStringLiteral("postgres://app:********@db:5432/app"));
        QCOMPARE(e[QStringLiteral("REDIS_DSN")][QStringLiteral("value")].toString(),
                 QStringLiteral("redis://:********@cache:6379/0"));
        QCOMPARE(e[QStringLiteral("MYSQL_PWD")][QStringLiteral("value")].toString(), QStringLiteral("********"));
        QCOMPARE(e[QStringLiteral("API_AUTH")][QStringLiteral("value")].toString(), QStringLiteral("********"));
        QCOMPARE(e[QStringLiteral("TZ")][QStringLiteral("value")].toString(), QStringLiteral("UTC"));
        QCOMPARE(e[QStringLiteral("TZ")][QStringLiteral("masked")].toBool(), false);
        QCOMPARE(sc.value(QStringLiteral("command")).toString(),
                 QStringLiteral("/bin/app --password=******** --api-token ******** -v"));
        QCOMPARE(sc.value(QStringLiteral("cmd")).toArray(),
                 (QJsonArray{QStringLiteral("--secret"), QStringLiteral("********"),
                             QStringLiteral("--db=mysql://u:********@h/x")}));
        QCOMPARE(sc.value(QStringLiteral("labels"))[QStringLiteral("org.opencontainers.image.authors")].toString(),
                 QStringLiteral("ops team"));
    }

    // Finding 10: a duplicate key never leaves the hidden value in the stored row (the receiver
    // stores the re-serialised, validated document, never the raw body).
    void duplicateKeysNeverStoreTheHiddenValue_data() { addBackends(); }
    void duplicateKeysNeverStoreTheHiddenValue()
    {
        QFETCH(QString, backend);
        QVERIFY(start(backend));
        const QString host = QStringLiteral("dup-%1").arg(backend);
        QByteArray body = makeReport(host, 1);
        const QByteArray env = "\"env\":[";
        QVERIFY(body.contains(env));
        body.replace(env,
                     QByteArray(env + R"({"key":"DB_PASSWORD","value":"hunter2","masked":true,"value":"********"},)"
                                      R"({"key":"TZ","value":"hunter3","masked":false,"value":"UTC"},)"));
        const HttpReply r = post(body);
        QVERIFY2(r.status == 200 || r.status == 400, r.body.constData());
        const QByteArray stored = storedBytes(host);
        QVERIFY(!stored.contains("hunter2"));
        QVERIFY(!stored.contains("hunter3"));
        if (r.status == 200) {
            const QJsonArray e =
                firstContainer(QJsonDocument::fromJson(stored).object()).value(QStringLiteral("env")).toArray();
            QCOMPARE(e.at(0)[QStringLiteral("value")].toString(), QStringLiteral("********"));
        }
    }

    // Finding 7: one huge value is cut (marked), the report is accepted.
    void hugeValuesAreCutNotRefused()
    {
        QVERIFY(start(QStringLiteral("sqlite")));
        const QString host = QStringLiteral("huge");
        QJsonObject report = makeReportObject(host, 2);
        QJsonObject c = firstContainer(report);
        const QString huge = QStringLiteral("postgres://u:HugePw9@h/") + QString(70 * 1024, QLatin1Char('y'));
        c.insert(QStringLiteral("env"), QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("BIG_URL")},
                                                               {QStringLiteral("value"), huge},
                                                               {QStringLiteral("masked"), false}}});
        c.insert(QStringLiteral("command"), QString(70 * 1024, QLatin1Char('c')));
        c.insert(QStringLiteral("labels"), QJsonObject{{QStringLiteral("big"), QString(70 * 1024, QLatin1Char('l'))}});
        const HttpReply r = post(compact(withContainer(report, c)));
        QVERIFY2(r.status == 200, r.body.constData());
        QCOMPARE(r.json().value(QStringLiteral("containers")).toInt(), 2);
        const QByteArray stored = storedBytes(host);
        QVERIFY(!stored.contains("HugePw9"));
        const QJsonObject sc = firstContainer(QJsonDocument::fromJson(stored).object());
        const QJsonObject e = sc.value(QStringLiteral("env")).toArray().at(0).toObject();
        QCOMPARE(e.value(QStringLiteral("value")).toString().size(), 8192);
        QVERIFY(e.value(QStringLiteral("value")).toString().startsWith(QStringLiteral("postgres://u:********@h/yyy")));
        QVERIFY(e.value(QStringLiteral("value")).toString().endsWith(QStringLiteral("y...[truncated]")));
        QVERIFY(e.value(QStringLiteral("truncated")).toBool());
        QCOMPARE(sc.value(QStringLiteral("command")).toString().size(), 8192);
        QCOMPARE(sc.value(QStringLiteral("labels"))[QStringLiteral("big")].toString().size(), 8192);
        QVERIFY(sc.value(QStringLiteral("command")).toString().endsWith(QStringLiteral("...[truncated]")));
    }

    // Finding 11: whole numbers beyond 2^53 (or negative where a size is meant) are refused
    // with the field and the range; nothing is ever printed negative.
    void hugeIntegersAreRefused_data()
    {
        QTest::addColumn<QByteArray>("number");
        QTest::newRow("int64 max") << QByteArray("9223372036854775807");
        QTest::newRow("2^53 + 2") << QByteArray("9007199254740994");
        QTest::newRow("1e300") << QByteArray("1e300");
        QTest::newRow("negative") << QByteArray("-1");
    }
    void hugeIntegersAreRefused()
    {
        QFETCH(QByteArray, number);
        QVERIFY(start(QStringLiteral("sqlite")));
        const QString host = QStringLiteral("bigint");
        QByteArray body = makeReport(host, 1);
        QVERIFY(body.contains("\"memoryBytes\":5347737"));
        body.replace("\"memoryBytes\":5347737", QByteArray("\"memoryBytes\":" + number));
        const HttpReply r = post(body);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.json().value(QStringLiteral("field")).toString(), QStringLiteral("containers[0].stats.memoryBytes"));
        QVERIFY2(r.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("[0, 9007199254740992]")),
                 r.body.constData());
        // 2^53 itself is still exact and accepted.
        body = makeReport(host, 1).replace("\"memoryBytes\":5347737", "\"memoryBytes\":9007199254740992");
        QCOMPARE(post(body).status, 200);
    }

    // Finding 6: the SQLite store was created 0644 in a 0755 data dir. Now: a new data dir 0700,
    // the database and its WAL 0600, whatever the umask.
    void sqliteStoreIsPrivate()
    {
        const QString dir = m_dir.filePath(QStringLiteral("private/data"));
        const mode_t old = ::umask(0022);
        auto s =
            store::AgentReportStore::open(store::DatabaseLocation::sqlite(dir + QStringLiteral("/archnest.sqlite")),
                                          QStringLiteral("tst-hygiene-private"));
        ::umask(old);
        QVERIFY_RESULT(s);
        store::AgentReportRecord rec;
        rec.hostId = QStringLiteral("vm-private");
        rec.hostname = rec.hostId;
        rec.remoteAddress = QStringLiteral("127.0.0.1");
        rec.schemaVersion = 1;
        rec.report = makeReport(rec.hostId, 1);
        QVERIFY_RESULT(s.value()->storeReport(rec));
        const auto mode = [](const QString &path) {
            struct stat st
            {};
            return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
        };
        QCOMPARE(mode(dir), 0700);
        QCOMPARE(mode(dir + QStringLiteral("/archnest.sqlite")), 0600);
        QCOMPARE(mode(dir + QStringLiteral("/archnest.sqlite-wal")), 0600);
    }

    // The same through the real `archnest-cli receive` (which creates the data dir first): a new
    // data dir is 0700 and the store in it 0600.
    void receiverDataDirIsPrivate()
    {
        const QString dataDir = m_dir.filePath(QStringLiteral("receive-data"));
        const QString tokenFile = m_dir.filePath(QStringLiteral("receive-token"));
        QFile t(tokenFile);
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write("receive-hygiene-token-0123456789abcdefghijklmnop\n");
        t.close();
        QVERIFY(t.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        QProcess p;
        p.setProgram(m_cli);
        p.setArguments({QStringLiteral("--data-dir"), dataDir, QStringLiteral("receive"), QStringLiteral("--listen"),
                        QStringLiteral("127.0.0.1:0"), QStringLiteral("--token-file"), tokenFile});
        p.start();
        QVERIFY(p.waitForStarted(10000));
        QByteArray out;
        (void)QTest::qWaitFor(
            [&] {
                out += p.readAllStandardOutput();
                return p.state() != QProcess::Running || out.contains("listening on");
            },
            20000);
        const auto mode = [](const QString &path) {
            struct stat st
            {};
            return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
        };
        const int dirMode = mode(dataDir);
        const int fileMode = mode(dataDir + QStringLiteral("/archnest.sqlite"));
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(10000));
        QVERIFY2(out.contains("listening on"), QByteArray(out + p.readAllStandardError()).constData());
        QCOMPARE(dirMode, 0700);
        QCOMPARE(fileMode, 0600);
    }
};

QTEST_GUILESS_MAIN(TestReceiverHygiene)
#include "tst_receiver_hygiene.moc"
