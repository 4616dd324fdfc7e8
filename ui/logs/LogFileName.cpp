#include "logs/LogFileName.h"

namespace archnest::ui {

namespace {
QString safePart(const QString &text, const QString &fallback)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const bool ok = (c.unicode() < 0x80 && c.isLetterOrNumber()) || c == QLatin1Char('.') ||
                        c == QLatin1Char('_') || c == QLatin1Char('-');
        out += ok ? c : QLatin1Char('_');
    }
    while (out.startsWith(QLatin1Char('.')) || out.startsWith(QLatin1Char('-')))
        out.remove(0, 1); // no hidden files, no names that read as options
    out.truncate(64);
    return out.isEmpty() ? fallback : out;
}
} // namespace

QString defaultLogFileName(const QString &host, const QString &container, const QDateTime &when)
{
    QString name = container;
    if (name.startsWith(QLatin1Char('/')))
        name.remove(0, 1);
    return safePart(host, QStringLiteral("host")) + QLatin1Char('-') + safePart(name, QStringLiteral("container")) +
           QLatin1Char('-') + when.toString(QStringLiteral("yyyyMMdd-HHmmss")) + QStringLiteral(".log");
}

} // namespace archnest::ui
