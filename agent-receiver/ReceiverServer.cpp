#include "ReceiverServer.h"

#include <QSslSocket>

#include <unistd.h>

namespace archnest::receiver {

ReceiverServer::ReceiverServer(bool tls, QObject *parent)
    : QTcpServer(parent)
    , m_tls(tls)
{}

ReceiverServer::~ReceiverServer() = default;

void ReceiverServer::incomingConnection(qintptr socketDescriptor)
{
    QTcpSocket *socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        ::close(int(socketDescriptor));
        return;
    }
    addPendingConnection(socket);
}

ConnectionBudget::Admission ConnectionBudget::admit(const QString &address)
{
    if (m_open >= m_limits.maxConnections)
        return Admission::OverTotal;
    int &mine = m_perAddress[address];
    if (mine >= m_limits.maxConnectionsPerAddress) {
        if (mine == 0)
            m_perAddress.remove(address);
        return Admission::OverAddress;
    }
    ++mine;
    ++m_open;
    return Admission::Admitted;
}

void ConnectionBudget::release(const QString &address)
{
    auto it = m_perAddress.find(address);
    if (it == m_perAddress.end())
        return;
    m_open = qMax(0, m_open - 1);
    if (--it.value() <= 0)
        m_perAddress.erase(it);
}

bool ConnectionBudget::reserve(qint64 bytes)
{
    if (bytes <= 0)
        return true;
    if (m_buffered + bytes > m_limits.maxBufferedBytes)
        return false;
    m_buffered += bytes;
    return true;
}

void ConnectionBudget::unreserve(qint64 bytes)
{
    m_buffered = qMax<qint64>(0, m_buffered - qMax<qint64>(0, bytes));
}

void ConnectionBudget::clear()
{
    m_open = 0;
    m_perAddress.clear();
    m_buffered = 0;
}

} // namespace archnest::receiver
