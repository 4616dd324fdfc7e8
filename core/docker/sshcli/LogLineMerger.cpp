#include "docker/sshcli/LogLineMerger.h"

#include <utility>

namespace archnest::sshcli {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int indexOf(OutputChannel channel)
{
    return channel == OutputChannel::Stderr ? 1 : 0;
}

} // namespace

LogLineMerger::LogLineMerger(bool keepTimestamps)
    : m_keepTimestamps(keepTimestamps)
{}

QByteArray LogLineMerger::timestampKey(const QByteArray &line)
{
    // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+hh:mm) then a space.
    if (line.size() < 21)
        return {};
    static constexpr int kDigits[] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
    for (int i : kDigits)
        if (!isDigit(line.at(i)))
            return {};
    if (line.at(4) != '-' || line.at(7) != '-' || line.at(10) != 'T' || line.at(13) != ':' || line.at(16) != ':')
        return {};
    QByteArray key = line.left(19);
    qsizetype i = 19;
    QByteArray fraction;
    if (line.at(i) == '.') {
        ++i;
        while (i < line.size() && isDigit(line.at(i)) && fraction.size() < 9)
            fraction += line.at(i++);
        while (i < line.size() && isDigit(line.at(i)))
            ++i;
    }
    const qsizetype space = line.indexOf(' ', i);
    if (space < 0 || space - i > 6) // "Z" or "+hh:mm"
        return {};
    key += fraction.leftJustified(9, '0');
    return key;
}

void LogLineMerger::pushLine(Stream &s, QByteArray line, qint64 nowMs)
{
    QByteArray key = timestampKey(line);
    if (key.isEmpty()) {
        key = s.lastKey; // keeps its place in its own stream
    } else if (!m_keepTimestamps) {
        line.remove(0, line.indexOf(' ') + 1);
    }
    s.lastKey = key;
    s.held.push_back(Line{std::move(key), std::move(line), nowMs});
}

void LogLineMerger::feed(const QByteArray &data, OutputChannel channel, qint64 nowMs)
{
    Stream &s = m_streams[indexOf(channel)];
    s.partial += data;
    qsizetype start = 0;
    for (qsizetype nl = s.partial.indexOf('\n'); nl >= 0; nl = s.partial.indexOf('\n', start)) {
        pushLine(s, s.partial.mid(start, nl + 1 - start), nowMs);
        start = nl + 1;
    }
    s.partial.remove(0, start);
    if (s.partial.size() > kMaxLineBytes)
        pushLine(s, std::exchange(s.partial, {}), nowMs);
}

void LogLineMerger::finish()
{
    for (Stream &s : m_streams) {
        if (!s.partial.isEmpty())
            pushLine(s, std::exchange(s.partial, {}) + '\n', 0);
        s.ended = true;
    }
}

QList<LogLineMerger::Run> LogLineMerger::take(qint64 nowMs, bool all)
{
    QList<Run> runs;
    auto release = [&runs](Stream &s, OutputChannel channel) {
        if (runs.isEmpty() || runs.last().channel != channel)
            runs.append(Run{{}, channel});
        runs.last().data += s.held.front().text;
        s.held.pop_front();
    };
    Stream &out = m_streams[0];
    Stream &err = m_streams[1];
    for (;;) {
        if (!out.held.empty() && !err.held.empty()) {
            // Both have a line: the earlier goes first (on a tie, the one that came first).
            const Line &a = out.held.front();
            const Line &b = err.held.front();
            const bool outFirst = a.key < b.key || (a.key == b.key && a.arrivedMs <= b.arrivedMs);
            if (outFirst)
                release(out, OutputChannel::Stdout);
            else
                release(err, OutputChannel::Stderr);
            continue;
        }
        const bool fromOut = !out.held.empty();
        Stream &s = fromOut ? out : err;
        if (s.held.empty())
            break;
        const Stream &other = fromOut ? err : out;
        const Line &l = s.held.front();
        const bool safe = all || other.ended || (!other.lastKey.isEmpty() && other.lastKey >= l.key) ||
                          nowMs - l.arrivedMs >= kHoldMs;
        if (!safe)
            break;
        release(s, fromOut ? OutputChannel::Stdout : OutputChannel::Stderr);
    }
    return runs;
}

qint64 LogLineMerger::nextReleaseMs() const
{
    qint64 next = -1;
    for (const Stream &s : m_streams)
        if (!s.held.empty() && (next < 0 || s.held.front().arrivedMs + kHoldMs < next))
            next = s.held.front().arrivedMs + kHoldMs;
    return next;
}

} // namespace archnest::sshcli
