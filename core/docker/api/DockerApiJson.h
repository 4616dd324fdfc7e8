#pragma once

// Engine API JSON -> the shared container model. Pure functions, so they are unit-tested on
// captured answers and fuzzable.

#include "docker/InspectJson.h"
#include "model/Container.h"
#include "util/Result.h"

#include <QByteArray>
#include <QList>

namespace archnest::dockerapi {

// GET /containers/json
Result<QList<ContainerSummary>> parseContainerList(const QByteArray &json, const QString &hostName);
// GET /containers/{id}/json. Env values are masked (security::maskedEnv).
Result<ContainerDetail> parseContainerInspect(const QByteArray &json, const QString &hostName);
// The clear value of one env key from an inspect answer; an error when the key is absent.
Result<QString> envValueFromInspect(const QByteArray &json, const QString &key);
// One stats object (GET /containers/{id}/stats). CPU percent needs precpu_stats (absent with
// one-shot=true): it stays unset then.
Result<StatsSample> parseStats(const QByteArray &json);
// Docker's RFC 3339 time with nanoseconds; the zero time "0001-01-01T00:00:00Z" is invalid.
using dockerjson::parseDockerTime;

} // namespace archnest::dockerapi
