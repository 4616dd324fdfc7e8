// HttpResponseParser on bytes, without a socket: every split of a response gives the same
// result, bodies by length, chunks and EOF, the 101 upgrade boundary, the header limit and
// garbage. (tst_api_http drives the same parser through HttpConnection and a local socket.)
#include "docker/api/HttpResponseParser.h"

#include <QTest>

using namespace archnest::dockerapi;
using Outcome = HttpResponseParser::Outcome;

namespace {

struct Parsed
{
    Outcome outcome = Outcome::NeedMore;
    int heads = 0;
    QByteArray body;
    qsizetype consumed = -1;
    QByteArray contentType;
    QString error;
};

// Feeds `all` in pieces of `piece` bytes; `eof` calls finish() when the bytes run out.
Parsed parse(const QByteArray &all, qsizetype piece, bool eof)
{
    Parsed p;
    HttpResponseParser parser({[&p](int) { ++p.heads; }, [&p](const QByteArray &b) { p.body += b; }});
    qsizetype at = 0;
    for (; at < all.size(); at += piece) {
        const qsizetype len = qMin(piece, all.size() - at);
        qsizetype used = 0;
        p.outcome = parser.feed(all.constData() + at, len, &used);
        if (p.outcome != Outcome::NeedMore) {
            p.consumed = at + used;
            break;
        }
    }
    if (p.outcome == Outcome::NeedMore && eof)
        p.outcome = parser.finish();
    p.contentType = parser.header("Content-Type");
    p.error = parser.error();
    return p;
}

} // namespace

class TestApiResponseParser final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chunkedBodyIsTheSameForEverySplit()
    {
        const QByteArray r = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                             "5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\nNEXT";
        for (qsizetype piece = 1; piece <= r.size(); ++piece) {
            const Parsed p = parse(r, piece, false);
            QCOMPARE(p.outcome, Outcome::Complete);
            QCOMPARE(p.heads, 1);
            QCOMPARE(p.body, QByteArray("hello, world"));
            QCOMPARE(p.contentType, QByteArray("application/json"));
            QCOMPARE(p.consumed, r.size() - 4); // "NEXT" is not part of the response
        }
    }

    void contentLengthBodyStopsAtItsLength()
    {
        const Parsed p = parse("HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}{}", 3, false);
        QCOMPARE(p.outcome, Outcome::Complete);
        QCOMPARE(p.body, QByteArray("{}"));
    }

    void bodyEndingAtEofCompletesOnFinish()
    {
        const QByteArray r = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end";
        QCOMPARE(parse(r, 4, false).outcome, Outcome::NeedMore);
        const Parsed p = parse(r, 4, true);
        QCOMPARE(p.outcome, Outcome::Complete);
        QCOMPARE(p.body, QByteArray("until the end"));
    }

    void truncatedAnswerFailsOnFinishWithAReason()
    {
        const Parsed p = parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 5, true);
        QCOMPARE(p.outcome, Outcome::Failed);
        QVERIFY2(p.error.contains(QStringLiteral("middle of an answer")), qPrintable(p.error));
        QCOMPARE(parse({}, 1, true).error, QStringLiteral("the connection closed before an answer came"));
    }

    void upgradeHandsOverTheBytesAfterTheHead()
    {
        const QByteArray head = "HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
        const QByteArray raw("\x01\x00\x00\x00\x00\x00\x00\x02hi", 10);
        for (qsizetype piece : {qsizetype(1), qsizetype(7), head.size() + raw.size()}) {
            const Parsed p = parse(head + raw, piece, false);
            QCOMPARE(p.outcome, Outcome::Upgraded);
            QVERIFY(p.body.isEmpty());
            QCOMPARE(p.consumed, head.size()); // the raw stream starts right after the head
            QCOMPARE(QByteArray(head + raw).mid(p.consumed), raw);
        }
    }

    void garbageFailsWithTheParsersReason()
    {
        const Parsed p = parse("SSH-2.0-OpenSSH_9.2\r\n", 64, true);
        QCOMPARE(p.outcome, Outcome::Failed);
        QVERIFY2(p.error.startsWith(QStringLiteral("HPE_")), qPrintable(p.error));
    }

    void statusLineWithoutACodeFails()
    {
        // Found by fuzz_api_http: llhttp accepts it with status 0.
        const Parsed p = parse("HTTP/1.1 \r\nContent-Length: 0\r\n\r\n", 64, true);
        QCOMPARE(p.outcome, Outcome::Failed);
        QCOMPARE(p.heads, 0);
        QCOMPARE(p.error, QStringLiteral("a status line without a valid status code"));
    }

    void headersOverTheLimitFail()
    {
        QByteArray r = "HTTP/1.1 200 OK\r\n";
        const QByteArray line = "X-Filler: " + QByteArray(1000, 'a') + "\r\n";
        while (r.size() <= kMaxResponseHeaderBytes + 2000)
            r += line;
        const Parsed p = parse(r + "\r\n", 4096, false);
        QCOMPARE(p.outcome, Outcome::Failed);
        QVERIFY2(p.error.contains(QStringLiteral("headers longer than 256 KiB")), qPrintable(p.error));
        QCOMPARE(p.heads, 0);
    }

    void resetReadsTheNextResponse()
    {
        HttpResponseParser parser;
        const QByteArray one = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nA: 1\r\n\r\n";
        QCOMPARE(parser.feed(one.constData(), one.size()), Outcome::Complete);
        QCOMPARE(parser.header("a"), QByteArray("1"));
        QVERIFY(parser.keepAlive());
        parser.reset();
        QVERIFY(parser.headers().isEmpty());
        const QByteArray two = "HTTP/1.1 500 Oops\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";
        QCOMPARE(parser.feed(two.constData(), two.size()), Outcome::Complete);
        QCOMPARE(parser.status(), 500);
        QVERIFY(!parser.keepAlive());
    }
};

QTEST_GUILESS_MAIN(TestApiResponseParser)
#include "tst_api_response_parser.moc"
