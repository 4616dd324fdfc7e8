#include "docker/sshcli/SshCliStreams.h"

#include "ssh/SshSession.h"

#include <QTimer>

#include <algorithm>
#include <utility>

namespace archnest::sshcli {

namespace {
// Time for `docker exec -it` to start and install its SIGWINCH handler (generous on a busy host).
constexpr int kDockerCliStartupMs = 700;
constexpr int kNudgeSettleMs = 500;
constexpr int kMaxHoldMs = 5000; // type-ahead of a command that prints nothing

template<typename Stream>
void failSoon(Stream *stream, const QString &error)
{
    QMetaObject::invokeMethod(
        stream, [stream, error] { Q_EMIT stream->failed(error); }, Qt::QueuedConnection);
}

} // namespace

SshLogStream::SshLogStream(ssh::SshChannelStream *channel, const QString &error, QObject *parent, bool showTimestamps)
    : LogStream(parent)
    , m_channel(channel)
    , m_merger(showTimestamps)
{
    if (!channel) {
        failSoon(this, error);
        return;
    }
    m_clock.start();
    m_hold.setSingleShot(true);
    connect(&m_hold, &QTimer::timeout, this, [this] { release(false); });
    channel->setParent(this);
    connect(channel, &ssh::SshChannelStream::dataReceived, this, [this](const QByteArray &data, OutputChannel which) {
        m_merger.feed(data, which, m_clock.elapsed());
        release(false);
    });
    connect(channel, &ssh::SshChannelStream::finished, this, [this](int status) {
        if (m_done)
            return;
        m_done = true;
        m_merger.finish();
        release(true);
        Q_EMIT finished(status == 0 ? QStringLiteral("the log stream ended")
                                    : QStringLiteral("the log stream ended (docker logs exited with %1)").arg(status));
    });
    connect(channel, &ssh::SshChannelStream::failed, this, [this](const QString &message) {
        if (m_done)
            return;
        m_done = true;
        m_merger.finish();
        release(true);
        Q_EMIT failed(message);
    });
}

void SshLogStream::release(bool all)
{
    const qint64 now = m_clock.elapsed();
    const QList<LogLineMerger::Run> runs = m_merger.take(now, all);
    const qint64 next = m_merger.nextReleaseMs();
    if (next >= 0)
        m_hold.start(int(std::max<qint64>(1, next - now)));
    else
        m_hold.stop();
    QPointer<SshLogStream> self(this);
    for (const LogLineMerger::Run &run : runs) {
        if (!self)
            return; // a receiver deleted us
        Q_EMIT dataReceived(run.data, run.channel);
    }
}

SshLogStream::~SshLogStream() = default;

void SshLogStream::stop()
{
    if (m_channel)
        m_channel->close();
}

SshStatsStream::SshStatsStream(ssh::SshChannelStream *channel, const QString &error, QObject *parent)
    : StatsStream(parent)
    , m_channel(channel)
{
    if (!channel) {
        failSoon(this, error);
        return;
    }
    channel->setParent(this);
    connect(channel, &ssh::SshChannelStream::dataReceived, this, [this](const QByteArray &data, OutputChannel which) {
        if (which == OutputChannel::Stderr) {
            if (m_stderr.size() < 4096)
                m_stderr += data.left(4096 - m_stderr.size());
            return;
        }
        const QList<StatsSample> samples = m_parser.feed(data, QDateTime::currentDateTimeUtc());
        for (const StatsSample &s : samples)
            Q_EMIT sampleReceived(s);
    });
    connect(channel, &ssh::SshChannelStream::finished, this, [this](int status) {
        if (m_done)
            return;
        m_done = true;
        if (status != 0)
            Q_EMIT failed(QStringLiteral("docker stats exited with %1: %2")
                              .arg(status)
                              .arg(QString::fromUtf8(m_stderr).trimmed()));
        else
            Q_EMIT finished(QStringLiteral("the stats stream ended"));
    });
    connect(channel, &ssh::SshChannelStream::failed, this, [this](const QString &message) {
        if (m_done)
            return;
        m_done = true;
        Q_EMIT failed(message);
    });
}

SshStatsStream::~SshStatsStream() = default;

void SshStatsStream::stop()
{
    if (m_channel)
        m_channel->close();
}

SshExecStream::SshExecStream(ssh::SshChannelStream *channel, const QString &error, QObject *parent,
                             std::function<void()> hangUp, bool tty)
    : ExecStream(parent)
    , m_channel(channel)
    , m_hangUp(std::move(hangUp))
{
    if (!channel) {
        failSoon(this, error);
        return;
    }
    channel->setParent(this);
    m_holdInput = tty;
    connect(channel, &ssh::SshChannelStream::started, this, &ExecStream::started);
    // `docker exec -it` forwards the PTY size on SIGWINCH, but a resize that lands while the
    // docker CLI is still starting (before its handler is installed) is lost, and re-sending the
    // same size raises no SIGWINCH. Once the CLI is up, nudge the size so it reads the latest.
    // Input typed ahead would reach the container's PTY before the docker CLI sized it (the
    // CLI resizes right after the exec starts, concurrently; `stty size` typed ahead failed), so
    // it is held until the command has printed something (the CLI and the container's process
    // run) and the start-up nudge has settled; output that comes later gets its own settling
    // time, and a command that prints nothing gets its input after kMaxHoldMs. On a loaded host
    // the CLI may print later than the timed nudge (which then went to a CLI not yet listening),
    // so the first output brings a second nudge, and input waits for that one to settle too.
    connect(channel, &ssh::SshChannelStream::started, this, [this] {
        QTimer::singleShot(kDockerCliStartupMs, this, [this] {
            nudgeSize();
            // The nudge passes through one column less: let the docker CLI apply both sizes.
            QTimer::singleShot(kNudgeSettleMs, this, [this] {
                m_settled = true;
                releaseWhenSettled();
            });
        });
        QTimer::singleShot(kMaxHoldMs, this, &SshExecStream::releaseInput);
    });
    connect(channel, &ssh::SshChannelStream::dataReceived, this, [this](const QByteArray &data, OutputChannel ch) {
        Q_EMIT dataReceived(data, ch);
        if (m_sawOutput)
            return;
        m_sawOutput = true;
        if (!m_holdInput)
            return;
        nudgeSize();
        QTimer::singleShot(kNudgeSettleMs, this, [this] {
            m_outputSettled = true;
            releaseWhenSettled();
        });
    });
    connect(channel, &ssh::SshChannelStream::finished, this, [this](int code) {
        m_ended = true;
        Q_EMIT finished(code);
    });
    connect(channel, &ssh::SshChannelStream::failed, this, [this](const QString &message) {
        m_ended = true;
        Q_EMIT failed(message);
    });
}

SshExecStream::~SshExecStream() = default;

void SshExecStream::write(const QByteArray &data)
{
    if (m_holdInput)
        m_heldInput += data;
    else if (m_channel)
        m_channel->write(data);
}

void SshExecStream::releaseWhenSettled()
{
    if (m_settled && m_outputSettled)
        releaseInput();
}

void SshExecStream::releaseInput()
{
    if (!m_holdInput)
        return;
    m_holdInput = false;
    if (!m_channel)
        return;
    if (!m_heldInput.isEmpty())
        m_channel->write(std::exchange(m_heldInput, {}));
    if (m_heldClose)
        m_channel->closeStdin();
}

void SshExecStream::resize(int cols, int rows)
{
    m_cols = cols;
    m_rows = rows;
    if (m_channel)
        m_channel->resize(cols, rows);
}

void SshExecStream::nudgeSize()
{
    if (!m_channel || m_cols <= 1 || m_rows <= 0)
        return;
    m_channel->resize(m_cols - 1, m_rows);
    m_channel->resize(m_cols, m_rows);
}

void SshExecStream::closeStdin()
{
    if (m_holdInput)
        m_heldClose = true;
    else if (m_channel)
        m_channel->closeStdin();
}

void SshExecStream::setReadPaused(bool paused)
{
    if (m_channel)
        m_channel->setReadPaused(paused);
}

void SshExecStream::terminate()
{
    if (m_channel)
        m_channel->close();
    // Closing the channel ends the remote docker CLI, not the exec inside the container.
    if (!m_ended && m_hangUp) {
        m_ended = true;
        m_hangUp();
    }
}

} // namespace archnest::sshcli
