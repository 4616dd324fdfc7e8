#pragma once

#include "docker/ContainerSource.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QFrame;

namespace archnest::ui {

class TerminalView;

// One interactive exec in a tab: the terminal view plus its lifecycle (connecting, running,
// exited with a code and a Reconnect button, connection lost with the reason). It owns the
// stream it opened and hangs it up when closed.
class TerminalSession final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TerminalSession)

public:
    enum class State { Connecting, Running, Exited, ConnectionLost };
    Q_ENUM(State)

    // Opens a new stream of the given size; nullptr or a `failed` signal means it could not.
    using Opener = std::function<ExecStream *(int cols, int rows)>;

    TerminalSession(Opener opener, QString title, QWidget *parent = nullptr);
    ~TerminalSession() override;

    TerminalView *view() const { return m_view; }
    ExecStream *stream() const { return m_stream; }
    State state() const { return m_state; }
    int exitCode() const { return m_exitCode; }
    QString statusText() const;
    QString title() const { return m_title; }
    QPushButton *reconnectButton() const { return m_reconnect; }

public Q_SLOTS:
    void connectStream(); // (re)opens the stream; also what "Reconnect" does
    void hangUp();

Q_SIGNALS:
    void stateChanged(archnest::ui::TerminalSession::State state);
    void titleChanged(const QString &title); // for the tab text

private:
    void setState(State state, const QString &message = {});
    void releaseStream();

    Opener m_opener;
    QString m_baseTitle;
    QString m_title;
    TerminalView *m_view = nullptr;
    QFrame *m_banner = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_reconnect = nullptr;
    QPointer<ExecStream> m_stream;
    State m_state = State::Connecting;
    int m_exitCode = -1;
    QString m_lostReason;
};

// The terminal tab for "Exec" on a container: opens `options.command` (the container's shell
// when empty) through the host's source. The widget is meant for a closable tab; several can be
// open at once. The source must outlive the tab or the tab shows "connection lost".
TerminalSession *createExecTerminal(ContainerSource *source, const QString &containerRef, ExecOptions options = {},
                                    QWidget *parent = nullptr);

} // namespace archnest::ui
