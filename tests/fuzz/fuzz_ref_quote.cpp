// Fuzz target for container-ref validation and POSIX quoting. Invariants:
//  1. validateContainerRef accepts exactly the allowlist: [A-Za-z0-9][A-Za-z0-9_.-]*, <= 128.
//  2. shellQuote(word), read back by a POSIX shell's rules, is exactly one word equal to the
//     input (checked by a small reader here; in the replay test also by a real /bin/sh running
//     `printf '%s\0' "$@"`).
//  3. A command built from an accepted ref holds the ref as one literal word.
#include "docker/sshcli/DockerCliCommands.h"
#include "security/ContainerRef.h"
#include "security/ShellQuote.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#ifdef ARCHNEST_FUZZ_REAL_SHELL
#include <QProcess>
#endif

namespace {

[[noreturn]] void violated(const char *what, const QByteArray &input)
{
    std::fprintf(stderr, "invariant violated: %s (input %s)\n", what, input.toHex().constData());
    std::abort();
}

// Reads a shell command line made only of plain words, single-quoted parts and \' escapes, as
// POSIX sh does. Returns nullopt if anything else (an unquoted special character) appears.
std::optional<std::vector<QByteArray>> readWords(const QByteArray &line)
{
    std::vector<QByteArray> words;
    QByteArray cur;
    bool inWord = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char c = line.at(i);
        if (c == '\'') {
            const qsizetype end = line.indexOf('\'', i + 1);
            if (end < 0)
                return std::nullopt;
            cur += line.mid(i + 1, end - i - 1);
            inWord = true;
            i = end;
        } else if (c == '\\') {
            if (i + 1 >= line.size())
                return std::nullopt;
            cur += line.at(++i);
            inWord = true;
        } else if (c == ' ') {
            if (inWord)
                words.push_back(cur);
            cur.clear();
            inWord = false;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                   c == '.' || c == '/' || c == '=') {
            cur += c;
            inWord = true;
        } else {
            return std::nullopt;
        }
    }
    if (inWord)
        words.push_back(cur);
    return words;
}

bool allowlisted(const QString &s)
{
    if (s.isEmpty() || s.size() > archnest::security::kMaxContainerRefLength)
        return false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const char16_t u = s.at(i).unicode();
        const bool alnum = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
        if (!(alnum || (i > 0 && (u == u'_' || u == u'.' || u == u'-'))))
            return false;
    }
    return true;
}

#ifdef ARCHNEST_FUZZ_REAL_SHELL
void checkWithRealShell(const QByteArray &word, const QByteArray &input)
{
    // The script goes in on stdin so every byte (even invalid UTF-8) reaches the shell as is.
    QProcess sh;
    sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-s")});
    if (!sh.waitForStarted(10000))
        violated("cannot start /bin/sh", input);
    sh.write("printf '%s\\0' " + archnest::security::shellQuote(word) + "\n");
    sh.closeWriteChannel();
    if (!sh.waitForFinished(10000) || sh.exitCode() != 0)
        violated("the real shell failed on the quoted word", input);
    if (sh.readAllStandardOutput() != word + '\0')
        violated("the real shell did not receive exactly one literal argument", input);
}
#endif

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString text = QString::fromUtf8(input);

    // 1. the allowlist
    const bool valid = archnest::security::isValidContainerRef(text);
    if (valid != allowlisted(text))
        violated("validateContainerRef disagrees with the allowlist", input);

    // 2. quoting, on bytes and on text (no NUL: no shell argument can hold one)
    if (!input.contains('\0')) {
        const auto bytesWords = readWords(archnest::security::shellQuote(input));
        if (!bytesWords || bytesWords->size() != 1 || bytesWords->front() != input)
            violated("shellQuote(bytes) is not one literal word", input);
        const QByteArray utf8 = text.toUtf8();
        const auto textWords = readWords(archnest::security::shellQuote(text).toUtf8());
        if (!textWords || textWords->size() != 1 || textWords->front() != utf8)
            violated("shellQuote(text) is not one literal word", input);
#ifdef ARCHNEST_FUZZ_REAL_SHELL
        checkWithRealShell(input, input);
#endif
    } else if (archnest::security::quoteShellWord(text).ok()) {
        violated("quoteShellWord accepted a NUL", input);
    }

    // 3. commands built from the ref
    static const auto commands = archnest::sshcli::DockerCliCommands::create(QStringLiteral("docker"));
    const auto stop = commands->action(archnest::ContainerAction::Stop, text, {});
    if (stop.ok() != valid)
        violated("the builder and the validator disagree", input);
    if (stop.ok()) {
        const auto words = readWords(stop->toUtf8());
        if (!words || words->size() != 4 || words->at(3) != text.toUtf8())
            violated("the ref is not one literal word of the command", input);
    }
    const auto exec = commands->execRun(QStringLiteral("web"), {QStringLiteral("echo"), text});
    if (exec.ok()) {
        const auto words = readWords(exec->toUtf8());
        if (!words || words->size() != 6 || words->at(5) != text.toUtf8())
            violated("an exec argument is not one literal word of the command", input);
    } else if (!text.contains(QChar(u'\0'))) {
        violated("execRun refused an argument without a NUL", input);
    }
    return 0;
}
