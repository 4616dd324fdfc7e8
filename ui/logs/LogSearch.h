#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace archnest::ui {

// Case-insensitive search in one UTF-8 log line, without decoding it when the needle is ASCII
// (the common case: a million lines are searched per keystroke). A non-ASCII needle decodes
// the line and uses Qt's Unicode case folding. Counts non-overlapping matches, as the view
// highlights them. No Qt widgets.
class LogSearch final
{
public:
    static constexpr int kMaxMatchesPerLine = 200;

    LogSearch() = default;
    explicit LogSearch(const QString &needle);

    bool isEmpty() const { return m_needle.isEmpty(); }
    QString needle() const { return m_needle; }
    // Matches in `line` (at most kMaxMatchesPerLine).
    int count(QByteArrayView line) const;
    bool matches(QByteArrayView line) const { return count(line) > 0; }

private:
    QString m_needle;
    QByteArray m_lowerAscii; // the needle lower-cased, when it is ASCII
    bool m_ascii = false;
    mutable QByteArray m_scratch;
};

} // namespace archnest::ui
