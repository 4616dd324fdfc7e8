#include "docker/agent/AgentReportSanitizer.h"

#include "security/ControlChars.h"
#include "security/EnvMasking.h"

#include <QJsonArray>

#include <algorithm>
#include <functional>
#include <optional>

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

    // A masked value can be longer than the original ("a" -> "********"): cut it here, as the
    // cutting walk only runs when the first walk saw an over-long string.
    QString cutMasked(const QString &masked)
    {
        bool cut = false;
        QString out = truncatedValue(masked, &cut);
        result.truncatedSomething = result.truncatedSomething || cut;
        return out;
    }

    // Masks the secrets of one container object in place; true when anything changed. Objects
    // are only written to when something changes (a QJsonObject insert copies and grows the
    // container: a report the agent masked already is read, never rebuilt).
    bool maskContainer(QJsonObject &c)
    {
        bool changed = false;
        const QString maskValue = QString::fromLatin1(security::kMaskedValue);
        if (c.value(QStringLiteral("env")).isArray()) {
            QJsonArray env = c.value(QStringLiteral("env")).toArray();
            bool envChanged = false;
            for (qsizetype i = 0; i < env.size(); ++i) {
                if (!env.at(i).isObject())
                    continue;
                const QJsonObject e = env.at(i).toObject();
                // A missing value counts as empty: a secret-looking key still ends up masked.
                const QJsonValue value = e.value(QStringLiteral("value"));
                if (!(value.isString() || value.isUndefined()) || !e.value(QStringLiteral("key")).isString())
                    continue;
                const QString v = value.toString();
                const bool secretKey = security::isSecretEnvKey(e.value(QStringLiteral("key")).toString());
                QString m = secretKey ? maskValue : security::maskCredentialsInText(v);
                const bool unmasked = m != v; // a secret the sender had not masked
                const bool flag = unmasked || (secretKey && !e.value(QStringLiteral("masked")).toBool());
                bool cut = false;
                m = truncatedValue(m, &cut);
                if (!flag && !cut)
                    continue;
                QJsonObject out = e;
                result.maskedSomething = result.maskedSomething || unmasked;
                if (flag)
                    out.insert(QStringLiteral("masked"), true);
                if (cut) {
                    result.truncatedSomething = true;
                    out.insert(QStringLiteral("truncated"), true);
                }
                out.insert(QStringLiteral("value"), m);
                env.replace(i, out);
                envChanged = true;
            }
            if (envChanged) {
                c.insert(QStringLiteral("env"), env);
                changed = true;
            }
        }
        if (c.value(QStringLiteral("labels")).isObject()) {
            const QJsonObject labels = c.value(QStringLiteral("labels")).toObject();
            QJsonObject out = labels;
            bool labelsChanged = false;
            for (auto it = labels.begin(); it != labels.end(); ++it) {
                if (!it.value().isString())
                    continue;
                const QString v = it.value().toString();
                const QString m = security::isSecretEnvKey(it.key()) ? maskValue : security::maskCredentialsInText(v);
                if (m != v) {
                    result.maskedSomething = true;
                    out.insert(it.key(), cutMasked(m));
                    labelsChanged = true;
                }
            }
            if (labelsChanged) {
                c.insert(QStringLiteral("labels"), out);
                changed = true;
            }
        }
        if (c.value(QStringLiteral("command")).isString()) {
            const QString v = c.value(QStringLiteral("command")).toString();
            const QString m = security::maskCredentialsInText(v);
            if (m != v) {
                result.maskedSomething = true;
                c.insert(QStringLiteral("command"), cutMasked(m));
                changed = true;
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
                for (QString &x : m)
                    x = cutMasked(x);
                c.insert(key, QJsonArray::fromStringList(m));
                changed = true;
            }
        }
        return changed;
    }

    // Every string and key, depth first: a NUL fails; with cutLongStrings, over-long ones are
    // cut. Returns the new value only when something was cut (nothing is copied otherwise).
    bool cutLongStrings = false;
    bool sawLongString = false; // the second (cutting) walk is needed only then

    std::optional<QJsonValue> walk(const QJsonValue &v, const PathFn &path)
    {
        if (failed())
            return std::nullopt;
        if (v.isString()) {
            const QString s = v.toString();
            if (s.contains(QChar(u'\0'))) {
                fail(path());
                return std::nullopt;
            }
            sawLongString = sawLongString || s.size() > kMaxValueLength;
            bool cut = false;
            QString t = cutLongStrings ? truncatedValue(s, &cut) : QString();
            if (!cut)
                return std::nullopt;
            result.truncatedSomething = true;
            return QJsonValue(t);
        }
        if (v.isArray()) {
            const QJsonArray a = v.toArray();
            std::optional<QJsonArray> out;
            for (qsizetype i = 0; i < a.size() && !failed(); ++i) {
                auto changed = walk(a.at(i), [&path, i] { return QStringLiteral("%1[%2]").arg(path()).arg(i); });
                if (!changed)
                    continue;
                if (!out)
                    out = a;
                out->replace(i, *changed);
            }
            return out ? std::optional<QJsonValue>(*out) : std::nullopt;
        }
        if (v.isObject()) {
            auto changed = walkObject(v.toObject(), path);
            return changed ? std::optional<QJsonValue>(*changed) : std::nullopt;
        }
        return std::nullopt;
    }

    std::optional<QJsonObject> walkObject(const QJsonObject &o, const PathFn &path)
    {
        std::optional<QJsonObject> out;
        for (auto it = o.begin(); it != o.end() && !failed(); ++it) {
            const QString key = it.key();
            const PathFn here = [&path, &key] { return childPath(path(), security::escapeControlChars(key.left(80))); };
            if (key.contains(QChar(u'\0'))) {
                fail(here());
                break;
            }
            sawLongString = sawLongString || key.size() > kMaxValueLength;
            bool cut = false;
            const QString k = cutLongStrings ? truncatedValue(key, &cut) : key;
            auto changed = walk(it.value(), here);
            if (!cut && !changed)
                continue;
            result.truncatedSomething = result.truncatedSomething || cut;
            if (!out)
                out = o;
            const QJsonValue value = changed ? *changed : it.value();
            if (cut)
                out->remove(key);
            out->insert(k, value);
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
        bool changed = false;
        for (qsizetype i = 0; i < containers.size(); ++i) {
            if (!containers.at(i).isObject())
                continue;
            QJsonObject c = containers.at(i).toObject();
            if (s.maskContainer(c)) {
                containers.replace(i, c);
                changed = true;
            }
        }
        if (changed)
            root.insert(QStringLiteral("containers"), containers);
    }
    std::optional<QJsonObject> cut;
    if (s.sawLongString) {
        s.cutLongStrings = true;
        cut = s.walkObject(root, [] { return QString(); });
    }
    s.result.root = cut ? std::move(*cut) : std::move(root);
    if (s.failed())
        return s.error();
    return std::move(s.result);
}

} // namespace archnest::agent
