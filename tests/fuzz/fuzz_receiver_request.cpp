// libFuzzer target: HTTP request parsing (llhttp + our limits) and agent report validation.
// The first byte picks how the input is split into reads, like a network would; the rest is the
// request. The raw input is also validated as a report on its own, so JSON inputs reach the
// schema checks directly.
#include "HttpRequestParser.h"
#include "docker/agent/AgentReport.h"
#include "security/EnvMasking.h"

#include <cstdint>
#include <cstdlib>

using namespace archnest;

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort();
}

void validateReport(const QByteArray &json)
{
    Result<agent::AgentReport> r = agent::parseAgentReport(json);
    if (!r.ok()) {
        check(!r.error().message.isEmpty());
        check(!r.error().code.isEmpty()); // the field is always named
        return;
    }
    check(agent::isValidHostId(r->hostId));
    check(r->schemaVersion == agent::kReportSchemaVersion);
    check(r->containers.size() <= agent::kMaxContainersPerReport);
    for (const ContainerDetail &d : r->containers) {
        check(!d.summary.id.isEmpty() && !d.summary.name.isEmpty());
        for (const EnvVar &e : d.env) {
            if (security::isSecretEnvKey(e.key))
                check(e.masked && e.value == QLatin1String(security::kMaskedValue));
        }
    }
    if (r->hadUnmaskedSecrets) {
        const QByteArray masked = agent::maskSecretsInReport(json);
        Result<agent::AgentReport> again = agent::parseAgentReport(masked);
        check(again.ok() && !again->hadUnmaskedSecrets);
    }
    if (!r->containers.isEmpty())
        check(agent::findContainerJson(json, r->containers.first().summary.id).has_value());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    receiver::ReceiverLimits limits;
    limits.maxBodyBytes = 256 * 1024;
    limits.maxHeaderBytes = 4096;
    limits.maxHeaderCount = 32;
    const int chunk = data[0] % 8 == 0 ? 0 : 1 + data[0] % 61;
    const char *bytes = reinterpret_cast<const char *>(data + 1);
    const qsizetype n = qsizetype(size - 1);

    receiver::HttpRequestParser parser(limits);
    for (qsizetype at = 0; at < n && parser.state() == receiver::HttpRequestParser::State::Reading;) {
        const qsizetype len = chunk == 0 ? n : qMin<qsizetype>(chunk, n - at);
        parser.feed(bytes + at, len);
        at += len;
    }
    const receiver::HttpRequest &req = parser.request();
    switch (parser.state()) {
    case receiver::HttpRequestParser::State::Failed:
        check(parser.errorStatus() == 400 || parser.errorStatus() == 413 || parser.errorStatus() == 431);
        check(!parser.errorMessage().isEmpty());
        break;
    case receiver::HttpRequestParser::State::Complete:
        check(parser.headersComplete());
        check(!req.method.isEmpty());
        check(req.body.size() <= limits.maxBodyBytes);
        check(req.headers.size() <= limits.maxHeaderCount);
        if (!req.body.isEmpty())
            validateReport(req.body);
        break;
    case receiver::HttpRequestParser::State::Reading:
        check(req.body.size() <= limits.maxBodyBytes);
        break;
    }
    validateReport(QByteArray(bytes, n));
    return 0;
}
