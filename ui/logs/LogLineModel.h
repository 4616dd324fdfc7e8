#pragma once

#include <QAbstractListModel>
#include <QByteArray>

#include <deque>
#include <vector>

namespace archnest::ui {

// The lines a LogView shows, compact (UTF-8, one QByteArray each) and bounded: appending past
// maxLines drops the oldest rows.
class LogLineModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogLineModel)

public:
    explicit LogLineModel(QObject *parent = nullptr);

    void setMaxLines(int maxLines);
    int maxLines() const { return m_maxLines; }
    // `stderrFlags`: empty, or one flag per line (the line came from the container's stderr).
    void appendLines(const QStringList &lines, const std::vector<bool> &stderrFlags = {});
    bool isStderr(int row) const { return m_stderr[size_t(row)]; }
    static constexpr int IsStderrRole = Qt::UserRole + 1;
    void clear();

    const QByteArray &line(int row) const { return m_lines[size_t(row)]; }
    int longestLine() const { return m_longest; }
    // A cheap snapshot (implicitly shared) for saving on another thread.
    std::vector<QByteArray> snapshot() const { return {m_lines.cbegin(), m_lines.cend()}; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    std::deque<QByteArray> m_lines;
    std::deque<bool> m_stderr; // parallel to m_lines
    int m_maxLines = 100000;
    int m_longest = 0;
};

} // namespace archnest::ui
