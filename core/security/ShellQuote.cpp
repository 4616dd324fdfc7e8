#include "security/ShellQuote.h"

namespace archnest::security {

QString shellQuote(const QString &word)
{
    QString out;
    out.reserve(word.size() + 2);
    out += QLatin1Char('\'');
    for (QChar c : word) {
        if (c == QLatin1Char('\''))
            out += QLatin1String("'\\''");
        else
            out += c;
    }
    out += QLatin1Char('\'');
    return out;
}

QByteArray shellQuote(const QByteArray &word)
{
    QByteArray out;
    out.reserve(word.size() + 2);
    out += '\'';
    for (char c : word) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    out += '\'';
    return out;
}

Result<QString> quoteShellWord(const QString &word)
{
    if (word.contains(QChar(u'\0')))
        return makeError(QStringLiteral("A command argument contains a NUL character, which no shell argument can "
                                        "hold; remove it."),
                         QStringLiteral("bad-argument"));
    return shellQuote(word);
}

Result<QString> quoteShellWords(const QStringList &words)
{
    QStringList quoted;
    quoted.reserve(words.size());
    for (const QString &w : words) {
        Result<QString> q = quoteShellWord(w);
        if (!q)
            return q.error();
        quoted.append(std::move(q).value());
    }
    return quoted.join(QLatin1Char(' '));
}

} // namespace archnest::security
