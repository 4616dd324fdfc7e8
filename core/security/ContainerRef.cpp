#include "security/ContainerRef.h"

#include <QRegularExpression>

namespace archnest::security {

namespace {

bool isRefStart(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9');
}

bool isRefChar(QChar c)
{
    const char16_t u = c.unicode();
    return isRefStart(c) || u == u'_' || u == u'.' || u == u'-';
}

QString describeChar(QChar c)
{
    const char16_t u = c.unicode();
    if (u == u'\n')
        return QStringLiteral("a newline");
    if (u == u'\r')
        return QStringLiteral("a carriage return");
    if (u == u'\t')
        return QStringLiteral("a tab");
    if (u == u' ')
        return QStringLiteral("a space");
    if (u < 0x20 || u == 0x7f)
        return QStringLiteral("control character U+%1").arg(int(u), 4, 16, QLatin1Char('0'));
    if (u > 0x7e)
        return QStringLiteral("non-ASCII character U+%1").arg(int(u), 4, 16, QLatin1Char('0'));
    return QStringLiteral("'%1'").arg(c);
}

} // namespace

VoidResult validateContainerRef(const QString &ref)
{
    static const QString expected =
        QStringLiteral("expected a container id or a name made of letters, digits, '_', '.' and '-' "
                       "(starting with a letter or digit, at most %1 characters)")
            .arg(kMaxContainerRefLength);
    if (ref.isEmpty())
        return makeError(QStringLiteral("Empty container reference: %1.").arg(expected), QStringLiteral("bad-ref"));
    if (ref.size() > kMaxContainerRefLength)
        return makeError(QStringLiteral("Container reference is %1 characters long: %2.").arg(ref.size()).arg(expected),
                         QStringLiteral("bad-ref"));
    // Print at most a short, harmless excerpt of what was refused.
    QString shown;
    for (QChar c : ref.left(40))
        shown += (c.unicode() >= 0x20 && c.unicode() < 0x7f) ? c : QChar(u'?');
    if (!isRefStart(ref.at(0)))
        return makeError(QStringLiteral("Invalid container reference \"%1\": it starts with %2; %3.")
                             .arg(shown, describeChar(ref.at(0)), expected),
                         QStringLiteral("bad-ref"));
    for (QChar c : ref) {
        if (!isRefChar(c))
            return makeError(QStringLiteral("Invalid container reference \"%1\": it contains %2; %3.")
                                 .arg(shown, describeChar(c), expected),
                             QStringLiteral("bad-ref"));
    }
    return {};
}

bool isValidContainerRef(const QString &ref)
{
    return validateContainerRef(ref).ok();
}

VoidResult validateContainerRefs(const QStringList &refs)
{
    if (refs.isEmpty())
        return makeError(QStringLiteral("No container reference given."), QStringLiteral("bad-ref"));
    for (const QString &r : refs) {
        VoidResult v = validateContainerRef(r);
        if (!v)
            return v;
    }
    return {};
}

QLatin1String dockerActionVerb(ContainerAction action)
{
    switch (action) {
    case ContainerAction::Start:
        return QLatin1String("start");
    case ContainerAction::Stop:
        return QLatin1String("stop");
    case ContainerAction::Restart:
        return QLatin1String("restart");
    case ContainerAction::Pause:
        return QLatin1String("pause");
    case ContainerAction::Unpause:
        return QLatin1String("unpause");
    case ContainerAction::Remove:
        return QLatin1String("rm");
    }
    return QLatin1String("");
}

Result<QStringList> validateDockerCommand(const QString &command)
{
    static const QRegularExpression binary(QStringLiteral("^(/[A-Za-z0-9._-]+)*/?(docker|podman)$"));
    const QString expected =
        QStringLiteral("expected \"docker\", \"podman\" or an absolute path to one, optionally after \"sudo -n\"");
    const QStringList words = command.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.isEmpty())
        return makeError(QStringLiteral("The docker command is empty: %1.").arg(expected),
                         QStringLiteral("bad-docker-command"));
    for (QChar c : command) {
        if (c != QLatin1Char(' ') && !(c.unicode() > 0x20 && c.unicode() < 0x7f))
            return makeError(QStringLiteral("The docker command \"%1\" contains %2: %3.")
                                 .arg(command.left(60), describeChar(c), expected),
                             QStringLiteral("bad-docker-command"));
    }
    qsizetype i = 0;
    if (words.at(i) == QLatin1String("sudo")) {
        ++i;
        while (i < words.size() &&
               (words.at(i) == QLatin1String("-n") || words.at(i) == QLatin1String("--non-interactive")))
            ++i;
    }
    if (i + 1 != words.size() || !binary.match(words.at(i)).hasMatch() || words.at(i).contains(QLatin1String("..")))
        return makeError(QStringLiteral("The docker command \"%1\" is not allowed: %2.").arg(command, expected),
                         QStringLiteral("bad-docker-command"));
    return words;
}

} // namespace archnest::security
