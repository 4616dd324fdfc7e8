#include "security/EnvMasking.h"

#include <QRegularExpression>

namespace archnest::security {

bool isSecretEnvKey(const QString &key)
{
    static const QRegularExpression secret(QStringLiteral("PASS|SECRET|TOKEN|KEY|PRIVATE|CREDENTIAL"),
                                           QRegularExpression::CaseInsensitiveOption);
    return secret.match(key).hasMatch();
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
