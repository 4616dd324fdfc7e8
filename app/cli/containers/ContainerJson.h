#pragma once

// JSON for `ps --json`, `inspect --json` and `stats --json`: the model's fields with stable
// lower-camel keys, the same for every source kind. Masked env values stay masked.

#include "model/Container.h"

#include <QJsonArray>
#include <QJsonObject>

namespace archnest::cli {

QJsonObject summaryToJson(const ContainerSummary &s);
QJsonObject detailToJson(const ContainerDetail &d);
QJsonObject statsToJson(const StatsSample &s);

} // namespace archnest::cli
