// libFuzzer target: the push agent's report validator (parseAgentReport), the secret masking
// the receiver applies before storing, and the container lookup of a stored report.
// Invariants:
//  1. A refused report says what is wrong and names the field (Error::code).
//  2. An accepted report respects the schema's limits; secret-looking env values come out
//     masked.
//  3. Masking is a fixed point: mask(report) is accepted, has nothing left to mask, describes
//     the same host and containers, and mask(mask(report)) == mask(report).
//  4. Every accepted container can be found again in the report by its id and by its name.
#include "docker/agent/AgentReport.h"
#include "security/EnvMasking.h"

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

void checkMasked(const agent::AgentReport &r, const QByteArray &input)
{
    for (const ContainerDetail &d : r.containers) {
        if (d.summary.id.isEmpty() || d.summary.name.isEmpty())
            violated("an accepted container without an id or a name", input);
        for (const EnvVar &e : d.env)
            if (security::isSecretEnvKey(e.key) && (!e.masked || e.value != QLatin1String(security::kMaskedValue)))
                violated("a secret-looking env value is not masked", input);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 512 * 1024)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<agent::AgentReport> r = agent::parseAgentReport(input);
    if (!r.ok()) {
        if (r.error().message.isEmpty() || r.error().code.isEmpty())
            violated("a refused report without a message or a field", input);
        return 0;
    }
    if (!agent::isValidHostId(r->hostId) || r->schemaVersion != agent::kReportSchemaVersion ||
        r->containers.size() > agent::kMaxContainersPerReport)
        violated("an accepted report outside the schema's limits", input);
    checkMasked(*r, input);

    const QByteArray masked = agent::maskSecretsInReport(input);
    const Result<agent::AgentReport> again = agent::parseAgentReport(masked);
    if (!again.ok())
        violated("the masked report is refused", input);
    if (again->hadUnmaskedSecrets)
        violated("the masked report still has unmasked secrets", input);
    if (again->hostId != r->hostId || again->containers.size() != r->containers.size())
        violated("masking changed the host or the containers", input);
    for (qsizetype i = 0; i < r->containers.size(); ++i)
        if (again->containers.at(i).summary != r->containers.at(i).summary ||
            again->containers.at(i).env.size() != r->containers.at(i).env.size())
            violated("masking changed a container", input);
    checkMasked(*again, input);
    if (agent::maskSecretsInReport(masked) != masked)
        violated("masking twice differs from masking once", input);

    int looked = 0;
    for (const ContainerDetail &d : r->containers) {
        if (++looked > 50)
            break;
        if (!agent::findContainerJson(input, d.summary.id))
            violated("an accepted container is not found by its id", input);
        if (!agent::findContainerJson(input, d.summary.name))
            violated("an accepted container is not found by its name", input);
    }
    return 0;
}
