#include "logs/LogLineModel.h"

#include <algorithm>

namespace archnest::ui {

LogLineModel::LogLineModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_store(100000)
{}

void LogLineModel::setMaxLines(int maxLines)
{
    const qsizetype excess = m_store.size() - std::max(1, maxLines);
    if (excess > 0)
        dropFront(excess);
    m_store.setMaxLines(std::max(1, maxLines));
}

// Drops the oldest `count` lines, telling the views which rows go.
void LogLineModel::dropFront(qsizetype count)
{
    if (count <= 0)
        return;
    const qint64 newFirst = m_store.firstSeq() + count;
    qsizetype goneMatches = 0;
    while (goneMatches < qsizetype(m_matches.size()) && m_matches[size_t(goneMatches)].seq < newFirst)
        ++goneMatches;
    const qsizetype goneRows = m_onlyMatching ? goneMatches : count;
    if (goneRows > 0)
        beginRemoveRows({}, 0, int(goneRows - 1));
    for (qsizetype i = 0; i < goneMatches; ++i) {
        m_matchTotal -= m_matches.front().count;
        m_matches.pop_front();
    }
    m_store.popFront(count);
    if (goneRows > 0)
        endRemoveRows();
}

void LogLineModel::appendFrom(const LogLineStore &source, qsizetype count)
{
    count = std::min(count, source.size());
    if (count <= 0)
        return;
    // Only the last maxLines of the batch can survive.
    const qsizetype skip = std::max<qsizetype>(0, count - m_store.maxLines());
    const qsizetype adding = count - skip;
    dropFront(m_store.size() + adding - m_store.maxLines());
    if (m_search.isEmpty()) {
        const int first = rowCount();
        if (!m_onlyMatching)
            beginInsertRows({}, first, int(first + adding - 1));
        for (qsizetype i = skip; i < count; ++i)
            m_store.append(source.line(i), source.isStderr(i));
        if (!m_onlyMatching)
            endInsertRows();
        return;
    }
    // With a search: find the matches first, so "only matching" knows how many rows come.
    std::vector<Match> found;
    const qint64 seq0 = m_store.firstSeq() + m_store.size() - skip;
    for (qsizetype i = skip; i < count; ++i)
        if (const int n = m_search.count(source.line(i)); n > 0)
            found.push_back({seq0 + i, n});
    const int first = rowCount();
    const qsizetype inserted = m_onlyMatching ? qsizetype(found.size()) : adding;
    if (inserted > 0)
        beginInsertRows({}, first, int(first + inserted - 1));
    for (qsizetype i = skip; i < count; ++i)
        m_store.append(source.line(i), source.isStderr(i));
    for (const Match &m : found) {
        m_matches.push_back(m);
        m_matchTotal += m.count;
    }
    if (inserted > 0)
        endInsertRows();
}

void LogLineModel::clear()
{
    beginResetModel();
    m_store.clear();
    m_matches.clear();
    m_matchTotal = 0;
    endResetModel();
}

void LogLineModel::rescan()
{
    m_matches.clear();
    m_matchTotal = 0;
    if (m_search.isEmpty())
        return;
    const qint64 first = m_store.firstSeq();
    for (qsizetype i = 0; i < m_store.size(); ++i)
        if (const int n = m_search.count(m_store.line(i)); n > 0) {
            m_matches.push_back({first + i, n});
            m_matchTotal += n;
        }
}

void LogLineModel::setSearch(const QString &needle)
{
    if (needle == m_search.needle())
        return;
    if (m_onlyMatching)
        beginResetModel();
    m_search = LogSearch(needle);
    rescan();
    if (m_onlyMatching)
        endResetModel();
}

void LogLineModel::setOnlyMatching(bool on)
{
    if (on == m_onlyMatching)
        return;
    beginResetModel();
    m_onlyMatching = on;
    endResetModel();
}

int LogLineModel::nextMatchRow(int row, bool backwards) const
{
    if (m_matches.empty())
        return -1;
    const int n = int(m_matches.size());
    if (m_onlyMatching) {
        if (row < 0 || row >= n)
            return backwards ? n - 1 : 0;
        return ((backwards ? row - 1 : row + 1) % n + n) % n;
    }
    const qint64 first = m_store.firstSeq();
    const auto bySeq = [](const Match &m, qint64 seq) { return m.seq < seq; };
    if (row < 0 || row >= rowCount())
        return int((backwards ? m_matches.back().seq : m_matches.front().seq) - first);
    const qint64 seq = first + row;
    auto it = std::lower_bound(m_matches.begin(), m_matches.end(), seq, bySeq);
    if (backwards)
        return int((it == m_matches.begin() ? m_matches.back().seq : std::prev(it)->seq) - first);
    if (it != m_matches.end() && it->seq == seq)
        ++it;
    return int((it == m_matches.end() ? m_matches.front().seq : it->seq) - first);
}

std::vector<QByteArray> LogLineModel::snapshot() const
{
    std::vector<QByteArray> out;
    const int n = rowCount();
    out.reserve(size_t(n));
    for (int row = 0; row < n; ++row)
        out.push_back(line(row).toByteArray());
    return out;
}

int LogLineModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return int(m_onlyMatching ? qsizetype(m_matches.size()) : m_store.size());
}

QVariant LogLineModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
        return QString::fromUtf8(line(index.row()));
    if (role == IsStderrRole)
        return isStderr(index.row());
    return {};
}

} // namespace archnest::ui
