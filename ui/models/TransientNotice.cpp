#include "models/TransientNotice.h"

namespace archnest::ui {

TransientNotice::TransientNotice(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &TransientNotice::clear);
}

void TransientNotice::show(const QString &text, bool error, const QString &scope)
{
    m_text = text;
    m_error = error;
    m_scope = scope;
    if (text.isEmpty())
        m_timer.stop();
    else
        m_timer.start(error ? m_errorMs : m_infoMs);
    Q_EMIT changed();
}

void TransientNotice::setScope(const QString &scope)
{
    m_viewScope = scope;
    if (isShown() && !m_scope.isEmpty() && m_scope != scope)
        clear();
}

void TransientNotice::clear()
{
    m_timer.stop();
    if (m_text.isEmpty())
        return;
    m_text.clear();
    m_scope.clear();
    Q_EMIT changed();
}

void TransientNotice::setTimeouts(int infoMs, int errorMs)
{
    m_infoMs = infoMs;
    m_errorMs = errorMs;
}

} // namespace archnest::ui
