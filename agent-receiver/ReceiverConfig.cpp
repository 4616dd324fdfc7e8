#include "ReceiverConfig.h"

#include "docker/agent/AgentReport.h"

#include <QFile>

namespace archnest::receiver {

Result<QPair<QHostAddress, quint16>> parseListenAddress(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    const auto usage = [&] {
        return makeError(QStringLiteral("'%1' is not ADDRESS:PORT (e.g. 127.0.0.1:4000 or [::1]:4000).").arg(text),
                         QStringLiteral("usage"));
    };
    if (colon <= 0)
        return usage();
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    QHostAddress address;
    if (!ok || port > 65535 || !address.setAddress(host))
        return usage();
    return qMakePair(address, quint16(port));
}

bool isPrivateAddress(const QHostAddress &input)
{
    bool isV4 = false;
    const quint32 v4 = input.toIPv4Address(&isV4);
    const QHostAddress a = isV4 ? QHostAddress(v4) : input;
    if (a.isNull() || a == QHostAddress::AnyIPv4 || a == QHostAddress::AnyIPv6 || a == QHostAddress::Any)
        return false;
    if (a.isLoopback() || a.isLinkLocal() || a.isUniqueLocalUnicast())
        return true;
    static const QPair<QHostAddress, int> ranges[] = {
        QHostAddress::parseSubnet(QStringLiteral("10.0.0.0/8")),
        QHostAddress::parseSubnet(QStringLiteral("172.16.0.0/12")),
        QHostAddress::parseSubnet(QStringLiteral("192.168.0.0/16")),
        QHostAddress::parseSubnet(QStringLiteral("100.64.0.0/10")),
    };
    for (const auto &r : ranges) {
        if (a.isInSubnet(r))
            return true;
    }
    return false;
}

Result<QByteArray> readTokenFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("Cannot read the token file %1: %2").arg(path, f.errorString()),
                         QStringLiteral("config"));
    const QByteArray token = f.read(4096).trimmed();
    if (token.isEmpty())
        return makeError(QStringLiteral("The token file %1 is empty: put the token in it.").arg(path),
                         QStringLiteral("config"));
    if (token.contains('\n') || token.contains(' '))
        return makeError(QStringLiteral("The token file %1 must hold a single token without spaces.").arg(path),
                         QStringLiteral("config"));
    return token;
}

Result<QHash<QString, QByteArray>> readHostTokensFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("Cannot read the host tokens file %1: %2").arg(path, f.errorString()),
                         QStringLiteral("config"));
    QHash<QString, QByteArray> out;
    int lineNo = 0;
    while (!f.atEnd() && lineNo < 100000) {
        ++lineNo;
        const QByteArray line = f.readLine(8192).trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const QList<QByteArray> parts = line.simplified().split(' ');
        const QString host = QString::fromUtf8(parts.value(0));
        if (parts.size() != 2 || !agent::isValidHostId(host) || parts.at(1).size() < 8)
            return makeError(
                QStringLiteral("%1 line %2: expected 'HOST_ID TOKEN' (token of 8+ characters).").arg(path).arg(lineNo),
                QStringLiteral("config"));
        out.insert(host, parts.at(1));
    }
    return out;
}

} // namespace archnest::receiver
