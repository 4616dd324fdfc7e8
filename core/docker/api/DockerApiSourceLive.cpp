// DockerApiContainerSource's event stream and WebSocket attach (DockerApiContainerSource.cpp
// holds the calls every host has: list, inspect, logs, stats, actions, exec).
#include "docker/api/DockerApiClient.h"
#include "docker/api/DockerApiContainerSource.h"
#include "docker/api/DockerApiStreams.h"
#include "docker/api/DockerAttachStream.h"
#include "security/ContainerRef.h"

#include <QUrl>

namespace archnest {

LogStream *DockerApiContainerSource::events(bool containersOnly)
{
    const QByteArray query = containersOnly
                                 ? "?filters=" + QUrl::toPercentEncoding(QStringLiteral("{\"type\":[\"container\"]}"))
                                 : QByteArray();
    auto *s = new dockerapi::ApiEventStream(m_client, query, this);
    if (!m_configError.isEmpty()) {
        const QString problem = m_configError;
        QMetaObject::invokeMethod(
            s, [s, problem] { Q_EMIT s->failed(problem); }, Qt::QueuedConnection);
        return s;
    }
    s->start();
    return s;
}

ExecStream *DockerApiContainerSource::attachWebSocket(const QString &ref)
{
    auto *s = new dockerapi::DockerAttachStream(m_client, ref, this);
    QString problem = m_configError;
    if (problem.isEmpty() && !canManage())
        problem = QStringLiteral("Cannot attach to %1 on %2: the host is read-only.").arg(ref, hostName());
    if (problem.isEmpty() && m_client->endpoint().transport == dockerapi::ApiEndpoint::Transport::Unix)
        problem = QStringLiteral("Cannot attach to %1 on %2 over WebSocket: only tcp:// hosts support it (this "
                                 "host is a unix socket).")
                      .arg(ref, hostName());
    if (problem.isEmpty()) {
        const VoidResult v = security::validateContainerRef(ref);
        if (!v.ok())
            problem = QStringLiteral("Cannot attach on %1: %2").arg(hostName(), v.errorMessage());
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

} // namespace archnest
