#pragma once

// known_hosts helpers that need no connection: fingerprints exactly as `ssh-keygen -lf` prints
// them, and the keys a known_hosts file holds for one host and port (plain or hashed names).

#include <QByteArray>
#include <QList>
#include <QString>

namespace archnest::ssh {

struct KnownHostKey
{
    QString keyType;           // "ssh-ed25519", ...
    QString fingerprintSha256; // "SHA256:..."
    int line = 0;              // 1-based line in the file
};

// "SHA256:" + unpadded base64 of SHA-256 over the public key blob (the decoded base64 field).
QString sha256Fingerprint(const QByteArray &keyBlob);

// The name known_hosts uses: "host" on port 22, "[host]:port" otherwise.
QString knownHostsName(const QString &host, int port);

// Every key `file` lists for host:port (exact names, '*'/'?' patterns, |1|salt|hash names);
// @revoked and @cert-authority lines are skipped. A missing file gives an empty list.
QList<KnownHostKey> knownHostKeys(const QString &file, const QString &host, int port);

// The keys `file` marks "@revoked" for host:port (same name matching). Like OpenSSH, such a key
// is refused always: never asked about, never saved, even next to a normal line for it.
// (libssh 0.10 skips marker lines, so the worker checks this list itself, on every hop.)
QList<KnownHostKey> revokedHostKeys(const QString &file, const QString &host, int port);

// "~/.ssh/known_hosts" when `configured` is empty; a leading "~/" is expanded.
QString resolveKnownHostsFile(const QString &configured);

} // namespace archnest::ssh
