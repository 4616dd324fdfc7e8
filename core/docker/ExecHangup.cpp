#include "docker/ExecHangup.h"

#include <QRandomGenerator>

namespace archnest::exechangup {

namespace {

constexpr int kTagLength = 32;

// For each process but this shell: if its environment (NUL-separated) holds exactly the marker,
// send it SIGHUP. $1 is the tag; errors (vanished processes, unreadable environ) are ignored.
constexpr char kScript[] = "for p in /proc/[0-9]*; do "
                           "[ \"${p#/proc/}\" = \"$$\" ] && continue; "
                           "if tr '\\000' '\\n' < \"$p/environ\" 2>/dev/null | grep -qxF \"ARCHNEST_EXEC_SESSION=$1\"; "
                           "then kill -HUP \"${p#/proc/}\" 2>/dev/null; fi; "
                           "done; exit 0";

} // namespace

QString newTag()
{
    QString tag;
    tag.reserve(kTagLength);
    QRandomGenerator *rng = QRandomGenerator::system();
    for (int i = 0; i < kTagLength / 8; ++i)
        tag += QStringLiteral("%1").arg(rng->generate(), 8, 16, QLatin1Char('0'));
    return tag;
}

QString envAssignment(const QString &tag)
{
    return QLatin1String(kEnvName) + QLatin1Char('=') + tag;
}

QStringList hangupCommand(const QString &tag)
{
    return {QStringLiteral("sh"), QStringLiteral("-c"), QString::fromLatin1(kScript), QStringLiteral("archnest-hangup"),
            tag};
}

bool isValidTag(const QString &tag)
{
    if (tag.size() != kTagLength)
        return false;
    for (const QChar c : tag)
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    return true;
}

} // namespace archnest::exechangup
