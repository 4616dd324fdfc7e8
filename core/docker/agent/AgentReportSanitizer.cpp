#include "docker/agent/AgentReportSanitizer.h"

#include "security/ControlChars.h"
#include "security/EnvMasking.h"

#include <QJsonArray>

#include <algorithm>
#include <functional>

namespace archnest::agent {

namespace {

using PathFn = std::function<QString()>;

QString childPath(const QString &parent, const QString &key)
{
    return parent.isEmpty() ? key : parent + QLatin1Char('.') + key;
}

class Sanitizer final
{
public:
    bool failed() const { return !m_field.isEmpty(); }
    Error error() const
    {
        return makeError(
            QStringLiteral("report field %1 holds a NUL character, which no field may contain").arg(m_field), m_field);
    }
    SanitizedReport result;

    // Masks the secrets of one container object in place.
    void maskContainer(QJsonObject &c)
    {
        const QString maskValue = QString::fromLatin1(security::kMaskedValue);
        if (c.value(QStringLiteral("env")).isArray()) {
            QJsonArray env = c.value(QStringLiteral("env")).toArray();
            for (qsizetype i = 0; i < env.size(); ++i) {
                if (!env.at(i).isObject())
                    continue;
                QJsonObject e = env.at(i).toObject();
                const QJsonValue value = e.value(QStringLiteral("value"));
                if (!value.isString() || !e.value(QStringLiteral("key")).isString())
                    continue;
                QString v = value.toString();
                if (security::isSecretEnvKey(e.value(QStringLiteral("key")).toString())) {
                    if (v != maskValue)
                        result.maskedSomething = true;
                    v = maskValue;
                    e.insert(QStringLiteral("masked"), true);
                } else if (QString m = security::maskCredentialsInText(v); m != v) {
                    result.maskedSomething = true;
                    v = m;
                    e.insert(QStringLiteral("masked"), true);
                }
                bool cut = false;
                v = truncatedValue(v, &cut);
                if (cut) {
                    result.truncatedSomething = true;
                    e.insert(QStringLiteral("truncated"), true);
                }
                e.insert(QStringLiteral("value"), v);
                env.replace(i, e);
            }
            c.insert(QStringLiteral("env"), env);
        }
        if (c.value(QStringLiteral("labels")).isObject()) {
            QJsonObject labels = c.value(QStringLiteral("labels")).toObject();
            for (auto it = labels.begin(); it != labels.end(); ++it) {
                if (!it.value().isString())
                    continue;
                const QString v = it.value().toString();
                const QString m = security::isSecretEnvKey(it.key()) ? maskValue : security::maskCredentialsInText(v);
                if (m != v) {
                    result.maskedSomething = true;
                    it.value() = m;
                }
            }
            c.insert(QStringLiteral("labels"), labels);
        }
        if (c.value(QStringLiteral("command")).isString()) {
            const QString v = c.value(QStringLiteral("command")).toString();
            const QString m = security::maskCredentialsInText(v);
            if (m != v) {
                result.maskedSomething = true;
                c.insert(QStringLiteral("command"), m);
            }
        }
        for (const QString &key : {QStringLiteral("cmd"), QStringLiteral("entrypoint")}) {
            const QJsonValue v = c.value(key);
            if (!v.isArray())
                continue;
            const QJsonArray a = v.toArray();
            if (!std::all_of(a.begin(), a.end(), [](const QJsonValue &x) { return x.isString(); }))
                continue; // the typed check refuses it
            QStringList args;
            for (const QJsonValue &x : a)
                args.append(x.toString());
            if (QStringList m = security::maskCredentialsInArgs(args); m != args) {
                result.maskedSomething = true;
                c.insert(key, QJsonArray::fromStringList(m));
            }
        }
    }

    // Every string and key, depth first: a NUL fails; with cutLongStrings, over-long ones are cut.
    bool cutLongStrings = false;

    QJsonValue walk(const QJsonValue &v, const PathFn &path)
    {
        if (failed())
            return v;
        if (v.isString()) {
            const QString s = v.toString();
            if (s.contains(QChar(u'\0'))) {
                fail(path());
                return v;
            }
            bool cut = false;
            QString t = cutLongStrings ? truncatedValue(s, &cut) : QString();
            if (!cut)
                return v;
            result.truncatedSomething = true;
            return t;
        }
        if (v.isArray()) {
            QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size() && !failed(); ++i)
                a.replace(i, walk(a.at(i), [&path, i] { return QStringLiteral("%1[%2]").arg(path()).arg(i); }));
            return a;
        }
        if (v.isObject())
            return walkObject(v.toObject(), path);
        return v;
    }

    QJsonObject walkObject(const QJsonObject &o, const PathFn &path)
    {
        QJsonObject out;
        for (auto it = o.begin(); it != o.end() && !failed(); ++it) {
            const QString key = it.key();
            const PathFn here = [&path, &key] { return childPath(path(), security::escapeControlChars(key.left(80))); };
            if (key.contains(QChar(u'\0'))) {
                fail(here());
                break;
            }
            bool cut = false;
            const QString k = cutLongStrings ? truncatedValue(key, &cut) : key;
            result.truncatedSomething = result.truncatedSomething || cut;
            out.insert(k, walk(it.value(), here));
        }
        return out;
    }

private:
    void fail(const QString &field)
    {
        if (!failed())
            m_field = field.isEmpty() ? QStringLiteral("$") : field;
    }
    QString m_field;
};

} // namespace

QString truncatedValue(const QString &text, bool *cut)
{
    *cut = text.size() > kMaxValueLength;
    if (!*cut)
        return text;
    qsizetype keep = kMaxValueLength - qsizetype(sizeof(kTruncatedMarker) - 1);
    if (text.at(keep - 1).isHighSurrogate()) // never split a surrogate pair
        --keep;
    return text.left(keep) + QLatin1String(kTruncatedMarker);
}

Result<SanitizedReport> sanitizeReport(QJsonObject root)
{
    Sanitizer s;
    // NUL first (a masked or cut value must not hide it), then masking, then cutting (a URL cut
    // before it was masked could keep part of its password).
    s.walkObject(root, [] { return QString(); });
    if (s.failed())
        return s.error();
    if (root.value(QStringLiteral("containers")).isArray()) {
        QJsonArray containers = root.value(QStringLiteral("containers")).toArray();
        for (qsizetype i = 0; i < containers.size(); ++i) {
            if (!containers.at(i).isObject())
                continue;
            QJsonObject c = containers.at(i).toObject();
            s.maskContainer(c);
            containers.replace(i, c);
        }
        root.insert(QStringLiteral("containers"), containers);
    }
    s.cutLongStrings = true;
    s.result.root = s.walkObject(root, [] { return QString(); });
    if (s.failed())
        return s.error();
    return std::move(s.result);
}

} // namespace archnest::agent
