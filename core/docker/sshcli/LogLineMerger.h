#pragma once

// One log out of the two streams of `docker logs --timestamps` over SSH.
//
// The docker CLI on the remote host writes a container's stdout and stderr to two pipes, which
// reach us as two independent SSH streams: their interleaving is lost, and a chunk may end in
// the middle of a line. The merger cuts each stream into whole lines (a line is never split,
// and never spliced into a line of the other stream) and releases them in timestamp order: a
// held line goes out once the other stream has shown a line at least as late, has ended, or
// after kHoldMs (the other stream may still bring an earlier line within that time). Lines
// without a timestamp keep their place in their own stream. Pure logic: the caller feeds data
// with a monotonic time and calls take() when nextReleaseMs() comes.

#include "docker/ContainerSource.h" // OutputChannel

#include <QByteArray>
#include <QList>

#include <deque>

namespace archnest::sshcli {

class LogLineMerger final
{
public:
    static constexpr qint64 kHoldMs = 400;
    // A "line" longer than this without a newline is released as it is (memory bound).
    static constexpr qsizetype kMaxLineBytes = 4 * 1024 * 1024;

    // Consecutive released lines of one stream.
    struct Run
    {
        QByteArray data;
        OutputChannel channel = OutputChannel::Stdout;
    };

    // keepTimestamps: false strips docker's "<RFC3339Nano> " prefix from each line.
    explicit LogLineMerger(bool keepTimestamps);

    void feed(const QByteArray &data, OutputChannel channel, qint64 nowMs);
    // Both streams are over: partial last lines become lines.
    void finish();
    // The lines that may go out now (all held lines when `all`).
    QList<Run> take(qint64 nowMs, bool all = false);
    // When take() may release more (-1: nothing held).
    qint64 nextReleaseMs() const;

    // "2026-12-06T06:54:01.66Z ..." -> a key that compares in time order ("" if none).
    static QByteArray timestampKey(const QByteArray &line);

private:
    struct Line
    {
        QByteArray key;
        QByteArray text;
        qint64 arrivedMs = 0;
    };
    struct Stream
    {
        QByteArray partial;
        std::deque<Line> held;
        QByteArray lastKey;
        bool ended = false;
    };
    void pushLine(Stream &s, QByteArray line, qint64 nowMs);

    bool m_keepTimestamps = false;
    Stream m_streams[2];
};

} // namespace archnest::sshcli
