#include "ssh/SshConfigLexer.h"

#include <climits>
#include <netdb.h>
#include <pwd.h>

namespace archnest::ssh::sshcfg {

namespace {

bool isWhitespace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r') || c == QLatin1Char('\n');
}

int skipWhitespace(const QString &s, int i)
{
    while (i < s.size() && isWhitespace(s.at(i)))
        ++i;
    return i;
}

QString asciiLower(const QString &s)
{
    QString out = s;
    for (QChar &c : out) {
        if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            c = QChar(c.unicode() + 32);
    }
    return out;
}

} // namespace

std::optional<QString> strdelim(WordCursor *c)
{
    if (c->atEnd)
        return std::nullopt;
    const QString s = c->rest;
    int i = 0;
    while (i < s.size() && !isWhitespace(s.at(i)) && s.at(i) != QLatin1Char('"') && s.at(i) != QLatin1Char('='))
        ++i;
    if (i == s.size()) {
        c->atEnd = true;
        c->rest.clear();
        return s;
    }
    if (s.at(i) == QLatin1Char('"')) {
        const QString t = s.left(i) + s.mid(i + 1);
        const int q = t.indexOf(QLatin1Char('"'), i);
        if (q < 0) {
            c->atEnd = true;
            c->rest.clear();
            return std::nullopt;
        }
        c->rest = t.mid(skipWhitespace(t, q + 1));
        return t.left(q);
    }
    const bool sawEquals = s.at(i) == QLatin1Char('=');
    int k = skipWhitespace(s, i + 1);
    if (!sawEquals && k < s.size() && s.at(k) == QLatin1Char('='))
        k = skipWhitespace(s, k + 1);
    c->rest = s.mid(k);
    return s.left(i);
}

bool argvSplit(const QString &s, bool terminateOnComment, QStringList *out)
{
    out->clear();
    const int n = s.size();
    for (int i = 0; i < n; ++i) {
        const QChar ch = s.at(i);
        if (ch == QLatin1Char(' ') || ch == QLatin1Char('\t'))
            continue;
        if (terminateOnComment && ch == QLatin1Char('#'))
            break;
        QString arg;
        QChar quote;
        for (; i < n; ++i) {
            const QChar c = s.at(i);
            if (c == QLatin1Char('\\')) {
                const QChar next = i + 1 < n ? s.at(i + 1) : QChar();
                if (next == QLatin1Char('\'') || next == QLatin1Char('"') || next == QLatin1Char('\\') ||
                    (quote.isNull() && next == QLatin1Char(' '))) {
                    ++i;
                    arg += s.at(i);
                } else {
                    arg += c;
                }
            } else if (quote.isNull() && (c == QLatin1Char(' ') || c == QLatin1Char('\t'))) {
                break;
            } else if (quote.isNull() && (c == QLatin1Char('"') || c == QLatin1Char('\''))) {
                quote = c;
            } else if (!quote.isNull() && c == quote) {
                quote = QChar();
            } else {
                arg += c;
            }
        }
        *out << arg;
        if (i >= n) {
            if (!quote.isNull())
                return false;
            break;
        }
    }
    return true;
}

QString lexConfigLine(const QString &raw, ConfigLine *out)
{
    *out = ConfigLine{};
    QString line = raw;
    int len = line.size();
    // Trailing whitespace (and form feeds) go, except the first character, as in OpenSSH.
    while (len > 1 && (isWhitespace(line.at(len - 1)) || line.at(len - 1) == QLatin1Char('\f')))
        --len;
    line.truncate(len);
    if (line.isEmpty())
        return {};
    WordCursor c{line, false};
    std::optional<QString> keyword = strdelim(&c);
    if (keyword && keyword->isEmpty())
        keyword = strdelim(&c);
    if (!keyword || keyword->isEmpty() || keyword->startsWith(QLatin1Char('\n')) ||
        keyword->startsWith(QLatin1Char('#')))
        return {};
    const QString key = asciiLower(*keyword);
    const QString rest = c.atEnd ? QString() : c.rest.mid(skipWhitespace(c.rest, 0));
    if (c.atEnd || rest.isEmpty())
        return QStringLiteral("no argument after keyword \"%1\"").arg(key);
    out->keyword = key;
    out->rest = rest;
    if (!argvSplit(rest, true, &out->args))
        return QStringLiteral("invalid quotes");
    return {};
}

bool matchPattern(const QString &s, const QString &pattern)
{
    // Iterative wildcard match (`*` any run, `?` one character): linear backtracking on the last
    // star, so hostile patterns cannot make it exponential.
    int si = 0, pi = 0, starP = -1, starS = 0;
    const int sn = s.size(), pn = pattern.size();
    while (si < sn) {
        if (pi < pn && pattern.at(pi) == QLatin1Char('*')) {
            starP = pi++;
            starS = si;
        } else if (pi < pn && (pattern.at(pi) == QLatin1Char('?') || pattern.at(pi) == s.at(si))) {
            ++si;
            ++pi;
        } else if (starP >= 0) {
            pi = starP + 1;
            si = ++starS;
        } else {
            return false;
        }
    }
    while (pi < pn && pattern.at(pi) == QLatin1Char('*'))
        ++pi;
    return pi == pn;
}

int matchPatternList(const QString &s, const QString &list, bool lowerCase)
{
    const QString subject = lowerCase ? asciiLower(s) : s;
    bool positive = false;
    for (QString sub : list.split(QLatin1Char(','))) {
        bool negated = false;
        if (sub.startsWith(QLatin1Char('!'))) {
            negated = true;
            sub = sub.mid(1);
        }
        if (lowerCase)
            sub = asciiLower(sub);
        if (matchPattern(subject, sub)) {
            if (negated)
                return -1;
            positive = true;
        }
    }
    return positive ? 1 : 0;
}

std::optional<QString> expandTokens(const QString &s, const QHash<QChar, QString> &tokens, bool dollar,
                                    const QHash<QString, QString> &env, QString *error)
{
    QString out;
    bool missingVar = false;
    const int n = s.size();
    for (int i = 0; i < n; ++i) {
        if (dollar && s.at(i) == QLatin1Char('$') && i + 1 < n && s.at(i + 1) == QLatin1Char('{')) {
            const int end = s.indexOf(QLatin1Char('}'), i + 2);
            if (end < 0) {
                *error = QStringLiteral("environment variable '%1' missing closing '}'").arg(s.mid(i + 2));
                return std::nullopt;
            }
            const QString var = s.mid(i + 2, end - i - 2);
            if (var.isEmpty()) {
                *error = QStringLiteral("zero-length environment variable");
                return std::nullopt;
            }
            if (!env.contains(var)) {
                *error = QStringLiteral("env var ${%1} has no value").arg(var);
                missingVar = true;
            } else {
                out += env.value(var);
            }
            i = end;
            continue;
        }
        if (s.at(i) != QLatin1Char('%')) {
            out += s.at(i);
            continue;
        }
        ++i;
        if (i >= n) {
            *error = QStringLiteral("invalid format (a '%' at the end)");
            return std::nullopt;
        }
        if (s.at(i) == QLatin1Char('%')) {
            out += QLatin1Char('%');
            continue;
        }
        const auto it = tokens.constFind(s.at(i));
        if (it == tokens.constEnd()) {
            *error = QStringLiteral("unknown key %%%1").arg(s.at(i));
            return std::nullopt;
        }
        out += it.value();
    }
    if (missingVar)
        return std::nullopt;
    return out;
}

std::optional<QString> expandTilde(const QString &path, const QString &home, QString *error)
{
    if (!path.startsWith(QLatin1Char('~')))
        return path;
    QString rest = path.mid(1);
    const int slash = rest.indexOf(QLatin1Char('/'));
    QString dir = home;
    if (slash > 0) {
        const QByteArray user = rest.left(slash).toLocal8Bit();
        const passwd *pw = ::getpwnam(user.constData());
        if (!pw) {
            *error = QStringLiteral("no such user %1 (in \"%2\")").arg(rest.left(slash), path);
            return std::nullopt;
        }
        dir = QString::fromLocal8Bit(pw->pw_dir);
    }
    if (slash >= 0)
        rest = rest.mid(slash + 1);
    const QString sep = dir.isEmpty() || !dir.endsWith(QLatin1Char('/')) ? QStringLiteral("/") : QString();
    return dir + sep + rest;
}

int parsePort(const QString &s)
{
    QString digits = s.startsWith(QLatin1Char('+')) ? s.mid(1) : s;
    bool numeric = !digits.isEmpty() && digits.size() <= 10;
    for (const QChar c : std::as_const(digits))
        numeric = numeric && c >= QLatin1Char('0') && c <= QLatin1Char('9');
    if (numeric) {
        const qint64 v = digits.toLongLong();
        return v <= 65535 ? int(v) : -1;
    }
    const QByteArray name = s.toLocal8Bit();
    servent buf{};
    char strings[1024];
    servent *se = nullptr;
    if (::getservbyname_r(name.constData(), "tcp", &buf, strings, sizeof strings, &se) == 0 && se)
        return ntohs(se->s_port);
    return -1;
}

int parseTime(const QString &s)
{
    if (s.isEmpty())
        return -1;
    qint64 total = 0;
    int i = 0;
    const int n = s.size();
    while (i < n) {
        int j = i;
        if (j < n && s.at(j) == QLatin1Char('+'))
            ++j;
        const int start = j;
        qint64 value = 0;
        while (j < n && s.at(j).isDigit() && s.at(j).unicode() < 128) {
            value = value * 10 + (s.at(j).unicode() - '0');
            if (value > INT_MAX)
                return -1;
            ++j;
        }
        if (j == start)
            return -1;
        qint64 mult = 1;
        if (j < n) {
            switch (s.at(j).toLower().unicode()) {
            case 's':
                break;
            case 'm':
                mult = 60;
                break;
            case 'h':
                mult = 3600;
                break;
            case 'd':
                mult = 86400;
                break;
            case 'w':
                mult = 604800;
                break;
            default:
                return -1;
            }
            ++j;
        }
        if (value >= INT_MAX / mult)
            return -1;
        value *= mult;
        if (total >= INT_MAX - value)
            return -1;
        total += value;
        i = j;
    }
    return int(total);
}

} // namespace archnest::ssh::sshcfg
