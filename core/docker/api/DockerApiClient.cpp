#include "docker/api/DockerApiClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace archnest::dockerapi {

namespace {
// A buffered answer larger than this is refused (logs without a tail can be huge).
constexpr qsizetype kMaxBodyBytes = qsizetype(256) * 1024 * 1024;

int versionNumber(const QString &v)
{
    const QStringList parts = v.split(QLatin1Char('.'));
    if (parts.size() != 2)
        return 0;
    return parts[0].toInt() * 1000 + parts[1].toInt();
}
} // namespace

DockerApiClient::DockerApiClient(ApiEndpoint endpoint, QObject *parent)
    : QObject(parent)
    , m_ep(std::move(endpoint))
{}

DockerApiClient::~DockerApiClient() = default;

bool DockerApiClient::supportsAtLeast(int major, int minor) const
{
    return versionNumber(m_version) >= major * 1000 + minor;
}

QString DockerApiClient::daemonMessage(const HttpResponse &response)
{
    const QJsonObject o = QJsonDocument::fromJson(response.body).object();
    QString msg = o.value(QLatin1String("message")).toString().trimmed();
    if (msg.isEmpty())
        msg = QString::fromUtf8(response.body.left(300)).trimmed();
    if (msg.isEmpty())
        msg = QStringLiteral("HTTP %1").arg(response.status);
    return msg;
}

void DockerApiClient::withVersion(std::function<void(VoidResult)> next)
{
    if (!m_version.isEmpty()) {
        next({});
        return;
    }
    m_versionWaiters.append(std::move(next));
    if (m_negotiating)
        return;
    m_negotiating = true;
    Q_EMIT negotiating();
    // GET /_ping answers at once with the Api-Version header; Podman's /version takes over a
    // second (it gathers host details), the docker CLI negotiates the same way.
    Pending p;
    p.request.target = "/_ping";
    p.timeoutMs = 15000;
    const quint64 generation = ++m_negotiation;
    p.done = [this, generation](Result<HttpResponse> r) {
        if (generation != m_negotiation)
            return; // cancelled: its waiters were answered by cancelAll()
        if (!r.ok()) {
            finishNegotiation(r.error());
            return;
        }
        if (r->libpod || r->server.startsWith("Libpod/"))
            m_engine = ContainerEngine::Podman;
        else if (r->server.startsWith("Docker/"))
            m_engine = ContainerEngine::Docker;
        const QString daemon = QString::fromLatin1(r->apiVersion).trimmed();
        if (r->status != 200 || versionNumber(daemon) == 0) {
            // An old daemon or a proxy without the header: ask /version.
            negotiateWithVersionEndpoint(generation);
            return;
        }
        const QString ours = QString::fromLatin1(kMaxApiVersion);
        m_version = versionNumber(daemon) < versionNumber(ours) ? daemon : ours;
        finishNegotiation({});
    };
    enqueue(std::move(p));
}

void DockerApiClient::negotiateWithVersionEndpoint(quint64 generation)
{
    Pending p;
    p.request.target = "/version";
    p.timeoutMs = 15000;
    p.done = [this, generation](Result<HttpResponse> r) {
        if (generation != m_negotiation)
            return;
        VoidResult outcome;
        if (!r.ok()) {
            outcome = r.error();
        } else if (r->status != 200) {
            outcome = makeError(QStringLiteral("The Docker daemon of %1 at %2 answered /version with HTTP %3: %4")
                                    .arg(m_ep.hostName, m_ep.display())
                                    .arg(r->status)
                                    .arg(daemonMessage(*r)),
                                QStringLiteral("version"));
        } else {
            const QString daemon =
                QJsonDocument::fromJson(r->body).object().value(QLatin1String("ApiVersion")).toString();
            if (versionNumber(daemon) == 0) {
                outcome = makeError(QStringLiteral("The Docker daemon of %1 at %2 did not say its API version.")
                                        .arg(m_ep.hostName, m_ep.display()),
                                    QStringLiteral("version"));
            } else {
                const QString ours = QString::fromLatin1(kMaxApiVersion);
                m_version = versionNumber(daemon) < versionNumber(ours) ? daemon : ours;
            }
        }
        finishNegotiation(outcome);
    };
    enqueue(std::move(p));
}

void DockerApiClient::finishNegotiation(VoidResult outcome)
{
    m_negotiating = false;
    const auto waiters = std::exchange(m_versionWaiters, {});
    for (const auto &w : waiters)
        w(outcome);
}

void DockerApiClient::request(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                              Callback<HttpResponse> done, int timeoutMs, bool parallel)
{
    withVersion([this, method, path, body, done = std::move(done), timeoutMs, parallel](VoidResult v) mutable {
        if (!v.ok()) {
            done(v.error());
            return;
        }
        Pending p;
        p.request.method = method;
        p.request.target = "/v" + m_version.toLatin1() + path;
        p.request.body = body;
        p.done = std::move(done);
        p.timeoutMs = timeoutMs;
        p.parallel = parallel;
        enqueue(std::move(p));
    });
}

void DockerApiClient::enqueue(Pending p)
{
    if (p.parallel) {
        dispatch(std::move(p));
        return;
    }
    m_queue.enqueue(std::move(p));
    pump();
}

void DockerApiClient::pump()
{
    while (!m_queue.isEmpty() && m_active < kMaxParallel)
        dispatch(m_queue.dequeue());
}

void DockerApiClient::requeue(Pending p)
{
    if (p.parallel) {
        dispatch(std::move(p));
        return;
    }
    m_queue.prepend(std::move(p));
    pump();
}

void DockerApiClient::dispatch(Pending p)
{
    {
        ++m_active;
        HttpConnection *conn = nullptr;
        while (!m_idle.isEmpty() && !conn) {
            HttpConnection *c = m_idle.takeLast();
            if (c->reusable())
                conn = c;
            else
                c->deleteLater();
        }
        if (conn) {
            run(std::move(p), conn, true);
        } else {
            conn = new HttpConnection(m_ep, this);
            run(std::move(p), conn, false);
        }
    }
}

void DockerApiClient::release(HttpConnection *conn)
{
    conn->disconnect(this);
    if (conn->reusable() && m_idle.size() < kMaxParallel) {
        m_idle.append(conn);
        connect(conn, &HttpConnection::closed, this, [this, conn] {
            m_idle.removeAll(conn);
            conn->deleteLater();
        });
        connect(conn, &HttpConnection::failed, this, [this, conn] {
            m_idle.removeAll(conn);
            conn->deleteLater();
        });
    } else {
        conn->abort();
        conn->deleteLater();
    }
}

void DockerApiClient::run(Pending p, HttpConnection *conn, bool reused)
{
    // State shared by the handlers of this one exchange.
    struct Exchange
    {
        Pending p;
        HttpResponse response;
        bool finished = false;
        QTimer timer;
    };
    auto ex = std::make_shared<Exchange>();
    ex->p = std::move(p);
    ex->timer.setSingleShot(true);

    const quint64 exchangeId = ++m_nextExchange;
    auto finish = [this, conn, ex, exchangeId](Result<HttpResponse> r, bool keep) {
        if (ex->finished)
            return;
        ex->finished = true;
        m_cancellers.remove(exchangeId);
        ex->timer.stop();
        QObject::disconnect(&ex->timer, nullptr, nullptr, nullptr);
        --m_active;
        if (keep)
            release(conn);
        else {
            conn->disconnect(this);
            conn->abort();
            conn->deleteLater();
        }
        const bool reached = r.ok() || r.error().code.startsWith(QLatin1String("http"));
        if (!reached && r.error().code == QLatin1String("connect-failed"))
            m_version.clear(); // the daemon may come back as another version: negotiate again
        auto done = std::move(ex->p.done);
        if (!r.ok() && isCancelled(r.error())) {
            // Not a transport outcome; the caller hears it later, never inside cancelAll().
            QMetaObject::invokeMethod(
                this, [done = std::move(done), e = r.error()] { done(e); }, Qt::QueuedConnection);
        } else {
            Q_EMIT transportResult(reached, r.ok() ? QString() : r.errorMessage());
            done(std::move(r));
        }
        pump();
    };
    m_cancellers.insert(exchangeId, [finish](const Error &e) { finish(e, false); });

    QObject::connect(&ex->timer, &QTimer::timeout, this, [this, ex, finish] {
        finish(makeError(HttpConnection::describe(m_ep, QStringLiteral("no answer to %1 %2 within %3 s")
                                                            .arg(QString::fromLatin1(ex->p.request.method),
                                                                 QString::fromUtf8(ex->p.request.target))
                                                            .arg(ex->p.timeoutMs / 1000)),
                         QStringLiteral("timeout")),
               false);
    });
    ex->timer.start(ex->p.timeoutMs);

    connect(conn, &HttpConnection::headReceived, this, [ex, conn](int status) {
        ex->response.status = status;
        ex->response.contentType = conn->header("content-type");
        ex->response.apiVersion = conn->header("api-version");
        ex->response.server = conn->header("server");
        ex->response.libpod = !conn->header("libpod-api-version").isEmpty();
    });
    connect(conn, &HttpConnection::bodyData, this, [this, ex, finish](const QByteArray &d) {
        if (ex->finished)
            return;
        if (ex->response.body.size() + d.size() > kMaxBodyBytes) {
            finish(makeError(QStringLiteral("The Docker daemon of %1 sent more than %2 MiB for %3; ask for less (for "
                                            "logs: a tail or since).")
                                 .arg(m_ep.hostName)
                                 .arg(kMaxBodyBytes / (1024 * 1024))
                                 .arg(QString::fromUtf8(ex->p.request.target)),
                             QStringLiteral("too-large")),
                   false);
            return;
        }
        ex->response.body += d;
    });
    connect(conn, &HttpConnection::responseComplete, this, [ex, finish] { finish(HttpResponse(ex->response), true); });
    connect(conn, &HttpConnection::failed, this,
            [this, ex, finish, reused, conn, exchangeId](const QString &msg, const QString &code) {
                if (reused && ex->response.status == 0 && !ex->p.retried && !ex->finished) {
                    // A kept-alive connection the daemon had closed (e.g. it restarted): one fresh try.
                    ex->finished = true;
                    m_cancellers.remove(exchangeId);
                    ex->timer.stop();
                    QObject::disconnect(&ex->timer, nullptr, nullptr, nullptr);
                    conn->disconnect(this);
                    conn->deleteLater();
                    Pending again = std::move(ex->p);
                    again.retried = true;
                    --m_active;
                    requeue(std::move(again));
                    return;
                }
                finish(makeError(msg, code), false);
            });
    connect(conn, &HttpConnection::closed, this, [this, ex, finish, reused, conn, exchangeId] {
        if (ex->finished)
            return;
        if (reused && ex->response.status == 0 && !ex->p.retried) {
            ex->finished = true;
            m_cancellers.remove(exchangeId);
            ex->timer.stop();
            QObject::disconnect(&ex->timer, nullptr, nullptr, nullptr);
            conn->disconnect(this);
            conn->deleteLater();
            Pending again = std::move(ex->p);
            again.retried = true;
            --m_active;
            requeue(std::move(again));
            return;
        }
        finish(makeError(HttpConnection::describe(m_ep, QStringLiteral("the connection closed before the answer "
                                                                       "was complete")),
                         QStringLiteral("connection-closed")),
               false);
    });

    if (reused) {
        conn->send(ex->p.request);
    } else {
        const HttpRequest req = ex->p.request;
        connect(conn, &HttpConnection::connected, this, [conn, req] { conn->send(req); });
        conn->open();
    }
}

void DockerApiClient::cancelAll(const QString &message)
{
    const Error cancelled = makeError(message, QString::fromLatin1(kCancelledCode));
    // Queued requests first, so the running ones' finish() has nothing to pump.
    const QQueue<Pending> queued = std::exchange(m_queue, {});
    if (m_negotiating) {
        ++m_negotiation;
        m_negotiating = false;
        const auto waiters = std::exchange(m_versionWaiters, {});
        QMetaObject::invokeMethod(
            this,
            [waiters, cancelled] {
                for (const auto &w : waiters)
                    w(cancelled);
            },
            Qt::QueuedConnection);
    }
    const auto running = m_cancellers.values();
    for (const auto &cancel : running)
        cancel(cancelled);
    for (const Pending &p : queued) {
        if (p.done)
            QMetaObject::invokeMethod(
                this, [done = p.done, cancelled] { done(cancelled); }, Qt::QueuedConnection);
    }
}

void DockerApiClient::openStream(const QByteArray &method, const QByteArray &path, const QByteArray &body, bool upgrade,
                                 std::function<void(Result<HttpConnection *>)> ready, int connectTimeoutMs)
{
    withVersion([this, method, path, body, upgrade, ready = std::move(ready), connectTimeoutMs](VoidResult v) {
        if (!v.ok()) {
            ready(v.error());
            return;
        }
        HttpRequest req;
        req.method = method;
        req.target = "/v" + m_version.toLatin1() + path;
        req.body = body;
        req.upgrade = upgrade;
        auto *conn = new HttpConnection(m_ep, this);
        struct State
        {
            bool done = false;
            HttpResponse error;
            QTimer timer;
        };
        auto st = std::make_shared<State>();
        auto finish = [this, conn, st, ready](Result<HttpConnection *> r) {
            if (st->done)
                return;
            st->done = true;
            st->timer.stop();
            QObject::disconnect(&st->timer, nullptr, nullptr, nullptr);
            conn->disconnect(this);
            if (!r.ok()) {
                conn->abort();
                conn->deleteLater();
            }
            Q_EMIT transportResult(r.ok() || r.error().code.startsWith(QLatin1String("http")),
                                   r.ok() ? QString() : r.errorMessage());
            ready(std::move(r));
        };
        st->timer.setSingleShot(true);
        QObject::connect(&st->timer, &QTimer::timeout, this, [this, finish, req] {
            finish(makeError(HttpConnection::describe(
                                 m_ep, QStringLiteral("no answer to %1 %2 in time")
                                           .arg(QString::fromLatin1(req.method), QString::fromUtf8(req.target))),
                             QStringLiteral("timeout")));
        });
        st->timer.start(connectTimeoutMs);
        connect(conn, &HttpConnection::connected, this, [conn, req] { conn->send(req); });
        connect(conn, &HttpConnection::headReceived, this, [st, finish, conn](int status) {
            st->error.status = status;
            if (status < 300)
                finish(conn);
        });
        connect(conn, &HttpConnection::bodyData, this, [st](const QByteArray &d) {
            if (st->error.body.size() < 64 * 1024)
                st->error.body += d;
        });
        auto onEnd = [st, finish] {
            if (st->error.status >= 300) {
                finish(makeError(daemonMessage(st->error), QStringLiteral("http-%1").arg(st->error.status)));
            }
        };
        connect(conn, &HttpConnection::responseComplete, this, onEnd);
        connect(conn, &HttpConnection::closed, this, [this, onEnd, finish, st] {
            onEnd();
            finish(makeError(HttpConnection::describe(m_ep, QStringLiteral("the connection closed before an answer")),
                             QStringLiteral("connection-closed")));
        });
        connect(conn, &HttpConnection::failed, this,
                [finish](const QString &msg, const QString &code) { finish(makeError(msg, code)); });
        conn->open();
    });
}

} // namespace archnest::dockerapi
