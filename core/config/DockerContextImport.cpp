#include "config/DockerContextImport.h"

#include "config/HostUrl.h"
#include "config/HostsFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace archnest::config {

namespace {

constexpr int kMaxContexts = 1000;
constexpr qint64 kMaxMetaBytes = 1024 * 1024;

struct Endpoint
{
    QString name;   // context name, or "DOCKER_HOST"
    QString origin; // the file (or variable) it came from, for messages
    QString host;   // Endpoints.docker.Host
    bool skipTlsVerify = false;
    TlsFiles tls; // files that exist
    bool anyTls = false;
};

// The entry for one endpoint, or why there is none.
Result<HostConfig> entryFor(const Endpoint &e, const QString &name)
{
    HostConfig h;
    h.name = name;
    const QUrl url(e.host, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (scheme == QLatin1String("ssh")) {
        static const QRegularExpression aliasRe(QStringLiteral("^[A-Za-z0-9._:%@\\[\\]-]+$"));
        if (!url.isValid() || url.host().isEmpty() || !aliasRe.match(url.host()).hasMatch() ||
            (!url.path().isEmpty() && url.path() != QLatin1String("/")))
            return makeError(QStringLiteral("%1: \"%2\" is not ssh://[user@]host[:port]").arg(e.origin, e.host));
        h.kind = HostKind::Ssh;
        h.sshConfigAlias = url.host();
        h.ssh.host = url.host();
        h.ssh.user = url.userName();
        h.ssh.port = url.port(22);
        return h;
    }
    if (scheme == QLatin1String("tcp") || scheme == QLatin1String("unix")) {
        h.kind = HostKind::DockerApi;
        h.apiUrl = e.host;
        if (scheme == QLatin1String("tcp") && (e.anyTls || e.skipTlsVerify)) {
            h.useTls = true;
            h.tls = e.tls;
            h.tls.verifyServer = true; // SkipTLSVerify: a warning, never followed
        }
        if (scheme == QLatin1String("tcp") && (!url.isValid() || url.host().isEmpty() || url.port() <= 0))
            return makeError(QStringLiteral("%1: \"%2\" is not tcp://host:port").arg(e.origin, e.host));
        if (scheme == QLatin1String("unix") && !e.host.startsWith(QLatin1String("unix:///")))
            return makeError(QStringLiteral("%1: \"%2\" is not unix:///path").arg(e.origin, e.host));
        return h;
    }
    return makeError(QStringLiteral("%1: the endpoint \"%2\" is not ssh://, tcp:// or unix:// (not supported here)")
                         .arg(e.origin, e.host.isEmpty() ? QStringLiteral("(none)") : e.host));
}

QString describe(const HostConfig &h)
{
    if (h.kind == HostKind::Ssh)
        return QStringLiteral("ssh://%1 (ssh config alias %2)").arg(h.ssh.displayName(), h.sshConfigAlias);
    return h.apiUrl + (h.useTls ? QStringLiteral(" (TLS)") : QString());
}

Endpoint readContext(const QString &metaDir, const QString &tlsRoot, QString *error)
{
    Endpoint e;
    const QString id = QFileInfo(metaDir).fileName();
    e.origin = metaDir + QStringLiteral("/meta.json");
    QFile f(e.origin);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot be read: %2").arg(e.origin, f.errorString());
        return e;
    }
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(f.read(kMaxMetaBytes), &pe);
    if (!doc.isObject()) {
        *error = QStringLiteral("%1: not a docker context (%2)").arg(e.origin, pe.errorString());
        return e;
    }
    const QJsonObject o = doc.object();
    e.name = o.value(QStringLiteral("Name")).toString();
    const QJsonObject docker =
        o.value(QStringLiteral("Endpoints")).toObject().value(QStringLiteral("docker")).toObject();
    e.host = docker.value(QStringLiteral("Host")).toString();
    e.skipTlsVerify = docker.value(QStringLiteral("SkipTLSVerify")).toBool(false);
    if (e.name.isEmpty()) {
        *error = QStringLiteral("%1: no context Name").arg(e.origin);
        return e;
    }
    const QString tlsDir = tlsRoot + QLatin1Char('/') + id + QStringLiteral("/docker/");
    auto file = [&](const char *n) {
        const QString p = tlsDir + QLatin1String(n);
        if (!QFileInfo::exists(p))
            return QString();
        e.anyTls = true;
        return p;
    };
    e.tls.caFile = file("ca.pem");
    e.tls.certFile = file("cert.pem");
    e.tls.keyFile = file("key.pem");
    return e;
}

} // namespace

DockerImportSources DockerImportSources::fromEnvironment(const QProcessEnvironment &env)
{
    DockerImportSources s;
    s.env = env;
    s.dockerConfigDir = env.value(QStringLiteral("DOCKER_CONFIG"));
    if (s.dockerConfigDir.isEmpty())
        s.dockerConfigDir = env.value(QStringLiteral("HOME"), QDir::homePath()) + QStringLiteral("/.docker");
    s.dockerHost = env.value(QStringLiteral("DOCKER_HOST"));
    return s;
}

ImportPlan planDockerContextImport(const DockerImportSources &sources, const QList<HostConfig> &existing)
{
    QList<Endpoint> endpoints;
    QList<ImportCandidate> unreadable;
    const QString metaRoot = sources.dockerConfigDir + QStringLiteral("/contexts/meta");
    const QString tlsRoot = sources.dockerConfigDir + QStringLiteral("/contexts/tls");
    QStringList dirs = QDir(metaRoot).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    if (dirs.size() > kMaxContexts)
        dirs = dirs.mid(0, kMaxContexts);
    for (const QString &d : std::as_const(dirs)) {
        QString error;
        Endpoint e = readContext(metaRoot + QLatin1Char('/') + d, tlsRoot, &error);
        if (!error.isEmpty()) {
            ImportCandidate c;
            c.alias = d.left(12);
            c.action = ImportCandidate::Action::Refused;
            c.problem = error;
            unreadable << c;
            continue;
        }
        endpoints << e;
    }
    std::sort(endpoints.begin(), endpoints.end(), [](const Endpoint &a, const Endpoint &b) { return a.name < b.name; });
    if (!sources.dockerHost.isEmpty()) {
        Endpoint e;
        e.name = QStringLiteral("DOCKER_HOST");
        e.origin = QStringLiteral("DOCKER_HOST");
        e.host = sources.dockerHost;
        if (e.host.startsWith(QLatin1String("tcp://"))) {
            // As the docker CLI reads them (HostUrl.h does the same for the CLI's HOST argument).
            HostResolveOptions o;
            o.env = sources.env;
            if (Result<HostConfig> h = resolveHost(e.host, o); h && h->useTls) {
                e.tls = h->tls;
                e.anyTls = true;
                e.skipTlsVerify = !h->tls.verifyServer;
            }
        }
        endpoints << e;
    }

    ImportPlan plan;
    QStringList namesPlanned;
    for (const Endpoint &e : std::as_const(endpoints)) {
        ImportCandidate c;
        c.alias = e.name;
        c.target = e.host;
        auto refuse = [&](const QString &why) {
            c.action = ImportCandidate::Action::Refused;
            c.problem = why;
            plan.candidates << c;
        };
        const QString name =
            e.name == QLatin1String("DOCKER_HOST") ? QStringLiteral("docker-host") : hostNameForAlias(e.name);
        if (name.isEmpty()) {
            refuse(QStringLiteral("%1: no host name can be made of the context name \"%2\"").arg(e.origin, e.name));
            continue;
        }
        Result<HostConfig> h = entryFor(e, name);
        if (!h) {
            refuse(h.errorMessage());
            continue;
        }
        if (namesPlanned.contains(name)) {
            refuse(QStringLiteral("the name %1 is already used by another entry of this import").arg(name));
            continue;
        }
        if (e.skipTlsVerify)
            c.warning = QStringLiteral("the context asks to skip TLS verification (SkipTLSVerify); ArchNest "
                                       "verifies the server anyway - give it the CA (ca.pem) if the connection fails");
        const HostConfig *match = nullptr;
        for (const HostConfig &x : existing)
            if (x.name == name)
                match = &x;
        if (match && match->kind != h->kind) {
            refuse(QStringLiteral("the name %1 is taken by another host (%2); rename that host to import this "
                                  "context")
                       .arg(name, hostKindName(match->kind)));
            continue;
        }
        namesPlanned << name;
        c.host = *h;
        if (match) {
            // The entry's own settings stay; what the context decides is replaced.
            HostConfig updated = *match;
            if (h->kind == HostKind::Ssh) {
                updated.sshConfigAlias = h->sshConfigAlias;
                updated.ssh.host = h->ssh.host;
                updated.ssh.user = h->ssh.user;
                updated.ssh.port = h->ssh.port;
            } else {
                updated.apiUrl = h->apiUrl;
                updated.useTls = h->useTls;
                updated.tls = h->tls;
            }
            c.host = updated;
            c.action = updated == *match ? ImportCandidate::Action::UpToDate : ImportCandidate::Action::Update;
        }
        c.jumps = {};
        c.target = describe(c.host);
        plan.candidates << c;
    }
    plan.candidates << unreadable;
    return plan;
}

} // namespace archnest::config
