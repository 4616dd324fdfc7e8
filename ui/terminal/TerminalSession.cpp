#include "TerminalSession.h"

#include "TerminalView.h"

#include <QApplication>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace archnest::ui {

TerminalSession::TerminalSession(Opener opener, QString title, QWidget *parent)
    : QWidget(parent)
    , m_opener(std::move(opener))
    , m_baseTitle(std::move(title))
    , m_title(m_baseTitle)
    , m_view(new TerminalView(this))
    , m_banner(new QFrame(this))
    , m_message(new QLabel(m_banner))
    , m_reconnect(new QPushButton(tr("Reconnect"), m_banner))
{
    const QSettings settings;
    m_view->setScrollbackLines(
        settings.value(QStringLiteral("terminal/scrollbackLines"), TerminalScreen::kDefaultScrollback).toInt());

    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setAutoFillBackground(true);
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText); // holds remote error text
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(8, 4, 8, 4);
    bannerLayout->addWidget(m_message, 1);
    bannerLayout->addWidget(m_reconnect);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_view, 1);
    setFocusProxy(m_view);

    connect(m_reconnect, &QPushButton::clicked, this, &TerminalSession::connectStream);
    connect(m_view, &TerminalView::titleChanged, this, [this](const QString &t) {
        m_title = t.isEmpty() ? m_baseTitle : t;
        Q_EMIT titleChanged(m_title);
    });
    connect(m_view, &TerminalView::bell, this, [] { QApplication::beep(); });
    setState(State::Connecting);
}

TerminalSession::~TerminalSession()
{
    releaseStream();
}

void TerminalSession::releaseStream()
{
    if (!m_stream)
        return;
    ExecStream *old = m_stream;
    m_stream = nullptr;
    m_view->setStream(nullptr);
    disconnect(old, nullptr, this, nullptr);
    old->terminate();
    old->deleteLater();
}

void TerminalSession::hangUp()
{
    if (m_stream)
        m_stream->terminate();
}

void TerminalSession::connectStream()
{
    releaseStream();
    m_exitCode = -1;
    m_lostReason.clear();
    setState(State::Connecting);
    ExecStream *stream = m_opener ? m_opener(m_view->columns(), m_view->rows()) : nullptr;
    if (!stream) {
        setState(State::ConnectionLost, tr("The exec session could not be opened (the host is gone or refused it)."));
        return;
    }
    // A stream its source owns stays with the source (it may use the source's connection);
    // a parentless one (a local PTY) becomes ours.
    if (!stream->parent())
        stream->setParent(this);
    m_stream = stream;
    connect(stream, &QObject::destroyed, this, [this] {
        if (m_state == State::Connecting || m_state == State::Running)
            setState(State::ConnectionLost, tr("the host's connection was closed."));
    });
    connect(stream, &ExecStream::started, this, [this] { setState(State::Running); });
    connect(stream, &ExecStream::dataReceived, this, [this] {
        if (m_state == State::Connecting)
            setState(State::Running);
    });
    connect(stream, &ExecStream::finished, this, [this](int code) {
        m_exitCode = code;
        setState(State::Exited);
    });
    connect(stream, &ExecStream::failed, this,
            [this](const QString &message) { setState(State::ConnectionLost, message); });
    m_view->setStream(stream);
    m_view->setFocus();
}

QString TerminalSession::statusText() const
{
    switch (m_state) {
    case State::Connecting:
        return tr("Connecting to %1…").arg(m_baseTitle);
    case State::Running:
        return {};
    case State::Exited:
        return tr("The process exited with code %1.").arg(m_exitCode);
    case State::ConnectionLost:
        return tr("Connection lost: %1").arg(m_lostReason.isEmpty() ? tr("no reason given") : m_lostReason);
    }
    return {};
}

void TerminalSession::setState(State state, const QString &message)
{
    if (state == State::ConnectionLost)
        m_lostReason = message;
    m_state = state;
    m_message->setText(statusText());
    m_banner->setVisible(state != State::Running);
    m_reconnect->setVisible(state == State::Exited || state == State::ConnectionLost);
    Q_EMIT stateChanged(state);
}

TerminalSession *createExecTerminal(ContainerSource *source, const QString &containerRef, ExecOptions options,
                                    QWidget *parent)
{
    QPointer<ContainerSource> guard(source);
    const QString title = source ? QStringLiteral("%1 @ %2").arg(containerRef, source->hostName()) : containerRef;
    auto opener = [guard, containerRef, options](int cols, int rows) -> ExecStream * {
        if (!guard)
            return nullptr;
        ExecOptions o = options;
        o.tty = true;
        o.interactive = true;
        o.cols = cols;
        o.rows = rows;
        return guard->openExec(containerRef, o);
    };
    auto *session = new TerminalSession(std::move(opener), title, parent);
    session->connectStream();
    return session;
}

} // namespace archnest::ui
