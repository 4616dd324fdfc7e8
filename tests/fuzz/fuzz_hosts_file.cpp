// libFuzzer target: the hosts file parser (parseHostsJson) and its writer (hostsToJson).
// Invariants:
//  1. A refused file says where (the origin is named) and what.
//  2. An accepted file has valid, unique host names.
//  3. parse -> serialise -> parse accepts what was written and gives the same hosts: writing
//     them again gives the same bytes.
#include "config/HostsFile.h"

#include <QSet>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace archnest;

namespace {

[[noreturn]] void violated(const char *what, const QByteArray &input)
{
    std::fprintf(stderr, "invariant violated: %s (input %s)\n", what, input.left(256).toHex().constData());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256 * 1024)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString origin = QStringLiteral("fuzz-hosts.json");
    const Result<QList<HostConfig>> hosts = config::parseHostsJson(input, origin);
    if (!hosts.ok()) {
        if (!hosts.error().message.contains(origin))
            violated("an error that does not name the file", input);
        return 0;
    }
    QSet<QString> names;
    for (const HostConfig &h : *hosts) {
        if (!config::validateHostName(h.name).ok() || names.contains(h.name))
            violated("an accepted host with an invalid or duplicate name", input);
        names.insert(h.name);
    }
    const QByteArray written = config::hostsToJson(*hosts);
    const Result<QList<HostConfig>> back = config::parseHostsJson(written, origin);
    if (!back.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(back.error().message));
        violated("what hostsToJson wrote is refused", input);
    }
    if (back->size() != hosts->size())
        violated("parse -> serialise -> parse changed the number of hosts", input);
    if (config::hostsToJson(*back) != written)
        violated("parse -> serialise -> parse changed the hosts", input);
    return 0;
}
