#pragma once

// What importing the docker CLI's contexts would do (`docker context ls`: the files
// $DOCKER_CONFIG/contexts/meta/<id>/meta.json, default ~/.docker) plus the DOCKER_HOST
// environment variable, without widgets; the same plan shape as the ~/.ssh/config import.
//   ssh://[user@]host[:port]  an SSH host naming `host` as its ~/.ssh/config alias, user and port
//                             as `ssh -l -p` (what the docker CLI runs), resolved at each connect
//   tcp://host:port           Engine API; TLS material from contexts/tls/<id>/docker/{ca,cert,key}.pem
//                             (DOCKER_HOST: DOCKER_TLS_VERIFY / DOCKER_CERT_PATH as the docker CLI)
//   unix:///path              Engine API on a local socket
// SkipTLSVerify is never followed silently: the server is still verified and the row carries a
// warning saying so. Re-import updates the entry of the same name and kind.

#include "config/SshImportPlan.h"

#include <QProcessEnvironment>

namespace archnest::config {

struct DockerImportSources
{
    QString dockerConfigDir; // $DOCKER_CONFIG or ~/.docker
    QString dockerHost;      // DOCKER_HOST ("" = unset)
    QProcessEnvironment env; // DOCKER_TLS_VERIFY, DOCKER_CERT_PATH for DOCKER_HOST

    static DockerImportSources
    fromEnvironment(const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
};

// Contexts sorted by name, then DOCKER_HOST. A context that cannot be read or used is a Refused
// candidate naming its file; a missing contexts folder is an empty plan.
ImportPlan planDockerContextImport(const DockerImportSources &sources, const QList<HostConfig> &existing);

} // namespace archnest::config
