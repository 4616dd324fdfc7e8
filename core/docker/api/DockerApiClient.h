#pragma once

// The Engine API over one endpoint: version negotiation (GET /_ping's Api-Version header, as the
// docker CLI does; /version only when a daemon does not send it), a small keep-alive pool with
// a cap on parallel connections, buffered requests with a timeout, and dedicated connections
// for streams (logs, stats, events, exec hijack).

#include "docker/ContainerSource.h"
#include "docker/api/ApiEndpoint.h"
#include "docker/api/HttpConnection.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QQueue>

#include <functional>

namespace archnest::dockerapi {

struct HttpResponse
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QByteArray apiVersion; // the Api-Version header (GET /_ping answers with it)
    QByteArray server;     // the Server header: "Docker/20.10.24 (linux)", "Libpod/4.3.1 (linux)"
    bool libpod = false;   // a Libpod-Api-Version header: Podman's service
};

// The highest API version we speak; the daemon's own is used when lower.
inline constexpr char kMaxApiVersion[] = "1.41";

class DockerApiClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DockerApiClient)

public:
    explicit DockerApiClient(ApiEndpoint endpoint, QObject *parent = nullptr);
    ~DockerApiClient() override;

    const ApiEndpoint &endpoint() const { return m_ep; }
    QString apiVersion() const { return m_version; } // "" until negotiated
    // Docker or Podman, from the negotiation's /_ping headers; Unknown before (or when the
    // daemon does not say).
    ContainerEngine engine() const { return m_engine; }
    bool supportsAtLeast(int major, int minor) const;

    // `path` is unversioned ("/containers/json?all=1"); the negotiated /vX.Y prefix is added.
    // `parallel` requests skip the cap on parallel connections: for calls the daemon answers
    // slowly but cheaply (stats wait for its 1 s collector tick), so 50 of them take one tick.
    void request(const QByteArray &method, const QByteArray &path, const QByteArray &body, Callback<HttpResponse> done,
                 int timeoutMs = 30000, bool parallel = false);
    // A dedicated connection; `ready` runs once the response head arrived with a 1xx/2xx status
    // (the caller then owns the connection and connects to its bodyData/closed/failed), or with
    // the error (a daemon error answer is read completely first).
    void openStream(const QByteArray &method, const QByteArray &path, const QByteArray &body, bool upgrade,
                    std::function<void(Result<HttpConnection *>)> ready, int connectTimeoutMs = 15000);

    // Gives up on every buffered request() still queued or in flight: their connections are
    // aborted (a request the daemon already received may still take effect) and each callback
    // runs later (queued) with an Error of code "cancelled" and `message`. Idle pooled
    // connections stay; requests made afterwards are unaffected. Streams are untouched.
    void cancelAll(const QString &message);
    int inFlight() const { return int(m_cancellers.size() + m_queue.size()); }

    // "No such container: x" from a JSON error body, or a short HTTP description.
    static QString daemonMessage(const HttpResponse &response);

    int idleConnections() const { return int(m_idle.size()); }

Q_SIGNALS:
    // Every request's outcome at the transport level: lets the source show Connected / Error.
    void transportResult(bool ok, const QString &message);
    // A fresh negotiation (first call, or the first after the daemon could not be reached).
    void negotiating();

private:
    struct Pending
    {
        HttpRequest request;
        Callback<HttpResponse> done;
        int timeoutMs = 30000;
        bool retried = false;
        bool parallel = false;
    };
    void withVersion(std::function<void(VoidResult)> next);
    void negotiateWithVersionEndpoint(quint64 generation);
    void finishNegotiation(VoidResult outcome);
    void enqueue(Pending p);
    void pump();
    void dispatch(Pending p);
    void requeue(Pending p); // a retry goes first
    void run(Pending p, HttpConnection *conn, bool reused);
    void release(HttpConnection *conn);

    ApiEndpoint m_ep;
    QString m_version;
    ContainerEngine m_engine = ContainerEngine::Unknown;
    bool m_negotiating = false;
    QList<std::function<void(VoidResult)>> m_versionWaiters;
    QList<HttpConnection *> m_idle;
    QQueue<Pending> m_queue;
    int m_active = 0;
    quint64 m_nextExchange = 0;
    quint64 m_negotiation = 0; // bumped by cancelAll: an older negotiation's answer is ignored
    QHash<quint64, std::function<void(const Error &)>> m_cancellers; // running exchanges
    static constexpr int kMaxParallel = 6;
};

} // namespace archnest::dockerapi
