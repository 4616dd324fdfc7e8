#pragma once

#include "ReceiverLimits.h"

#include <QHash>
#include <QString>
#include <QTcpServer>

namespace archnest::receiver {

// The listening socket. Every accepted connection goes straight to the receiver, plain or TLS
// alike: with a certificate the socket is a QSslSocket whose handshake the receiver starts and
// times out itself. (QSslServer counts connections still in their handshake against the pending
// limit and, once 256 idle clients filled it, stopped accepting for good.)
class ReceiverServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReceiverServer)

public:
    explicit ReceiverServer(bool tls, QObject *parent = nullptr);
    ~ReceiverServer() override;

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    bool m_tls = false;
};

// Who holds what: open connections (in total and per client address) and request bytes held in
// memory, against the caps in ReceiverLimits. Plain bookkeeping, one thread.
class ConnectionBudget final
{
public:
    explicit ConnectionBudget(const ReceiverLimits &limits)
        : m_limits(limits)
    {}

    enum class Admission { Admitted, OverTotal, OverAddress };
    // Counts the connection when admitted.
    Admission admit(const QString &address);
    void release(const QString &address);
    // Adds `bytes` to the buffered total unless that would pass the cap.
    bool reserve(qint64 bytes);
    void unreserve(qint64 bytes);

    int open() const { return m_open; }
    int openFrom(const QString &address) const { return m_perAddress.value(address); }
    qint64 bufferedBytes() const { return m_buffered; }
    void clear();

private:
    ReceiverLimits m_limits;
    int m_open = 0;
    QHash<QString, int> m_perAddress;
    qint64 m_buffered = 0;
};

} // namespace archnest::receiver
