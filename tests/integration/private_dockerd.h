#pragma once

// A private dockerd for one test (the options of tests/fixtures/dockerd.sh: vfs, no bridge, no
// iptables), on a unix socket under the fixture dir, started and stopped by pid - for tests
// that stop or restart the daemon, which must never happen to the shared fixture one.

#include "ApiTestSupport.h"

#include <QDir>
#include <QProcess>

#include <memory>

namespace archnest::test {

class PrivateDockerd final
{
public:
    explicit PrivateDockerd(QString dir)
        : m_dir(std::move(dir))
    {
        QDir().mkpath(m_dir);
    }
    ~PrivateDockerd() { stop(); }
    PrivateDockerd(const PrivateDockerd &) = delete;
    PrivateDockerd &operator=(const PrivateDockerd &) = delete;

    QString socket() const { return m_dir + QStringLiteral("/d.sock"); }
    QString dir() const { return m_dir; }
    bool running() const { return m_process && m_process->state() == QProcess::Running; }

    // Starts it and waits (bounded) until `docker version` answers on its socket.
    bool start()
    {
        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
        m_process->setStandardOutputFile(m_dir + QStringLiteral("/dockerd.log"), QIODevice::Append);
        m_process->start(
            QStringLiteral("dockerd"),
            {QStringLiteral("--storage-driver=vfs"), QStringLiteral("--data-root"), m_dir + QStringLiteral("/data"),
             QStringLiteral("--exec-root"), m_dir + QStringLiteral("/exec"), QStringLiteral("--pidfile"),
             m_dir + QStringLiteral("/dockerd.pid"), QStringLiteral("-H"), QStringLiteral("unix://") + socket(),
             QStringLiteral("--bridge=none"), QStringLiteral("--iptables=false"), QStringLiteral("--ip-masq=false"),
             QStringLiteral("--ip-forward=false"), QStringLiteral("--userland-proxy=false"),
             QStringLiteral("--shutdown-timeout"), QStringLiteral("2"), QStringLiteral("--log-level"),
             QStringLiteral("warn")});
        if (!m_process->waitForStarted(10000))
            return false;
        return QTest::qWaitFor(
            [&] { return running() && dockerOn(socket(), {QStringLiteral("version")}, 10000).exitCode == 0; }, 60000);
    }

    // SIGTERM to the pid we started, SIGKILL after 30 s.
    void stop()
    {
        if (!m_process)
            return;
        m_process->terminate();
        if (!m_process->waitForFinished(30000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
        m_process.reset();
    }

    // Removes the data root (vfs layers owned by root) once stopped.
    void removeData()
    {
        stop();
        QDir(m_dir).removeRecursively();
    }

private:
    QString m_dir;
    std::unique_ptr<QProcess> m_process;
};

} // namespace archnest::test
