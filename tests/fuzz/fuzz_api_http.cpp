// libFuzzer target: the Engine API's HTTP response parser (llhttp + our header limit, chunked
// and EOF-terminated bodies, the 101 upgrade) and the multiplexed stream framing
// (FrameDemuxer), then the JSON parsers on the decoded body. Invariants:
//  1. Parsing is independent of how the bytes are split into reads (the split comes from the
//     input's size so corpus files stay plain responses): same outcome and status, and for a
//     success the same headers, body and raw stream.
//  2. A Failed outcome says why; a Complete one with Content-Length has exactly that body.
//  3. Demuxing is independent of the split too, and re-framing the payloads it produced and
//     demuxing again gives the same payloads (parse -> serialise -> parse).
//  4. The JSON parsers answer a value or an error with a message, never crash.
#include "docker/api/DockerApiJson.h"
#include "docker/api/FrameDemuxer.h"
#include "docker/api/HttpResponseParser.h"

#include <QtEndian>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace archnest;
using namespace archnest::dockerapi;

namespace {

[[noreturn]] void violated(const char *what, const QByteArray &input)
{
    std::fprintf(stderr, "invariant violated: %s (input %s)\n", what, input.left(256).toHex().constData());
    std::abort();
}

struct Parsed
{
    HttpResponseParser::Outcome outcome = HttpResponseParser::Outcome::NeedMore;
    int status = 0;
    int heads = 0;
    HttpHeaders headers;
    QByteArray body;
    QByteArray raw; // after an upgrade
    QString error;
};

// Feeds `input` in pieces of `piece` bytes (0: all at once), then EOF, as HttpConnection does.
Parsed parse(const QByteArray &input, qsizetype piece)
{
    Parsed p;
    HttpResponseParser parser(HttpResponseParser::Callbacks{[&p](int status) {
                                                                ++p.heads;
                                                                p.status = status;
                                                            },
                                                            [&p](const QByteArray &b) { p.body += b; }});
    qsizetype at = 0;
    while (at < input.size()) {
        const qsizetype len = piece == 0 ? input.size() - at : qMin(piece, input.size() - at);
        qsizetype used = len;
        p.outcome = parser.feed(input.constData() + at, len, &used);
        if (used < 0 || used > len)
            violated("consumed is outside the bytes fed", input);
        if (p.outcome == HttpResponseParser::Outcome::Upgraded) {
            p.raw = input.mid(at + used);
            break;
        }
        if (p.outcome != HttpResponseParser::Outcome::NeedMore)
            break;
        at += len;
    }
    if (p.outcome == HttpResponseParser::Outcome::NeedMore)
        p.outcome = parser.finish();
    p.headers = parser.headers();
    p.error = parser.error();
    if (parser.status() != p.status)
        violated("status() differs from the head callback's", input);
    return p;
}

using Frames = QList<QPair<QByteArray, OutputChannel>>;

Frames demux(const QByteArray &stream, qsizetype piece, bool *partial)
{
    Frames out;
    FrameDemuxer d;
    const FrameDemuxer::Sink sink = [&out](const QByteArray &payload, OutputChannel ch) { out.append({payload, ch}); };
    for (qsizetype at = 0; at < stream.size();) {
        const qsizetype len = piece == 0 ? stream.size() - at : qMin(piece, stream.size() - at);
        d.feed(stream.mid(at, len), sink);
        at += len;
    }
    *partial = d.hasPartialFrame();
    return out;
}

void checkFraming(const QByteArray &stream, const QByteArray &input)
{
    bool partialWhole = false;
    bool partialSplit = false;
    const Frames whole = demux(stream, 0, &partialWhole);
    const Frames split = demux(stream, 1 + input.size() % 7, &partialSplit);
    if (whole != split || partialWhole != partialSplit)
        violated("demuxing depends on how the stream is split", input);
    qsizetype payloadBytes = 0;
    QByteArray reframed;
    for (const auto &[payload, ch] : whole) {
        if (payload.isEmpty())
            violated("an empty payload was delivered", input);
        payloadBytes += payload.size();
        uchar head[8] = {uchar(ch == OutputChannel::Stderr ? 2 : 1), 0, 0, 0, 0, 0, 0, 0};
        qToBigEndian<quint32>(quint32(payload.size()), head + 4);
        reframed += QByteArray(reinterpret_cast<const char *>(head), 8) + payload;
    }
    if (payloadBytes > stream.size())
        violated("more payload than input", input);
    bool partialAgain = false;
    if (demux(reframed, 0, &partialAgain) != whole || partialAgain)
        violated("re-framed payloads do not demux to the same frames", input);
    // TTY (raw) mode passes everything through unchanged.
    FrameDemuxer raw;
    raw.setRaw(true);
    QByteArray passed;
    raw.feed(stream, [&passed](const QByteArray &b, OutputChannel) { passed += b; });
    if (passed != stream || raw.hasPartialFrame())
        violated("raw mode changed the bytes", input);
}

void checkJson(const QByteArray &body)
{
    const auto check = [](const auto &r) {
        if (!r.ok() && r.error().message.isEmpty())
            std::abort();
    };
    check(parseContainerList(body, QStringLiteral("fuzz")));
    check(parseContainerInspect(body, QStringLiteral("fuzz")));
    check(parseStats(body));
    check(envValueFromInspect(body, QStringLiteral("PATH")));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256 * 1024)
        return 0;
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));

    const Parsed whole = parse(input, 0);
    const Parsed split = parse(input, 1 + qsizetype(size % 13));
    if (whole.outcome != split.outcome || whole.status != split.status || whole.heads != split.heads)
        violated("the response parse depends on how the bytes are split", input);
    // Up to a failure, bytes are delivered as they come (a stream), so only a success must be
    // identical in full.
    if (whole.outcome != HttpResponseParser::Outcome::Failed &&
        (whole.headers != split.headers || whole.body != split.body || whole.raw != split.raw))
        violated("the response parse depends on how the bytes are split", input);
    if (whole.heads > 1)
        violated("more than one head for one response", input);
    switch (whole.outcome) {
    case HttpResponseParser::Outcome::Failed:
        if (whole.error.isEmpty())
            violated("a failure without a message", input);
        break;
    case HttpResponseParser::Outcome::Complete: {
        if (whole.status < 100 || whole.status > 999)
            violated("a complete response without a status", input);
        bool ok = false;
        for (const auto &h : whole.headers) {
            if (h.first != h.first.toLower())
                violated("a header name is not lower-cased", input);
        }
        QByteArray length;
        for (const auto &h : whole.headers)
            if (h.first == "content-length")
                length = h.second;
        const qint64 declared = length.toLongLong(&ok);
        bool chunked = false;
        for (const auto &h : whole.headers)
            if (h.first == "transfer-encoding" && h.second.toLower().contains("chunked"))
                chunked = true;
        if (ok && !chunked && whole.status >= 200 && whole.status != 204 && whole.status != 304 &&
            whole.body.size() != declared)
            violated("the body is not Content-Length bytes", input);
        break;
    }
    case HttpResponseParser::Outcome::Upgraded:
        if (whole.status != 101)
            violated("an upgrade without 101", input);
        break;
    case HttpResponseParser::Outcome::NeedMore:
        violated("finish() left the response open", input);
    }
    if (whole.body.size() > input.size())
        violated("a body longer than the input", input);

    checkFraming(whole.outcome == HttpResponseParser::Outcome::Upgraded ? whole.raw : whole.body, input);
    checkFraming(input, input);
    checkJson(whole.body.isEmpty() ? input : whole.body);
    return 0;
}
