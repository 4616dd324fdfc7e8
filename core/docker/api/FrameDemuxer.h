#pragma once

// The Engine API's multiplexed stream (logs, attach and exec without a TTY): frames of
// [stream type (1 stdout, 2 stderr), 0, 0, 0, big-endian uint32 size] + payload. Frames may be
// split anywhere across reads.

#include "docker/ContainerSource.h"

#include <QByteArray>

#include <functional>

namespace archnest::dockerapi {

class FrameDemuxer final
{
public:
    using Sink = std::function<void(const QByteArray &payload, OutputChannel channel)>;

    // Feeds bytes; calls `sink` for each complete frame (or raw bytes when `raw`, i.e. TTY).
    void feed(const QByteArray &data, const Sink &sink);
    void setRaw(bool raw) { m_raw = raw; }
    bool hasPartialFrame() const { return !m_buffer.isEmpty(); }

private:
    QByteArray m_buffer;
    bool m_raw = false;
};

} // namespace archnest::dockerapi
