#pragma once

// `archnest-cli receive` as a real process for the fault tests (tst_receiver_disk_full,
// tst_receiver_kill9): started on 127.0.0.1:0 (the port is read back from its "listening on"
// line), stopped by its pid.

#include <QByteArray>
#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QTest>

#include <csignal>
#include <memory>

namespace archnest::test {

struct ReceiverProcess
{
    std::unique_ptr<QProcess> process;
    quint16 port = 0;
    QByteArray out;

    ReceiverProcess() = default;
    ReceiverProcess(ReceiverProcess &&) = default;
    ReceiverProcess &operator=(ReceiverProcess &&) = default;
    ~ReceiverProcess() { kill(); }

    // Starts `cli --data-dir dataDir receive --listen LISTEN ... extra` (LISTEN: 127.0.0.1:0 unless
    // given) and waits (bounded) for its port. port stays 0 when it did not come up (out says why).
    static ReceiverProcess start(const QString &cli, const QString &dataDir, const QStringList &extra,
                                 const QString &listen = QStringLiteral("127.0.0.1:0"))
    {
        ReceiverProcess r = launch(cli, dataDir, extra, listen);
        r.waitListening();
        return r;
    }

    // Starts the process without waiting for it to listen (two receivers started together).
    static ReceiverProcess launch(const QString &cli, const QString &dataDir, const QStringList &extra,
                                  const QString &listen = QStringLiteral("127.0.0.1:0"))
    {
        ReceiverProcess r;
        r.process = std::make_unique<QProcess>();
        r.process->setProcessChannelMode(QProcess::MergedChannels);
        r.process->setProgram(cli);
        r.process->setArguments(QStringList{QStringLiteral("--data-dir"), dataDir, QStringLiteral("receive"),
                                            QStringLiteral("--listen"), listen} +
                                extra);
        r.process->start();
        return r;
    }

    // Waits (bounded) for the "listening on" line and reads the port from it.
    void waitListening()
    {
        if (!process->waitForStarted(10000))
            return;
        QDeadlineTimer deadline(30000);
        while (!deadline.hasExpired() && process->state() == QProcess::Running) {
            process->waitForReadyRead(50);
            out += process->readAll();
            const qsizetype at = out.indexOf("listening on http://127.0.0.1:");
            const qsizetype end = at >= 0 ? out.indexOf(' ', at + 30) : -1;
            if (end > 0) {
                port = quint16(out.mid(at + 30, end - at - 30).toUInt());
                break;
            }
        }
        out += process->readAll();
    }

    // SIGTERM, then SIGKILL after 10 s; true when it exited with status 0 on the TERM.
    bool stop()
    {
        if (!process || process->state() == QProcess::NotRunning)
            return false;
        ::kill(pid_t(process->processId()), SIGTERM);
        const bool clean = process->waitForFinished(10000);
        if (!clean)
            kill();
        out += process->readAll();
        return clean && process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0;
    }

    void kill()
    {
        if (!process || process->state() == QProcess::NotRunning)
            return;
        ::kill(pid_t(process->processId()), SIGKILL);
        process->waitForFinished(10000);
    }
};

inline void writeSmallFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(data);
}

} // namespace archnest::test
