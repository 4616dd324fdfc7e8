#include "config/HostUrl.h"

#include "config/SshConfigResolve.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

namespace archnest::config {

namespace {

const QString &expectedForms()
{
    static const QString s =
        QStringLiteral("expected a configured host name, ssh://[user@]host[:port], tcp://host:port or unix:///path");
    return s;
}

Error hostError(const QString &argument, const QString &why)
{
    return makeError(QStringLiteral("Host \"%1\": %2.").arg(argument.left(200), why), QStringLiteral("usage"));
}

bool validHostPart(const QString &host)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._-]+$|^\\[[0-9A-Fa-f:.%]+\\]$|^[0-9A-Fa-f:.]+$"));
    return !host.isEmpty() && !host.startsWith(QLatin1Char('-')) && re.match(host).hasMatch();
}

Result<HostConfig> resolveSsh(const QString &argument, const HostResolveOptions &options)
{
    // ssh://[user@]host[:port] - parsed by hand: QUrl accepts more than ssh does.
    static const QRegularExpression re(
        QStringLiteral("^ssh://(?:([A-Za-z0-9._][A-Za-z0-9._-]*)@)?(\\[[^\\]]+\\]|[^:/@\\[\\]]+)(?::(\\d{1,5}))?/?$"));
    const auto m = re.match(argument);
    if (!m.hasMatch())
        return hostError(argument, QStringLiteral("not a valid ssh URL; expected ssh://[user@]host[:port]"));
    QString host = m.captured(2);
    if (!validHostPart(host))
        return hostError(argument, QStringLiteral("invalid host name \"%1\"").arg(host));
    if (host.startsWith(QLatin1Char('[')))
        host = host.mid(1, host.size() - 2);
    int port = 0;
    if (!m.captured(3).isEmpty()) {
        port = m.captured(3).toInt();
        if (port < 1 || port > 65535)
            return hostError(argument, QStringLiteral("port %1 is out of range 1-65535").arg(m.captured(3)));
    }
    QString configFile = options.sshConfigFile;
    if (configFile.isEmpty()) {
        const QString home = options.env.value(QStringLiteral("HOME"), QDir::homePath());
        const QString def = home + QStringLiteral("/.ssh/config");
        if (QFileInfo::exists(def))
            configFile = def;
    } else if (!QFileInfo::exists(configFile)) {
        return makeError(QStringLiteral("The ssh config file %1 does not exist.").arg(configFile),
                         QStringLiteral("usage"));
    }
    HostConfig h;
    h.name = argument;
    h.kind = HostKind::Ssh;
    h.ssh.host = host;
    Result<void> applied = applySshConfig(h, host, configFile, options.notes);
    if (!applied)
        return applied.error();
    // Explicit parts of the URL win over the config file, as with `ssh -p` / `user@`.
    if (!m.captured(1).isEmpty())
        h.ssh.user = m.captured(1);
    if (port > 0)
        h.ssh.port = port;
    if (h.ssh.user.isEmpty())
        h.ssh.user = options.env.value(QStringLiteral("USER"));
    return h;
}

Result<HostConfig> resolveTcp(const QString &argument, const HostResolveOptions &options)
{
    static const QRegularExpression re(QStringLiteral("^tcp://(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._-]+):(\\d{1,5})/?$"));
    const auto m = re.match(argument);
    if (!m.hasMatch())
        return hostError(argument, QStringLiteral("not a valid tcp URL; expected tcp://host:port"));
    const int port = m.captured(2).toInt();
    if (port < 1 || port > 65535)
        return hostError(argument, QStringLiteral("port %1 is out of range 1-65535").arg(m.captured(2)));
    HostConfig h;
    h.name = argument;
    h.kind = HostKind::DockerApi;
    h.apiUrl = QStringLiteral("tcp://%1:%2").arg(m.captured(1)).arg(port);
    // The docker CLI: DOCKER_TLS_VERIFY (any non-empty value) = TLS + verify the server;
    // DOCKER_TLS = TLS without verification; certificates from DOCKER_CERT_PATH (~/.docker).
    const bool verify = !options.env.value(QStringLiteral("DOCKER_TLS_VERIFY")).isEmpty();
    const bool tls = verify || !options.env.value(QStringLiteral("DOCKER_TLS")).isEmpty();
    if (tls) {
        QString certPath = options.env.value(QStringLiteral("DOCKER_CERT_PATH"));
        if (certPath.isEmpty())
            certPath = options.env.value(QStringLiteral("HOME"), QDir::homePath()) + QStringLiteral("/.docker");
        h.useTls = true;
        h.tls.verifyServer = verify;
        const QString ca = certPath + QStringLiteral("/ca.pem");
        const QString cert = certPath + QStringLiteral("/cert.pem");
        const QString key = certPath + QStringLiteral("/key.pem");
        if (verify) {
            if (!QFileInfo::exists(ca))
                return makeError(
                    QStringLiteral("Host \"%1\": DOCKER_TLS_VERIFY is set but %2 does not exist; set "
                                   "DOCKER_CERT_PATH to the directory holding ca.pem, cert.pem and key.pem.")
                        .arg(argument, ca),
                    QStringLiteral("usage"));
            h.tls.caFile = ca;
        } else if (QFileInfo::exists(ca)) {
            h.tls.caFile = ca;
        }
        const bool haveCert = QFileInfo::exists(cert);
        const bool haveKey = QFileInfo::exists(key);
        if (haveCert != haveKey)
            return makeError(QStringLiteral("Host \"%1\": %2 exists without %3; a client certificate needs both.")
                                 .arg(argument, haveCert ? cert : key, haveCert ? key : cert),
                             QStringLiteral("usage"));
        if (haveCert) {
            h.tls.certFile = cert;
            h.tls.keyFile = key;
        }
    }
    return h;
}

Result<HostConfig> resolveUnix(const QString &argument)
{
    const QString path = argument.mid(int(qstrlen("unix://")));
    if (!path.startsWith(QLatin1Char('/')) || path.size() < 2 || path.contains(QChar(u'\0')))
        return hostError(argument, QStringLiteral("expected unix:///absolute/path/to/docker.sock"));
    HostConfig h;
    h.name = argument;
    h.kind = HostKind::DockerApi;
    h.apiUrl = argument;
    return h;
}

} // namespace

bool looksLikeHostUrl(const QString &argument)
{
    return argument.startsWith(QLatin1String("ssh://")) || argument.startsWith(QLatin1String("tcp://")) ||
           argument.startsWith(QLatin1String("unix://"));
}

Result<HostConfig> resolveHost(const QString &argument, const HostResolveOptions &options)
{
    for (const HostConfig &h : options.configured) {
        if (h.name == argument)
            return h;
    }
    if (argument.startsWith(QLatin1String("ssh://")))
        return resolveSsh(argument, options);
    if (argument.startsWith(QLatin1String("tcp://")))
        return resolveTcp(argument, options);
    if (argument.startsWith(QLatin1String("unix://")))
        return resolveUnix(argument);
    if (argument.contains(QLatin1String("://")))
        return hostError(argument, QStringLiteral("unsupported scheme; ") + expectedForms());
    const QString where = options.hostsFilePath.isEmpty() ? QStringLiteral("the hosts file") : options.hostsFilePath;
    return makeError(QStringLiteral("Host \"%1\" is not in %2; %3 (run 'archnest-cli hosts' for the list).")
                         .arg(argument.left(200), where, expectedForms()),
                     QStringLiteral("unknown-host"));
}

} // namespace archnest::config
