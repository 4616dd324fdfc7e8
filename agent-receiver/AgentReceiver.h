#pragma once

#include "ReceiverConfig.h"
#include "store/AgentReportStore.h"
#include "util/Result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

class QTcpServer;
class QTcpSocket;

namespace archnest::receiver {

class ReceiverConnection;

// The push-agent listener: HTTP/1.1 on QTcpServer (QSslServer with a certificate), requests
// parsed by llhttp with the limits in ReceiverLimits, tokens compared in constant time, each
// accepted report stored in one transaction. It stores data only: nothing in a request is
// executed, used as a path, or put into SQL text. Lives on one thread (with its store).
class AgentReceiver final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentReceiver)

public:
    AgentReceiver(ReceiverConfig config, store::AgentReportStore *store, QObject *parent = nullptr);
    ~AgentReceiver() override;

    VoidResult start();
    void stop();

    bool isListening() const;
    QHostAddress address() const;
    quint16 port() const;
    // True when listening on an address outside loopback / private / mesh ranges: the UI shows a
    // warning and the log has one.
    bool boundToPublicAddress() const { return m_public; }
    int openConnections() const { return m_open; }
    const ReceiverConfig &config() const { return m_config; }
    // New tokens for the next requests (a rotated or added token), without closing the listener.
    // Call it on the receiver's thread.
    void setTokens(const QByteArray &ingestToken, const QHash<QString, QByteArray> &hostTokens);
    void setClock(store::NowFn now) { m_now = std::move(now); }

    struct Counters
    {
        quint64 connections = 0;
        quint64 overCapacity = 0;
        quint64 stored = 0;
        quint64 rejected = 0;
        quint64 timedOut = 0;
    };
    Counters counters() const { return m_counters; }

Q_SIGNALS:
    void reportStored(const QString &hostId);
    void requestRejected(const QString &remoteAddress, int status, const QString &reason);

private:
    friend class ReceiverConnection;
    void acceptPending();
    void connectionClosed();
    // Called by a connection; each answers through ReceiverConnection::respond.
    void onHeaders(ReceiverConnection *c);
    void onComplete(ReceiverConnection *c);
    void onFailed(ReceiverConnection *c, int status, const QString &message);
    void onTimeout(ReceiverConnection *c);

    void handleIngest(ReceiverConnection *c);
    void handleRead(ReceiverConnection *c, const QList<QString> &segments);
    bool checkToken(const QByteArray &presented, const QByteArray &expected) const;
    bool ingestTokenKnown(const QByteArray &presented) const;

    ReceiverConfig m_config;
    store::AgentReportStore *m_store = nullptr;
    store::NowFn m_now = store::systemNow();
    QTcpServer *m_server = nullptr;
    bool m_public = false;
    int m_open = 0;
    Counters m_counters;
};

// Short JSON error bodies: {"error":"..."} (+ "field" for schema errors).
QByteArray jsonError(const QString &message, const QString &field = {});

} // namespace archnest::receiver
