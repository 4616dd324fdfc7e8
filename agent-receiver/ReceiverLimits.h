#pragma once

#include <QtGlobal>

namespace archnest::receiver {

// Every limit the listener enforces, as named constants (see docs/docker-agent-monitoring.md).
struct ReceiverLimits
{
    qint64 maxBodyBytes = 8 * 1024 * 1024;
    qint64 maxHeaderBytes = 16 * 1024;
    int headerTimeoutMs = 5000;
    int bodyTimeoutMs = 15000;
    int idleTimeoutMs = 7000;
    int maxConnections = 256;
};

ReceiverLimits defaultReceiverLimits();

} // namespace archnest::receiver
