#include "ssh/SshHostKeys.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>

namespace archnest::ssh {

QString sha256Fingerprint(const QByteArray &keyBlob)
{
    const QByteArray digest = QCryptographicHash::hash(keyBlob, QCryptographicHash::Sha256);
    return QStringLiteral("SHA256:") + QString::fromLatin1(digest.toBase64(QByteArray::OmitTrailingEquals));
}

QString knownHostsName(const QString &host, int port)
{
    if (port == 22)
        return host;
    return QStringLiteral("[%1]:%2").arg(host).arg(port);
}

QString resolveKnownHostsFile(const QString &configured)
{
    if (configured.isEmpty())
        return QDir::homePath() + QStringLiteral("/.ssh/known_hosts");
    if (configured.startsWith(QStringLiteral("~/")))
        return QDir::homePath() + configured.mid(1);
    return configured;
}

namespace {

bool hostFieldMatches(const QByteArray &field, const QString &name)
{
    if (field.startsWith("|1|")) {
        const QList<QByteArray> parts = field.split('|');
        if (parts.size() != 4)
            return false;
        const QByteArray salt = QByteArray::fromBase64(parts.at(2));
        const QByteArray want = QByteArray::fromBase64(parts.at(3));
        return QMessageAuthenticationCode::hash(name.toUtf8(), salt, QCryptographicHash::Sha1) == want;
    }
    bool matched = false;
    for (const QByteArray &rawPattern : field.split(',')) {
        QString pattern = QString::fromUtf8(rawPattern);
        const bool negated = pattern.startsWith(QLatin1Char('!'));
        if (negated)
            pattern.remove(0, 1);
        bool hit = false;
        if (pattern.contains(QLatin1Char('*')) || pattern.contains(QLatin1Char('?'))) {
            // OpenSSH patterns know only '*' and '?': "[127.0.0.1]:*" has literal brackets (a
            // glob would read them as a character set).
            QString re;
            for (const QChar ch : pattern)
                re += ch == u'*'   ? QStringLiteral(".*")
                      : ch == u'?' ? QStringLiteral(".")
                                   : QRegularExpression::escape(QString(ch));
            hit = QRegularExpression(QRegularExpression::anchoredPattern(re)).match(name).hasMatch();
        } else {
            hit = pattern == name;
        }
        if (hit && negated)
            return false;
        matched = matched || hit;
    }
    return matched;
}

} // namespace

namespace {

enum class Marker { None, Revoked };

QList<KnownHostKey> hostKeysWithMarker(const QString &file, const QString &host, int port, Marker marker)
{
    QList<KnownHostKey> keys;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return keys;
    const QString name = knownHostsName(host, port);
    int lineNo = 0;
    // Bounded: known_hosts files are small; stop at 100k lines regardless.
    while (!f.atEnd() && lineNo < 100000) {
        const QByteArray line = f.readLine().trimmed();
        ++lineNo;
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        QList<QByteArray> fields = line.simplified().split(' ');
        const bool revoked = fields.first() == "@revoked";
        if (fields.first().startsWith('@')) {
            if (!(revoked && marker == Marker::Revoked))
                continue; // @cert-authority, or a marker this call does not want
            fields.removeFirst();
        } else if (marker != Marker::None) {
            continue;
        }
        if (fields.size() < 3)
            continue;
        if (!hostFieldMatches(fields.at(0), name))
            continue;
        keys.append(
            {QString::fromLatin1(fields.at(1)), sha256Fingerprint(QByteArray::fromBase64(fields.at(2))), lineNo});
    }
    return keys;
}

} // namespace

QList<KnownHostKey> knownHostKeys(const QString &file, const QString &host, int port)
{
    return hostKeysWithMarker(file, host, port, Marker::None);
}

QList<KnownHostKey> revokedHostKeys(const QString &file, const QString &host, int port)
{
    return hostKeysWithMarker(file, host, port, Marker::Revoked);
}

} // namespace archnest::ssh
