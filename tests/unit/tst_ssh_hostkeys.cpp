// Fingerprints and known_hosts lookups, checked against the real ssh-keygen.
#include "Fixtures.h"
#include "ssh/SshHostKeys.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace archnest;
using archnest::test::Fixtures;

class TestSshHostKeys final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_tmp;

    QString makeKey(const QString &name, const QString &type)
    {
        const QString path = m_tmp.filePath(name);
        const auto r =
            Fixtures::run(QStringLiteral("ssh-keygen"), {QStringLiteral("-q"), QStringLiteral("-t"), type,
                                                         QStringLiteral("-N"), QString(), QStringLiteral("-f"), path});
        return r.exitCode == 0 ? path + QStringLiteral(".pub") : QString();
    }
    static QByteArray field(const QString &pub, int i)
    {
        QFile f(pub);
        return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed().split(' ').value(i) : QByteArray();
    }
    static QString keygenFingerprint(const QString &file)
    {
        return QString::fromUtf8(Fixtures::run(QStringLiteral("ssh-keygen"), {QStringLiteral("-lf"), file}).out)
            .section(QLatin1Char(' '), 1, 1);
    }

private Q_SLOTS:
    void fingerprintMatchesSshKeygen_data()
    {
        QTest::addColumn<QString>("type");
        QTest::newRow("ed25519") << QStringLiteral("ed25519");
        QTest::newRow("ecdsa") << QStringLiteral("ecdsa");
        QTest::newRow("rsa") << QStringLiteral("rsa");
    }
    void fingerprintMatchesSshKeygen()
    {
        QFETCH(QString, type);
        const QString pub = makeKey(QStringLiteral("fp_") + type, type);
        QVERIFY(!pub.isEmpty());
        QCOMPARE(ssh::sha256Fingerprint(QByteArray::fromBase64(field(pub, 1))), keygenFingerprint(pub));
    }

    void knownHostsNames()
    {
        QCOMPARE(ssh::knownHostsName(QStringLiteral("example.org"), 22), QStringLiteral("example.org"));
        QCOMPARE(ssh::knownHostsName(QStringLiteral("127.0.0.1"), 2222), QStringLiteral("[127.0.0.1]:2222"));
    }

    void lookupPlainHashedAndWildcard()
    {
        const QString a = makeKey(QStringLiteral("kh_a"), QStringLiteral("ed25519"));
        const QString b = makeKey(QStringLiteral("kh_b"), QStringLiteral("ed25519"));
        const QString c = makeKey(QStringLiteral("kh_c"), QStringLiteral("ecdsa"));
        const QByteArray keyA = field(a, 0) + ' ' + field(a, 1);
        const QByteArray keyB = field(b, 0) + ' ' + field(b, 1);
        const QByteArray keyC = field(c, 0) + ' ' + field(c, 1);
        const QString file = m_tmp.filePath(QStringLiteral("known_hosts"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("# comment\n\n");
        f.write("[127.0.0.1]:2222 " + keyA + "\n");
        f.write("other.example,[10.0.0.1]:22 " + keyB + "\n");
        f.write("*.wild.example " + keyC + "\n");
        f.write("@revoked [127.0.0.1]:2222 " + keyB + "\n");
        f.write("hashme.example " + keyB + "\n");
        f.close();
        // Hash the names like `HashKnownHosts yes` does.
        QCOMPARE(
            Fixtures::run(QStringLiteral("ssh-keygen"), {QStringLiteral("-H"), QStringLiteral("-f"), file}).exitCode,
            0);
        QVERIFY(!QFile(file).open(QIODevice::ReadOnly) || true);

        auto keys = ssh::knownHostKeys(file, QStringLiteral("127.0.0.1"), 2222);
        QCOMPARE(keys.size(), 1);
        QCOMPARE(keys.first().fingerprintSha256, keygenFingerprint(a));
        QCOMPARE(keys.first().keyType, QStringLiteral("ssh-ed25519"));
        QCOMPARE(ssh::knownHostKeys(file, QStringLiteral("127.0.0.1"), 22).size(), 0);
        QCOMPARE(ssh::knownHostKeys(file, QStringLiteral("hashme.example"), 22).size(), 1);
        QCOMPARE(ssh::knownHostKeys(file, QStringLiteral("other.example"), 22).first().fingerprintSha256,
                 keygenFingerprint(b));
        const auto wild = ssh::knownHostKeys(file, QStringLiteral("a.wild.example"), 22);
        QCOMPARE(wild.size(), 1);
        QCOMPARE(wild.first().fingerprintSha256, keygenFingerprint(c));
        QCOMPARE(ssh::knownHostKeys(m_tmp.filePath(QStringLiteral("missing")), QStringLiteral("x"), 22).size(), 0);
    }

    // "@revoked" lines: listed by revokedHostKeys (and only there), with OpenSSH's name matching;
    // brackets in a pattern are literal ("[127.0.0.1]:*" is every port of 127.0.0.1).
    void revokedMarkers()
    {
        const QString a = makeKey(QStringLiteral("rv_a"), QStringLiteral("ed25519"));
        const QString b = makeKey(QStringLiteral("rv_b"), QStringLiteral("ed25519"));
        const QByteArray keyA = field(a, 0) + ' ' + field(a, 1);
        const QByteArray keyB = field(b, 0) + ' ' + field(b, 1);
        const QString file = m_tmp.filePath(QStringLiteral("revoked_hosts"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[127.0.0.1]:2222 " + keyA + "\n");
        f.write("@revoked [127.0.0.1]:2222 " + keyA + "\n");
        f.write("@revoked   [127.0.0.1]:*   " + keyB + "\n");
        f.write("@cert-authority *.example " + keyB + "\n");
        f.close();
        const auto revoked = ssh::revokedHostKeys(file, QStringLiteral("127.0.0.1"), 2222);
        QCOMPARE(revoked.size(), 2);
        QCOMPARE(revoked.at(0).fingerprintSha256, keygenFingerprint(a));
        QCOMPARE(revoked.at(0).line, 2);
        QCOMPARE(revoked.at(1).fingerprintSha256, keygenFingerprint(b));
        QCOMPARE(ssh::revokedHostKeys(file, QStringLiteral("127.0.0.1"), 2200).size(), 1);
        QCOMPARE(ssh::revokedHostKeys(file, QStringLiteral("127.0.0.2"), 2222).size(), 0);
        QCOMPARE(ssh::revokedHostKeys(file, QStringLiteral("a.example"), 22).size(), 0);
        const auto known = ssh::knownHostKeys(file, QStringLiteral("127.0.0.1"), 2222);
        QCOMPARE(known.size(), 1);
        QCOMPARE(known.first().line, 1);
    }
};

QTEST_GUILESS_MAIN(TestSshHostKeys)
#include "tst_ssh_hostkeys.moc"
