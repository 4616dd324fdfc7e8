#include "docker/ContainerSource.h"

namespace archnest {

QString hostStatusName(HostStatus status)
{
    switch (status) {
    case HostStatus::Idle:
        return QStringLiteral("idle");
    case HostStatus::Connecting:
        return QStringLiteral("connecting");
    case HostStatus::Connected:
        return QStringLiteral("connected");
    case HostStatus::Error:
        return QStringLiteral("error");
    case HostStatus::Stale:
        return QStringLiteral("stale");
    }
    return {};
}

QString containerEngineName(ContainerEngine engine)
{
    switch (engine) {
    case ContainerEngine::Docker:
        return QStringLiteral("docker");
    case ContainerEngine::Podman:
        return QStringLiteral("podman");
    case ContainerEngine::Unknown:
        break;
    }
    return {};
}

ContainerSource::ContainerSource(HostConfig host, QObject *parent)
    : QObject(parent)
    , m_host(std::move(host))
{
    qRegisterMetaType<archnest::OutputChannel>();
    qRegisterMetaType<archnest::HostStatus>();
    qRegisterMetaType<archnest::ContainerEngine>();
    qRegisterMetaType<archnest::StatsSample>();
}

void ContainerSource::setStatus(HostStatus status, const QString &message)
{
    if (status == m_status && message == m_statusMessage)
        return;
    m_status = status;
    m_statusMessage = message;
    Q_EMIT statusChanged(status, message);
}

void ContainerSource::setEngine(ContainerEngine engine)
{
    if (engine == m_engine)
        return;
    m_engine = engine;
    Q_EMIT engineChanged(engine);
}

void ContainerSource::revealEnv(const QString &ref, const QString &key, Callback<QString> done)
{
    Q_UNUSED(ref)
    QMetaObject::invokeMethod(
        this,
        [this, key, done = std::move(done)] {
            done(makeError(QStringLiteral("The value of %1 cannot be revealed on %2: this source does not have it.")
                               .arg(key, m_host.name),
                           QStringLiteral("unsupported")));
        },
        Qt::QueuedConnection);
}

Error ContainerSource::readOnlyError(ContainerAction action) const
{
    const QString why = m_host.kind == HostKind::Agent
                            ? QStringLiteral("agent hosts are monitoring-only (the agent never receives commands)")
                            : QStringLiteral("the host is configured read-only (remove \"readOnly\" from its entry in "
                                             "the hosts file to manage it)");
    return makeError(QStringLiteral("Cannot %1 on %2: %3.").arg(containerActionVerb(action), m_host.name, why),
                     QStringLiteral("read-only"));
}

Error ContainerSource::cancelledError(const QString &what) const
{
    return makeError(
        QStringLiteral("Cancelled: %1 on %2 (anything %2 had already started is not undone).").arg(what, m_host.name),
        QString::fromLatin1(kCancelledCode));
}

} // namespace archnest
