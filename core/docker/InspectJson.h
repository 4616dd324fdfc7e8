#pragma once

// `docker inspect` JSON -> the shared container model. The CLI (`docker inspect`, used over SSH)
// and the Engine API (GET /containers/{id}/json) print the same objects, so both sources map
// them here. Pure functions: unit-tested on captured answers and fuzzable.

#include "model/Container.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QMap>
#include <QString>
#include <QStringList>

namespace archnest::dockerjson {

// One inspect object (an element of `docker inspect`'s array, or the API's whole answer).
// Env values are masked (security::maskedEnv); exitCode is set only when it means something
// (exited or dead, or created with a non-zero code); summary.status reads like docker ps
// ("Up (healthy)", "Up (Paused)", "Exited (3)", "Created"); "stats" is in unknownFields
// (a separate call fills it).
ContainerDetail containerDetailFromInspect(const QJsonObject &o, const QString &hostName);

// Docker's times: RFC 3339 with up to nanoseconds (milliseconds kept), or docker ps's
// "2026-11-27 02:00:00 +0000 UTC". The result is UTC; the zero time "0001-01-01T00:00:00Z"
// (docker's "never"), empty text and anything else give an invalid QDateTime.
QDateTime parseDockerTime(const QString &text);

// A JSON string or array of strings as a list (anything else: empty).
QStringList stringList(const QJsonValue &v);
// A JSON object of strings as a map (anything else: empty).
QMap<QString, QString> stringMap(const QJsonValue &v);

} // namespace archnest::dockerjson
