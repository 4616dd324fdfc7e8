#include "security/EnvMasking.h"

#include <QRegularExpression>

namespace archnest::security {

namespace {

// Keep these three expressions identical to the agent's jq (resources/agent/archnest-docker-agent.sh).
const QRegularExpression &secretKey()
{
    static const QRegularExpression re(QStringLiteral("PASS|PWD|SECRET|TOKEN|KEY|PRIVATE|CREDENTIAL|AUTH(?!OR)"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

// scheme://user:password@ -> scheme://user:********@
const QRegularExpression &urlPassword()
{
    static const QRegularExpression re(QStringLiteral("([A-Za-z][A-Za-z0-9+.-]*://[^\\s/?#@:]*):[^\\s@]*@"));
    return re;
}

// --password=VALUE, --db-password VALUE, -token=VALUE ...
const QRegularExpression &secretArgument()
{
    static const QRegularExpression re(
        QStringLiteral("((?:^|\\s)--?[A-Za-z0-9_.-]*(?:password|passwd|token|secret)[A-Za-z0-9_.-]*)(=|\\s+)(\\S+)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &secretFlag()
{
    static const QRegularExpression re(
        QStringLiteral("^--?[A-Za-z0-9_.-]*(?:password|passwd|token|secret)[A-Za-z0-9_.-]*$"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

} // namespace

bool isSecretEnvKey(const QString &key)
{
    return secretKey().match(key).hasMatch();
}

QString maskCredentialsInText(const QString &text)
{
    if (!text.contains(QLatin1Char('@')) && !text.contains(QLatin1Char('-')))
        return text;
    QString out = text;
    out.replace(urlPassword(), QStringLiteral("\\1:********@"));
    out.replace(secretArgument(), QStringLiteral("\\1\\2********"));
    return out;
}

QStringList maskCredentialsInArgs(const QStringList &args)
{
    QStringList out;
    out.reserve(args.size());
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (i > 0 && secretFlag().match(args.at(i - 1)).hasMatch())
            out.append(QString::fromLatin1(kMaskedValue));
        else
            out.append(maskCredentialsInText(args.at(i)));
    }
    return out;
}

EnvVar maskedEnvVar(const QString &keyEqualsValue)
{
    EnvVar v;
    const qsizetype eq = keyEqualsValue.indexOf(QLatin1Char('='));
    v.key = eq < 0 ? keyEqualsValue : keyEqualsValue.left(eq);
    v.value = eq < 0 ? QString() : keyEqualsValue.mid(eq + 1);
    if (isSecretEnvKey(v.key)) {
        v.value = QString::fromLatin1(kMaskedValue);
        v.masked = true;
    } else if (QString m = maskCredentialsInText(v.value); m != v.value) {
        v.value = m;
        v.masked = true;
    }
    return v;
}

QList<EnvVar> maskedEnv(const QStringList &keyEqualsValues)
{
    QList<EnvVar> out;
    out.reserve(keyEqualsValues.size());
    for (const QString &kv : keyEqualsValues)
        out.append(maskedEnvVar(kv));
    return out;
}

} // namespace archnest::security
