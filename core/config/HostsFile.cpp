#include "config/HostsFile.h"

#include "security/ContainerRef.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>

namespace archnest::config {

namespace {

// Reads one JSON object field by field, remembering which keys were used so unknown keys (a
// typo, or a secret pasted where it does not belong) are reported instead of ignored.
class FieldReader
{
public:
    FieldReader(QJsonObject object, QString where)
        : m_object(std::move(object))
        , m_where(std::move(where))
    {}

    QString where() const { return m_where; }
    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }

    void fail(const QString &field, const QString &expected)
    {
        if (m_error.isEmpty())
            m_error = QStringLiteral("%1, field \"%2\": %3.").arg(m_where, field, expected);
    }

    QString string(const QString &key, const QString &fallback = {}, bool required = false)
    {
        m_used.insert(key);
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(key, QStringLiteral("missing; expected a string"));
            return fallback;
        }
        if (!v.isString()) {
            fail(key, QStringLiteral("expected a string"));
            return fallback;
        }
        if (required && v.toString().trimmed().isEmpty())
            fail(key, QStringLiteral("empty; expected a non-empty string"));
        return v.toString();
    }

    bool boolean(const QString &key, bool fallback)
    {
        m_used.insert(key);
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return fallback;
        if (!v.isBool()) {
            fail(key, QStringLiteral("expected true or false"));
            return fallback;
        }
        return v.toBool();
    }

    int port(const QString &key, int fallback)
    {
        m_used.insert(key);
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() || v.isNull())
            return fallback;
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != double(int(d)) || d < 1 || d > 65535) {
            fail(key, QStringLiteral("expected a port number from 1 to 65535"));
            return fallback;
        }
        return int(d);
    }

    QStringList strings(const QString &key)
    {
        m_used.insert(key);
        const QJsonValue v = m_object.value(key);
        QStringList out;
        if (v.isUndefined() || v.isNull())
            return out;
        if (!v.isArray()) {
            fail(key, QStringLiteral("expected a list of strings"));
            return out;
        }
        for (const QJsonValue &e : v.toArray()) {
            if (!e.isString()) {
                fail(key, QStringLiteral("expected a list of strings"));
                return {};
            }
            out << e.toString();
        }
        return out;
    }

    QJsonValue raw(const QString &key)
    {
        m_used.insert(key);
        return m_object.value(key);
    }

    void rejectUnknown()
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            const QString k = it.key();
            if (m_used.contains(k))
                continue;
            if (k == QLatin1String("password") || k == QLatin1String("passphrase") || k == QLatin1String("secret") ||
                k == QLatin1String("token"))
                fail(k, QStringLiteral("secrets are never stored in the hosts file; use \"%1Ref\" (an OS keychain "
                                       "entry) or \"%1File\" (a file holding it)")
                            .arg(k == QLatin1String("passphrase") ? QStringLiteral("passphrase")
                                                                  : QStringLiteral("password")));
            else
                fail(k, QStringLiteral("unknown field"));
        }
    }

private:
    QJsonObject m_object;
    QString m_where;
    QSet<QString> m_used;
    QString m_error;
};

const QStringList &knownAuthMethods()
{
    static const QStringList m = {QStringLiteral("agent"), QStringLiteral("publickey"),
                                  QStringLiteral("keyboard-interactive"), QStringLiteral("password")};
    return m;
}

SshAuthConfig readAuth(FieldReader &parent, const QString &key)
{
    SshAuthConfig auth;
    const QJsonValue v = parent.raw(key);
    if (v.isUndefined() || v.isNull())
        return auth;
    if (!v.isObject()) {
        parent.fail(key, QStringLiteral("expected an object"));
        return auth;
    }
    FieldReader r(v.toObject(), parent.where() + QStringLiteral(", \"") + key + QLatin1Char('"'));
    auth.methods = r.strings(QStringLiteral("methods"));
    for (const QString &m : auth.methods) {
        if (!knownAuthMethods().contains(m))
            r.fail(QStringLiteral("methods"), QStringLiteral("unknown method \"%1\"; expected some of %2")
                                                  .arg(m, knownAuthMethods().join(QStringLiteral(", "))));
    }
    auth.identityFile = r.string(QStringLiteral("identityFile"));
    auth.certificateFile = r.string(QStringLiteral("certificateFile"));
    auth.passwordRef = r.string(QStringLiteral("passwordRef"));
    auth.passwordFile = r.string(QStringLiteral("passwordFile"));
    auth.passphraseRef = r.string(QStringLiteral("passphraseRef"));
    auth.passphraseFile = r.string(QStringLiteral("passphraseFile"));
    auth.useAgent = r.boolean(QStringLiteral("useAgent"), true);
    r.rejectUnknown();
    if (r.failed())
        parent.fail(key, r.error());
    return auth;
}

// "host", "port", "user", "auth" of one hop.
SshEndpoint readEndpoint(FieldReader &r, bool hostRequired = true)
{
    SshEndpoint e;
    e.host = r.string(QStringLiteral("host"), {}, hostRequired);
    static const QRegularExpression hostRe(QStringLiteral("^[A-Za-z0-9._:%\\[\\]-]+$"));
    if (!e.host.isEmpty() && !hostRe.match(e.host).hasMatch())
        r.fail(QStringLiteral("host"), QStringLiteral("expected a host name or IP address"));
    e.port = r.port(QStringLiteral("port"), 22);
    e.user = r.string(QStringLiteral("user"));
    e.auth = readAuth(r, QStringLiteral("auth"));
    return e;
}

QJsonObject authToJson(const SshAuthConfig &a)
{
    QJsonObject o;
    if (!a.methods.isEmpty())
        o.insert(QStringLiteral("methods"), QJsonArray::fromStringList(a.methods));
    auto put = [&o](const char *key, const QString &v) {
        if (!v.isEmpty())
            o.insert(QString::fromLatin1(key), v);
    };
    put("identityFile", a.identityFile);
    put("certificateFile", a.certificateFile);
    put("passwordRef", a.passwordRef);
    put("passwordFile", a.passwordFile);
    put("passphraseRef", a.passphraseRef);
    put("passphraseFile", a.passphraseFile);
    if (!a.useAgent)
        o.insert(QStringLiteral("useAgent"), false);
    return o;
}

QJsonObject endpointToJson(const SshEndpoint &e)
{
    QJsonObject o;
    o.insert(QStringLiteral("host"), e.host);
    if (e.port != 22)
        o.insert(QStringLiteral("port"), e.port);
    if (!e.user.isEmpty())
        o.insert(QStringLiteral("user"), e.user);
    const QJsonObject auth = authToJson(e.auth);
    if (!auth.isEmpty())
        o.insert(QStringLiteral("auth"), auth);
    return o;
}

} // namespace

VoidResult validateHostName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"));
    if (!re.match(name).hasMatch())
        return makeError(QStringLiteral("expected a name of letters, digits, '_', '.' and '-', starting with a letter "
                                        "or digit, at most 64 characters"),
                         QStringLiteral("config"));
    return {};
}

Result<QList<HostConfig>> parseHostsJson(const QByteArray &json, const QString &origin)
{
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (perr.error != QJsonParseError::NoError) {
        // Turn the byte offset into a line number an editor can jump to.
        const int line = int(json.left(perr.offset).count('\n')) + 1;
        return makeError(
            QStringLiteral("%1, line %2: not valid JSON (%3).").arg(origin).arg(line).arg(perr.errorString()),
            QStringLiteral("config"));
    }
    if (!doc.isObject())
        return makeError(QStringLiteral("%1: expected a JSON object with \"version\": %2 and a \"hosts\" list.")
                             .arg(origin)
                             .arg(kHostsFileVersion),
                         QStringLiteral("config"));
    FieldReader top(doc.object(), origin);
    const QJsonValue version = top.raw(QStringLiteral("version"));
    if (!version.isUndefined() && version.toInt(-1) != kHostsFileVersion)
        top.fail(QStringLiteral("version"), QStringLiteral("expected %1").arg(kHostsFileVersion));
    const QJsonValue hostsValue = top.raw(QStringLiteral("hosts"));
    if (!hostsValue.isUndefined() && !hostsValue.isArray())
        top.fail(QStringLiteral("hosts"), QStringLiteral("expected a list of host entries"));
    top.rejectUnknown();
    if (top.failed())
        return makeError(top.error(), QStringLiteral("config"));

    QList<HostConfig> hosts;
    QSet<QString> names;
    const QJsonArray arr = hostsValue.toArray();
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QJsonValue v = arr.at(i);
        const QString nameHint = v.toObject().value(QLatin1String("name")).toString();
        const QString where =
            nameHint.isEmpty()
                ? QStringLiteral("%1, host entry %2").arg(origin).arg(i + 1)
                : QStringLiteral("%1, host entry %2 (\"%3\")").arg(origin).arg(i + 1).arg(nameHint.left(64));
        if (!v.isObject())
            return makeError(QStringLiteral("%1: expected an object.").arg(where), QStringLiteral("config"));
        FieldReader r(v.toObject(), where);
        HostConfig h;
        h.name = r.string(QStringLiteral("name"), {}, true);
        if (!r.failed()) {
            if (VoidResult n = validateHostName(h.name); !n)
                r.fail(QStringLiteral("name"), n.errorMessage());
            else if (names.contains(h.name))
                r.fail(QStringLiteral("name"),
                       QStringLiteral("another entry already uses this name; names must be unique"));
        }
        const QString kind = r.string(QStringLiteral("kind"), {}, true);
        h.readOnly = r.boolean(QStringLiteral("readOnly"), false);
        if (kind == QLatin1String("ssh")) {
            h.kind = HostKind::Ssh;
            h.sshConfigAlias = r.string(QStringLiteral("sshConfigAlias"));
            static const QRegularExpression aliasRe(QStringLiteral("^[A-Za-z0-9._:%@\\[\\]-]+$"));
            if (!h.sshConfigAlias.isEmpty() && !aliasRe.match(h.sshConfigAlias).hasMatch())
                r.fail(QStringLiteral("sshConfigAlias"), QStringLiteral("expected a Host alias of your ~/.ssh/config"));
            h.ssh = readEndpoint(r, h.sshConfigAlias.isEmpty());
            h.dockerCommand = r.string(QStringLiteral("dockerCommand"), QStringLiteral("docker"));
            if (Result<QStringList> d = security::validateDockerCommand(h.dockerCommand); !d)
                r.fail(QStringLiteral("dockerCommand"), d.errorMessage().chopped(1));
            h.knownHostsFile = r.string(QStringLiteral("knownHostsFile"));
            const QJsonValue jumps = r.raw(QStringLiteral("jumps"));
            if (!jumps.isUndefined() && !jumps.isNull() && !jumps.isArray())
                r.fail(QStringLiteral("jumps"), QStringLiteral("expected a list of {\"host\", \"port\", \"user\", "
                                                               "\"auth\"} objects, first hop first"));
            const QJsonArray jarr = jumps.toArray();
            for (qsizetype j = 0; j < jarr.size() && !r.failed(); ++j) {
                if (!jarr.at(j).isObject()) {
                    r.fail(QStringLiteral("jumps"), QStringLiteral("hop %1: expected an object").arg(j + 1));
                    break;
                }
                FieldReader jr(jarr.at(j).toObject(), QStringLiteral("%1, jump %2").arg(where).arg(j + 1));
                h.jumps.append(readEndpoint(jr));
                jr.rejectUnknown();
                if (jr.failed())
                    return makeError(jr.error(), QStringLiteral("config"));
            }
        } else if (kind == QLatin1String("docker-api")) {
            h.kind = HostKind::DockerApi;
            h.apiUrl = r.string(QStringLiteral("url"), {}, true);
            if (!h.apiUrl.isEmpty() && !h.apiUrl.startsWith(QLatin1String("tcp://")) &&
                !h.apiUrl.startsWith(QLatin1String("unix:///")))
                r.fail(QStringLiteral("url"), QStringLiteral("expected tcp://host:port or unix:///path"));
            const QJsonValue tls = r.raw(QStringLiteral("tls"));
            if (!tls.isUndefined() && !tls.isNull()) {
                if (!tls.isObject()) {
                    r.fail(QStringLiteral("tls"), QStringLiteral("expected an object with \"ca\", \"cert\", \"key\", "
                                                                 "\"verify\""));
                } else {
                    FieldReader tr(tls.toObject(), where + QStringLiteral(", \"tls\""));
                    h.useTls = true;
                    h.tls.caFile = tr.string(QStringLiteral("ca"));
                    h.tls.certFile = tr.string(QStringLiteral("cert"));
                    h.tls.keyFile = tr.string(QStringLiteral("key"));
                    h.tls.verifyServer = tr.boolean(QStringLiteral("verify"), true);
                    tr.rejectUnknown();
                    if (tr.failed())
                        return makeError(tr.error(), QStringLiteral("config"));
                    if (h.tls.certFile.isEmpty() != h.tls.keyFile.isEmpty())
                        r.fail(QStringLiteral("tls"), QStringLiteral("\"cert\" and \"key\" go together"));
                }
            }
            if (h.useTls && h.apiUrl.startsWith(QLatin1String("unix:")))
                r.fail(QStringLiteral("tls"), QStringLiteral("TLS applies to tcp:// only"));
        } else if (kind == QLatin1String("agent")) {
            r.fail(QStringLiteral("kind"), QStringLiteral("agent hosts are not configured here: they appear when "
                                                          "their agent first reports to the receiver"));
        } else if (!r.failed()) {
            r.fail(QStringLiteral("kind"), QStringLiteral("expected \"ssh\" or \"docker-api\""));
        }
        r.rejectUnknown();
        if (r.failed())
            return makeError(r.error(), QStringLiteral("config"));
        names.insert(h.name);
        hosts.append(h);
    }
    return hosts;
}

QByteArray hostsToJson(const QList<HostConfig> &hosts)
{
    QJsonArray arr;
    for (const HostConfig &h : hosts) {
        if (h.kind == HostKind::Agent)
            continue; // agent hosts live in the store
        QJsonObject o;
        o.insert(QStringLiteral("name"), h.name);
        o.insert(QStringLiteral("kind"), hostKindName(h.kind));
        if (h.kind == HostKind::Ssh) {
            const QJsonObject e = endpointToJson(h.ssh);
            for (auto it = e.begin(); it != e.end(); ++it)
                o.insert(it.key(), it.value());
            if (!h.jumps.isEmpty()) {
                QJsonArray jumps;
                for (const SshEndpoint &j : h.jumps)
                    jumps.append(endpointToJson(j));
                o.insert(QStringLiteral("jumps"), jumps);
            }
            if (h.dockerCommand != QLatin1String("docker"))
                o.insert(QStringLiteral("dockerCommand"), h.dockerCommand);
            if (!h.knownHostsFile.isEmpty())
                o.insert(QStringLiteral("knownHostsFile"), h.knownHostsFile);
            if (!h.sshConfigAlias.isEmpty()) {
                o.insert(QStringLiteral("sshConfigAlias"), h.sshConfigAlias);
                if (h.ssh.host.isEmpty())
                    o.remove(QStringLiteral("host"));
            }
        } else {
            o.insert(QStringLiteral("url"), h.apiUrl);
            if (h.useTls) {
                QJsonObject t;
                if (!h.tls.caFile.isEmpty())
                    t.insert(QStringLiteral("ca"), h.tls.caFile);
                if (!h.tls.certFile.isEmpty())
                    t.insert(QStringLiteral("cert"), h.tls.certFile);
                if (!h.tls.keyFile.isEmpty())
                    t.insert(QStringLiteral("key"), h.tls.keyFile);
                if (!h.tls.verifyServer)
                    t.insert(QStringLiteral("verify"), false);
                o.insert(QStringLiteral("tls"), t);
            }
        }
        if (h.readOnly)
            o.insert(QStringLiteral("readOnly"), true);
        arr.append(o);
    }
    QJsonObject top;
    top.insert(QStringLiteral("version"), kHostsFileVersion);
    top.insert(QStringLiteral("hosts"), arr);
    return QJsonDocument(top).toJson(QJsonDocument::Indented);
}

Result<QList<HostConfig>> loadHostsFile(const QString &path)
{
    QFile f(path);
    if (!f.exists())
        return QList<HostConfig>();
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("Cannot read the hosts file %1: %2.").arg(path, f.errorString()),
                         QStringLiteral("io"));
    if (f.size() > kMaxHostsFileBytes)
        return makeError(QStringLiteral("The hosts file %1 is larger than %2 MiB; is it the right file?")
                             .arg(path)
                             .arg(kMaxHostsFileBytes / (1024 * 1024)),
                         QStringLiteral("config"));
    return parseHostsJson(f.readAll(), path);
}

VoidResult saveHostsFile(const QString &path, const QList<HostConfig> &hosts)
{
    for (const HostConfig &h : hosts) {
        if (h.kind == HostKind::Agent)
            continue;
        if (VoidResult n = validateHostName(h.name); !n)
            return makeError(QStringLiteral("Cannot save host \"%1\": name: %2.").arg(h.name, n.errorMessage()),
                             QStringLiteral("config"));
    }
    const QByteArray json = hostsToJson(hosts);
    // Round-trip before writing: never save a file this program would refuse to load.
    if (Result<QList<HostConfig>> check = parseHostsJson(json, path); !check)
        return makeError(QStringLiteral("Cannot save the hosts file: %1").arg(check.errorMessage()),
                         QStringLiteral("config"));
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return makeError(QStringLiteral("Cannot create the directory of %1.").arg(path), QStringLiteral("io"));
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("Cannot write the hosts file %1: %2.").arg(path, f.errorString()),
                         QStringLiteral("io"));
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (f.write(json) != json.size() || !f.commit())
        return makeError(QStringLiteral("Cannot write the hosts file %1: %2. The previous file is unchanged.")
                             .arg(path, f.errorString()),
                         QStringLiteral("io"));
    return {};
}

} // namespace archnest::config
