// ~/.ssh/config end to end against the real sshd fixtures (issue 15): hosts resolved from an
// OpenSSH config (ssh:// URLs) and connected with our SSH session - a `ProxyCommand nc ...`
// (netcat-openbsd), a `ProxyCommand ssh -W %h:%p jump` (the real OpenSSH client through the
// jump fixture), a jump chosen by a Match block, a host from an Included file, and a failing
// ProxyCommand whose stderr ends up in the error. Every ProxyCommand process is gone (ended by
// pid) once its session is.
#include "config/HostUrl.h"
#include "tst_ssh_support.h"

#include <QDirIterator>
#include <QTemporaryDir>

using namespace archnest;
using namespace archnest::test;

namespace {

// The pids of this process's children (the ProxyCommand processes a session started).
QStringList childPids()
{
    QStringList pids;
    QDirIterator it(QStringLiteral("/proc/self/task"), QDir::Dirs | QDir::NoDotAndDotDot);
    int n = 0;
    while (it.hasNext() && ++n < 10000) {
        QFile f(it.next() + QStringLiteral("/children"));
        if (f.open(QIODevice::ReadOnly))
            pids << QString::fromLatin1(f.readAll()).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    }
    return pids;
}

} // namespace

class TestSshProxyCommand final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    QString m_config;

    Result<HostConfig> resolve(const QString &alias)
    {
        config::HostResolveOptions o;
        o.sshConfigFile = m_config;
        return config::resolveHost(QStringLiteral("ssh://") + alias, o);
    }

    void runsThrough(const QString &alias, int expectedJumps, bool expectProxy)
    {
        const auto h = resolve(alias);
        QVERIFY2(h.ok(), qPrintable(h.errorMessage()));
        QCOMPARE(h->jumps.size(), expectedJumps);
        QCOMPARE(!h->ssh.proxyCommand.isEmpty(), expectProxy);
        {
            ssh::SshTarget t = ssh::SshTarget::fromHost(*h);
            t.connectTimeoutMs = 20000;
            ssh::SshSession s(t, nullptr);
            const auto r = runExec(s, QStringLiteral("echo via-%1").arg(alias));
            QVERIFY2(r && r->ok(), r ? qPrintable(r->errorMessage()) : "timeout");
            QCOMPARE(r->value().out, QStringLiteral("via-%1\n").arg(alias).toUtf8());
            if (expectProxy)
                QVERIFY(!childPids().isEmpty());
        }
        QTRY_VERIFY_WITH_TIMEOUT(childPids().isEmpty(), 10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        const Fixtures &fx = Fixtures::instance();
        const QString kh = m_tmp.filePath(QStringLiteral("known_hosts"));
        QVERIFY(QFile::copy(fxValue("ARCHNEST_FX_SSH_KNOWN_HOSTS"), kh));
        m_config = m_tmp.filePath(QStringLiteral("ssh_config"));
        const QString inc = m_tmp.filePath(QStringLiteral("included.conf"));
        QFile i(inc);
        QVERIFY(i.open(QIODevice::WriteOnly));
        i.write(QStringLiteral("Host fxinc\n  HostName 127.0.0.1\n  Port %1\n").arg(fx.sshTargetPort()).toUtf8());
        i.close();
        const QString cfg =
            QStringLiteral("Include %1\n"
                           "Host fxnc # through netcat\n"
                           "  HostName 127.0.0.1\n"
                           "  Port %2\n"
                           "  ProxyCommand nc %h %p\n"
                           "Host fxjump\n"
                           "  HostName 127.0.0.1\n"
                           "  Port %3\n"
                           "Host fxw\n"
                           "  HostName 127.0.0.1\n"
                           "  Port %2\n"
                           "  ProxyCommand ssh -F %4 -W %h:%p fxjump\n"
                           "Host fxmatch\n"
                           "  HostName 127.0.0.1\n"
                           "  Port %2\n"
                           "Match originalhost fxmatch\n"
                           "  ProxyJump fxjump\n"
                           "Host fxfail\n"
                           "  HostName 127.0.0.1\n"
                           "  Port %2\n"
                           "  ProxyCommand sh -c 'echo proxy-broke-here >&2; exit 3'\n"
                           "Host *\n"
                           "  User %5\n"
                           "  IdentityFile %6\n"
                           "  UserKnownHostsFile %7\n"
                           "  IdentitiesOnly yes\n"
                           "  BatchMode yes\n")
                .arg(inc)
                .arg(fx.sshTargetPort())
                .arg(fx.sshJumpPort())
                .arg(m_tmp.filePath(QStringLiteral("ssh_config")), fx.sshUser(), fxValue("ARCHNEST_FX_SSH_KEY"), kh);
        QFile f(m_config);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(cfg.toUtf8());
        f.close();
        QVERIFY(childPids().isEmpty());
    }

    void proxyCommandNetcat() { runsThrough(QStringLiteral("fxnc"), 0, true); }

    void proxyCommandSshW() { runsThrough(QStringLiteral("fxw"), 0, true); }

    void matchRoutedJump() { runsThrough(QStringLiteral("fxmatch"), 1, false); }

    void includedHost() { runsThrough(QStringLiteral("fxinc"), 0, false); }

    void failingProxyCommandSaysWhy()
    {
        const auto h = resolve(QStringLiteral("fxfail"));
        QVERIFY2(h.ok(), qPrintable(h.errorMessage()));
        {
            ssh::SshTarget t = ssh::SshTarget::fromHost(*h);
            t.connectTimeoutMs = 5000;
            ssh::SshSession s(t, nullptr);
            const auto r = runExec(s, QStringLiteral("true"));
            QVERIFY(r && !r->ok());
            QVERIFY2(r->errorMessage().contains(QLatin1String("proxy-broke-here")), qPrintable(r->errorMessage()));
        }
        QTRY_VERIFY_WITH_TIMEOUT(childPids().isEmpty(), 10000);
    }
};

QTEST_GUILESS_MAIN(TestSshProxyCommand)
#include "tst_ssh_proxy_command.moc"
