#include "docker/api/FrameDemuxer.h"

#include <QtEndian>

namespace archnest::dockerapi {

void FrameDemuxer::feed(const QByteArray &data, const Sink &sink)
{
    if (m_raw) {
        if (!data.isEmpty())
            sink(data, OutputChannel::Stdout);
        return;
    }
    m_buffer += data;
    qsizetype pos = 0;
    while (m_buffer.size() - pos >= 8) {
        const auto *h = reinterpret_cast<const uchar *>(m_buffer.constData() + pos);
        const quint32 size = qFromBigEndian<quint32>(h + 4);
        if (m_buffer.size() - pos - 8 < qsizetype(size))
            break;
        const OutputChannel ch = h[0] == 2 ? OutputChannel::Stderr : OutputChannel::Stdout;
        if (size > 0)
            sink(m_buffer.mid(pos + 8, size), ch);
        pos += 8 + qsizetype(size);
    }
    m_buffer.remove(0, pos);
}

} // namespace archnest::dockerapi
