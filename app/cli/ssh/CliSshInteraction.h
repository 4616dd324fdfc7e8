#pragma once

#include "ssh/SshInteraction.h"

#include <cstdio>

namespace archnest::cli {

// The CLI's answers to SSH questions. With a terminal on stdin it asks (host keys: yes/no;
// secrets: read without echo). Without one it never guesses: an unknown host key is refused
// with its fingerprint printed, unless the user passed --accept-new-host-key (which accepts
// only keys that are *unknown*; a changed key is always refused by the transport), and secrets
// must come from the configured files. Prompts go to stderr. Answers are given synchronously.
class CliSshInteraction final : public ssh::SshInteraction
{
public:
    explicit CliSshInteraction(bool acceptNewHostKey = false);
    // For tests: the terminal check and the streams are injectable.
    CliSshInteraction(bool acceptNewHostKey, bool stdinIsTerminal, std::FILE *in, std::FILE *out);

    void askHostKey(const ssh::HostKeyQuestion &question, std::function<void(ssh::HostKeyDecision)> answer) override;
    void askSecret(const ssh::SecretQuestion &question, std::function<void(std::optional<QString>)> answer) override;

private:
    QString readLine(bool echo);

    bool m_acceptNewHostKey = false;
    bool m_terminal = false;
    std::FILE *m_in = nullptr;
    std::FILE *m_out = nullptr;
};

} // namespace archnest::cli
