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

VoidResult checkTokenStrength(const QByteArray &token, const QString &what, const QString &fixText)
{
    const QString fix =
        QLatin1Char(' ') + (fixText.isEmpty() ? QStringLiteral("Generate one with: openssl rand -hex 32") : fixText);
    if (token.size() < kMinTokenLength)
        return makeError(QStringLiteral("%1 is too short (%2 characters; at least %3 are required).")
                                 .arg(what)
                                 .arg(token.size())
                                 .arg(kMinTokenLength) +
                             fix,
                         QStringLiteral("weak-token"));
    QHash<char, int> counts;
    int steps = 0;
    for (qsizetype i = 0; i < token.size(); ++i) {
        const char ch = token.at(i);
        const bool allowed = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                             QByteArrayView("-_.~+/=").contains(ch);
        if (!allowed)
            return makeError(QStringLiteral("%1 holds a character outside letters, digits and - _ . ~ + / = "
                                            "(position %2).")
                                     .arg(what)
                                     .arg(i + 1) +
                                 fix,
                             QStringLiteral("weak-token"));
        ++counts[ch];
        if (i > 0 && (ch - token.at(i - 1) == 1 || ch - token.at(i - 1) == -1))
            ++steps;
    }
    int most = 0;
    for (int n : std::as_const(counts))
        most = qMax(most, n);
    bool periodic = false;
    for (qsizetype period = 1; period <= token.size() / 2 && !periodic; ++period) {
        periodic = true;
        for (qsizetype i = period; i < token.size() && periodic; ++i)
            periodic = token.at(i) == token.at(i - period);
    }
    if (counts.size() < kMinTokenDistinct || most * 4 > token.size() || periodic || steps * 2 > token.size())
        return makeError(
            QStringLiteral("%1 is too predictable (repeated or sequential characters): use a random token.").arg(what) +
                fix,
            QStringLiteral("weak-token"));
    return {};
}

VoidResult checkReceiverTokens(const ReceiverConfig &config)
{
    if (!config.ingestToken.isEmpty()) {
        VoidResult ok = checkTokenStrength(config.ingestToken, QStringLiteral("The ingest token"));
        if (!ok)
            return ok;
    }
    for (auto it = config.hostTokens.cbegin(); it != config.hostTokens.cend(); ++it) {
        VoidResult ok = checkTokenStrength(it.value(), QStringLiteral("The token of host '%1'").arg(it.key()));
        if (!ok)
            return ok;
    }
    if (config.readToken.isEmpty())
        return {};
    VoidResult ok = checkTokenStrength(config.readToken, QStringLiteral("The read token"));
    if (!ok)
        return ok;
    if (config.readToken == config.ingestToken)
        return makeError(QStringLiteral("The read token is the same as the ingest token: every agent could read every "
                                        "host's inventory. Use a different token for reading."),
                         QStringLiteral("same-token"));
    for (auto it = config.hostTokens.cbegin(); it != config.hostTokens.cend(); ++it) {
        if (it.value() == config.readToken)
            return makeError(QStringLiteral("The read token is the same as the token of host '%1': that agent could "
                                            "read every host's inventory. Use a different token for reading.")
                                 .arg(it.key()),
                             QStringLiteral("same-token"));
    }
    return {};
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
        if (parts.size() != 2 || !agent::isValidHostId(host))
            return makeError(QStringLiteral("%1 line %2: expected 'HOST_ID TOKEN'.").arg(path).arg(lineNo),
                             QStringLiteral("config"));
        VoidResult strong =
            checkTokenStrength(parts.at(1), QStringLiteral("%1 line %2: the token").arg(path).arg(lineNo));
        if (!strong)
            return strong.error();
        out.insert(host, parts.at(1));
    }
    return out;
}

} // namespace archnest::receiver
