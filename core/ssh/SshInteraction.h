#pragma once

#include <QString>

#include <functional>
#include <optional>

namespace archnest::ssh {

enum class HostKeyDecision { Reject, AcceptOnce, AcceptAndSave };

struct HostKeyQuestion
{
    QString host; // the name known_hosts uses for this hop
    int port = 22;
    QString keyType;           // "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa", ...
    QString fingerprintSha256; // "SHA256:..." exactly as `ssh-keygen -lf` prints it
    int hopIndex = 0;          // 0 = first jump (or the target when there are none)
    int hopCount = 1;
    QString archnestHost; // the ArchNest host this connection is for ("" when not known)
};

enum class SecretKind { Password, KeyPassphrase, KeyboardInteractive };

struct SecretQuestion
{
    SecretKind kind = SecretKind::Password;
    QString host;
    int port = 22;
    QString user;
    QString prompt; // the server's prompt (keyboard-interactive) or a key file path (passphrase)
    bool echo = false;
    // Why we ask although the host configures a keychain entry for it (e.g. "No OS keychain is
    // available ..."); empty otherwise. Never holds a secret.
    QString note;
    // Password questions asked of the person: which try this is (1-based) of how many. From the
    // second try on, `retryReason` says why the previous answer was refused.
    int attempt = 1;
    int maxAttempts = 1;
    QString retryReason;
    QString archnestHost; // the ArchNest host this connection is for ("" when not known)
};

// A password-like question: the password method, or a keyboard-interactive prompt that asks
// for a password without echo (PAM's "Password: "). Both are shown as one and the same prompt.
inline bool isPasswordQuestion(const SecretQuestion &q)
{
    return q.kind == SecretKind::Password || (q.kind == SecretKind::KeyboardInteractive && !q.echo &&
                                              q.prompt.contains(QStringLiteral("password"), Qt::CaseInsensitive));
}

// Answers the questions a connection cannot answer alone. The GUI implements it with dialogs,
// the CLI with a terminal prompt or flags. Methods are called on the thread that owns the
// SshSession; `answer` may be called later, from any thread, exactly once. Answering nothing
// (Reject / std::nullopt) aborts that hop's connection with a clear error.
class SshInteraction
{
public:
    virtual ~SshInteraction() = default;
    virtual void askHostKey(const HostKeyQuestion &question, std::function<void(HostKeyDecision)> answer) = 0;
    virtual void askSecret(const SecretQuestion &question, std::function<void(std::optional<QString>)> answer) = 0;
    // What the server said to a password the person gave for `question` (e.g. the desktop
    // stores it in the keychain only once it was accepted). Called on the owner's thread.
    virtual void secretOutcome(const SecretQuestion &question, bool accepted)
    {
        Q_UNUSED(question);
        Q_UNUSED(accepted);
    }
};

} // namespace archnest::ssh
