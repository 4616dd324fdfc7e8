#pragma once

// Turns the CLI's HOST argument into a HostConfig, in the conventions operators already use:
//   NAME                       a host from the hosts file
//   ssh://[user@]host[:port]   resolved through the OpenSSH client config (HostName, User, Port,
//                              IdentityFile, CertificateFile, ProxyJump, UserKnownHostsFile)
//   tcp://host:port            Docker Engine API; DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH
//                              as the docker CLI reads them (ca.pem, cert.pem, key.pem)
//   unix:///path               Docker Engine API on a local socket

#include "model/HostConfig.h"
#include "util/Result.h"

#include <QList>
#include <QProcessEnvironment>

namespace archnest::config {

struct HostResolveOptions
{
    QList<HostConfig> configured; // from the hosts file
    QString hostsFilePath;        // for messages
    QString sshConfigFile;        // like `ssh -F`; "" = $HOME/.ssh/config (if it exists)
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QStringList *notes = nullptr; // ssh config directives that were ignored, etc.
};

Result<HostConfig> resolveHost(const QString &argument, const HostResolveOptions &options);

bool looksLikeHostUrl(const QString &argument); // has one of the schemes above

} // namespace archnest::config
