// Importing docker contexts and DOCKER_HOST (config/DockerContextImport.h, issue 15), with
// contexts made by the real docker CLI (`docker context create`, DOCKER_CONFIG in a temp dir):
// ssh:// as an alias entry (user and port as `ssh -l -p`), tcp:// with the context's TLS files,
// SkipTLSVerify as a warning only, unix://, re-import without duplicates, and an ssh:// context
// connected end to end on the sshd fixture.
#include "config/DockerContextImport.h"
#include "config/HostsFile.h"
#include "config/SshConfigResolve.h"
#include "tst_ssh_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

using namespace archnest;
using namespace archnest::config;
using Action = ImportCandidate::Action;
using archnest::test::Fixtures;

class TestDockerContextImport final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_dockerConfig;

    // The docker CLI with DOCKER_CONFIG in our temp dir; never talks to a daemon here.
    QByteArray docker(const QStringList &args)
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DOCKER_CONFIG"), m_dockerConfig);
        env.remove(QStringLiteral("DOCKER_HOST"));
        env.remove(QStringLiteral("DOCKER_CONTEXT"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("docker"), args);
        if (!p.waitForFinished(30000)) {
            p.kill();
            p.waitForFinished(5000);
            return "timeout";
        }
        if (p.exitCode() != 0)
            return "failed: " + p.readAllStandardError();
        return {};
    }

    DockerImportSources sources(const QString &dockerHost = {}) const
    {
        QProcessEnvironment env;
        env.insert(QStringLiteral("DOCKER_CONFIG"), m_dockerConfig);
        if (!dockerHost.isEmpty())
            env.insert(QStringLiteral("DOCKER_HOST"), dockerHost);
        return DockerImportSources::fromEnvironment(env);
    }

    static const ImportCandidate *find(const ImportPlan &p, const QString &alias)
    {
        for (const ImportCandidate &c : p.candidates)
            if (c.alias == alias)
                return &c;
        return nullptr;
    }

    static QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_dockerConfig = m_tmp.filePath(QStringLiteral("docker"));
        // A CA-signed-looking pair: a self-signed certificate and its key (the CLI checks they load).
        const auto gen = Fixtures::run(
            QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
             QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
             QStringLiteral("-subj"), QStringLiteral("/CN=archnest-test"), QStringLiteral("-days"), QStringLiteral("2"),
             QStringLiteral("-keyout"), m_tmp.filePath(QStringLiteral("key.pem")), QStringLiteral("-out"),
             m_tmp.filePath(QStringLiteral("cert.pem"))});
        QVERIFY2(gen.exitCode == 0, gen.err.constData());
        const Fixtures &fx = Fixtures::instance();
        const QList<QStringList> contexts = {
            {QStringLiteral("prod-ssh"), QStringLiteral("host=ssh://ops@box.example:2222")},
            {QStringLiteral("fx-ssh"),
             QStringLiteral("host=ssh://%1@fxctx:%2").arg(fx.sshUser()).arg(fx.sshTargetPort())},
            {QStringLiteral("tls-remote"),
             QStringLiteral("host=tcp://127.0.0.1:2376,ca=%1,cert=%1,key=%2")
                 .arg(m_tmp.filePath(QStringLiteral("cert.pem")), m_tmp.filePath(QStringLiteral("key.pem")))},
            {QStringLiteral("skip-verify"), QStringLiteral("host=tcp://127.0.0.1:2377,skip-tls-verify=true")},
            {QStringLiteral("local-sock"), QStringLiteral("host=unix:///run/archnest-test.sock")},
        };
        for (const QStringList &c : contexts) {
            const QByteArray r = docker(
                {QStringLiteral("context"), QStringLiteral("create"), c.at(0), QStringLiteral("--docker"), c.at(1)});
            QVERIFY2(r.isEmpty(), r.constData());
        }
    }

    void contextsBecomeHosts()
    {
        const ImportPlan plan = planDockerContextImport(sources(), {});
        QStringList names;
        for (const ImportCandidate &c : plan.candidates)
            names << c.alias;
        QCOMPARE(names, QStringList({QStringLiteral("fx-ssh"), QStringLiteral("local-sock"), QStringLiteral("prod-ssh"),
                                     QStringLiteral("skip-verify"), QStringLiteral("tls-remote")}));
        const ImportCandidate *ssh = find(plan, QStringLiteral("prod-ssh"));
        QCOMPARE(ssh->action, Action::Add);
        QCOMPARE(ssh->host.kind, HostKind::Ssh);
        QCOMPARE(ssh->host.sshConfigAlias, QStringLiteral("box.example"));
        QCOMPARE(ssh->host.ssh.user, QStringLiteral("ops"));
        QCOMPARE(ssh->host.ssh.port, 2222);

        const ImportCandidate *tls = find(plan, QStringLiteral("tls-remote"));
        QCOMPARE(tls->host.kind, HostKind::DockerApi);
        QCOMPARE(tls->host.apiUrl, QStringLiteral("tcp://127.0.0.1:2376"));
        QVERIFY(tls->host.useTls);
        QVERIFY(tls->host.tls.verifyServer);
        QVERIFY(tls->warning.isEmpty());
        // The files the docker CLI stored for the context, byte for byte what it was given.
        QCOMPARE(readFile(tls->host.tls.caFile), readFile(m_tmp.filePath(QStringLiteral("cert.pem"))));
        QCOMPARE(readFile(tls->host.tls.certFile), readFile(m_tmp.filePath(QStringLiteral("cert.pem"))));
        QCOMPARE(readFile(tls->host.tls.keyFile), readFile(m_tmp.filePath(QStringLiteral("key.pem"))));
        QVERIFY(tls->host.tls.caFile.startsWith(m_dockerConfig + QStringLiteral("/contexts/tls/")));

        // SkipTLSVerify: never followed silently - verified anyway, and the row says so.
        const ImportCandidate *skip = find(plan, QStringLiteral("skip-verify"));
        QVERIFY(skip->host.useTls);
        QVERIFY(skip->host.tls.verifyServer);
        QVERIFY2(skip->warning.contains(QLatin1String("SkipTLSVerify")), qPrintable(skip->warning));

        const ImportCandidate *sock = find(plan, QStringLiteral("local-sock"));
        QCOMPARE(sock->host.apiUrl, QStringLiteral("unix:///run/archnest-test.sock"));
        QVERIFY(!sock->host.useTls);
    }

    void reimportUpdatesInsteadOfDuplicating()
    {
        ImportPlan plan = planDockerContextImport(sources(), {});
        QList<int> all;
        for (int i = 0; i < plan.candidates.size(); ++i)
            all << i;
        const QList<HostConfig> hosts = applySshConfigImport({}, plan, all);
        QCOMPARE(hosts.size(), 5);
        const auto reread = parseHostsJson(hostsToJson(hosts), QStringLiteral("hosts.json"));
        QVERIFY2(reread.ok(), qPrintable(reread.errorMessage()));
        QCOMPARE(*reread, hosts);
        plan = planDockerContextImport(sources(), hosts);
        for (const ImportCandidate &c : std::as_const(plan.candidates))
            QCOMPARE(c.action, Action::UpToDate);

        // The context is changed with the docker CLI: the same entry is updated.
        const QByteArray r = docker({QStringLiteral("context"), QStringLiteral("update"), QStringLiteral("local-sock"),
                                     QStringLiteral("--docker"), QStringLiteral("host=unix:///run/other.sock")});
        QVERIFY2(r.isEmpty(), r.constData());
        plan = planDockerContextImport(sources(), hosts);
        const ImportCandidate *sock = find(plan, QStringLiteral("local-sock"));
        QCOMPARE(sock->action, Action::Update);
        const QList<HostConfig> after = applySshConfigImport(hosts, plan, all);
        QCOMPARE(after.size(), 5);
        for (const HostConfig &h : after)
            if (h.name == QLatin1String("local-sock"))
                QCOMPARE(h.apiUrl, QStringLiteral("unix:///run/other.sock"));
    }

    void dockerHostIsOffered()
    {
        const ImportPlan plan = planDockerContextImport(sources(QStringLiteral("tcp://127.0.0.1:2375")), {});
        const ImportCandidate *dh = find(plan, QStringLiteral("DOCKER_HOST"));
        QVERIFY(dh);
        QCOMPARE(dh->host.name, QStringLiteral("docker-host"));
        QCOMPARE(dh->host.apiUrl, QStringLiteral("tcp://127.0.0.1:2375"));
        QVERIFY(!dh->host.useTls);
        // An endpoint ArchNest cannot use is shown with why, never imported.
        const ImportPlan bad = planDockerContextImport(sources(QStringLiteral("npipe:////./pipe/docker")), {});
        QCOMPARE(find(bad, QStringLiteral("DOCKER_HOST"))->action, Action::Refused);
    }

    // The CLI twin lists the same plan.
    void cliListsTheContexts()
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DOCKER_CONFIG"), m_dockerConfig);
        env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix:///run/archnest-cli-test.sock"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(ARCHNEST_CLI_PATH),
                {QStringLiteral("--config-dir"), m_tmp.filePath(QStringLiteral("cli-config")),
                 QStringLiteral("docker-context"), QStringLiteral("hosts"), QStringLiteral("--json")});
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonArray arr = QJsonDocument::fromJson(p.readAllStandardOutput()).array();
        QStringList names;
        for (const QJsonValue &v : arr) {
            names << v.toObject().value(QStringLiteral("name")).toString();
            if (v.toObject().value(QStringLiteral("context")).toString() == QLatin1String("skip-verify"))
                QVERIFY(
                    v.toObject().value(QStringLiteral("warning")).toString().contains(QLatin1String("SkipTLSVerify")));
        }
        QCOMPARE(names, QStringList({QStringLiteral("fx-ssh"), QStringLiteral("local-sock"), QStringLiteral("prod-ssh"),
                                     QStringLiteral("skip-verify"), QStringLiteral("tls-remote"),
                                     QStringLiteral("docker-host")}));
    }

    // The ssh:// context resolved as the docker CLI's ssh would (`ssh -l U -p P host`, the host
    // an alias of the config) and connected on the sshd fixture.
    void sshContextConnects()
    {
        const QString cfg = m_tmp.filePath(QStringLiteral("ssh_config"));
        QFile f(cfg);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("Host fxctx\n  HostName 127.0.0.1\n  User not-this-one\n  Port 1\n"
                               "  IdentityFile %1\n  UserKnownHostsFile %2\n  IdentitiesOnly yes\n")
                    .arg(test::fxValue("ARCHNEST_FX_SSH_KEY"), test::fxValue("ARCHNEST_FX_SSH_KNOWN_HOSTS"))
                    .toUtf8());
        f.close();
        const ImportPlan plan = planDockerContextImport(sources(), {});
        const HostConfig entry = find(plan, QStringLiteral("fx-ssh"))->host;
        const Result<HostConfig> h = resolveSshConfigAlias(entry, cfg);
        QVERIFY2(h.ok(), qPrintable(h.errorMessage()));
        QCOMPARE(h->ssh.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(h->ssh.user, Fixtures::instance().sshUser());       // -l beats User
        QCOMPARE(h->ssh.port, Fixtures::instance().sshTargetPort()); // -p beats Port
        test::FakeUserInteraction ui;
        ssh::SshSession s(ssh::SshTarget::fromHost(*h), &ui);
        const auto r = test::runExec(s, QStringLiteral("echo context-ok"));
        QVERIFY2(r && r->ok(), r ? qPrintable(r->errorMessage()) : "timeout");
        QCOMPARE(r->value().out, QByteArray("context-ok\n"));
    }
};

QTEST_GUILESS_MAIN(TestDockerContextImport)
#include "tst_docker_context_import.moc"
