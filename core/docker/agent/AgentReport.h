#pragma once

#include "docker/agent/AgentReportSanitizer.h"
#include "model/Container.h"
#include "util/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace archnest::agent {

// The push agent's report (docs/docker-agent-monitoring.md, "Report schema").
inline constexpr int kReportSchemaVersion = 1;
inline constexpr int kMaxContainersPerReport = 5000;
// Whole numbers beyond 2^53 cannot be carried exactly by a JSON double: refused (400).
inline constexpr qint64 kMaxReportInteger = qint64(1) << 53;

struct AgentReport
{
    int schemaVersion = 0;
    QString agentVersion;
    QString hostId;
    QString hostname;
    QDateTime collectedAt;
    bool statsIncluded = false;
    QList<ContainerDetail> containers;
    // True when an env value under a secret-looking key arrived unmasked (an old or foreign
    // agent); the receiver then stores maskedJson instead of the bytes it received.
    bool hadUnmaskedSecrets = false;
    // The validated document, re-serialised (compact JSON) after masking and truncation: what
    // the receiver stores. Never the raw body.
    QByteArray storedJson;
};

bool isValidHostId(const QString &hostId);    // [A-Za-z0-9._-]{1,128}
bool isValidContainerRef(const QString &ref); // an id (prefix) or a docker name

// Parses and validates a report (after sanitizeReport: NUL refused, secrets masked, long values
// cut). Identifiers (hostId, hostname, container id/name, image, imageId, network names, env and
// label keys) may hold no control character. On failure the Error's message says what is wrong and its
// `code` is the offending field path, e.g. "containers[3].ports[0].hostPort".
Result<AgentReport> parseAgentReport(const QByteArray &json);

// The report with every secret masked (AgentReportSanitizer.h), compact JSON; empty when the
// document is not a JSON object or holds a NUL.
QByteArray maskSecretsInReport(const QByteArray &json);

// One container of a stored report (the JSON object), found by full id, id prefix (>= 4
// characters) or name.
std::optional<QJsonObject> findContainerJson(const QByteArray &reportJson, const QString &ref);

} // namespace archnest::agent
