#pragma once

#include <QByteArray>

namespace archnest::security {

// Compares two secrets in time that depends only on their lengths, never on where they first
// differ. Used for every token check.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace archnest::security
