// Proves the real fixtures: a private dockerd (or, in the podman variant, the rootful Podman
// service) with the standard containers, reached through the real sshd (the remote shell's
// DOCKER_HOST / CONTAINER_HOST point at them), and a jump-only host that refuses direct
// connections. The OpenSSH client is used here only to check the fixtures themselves;
// the product never runs it.
#include "Fixtures.h"

#include <QTest>

using archnest::test::Fixtures;

class TestFixtures final : public QObject
{
    Q_OBJECT

private:
    QStringList sshArgs(int port) const
    {
        const Fixtures &fx = Fixtures::instance();
        return {QStringLiteral("-F"),
                QStringLiteral("/dev/null"),
                QStringLiteral("-o"),
                QStringLiteral("BatchMode=yes"),
                QStringLiteral("-o"),
                QStringLiteral("IdentitiesOnly=yes"),
                QStringLiteral("-o"),
                QStringLiteral("StrictHostKeyChecking=yes"),
                QStringLiteral("-o"),
                QStringLiteral("UserKnownHostsFile=") + fx.value(QStringLiteral("ARCHNEST_FX_SSH_KNOWN_HOSTS")),
                QStringLiteral("-i"),
                fx.value(QStringLiteral("ARCHNEST_FX_SSH_KEY")),
                QStringLiteral("-p"),
                QString::number(port),
                fx.sshUser() + QStringLiteral("@127.0.0.1")};
    }

private Q_SLOTS:
    void engineHasTheStandardContainers()
    {
        ARCHNEST_REQUIRE_ENGINE_FIXTURE();
        // Podman's ps template field State is the human status; the list's own field is this one.
        const QString state =
            Fixtures::testsPodman() ? QStringLiteral("{{.ListContainer.State}}") : QStringLiteral("{{.State}}");
        const auto r = Fixtures::instance().engine({QStringLiteral("ps"), QStringLiteral("-a"),
                                                    QStringLiteral("--format"), QStringLiteral("{{.Names}} ") + state});
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(QStringLiteral("fx-running running")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("fx-stopped exited")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("fx-paused paused")), qPrintable(out));
    }

    void enginePsThroughSshdReachesThePrivateEngine()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_TARGET_PORT");
        ARCHNEST_REQUIRE_ENGINE_FIXTURE();
        // The test user's `podman` is a remote client of the fixture's rootful service.
        const auto r = Fixtures::run(QStringLiteral("ssh"),
                                     sshArgs(Fixtures::instance().sshTargetPort())
                                         << Fixtures::engineName() + QStringLiteral(" ps --format '{{.Names}}'"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(QString::fromUtf8(r.out).split(QLatin1Char('\n')).contains(QStringLiteral("fx-running")),
                 r.out.constData());
    }

    void hiddenHostRefusesDirectConnections()
    {
        ARCHNEST_REQUIRE_FIXTURE("ARCHNEST_FX_SSH_HIDDEN_PORT");
        const Fixtures &fx = Fixtures::instance();
        // The same client with the same options gets in on the target: what fails below is the
        // firewall rule, not a missing or misconfigured ssh.
        const auto control =
            Fixtures::run(QStringLiteral("ssh"), sshArgs(fx.sshTargetPort()) << QStringLiteral("true"), 30000);
        QVERIFY2(control.exitCode == 0, control.err.constData());
        const auto direct =
            Fixtures::run(QStringLiteral("ssh"), sshArgs(fx.sshHiddenPort()) << QStringLiteral("true"), 30000);
        QCOMPARE(direct.exitCode, 255); // ssh's own failure, not the remote command's
        QVERIFY2(direct.err.contains("Connection refused") || direct.err.contains("Connection reset"),
                 direct.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestFixtures)
#include "tst_fixtures.moc"
