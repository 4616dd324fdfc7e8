#pragma once

// The lexical layer of OpenSSH's client configuration (ssh_config(5)), written to behave like
// OpenSSH 9.2's readconf.c / misc.c (tested against `ssh -G`, see tests/integration/
// tst_ssh_config_diff.cpp): how a line splits into a keyword and arguments, quoting, comments,
// host patterns, `~` and %-token / ${ENV} expansion. No I/O here.

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace archnest::ssh::sshcfg {

struct ConfigLine
{
    QString keyword;  // lower-case; empty for a blank or comment line
    QString rest;     // the text after the keyword and its separator, as OpenSSH's `str`
    QStringList args; // `rest` split like OpenSSH's argv_split(), stopping at a `#` token
};

// Splits one line. Returns an error ("no argument after keyword ...", "invalid quotes") or "".
QString lexConfigLine(const QString &line, ConfigLine *out);

// OpenSSH's strdelim() over a cursor: the next word (whitespace or one '=' separates, a
// double-quoted word may hold spaces). nullopt once the cursor is exhausted (`atEnd`, C's NULL)
// and on an unterminated quote.
struct WordCursor
{
    QString rest;
    bool atEnd = false;
};
std::optional<QString> strdelim(WordCursor *c);

// OpenSSH's argv_split(). Returns false on an unterminated quote.
bool argvSplit(const QString &s, bool terminateOnComment, QStringList *out);

// match_pattern(): `*` and `?` wildcards only, case-sensitive.
bool matchPattern(const QString &s, const QString &pattern);
// match_pattern_list(): comma list with `!` negation: 1 match, -1 negated match, 0 none.
int matchPatternList(const QString &s, const QString &list, bool lowerCase);

// Token expansion (percent_expand / dollar expansion). `tokens` maps a token letter to its
// value; `dollar` also expands ${VAR} from `env`. Returns nullopt and sets `error` when the
// string names an unknown token, ends with '%' or names an unset variable.
std::optional<QString> expandTokens(const QString &s, const QHash<QChar, QString> &tokens, bool dollar,
                                    const QHash<QString, QString> &env, QString *error);

// tilde_expand_filename(): "~" and "~/x" from `home`, "~user/x" from the password database.
std::optional<QString> expandTilde(const QString &path, const QString &home, QString *error);

// a2port(): a decimal port 0-65535 or a TCP service name from /etc/services; -1 if neither.
int parsePort(const QString &s);

// convtime(): "90", "1m30s", "1h" -> seconds; -1 if invalid.
int parseTime(const QString &s);

} // namespace archnest::ssh::sshcfg
