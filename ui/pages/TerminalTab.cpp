#include "pages/TerminalTab.h"

#include "docker/ContainerSource.h"
#include "terminal/TerminalSession.h"
#include "terminal/TerminalView.h"

#include <QTimer>
#include <QVBoxLayout>

namespace archnest::ui {

ActionAvailability execAvailability(const HostCapabilities &caps, ContainerState state, bool gone)
{
    if (!caps.canManage)
        return {false, caps.reason.isEmpty() ? TerminalTab::tr("This host is read-only: no exec.")
                                             : TerminalTab::tr("%1 No exec there.").arg(caps.reason)};
    if (gone)
        return {false, TerminalTab::tr("The container no longer exists.")};
    if (state == ContainerState::Unknown)
        return {false, TerminalTab::tr("The container's state is not known yet.")};
    if (state != ContainerState::Running)
        return {false,
                TerminalTab::tr("Exec needs a running container; this one is %1.").arg(containerStateName(state))};
    return {true, TerminalTab::tr("Open a shell in the container in a new tab (Ctrl+Shift+T).")};
}

TerminalTab::TerminalTab(ContainerSource *source, QString host, QString ref, QString name, QWidget *parent)
    : QWidget(parent)
    , m_host(std::move(host))
    , m_ref(std::move(ref))
    , m_name(std::move(name))
{
    setObjectName(QStringLiteral("TerminalTab"));
    // The same opener as createExecTerminal, but the stream opens only in start(), once the view
    // has its real size (otherwise the PTY would start at the unlaid-out widget's size).
    QPointer<ContainerSource> guard(source);
    auto opener = [guard, ref = m_ref](int cols, int rows) -> ExecStream * {
        if (!guard)
            return nullptr;
        ExecOptions o;
        o.tty = true;
        o.interactive = true;
        o.cols = cols;
        o.rows = rows;
        return guard->openExec(ref, o);
    };
    m_session = new TerminalSession(std::move(opener), tr("shell - %1 @ %2").arg(m_name, m_host), this);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_session);
    setFocusProxy(m_session);
    connect(m_session, &TerminalSession::titleChanged, this, [this] { Q_EMIT tabTitleChanged(tabTitle()); });
    connect(m_session, &TerminalSession::stateChanged, this, [this] { Q_EMIT tabTitleChanged(tabTitle()); });

    // The view resizes its stream on every size change, but the Engine API sends each resize as
    // its own request on a pool of connections, so a burst (the status banner hiding right after
    // the start, a window drag) can land out of order and leave the PTY at a stale size. Once the
    // size has settled, send the final one again.
    auto *settle = new QTimer(this);
    settle->setSingleShot(true);
    settle->setInterval(kResizeSettleMs);
    connect(m_session->view(), &TerminalView::resized, settle, qOverload<>(&QTimer::start));
    connect(m_session, &TerminalSession::stateChanged, settle, [settle](TerminalSession::State state) {
        if (state == TerminalSession::State::Running)
            settle->start();
    });
    connect(settle, &QTimer::timeout, this, [this] {
        if (ExecStream *stream = m_session->stream(); stream && m_session->state() == TerminalSession::State::Running)
            stream->resize(m_session->view()->columns(), m_session->view()->rows());
    });
}

QString TerminalTab::tabTitle() const
{
    switch (m_session->state()) {
    case TerminalSession::State::Exited:
        return tr("%1 [exited %2]").arg(m_session->title()).arg(m_session->exitCode());
    case TerminalSession::State::ConnectionLost:
        return m_started ? tr("%1 [disconnected]").arg(m_session->title()) : m_session->title();
    case TerminalSession::State::Connecting:
    case TerminalSession::State::Running:
        break;
    }
    return m_session->title();
}

void TerminalTab::start(const QRect &pageGeometry)
{
    if (pageGeometry.isValid())
        setGeometry(pageGeometry);
    layout()->activate();
    m_session->layout()->activate();
    m_started = true;
    m_session->connectStream();
}

} // namespace archnest::ui
