#include "CliSshInteraction.h"

#include "security/ControlChars.h"
#include "ssh/SshHostKeys.h"

#include <termios.h>
#include <unistd.h>

namespace archnest::cli {

namespace {

void print(std::FILE *out, const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), out);
    std::fflush(out);
}

QString hopLabel(const ssh::HostKeyQuestion &q)
{
    if (q.hopCount <= 1)
        return {};
    return q.hopIndex + 1 < q.hopCount ? QStringLiteral(" (jump host %1 of %2)").arg(q.hopIndex + 1).arg(q.hopCount - 1)
                                       : QStringLiteral(" (the target, through %1 jump host(s))").arg(q.hopCount - 1);
}

} // namespace

CliSshInteraction::CliSshInteraction(bool acceptNewHostKey)
    : CliSshInteraction(acceptNewHostKey, ::isatty(STDIN_FILENO) == 1, stdin, stderr)
{}

CliSshInteraction::CliSshInteraction(bool acceptNewHostKey, bool stdinIsTerminal, std::FILE *in, std::FILE *out)
    : m_acceptNewHostKey(acceptNewHostKey)
    , m_terminal(stdinIsTerminal)
    , m_in(in)
    , m_out(out)
{}

QString CliSshInteraction::readLine(bool echo)
{
    const int fd = ::fileno(m_in);
    termios saved{};
    const bool hide = !echo && ::isatty(fd) == 1 && ::tcgetattr(fd, &saved) == 0;
    if (hide) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(fd, TCSAFLUSH, &quiet);
    }
    QByteArray line;
    // Bounded: one line of at most 4 KiB.
    for (int c = std::fgetc(m_in); c != EOF && c != '\n' && line.size() < 4096; c = std::fgetc(m_in))
        line.append(char(c));
    if (hide) {
        ::tcsetattr(fd, TCSAFLUSH, &saved);
        print(m_out, QStringLiteral("\n"));
    }
    if (line.endsWith('\r'))
        line.chop(1);
    QString text = QString::fromLocal8Bit(line);
    line.fill('\0');
    return text;
}

void CliSshInteraction::askHostKey(const ssh::HostKeyQuestion &q, std::function<void(ssh::HostKeyDecision)> answer)
{
    const QString name = ssh::knownHostsName(q.host, q.port);
    const QString what = QStringLiteral("host '%1'%2 is not in known_hosts.\n%3 key fingerprint is %4.\n")
                             .arg(name, hopLabel(q), q.keyType, q.fingerprintSha256);
    if (m_acceptNewHostKey) {
        print(m_out,
              QStringLiteral("archnest-cli: %1Accepted (--accept-new-host-key) and saved to known_hosts.\n").arg(what));
        answer(ssh::HostKeyDecision::AcceptAndSave);
        return;
    }
    if (!m_terminal) {
        print(m_out, QStringLiteral("archnest-cli: %1Refusing to connect: no terminal to confirm it. Verify the "
                                    "fingerprint, then run again in a terminal or with --accept-new-host-key.\n")
                         .arg(what));
        answer(ssh::HostKeyDecision::Reject);
        return;
    }
    // Bounded: at most three tries for a yes/no answer.
    for (int attempt = 0; attempt < 3; ++attempt) {
        print(
            m_out,
            QStringLiteral("The authenticity of %1Are you sure you want to continue connecting (yes/no)? ").arg(what));
        const QString reply = readLine(true).trimmed().toLower();
        if (reply == QLatin1String("yes")) {
            answer(ssh::HostKeyDecision::AcceptAndSave);
            return;
        }
        if (reply == QLatin1String("no") || reply.isEmpty() || std::feof(m_in)) {
            answer(ssh::HostKeyDecision::Reject);
            return;
        }
        print(m_out, QStringLiteral("Please type 'yes' or 'no'.\n"));
    }
    answer(ssh::HostKeyDecision::Reject);
}

void CliSshInteraction::askSecret(const ssh::SecretQuestion &q, std::function<void(std::optional<QString>)> answer)
{
    QString prompt;
    switch (q.kind) {
    case ssh::SecretKind::Password:
        prompt = QStringLiteral("%1@%2's password: ").arg(q.user, ssh::knownHostsName(q.host, q.port));
        break;
    case ssh::SecretKind::KeyPassphrase:
        prompt = QStringLiteral("Enter passphrase for key '%1': ").arg(q.prompt);
        break;
    case ssh::SecretKind::KeyboardInteractive:
        // The server wrote this prompt: its control characters are shown, never sent to the terminal.
        prompt = QStringLiteral("(%1@%2) %3")
                     .arg(q.user, ssh::knownHostsName(q.host, q.port),
                          security::escapeControlChars(q.prompt, security::ControlEscape::KeepLineBreaks));
        if (!prompt.endsWith(QLatin1Char(' ')))
            prompt += QLatin1Char(' ');
        break;
    }
    if (!m_terminal) {
        print(m_out, QStringLiteral("archnest-cli: %1@%2 needs a secret (%3) and there is no terminal to ask; "
                                    "configure passwordFile/passphraseFile or a key for this host.\n")
                         .arg(q.user, ssh::knownHostsName(q.host, q.port), prompt.trimmed()));
        answer(std::nullopt);
        return;
    }
    if (q.attempt > 1 && !q.retryReason.isEmpty()) // as OpenSSH: "Permission denied, please try again."
        print(
            m_out,
            QStringLiteral("%1, please try again (%2 of %3).\n").arg(q.retryReason).arg(q.attempt).arg(q.maxAttempts));
    print(m_out, prompt);
    QString secret = readLine(q.echo);
    if (std::feof(m_in) && secret.isEmpty()) {
        answer(std::nullopt);
        return;
    }
    answer(secret);
    secret.fill(QLatin1Char('\0'));
}

} // namespace archnest::cli
