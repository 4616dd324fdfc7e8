#pragma once

// The stream objects SshCliContainerSource hands out, each wrapping one SSH channel.

#include "docker/ContainerSource.h"
#include "docker/sshcli/DockerCliParsers.h"
#include "docker/sshcli/LogLineMerger.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace archnest::ssh {
class SshChannelStream;
}

namespace archnest::sshcli {

// `docker logs --follow --timestamps` over one channel: its stdout and stderr are merged into
// one log in timestamp order, whole lines only (LogLineMerger); each dataReceived carries
// complete lines of one stream. The timestamps are stripped unless `showTimestamps`.
class SshLogStream final : public LogStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SshLogStream)

public:
    // `channel` may be null: then `failed(error)` follows on the next event-loop turn.
    SshLogStream(ssh::SshChannelStream *channel, const QString &error, QObject *parent, bool showTimestamps = true);
    ~SshLogStream() override;
    void stop() override;

private:
    void release(bool all);

    QPointer<ssh::SshChannelStream> m_channel;
    LogLineMerger m_merger;
    QElapsedTimer m_clock;
    QTimer m_hold; // releases held lines when their hold time is over
    bool m_done = false;
};

class SshStatsStream final : public StatsStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SshStatsStream)

public:
    SshStatsStream(ssh::SshChannelStream *channel, const QString &error, QObject *parent);
    ~SshStatsStream() override;
    void stop() override;

private:
    QPointer<ssh::SshChannelStream> m_channel;
    StatsStreamParser m_parser;
    QByteArray m_stderr;
    bool m_done = false;
};

class SshExecStream final : public ExecStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SshExecStream)

public:
    // `hangUp` (optional) ends the exec's processes in the container; terminate() calls it when
    // the exec has not ended by itself (see docker/ExecHangup.h). It must not use this stream.
    // `tty`: the channel is a PTY running `docker exec -it` (type-ahead is held, see the .cpp).
    SshExecStream(ssh::SshChannelStream *channel, const QString &error, QObject *parent,
                  std::function<void()> hangUp = {}, bool tty = false);
    ~SshExecStream() override;
    void write(const QByteArray &data) override;
    void resize(int cols, int rows) override;
    void closeStdin() override;
    void terminate() override;
    void setReadPaused(bool paused) override;

private:
    void nudgeSize();
    void releaseInput();

    QPointer<ssh::SshChannelStream> m_channel;
    std::function<void()> m_hangUp;
    bool m_ended = false;
    int m_cols = 0;
    int m_rows = 0;
    // Type-ahead: on a PTY, input is held until the command is up and its PTY sized (see the
    // constructor), then delivered in order.
    bool m_holdInput = false;
    QByteArray m_heldInput;
    bool m_heldClose = false;
    bool m_sawOutput = false;     // the command printed something
    bool m_settled = false;       // the start-up nudge had time to land
    bool m_outputSettled = false; // the nudge sent after the first output had time to land
    void releaseWhenSettled();
};

} // namespace archnest::sshcli
