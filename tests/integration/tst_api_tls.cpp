// TLS to the fixture's --tlsverify dockerd: the right certificates work; a wrong CA, a missing
// client certificate and a client certificate from a foreign CA are refused, each with an
// error that says which.
#include "ApiTestSupport.h"
#include "TestSupport.h"
#include "docker/api/DockerApiContainerSource.h"

#include <QDir>
#include <QTest>

using namespace archnest;
using namespace archnest::test;

class TestApiTls final : public QObject
{
    Q_OBJECT

private:
    static Result<QList<ContainerSummary>> listWith(const HostConfig &h)
    {
        DockerApiContainerSource src(h);
        return awaitResult<QList<ContainerSummary>>([&](auto cb) { src.list(true, cb); }, 30000);
    }
    static QString certDir() { return Fixtures::instance().value(QStringLiteral("ARCHNEST_FX_DOCKER_CERT_PATH")); }
    static QString wrongDir()
    {
        return Fixtures::instance().value(QStringLiteral("ARCHNEST_FX_DOCKER_WRONG_CERT_PATH"));
    }

private Q_SLOTS:
    void initTestCase() { ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_DOCKER_TLS"); }

    void rightCertificatesWork() { QVERIFY_RESULT(listWith(apiHost(QStringLiteral("tls")))); }

    void wrongCaIsRefused()
    {
        HostConfig h = apiHost(QStringLiteral("tls"));
        h.tls.caFile = QDir(wrongDir()).filePath(QStringLiteral("ca.pem"));
        const auto r = listWith(h);
        QVERIFY_RESULT_ERROR(r, QStringLiteral("not signed by the configured CA"));
        QCOMPARE(r.error().code, QStringLiteral("tls-server-cert"));
        QVERIFY(r.errorMessage().contains(h.name));
    }

    void missingClientCertificateIsRefused()
    {
        HostConfig h = apiHost(QStringLiteral("tls"));
        h.tls.certFile.clear();
        h.tls.keyFile.clear();
        const auto r = listWith(h);
        QVERIFY_RESULT_ERROR(r, QStringLiteral("requires a client certificate"));
        QCOMPARE(r.error().code, QStringLiteral("tls-client-cert"));
    }

    void foreignClientCertificateIsRefused()
    {
        HostConfig h = apiHost(QStringLiteral("tls"));
        h.tls.certFile = QDir(wrongDir()).filePath(QStringLiteral("cert.pem"));
        h.tls.keyFile = QDir(wrongDir()).filePath(QStringLiteral("key.pem"));
        const auto r = listWith(h);
        QVERIFY_RESULT_ERROR(r, QStringLiteral("refused our client certificate"));
        QCOMPARE(r.error().code, QStringLiteral("tls-client-cert"));
    }

    void plainHttpToTlsPortFailsClearly()
    {
        HostConfig h = apiHost(QStringLiteral("tls"));
        h.useTls = false;
        const auto r = listWith(h);
        QVERIFY(!r.ok());
        QVERIFY2(r.errorMessage().contains(h.name), qPrintable(r.errorMessage()));
    }

    void unreadableCaIsAConfigError()
    {
        HostConfig h = apiHost(QStringLiteral("tls"));
        h.tls.caFile = QDir(certDir()).filePath(QStringLiteral("missing-ca.pem"));
        QVERIFY_RESULT_ERROR(listWith(h), QStringLiteral("missing-ca.pem"));
    }

    void unreachableDaemon()
    {
        HostConfig h = apiHost(QStringLiteral("unix"));
        h.apiUrl = QStringLiteral("unix:///tmp/archnest-no-such-docker.sock");
        const auto r = listWith(h);
        QVERIFY_RESULT_ERROR(r, QStringLiteral("Cannot reach the Docker daemon"));
        QVERIFY(r.errorMessage().contains(QStringLiteral("/tmp/archnest-no-such-docker.sock")));
    }
};

QTEST_GUILESS_MAIN(TestApiTls)
#include "tst_api_tls.moc"
