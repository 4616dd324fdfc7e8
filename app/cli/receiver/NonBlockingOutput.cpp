#include "NonBlockingOutput.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace archnest::cli {

NonBlockingOutput::NonBlockingOutput(int fd, QByteArray name, qsizetype maxPending, QObject *parent)
    : QObject(parent)
    , m_fd(fd)
    , m_name(std::move(name))
    , m_maxPending(maxPending)
{
    struct stat st = {};
    if (::fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
        m_oldFlags = ::fcntl(fd, F_GETFL);
        if (m_oldFlags >= 0 && !(m_oldFlags & O_NONBLOCK))
            ::fcntl(fd, F_SETFL, m_oldFlags | O_NONBLOCK);
        m_notifier = new QSocketNotifier(fd, QSocketNotifier::Write, this);
        m_notifier->setEnabled(false);
        connect(m_notifier, &QSocketNotifier::activated, this, &NonBlockingOutput::flush);
    }
}

NonBlockingOutput::~NonBlockingOutput()
{
    if (m_notifier)
        m_notifier->setEnabled(false);
    if (m_oldFlags >= 0)
        ::fcntl(m_fd, F_SETFL, m_oldFlags);
}

void NonBlockingOutput::write(const QByteArray &text)
{
    if (m_broken)
        return;
    if (m_pending.size() + text.size() > m_maxPending) {
        ++m_dropped;
        return;
    }
    m_pending += text;
    flush();
}

void NonBlockingOutput::flush()
{
    for (int rounds = 0; rounds < 64 && !m_pending.isEmpty(); ++rounds) {
        const ssize_t n = ::write(m_fd, m_pending.constData(), size_t(m_pending.size()));
        if (n > 0) {
            m_pending.remove(0, qsizetype(n));
            if (m_pending.isEmpty() && m_dropped > m_droppedReported) {
                m_pending = QByteArray::number(m_dropped - m_droppedReported) + " line(s) dropped: " + m_name +
                            " was not being read\n";
                m_droppedReported = m_dropped;
            }
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        m_broken = true; // EPIPE and the like: nobody will ever read it
        m_pending.clear();
        break;
    }
    if (m_notifier)
        m_notifier->setEnabled(!m_pending.isEmpty());
}

} // namespace archnest::cli
