#include "logs/LogLineModel.h"

#include <algorithm>

namespace archnest::ui {

LogLineModel::LogLineModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void LogLineModel::setMaxLines(int maxLines)
{
    m_maxLines = std::max(1, maxLines);
    const int excess = rowCount() - m_maxLines;
    if (excess > 0) {
        beginRemoveRows({}, 0, excess - 1);
        m_lines.erase(m_lines.begin(), m_lines.begin() + excess);
        m_stderr.erase(m_stderr.begin(), m_stderr.begin() + excess);
        endRemoveRows();
    }
}

void LogLineModel::appendLines(const QStringList &lines, const std::vector<bool> &stderrFlags)
{
    if (lines.isEmpty())
        return;
    // Only the last maxLines of the batch can survive.
    const qsizetype skip = std::max<qsizetype>(0, lines.size() - m_maxLines);
    const int adding = int(lines.size() - skip);
    const int excess = rowCount() + adding - m_maxLines;
    if (excess > 0) {
        beginRemoveRows({}, 0, excess - 1);
        m_lines.erase(m_lines.begin(), m_lines.begin() + excess);
        m_stderr.erase(m_stderr.begin(), m_stderr.begin() + excess);
        endRemoveRows();
    }
    const int first = rowCount();
    beginInsertRows({}, first, first + adding - 1);
    for (qsizetype i = skip; i < lines.size(); ++i) {
        m_longest = std::max(m_longest, int(lines.at(i).size()));
        m_lines.push_back(lines.at(i).toUtf8());
        m_stderr.push_back(size_t(i) < stderrFlags.size() && stderrFlags[size_t(i)]);
    }
    endInsertRows();
}

void LogLineModel::clear()
{
    beginResetModel();
    m_lines.clear();
    m_stderr.clear();
    m_longest = 0;
    endResetModel();
}

int LogLineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant LogLineModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
        return QString::fromUtf8(m_lines[size_t(index.row())]);
    if (role == IsStderrRole)
        return bool(m_stderr[size_t(index.row())]);
    return {};
}

} // namespace archnest::ui
