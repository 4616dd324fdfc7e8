#pragma once

#include <QtGlobal>

namespace archnest::receiver {

// Every limit the listener enforces, as named constants (see docs/docker-agent-monitoring.md,
// "Limits"). Each one is answered with its own status and a short JSON error.
struct ReceiverLimits
{
    qint64 maxBodyBytes = 8 * 1024 * 1024; // 413
    qint64 maxHeaderBytes = 16 * 1024;     // request line + headers; 431
    int maxHeaderCount = 100;              // 431
    int headerTimeoutMs = 5000;            // connect (and TLS handshake) -> end of headers; then dropped (408)
    int bodyTimeoutMs = 15000;             // end of headers -> end of body; then dropped (408)
    int maxConnections = 256;              // open at once; the extra ones get 503 and are closed
    int maxConnectionsPerAddress = 32;     // open at once from one client address; the extra ones get 503
    // Request bytes held in memory across all connections (a body counts with its declared
    // Content-Length as soon as its headers arrive); a request beyond it gets 503 + Retry-After.
    qint64 maxBufferedBytes = 64 * 1024 * 1024;
    int closeGraceMs = 2000;          // after the response: a client that does not read is cut off
    int tlsHandshakeTimeoutMs = 5000; // HTTPS only (also bounded by headerTimeoutMs)
    int acceptRetryMs = 500;          // after an accept error (e.g. out of file descriptors): resume accepting
};

ReceiverLimits defaultReceiverLimits();

} // namespace archnest::receiver
