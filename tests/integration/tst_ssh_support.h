#pragma once

// Helpers shared by the SSH integration tests: fixture endpoints, a stand-in for the person who
// answers host-key and secret questions, bounded waits, and private sshd instances started and
// stopped by pid (tests/fixtures/sshd.sh spawn|kill) for tests that count or kill connections.

#include "Fixtures.h"
#include "model/HostConfig.h"
#include "ssh/SshSession.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <csignal>
#include <optional>

namespace archnest::test {

inline QString fxValue(const char *key)
{
    return Fixtures::instance().value(QString::fromLatin1(key));
}

inline QString sshDir()
{
    return fxValue("ARCHNEST_FX_SSH_DIR");
}

inline SshEndpoint fxEndpoint(int port, const QStringList &methods = {})
{
    SshEndpoint ep;
    ep.host = QStringLiteral("127.0.0.1");
    ep.port = port;
    ep.user = Fixtures::instance().sshUser();
    ep.auth.methods = methods;
    ep.auth.useAgent = false;
    return ep;
}

inline SshEndpoint keyEndpoint(int port, const QString &keyFile = fxValue("ARCHNEST_FX_SSH_KEY"))
{
    SshEndpoint ep = fxEndpoint(port, {QStringLiteral("publickey")});
    ep.auth.identityFile = keyFile;
    return ep;
}

inline ssh::SshTarget fxTarget(const SshEndpoint &ep,
                               const QString &knownHosts = fxValue("ARCHNEST_FX_SSH_KNOWN_HOSTS"))
{
    ssh::SshTarget t;
    t.endpoint = ep;
    t.knownHostsFile = knownHosts;
    t.connectTimeoutMs = 20000;
    return t;
}

// A managed fixture host for source tests: "ssh" (the docker CLI over the target sshd, key auth),
// "api-unix" (the Engine API on the plain dockerd's socket) or "api-tcp" (its tcp port).
inline HostConfig fixtureManagedHost(const QString &path, const QString &knownHostsFile)
{
    const Fixtures &fx = Fixtures::instance();
    HostConfig h;
    if (path == QLatin1String("ssh")) {
        h.name = QStringLiteral("fx-ssh");
        h.kind = HostKind::Ssh;
        h.ssh = keyEndpoint(fx.sshTargetPort());
        h.knownHostsFile = knownHostsFile;
    } else if (path == QLatin1String("api-unix")) {
        h.name = QStringLiteral("fx-api-unix");
        h.kind = HostKind::DockerApi;
        h.apiUrl = QStringLiteral("unix://") + fx.dockerSocket();
    } else {
        h.name = QStringLiteral("fx-api-tcp");
        h.kind = HostKind::DockerApi;
        h.apiUrl = fx.value(QStringLiteral("ARCHNEST_FX_DOCKER_TCP"));
    }
    return h;
}

// Stands in for the person at the keyboard (the GUI dialog / terminal prompt): answers every
// question as scripted and records what was asked.
class FakeUserInteraction final : public ssh::SshInteraction
{
public:
    ssh::HostKeyDecision hostKeyDecision = ssh::HostKeyDecision::Reject;
    std::optional<QString> secret;
    QList<ssh::HostKeyQuestion> hostKeyQuestions;
    QList<ssh::SecretQuestion> secretQuestions;

    void askHostKey(const ssh::HostKeyQuestion &q, std::function<void(ssh::HostKeyDecision)> answer) override
    {
        hostKeyQuestions << q;
        answer(hostKeyDecision);
    }
    void askSecret(const ssh::SecretQuestion &q, std::function<void(std::optional<QString>)> answer) override
    {
        secretQuestions << q;
        answer(secret);
    }
};

// Runs one command and waits (bounded) for its result.
inline std::optional<Result<ssh::SshExecResult>> runExec(ssh::SshSession &s, const QString &cmd, int timeoutMs = 30000,
                                                         const QByteArray &stdinData = {})
{
    std::optional<Result<ssh::SshExecResult>> result;
    s.exec(cmd, stdinData, timeoutMs, [&](Result<ssh::SshExecResult> r) { result = std::move(r); });
    (void)QTest::qWaitFor([&] { return result.has_value(); }, timeoutMs + 30000);
    return result;
}

inline std::optional<Result<void>> runConnect(ssh::SshSession &s, int timeoutMs = 60000)
{
    std::optional<Result<void>> result;
    s.connectNow([&](Result<void> r) { result = std::move(r); });
    (void)QTest::qWaitFor([&] { return result.has_value(); }, timeoutMs);
    return result;
}

inline QString sshdScript()
{
    return qEnvironmentVariable("ARCHNEST_SOURCE_DIR") + QStringLiteral("/tests/fixtures/sshd.sh");
}

// One private sshd (like the fixture's target) for this test only; stopped by pid.
class SpawnedSshd final
{
public:
    // `extra`: "host-cert" gives the sshd host certificates from a CA of its own (see sshd.sh).
    explicit SpawnedSshd(const QString &name, const QString &extra = QString())
        : m_name(name)
        , m_extra(extra)
    {}
    ~SpawnedSshd() { stop(); }
    SpawnedSshd(const SpawnedSshd &) = delete;
    SpawnedSshd &operator=(const SpawnedSshd &) = delete;

    bool start()
    {
        QStringList args{sshdScript(), QStringLiteral("spawn"), Fixtures::instance().dir(), m_name};
        if (!m_extra.isEmpty())
            args << m_extra;
        const auto r = Fixtures::run(QStringLiteral("bash"), args, 60000);
        m_port = QString::fromUtf8(r.out).trimmed().toInt();
        m_error = QString::fromUtf8(r.err);
        return r.exitCode == 0 && m_port > 0;
    }
    void stop()
    {
        Fixtures::run(QStringLiteral("bash"),
                      {sshdScript(), QStringLiteral("kill"), Fixtures::instance().dir(), m_name}, 30000);
    }
    // SIGKILL the listener and every per-connection process it forked (found by parent pid),
    // so established connections drop as if the machine went away.
    int killHard()
    {
        QFile pidFile(dir() + QStringLiteral("/sshd.pid"));
        if (!pidFile.open(QIODevice::ReadOnly))
            return 0;
        const qint64 master = pidFile.readAll().trimmed().toLongLong();
        if (master <= 1)
            return 0;
        QList<qint64> victims{master};
        for (int round = 0; round < 4; ++round) { // sshd forks at most a few levels deep
            const QStringList procs = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
            for (const QString &p : procs) {
                bool ok = false;
                const qint64 pid = p.toLongLong(&ok);
                if (!ok || victims.contains(pid))
                    continue;
                QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
                if (!stat.open(QIODevice::ReadOnly))
                    continue;
                const QByteArray line = stat.readAll();
                const int close = line.lastIndexOf(')');
                const QList<QByteArray> fields = line.mid(close + 2).split(' ');
                if (fields.size() > 1 && victims.contains(fields.at(1).toLongLong()))
                    victims << pid;
            }
        }
        for (qint64 pid : victims)
            ::kill(pid_t(pid), SIGKILL);
        return int(victims.size());
    }
    int port() const { return m_port; }
    QString error() const { return m_error; }
    QString dir() const { return sshDir() + QLatin1Char('/') + m_name; }
    QString knownHosts() const { return dir() + QStringLiteral("/known_hosts"); }
    int acceptedCount() const
    {
        QFile log(dir() + QStringLiteral("/sshd.log"));
        if (!log.open(QIODevice::ReadOnly))
            return -1;
        // One "Accepted <method> for <user>" line per authenticated connection.
        return int(QString::fromUtf8(log.readAll()).count(QRegularExpression(QStringLiteral("Accepted [a-z-]+ for "))));
    }

private:
    QString m_name;
    QString m_extra;
    int m_port = 0;
    QString m_error;
};

inline QString uniqueSshdName(const char *what)
{
    return QStringLiteral("t%1-%2").arg(QCoreApplication::applicationPid()).arg(QLatin1String(what));
}

} // namespace archnest::test
