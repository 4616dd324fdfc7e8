#pragma once

#include "model/HostConfig.h"
#include "ssh/SshInteraction.h"

#include <QString>

namespace archnest::ui {

// Where a password the person chose to keep goes: which hop of a host a password question is
// about, the keychain key for it, and putting that key into the host's config as `passwordRef`.
// Widget-free; the desktop writes the keychain entry and saves the hosts file.
class HostPasswordRefs final
{
public:
    // The hop `question` is about: -1 = the target, 0.. = that jump host, -2 = none.
    static int hopOf(const HostConfig &host, const ssh::SecretQuestion &question);
    // "ssh/<host>/password" for the target (SecretStore's conventional key),
    // "ssh/<host>/jump<N>/password" for jump host N (1-based); "" when no hop matches.
    static QString keyFor(const HostConfig &host, const ssh::SecretQuestion &question);
    // Sets the hop's passwordRef; false when no hop matches.
    static bool apply(HostConfig &host, const ssh::SecretQuestion &question, const QString &ref);
    // An edited host keeps the keychain references of the hops it still has (the host dialog
    // has no fields for them; they must not be lost by an edit).
    static void carryOver(const HostConfig &before, HostConfig &edited);
};

} // namespace archnest::ui
