// The hosts file (load, save, atomic write, errors that name entry + field + expectation) and
// the CLI's HOST argument (configured names, ssh://, tcp:// with the docker CLI's TLS env,
// unix://).
#include "TestSupport.h"
#include "config/HostUrl.h"
#include "config/HostsFile.h"
#include "config/SshConfigResolve.h"
#include "tst_config_hosts_data.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace archnest;
using namespace archnest::config;

namespace {

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

} // namespace

class TestConfigHosts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesTheDocumentedExample()
    {
        const auto r = parseHostsJson(kExample, QStringLiteral("hosts.json"));
        QVERIFY_RESULT(r);
        QCOMPARE(r->size(), 3);
        const HostConfig &web = r->at(0);
        QCOMPARE(web.kind, HostKind::Ssh);
        QCOMPARE(web.ssh.host, QStringLiteral("10.0.0.5"));
        QCOMPARE(web.ssh.port, 2222);
        QCOMPARE(web.ssh.user, QStringLiteral("ops"));
        QCOMPARE(web.ssh.auth.methods, (QStringList{QStringLiteral("publickey"), QStringLiteral("password")}));
        QCOMPARE(web.ssh.auth.passwordRef, QStringLiteral("archnest/web-1"));
        QCOMPARE(web.ssh.auth.passphraseFile, QStringLiteral("/run/secrets/pp"));
        QCOMPARE(web.jumps.size(), 1);
        QCOMPARE(web.jumps.at(0).port, 22);
        QVERIFY(!web.jumps.at(0).auth.useAgent);
        QCOMPARE(web.dockerCommand, QStringLiteral("sudo -n docker"));
        QCOMPARE(web.knownHostsFile, QStringLiteral("/etc/ssh/ssh_known_hosts"));
        QVERIFY(web.canManage());
        const HostConfig &api = r->at(1);
        QCOMPARE(api.kind, HostKind::DockerApi);
        QVERIFY(api.useTls);
        QCOMPARE(api.tls.keyFile, QStringLiteral("/c/key.pem"));
        QVERIFY(api.readOnly);
        QVERIFY(!api.canManage());
        QCOMPARE(r->at(2).apiUrl, QStringLiteral("unix:///var/run/docker.sock"));
        QVERIFY(!r->at(2).useTls);
    }

    void saveThenLoadRoundTrips()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/hosts.json"));
        const auto hosts = parseHostsJson(kExample, QStringLiteral("x"));
        QVERIFY_RESULT(hosts);
        QVERIFY_RESULT(saveHostsFile(path, *hosts));
        const auto again = loadHostsFile(path);
        QVERIFY_RESULT(again);
        QCOMPARE(*again, *hosts);
        QCOMPARE(QFileInfo(path).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
        // No temp files left behind by the atomic write.
        QCOMPARE(QDir(dir.filePath(QStringLiteral("sub"))).entryList(QDir::Files),
                 QStringList{QStringLiteral("hosts.json")});
    }

    void saveRefusesBadNamesAndKeepsTheOldFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("hosts.json"));
        writeFile(path, kExample);
        HostConfig bad;
        bad.name = QStringLiteral("no spaces please");
        QVERIFY_RESULT_ERROR(saveHostsFile(path, {bad}), QStringLiteral("no spaces please"));
        HostConfig badDocker;
        badDocker.name = QStringLiteral("ok");
        badDocker.ssh.host = QStringLiteral("h");
        badDocker.dockerCommand = QStringLiteral("docker; rm -rf /");
        QVERIFY_RESULT_ERROR(saveHostsFile(path, {badDocker}), QStringLiteral("dockerCommand"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray(kExample));
    }

    void missingFileIsEmpty()
    {
        QTemporaryDir dir;
        const auto r = loadHostsFile(dir.filePath(QStringLiteral("none.json")));
        QVERIFY_RESULT(r);
        QVERIFY(r->isEmpty());
    }

    void errorsNameEntryFieldAndExpectation_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QStringList>("needles");
        auto one = [](const char *entry) -> QByteArray {
            return QByteArray(R"({"version":1,"hosts":[)") + entry + "]}";
        };
        QTest::newRow("not json") << QByteArray("{\n\"hosts\": [,]}")
                                  << QStringList{QStringLiteral("line 2"), QStringLiteral("not valid JSON")};
        QTest::newRow("array top") << QByteArray("[]") << QStringList{QStringLiteral("expected a JSON object")};
        QTest::newRow("wrong version") << QByteArray(R"({"version":7,"hosts":[]})")
                                       << QStringList{QStringLiteral("\"version\""), QStringLiteral("expected 1")};
        QTest::newRow("hosts not list") << QByteArray(R"({"hosts":{}})")
                                        << QStringList{QStringLiteral("\"hosts\""), QStringLiteral("list")};
        QTest::newRow("entry not object")
            << one("3") << QStringList{QStringLiteral("host entry 1"), QStringLiteral("expected an object")};
        QTest::newRow("no name") << one(R"({"kind":"ssh","host":"h"})")
                                 << QStringList{QStringLiteral("host entry 1"), QStringLiteral("\"name\""),
                                                QStringLiteral("missing")};
        QTest::newRow("bad name") << one(R"({"name":"a b","kind":"ssh","host":"h"})")
                                  << QStringList{QStringLiteral("(\"a b\")"), QStringLiteral("\"name\""),
                                                 QStringLiteral("letters, digits")};
        QTest::newRow("url as name") << one("{\"name\":\"ssh://x\",\"kind\":\"ssh\",\"host\":\"h\"}")
                                     << QStringList{QStringLiteral("\"name\"")};
        QTest::newRow("duplicate")
            << one(R"({"name":"a","kind":"ssh","host":"h"},{"name":"a","kind":"ssh","host":"h"})")
            << QStringList{QStringLiteral("host entry 2"), QStringLiteral("unique")};
        QTest::newRow("bad kind") << one(R"({"name":"a","kind":"ftp"})")
                                  << QStringList{QStringLiteral("\"kind\""),
                                                 QStringLiteral("\"ssh\" or \"docker-api\"")};
        QTest::newRow("agent kind") << one(R"({"name":"a","kind":"agent"})")
                                    << QStringList{QStringLiteral("\"kind\""), QStringLiteral("agent hosts")};
        QTest::newRow("no host") << one(R"({"name":"a","kind":"ssh"})")
                                 << QStringList{QStringLiteral("(\"a\")"), QStringLiteral("\"host\"")};
        QTest::newRow("bad port") << one(R"({"name":"a","kind":"ssh","host":"h","port":70000})")
                                  << QStringList{QStringLiteral("\"port\""), QStringLiteral("1 to 65535")};
        QTest::newRow("port string") << one(R"({"name":"a","kind":"ssh","host":"h","port":"22"})")
                                     << QStringList{QStringLiteral("\"port\"")};
        QTest::newRow("password value") << one(R"({"name":"a","kind":"ssh","host":"h","auth":{"password":"hunter2"}})")
                                        << QStringList{QStringLiteral("\"password\""), QStringLiteral("never stored"),
                                                       QStringLiteral("passwordRef")};
        QTest::newRow("top-level password") << one(R"({"name":"a","kind":"ssh","host":"h","password":"x"})")
                                            << QStringList{QStringLiteral("never stored")};
        QTest::newRow("passphrase value") << one(R"({"name":"a","kind":"ssh","host":"h","auth":{"passphrase":"x"}})")
                                          << QStringList{QStringLiteral("passphraseRef")};
        QTest::newRow("unknown field") << one(R"({"name":"a","kind":"ssh","host":"h","hostname":"x"})")
                                       << QStringList{QStringLiteral("\"hostname\""), QStringLiteral("unknown field")};
        QTest::newRow("bad method") << one(R"({"name":"a","kind":"ssh","host":"h","auth":{"methods":["rsh"]}})")
                                    << QStringList{QStringLiteral("\"methods\""), QStringLiteral("rsh")};
        QTest::newRow("bad docker command")
            << one(R"({"name":"a","kind":"ssh","host":"h","dockerCommand":"docker;id"})")
            << QStringList{QStringLiteral("\"dockerCommand\""), QStringLiteral("expected")};
        QTest::newRow("bad jump") << one(R"({"name":"a","kind":"ssh","host":"h","jumps":[{"port":22}]})")
                                  << QStringList{QStringLiteral("jump 1"), QStringLiteral("\"host\"")};
        QTest::newRow("jumps not list") << one(R"({"name":"a","kind":"ssh","host":"h","jumps":"b"})")
                                        << QStringList{QStringLiteral("\"jumps\"")};
        QTest::newRow("bad url") << one("{\"name\":\"a\",\"kind\":\"docker-api\",\"url\":\"http://x\"}")
                                 << QStringList{QStringLiteral("\"url\""), QStringLiteral("tcp://host:port")};
        QTest::newRow("cert without key")
            << one("{\"name\":\"a\",\"kind\":\"docker-api\",\"url\":\"tcp://x:1\",\"tls\":{\"cert\":\"c\"}}")
            << QStringList{QStringLiteral("\"tls\""), QStringLiteral("go together")};
        QTest::newRow("ssh field on api")
            << one("{\"name\":\"a\",\"kind\":\"docker-api\",\"url\":\"tcp://x:1\",\"user\":\"u\"}")
            << QStringList{QStringLiteral("\"user\""), QStringLiteral("unknown")};
        QTest::newRow("readOnly string") << one(R"({"name":"a","kind":"ssh","host":"h","readOnly":"yes"})")
                                         << QStringList{QStringLiteral("\"readOnly\""),
                                                        QStringLiteral("true or false")};
        QTest::newRow("host injection") << one(R"({"name":"a","kind":"ssh","host":"h;id"})")
                                        << QStringList{QStringLiteral("\"host\"")};
    }
    void errorsNameEntryFieldAndExpectation()
    {
        QFETCH(QByteArray, json);
        QFETCH(QStringList, needles);
        const auto r = parseHostsJson(json, QStringLiteral("/cfg/hosts.json"));
        QVERIFY2(!r.ok(), "expected an error");
        QVERIFY2(r.errorMessage().startsWith(QLatin1String("/cfg/hosts.json")), qPrintable(r.errorMessage()));
        QVERIFY2(!r.errorMessage().contains(QLatin1String("hunter2")), "an error must not echo a secret");
        for (const QString &n : needles)
            QVERIFY2(r.errorMessage().contains(n), qPrintable(r.errorMessage() + QStringLiteral(" lacks ") + n));
    }

    void resolvesConfiguredNamesFirst()
    {
        HostConfig h;
        h.name = QStringLiteral("web");
        HostResolveOptions o;
        o.configured = {h};
        QCOMPARE(resolveHost(QStringLiteral("web"), o)->name, QStringLiteral("web"));
        QVERIFY_RESULT_ERROR(resolveHost(QStringLiteral("nope"), o), QStringLiteral("not in"));
        QVERIFY_RESULT_ERROR(resolveHost(QStringLiteral("ftp://x"), o), QStringLiteral("unsupported scheme"));
    }

    void sshUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("host");
        QTest::addColumn<QString>("user");
        QTest::addColumn<int>("port");
        QTest::newRow("host") << QStringLiteral("ssh://example.net") << QStringLiteral("example.net")
                              << QStringLiteral("envuser") << 22;
        QTest::newRow("user port") << QStringLiteral("ssh://ops@10.0.0.1:2222") << QStringLiteral("10.0.0.1")
                                   << QStringLiteral("ops") << 2222;
        QTest::newRow("ipv6") << QStringLiteral("ssh://[::1]:2200") << QStringLiteral("::1")
                              << QStringLiteral("envuser") << 2200;
        QTest::newRow("trailing slash") << QStringLiteral("ssh://a@h/") << QStringLiteral("h") << QStringLiteral("a")
                                        << 22;
    }
    void sshUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, host);
        QFETCH(QString, user);
        QFETCH(int, port);
        HostResolveOptions o;
        o.env = QProcessEnvironment();
        o.env.insert(QStringLiteral("USER"), QStringLiteral("envuser"));
        o.env.insert(QStringLiteral("HOME"), QStringLiteral("/nonexistent"));
        const auto r = resolveHost(url, o);
        QVERIFY_RESULT(r);
        QCOMPARE(r->kind, HostKind::Ssh);
        QCOMPARE(r->ssh.host, host);
        QCOMPARE(r->ssh.user, user);
        QCOMPARE(r->ssh.port, port);
        QCOMPARE(r->name, url);
    }

    void badUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("ssh empty") << QStringLiteral("ssh://");
        QTest::newRow("ssh path") << QStringLiteral("ssh://h/x");
        QTest::newRow("ssh port range") << QStringLiteral("ssh://h:99999");
        QTest::newRow("ssh option host") << QStringLiteral("ssh://-oProxyCommand=id");
        QTest::newRow("ssh semicolon") << QStringLiteral("ssh://h;id");
        QTest::newRow("tcp no port") << QStringLiteral("tcp://h");
        QTest::newRow("tcp port 0") << QStringLiteral("tcp://h:0");
        QTest::newRow("unix relative") << QStringLiteral("unix://rel/sock");
    }
    void badUrls()
    {
        QFETCH(QString, url);
        HostResolveOptions o;
        o.env = QProcessEnvironment();
        QVERIFY_RESULT_ERROR(resolveHost(url, o), url.left(6));
    }

    void sshUrlsFollowTheSshConfig()
    {
        QTemporaryDir dir;
        const QString cfg = dir.filePath(QStringLiteral("ssh_config"));
        writeFile(cfg, "Host web\n"
                       "  HostName 10.1.2.3\n"
                       "  Port 2200\n"
                       "  User ops\n"
                       "  IdentityFile /keys/id_web\n"
                       "  CertificateFile /keys/id_web-cert.pub\n"
                       "  ProxyJump jumpuser@bastion:2222\n"
                       "  UserKnownHostsFile /tmp/kh\n"
                       "Host 10.9.*\n"
                       "  ProxyCommand nc %h %p\n"
                       "Host *\n"
                       "  User fallback\n");
        QStringList notes;
        HostResolveOptions o;
        o.sshConfigFile = cfg;
        o.notes = &notes;
        const auto web = resolveHost(QStringLiteral("ssh://web"), o);
        QVERIFY_RESULT(web);
        QCOMPARE(web->ssh.host, QStringLiteral("10.1.2.3"));
        QCOMPARE(web->ssh.port, 2200);
        QCOMPARE(web->ssh.user, QStringLiteral("ops"));
        QCOMPARE(web->ssh.auth.identityFile, QStringLiteral("/keys/id_web"));
        QCOMPARE(web->ssh.auth.certificateFile, QStringLiteral("/keys/id_web-cert.pub"));
        QCOMPARE(web->knownHostsFile, QStringLiteral("/tmp/kh"));
        QCOMPARE(web->jumps.size(), 1);
        QCOMPARE(web->jumps.at(0).host, QStringLiteral("bastion"));
        QCOMPARE(web->jumps.at(0).port, 2222);
        QCOMPARE(web->jumps.at(0).user, QStringLiteral("jumpuser"));
        QVERIFY(notes.isEmpty());
        // The URL's own user and port win over the file.
        const auto explicitParts = resolveHost(QStringLiteral("ssh://root@web:2"), o);
        QVERIFY_RESULT(explicitParts);
        QCOMPARE(explicitParts->ssh.user, QStringLiteral("root"));
        QCOMPARE(explicitParts->ssh.port, 2);
        QCOMPARE(explicitParts->ssh.host, QStringLiteral("10.1.2.3"));
        // An alias only matched by the wildcard gets its ProxyCommand, expanded as OpenSSH runs it.
        const auto other = resolveHost(QStringLiteral("ssh://10.9.9.9"), o);
        QVERIFY_RESULT(other);
        QCOMPARE(other->ssh.host, QStringLiteral("10.9.9.9"));
        QCOMPARE(other->ssh.user, QStringLiteral("fallback"));
        QCOMPARE(other->ssh.proxyCommand, QStringLiteral("exec nc 10.9.9.9 22"));
        QVERIFY(other->jumps.isEmpty());
    }

    void hostsFileAliasFollowsAnEditedSshConfig()
    {
        const auto hosts = parseHostsJson(R"({"version": 1, "hosts": [
            {"name": "prod", "kind": "ssh", "sshConfigAlias": "prod-db", "dockerCommand": "sudo -n docker"}]})",
                                          QStringLiteral("hosts.json"));
        QVERIFY_RESULT(hosts);
        QCOMPARE(hosts->size(), 1);
        const HostConfig entry = hosts->first();
        QCOMPARE(entry.sshConfigAlias, QStringLiteral("prod-db"));
        // Written back as it was read.
        const auto again = parseHostsJson(hostsToJson(*hosts), QStringLiteral("hosts.json"));
        QVERIFY_RESULT(again);
        QCOMPARE(again->first(), entry);

        QTemporaryDir dir;
        const QString cfg = dir.filePath(QStringLiteral("ssh_config"));
        writeFile(cfg, "Host prod-db\n  HostName 10.0.0.7\n  User dba\n  ProxyJump gw\n"
                       "Host gw\n  HostName gw.example.org\n");
        auto r = config::resolveSshConfigAlias(entry, cfg);
        QVERIFY_RESULT(r);
        QCOMPARE(r->name, QStringLiteral("prod"));
        QCOMPARE(r->dockerCommand, QStringLiteral("sudo -n docker"));
        QCOMPARE(r->ssh.host, QStringLiteral("10.0.0.7"));
        QCOMPARE(r->ssh.user, QStringLiteral("dba"));
        QCOMPARE(r->jumps.size(), 1);
        QCOMPARE(r->jumps.first().host, QStringLiteral("gw.example.org"));
        // The user edits ~/.ssh/config: the next resolution follows it.
        writeFile(cfg, "Host prod-db\n  HostName 10.0.0.8\n  Port 2222\n");
        r = config::resolveSshConfigAlias(entry, cfg);
        QVERIFY_RESULT(r);
        QCOMPARE(r->ssh.host, QStringLiteral("10.0.0.8"));
        QCOMPARE(r->ssh.port, 2222);
        QVERIFY(r->jumps.isEmpty());
        // A broken config is an error naming the host, the alias and the line.
        writeFile(cfg, "Host prod-db\n  Port none\n");
        QVERIFY_RESULT_ERROR(config::resolveSshConfigAlias(entry, cfg), QStringLiteral("line 2"));
        // An alias with shell characters is refused when the hosts file is read.
        QVERIFY(!parseHostsJson(R"({"version": 1, "hosts": [{"name": "x", "kind": "ssh", "sshConfigAlias": "a;b"}]})",
                                QStringLiteral("hosts.json")));
    }

    void missingSshConfigFileIsAnError()
    {
        HostResolveOptions o;
        o.sshConfigFile = QStringLiteral("/nonexistent/ssh_config");
        QVERIFY_RESULT_ERROR(resolveHost(QStringLiteral("ssh://h"), o), QStringLiteral("/nonexistent/ssh_config"));
    }

    void tcpFollowsTheDockerCliEnvironment()
    {
        QTemporaryDir certs;
        for (const char *f : {"ca.pem", "cert.pem", "key.pem"})
            writeFile(certs.filePath(QString::fromLatin1(f)), "x");
        HostResolveOptions o;
        o.env = QProcessEnvironment();
        auto plain = resolveHost(QStringLiteral("tcp://127.0.0.1:2375"), o);
        QVERIFY_RESULT(plain);
        QCOMPARE(plain->kind, HostKind::DockerApi);
        QCOMPARE(plain->apiUrl, QStringLiteral("tcp://127.0.0.1:2375"));
        QVERIFY(!plain->useTls);

        o.env.insert(QStringLiteral("DOCKER_TLS_VERIFY"), QStringLiteral("1"));
        o.env.insert(QStringLiteral("DOCKER_CERT_PATH"), certs.path());
        auto tls = resolveHost(QStringLiteral("tcp://127.0.0.1:2376"), o);
        QVERIFY_RESULT(tls);
        QVERIFY(tls->useTls);
        QVERIFY(tls->tls.verifyServer);
        QCOMPARE(tls->tls.caFile, certs.filePath(QStringLiteral("ca.pem")));
        QCOMPARE(tls->tls.certFile, certs.filePath(QStringLiteral("cert.pem")));
        QCOMPARE(tls->tls.keyFile, certs.filePath(QStringLiteral("key.pem")));

        o.env.insert(QStringLiteral("DOCKER_CERT_PATH"), certs.filePath(QStringLiteral("missing")));
        QVERIFY_RESULT_ERROR(resolveHost(QStringLiteral("tcp://127.0.0.1:2376"), o), QStringLiteral("ca.pem"));

        QVERIFY(QFile::remove(certs.filePath(QStringLiteral("key.pem"))));
        o.env.insert(QStringLiteral("DOCKER_CERT_PATH"), certs.path());
        QVERIFY_RESULT_ERROR(resolveHost(QStringLiteral("tcp://127.0.0.1:2376"), o), QStringLiteral("key.pem"));

        o.env = QProcessEnvironment();
        o.env.insert(QStringLiteral("DOCKER_TLS"), QStringLiteral("1"));
        o.env.insert(QStringLiteral("HOME"), QStringLiteral("/nonexistent"));
        auto noVerify = resolveHost(QStringLiteral("tcp://127.0.0.1:2376"), o);
        QVERIFY_RESULT(noVerify);
        QVERIFY(noVerify->useTls);
        QVERIFY(!noVerify->tls.verifyServer);
    }

    void unixSocket()
    {
        HostResolveOptions o;
        const auto r = resolveHost(QStringLiteral("unix:///var/run/docker.sock"), o);
        QVERIFY_RESULT(r);
        QCOMPARE(r->kind, HostKind::DockerApi);
        QCOMPARE(r->apiUrl, QStringLiteral("unix:///var/run/docker.sock"));
    }
};

QTEST_GUILESS_MAIN(TestConfigHosts)
#include "tst_config_hosts.moc"
