#pragma once

// POSIX shell quoting: every word becomes exactly one literal argument for sh, bash, dash or
// zsh, whatever it contains (quotes, $, backticks, newlines, UTF-8). A NUL byte cannot be part
// of any argument, so the checked variants refuse it instead of silently truncating.

#include "util/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace archnest::security {

// 'word' with each ' written as '\'' . Precondition: no NUL (use quoteShellWord to check).
QString shellQuote(const QString &word);
QByteArray shellQuote(const QByteArray &word);

// The same, refusing a word with a NUL character.
Result<QString> quoteShellWord(const QString &word);
// Quotes each word and joins them with spaces; refuses any word with a NUL.
Result<QString> quoteShellWords(const QStringList &words);

} // namespace archnest::security
