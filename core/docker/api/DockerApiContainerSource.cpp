#include "docker/api/DockerApiContainerSource.h"

#include "docker/api/DockerApiClient.h"
#include "docker/api/DockerApiJson.h"
#include "docker/api/DockerApiStreams.h"
#include "security/ContainerRef.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QUrl>

#include <memory>

namespace archnest {

using dockerapi::DockerApiClient;
using dockerapi::HttpResponse;

struct DockerApiContainerSource::ExecRun
{
    QPointer<ExecStream> stream;
    QString ref;
    Callback<ExecResult> done;
};

namespace {

QByteArray enc(const QString &ref)
{
    return QUrl::toPercentEncoding(ref);
}

template<typename T>
void later(QObject *ctx, const Callback<T> &done, Error e)
{
    QMetaObject::invokeMethod(
        ctx, [done, e = std::move(e)] { done(e); }, Qt::QueuedConnection);
}

QByteArray logQuery(const LogOptions &o, bool follow)
{
    QByteArray q = "stdout=1&stderr=1";
    if (o.tail >= 0)
        q += "&tail=" + QByteArray::number(o.tail);
    if (o.since.isValid())
        q += "&since=" + QByteArray::number(o.since.toSecsSinceEpoch());
    if (o.until.isValid())
        q += "&until=" + QByteArray::number(o.until.toSecsSinceEpoch());
    if (o.timestamps)
        q += "&timestamps=1";
    if (follow)
        q += "&follow=1";
    return q;
}

} // namespace

DockerApiContainerSource::DockerApiContainerSource(HostConfig host, QObject *parent)
    : ContainerSource(std::move(host), parent)
{
    auto ep = dockerapi::parseEndpoint(this->host());
    if (!ep.ok()) {
        m_configError = ep.errorMessage();
        ep = dockerapi::ApiEndpoint{};
    }
    m_client = new DockerApiClient(ep.ok() ? *ep : dockerapi::ApiEndpoint{}, this);
    connect(m_client, &DockerApiClient::negotiating, this, [this] {
        if (status() != HostStatus::Connected)
            setStatus(HostStatus::Connecting, QStringLiteral("connecting to %1").arg(this->host().apiUrl));
    });
    connect(m_client, &DockerApiClient::transportResult, this, [this](bool ok, const QString &message) {
        setStatus(ok ? HostStatus::Connected : HostStatus::Error, ok ? QString() : message);
        // Known once negotiated (every call negotiates first, so the call after /_ping reports it).
        if (ok && m_client->engine() != ContainerEngine::Unknown)
            setEngine(m_client->engine());
    });
}

DockerApiContainerSource::~DockerApiContainerSource() = default;

QString DockerApiContainerSource::apiVersion() const
{
    return m_client->apiVersion();
}

template<typename T>
bool DockerApiContainerSource::failEarly(const Callback<T> &done, const QString &ref, const QString &what)
{
    if (!m_configError.isEmpty()) {
        later(this, done, makeError(m_configError, QStringLiteral("bad-url")));
        return true;
    }
    if (!ref.isNull()) {
        const VoidResult v = security::validateContainerRef(ref);
        if (!v.ok()) {
            later(this, done,
                  makeError(QStringLiteral("Cannot %1 on %2: %3").arg(what, hostName(), v.errorMessage()),
                            QStringLiteral("bad-ref")));
            return true;
        }
    }
    return false;
}

void DockerApiContainerSource::list(bool all, Callback<QList<ContainerSummary>> done)
{
    if (failEarly(done, QString(), QStringLiteral("list containers")))
        return;
    QPointer<DockerApiContainerSource> self(this);
    m_client->request(
        "GET", all ? "/containers/json?all=1" : "/containers/json", {}, [self, done](Result<HttpResponse> r) {
            if (!self)
                return;
            if (!r.ok()) {
                done(makeError(
                    QStringLiteral("Cannot list the containers of %1: %2").arg(self->hostName(), r.errorMessage()),
                    r.error().code));
                return;
            }
            if (r->status != 200) {
                done(makeError(QStringLiteral("Cannot list the containers of %1: %2 (HTTP %3).")
                                   .arg(self->hostName(), DockerApiClient::daemonMessage(*r))
                                   .arg(r->status),
                               QStringLiteral("http-%1").arg(r->status)));
                return;
            }
            done(dockerapi::parseContainerList(r->body, self->hostName()));
        });
}

void DockerApiContainerSource::inspect(const QStringList &refs, Callback<QList<ContainerDetail>> done)
{
    if (failEarly(done, QString(), QStringLiteral("inspect containers")))
        return;
    if (refs.isEmpty()) {
        later(this, done, makeError(QStringLiteral("Nothing to inspect on %1: no container given.").arg(hostName())));
        return;
    }
    for (const QString &ref : refs)
        if (failEarly(done, ref, QStringLiteral("inspect %1").arg(ref)))
            return;
    // All requests go out at once (the client caps parallel connections); results keep order.
    struct Batch
    {
        QList<std::optional<ContainerDetail>> results;
        std::optional<Error> error;
        int outstanding = 0;
    };
    auto batch = std::make_shared<Batch>();
    batch->results.resize(refs.size());
    batch->outstanding = int(refs.size());
    QPointer<DockerApiContainerSource> self(this);
    for (int i = 0; i < refs.size(); ++i) {
        const QString ref = refs[i];
        m_client->request(
            "GET", "/containers/" + enc(ref) + "/json", {}, [self, done, batch, i, ref](Result<HttpResponse> r) {
                if (!self)
                    return;
                if (!batch->error) {
                    if (!r.ok())
                        batch->error = makeError(
                            QStringLiteral("Cannot inspect %1 on %2: %3").arg(ref, self->hostName(), r.errorMessage()),
                            r.error().code);
                    else if (r->status != 200)
                        batch->error = makeError(dockerapi::containerErrorMessage(self->m_client->endpoint(),
                                                                                  QStringLiteral("inspect"), ref, *r),
                                                 QStringLiteral("http-%1").arg(r->status));
                    else {
                        auto d = dockerapi::parseContainerInspect(r->body, self->hostName());
                        if (d.ok())
                            batch->results[i] = *d;
                        else
                            batch->error = d.error();
                    }
                }
                if (--batch->outstanding > 0)
                    return;
                if (batch->error) {
                    done(*batch->error);
                    return;
                }
                QList<ContainerDetail> out;
                out.reserve(batch->results.size());
                for (auto &d : batch->results)
                    out << *d;
                done(out);
            });
    }
}

void DockerApiContainerSource::logs(const QString &ref, const LogOptions &options, Callback<QByteArray> done)
{
    if (failEarly(done, ref, QStringLiteral("read the logs of %1").arg(ref)))
        return;
    QPointer<DockerApiContainerSource> self(this);
    const QByteArray query = logQuery(options, false);
    m_client->request("GET", "/containers/" + enc(ref) + "/json", {}, [self, done, ref, query](Result<HttpResponse> r) {
        if (!self)
            return;
        if (!r.ok()) {
            done(makeError(
                QStringLiteral("Cannot read the logs of %1 on %2: %3").arg(ref, self->hostName(), r.errorMessage()),
                r.error().code));
            return;
        }
        if (r->status != 200) {
            done(makeError(dockerapi::containerErrorMessage(self->m_client->endpoint(),
                                                            QStringLiteral("read the logs of"), ref, *r),
                           QStringLiteral("http-%1").arg(r->status)));
            return;
        }
        const bool tty = QJsonDocument::fromJson(r->body)
                             .object()
                             .value(QLatin1String("Config"))
                             .toObject()
                             .value(QLatin1String("Tty"))
                             .toBool();
        self->m_client->request(
            "GET", "/containers/" + enc(ref) + "/logs?" + query, {},
            [self, done, ref, tty](Result<HttpResponse> lr) {
                if (!self)
                    return;
                if (!lr.ok()) {
                    done(makeError(QStringLiteral("Cannot read the logs of %1 on %2: %3")
                                       .arg(ref, self->hostName(), lr.errorMessage()),
                                   lr.error().code));
                    return;
                }
                if (lr->status != 200) {
                    done(makeError(dockerapi::containerErrorMessage(self->m_client->endpoint(),
                                                                    QStringLiteral("read the logs of"), ref, *lr),
                                   QStringLiteral("http-%1").arg(lr->status)));
                    return;
                }
                dockerapi::FrameDemuxer demux;
                demux.setRaw(tty);
                QByteArray out;
                demux.feed(lr->body, [&out](const QByteArray &payload, OutputChannel) { out += payload; });
                done(out);
            },
            120000);
    });
}

LogStream *DockerApiContainerSource::followLogs(const QString &ref, const LogOptions &options)
{
    auto *s = new dockerapi::ApiLogStream(m_client, ref, logQuery(options, true), this);
    QString problem = m_configError;
    if (problem.isEmpty()) {
        const VoidResult v = security::validateContainerRef(ref);
        if (!v.ok())
            problem = QStringLiteral("Cannot follow the logs on %1: %2").arg(hostName(), v.errorMessage());
    }
    if (!problem.isEmpty()) {
        QMetaObject::invokeMethod(
            s, [s, problem] { Q_EMIT s->failed(problem); }, Qt::QueuedConnection);
        return s;
    }
    s->start();
    return s;
}

void DockerApiContainerSource::stats(const QStringList &refs, Callback<QList<StatsSample>> done)
{
    if (failEarly(done, QString(), QStringLiteral("read stats")))
        return;
    for (const QString &ref : refs)
        if (failEarly(done, ref, QStringLiteral("read the stats of %1").arg(ref)))
            return;
    QPointer<DockerApiContainerSource> self(this);
    auto run = [self, done](const QStringList &targets) {
        if (!self)
            return;
        if (targets.isEmpty()) {
            done(QList<StatsSample>{});
            return;
        }
        struct Batch
        {
            QList<std::optional<StatsSample>> results;
            std::optional<Error> error;
            int outstanding = 0;
        };
        auto batch = std::make_shared<Batch>();
        batch->results.resize(targets.size());
        batch->outstanding = int(targets.size());
        // one-shot=true (API 1.41+) answers at once without precpu (no CPU %); without it the
        // daemon waits for a second sample (~1-2 s).
        const QByteArray query =
            self->m_client->supportsAtLeast(1, 41) ? "?stream=false&one-shot=true" : "?stream=false";
        for (int i = 0; i < targets.size(); ++i) {
            const QString ref = targets[i];
            self->m_client->request(
                "GET", "/containers/" + enc(ref) + "/stats" + query, {},
                [self, done, batch, i, ref](Result<HttpResponse> r) {
                    if (!self)
                        return;
                    if (!batch->error) {
                        if (!r.ok())
                            batch->error = makeError(QStringLiteral("Cannot read the stats of %1 on %2: %3")
                                                         .arg(ref, self->hostName(), r.errorMessage()),
                                                     r.error().code);
                        else if (r->status != 200)
                            batch->error =
                                makeError(dockerapi::containerErrorMessage(
                                              self->m_client->endpoint(), QStringLiteral("read the stats of"), ref, *r),
                                          QStringLiteral("http-%1").arg(r->status));
                        else if (r->body.trimmed().isEmpty()) {
                            // Podman answers a stopped container's stats with an empty 200: a
                            // sample with nothing in it, as Docker's zeroed one.
                            StatsSample empty;
                            empty.containerId = ref;
                            empty.takenAt = QDateTime::currentDateTimeUtc();
                            batch->results[i] = empty;
                        } else {
                            auto s = dockerapi::parseStats(r->body);
                            if (s.ok() && s->containerId.isEmpty())
                                s->containerId = ref; // a daemon that does not say it
                            if (s.ok())
                                batch->results[i] = *s;
                            else
                                batch->error = s.error();
                        }
                    }
                    if (--batch->outstanding > 0)
                        return;
                    if (batch->error) {
                        done(*batch->error);
                        return;
                    }
                    QList<StatsSample> out;
                    for (auto &s : batch->results)
                        out << *s;
                    done(out);
                },
                60000, true);
        }
    };
    if (!refs.isEmpty() && !m_client->apiVersion().isEmpty()) {
        run(refs);
        return;
    }
    if (!refs.isEmpty()) {
        // Negotiate first so supportsAtLeast() knows the version.
        m_client->request(
            "GET", "/_ping", {},
            [run, refs, done](Result<HttpResponse> r) {
                if (!r.ok() && isCancelled(r.error()))
                    return done(r.error());
                run(refs);
            },
            15000);
        return;
    }
    list(false, [run, done](Result<QList<ContainerSummary>> r) {
        if (!r.ok()) {
            done(r.error());
            return;
        }
        QStringList ids;
        for (const auto &c : *r)
            ids << c.id;
        run(ids);
    });
}

StatsStream *DockerApiContainerSource::streamStats(const QString &ref)
{
    auto *s = new dockerapi::ApiStatsStream(m_client, ref, this);
    QString problem = m_configError;
    if (problem.isEmpty() && ref.isEmpty())
        problem = QStringLiteral("Live stats on %1 need a container (one stream per container).").arg(hostName());
    if (problem.isEmpty()) {
        const VoidResult v = security::validateContainerRef(ref);
        if (!v.ok())
            problem = QStringLiteral("Cannot stream stats on %1: %2").arg(hostName(), v.errorMessage());
    }
    if (!problem.isEmpty()) {
        QMetaObject::invokeMethod(
            s, [s, problem] { Q_EMIT s->failed(problem); }, Qt::QueuedConnection);
        return s;
    }
    s->start();
    return s;
}

void DockerApiContainerSource::perform(ContainerAction action, const QString &ref, const RemoveOptions &options,
                                       Callback<void> done)
{
    if (!canManage()) {
        later(this, done, readOnlyError(action));
        return;
    }
    const QString verb = containerActionVerb(action);
    if (failEarly(done, ref, verb + QLatin1Char(' ') + ref))
        return;
    QByteArray method = "POST";
    QByteArray path = "/containers/" + enc(ref);
    switch (action) {
    case ContainerAction::Start:
        path += "/start";
        break;
    case ContainerAction::Stop:
        path += "/stop";
        break;
    case ContainerAction::Restart:
        path += "/restart";
        break;
    case ContainerAction::Pause:
        path += "/pause";
        break;
    case ContainerAction::Unpause:
        path += "/unpause";
        break;
    case ContainerAction::Remove:
        method = "DELETE";
        path += QByteArray("?force=") + (options.force ? "1" : "0") + "&v=" + (options.volumes ? "1" : "0");
        break;
    }
    const QString what = action == ContainerAction::Remove ? QStringLiteral("remove") : verb;
    QPointer<DockerApiContainerSource> self(this);
    m_client->request(
        method, path, {},
        [self, done, ref, what](Result<HttpResponse> r) {
            if (!self)
                return;
            if (!r.ok()) {
                done(makeError(QStringLiteral("Cannot %1 container %2 on %3: %4")
                                   .arg(what, ref, self->hostName(), r.errorMessage()),
                               r.error().code));
                return;
            }
            // 304 "Not Modified": already in the wanted state. The docker CLI counts that as
            // done (exit 0), and so do we: a bulk Start over running containers has no failures.
            if (r->status >= 300 && r->status != 304) {
                done(makeError(dockerapi::containerErrorMessage(self->m_client->endpoint(), what, ref, *r),
                               QStringLiteral("http-%1").arg(r->status)));
                return;
            }
            done({});
        },
        90000); // stop/restart wait for the container's stop timeout (10 s by default)
}

ExecStream *DockerApiContainerSource::openExec(const QString &ref, const ExecOptions &options)
{
    auto *s = new dockerapi::ApiExecStream(m_client, ref, options, this);
    QString problem = m_configError;
    if (problem.isEmpty() && !canManage())
        problem = QStringLiteral("Cannot exec in %1 on %2: the host is read-only.").arg(ref, hostName());
    if (problem.isEmpty()) {
        const VoidResult v = security::validateContainerRef(ref);
        if (!v.ok())
            problem = QStringLiteral("Cannot exec on %1: %2").arg(hostName(), v.errorMessage());
    }
    if (!problem.isEmpty()) {
        QMetaObject::invokeMethod(
            s, [s, problem] { Q_EMIT s->failed(problem); }, Qt::QueuedConnection);
        return s;
    }
    QMetaObject::invokeMethod(
        s, [s] { s->start(); }, Qt::QueuedConnection);
    return s;
}

void DockerApiContainerSource::execRun(const QString &ref, const QStringList &command, Callback<ExecResult> done)
{
    if (!canManage()) {
        later(this, done,
              makeError(QStringLiteral("Cannot exec in %1 on %2: the host is read-only.").arg(ref, hostName()),
                        QStringLiteral("read-only")));
        return;
    }
    if (failEarly(done, ref, QStringLiteral("exec in %1").arg(ref)))
        return;
    if (command.isEmpty()) {
        later(this, done,
              makeError(QStringLiteral("Nothing to run in %1 on %2: no command given.").arg(ref, hostName())));
        return;
    }
    ExecOptions o;
    o.command = command;
    o.tty = false;
    o.interactive = false;
    auto *s = new dockerapi::ApiExecStream(m_client, ref, o, this);
    auto run = std::make_shared<ExecRun>();
    run->stream = s;
    run->ref = ref;
    run->done = done;
    m_execRuns.append(run);
    auto result = std::make_shared<ExecResult>();
    connect(s, &ExecStream::dataReceived, s, [result](const QByteArray &d, OutputChannel ch) {
        (ch == OutputChannel::Stderr ? result->err : result->out) += d;
    });
    connect(s, &ExecStream::finished, this, [this, s, run, result](int code) {
        result->exitCode = code;
        s->deleteLater();
        m_execRuns.removeAll(run);
        run->done(*result);
    });
    connect(s, &ExecStream::failed, this, [this, s, run](const QString &msg) {
        s->deleteLater();
        m_execRuns.removeAll(run);
        run->done(makeError(msg, QStringLiteral("exec")));
    });
    s->start();
}

void DockerApiContainerSource::cancelPending()
{
    m_client->cancelAll(
        QStringLiteral("cancelled by the user (anything %1 had already started is not undone)").arg(hostName()));
    const auto runs = std::exchange(m_execRuns, {});
    for (const auto &run : runs) {
        if (run->stream) {
            run->stream->disconnect(this);
            run->stream->terminate();
            run->stream->deleteLater();
        }
        later(this, run->done, cancelledError(QStringLiteral("exec in %1").arg(run->ref)));
    }
}

void DockerApiContainerSource::revealEnv(const QString &ref, const QString &key, Callback<QString> done)
{
    if (!canManage()) {
        later(
            this, done,
            makeError(
                QStringLiteral("The value of %1 cannot be revealed on %2: the host is read-only.").arg(key, hostName()),
                QStringLiteral("read-only")));
        return;
    }
    if (failEarly(done, ref, QStringLiteral("reveal %1 of %2").arg(key, ref)))
        return;
    QPointer<DockerApiContainerSource> self(this);
    m_client->request("GET", "/containers/" + enc(ref) + "/json", {}, [self, done, ref, key](Result<HttpResponse> r) {
        if (!self)
            return;
        if (!r.ok()) {
            done(makeError(
                QStringLiteral("Cannot read %1 of %2 on %3: %4").arg(key, ref, self->hostName(), r.errorMessage()),
                r.error().code));
            return;
        }
        if (r->status != 200) {
            done(makeError(
                dockerapi::containerErrorMessage(self->m_client->endpoint(), QStringLiteral("inspect"), ref, *r),
                QStringLiteral("http-%1").arg(r->status)));
            return;
        }
        auto v = dockerapi::envValueFromInspect(r->body, key);
        if (!v.ok()) {
            done(makeError(
                QStringLiteral("Container %1 on %2 has no environment variable %3.").arg(ref, self->hostName(), key),
                v.error().code));
            return;
        }
        done(*v);
    });
}

} // namespace archnest
