// core/security/ControlChars: what every plain-text output of remote text goes through
// (issue 13, finding 4). Escapes are checked byte for byte, with the hostile sequences the audit
// used (OSC 52 clipboard write, screen clear, OSC 0 title, C1 CSI).
#include "security/ControlChars.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace archnest::security;

class TestSecurityControlChars final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapesEveryControl_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("all");
        QTest::addColumn<QString>("keepBreaks");
        QTest::newRow("plain") << QStringLiteral("nginx:1.25 äöü") << QStringLiteral("nginx:1.25 äöü")
                               << QStringLiteral("nginx:1.25 äöü");
        QTest::newRow("osc 52") << QStringLiteral("\x1b]52;c;aGk=\x07") << QStringLiteral("\\x1b]52;c;aGk=\\x07")
                                << QStringLiteral("\\x1b]52;c;aGk=\\x07");
        QTest::newRow("clear") << QStringLiteral("a\x1b[2Jb") << QStringLiteral("a\\x1b[2Jb")
                               << QStringLiteral("a\\x1b[2Jb");
        QTest::newRow("c1 csi and del") << QStringLiteral("\u009b31m\x7f") << QStringLiteral("\\x9b31m\\x7f")
                                        << QStringLiteral("\\x9b31m\\x7f");
        QTest::newRow("nul") << (QStringLiteral("a") + QChar(u'\0') + QStringLiteral("b")) << QStringLiteral("a\\x00b")
                             << QStringLiteral("a\\x00b");
        QTest::newRow("breaks") << QStringLiteral("a\nb\tc\r") << QStringLiteral("a\\x0ab\\x09c\\x0d")
                                << QStringLiteral("a\nb\tc\\x0d");
        QTest::newRow("nbsp stays") << QStringLiteral("a\u00a0b") << QStringLiteral("a\u00a0b")
                                    << QStringLiteral("a\u00a0b");
    }
    void escapesEveryControl()
    {
        QFETCH(QString, in);
        QFETCH(QString, all);
        QFETCH(QString, keepBreaks);
        QCOMPARE(escapeControlChars(in), all);
        QCOMPARE(escapeControlChars(in, ControlEscape::KeepLineBreaks), keepBreaks);
        QVERIFY(!containsControlChars(escapeControlChars(in)));
    }

    // JSON output: the same value (a JSON parser reads it back), no raw C1/DEL.
    void jsonKeepsTheValue()
    {
        const QString hostile = QStringLiteral("x\x1b[2J\u009b\x7fy");
        const QString json = QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("v"), hostile}}).toJson(QJsonDocument::Indented));
        const QString escaped = escapeJsonControls(json);
        for (const QChar c : escaped)
            QVERIFY(!isControlChar(c) || c == u'\n');
        QCOMPARE(QJsonDocument::fromJson(escaped.toUtf8()).object().value(QStringLiteral("v")).toString(), hostile);
    }

    // `logs --escape`: bytes, chunked anywhere (a C2 9B split across chunks is still escaped).
    void byteStreamEscaper()
    {
        const QByteArray in = "ok\n\x1b]0;t\x07\xc2\x9b"
                              "31m\t\xc3\xa4\xc2\xa0\x7f\xc2";
        const QByteArray want = "ok\n\\x1b]0;t\\x07\\x9b31m\t\xc3\xa4\xc2\xa0\\x7f\xc2";
        for (qsizetype split = 0; split <= in.size(); ++split) {
            ControlByteEscaper e;
            QByteArray got = e.feed(in.left(split)); // one statement each: the order matters
            got += e.feed(in.mid(split));
            got += e.flush();
            QCOMPARE(got, want);
        }
    }
};

QTEST_GUILESS_MAIN(TestSecurityControlChars)
#include "tst_security_control_chars.moc"
