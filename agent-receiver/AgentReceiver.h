#pragma once

#include "ReceiverConfig.h"
#include "ReceiverServer.h"
#include "store/AgentReportStore.h"
#include "util/Result.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>

class QTcpSocket;

namespace archnest::receiver {

class ReceiverConnection;

// The push-agent listener: HTTP/1.1 on QTcpServer (QSslServer with a certificate), requests
// parsed by llhttp with the limits in ReceiverLimits (connections in total and per client address,
// bytes buffered across connections), tokens compared in constant time, each
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
    int openConnections() const { return m_budget.open(); }
    int openConnectionsFrom(const QString &address) const { return m_budget.openFrom(address); }
    // Request bytes held in memory across connections (declared bodies count in full).
    qint64 bufferedBytes() const { return m_budget.bufferedBytes(); }
    const ReceiverConfig &config() const { return m_config; }
    // New tokens for the next requests (a rotated or added token), without closing the listener.
    // Call it on the receiver's thread.
    void setTokens(const QByteArray &ingestToken, const QHash<QString, QByteArray> &hostTokens);
    void setClock(store::NowFn now) { m_now = std::move(now); }
    // The store to use from now on (call it on the receiver's thread). A receiver made without
    // one (the desktop's store was away at start) answers 503 with Retry-After until it gets one.
    void setStore(store::AgentReportStore *store) { m_store = store; }

    struct Counters
    {
        quint64 connections = 0;
        quint64 overCapacity = 0;     // refused: the global connection cap
        quint64 overAddress = 0;      // refused: the per-address connection cap
        quint64 overBuffer = 0;       // refused: the buffered-bytes cap
        quint64 storeUnavailable = 0; // 503: the database was away or locked
        quint64 acceptErrors = 0;
        quint64 stored = 0;
        quint64 superseded = 0; // acknowledged, not written: the store held a report collected later
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
    void onAcceptError(QAbstractSocket::SocketError error);
    void refuse(QTcpSocket *socket, const QString &why);
    void connectionClosed(const QString &remote);
    // Charges a connection's request body (`totalBytes` so far, or declared) to the buffered-bytes
    // budget; over the cap it answers 503 and returns false.
    bool chargeBody(ReceiverConnection *c, qint64 totalBytes);
    void releaseCharge(qint64 bytes) { m_budget.unreserve(bytes); }
    void rejectUnavailableStore(ReceiverConnection *c, const Error &error);
    // Called by a connection; each answers through ReceiverConnection::respond.
    void onHeaders(ReceiverConnection *c);
    void onComplete(ReceiverConnection *c);
    void onFailed(ReceiverConnection *c, int status, const QString &message);
    void onTimeout(ReceiverConnection *c);

    void handleIngest(ReceiverConnection *c);
    void handleRead(ReceiverConnection *c, const QList<QString> &segments); // AgentReceiverRead.cpp
    void handleHealth(ReceiverConnection *c);                               // AgentReceiverRead.cpp
    bool checkToken(const QByteArray &presented, const QByteArray &expected) const;
    bool ingestTokenKnown(const QByteArray &presented) const;
    bool tokenMaySpeakFor(const QByteArray &presented, const QString &hostId) const;

    ReceiverConfig m_config;
    store::AgentReportStore *m_store = nullptr;
    store::NowFn m_now = store::systemNow();
    ReceiverServer *m_server = nullptr;
    QSslConfiguration m_tlsConfig;
    bool m_public = false;
    ConnectionBudget m_budget;
    Counters m_counters;
};

// Short JSON error bodies: {"error":"..."} (+ "field" for schema errors).
QByteArray jsonError(const QString &message, const QString &field = {});

} // namespace archnest::receiver
