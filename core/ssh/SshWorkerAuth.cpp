// The SSH worker's authentication of each hop: keys and certificates, the agent, password and
// keyboard-interactive, with secrets from files or asked for (see SshWorkerImpl.h).
#include "ssh/SshWorkerImpl.h"

#include "ssh/SshHostKeys.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace archnest::ssh::detail {

std::optional<Secret> Worker::Impl::secretFromFileOrAsk(const QString &file, SecretKind kind, const SshEndpoint &ep,
                                                        const QString &prompt, bool echo, QString *problem,
                                                        std::optional<SecretQuestion> *asked)
{
    if (!file.isEmpty()) {
        auto bytes = readSecretFile(resolveKnownHostsFile(file), problem); // same "~/" expansion
        if (!bytes)
            return std::nullopt;
        return Secret{*bytes};
    }
    SecretQuestion q;
    q.kind = kind;
    q.host = ep.host;
    q.port = ep.port;
    q.user = ep.user;
    q.prompt = prompt;
    q.echo = echo;
    const bool password = isPasswordQuestion(q);
    if (password) {
        if (pwTries.declined) {
            *problem = QStringLiteral("no answer given");
            return std::nullopt;
        }
        if (pwTries.asked >= kMaxPasswordTries) {
            *problem = QStringLiteral("not asked again after %1 refused tries").arg(kMaxPasswordTries);
            return std::nullopt;
        }
        q.attempt = ++pwTries.asked;
        q.maxAttempts = kMaxPasswordTries;
        if (pwTries.lastRefused)
            q.retryReason = QStringLiteral("Permission denied");
    }
    auto answer = sink->askSecret(q);
    opClock.restart();
    if (!answer) {
        if (password)
            pwTries.declined = true;
        *problem = QStringLiteral("no answer given");
        return std::nullopt;
    }
    if (asked)
        *asked = q;
    Secret s{answer->toUtf8()};
    answer->fill(QLatin1Char('\0'));
    return s;
}

QString agentSocket(const SshAuthConfig &auth)
{
    const QString &a = auth.identityAgent;
    if (a == QLatin1String("none"))
        return {};
    if (a.isEmpty() || a == QLatin1String("SSH_AUTH_SOCK"))
        return qEnvironmentVariable("SSH_AUTH_SOCK");
    if (a.startsWith(QLatin1Char('$'))) // OpenSSH: "$VAR" names an environment variable
        return qEnvironmentVariable(a.mid(1).toLocal8Bit().constData());
    return resolveKnownHostsFile(a); // same "~/" expansion
}

void Worker::Impl::passwordJudged(const SecretQuestion &asked, int rc)
{
    pwTries.lastRefused = rc == SSH_AUTH_DENIED;
    sink->secretOutcome(asked, rc == SSH_AUTH_SUCCESS);
}

QStringList Worker::Impl::keyFiles(const SshAuthConfig &auth) const
{
    if (!auth.identityFiles.isEmpty()) {
        QStringList out;
        for (const QString &f : auth.identityFiles)
            out << resolveKnownHostsFile(f);
        return out;
    }
    if (!auth.identityFile.isEmpty())
        return {resolveKnownHostsFile(auth.identityFile)}; // same "~/" expansion
    QStringList out;
    for (const char *n : {"id_ed25519", "id_ecdsa", "id_rsa"}) {
        const QString p = QDir::homePath() + QStringLiteral("/.ssh/") + QLatin1String(n);
        if (QFileInfo::exists(p))
            out << p;
    }
    return out;
}

// Returns SSH_AUTH_SUCCESS / PARTIAL / DENIED / ERROR and appends what happened to `tried`.
int Worker::Impl::tryKeyFile(ssh_session s, const SshEndpoint &ep, const QString &path, QStringList *tried,
                             const QElapsedTimer &clock, qint64 limit)
{
    const QByteArray p = QFile::encodeName(path);
    if (!QFileInfo(path).isReadable()) {
        *tried << QStringLiteral("publickey (%1: not readable)").arg(path);
        return SSH_AUTH_DENIED;
    }
    std::optional<Secret> pass;
    if (keyFileIsEncrypted(path)) {
        QString problem;
        pass = secretFromFileOrAsk(ep.auth.passphraseFile, SecretKind::KeyPassphrase, ep, path, false, &problem);
        if (!pass) {
            *tried << QStringLiteral("publickey (%1: passphrase %2)").arg(path, problem);
            return SSH_AUTH_DENIED;
        }
    }
    auto importKey = [&]() -> ssh_key {
        ssh_key k = nullptr;
        if (ssh_pki_import_privkey_file(p.constData(), pass ? pass->bytes.constData() : nullptr, nullptr, nullptr,
                                        &k) != SSH_OK)
            return nullptr;
        return k;
    };
    ssh_key priv = importKey();
    if (!priv) {
        *tried << QStringLiteral("publickey (%1: %2)")
                      .arg(path,
                           pass ? QStringLiteral("wrong passphrase") : QStringLiteral("not a usable private key"));
        return SSH_AUTH_DENIED;
    }
    bool timedOut = false;
    // An OpenSSH certificate first (libssh never loads one by itself), then the plain key.
    const QString certPath = ep.auth.certificateFile.isEmpty() ? path + QStringLiteral("-cert.pub")
                                                               : resolveKnownHostsFile(ep.auth.certificateFile);
    if (QFileInfo::exists(certPath)) {
        ssh_key cert = nullptr;
        int rc = SSH_AUTH_DENIED;
        if (ssh_pki_import_cert_file(QFile::encodeName(certPath).constData(), &cert) == SSH_OK &&
            ssh_pki_copy_cert_to_privkey(cert, priv) == SSH_OK) {
            rc = drive([&] { return ssh_userauth_publickey(s, nullptr, priv); }, SSH_AUTH_AGAIN, clock, limit,
                       &timedOut);
            *tried << QStringLiteral("certificate (%1: %2)")
                          .arg(certPath,
                               rc == SSH_AUTH_SUCCESS ? QStringLiteral("accepted") : QStringLiteral("rejected"));
        } else {
            *tried << QStringLiteral("certificate (%1: unreadable or not for this key)").arg(certPath);
        }
        ssh_key_free(cert);
        ssh_key_free(priv);
        if (rc != SSH_AUTH_DENIED)
            return rc;
        priv = importKey(); // the certificate is attached to the old copy
        if (!priv)
            return SSH_AUTH_DENIED;
    }
    const int rc =
        drive([&] { return ssh_userauth_publickey(s, nullptr, priv); }, SSH_AUTH_AGAIN, clock, limit, &timedOut);
    ssh_key_free(priv);
    *tried << QStringLiteral("publickey (%1: %2)")
                  .arg(path, rc == SSH_AUTH_SUCCESS ? QStringLiteral("accepted")
                             : timedOut             ? QStringLiteral("timed out")
                                                    : QStringLiteral("rejected"));
    return rc;
}

Result<void> Worker::Impl::authenticate(size_t i, const QElapsedTimer &clock, qint64 limit)
{
    ssh_session s = hops[i].session;
    const SshEndpoint &ep = hops[i].endpoint;
    bool timedOut = false;
    int rc = drive([&] { return ssh_userauth_none(s, nullptr); }, SSH_AUTH_AGAIN, clock, limit, &timedOut);
    if (rc == SSH_AUTH_SUCCESS)
        return {};
    if (rc == SSH_AUTH_ERROR)
        return makeError(QStringLiteral("authentication with %1 failed: %2").arg(hopName(i), sshError(s)));
    int offered = ssh_userauth_list(s, nullptr);
    const int offeredAtStart = offered;
    QStringList methods = ep.auth.methods;
    if (methods.isEmpty())
        methods = {QStringLiteral("agent"), QStringLiteral("publickey"), QStringLiteral("keyboard-interactive"),
                   QStringLiteral("password")};
    QStringList tried;
    pwTries = {};
    for (const QString &m : std::as_const(methods)) {
        rc = SSH_AUTH_DENIED;
        if (m == QLatin1String("agent")) {
            if (!ep.auth.useAgent || !(offered & SSH_AUTH_METHOD_PUBLICKEY))
                continue;
            // IdentitiesOnly: libssh 0.10 offers every agent key or none, so none; the listed
            // identities are then loaded from their files (publickey below).
            if (ep.auth.identitiesOnly) {
                tried << QStringLiteral("agent (not used: IdentitiesOnly)");
                continue;
            }
            if (ep.auth.identityAgent == QLatin1String("none"))
                continue;
            if (agentSocket(ep.auth).isEmpty()) {
                tried << (ep.auth.identityAgent.isEmpty()
                              ? QStringLiteral("agent (no SSH_AUTH_SOCK)")
                              : QStringLiteral("agent (IdentityAgent %1 is not set)").arg(ep.auth.identityAgent));
                continue;
            }
            rc = drive([&] { return ssh_userauth_agent(s, nullptr); }, SSH_AUTH_AGAIN, clock, limit, &timedOut);
            tried << QStringLiteral("agent (%1)")
                         .arg(rc == SSH_AUTH_SUCCESS ? QStringLiteral("accepted") : QStringLiteral("no key accepted"));
        } else if (m == QLatin1String("publickey")) {
            if (!(offered & SSH_AUTH_METHOD_PUBLICKEY))
                continue;
            const QStringList files = keyFiles(ep.auth);
            if (files.isEmpty())
                tried << QStringLiteral("publickey (no key file)");
            for (const QString &f : files) {
                rc = tryKeyFile(s, ep, f, &tried, clock, limit);
                if (rc != SSH_AUTH_DENIED)
                    break;
            }
        } else if (m == QLatin1String("keyboard-interactive")) {
            if (!(offered & SSH_AUTH_METHOD_INTERACTIVE))
                continue;
            rc = keyboardInteractive(s, ep, clock, limit, &tried);
        } else if (m == QLatin1String("password")) {
            if (!(offered & SSH_AUTH_METHOD_PASSWORD))
                continue;
            // A refused password is asked again (the prompt says so), up to kMaxPasswordTries.
            for (int round = 0; round < kMaxPasswordTries; ++round) {
                QString problem;
                std::optional<SecretQuestion> asked;
                auto pw = secretFromFileOrAsk(ep.auth.passwordFile, SecretKind::Password, ep,
                                              QStringLiteral("Password for %1").arg(ep.displayName()), false, &problem,
                                              &asked);
                if (!pw) {
                    tried << QStringLiteral("password (%1)").arg(problem);
                    rc = SSH_AUTH_DENIED;
                    break;
                }
                rc = drive([&] { return ssh_userauth_password(s, nullptr, pw->bytes.constData()); }, SSH_AUTH_AGAIN,
                           clock, limit, &timedOut);
                tried << QStringLiteral("password (%1)")
                             .arg(rc == SSH_AUTH_SUCCESS ? QStringLiteral("accepted") : QStringLiteral("rejected"));
                if (asked)
                    passwordJudged(*asked, rc);
                if (rc != SSH_AUTH_DENIED || !asked)
                    break;
            }
        } else {
            tried << QStringLiteral("%1 (unknown method name)").arg(m);
            continue;
        }
        if (rc == SSH_AUTH_SUCCESS)
            return {};
        if (rc == SSH_AUTH_ERROR)
            return makeError(QStringLiteral("authentication with %1 failed during %2: %3")
                                 .arg(hopName(i), m, timedOut ? QStringLiteral("timed out") : sshError(s)));
        if (rc == SSH_AUTH_PARTIAL)
            offered = ssh_userauth_list(s, nullptr);
    }
    return makeError(QStringLiteral("authentication as %1 failed: the server offers %2; tried %3. Check the user "
                                    "name, key, certificate or password configured for this host.")
                         .arg(hopName(i), methodNames(offeredAtStart),
                              tried.isEmpty() ? QStringLiteral("nothing usable") : tried.join(QStringLiteral(", "))),
                     QStringLiteral("auth-failed"));
}

int Worker::Impl::keyboardInteractive(ssh_session s, const SshEndpoint &ep, const QElapsedTimer &clock, qint64 limit,
                                      QStringList *tried)
{
    bool timedOut = false;
    std::optional<SecretQuestion> pending; // a password given in this exchange, not judged yet
    for (int round = 0; round < kKbdIntRounds; ++round) {
        const int rc =
            drive([&] { return ssh_userauth_kbdint(s, nullptr, nullptr); }, SSH_AUTH_AGAIN, clock, limit, &timedOut);
        if (pending && rc != SSH_AUTH_INFO) {
            passwordJudged(*pending, rc);
            pending.reset();
            // Refused: a new exchange, whose password prompt says "try again (n of 3)".
            if (rc == SSH_AUTH_DENIED && !pwTries.declined && pwTries.asked < kMaxPasswordTries) {
                *tried << QStringLiteral("keyboard-interactive (rejected)");
                continue;
            }
        }
        if (rc == SSH_AUTH_SUCCESS) {
            *tried << QStringLiteral("keyboard-interactive (accepted)");
            return rc;
        }
        if (rc != SSH_AUTH_INFO) {
            *tried << QStringLiteral("keyboard-interactive (rejected)");
            return rc;
        }
        const int n = ssh_userauth_kbdint_getnprompts(s);
        for (int p = 0; p < n && p < 16; ++p) {
            char echo = 0;
            const char *promptC = ssh_userauth_kbdint_getprompt(s, unsigned(p), &echo);
            const QString prompt = QString::fromUtf8(promptC ? promptC : "");
            QString problem;
            const bool isPassword = prompt.contains(QStringLiteral("password"), Qt::CaseInsensitive);
            std::optional<SecretQuestion> asked;
            auto answer = secretFromFileOrAsk(isPassword ? ep.auth.passwordFile : QString(),
                                              SecretKind::KeyboardInteractive, ep, prompt, echo != 0, &problem, &asked);
            if (!answer) {
                *tried << QStringLiteral("keyboard-interactive (%1)").arg(problem);
                return SSH_AUTH_DENIED;
            }
            if (asked && isPasswordQuestion(*asked))
                pending = asked;
            ssh_userauth_kbdint_setanswer(s, unsigned(p), answer->bytes.constData());
        }
    }
    *tried << QStringLiteral("keyboard-interactive (too many rounds)");
    return SSH_AUTH_DENIED;
}

} // namespace archnest::ssh::detail
