#include "docker/api/DockerApiStreams.h"

#include "docker/api/DockerApiJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>
#include <QUrl>

namespace archnest::dockerapi {

namespace {
QByteArray enc(const QString &ref)
{
    return QUrl::toPercentEncoding(ref);
}

// Lets go of a stream's connection: no more signals to `owner`, aborted if asked, deleted later.
void releaseConnection(QPointer<HttpConnection> &conn, QObject *owner, bool abort)
{
    if (!conn)
        return;
    conn->disconnect(owner);
    if (abort)
        conn->abort();
    conn->deleteLater();
    conn = nullptr;
}

// Calls `f` on `receiver` once the connection's response is complete, it closes or it fails.
template<typename Receiver, typename Slot>
void onConnectionEnd(HttpConnection *conn, Receiver *receiver, Slot f)
{
    QObject::connect(conn, &HttpConnection::responseComplete, receiver, f);
    QObject::connect(conn, &HttpConnection::closed, receiver, f);
    QObject::connect(conn, &HttpConnection::failed, receiver, f);
}
} // namespace

QString containerErrorMessage(const ApiEndpoint &ep, const QString &what, const QString &ref,
                              const HttpResponse &response)
{
    QString detail = DockerApiClient::daemonMessage(response);
    if (response.status == 304)
        detail = what == QLatin1String("start")  ? QStringLiteral("it is already running")
                 : what == QLatin1String("stop") ? QStringLiteral("it is already stopped")
                                                 : QStringLiteral("nothing to do, it is already in that state");
    else if (response.status == 404 && response.body.trimmed().isEmpty())
        detail = QStringLiteral("no such container"); // Podman's stats say 404 and nothing else
    return QStringLiteral("Cannot %1 container %2 on %3: %4 (HTTP %5).")
        .arg(what, ref, ep.hostName, detail)
        .arg(response.status);
}

// ---------------------------------------------------------------- shared

StreamIo::~StreamIo()
{
    if (conn) {
        conn->abort();
        conn->deleteLater();
    }
}

HttpConnection *StreamIo::adopt(QObject *owner, Result<HttpConnection *> &c, QString *error)
{
    if (!owner || done) {
        if (c.ok())
            c.value()->deleteLater();
        return nullptr;
    }
    if (!c.ok()) {
        *error = c.errorMessage();
        return nullptr;
    }
    conn = c.value();
    conn->setParent(owner);
    return conn;
}

bool StreamIo::finish(QObject *owner)
{
    if (done)
        return false;
    done = true;
    releaseConnection(conn, owner, true);
    return true;
}

// ---------------------------------------------------------------- logs

ApiLogStream::ApiLogStream(DockerApiClient *client, QString ref, QByteArray query, QObject *parent)
    : LogStream(parent)
    , m_io(client)
    , m_ref(std::move(ref))
    , m_query(std::move(query))
{}

void ApiLogStream::start()
{
    QPointer<ApiLogStream> self(this);
    // The TTY flag decides the framing: logs of a TTY container are raw bytes.
    m_io.client->request("GET", "/containers/" + enc(m_ref) + "/json", {}, [self](Result<HttpResponse> r) {
        if (!self || self->m_io.done)
            return;
        if (!r.ok()) {
            self->end(r.errorMessage(), true);
            return;
        }
        if (r->status != 200) {
            self->end(containerErrorMessage(self->m_io.client->endpoint(), QStringLiteral("follow the logs of"),
                                            self->m_ref, *r),
                      true);
            return;
        }
        const bool tty = QJsonDocument::fromJson(r->body)
                             .object()
                             .value(QLatin1String("Config"))
                             .toObject()
                             .value(QLatin1String("Tty"))
                             .toBool();
        self->m_demux.setRaw(tty);
        self->m_io.client->openStream(
            "GET", "/containers/" + enc(self->m_ref) + "/logs?" + self->m_query, {}, false,
            [self](Result<HttpConnection *> c) {
                if (!self) {
                    if (c.ok())
                        c.value()->deleteLater();
                    return;
                }
                QString error;
                HttpConnection *conn = self->m_io.adopt(self, c, &error);
                if (!conn) {
                    if (!error.isEmpty())
                        self->end(QStringLiteral("Cannot follow the logs of %1 on %2: %3")
                                      .arg(self->m_ref, self->m_io.client->endpoint().hostName, error),
                                  true);
                    return;
                }
                connect(conn, &HttpConnection::bodyData, self, [self](const QByteArray &d) {
                    self->m_demux.feed(d, [&](const QByteArray &payload, OutputChannel ch) {
                        Q_EMIT self->dataReceived(payload, ch);
                    });
                });
                onConnectionEnd(conn, self.data(), &ApiLogStream::ended);
            });
    });
}

void ApiLogStream::ended()
{
    if (m_io.done || !m_io.client)
        return;
    releaseConnection(m_io.conn, this, false);
    // Why did it end? Ask the daemon about the container; no answer means the daemon went away.
    QPointer<ApiLogStream> self(this);
    m_io.client->request(
        "GET", "/containers/" + enc(m_ref) + "/json", {},
        [self](Result<HttpResponse> r) {
            if (!self || self->m_io.done)
                return;
            const QString host = self->m_io.client->endpoint().hostName;
            if (!r.ok()) {
                QString why = r.errorMessage();
                while (why.endsWith(QLatin1Char('.')))
                    why.chop(1);
                self->end(QStringLiteral("The Docker daemon of %1 went away while following the logs of %2 (%3).")
                              .arg(host, self->m_ref, why),
                          false);
                return;
            }
            if (r->status == 404) {
                self->end(QStringLiteral("Container %1 on %2 was removed.").arg(self->m_ref, host), false);
                return;
            }
            const QString state = QJsonDocument::fromJson(r->body)
                                      .object()
                                      .value(QLatin1String("State"))
                                      .toObject()
                                      .value(QLatin1String("Status"))
                                      .toString();
            if (state == QLatin1String("running") || state == QLatin1String("paused"))
                self->end(QStringLiteral("The log stream of %1 on %2 was closed by the daemon (the container is "
                                         "still %3; did the daemon restart?).")
                              .arg(self->m_ref, host, state),
                          false);
            else
                self->end(QStringLiteral("Container %1 on %2 stopped (%3).").arg(self->m_ref, host, state), false);
        },
        10000);
}

void ApiLogStream::stop()
{
    end(QStringLiteral("stopped by the user"), false);
}

void ApiLogStream::end(const QString &reason, bool failure)
{
    if (!m_io.finish(this))
        return;
    if (failure)
        Q_EMIT failed(reason);
    else
        Q_EMIT finished(reason);
}

// ---------------------------------------------------------------- stats

ApiStatsStream::ApiStatsStream(DockerApiClient *client, QString ref, QObject *parent)
    : StatsStream(parent)
    , m_io(client)
    , m_ref(std::move(ref))
{}

void ApiStatsStream::start()
{
    QPointer<ApiStatsStream> self(this);
    m_io.client->openStream(
        "GET", "/containers/" + enc(m_ref) + "/stats?stream=1", {}, false, [self](Result<HttpConnection *> c) {
            if (!self) {
                if (c.ok())
                    c.value()->deleteLater();
                return;
            }
            QString error;
            HttpConnection *conn = self->m_io.adopt(self, c, &error);
            if (!conn) {
                if (!error.isEmpty())
                    self->end(QStringLiteral("Cannot stream the stats of %1 on %2: %3")
                                  .arg(self->m_ref, self->m_io.client->endpoint().hostName, error),
                              true);
                return;
            }
            connect(conn, &HttpConnection::bodyData, self, [self](const QByteArray &d) {
                const bool fits = self->m_io.splitLines(d, 4 * 1024 * 1024, [&](const QByteArray &line) {
                    if (line.trimmed().isEmpty())
                        return;
                    if (auto sample = parseStats(line.trimmed()); sample.ok())
                        Q_EMIT self->sampleReceived(*sample);
                });
                if (self && !fits)
                    self->end(QStringLiteral("A stats sample of %1 is too large.").arg(self->m_ref), true);
            });
            onConnectionEnd(conn, self.data(), [self] {
                self->end(QStringLiteral("The stats stream of %1 on %2 ended (the container stopped "
                                         "or the daemon went away).")
                              .arg(self->m_ref, self->m_io.client->endpoint().hostName),
                          false);
            });
        });
}

void ApiStatsStream::stop()
{
    end(QStringLiteral("stopped by the user"), false);
}

void ApiStatsStream::end(const QString &reason, bool failure)
{
    if (!m_io.finish(this))
        return;
    if (failure)
        Q_EMIT failed(reason);
    else
        Q_EMIT finished(reason);
}

// ---------------------------------------------------------------- events

ApiEventStream::ApiEventStream(DockerApiClient *client, QByteArray query, QObject *parent)
    : LogStream(parent)
    , m_io(client)
    , m_query(std::move(query))
{}

void ApiEventStream::start()
{
    QPointer<ApiEventStream> self(this);
    m_io.client->openStream("GET", "/events" + m_query, {}, false, [self](Result<HttpConnection *> c) {
        if (!self) {
            if (c.ok())
                c.value()->deleteLater();
            return;
        }
        QString error;
        HttpConnection *conn = self->m_io.adopt(self, c, &error);
        if (!conn) {
            if (!error.isEmpty())
                self->end(QStringLiteral("Cannot watch the events of %1: %2")
                              .arg(self->m_io.client->endpoint().hostName, error),
                          true);
            return;
        }
        connect(conn, &HttpConnection::bodyData, self, [self](const QByteArray &d) {
            const bool fits = self->m_io.splitLines(d, 1024 * 1024, [&](const QByteArray &line) {
                if (!line.trimmed().isEmpty())
                    Q_EMIT self->dataReceived(line + '\n', OutputChannel::Stdout);
            });
            if (self && !fits)
                self->end(QStringLiteral("An event from %1 is too large.").arg(self->m_io.client->endpoint().hostName),
                          true);
        });
        onConnectionEnd(conn, self.data(), [self] {
            self->end(QStringLiteral("The event stream of %1 ended: the Docker daemon went away.")
                          .arg(self->m_io.client->endpoint().hostName),
                      false);
        });
    });
}

void ApiEventStream::stop()
{
    end(QStringLiteral("stopped by the user"), false);
}

void ApiEventStream::end(const QString &reason, bool failure)
{
    if (!m_io.finish(this))
        return;
    if (failure)
        Q_EMIT failed(reason);
    else
        Q_EMIT finished(reason);
}

// ---------------------------------------------------------------- exec

ApiExecStream::ApiExecStream(DockerApiClient *client, QString ref, ExecOptions options, QObject *parent)
    : ExecStream(parent)
    , m_client(client)
    , m_ref(std::move(ref))
    , m_options(std::move(options))
{}

ApiExecStream::~ApiExecStream()
{
    if (m_conn) {
        m_conn->abort();
        m_conn->deleteLater();
    }
}

void ApiExecStream::start()
{
    QStringList cmd = m_options.command;
    if (cmd.isEmpty()) // a fixed probe, never text from the remote
        cmd = {QStringLiteral("/bin/sh"), QStringLiteral("-c"),
               QStringLiteral("if [ -x /bin/bash ]; then exec /bin/bash; else exec /bin/sh; fi")};
    QJsonObject body{{QStringLiteral("AttachStdin"), m_options.interactive},
                     {QStringLiteral("AttachStdout"), true},
                     {QStringLiteral("AttachStderr"), true},
                     {QStringLiteral("Tty"), m_options.tty},
                     {QStringLiteral("Cmd"), QJsonArray::fromStringList(cmd)}};
    QJsonArray env{exechangup::envAssignment(m_sessionTag)}; // see docker/ExecHangup.h
    if (m_options.tty) {
        body.insert(QStringLiteral("ConsoleSize"), QJsonArray{m_options.rows, m_options.cols});
        env.append(QStringLiteral("TERM=xterm-256color"));
    }
    body.insert(QStringLiteral("Env"), env);
    if (!m_options.user.isEmpty())
        body.insert(QStringLiteral("User"), m_options.user);
    if (!m_options.workingDir.isEmpty())
        body.insert(QStringLiteral("WorkingDir"), m_options.workingDir);
    QPointer<ApiExecStream> self(this);
    m_client->request("POST", "/containers/" + enc(m_ref) + "/exec", QJsonDocument(body).toJson(QJsonDocument::Compact),
                      [self](Result<HttpResponse> r) {
                          if (!self || self->m_done)
                              return;
                          if (!r.ok()) {
                              self->fail(r.errorMessage());
                              return;
                          }
                          if (r->status != 201) {
                              self->fail(containerErrorMessage(self->m_client->endpoint(), QStringLiteral("exec in"),
                                                               self->m_ref, *r));
                              return;
                          }
                          self->m_execId =
                              QJsonDocument::fromJson(r->body).object().value(QLatin1String("Id")).toString();
                          self->startExec();
                      });
}

void ApiExecStream::startExec()
{
    m_demux.setRaw(m_options.tty);
    const QJsonObject body{{QStringLiteral("Detach"), false}, {QStringLiteral("Tty"), m_options.tty}};
    QPointer<ApiExecStream> self(this);
    m_client->openStream(
        "POST", "/exec/" + enc(m_execId) + "/start", QJsonDocument(body).toJson(QJsonDocument::Compact), true,
        [self](Result<HttpConnection *> c) {
            if (!self || self->m_done) {
                if (c.ok())
                    c.value()->deleteLater();
                return;
            }
            if (!c.ok()) {
                self->fail(QStringLiteral("Cannot start the exec in %1 on %2: %3")
                               .arg(self->m_ref, self->m_client->endpoint().hostName, c.errorMessage()));
                return;
            }
            HttpConnection *conn = c.value();
            conn->setParent(self);
            self->m_conn = conn;
            if (self->m_readPaused)
                conn->setReadPaused(true);
            connect(conn, &HttpConnection::bodyData, self, [self](const QByteArray &d) {
                self->m_demux.feed(
                    d, [&](const QByteArray &payload, OutputChannel ch) { Q_EMIT self->dataReceived(payload, ch); });
            });
            onConnectionEnd(conn, self.data(), &ApiExecStream::onStreamEnd);
            // The PTY has no size until the first resize (API 1.41 cannot set it at create):
            // send it before anyone reacts to `started`, and hold input typed ahead until the
            // daemon answered it (it answers once the process runs and the PTY has the size):
            // written at once, `stty size` typed ahead raced the resize and failed.
            if (self->m_options.tty) {
                self->m_holdInput = true;
                self->sendResize();
                self->m_holdInput = self->m_resizeInFlight; // not sent (no client): nothing to wait for
            }
            Q_EMIT self->started();
            if (!self)
                return;
            if (self->m_client->endpoint().transport == ApiEndpoint::Transport::Tls)
                self->watchExit();
            if (!self->m_holdInput)
                self->releaseInput();
        });
}

void ApiExecStream::watchExit()
{
    // Over TLS dockerd ends a hijacked stream with a TLS close_notify that QSslSocket does not
    // report as a disconnect: ask the daemon whether the process ended (bounded by its life).
    auto *timer = new QTimer(this);
    timer->setInterval(500);
    connect(timer, &QTimer::timeout, this, [this, timer] {
        if (m_done || !m_client) {
            timer->stop();
            return;
        }
        QPointer<ApiExecStream> self(this);
        m_client->request(
            "GET", "/exec/" + enc(m_execId) + "/json", {},
            [self, timer](Result<HttpResponse> r) {
                if (!self || self->m_done || !r.ok() || r->status != 200)
                    return;
                if (!QJsonDocument::fromJson(r->body).object().value(QLatin1String("Running")).toBool()) {
                    timer->stop();
                    // Let the last output bytes arrive first.
                    QTimer::singleShot(150, self, [self] { self->onStreamEnd(); });
                }
            },
            5000);
    });
    timer->start();
}

void ApiExecStream::write(const QByteArray &data)
{
    if (m_done)
        return;
    if (m_conn && !m_holdInput)
        m_conn->write(data);
    else
        m_pendingInput += data;
}

void ApiExecStream::releaseInput()
{
    m_holdInput = false;
    if (!m_conn || m_done)
        return;
    if (!m_pendingInput.isEmpty())
        m_conn->write(std::exchange(m_pendingInput, {}));
    if (m_stdinClosePending || !m_options.interactive)
        m_conn->closeWrite();
}

void ApiExecStream::resize(int cols, int rows)
{
    m_options.cols = cols;
    m_options.rows = rows;
    if (m_conn && m_options.tty)
        sendResize();
}

void ApiExecStream::sendResize()
{
    if (!m_client || m_execId.isEmpty())
        return;
    // One resize in flight at a time: requests travel on parallel connections, so two sent
    // back to back can land out of order and leave the PTY at the older size. The latest size
    // is read when each request goes out, so coalescing never loses the final one.
    if (m_resizeInFlight) {
        m_resizeDirty = true;
        return;
    }
    m_resizeInFlight = true;
    m_resizeDirty = false;
    QPointer<ApiExecStream> self(this);
    m_client->request(
        "POST",
        "/exec/" + enc(m_execId) + "/resize?h=" + QByteArray::number(m_options.rows) +
            "&w=" + QByteArray::number(m_options.cols),
        {},
        [self](Result<HttpResponse>) {
            if (!self)
                return;
            self->m_resizeInFlight = false;
            if (self->m_resizeDirty && !self->m_done) {
                self->sendResize();
                return;
            }
            // The latest size landed (or failed: the input goes anyway): release type-ahead.
            if (self->m_holdInput)
                self->releaseInput();
        },
        10000);
}

void ApiExecStream::closeStdin()
{
    if (m_conn && !m_holdInput)
        m_conn->closeWrite();
    else
        m_stdinClosePending = true;
}

void ApiExecStream::setReadPaused(bool paused)
{
    m_readPaused = paused;
    if (m_conn)
        m_conn->setReadPaused(paused);
}

void ApiExecStream::terminate()
{
    if (m_done)
        return;
    if (m_conn) {
        m_conn->abort(); // onStreamEnd does not run for our own abort: report here
        m_conn->disconnect(this);
    }
    // Ending the attach does not end the exec inside the container: hang it up.
    if (!m_execId.isEmpty())
        hangUp(m_client, m_ref, m_sessionTag, m_options.user);
    onStreamEnd();
}

// A detached exec of the fixed hang-up command; it runs on the client, not on this stream
// (which is usually deleted right after terminate()). Best effort: failures are ignored.
void ApiExecStream::hangUp(DockerApiClient *client, const QString &ref, const QString &tag, const QString &user)
{
    if (!client)
        return;
    QJsonObject create{{QStringLiteral("AttachStdin"), false},
                       {QStringLiteral("AttachStdout"), false},
                       {QStringLiteral("AttachStderr"), false},
                       {QStringLiteral("Tty"), false},
                       {QStringLiteral("Cmd"), QJsonArray::fromStringList(exechangup::hangupCommand(tag))}};
    if (!user.isEmpty())
        create.insert(QStringLiteral("User"), user);
    QPointer<DockerApiClient> guard(client);
    client->request(
        "POST", "/containers/" + enc(ref) + "/exec", QJsonDocument(create).toJson(QJsonDocument::Compact),
        [guard](Result<HttpResponse> r) {
            if (!guard || !r.ok() || r->status != 201)
                return;
            const QString id = QJsonDocument::fromJson(r->body).object().value(QLatin1String("Id")).toString();
            if (id.isEmpty())
                return;
            const QJsonObject start{{QStringLiteral("Detach"), true}, {QStringLiteral("Tty"), false}};
            guard->request("POST", "/exec/" + enc(id) + "/start", QJsonDocument(start).toJson(QJsonDocument::Compact),
                           [](const Result<HttpResponse> &) {});
        });
}

void ApiExecStream::onStreamEnd()
{
    if (m_done || !m_client)
        return;
    m_done = true;
    releaseConnection(m_conn, this, false);
    QPointer<ApiExecStream> self(this);
    // The process may still be finishing when the stream closes: ask a few times, bounded.
    // The function refers to itself weakly: the pending request (or timer) holds it, so it goes
    // away with the last of them even when the stream or its client went first (no cycle).
    auto poll = std::make_shared<std::function<void(int)>>();
    *poll = [self, weak = std::weak_ptr<std::function<void(int)>>(poll)](int attempt) {
        const std::shared_ptr<std::function<void(int)>> again = weak.lock();
        if (!again || !self || !self->m_client)
            return;
        self->m_client->request(
            "GET", "/exec/" + enc(self->m_execId) + "/json", {},
            [self, again, attempt](Result<HttpResponse> r) {
                if (!self)
                    return;
                if (!r.ok() || r->status != 200) {
                    Q_EMIT self->failed(QStringLiteral("The exec in %1 on %2 ended but its exit code is unknown: %3")
                                            .arg(self->m_ref, self->m_client->endpoint().hostName,
                                                 r.ok() ? DockerApiClient::daemonMessage(*r) : r.errorMessage()));
                    return;
                }
                const QJsonObject o = QJsonDocument::fromJson(r->body).object();
                if (o.value(QLatin1String("Running")).toBool() && attempt < 20) {
                    QTimer::singleShot(50, self, [again, attempt] { (*again)(attempt + 1); });
                    return;
                }
                Q_EMIT self->finished(o.value(QLatin1String("ExitCode")).toInt(-1));
            },
            10000);
    };
    (*poll)(0);
}

void ApiExecStream::fail(const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT failed(message);
}

} // namespace archnest::dockerapi
