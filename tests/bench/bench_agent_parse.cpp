// Parse cost of one 500-container agent report: QJsonDocument (what the receiver uses) vs
// simdjson (DOM parse + a walk over the containers), and the receiver's full validation
// (parse + schema checks + conversion to ContainerDetail).
#include "../integration/receiver_support.h"
#include "BenchSupport.h"
#include "docker/agent/AgentReport.h"

#include <QCoreApplication>

#include <simdjson.h>

using namespace archnest;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    for (int containers : {50, 500}) {
        const QByteArray json = test::makeReport(QStringLiteral("parse-host"), containers);
        const QString suffix = QStringLiteral("%1c").arg(containers);
        qsizetype sink = 0;
        const bench::Samples qt = bench::sample(
            [&] {
                const QJsonDocument d = QJsonDocument::fromJson(json);
                sink += d.object().value(QStringLiteral("containers")).toArray().size();
                return true;
            },
            2000, 3000, 20);
        simdjson::dom::parser parser;
        const simdjson::padded_string padded(json.constData(), size_t(json.size()));
        const bench::Samples simd = bench::sample(
            [&] {
                simdjson::dom::element doc;
                if (parser.parse(padded).get(doc))
                    return false;
                simdjson::dom::array arr;
                if (doc["containers"].get_array().get(arr))
                    return false;
                for (simdjson::dom::element c : arr) {
                    std::string_view name;
                    if (!c["name"].get_string().get(name))
                        sink += qsizetype(name.size());
                }
                return true;
            },
            2000, 3000, 20);
        const bench::Samples full = bench::sample(
            [&] {
                auto r = agent::parseAgentReport(json);
                sink += r.ok() ? r->containers.size() : 0;
                return r.ok();
            },
            1000, 3000, 10);
        const QJsonObject parsedRoot = QJsonDocument::fromJson(json).object();
        const bench::Samples clean = bench::sample(
            [&] {
                auto r = agent::sanitizeReport(parsedRoot);
                sink += r.ok() ? r->root.size() : 0;
                return r.ok();
            },
            1000, 3000, 10);
        const QString size = QStringLiteral("%1 KiB").arg(json.size() / 1024);
        bench::row(QStringLiteral("agent_parse_%1_qjsondocument").arg(suffix), qt.median(), QStringLiteral("ms"), 0,
                   size);
        bench::row(QStringLiteral("agent_parse_%1_simdjson").arg(suffix), simd.median(), QStringLiteral("ms"),
                   qt.median(), QStringLiteral("baseline: QJsonDocument"));
        bench::row(QStringLiteral("agent_parse_%1_full_validation").arg(suffix), full.median(), QStringLiteral("ms"), 0,
                   QStringLiteral("QJsonDocument + schema checks + ContainerDetail"));
        bench::row(QStringLiteral("agent_parse_%1_sanitize_only").arg(suffix), clean.median(), QStringLiteral("ms"), 0,
                   QStringLiteral("NUL check + masking + truncation of a parsed report (part of full_validation)"));
        if (sink == 42)
            std::puts("");
    }
    return 0;
}
