#pragma once

// The first pass over a received report, before the typed checks (AgentReport.cpp): what makes
// the stored document safe whatever the sender did. The receiver stores the re-serialised result
// of this pass, never the raw body (a duplicate JSON key can then not smuggle a second value).

#include "util/Result.h"

#include <QJsonObject>
#include <QString>

namespace archnest::agent {

// A string longer than this (UTF-16 units) is cut to its first kMaxValueLength -
// strlen(kTruncatedMarker) characters followed by the marker, kMaxValueLength in all. The agent
// cuts the same way (docs/docker-agent-monitoring.md, "Per-field limits").
inline constexpr int kMaxValueLength = 8192;
inline constexpr char kTruncatedMarker[] = "...[truncated]";

struct SanitizedReport
{
    QJsonObject root;
    bool maskedSomething = false;    // a secret the sender had not masked was masked here
    bool truncatedSomething = false; // a value was cut
};

// Refuses a NUL character anywhere (a string or a key; the error's code is the field path);
// masks secrets by key and by value in env, labels, command, cmd and entrypoint; cuts over-long
// strings and keys (an env entry so cut gets "truncated": true). Types are not checked here.
Result<SanitizedReport> sanitizeReport(QJsonObject root);

// `text` cut as described above; `*cut` says whether it was.
QString truncatedValue(const QString &text, bool *cut);

} // namespace archnest::agent
