#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace archnest::test {

struct ProcessOutput
{
    int exitCode = -1;
    bool timedOut = false;
    QByteArray out;
    QByteArray err;
};

// Reads what the fixture scripts wrote into $ARCHNEST_FIXTURE_DIR/*.env (see
// tests/fixtures/). A test that needs a fixture calls require(); a missing value fails the test
// with a message naming the fixture, instead of skipping it silently.
class Fixtures final
{
public:
    static Fixtures &instance();

    QString dir() const { return m_dir; }
    QString value(const QString &key) const { return m_values.value(key); }
    bool has(const QString &key) const { return !m_values.value(key).isEmpty(); }

    // Docker fixture shorthands.
    QString dockerSocket() const { return value(QStringLiteral("ARCHNEST_FX_DOCKER_SOCK")); }
    QString image() const { return value(QStringLiteral("ARCHNEST_FX_IMAGE")); }
    // SSH fixture shorthands.
    QString sshUser() const { return value(QStringLiteral("ARCHNEST_FX_SSH_USER")); }
    int sshTargetPort() const { return value(QStringLiteral("ARCHNEST_FX_SSH_TARGET_PORT")).toInt(); }
    int sshJumpPort() const { return value(QStringLiteral("ARCHNEST_FX_SSH_JUMP_PORT")).toInt(); }
    int sshHiddenPort() const { return value(QStringLiteral("ARCHNEST_FX_SSH_HIDDEN_PORT")).toInt(); }
    QString sshPassword() const;

    // Runs `docker -H unix://<fixture socket> args...` with a bounded wait.
    ProcessOutput docker(const QStringList &args, int timeoutMs = 60000) const;

    // Podman fixture shorthands (tests/fixtures/podman.sh).
    QString podmanSocket() const { return value(QStringLiteral("ARCHNEST_FX_PODMAN_SOCK")); }
    // Runs `podman --remote --url unix://<podman fixture socket> args...`: the Podman CLI as the
    // oracle, talking to the same service as the product.
    ProcessOutput podman(const QStringList &args, int timeoutMs = 60000) const;

    // The engine a test variant runs against: ARCHNEST_TEST_ENGINE=podman (see
    // add_archnest_test_variant) or docker. engine() runs that engine's CLI on its fixture,
    // engineSocket() is its socket, engineKey() the fixture value a test requires.
    static bool testsPodman() { return qEnvironmentVariable("ARCHNEST_TEST_ENGINE") == QLatin1String("podman"); }
    static QString engineName() { return testsPodman() ? QStringLiteral("podman") : QStringLiteral("docker"); }
    ProcessOutput engine(const QStringList &args, int timeoutMs = 60000) const
    {
        return testsPodman() ? podman(args, timeoutMs) : docker(args, timeoutMs);
    }
    QString engineSocket() const { return testsPodman() ? podmanSocket() : dockerSocket(); }
    // The daemon's own wording for a missing container, which errors pass through.
    static QString noSuchContainer()
    {
        return testsPodman() ? QStringLiteral("no such container") : QStringLiteral("No such container");
    }
    static const char *engineKey() { return testsPodman() ? "ARCHNEST_FX_PODMAN_SOCK" : "ARCHNEST_FX_DOCKER_SOCK"; }

    static ProcessOutput run(const QString &program, const QStringList &args, int timeoutMs = 60000,
                             const QByteArray &stdinData = {});

    // A unique name for a container or file a test creates (so parallel tests never collide).
    static QString uniqueName(const QString &prefix);

private:
    Fixtures();
    void load(const QString &file);

    QString m_dir;
    QHash<QString, QString> m_values;
};

} // namespace archnest::test

// Fails the current test unless the fixture wrote `key`.
#define ARCHNEST_REQUIRE_FIXTURE(key)                                                                                  \
    QVERIFY2(archnest::test::Fixtures::instance().has(QStringLiteral(key)),                                            \
             qPrintable(QStringLiteral("fixture value %1 missing in %2: is the fixture running?")                      \
                            .arg(QStringLiteral(key), archnest::test::Fixtures::instance().dir())))

// Fails the current test unless the fixture of the engine under test (docker or podman) is up.
#define ARCHNEST_REQUIRE_ENGINE_FIXTURE()                                                                              \
    QVERIFY2(archnest::test::Fixtures::instance().has(QString::fromLatin1(archnest::test::Fixtures::engineKey())),     \
             qPrintable(QStringLiteral("fixture value %1 missing in %2: is the %3 fixture running?")                   \
                            .arg(QString::fromLatin1(archnest::test::Fixtures::engineKey()),                           \
                                 archnest::test::Fixtures::instance().dir(), archnest::test::Fixtures::engineName())))
