// archnest-cli end to end on the real fixtures: ps, ps --json, inspect --json, logs --tail, every
// action, exec (batch and, through `script`, interactive on a PTY), stats, hosts - on an SSH host
// reached directly and one behind the jump host, each named in a hosts file (temp --config-dir)
// and given as an ssh:// URL resolved through a temp --ssh-config file. Plus exit codes for
// usage and operational errors, and injection refused before anything runs.
#include "Fixtures.h"
#include "docker/sshcli/LogLineMerger.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace archnest;
using archnest::test::Fixtures;
using archnest::test::ProcessOutput;

namespace {

QString fx(const char *key)
{
    return Fixtures::instance().value(QString::fromLatin1(key));
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(data);
}

QString dockerState(const QString &name)
{
    const auto r = Fixtures::instance().docker(
        {QStringLiteral("inspect"), QStringLiteral("-f"), QStringLiteral("{{.State.Status}}"), name});
    return r.exitCode == 0 ? QString::fromUtf8(r.out).trimmed() : QStringLiteral("<gone>");
}

} // namespace

class TestCliContainers final : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    QString m_configDir;
    QString m_sshConfig;
    QStringList m_created;
    bool m_haveHidden = false;

    ProcessOutput cli(const QStringList &args, const QByteArray &stdinData = {}, int timeoutMs = 120000) const
    {
        QStringList all{QStringLiteral("--config-dir"), m_configDir, QStringLiteral("--ssh-config"), m_sshConfig};
        all << args;
        return Fixtures::run(QStringLiteral(ARCHNEST_CLI_PATH), all, timeoutMs, stdinData);
    }

    QString createContainer()
    {
        const QString name = Fixtures::uniqueName(QStringLiteral("clitest"));
        const auto r = Fixtures::instance().docker(
            {QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("none"),
             QStringLiteral("--name"), name, Fixtures::instance().image(), QStringLiteral("sh"), QStringLiteral("-c"),
             QStringLiteral("trap 'exit 0' TERM; echo one; echo two; echo three; "
                            "while true; do sleep 0.2; done")});
        if (r.exitCode != 0)
            qWarning("docker run: %s", r.err.constData());
        m_created << name;
        return name;
    }

    void hostRows()
    {
        QTest::addColumn<QString>("host");
        QTest::newRow("named direct") << QStringLiteral("fx-target");
        QTest::newRow("url direct") << QStringLiteral("ssh://fxtarget");
        if (m_haveHidden) {
            QTest::newRow("named via jump") << QStringLiteral("fx-hidden");
            QTest::newRow("url via jump") << QStringLiteral("ssh://fxhidden");
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_TARGET_PORT");
        QVERIFY(m_tmp.isValid());
        m_configDir = m_tmp.filePath(QStringLiteral("config"));
        QVERIFY(QDir().mkpath(m_configDir));
        const QString kh = m_tmp.filePath(QStringLiteral("known_hosts"));
        QVERIFY(QFile::copy(fx("ARCHNEST_FX_SSH_KNOWN_HOSTS"), kh));
        m_haveHidden = Fixtures::instance().has(QStringLiteral("ARCHNEST_FX_SSH_HIDDEN_PORT"));
        const QString user = Fixtures::instance().sshUser();
        const QString key = fx("ARCHNEST_FX_SSH_KEY");
        auto endpoint = [&](int port) {
            return QJsonObject{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                               {QStringLiteral("port"), port},
                               {QStringLiteral("user"), user},
                               {QStringLiteral("auth"), QJsonObject{{QStringLiteral("identityFile"), key},
                                                                    {QStringLiteral("useAgent"), false}}}};
        };
        QJsonObject target = endpoint(Fixtures::instance().sshTargetPort());
        target.insert(QStringLiteral("name"), QStringLiteral("fx-target"));
        target.insert(QStringLiteral("kind"), QStringLiteral("ssh"));
        target.insert(QStringLiteral("knownHostsFile"), kh);
        QJsonObject readOnly = target;
        readOnly.insert(QStringLiteral("name"), QStringLiteral("fx-readonly"));
        readOnly.insert(QStringLiteral("readOnly"), true);
        QJsonArray hosts{target, readOnly};
        if (m_haveHidden) {
            QJsonObject hidden = endpoint(Fixtures::instance().sshHiddenPort());
            hidden.insert(QStringLiteral("name"), QStringLiteral("fx-hidden"));
            hidden.insert(QStringLiteral("kind"), QStringLiteral("ssh"));
            hidden.insert(QStringLiteral("knownHostsFile"), kh);
            hidden.insert(QStringLiteral("jumps"), QJsonArray{endpoint(Fixtures::instance().sshJumpPort())});
            hosts.append(hidden);
        }
        writeFile(
            m_configDir + QStringLiteral("/hosts.json"),
            QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("hosts"), hosts}}).toJson());

        m_sshConfig = m_tmp.filePath(QStringLiteral("ssh_config"));
        QString cfg = QStringLiteral("Host fxtarget\n  HostName 127.0.0.1\n  Port %1\n")
                          .arg(Fixtures::instance().sshTargetPort());
        if (m_haveHidden)
            cfg += QStringLiteral("Host fxjump\n  HostName 127.0.0.1\n  Port %1\n"
                                  "Host fxhidden\n  HostName 127.0.0.1\n  Port %2\n  ProxyJump fxjump\n")
                       .arg(Fixtures::instance().sshJumpPort())
                       .arg(Fixtures::instance().sshHiddenPort());
        cfg += QStringLiteral("Host *\n  User %1\n  IdentityFile %2\n  UserKnownHostsFile %3\n").arg(user, key, kh);
        writeFile(m_sshConfig, cfg.toUtf8());
    }

    void cleanupTestCase()
    {
        if (!m_created.isEmpty())
            Fixtures::instance().docker(QStringList{QStringLiteral("rm"), QStringLiteral("-f")} << m_created);
    }

    void hostsListsTheFile()
    {
        const auto r = cli({QStringLiteral("hosts")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("fx-target"));
        QVERIFY(r.out.contains("read-only"));
        const auto j = cli({QStringLiteral("hosts"), QStringLiteral("--json")});
        QCOMPARE(j.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(j.out).isArray());
    }

    void malformedHostsFileIsAnOperationalError()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("hosts.json")),
                  "{\"version\":1,\"hosts\":[{\"name\":\"a\",\"kind\":\"ssh\",\"host\":\"h\",\"port\":0}]}");
        for (const QStringList &args :
             {QStringList{QStringLiteral("hosts")}, QStringList{QStringLiteral("ps"), QStringLiteral("a")}}) {
            const auto r = Fixtures::run(QStringLiteral(ARCHNEST_CLI_PATH),
                                         QStringList{QStringLiteral("--config-dir"), dir.path()} << args, 30000);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains("host entry 1 (\"a\")") && r.err.contains("\"port\""), r.err.constData());
        }
    }

    void psTableAndJson_data() { hostRows(); }
    void psTableAndJson()
    {
        QFETCH(QString, host);
        const auto table = cli({QStringLiteral("ps"), host});
        QVERIFY2(table.exitCode == 0, table.err.constData());
        QVERIFY(table.out.startsWith("CONTAINER ID"));
        QVERIFY(table.out.contains("fx-running"));
        QVERIFY(!table.out.contains("fx-stopped"));
        const auto json = cli({QStringLiteral("ps"), host, QStringLiteral("--all"), QStringLiteral("--json")});
        QVERIFY2(json.exitCode == 0, json.err.constData());
        const QJsonArray arr = QJsonDocument::fromJson(json.out).array();
        QHash<QString, QString> states;
        for (const QJsonValue &v : arr)
            states.insert(v[QLatin1String("name")].toString(), v[QLatin1String("state")].toString());
        QCOMPARE(states.value(QStringLiteral("fx-running")), QStringLiteral("running"));
        QCOMPARE(states.value(QStringLiteral("fx-stopped")), QStringLiteral("exited"));
        QCOMPARE(states.value(QStringLiteral("fx-paused")), QStringLiteral("paused"));
        QCOMPARE(arr.first()[QLatin1String("host")].toString(), host);
    }

    void inspectJson_data() { hostRows(); }
    void inspectJson()
    {
        QFETCH(QString, host);
        const auto r = cli({QStringLiteral("inspect"), host, QStringLiteral("fx-running"), QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o[QLatin1String("name")].toString(), QStringLiteral("fx-running"));
        QCOMPARE(o[QLatin1String("state")].toString(), QStringLiteral("running"));
        QCOMPARE(o[QLatin1String("mounts")].toArray().size(), 2);
        QCOMPARE(o[QLatin1String("labels")][QLatin1String("com.example.team")].toString(), QStringLiteral("ops"));
        QVERIFY2(!r.out.contains("fx-secret-value"), "inspect --json must mask secret env values");
        QVERIFY(r.out.contains("\"masked\": true"));
        const auto stopped =
            cli({QStringLiteral("inspect"), host, QStringLiteral("fx-stopped"), QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(stopped.out).object()[QLatin1String("exitCode")].toInt(), 3);
        const auto text = cli({QStringLiteral("inspect"), host, QStringLiteral("fx-paused")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("paused"));
        const auto missing = cli({QStringLiteral("inspect"), host, QStringLiteral("no-such-clitest")});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("No such container") || missing.err.contains("no such container"));
    }

    void logsTail_data() { hostRows(); }
    void logsTail()
    {
        QFETCH(QString, host);
        const auto all = cli({QStringLiteral("logs"), host, QStringLiteral("fx-stopped")});
        QCOMPARE(all.exitCode, 0);
        QCOMPARE(all.out, QByteArray("bye\n"));
        const QString name = createContainer();
        QVERIFY(QTest::qWaitFor(
            [&] {
                return Fixtures::instance().docker({QStringLiteral("logs"), name}).out.contains("three");
            },
            20000));
        const auto tail = cli({QStringLiteral("logs"), host, name, QStringLiteral("--tail"), QStringLiteral("2")});
        QCOMPARE(tail.exitCode, 0);
        QCOMPARE(tail.out, QByteArray("two\nthree\n"));
        const auto stamped =
            cli({QStringLiteral("logs"), host, name, QStringLiteral("--tail=1"), QStringLiteral("--timestamps")});
        QVERIFY(stamped.out.startsWith("20") && stamped.out.endsWith(" three\n"));
    }

    void logsFollowEndsWithTheContainer()
    {
        const QString name = createContainer();
        QProcess p;
        p.start(QStringLiteral(ARCHNEST_CLI_PATH), {QStringLiteral("--config-dir"), m_configDir, QStringLiteral("logs"),
                                                    QStringLiteral("fx-target"), name, QStringLiteral("--follow")});
        QVERIFY(p.waitForStarted(10000));
        QByteArray out;
        QVERIFY(QTest::qWaitFor(
            [&] {
                out += p.readAllStandardOutput();
                return out.contains("three");
            },
            30000));
        QVERIFY(Fixtures::instance()
                    .docker({QStringLiteral("stop"), QStringLiteral("-t"), QStringLiteral("1"), name})
                    .exitCode == 0);
        const bool ended = p.waitForFinished(30000);
        if (!ended)
            p.kill();
        QVERIFY2(ended, "logs --follow did not end when the container stopped");
        QCOMPARE(p.exitCode(), 0);
        out += p.readAllStandardOutput();
        QVERIFY2(out.startsWith("one\ntwo\nthree\n"), out.constData());
    }

    // A container writing to stdout and stderr at once: over SSH the two arrive as separate
    // streams; `logs --follow --timestamps 2>&1` must still print one log of whole lines in the
    // daemon's order. The oracle is the docker CLI on the daemon's socket with both of its
    // outputs on one pipe (it writes each frame as the daemon sends it). The daemon's own order
    // may hold a few timestamp inversions (two copiers): ours may resolve those, nothing more.
    void logsFollowMergesStdoutAndStderrInOrder()
    {
        const QString name = Fixtures::uniqueName(QStringLiteral("clilogmerge"));
        const QString pad(60, QLatin1Char('x'));
        const auto run = Fixtures::instance().docker(
            {QStringLiteral("run"), QStringLiteral("-d"), QStringLiteral("--network"), QStringLiteral("none"),
             QStringLiteral("--name"), name, Fixtures::instance().image(), QStringLiteral("sh"), QStringLiteral("-c"),
             QStringLiteral("sleep 2; i=0; while [ $i -lt 2000 ]; do echo \"out $i %1\"; echo \"err $i %1\" >&2; "
                            "i=$((i+1)); done; sleep 1")
                 .arg(pad)});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        m_created << name;
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral(ARCHNEST_CLI_PATH),
                {QStringLiteral("--config-dir"), m_configDir, QStringLiteral("logs"), QStringLiteral("fx-target"), name,
                 QStringLiteral("--follow"), QStringLiteral("--timestamps")});
        QVERIFY(p.waitForStarted(10000));
        const bool ended = p.waitForFinished(90000);
        if (!ended)
            p.kill();
        QVERIFY2(ended, "logs --follow did not end with the container");
        QCOMPARE(p.exitCode(), 0);
        const QList<QByteArray> ours = p.readAll().split('\n');

        QProcess docker;
        docker.setProcessChannelMode(QProcess::MergedChannels);
        docker.start(QStringLiteral("docker"),
                     {QStringLiteral("-H"), QStringLiteral("unix://") + Fixtures::instance().dockerSocket(),
                      QStringLiteral("logs"), QStringLiteral("--timestamps"), name});
        QVERIFY(docker.waitForFinished(60000));
        const QList<QByteArray> daemon = docker.readAll().split('\n');

        const QRegularExpression whole(QStringLiteral("^\\S+Z (out|err) \\d+ %1$").arg(pad));
        auto stream = [](const QList<QByteArray> &lines, const char *which) {
            QList<QByteArray> out;
            for (const QByteArray &l : lines)
                if (l.contains(QByteArray(QByteArray(" ") + which + ' ')))
                    out << l;
            return out;
        };
        QStringList broken;
        for (const QByteArray &l : ours)
            if (!l.isEmpty() && !whole.match(QString::fromUtf8(l)).hasMatch())
                broken << QString::fromUtf8(l.left(200));
        QVERIFY2(broken.isEmpty(),
                 qPrintable(QStringLiteral("split or spliced lines: ") + broken.mid(0, 3).join(QLatin1Char('\n'))));
        QCOMPARE(stream(ours, "out"), stream(daemon, "out"));
        QCOMPARE(stream(ours, "err"), stream(daemon, "err"));
        QCOMPARE(stream(ours, "out").size(), 2000);
        QList<QByteArray> a = ours, b = daemon;
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        QCOMPARE(a, b);
        // Timestamps are RFC3339Nano with trailing zeros trimmed: compare them as times.
        auto inversionsByTime = [](const QList<QByteArray> &lines) {
            int n = 0;
            QByteArray last;
            for (const QByteArray &l : lines) {
                const QByteArray t = sshcli::LogLineMerger::timestampKey(l);
                if (t.isEmpty())
                    continue;
                if (t < last)
                    ++n;
                last = t;
            }
            return n;
        };
        const int oursInverted = inversionsByTime(ours);
        const int daemonInverted = inversionsByTime(daemon);
        qInfo("timestamp inversions: ours %d, the daemon's own order %d", oursInverted, daemonInverted);
        QVERIFY2(oursInverted <= daemonInverted,
                 qPrintable(QStringLiteral("%1 inversions over SSH").arg(oursInverted)));
    }

    void eachAction_data() { hostRows(); }
    void eachAction()
    {
        QFETCH(QString, host);
        const QString name = createContainer();
        const QList<QPair<QStringList, QString>> steps = {
            {{QStringLiteral("pause")}, QStringLiteral("paused")},
            {{QStringLiteral("unpause")}, QStringLiteral("running")},
            {{QStringLiteral("stop")}, QStringLiteral("exited")},
            {{QStringLiteral("start")}, QStringLiteral("running")},
            {{QStringLiteral("restart")}, QStringLiteral("running")},
            {{QStringLiteral("rm"), QStringLiteral("--force"), QStringLiteral("--volumes")}, QStringLiteral("<gone>")},
        };
        for (const auto &step : steps) {
            QStringList args{step.first.first(), host, name};
            args << step.first.mid(1);
            const auto r = cli(args);
            QVERIFY2(r.exitCode == 0, qPrintable(step.first.first() + QStringLiteral(": ") + QString::fromUtf8(r.err)));
            QCOMPARE(r.out, name.toUtf8() + '\n');
            QCOMPARE(dockerState(name), step.second);
        }
        // docker's own refusal is an operational error naming the host.
        const auto again = cli({QStringLiteral("start"), host, name});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(again.err.contains(host.toUtf8()));
    }

    void execBatch_data() { hostRows(); }
    void execBatch()
    {
        QFETCH(QString, host);
        const auto r =
            cli({QStringLiteral("exec"), host, QStringLiteral("fx-running"), QStringLiteral("--"), QStringLiteral("sh"),
                 QStringLiteral("-c"), QStringLiteral("echo out; echo err >&2; exit 7")});
        QCOMPARE(r.exitCode, 7);
        QCOMPARE(r.out, QByteArray("out\n"));
        QCOMPARE(r.err, QByteArray("err\n"));
        const auto ok = cli({QStringLiteral("exec"), host, QStringLiteral("fx-running"), QStringLiteral("--"),
                             QStringLiteral("cat"), QStringLiteral("/data/hello.txt")});
        QCOMPARE(ok.exitCode, 0);
        QCOMPARE(ok.out, QByteArray("fixture file\n"));
    }

    void execInteractiveOnAPty()
    {
        const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
        QVERIFY2(!script.isEmpty(), "util-linux `script` is not installed: no PTY to drive the interactive exec");
        const QString cmd =
            QStringLiteral("stty rows 33 cols 101; exec '%1' --config-dir '%2' exec fx-target fx-running")
                .arg(QStringLiteral(ARCHNEST_CLI_PATH), m_configDir);
        // `script` copies our stdin to the PTY: wait for the prompt before typing.
        const auto r =
            Fixtures::run(QStringLiteral("bash"),
                          {QStringLiteral("-c"),
                           QStringLiteral("(sleep 3; printf 'stty size\\n'; sleep 1; printf 'exit 4\\n'; sleep 5) | "
                                          "script -qec \"$0\" /dev/null"),
                           cmd},
                          60000);
        QVERIFY2(r.out.contains("33 101"), r.out.constData());
        QCOMPARE(r.exitCode, 4);
    }

    void statsSnapshot()
    {
        const auto r = cli({QStringLiteral("stats"), QStringLiteral("fx-target"), QStringLiteral("fx-running")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith("CONTAINER ID"));
        QCOMPARE(r.out.count('\n'), 2);
        const auto j = cli({QStringLiteral("stats"), QStringLiteral("ssh://fxtarget"), QStringLiteral("--json")});
        QCOMPARE(j.exitCode, 0);
        QVERIFY(QJsonDocument::fromJson(j.out).array().size() >= 2);
    }

    // The same commands on Engine API hosts given as URLs, with the docker CLI's TLS variables.
    void engineApiUrls()
    {
        const QString tcp = fx("ARCHNEST_FX_DOCKER_TCP");
        const QString tls = fx("ARCHNEST_FX_DOCKER_TLS");
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DOCKER_TCP");
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DOCKER_TLS");
        const auto plain = cli({QStringLiteral("ps"), tcp, QStringLiteral("--all")});
        QVERIFY2(plain.exitCode == 0, plain.err.constData());
        QVERIFY(plain.out.contains("fx-stopped"));
        const auto unix =
            cli({QStringLiteral("inspect"), QStringLiteral("unix://") + Fixtures::instance().dockerSocket(),
                 QStringLiteral("fx-running"), QStringLiteral("--json")});
        QVERIFY2(unix.exitCode == 0, unix.err.constData());
        QVERIFY(!unix.out.contains("fx-secret-value"));
        qputenv("DOCKER_TLS_VERIFY", "1");
        qputenv("DOCKER_CERT_PATH", fx("ARCHNEST_FX_DOCKER_CERT_PATH").toUtf8());
        const auto verified = cli({QStringLiteral("ps"), tls});
        qputenv("DOCKER_CERT_PATH", fx("ARCHNEST_FX_DOCKER_WRONG_CERT_PATH").toUtf8());
        const auto wrongCa = cli({QStringLiteral("ps"), tls});
        qunsetenv("DOCKER_TLS_VERIFY");
        qunsetenv("DOCKER_CERT_PATH");
        QVERIFY2(verified.exitCode == 0, verified.err.constData());
        QVERIFY(verified.out.startsWith("CONTAINER ID"));
        QCOMPARE(wrongCa.exitCode, 1);
        QVERIFY(wrongCa.err.contains(tls.toUtf8()));
    }

    // Scripts: passwords from a file or stdin (never argv), and new host keys only when asked.
    void passwordsAndHostKeysWithoutATerminal()
    {
        QTemporaryDir dir;
        const QString emptyKnownHosts = dir.filePath(QStringLiteral("known_hosts"));
        writeFile(emptyKnownHosts, {});
        const QString cfg = dir.filePath(QStringLiteral("ssh_config"));
        writeFile(cfg, QStringLiteral("Host pw\n  HostName 127.0.0.1\n  Port %1\n  User %2\n  UserKnownHostsFile %3\n")
                           .arg(Fixtures::instance().sshTargetPort())
                           .arg(Fixtures::instance().sshUser(), emptyKnownHosts)
                           .toUtf8());
        const QString passwordFile = fx("ARCHNEST_FX_SSH_PASSWORD_FILE");
        QFile pw(passwordFile);
        QVERIFY(pw.open(QIODevice::ReadOnly));
        const QByteArray password = pw.readAll();
        auto run = [&](const QStringList &args, const QByteArray &in = {}) {
            return Fixtures::run(
                QStringLiteral(ARCHNEST_CLI_PATH),
                QStringList{QStringLiteral("--config-dir"), dir.path(), QStringLiteral("--ssh-config"), cfg} << args,
                60000, in);
        };
        // Unknown host key, no terminal, no flag: refused, with the fingerprint shown.
        const auto refused =
            run({QStringLiteral("ps"), QStringLiteral("ssh://pw"), QStringLiteral("--password-file"), passwordFile});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("SHA256:"), refused.err.constData());
        QCOMPARE(QFileInfo(emptyKnownHosts).size(), 0);
        // --accept-new-host-key saves it; --password-file logs in.
        const auto accepted =
            run({QStringLiteral("ps"), QStringLiteral("ssh://pw"), QStringLiteral("--accept-new-host-key"),
                 QStringLiteral("--password-file"), passwordFile});
        QVERIFY2(accepted.exitCode == 0, accepted.err.constData());
        QVERIFY(accepted.out.contains("fx-running"));
        QVERIFY(QFileInfo(emptyKnownHosts).size() > 0);
        // Now known: --password-stdin works without the flag.
        const auto stdinPw =
            run({QStringLiteral("ps"), QStringLiteral("ssh://pw"), QStringLiteral("--password-stdin")}, password);
        QVERIFY2(stdinPw.exitCode == 0, stdinPw.err.constData());
        const auto wrong = run({QStringLiteral("ps"), QStringLiteral("ssh://pw"), QStringLiteral("--password-stdin")},
                               QByteArray("not-the-password\n"));
        QCOMPARE(wrong.exitCode, 1);
        QVERIFY(wrong.err.contains("ssh://pw"));
        QVERIFY2(!wrong.err.contains("not-the-password") && !stdinPw.err.contains(password.trimmed()),
                 "a password must never be echoed");
        // A password is never taken from argv.
        const auto argv =
            run({QStringLiteral("ps"), QStringLiteral("ssh://pw"), QStringLiteral("--password"), QStringLiteral("x")});
        QCOMPARE(argv.exitCode, 2);
    }

    void readOnlyHostRefuses()
    {
        const auto r = cli({QStringLiteral("stop"), QStringLiteral("fx-readonly"), QStringLiteral("fx-running")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("read-only"));
        QCOMPARE(dockerState(QStringLiteral("fx-running")), QStringLiteral("running"));
        QCOMPARE(cli({QStringLiteral("ps"), QStringLiteral("fx-readonly")}).exitCode, 0);
    }

    void usageAndOperationalErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("needle");
        QTest::newRow("ps no host") << QStringList{QStringLiteral("ps")} << 2 << QByteArray("Usage:");
        QTest::newRow("unknown flag") << QStringList{QStringLiteral("ps"), QStringLiteral("fx-target"),
                                                     QStringLiteral("--bogus")}
                                      << 2 << QByteArray("unknown option");
        QTest::newRow("tail not a number")
            << QStringList{QStringLiteral("logs"), QStringLiteral("fx-target"), QStringLiteral("fx-running"),
                           QStringLiteral("--tail"), QStringLiteral("x")}
            << 2 << QByteArray("--tail");
        QTest::newRow("force on stop") << QStringList{QStringLiteral("stop"), QStringLiteral("fx-target"),
                                                      QStringLiteral("fx-running"), QStringLiteral("--force")}
                                       << 2 << QByteArray("unknown option");
        QTest::newRow("exec without tty or cmd")
            << QStringList{QStringLiteral("exec"), QStringLiteral("fx-target"), QStringLiteral("fx-running")} << 2
            << QByteArray("after --");
        QTest::newRow("unknown host") << QStringList{QStringLiteral("ps"), QStringLiteral("nope")} << 1
                                      << QByteArray("not in");
        QTest::newRow("bad url") << QStringList{QStringLiteral("ps"), QStringLiteral("ssh://a;b")} << 2
                                 << QByteArray("invalid host name");
        QTest::newRow("missing password file")
            << QStringList{QStringLiteral("ps"), QStringLiteral("fx-target"), QStringLiteral("--password-file"),
                           QStringLiteral("/nonexistent/pw")}
            << 2 << QByteArray("/nonexistent/pw");
        QTest::newRow("no such container")
            << QStringList{QStringLiteral("pause"), QStringLiteral("fx-target"), QStringLiteral("no-such-clitest")} << 1
            << QByteArray("fx-target");
    }
    void usageAndOperationalErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QByteArray, needle);
        const auto r = cli(args);
        QCOMPARE(r.exitCode, code);
        QVERIFY2(r.err.contains(needle), r.err.constData());
    }

    void injectionRefusedBeforeAnythingRuns_data()
    {
        QTest::addColumn<QString>("ref");
        const QString canary = QStringLiteral("/tmp/archnest-cli-canary-%1").arg(QCoreApplication::applicationPid());
        QTest::newRow("semicolon") << QStringLiteral("x;touch ") + canary;
        QTest::newRow("subst") << QStringLiteral("$(touch ") + canary + QLatin1Char(')');
        QTest::newRow("backticks") << QStringLiteral("`touch ") + canary + QLatin1Char('`');
        QTest::newRow("quote") << QStringLiteral("a'b");
        QTest::newRow("-rf") << QStringLiteral("-rf");
        QTest::newRow("--help") << QStringLiteral("--help");
        QTest::newRow("newline") << QStringLiteral("x\ntouch ") + canary;
        QTest::newRow("unicode") << QStringLiteral("\u00e9t\u00e9");
        QTest::newRow("300 chars") << QString(300, QLatin1Char('a'));
    }
    void injectionRefusedBeforeAnythingRuns()
    {
        QFETCH(QString, ref);
        const QString canary = QStringLiteral("/tmp/archnest-cli-canary-%1").arg(QCoreApplication::applicationPid());
        QFile::remove(canary);
        for (const QString &cmd : {QStringLiteral("inspect"), QStringLiteral("logs"), QStringLiteral("stop"),
                                   QStringLiteral("rm"), QStringLiteral("stats")}) {
            // Refs starting with '-' are refused as unknown options, the others by the ref
            // validator: both are usage errors (2), before any connection.
            const QStringList args{cmd, QStringLiteral("fx-target"), ref};
            const auto r = cli(args);
            QVERIFY2(r.exitCode == 2, qPrintable(cmd + QStringLiteral(": ") + QString::fromUtf8(r.err)));
        }
        const auto exec = cli(
            {QStringLiteral("exec"), QStringLiteral("fx-target"), ref, QStringLiteral("--"), QStringLiteral("true")});
        QCOMPARE(exec.exitCode, 2);
        QVERIFY(!QFileInfo::exists(canary));
    }
};

QTEST_GUILESS_MAIN(TestCliContainers)
#include "tst_cli_containers.moc"
