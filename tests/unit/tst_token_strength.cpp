// The receiver's token rules (receiver::checkTokenStrength), widget-free: what `archnest-cli
// receive` and the desktop's Settings (per-host tokens, the shared token) both apply. Random
// tokens as `openssl rand -hex 32` and the desktop's Generate make them always pass.
#include "ReceiverConfig.h"

#include <QRandomGenerator>
#include <QTest>

using namespace archnest;

class TestTokenStrength final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void weakTokensAreRefused_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("too short (0 characters; at least 32");
        QTest::newRow("31 random") << QByteArray("9f2c4e7a1b8d3f6c0e5a2d9b7c4f1e8") << QStringLiteral("too short (31");
        QTest::newRow("one char") << QByteArray(64, 'x') << QStringLiteral("too predictable");
        QTest::newRow("two chars") << QByteArray("abababababababababababababababab")
                                   << QStringLiteral("too predictable");
        QTest::newRow("repeated block") << QByteArray("k3Jx9qL2k3Jx9qL2k3Jx9qL2k3Jx9qL2")
                                        << QStringLiteral("too predictable");
        QTest::newRow("run") << QByteArray("abcdefghijklmnopqrstuvwxyz012345") << QStringLiteral("too predictable");
        QTest::newRow("space") << QByteArray("9f2c4e7a1b8d3f6c 0e5a2d9b7c4f1e8a") << QStringLiteral("position 17");
        QTest::newRow("newline") << QByteArray("9f2c4e7a1b8d3f6c\n0e5a2d9b7c4f1e8a")
                                 << QStringLiteral("outside letters");
        QTest::newRow("quote") << QByteArray("9f2c4e7a1b8d3f6c\"0e5a2d9b7c4f1e8a") << QStringLiteral("outside letters");
        QTest::newRow("high byte") << QByteArray("9f2c4e7a1b8d3f6c\xc3\xa9"
                                                 "0e5a2d9b7c4f1e8a")
                                   << QStringLiteral("outside letters");
    }
    void weakTokensAreRefused()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, message);
        const VoidResult r = receiver::checkTokenStrength(token, QStringLiteral("The token for vm-1"),
                                                          QStringLiteral("Use Generate for a random one."));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, QStringLiteral("weak-token"));
        QVERIFY2(r.errorMessage().startsWith(QStringLiteral("The token for vm-1 ")), qPrintable(r.errorMessage()));
        QVERIFY2(r.errorMessage().contains(message), qPrintable(r.errorMessage()));
        QVERIFY2(r.errorMessage().endsWith(QStringLiteral(" Use Generate for a random one.")),
                 qPrintable(r.errorMessage()));
        if (!token.isEmpty())
            QVERIFY2(!r.errorMessage().contains(QString::fromLatin1(token)), "a token is never echoed");
        // Without a fix text: the CLI's advice.
        QVERIFY(receiver::checkTokenStrength(token, QStringLiteral("T"))
                    .errorMessage()
                    .endsWith(QStringLiteral("Generate one with: openssl rand -hex 32")));
    }

    void randomTokensPass()
    {
        // 2,000 of each kind the docs and the desktop make: hex of 32 bytes, base64url of 32 bytes.
        for (int i = 0; i < 2000; ++i) {
            QByteArray raw(32, Qt::Uninitialized);
            QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 8);
            for (const QByteArray &token :
                 {raw.toHex(), raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals),
                  raw.toBase64()}) {
                const VoidResult r = receiver::checkTokenStrength(token, QStringLiteral("T"));
                QVERIFY2(r.ok(), qPrintable(r.errorMessage() + QStringLiteral(" for ") + QString::fromLatin1(token)));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestTokenStrength)
#include "tst_token_strength.moc"
