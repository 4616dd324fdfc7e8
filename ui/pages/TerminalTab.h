#pragma once

#include "model/Container.h"
#include "models/ContainerActions.h"

#include <QPointer>
#include <QWidget>

namespace archnest {
class ContainerSource;
}

namespace archnest::ui {

class TerminalSession;

// Whether an interactive exec can be opened on one container: only on a managed host (agent and
// read-only hosts cannot run anything) and only while the container runs. Disabled says why.
ActionAvailability execAvailability(const HostCapabilities &caps, ContainerState state, bool gone = false);

// One "Exec" terminal as a closable main-window tab: the container's shell through the host's
// source. Nothing of it is remembered (the tab is not restored at restart). Destroying the tab
// hangs the exec up (TerminalSession releases its stream).
class TerminalTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TerminalTab)

public:
    static constexpr int kResizeSettleMs = 250;

    TerminalTab(ContainerSource *source, QString host, QString ref, QString name, QWidget *parent = nullptr);

    QString host() const { return m_host; }
    QString ref() const { return m_ref; }
    QString containerName() const { return m_name; }
    TerminalSession *session() const { return m_session; }
    QString tabTitle() const;
    bool isStarted() const { return m_started; }

    // Lays the tab out at `pageGeometry` now (layouts would otherwise apply it later) and opens
    // the exec at the view's resulting size.
    void start(const QRect &pageGeometry);

Q_SIGNALS:
    void tabTitleChanged(const QString &title);

private:
    QString m_host;
    QString m_ref;
    QString m_name;
    TerminalSession *m_session = nullptr;
    bool m_started = false;
};

} // namespace archnest::ui
