#pragma once

#include "logs/LogLineStore.h"
#include "logs/LogSearch.h"

#include <QAbstractListModel>
#include <QByteArray>

#include <deque>
#include <vector>

namespace archnest::ui {

// The lines a LogView shows, compact (LogLineStore: UTF-8 in shared blocks) and bounded:
// appending past maxLines drops the oldest lines. With a search set it keeps the matching lines
// and the number of matches up to date as lines come and go, and in "only matching lines" mode
// its rows are the matching lines alone.
class LogLineModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogLineModel)

public:
    explicit LogLineModel(QObject *parent = nullptr);

    void setMaxLines(int maxLines);
    int maxLines() const { return int(m_store.maxLines()); }
    // Moves the oldest `count` lines of `source` in (the caller discards them there).
    void appendFrom(const LogLineStore &source, qsizetype count);
    static constexpr int IsStderrRole = Qt::UserRole + 1;
    void clear();

    void setSearch(const QString &needle);
    QString search() const { return m_search.needle(); }
    void setOnlyMatching(bool on);
    bool onlyMatching() const { return m_onlyMatching; }
    qint64 matchCount() const { return m_matchTotal; } // occurrences in the lines held
    qsizetype matchingLineCount() const { return qsizetype(m_matches.size()); }
    // The next row (after `row`, or before it when `backwards`) whose line matches, wrapping
    // around; -1 when none does.
    int nextMatchRow(int row, bool backwards) const;

    // Rows as shown (every line, or only the matching ones).
    QByteArrayView line(int row) const { return m_store.line(storeIndex(row)); }
    bool isStderr(int row) const { return m_store.isStderr(storeIndex(row)); }
    int longestLine() const { return int(std::min<qsizetype>(m_store.longestLine(), INT_MAX)); }
    const LogLineStore &store() const { return m_store; }
    qsizetype totalHeld() const { return m_store.size(); } // every line, matching or not
    // A copy of the rows as shown, for saving on another thread.
    std::vector<QByteArray> snapshot() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    qsizetype storeIndex(int row) const
    {
        return m_onlyMatching ? qsizetype(m_matches[size_t(row)].seq - m_store.firstSeq()) : qsizetype(row);
    }
    void dropFront(qsizetype count);
    void rescan();

    struct Match
    {
        qint64 seq; // stable line number (LogLineStore::firstSeq() + index)
        int count;
    };
    LogLineStore m_store;
    LogSearch m_search;
    std::deque<Match> m_matches;
    qint64 m_matchTotal = 0;
    bool m_onlyMatching = false;
};

} // namespace archnest::ui
