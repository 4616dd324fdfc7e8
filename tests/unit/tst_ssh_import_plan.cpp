// The "Import from ~/.ssh/config" plan without widgets (config/SshImportPlan.h, issue 15): every
// concrete alias after Include with its resolved target and jump chain, wildcard-only entries
// never, re-import updating instead of duplicating, names that cannot be used refused.
#include "TestSupport.h"
#include "config/HostsFile.h"
#include "config/SshImportPlan.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace archnest;
using namespace archnest::config;
using Action = SshImportCandidate::Action;

namespace {

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}

QList<int> all(const SshImportPlan &p)
{
    QList<int> out;
    for (int i = 0; i < p.candidates.size(); ++i)
        out << i;
    return out;
}

const SshImportCandidate *find(const SshImportPlan &p, const QString &alias)
{
    for (const SshImportCandidate &c : p.candidates)
        if (c.alias == alias)
            return &c;
    return nullptr;
}

} // namespace

class TestSshImportPlan final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_cfg;

    ssh::SshClientContext ctx() const
    {
        ssh::SshClientContext c = ssh::SshClientContext::fromSystem(m_cfg);
        c.runMatchExec = false;
        return c;
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_cfg = m_dir.filePath(QStringLiteral("config"));
        writeFile(m_dir.filePath(QStringLiteral("extra.conf")), "Host included\n  HostName 10.0.0.9\n  User inc\n");
        writeFile(m_cfg, QStringLiteral("Include %1\n"
                                        "Host web db # two aliases, then a comment\n"
                                        "  HostName %h.internal\n"
                                        "  ProxyJump gw\n"
                                        "Host gw\n"
                                        "  HostName 192.0.2.1\n"
                                        "  User jumper\n"
                                        "  Port 2222\n"
                                        "Host *.example.org !nope\n"
                                        "  User wild\n"
                                        "Host cmd\n"
                                        "  ProxyCommand nc %h %p\n"
                                        "Host loop1\n  ProxyJump loop2\nHost loop2\n  ProxyJump loop1\n"
                                        "Host user@odd\n  HostName 10.0.0.5\n"
                                        "Host *\n"
                                        "  User me\n")
                             .arg(m_dir.filePath(QStringLiteral("extra.conf")))
                             .toUtf8());
    }

    void listsConcreteAliasesWithTargetsAndJumps()
    {
        const auto plan = planSshConfigImport(ctx(), {});
        QVERIFY_RESULT(plan);
        QStringList aliases;
        for (const SshImportCandidate &c : plan->candidates)
            aliases << c.alias;
        QCOMPARE(aliases, QStringList({QStringLiteral("included"), QStringLiteral("web"), QStringLiteral("db"),
                                       QStringLiteral("gw"), QStringLiteral("cmd"), QStringLiteral("loop1"),
                                       QStringLiteral("loop2"), QStringLiteral("user@odd")}));
        const SshImportCandidate *web = find(*plan, QStringLiteral("web"));
        QCOMPARE(web->target, QStringLiteral("me@web.internal"));
        QCOMPARE(web->jumps, QStringList{QStringLiteral("jumper@192.0.2.1:2222")});
        QCOMPARE(web->action, Action::Add);
        QVERIFY(web->checkedByDefault());
        QCOMPARE(web->host.name, QStringLiteral("web"));
        QCOMPARE(web->host.sshConfigAlias, QStringLiteral("web"));
        QVERIFY(web->host.jumps.isEmpty()); // resolved again at each connect
        QCOMPARE(web->host.ssh.auth, SshAuthConfig());
        QCOMPARE(find(*plan, QStringLiteral("included"))->target, QStringLiteral("inc@10.0.0.9"));
        QCOMPARE(find(*plan, QStringLiteral("cmd"))->proxyCommand, QStringLiteral("nc %h %p"));
        // A ProxyJump loop is refused for that alias only, with why.
        const SshImportCandidate *loop = find(*plan, QStringLiteral("loop1"));
        QCOMPARE(loop->action, Action::Refused);
        QVERIFY(!loop->checkedByDefault());
        QVERIFY2(loop->problem.contains(QLatin1String("deeper")), qPrintable(loop->problem));
        // An alias that is no valid host name gets one.
        QCOMPARE(find(*plan, QStringLiteral("user@odd"))->host.name, QStringLiteral("user-odd"));
    }

    void reimportUpdatesInsteadOfDuplicating()
    {
        auto plan = planSshConfigImport(ctx(), {});
        QVERIFY_RESULT(plan);
        QList<HostConfig> hosts = applySshConfigImport({}, *plan, all(*plan));
        QCOMPARE(hosts.size(), 6); // 8 aliases, the two loop aliases refused
        // Through the hosts file and back: the same entries.
        const auto reread = parseHostsJson(hostsToJson(hosts), QStringLiteral("hosts.json"));
        QVERIFY_RESULT(reread);
        QCOMPARE(*reread, hosts);

        // The same config again: nothing to do.
        plan = planSshConfigImport(ctx(), hosts);
        QVERIFY_RESULT(plan);
        QCOMPARE(find(*plan, QStringLiteral("web"))->action, Action::UpToDate);
        QVERIFY(!find(*plan, QStringLiteral("web"))->checkedByDefault());
        QCOMPARE(applySshConfigImport(hosts, *plan, all(*plan)), hosts);

        // The user renames an imported host and edits its docker command; the config changes.
        for (HostConfig &h : hosts)
            if (h.name == QLatin1String("gw")) {
                h.name = QStringLiteral("gateway");
                h.dockerCommand = QStringLiteral("sudo -n docker");
            }
        QString text = QString::fromUtf8([&] {
            QFile f(m_cfg);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }());
        text.replace(QStringLiteral("192.0.2.1"), QStringLiteral("192.0.2.2"));
        writeFile(m_cfg, text.toUtf8());
        plan = planSshConfigImport(ctx(), hosts);
        QVERIFY_RESULT(plan);
        const SshImportCandidate *gw = find(*plan, QStringLiteral("gw"));
        QCOMPARE(gw->action, Action::Update);
        QCOMPARE(gw->host.name, QStringLiteral("gateway")); // matched by alias, not by name
        const QList<HostConfig> after = applySshConfigImport(hosts, *plan, all(*plan));
        QCOMPARE(after.size(), hosts.size());
        for (const HostConfig &h : after)
            if (h.name == QLatin1String("gateway")) {
                QCOMPARE(h.ssh.host, QStringLiteral("192.0.2.2"));
                QCOMPARE(h.dockerCommand, QStringLiteral("sudo -n docker"));
            }
    }

    void plainEntryOfTheSameNameBecomesTheAliasEntry()
    {
        HostConfig old; // as an older import wrote it: the resolved values themselves
        old.name = QStringLiteral("gw");
        old.kind = HostKind::Ssh;
        old.ssh.host = QStringLiteral("192.0.2.1");
        old.ssh.port = 2222;
        old.ssh.auth.identityFile = QStringLiteral("~/.ssh/old");
        old.readOnly = true;
        HostConfig api;
        api.name = QStringLiteral("db");
        api.kind = HostKind::DockerApi;
        api.apiUrl = QStringLiteral("tcp://127.0.0.1:2375");
        const auto plan = planSshConfigImport(ctx(), {old, api});
        QVERIFY_RESULT(plan);
        const SshImportCandidate *gw = find(*plan, QStringLiteral("gw"));
        QCOMPARE(gw->action, Action::Update);
        QCOMPARE(gw->host.sshConfigAlias, QStringLiteral("gw"));
        QVERIFY(gw->host.readOnly);
        QCOMPARE(gw->host.ssh.auth, SshAuthConfig()); // the config's keys, all of them, at connect
        // A non-SSH host of that name is never overwritten.
        const SshImportCandidate *db = find(*plan, QStringLiteral("db"));
        QCOMPARE(db->action, Action::Refused);
        QVERIFY2(db->problem.contains(QLatin1String("docker-api")), qPrintable(db->problem));
        const QList<HostConfig> after = applySshConfigImport({old, api}, *plan, all(*plan));
        QCOMPARE(after.at(1), api);
        QCOMPARE(after.at(0).sshConfigAlias, QStringLiteral("gw"));
    }

    void hostNames()
    {
        QCOMPARE(hostNameForAlias(QStringLiteral("web-1.prod")), QStringLiteral("web-1.prod"));
        QCOMPARE(hostNameForAlias(QStringLiteral("a@b:22")), QStringLiteral("a-b-22"));
        QCOMPARE(hostNameForAlias(QStringLiteral("_x")), QStringLiteral("x"));
        QCOMPARE(hostNameForAlias(QStringLiteral("%%")), QString());
    }

    void unreadableConfigIsAnError()
    {
        m_cfg = m_dir.filePath(QStringLiteral("missing"));
        QVERIFY(!planSshConfigImport(ctx(), {}));
    }
};

QTEST_GUILESS_MAIN(TestSshImportPlan)
#include "tst_ssh_import_plan.moc"
