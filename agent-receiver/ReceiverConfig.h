#pragma once

#include "ReceiverLimits.h"
#include "store/AgentReportStore.h"
#include "util/Result.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QString>

#include <functional>

namespace archnest::receiver {

// How the receiver listens and whom it lets in. Off unless someone calls AgentReceiver::start
// with a config (the GUI setting or `archnest-cli receive`).
struct ReceiverConfig
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0;                      // 0: any free port (tests)
    QByteArray ingestToken;                // empty: POST /report answers 503 (unless host tokens exist)
    QHash<QString, QByteArray> hostTokens; // host id -> token bound to that host only
    QByteArray readToken;                  // empty: the read endpoints answer 503
    qint64 staleWindowMs = store::kDefaultStaleWindowMs;
    QString certificateFile; // both set: HTTPS (QSslServer)
    QString privateKeyFile;
    ReceiverLimits limits = defaultReceiverLimits();
    // Test hook: runs on the receiver's thread for an accepted report, just before it is stored.
    std::function<void(const QString &hostId)> beforeStore;

    bool ingestEnabled() const { return !ingestToken.isEmpty() || !hostTokens.isEmpty(); }
    bool useTls() const { return !certificateFile.isEmpty() && !privateKeyFile.isEmpty(); }
};

// "127.0.0.1:4000", "[::1]:4000", "0.0.0.0:4000". Names are not resolved: an address only.
Result<QPair<QHostAddress, quint16>> parseListenAddress(const QString &text);

// Loopback, RFC 1918, CGNAT 100.64/10 (Tailscale), link-local, IPv6 ULA / link-local. "Any"
// (0.0.0.0, ::) is not private: it includes every interface.
bool isPrivateAddress(const QHostAddress &address);

// Tokens a listener accepts must be hard to guess. "Strong" means: at least kMinTokenLength
// characters, all from the token alphabet (letters, digits and - _ . ~ + / =, what hex, base64
// and base64url print), at least kMinTokenDistinct different characters, and not obviously
// patterned (no character in more than a quarter of the places, not a repeated block, not a
// run like "abcdef..."). `openssl rand -hex 32` (64 characters, 256 bits) is what the docs suggest.
inline constexpr int kMinTokenLength = 32;
inline constexpr int kMinTokenDistinct = 10;
// `what` names the token in the error ("the ingest token (--token-file F)"); `fix` ends the
// message (default: "Generate one with: openssl rand -hex 32"; the desktop names its Generate button).
VoidResult checkTokenStrength(const QByteArray &token, const QString &what, const QString &fix = QString());
// Every configured token strong, and the read token different from the ingest token and from
// every host-bound token (a reader must not be able to write, nor an agent read everything).
VoidResult checkReceiverTokens(const ReceiverConfig &config);

// A token file holds one token (surrounding whitespace ignored); it must not be empty.
Result<QByteArray> readTokenFile(const QString &path);
// A host tokens file: one "HOST_ID TOKEN" per line, '#' comments; each token must be strong.
Result<QHash<QString, QByteArray>> readHostTokensFile(const QString &path);

} // namespace archnest::receiver
