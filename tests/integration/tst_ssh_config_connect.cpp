// ~/.ssh/config's authentication and verification directives honoured when connecting, against
// the real sshd fixture (issue 15): every IdentityFile tried in order, every UserKnownHostsFile /
// GlobalKnownHostsFile checked (a new key saved to the first user file only), HostKeyAlias as the
// name looked up and saved, IdentitiesOnly and IdentityAgent with a real ssh-agent, and
// ConnectTimeout / ServerAlive* carried into the session. Hosts are hosts-file entries naming an
// alias (`sshConfigAlias`), resolved as the app resolves them at each connect.
#include "config/SshConfigResolve.h"
#include "tst_ssh_support.h"

#include <QProcess>
#include <QTemporaryDir>

using namespace archnest;
using namespace archnest::test;

class TestSshConfigConnect final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_wrongKey;         // a key the fixture's sshd does not accept
    QString m_targetKnownLines; // the fixture target's known_hosts lines, key part only

    QString path(const QString &name) const { return m_tmp.filePath(name); }

    static void writeFile(const QString &file, const QByteArray &data)
    {
        QFile f(file);
        QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(file));
        f.write(data);
    }

    static QByteArray readFile(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    // A config with one alias "fx" for the fixture target plus `extra` lines, written to a new file.
    QString config(const QString &name, const QString &extra)
    {
        const QString file = path(name);
        writeFile(file, QStringLiteral("Host fx\n"
                                       "  HostName 127.0.0.1\n"
                                       "  Port %1\n"
                                       "  User %2\n"
                                       "  BatchMode yes\n"
                                       "%3")
                            .arg(Fixtures::instance().sshTargetPort())
                            .arg(Fixtures::instance().sshUser(), extra)
                            .toUtf8());
        return file;
    }

    Result<HostConfig> resolveAlias(const QString &cfg)
    {
        HostConfig entry;
        entry.name = QStringLiteral("fx-alias");
        entry.kind = HostKind::Ssh;
        entry.sshConfigAlias = QStringLiteral("fx");
        return config::resolveSshConfigAlias(entry, cfg);
    }

    // Connects the alias and runs `echo`; the result (error or output).
    Result<QByteArray> run(const QString &cfg, FakeUserInteraction *ui = nullptr)
    {
        const Result<HostConfig> h = resolveAlias(cfg);
        if (!h)
            return h.error();
        ssh::SshTarget t = ssh::SshTarget::fromHost(*h);
        FakeUserInteraction fallback;
        ssh::SshSession s(t, ui ? ui : &fallback);
        const auto r = runExec(s, QStringLiteral("echo config-ok"));
        if (!r)
            return Error(QStringLiteral("no answer"), QStringLiteral("timeout"));
        if (!*r)
            return r->error();
        return r->value().out;
    }

    // The target's known_hosts lines with `name` instead of "[127.0.0.1]:PORT".
    QByteArray knownLinesFor(const QString &name) const
    {
        QByteArray out;
        for (const QString &l : m_targetKnownLines.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            out += (name + QLatin1Char(' ') + l + QLatin1Char('\n')).toUtf8();
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        qunsetenv("SSH_AUTH_SOCK"); // the agent, where used, is named by IdentityAgent
        m_wrongKey = path(QStringLiteral("wrong_key"));
        const auto gen = Fixtures::run(QStringLiteral("ssh-keygen"),
                                       {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
                                        QStringLiteral("-N"), QString(), QStringLiteral("-f"), m_wrongKey});
        QVERIFY2(gen.exitCode == 0, gen.err.constData());
        const QString prefix = QStringLiteral("[127.0.0.1]:%1 ").arg(Fixtures::instance().sshTargetPort());
        for (const QString &l :
             QString::fromUtf8(readFile(fxValue("ARCHNEST_FX_SSH_KNOWN_HOSTS"))).split(QLatin1Char('\n'))) {
            if (l.startsWith(prefix))
                m_targetKnownLines += l.mid(prefix.size()) + QLatin1Char('\n');
        }
        QVERIFY(!m_targetKnownLines.isEmpty());
    }

    // OpenSSH tries every IdentityFile in order: the first is refused, the second works.
    void secondIdentityFileIsTried()
    {
        const QString kh = fxValue("ARCHNEST_FX_SSH_KNOWN_HOSTS");
        const QString both =
            config(QStringLiteral("two_ids"), QStringLiteral("  IdentitiesOnly yes\n"
                                                             "  IdentityFile %1\n"
                                                             "  IdentityFile %2\n"
                                                             "  UserKnownHostsFile %3\n")
                                                  .arg(m_wrongKey, fxValue("ARCHNEST_FX_SSH_KEY"), kh));
        const auto h = resolveAlias(both);
        QVERIFY2(h.ok(), qPrintable(h.errorMessage()));
        QCOMPARE(h->ssh.auth.identityFiles, QStringList({m_wrongKey, fxValue("ARCHNEST_FX_SSH_KEY")}));
        const auto r = run(both);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(*r, QByteArray("config-ok\n"));

        // The refused key alone: refused, and the message names it.
        const QString one = config(QStringLiteral("one_id"), QStringLiteral("  IdentitiesOnly yes\n"
                                                                            "  IdentityFile %1\n"
                                                                            "  UserKnownHostsFile %2\n")
                                                                 .arg(m_wrongKey, kh));
        const auto bad = run(one);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.errorMessage().contains(m_wrongKey), qPrintable(bad.errorMessage()));
    }

    // Every UserKnownHostsFile and GlobalKnownHostsFile is checked: the key is only in the last.
    void everyKnownHostsFileIsChecked()
    {
        writeFile(path(QStringLiteral("kh_empty")), "# nothing here\n");
        const QString cfg = config(QStringLiteral("kh_all"),
                                   QStringLiteral("  IdentityFile %1\n"
                                                  "  UserKnownHostsFile %2 %3\n"
                                                  "  GlobalKnownHostsFile %4 %5\n")
                                       .arg(fxValue("ARCHNEST_FX_SSH_KEY"), path(QStringLiteral("kh_empty")),
                                            path(QStringLiteral("kh_missing")), path(QStringLiteral("kh_missing2")),
                                            fxValue("ARCHNEST_FX_SSH_KNOWN_HOSTS")));
        FakeUserInteraction ui; // rejects: any question fails the connection
        const auto r = run(cfg, &ui);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY(ui.hostKeyQuestions.isEmpty());
        QVERIFY(!QFile::exists(path(QStringLiteral("kh_missing"))));
    }

    // A changed key in any file refuses the connection, even with the right key in another.
    void changedKeyInOneFileIsStillRefusedWhenNoFileMatches()
    {
        // The wrong key's public half as the target's host key.
        const QByteArray wrongPub = readFile(m_wrongKey + QStringLiteral(".pub")).split(' ').mid(0, 2).join(' ');
        writeFile(path(QStringLiteral("kh_changed")),
                  QStringLiteral("[127.0.0.1]:%1 ").arg(Fixtures::instance().sshTargetPort()).toUtf8() + wrongPub +
                      '\n');
        const QString cfg = config(QStringLiteral("kh_changed_cfg"),
                                   QStringLiteral("  IdentityFile %1\n"
                                                  "  UserKnownHostsFile %2 %3\n")
                                       .arg(fxValue("ARCHNEST_FX_SSH_KEY"), path(QStringLiteral("kh_empty")),
                                            path(QStringLiteral("kh_changed"))));
        FakeUserInteraction ui;
        ui.hostKeyDecision = ssh::HostKeyDecision::AcceptAndSave;
        const auto r = run(cfg, &ui);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("host-key-changed"));
        QVERIFY(ui.hostKeyQuestions.isEmpty());
    }

    // HostKeyAlias: the key is looked up under the alias (not [127.0.0.1]:port) ...
    void hostKeyAliasIsTheNameLookedUp()
    {
        writeFile(path(QStringLiteral("kh_alias")), knownLinesFor(QStringLiteral("fx-alias-key")));
        const QString cfg = config(QStringLiteral("alias_cfg"),
                                   QStringLiteral("  IdentityFile %1\n"
                                                  "  HostKeyAlias FX-Alias-Key\n"
                                                  "  UserKnownHostsFile %2\n")
                                       .arg(fxValue("ARCHNEST_FX_SSH_KEY"), path(QStringLiteral("kh_alias"))));
        FakeUserInteraction ui;
        const auto r = run(cfg, &ui);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QVERIFY(ui.hostKeyQuestions.isEmpty());

        // ... and the real name's entry does not count for it: unknown, asked under the alias.
        const QString other = config(QStringLiteral("alias_other_cfg"),
                                     QStringLiteral("  IdentityFile %1\n"
                                                    "  HostKeyAlias another-alias\n"
                                                    "  UserKnownHostsFile %2\n")
                                         .arg(fxValue("ARCHNEST_FX_SSH_KEY"), fxValue("ARCHNEST_FX_SSH_KNOWN_HOSTS")));
        FakeUserInteraction rejecting;
        const auto refused = run(other, &rejecting);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("host-key-unknown"));
        QCOMPARE(rejecting.hostKeyQuestions.size(), 1);
        QCOMPARE(rejecting.hostKeyQuestions.constFirst().host, QStringLiteral("another-alias"));
        QCOMPARE(rejecting.hostKeyQuestions.constFirst().port, 22);
    }

    // An accepted key is saved under the alias, to the first user file only.
    void newKeySavedUnderAliasToFirstUserFile()
    {
        const QString first = path(QStringLiteral("kh_save_first"));
        const QString second = path(QStringLiteral("kh_save_second"));
        writeFile(second, "# second\n");
        const QString cfg = config(QStringLiteral("save_cfg"), QStringLiteral("  IdentityFile %1\n"
                                                                              "  HostKeyAlias saved-alias\n"
                                                                              "  UserKnownHostsFile %2 %3\n")
                                                                   .arg(fxValue("ARCHNEST_FX_SSH_KEY"), first, second));
        FakeUserInteraction ui;
        ui.hostKeyDecision = ssh::HostKeyDecision::AcceptAndSave;
        const auto r = run(cfg, &ui);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(ui.hostKeyQuestions.size(), 1);
        const QByteArray saved = readFile(first);
        QVERIFY2(saved.startsWith("saved-alias "), saved.constData());
        QCOMPARE(readFile(second), QByteArray("# second\n"));
        // Known now: the next connection asks nothing.
        FakeUserInteraction again;
        const auto r2 = run(cfg, &again);
        QVERIFY2(r2.ok(), qPrintable(r2.errorMessage()));
        QVERIFY(again.hostKeyQuestions.isEmpty());
    }

    // A real ssh-agent holding the accepted key, named by IdentityAgent: used unless
    // IdentitiesOnly (the listed identity is another key) or `IdentityAgent none`.
    void identitiesOnlyAndIdentityAgent()
    {
        const QString sock = path(QStringLiteral("agent.sock"));
        QProcess agent;
        agent.start(QStringLiteral("ssh-agent"), {QStringLiteral("-D"), QStringLiteral("-a"), sock});
        QVERIFY(agent.waitForStarted(10000));
        const auto stopAgent = qScopeGuard([&] {
            agent.kill(); // by pid: the QProcess we started
            agent.waitForFinished(10000);
        });
        QVERIFY(QTest::qWaitFor([&] { return QFile::exists(sock); }, 10000));
        QProcess add;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SSH_AUTH_SOCK"), sock);
        add.setProcessEnvironment(env);
        add.start(QStringLiteral("ssh-add"), {fxValue("ARCHNEST_FX_SSH_KEY")});
        QVERIFY(add.waitForFinished(20000));
        QVERIFY2(add.exitCode() == 0, add.readAllStandardError().constData());

        const QString kh = fxValue("ARCHNEST_FX_SSH_KNOWN_HOSTS");
        auto cfgWith = [&](const QString &name, const QString &lines) {
            return config(name,
                          QStringLiteral("  IdentityFile %1\n  UserKnownHostsFile %2\n").arg(m_wrongKey, kh) + lines);
        };
        // The agent's key works when the agent may offer it.
        const auto viaAgent =
            run(cfgWith(QStringLiteral("agent_yes"), QStringLiteral("  IdentityAgent %1\n").arg(sock)));
        QVERIFY2(viaAgent.ok(), qPrintable(viaAgent.errorMessage()));
        // IdentitiesOnly: only the listed (refused) identity is offered.
        const auto only = run(cfgWith(QStringLiteral("agent_only"),
                                      QStringLiteral("  IdentityAgent %1\n  IdentitiesOnly yes\n").arg(sock)));
        QVERIFY(!only.ok());
        QCOMPARE(only.error().code, QStringLiteral("auth-failed"));
        QVERIFY2(only.errorMessage().contains(QLatin1String("IdentitiesOnly")), qPrintable(only.errorMessage()));
        // IdentityAgent none: no agent at all.
        const auto none = run(cfgWith(QStringLiteral("agent_none"), QStringLiteral("  IdentityAgent none\n")));
        QVERIFY(!none.ok());
        QCOMPARE(none.error().code, QStringLiteral("auth-failed"));
        // No IdentityAgent and no SSH_AUTH_SOCK: no agent either.
        const auto unset = run(cfgWith(QStringLiteral("agent_unset"), QString()));
        QVERIFY(!unset.ok());
    }

    // ConnectTimeout and ServerAliveInterval x ServerAliveCountMax reach the session.
    void timeoutsReachTheSession()
    {
        const QString cfg = config(QStringLiteral("timeouts_cfg"), QStringLiteral("  ConnectTimeout 7\n"
                                                                                  "  ServerAliveInterval 4\n"
                                                                                  "  ServerAliveCountMax 2\n"));
        const auto h = resolveAlias(cfg);
        QVERIFY2(h.ok(), qPrintable(h.errorMessage()));
        const ssh::SshTarget t = ssh::SshTarget::fromHost(*h);
        QCOMPARE(t.connectTimeoutMs, 7000);
        QCOMPARE(t.keepaliveSeconds, 4);
        QCOMPARE(t.deadPeerSeconds, 8);
        // Unset: ours.
        const auto plain = resolveAlias(config(QStringLiteral("plain_cfg"), QString()));
        QVERIFY(plain.ok());
        const ssh::SshTarget d = ssh::SshTarget::fromHost(*plain);
        QCOMPARE(d.connectTimeoutMs, ssh::SshTarget().connectTimeoutMs);
        QCOMPARE(d.keepaliveSeconds, ssh::SshTarget().keepaliveSeconds);
        QCOMPARE(d.deadPeerSeconds, ssh::SshTarget().deadPeerSeconds);
    }
};

QTEST_GUILESS_MAIN(TestSshConfigConnect)
#include "tst_ssh_config_connect.moc"
