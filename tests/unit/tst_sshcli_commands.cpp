// The command builder of the SSH-CLI source: exact command lines, refusal of bad refs before
// anything is built, and (through a real /bin/sh with `docker` defined as a function that
// prints its arguments) proof that every piece arrives as the intended argv.
#include "Fixtures.h"
#include "TestSupport.h"
#include "docker/sshcli/DockerCliCommands.h"

#include <QTest>

using namespace archnest;
using namespace archnest::sshcli;
using archnest::test::Fixtures;

namespace {

DockerCliCommands commands(const QString &docker = QStringLiteral("docker"))
{
    Result<DockerCliCommands> c = DockerCliCommands::create(docker);
    if (!c)
        qFatal("%s", qPrintable(c.errorMessage()));
    return *c;
}

// Runs `command` in /bin/sh where docker/sudo print their argv (NUL-separated).
QList<QByteArray> argvOf(const QString &command)
{
    const QString script = QStringLiteral("docker() { printf '%s\\0' docker \"$@\"; }; "
                                          "sudo() { printf '%s\\0' sudo \"$@\"; }; ") +
                           command;
    const auto r = Fixtures::run(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script}, 10000);
    QList<QByteArray> args = r.out.split('\0');
    if (!args.isEmpty() && args.last().isEmpty())
        args.removeLast();
    return args;
}

QList<QByteArray> words(const QString &spaceSeparated)
{
    QList<QByteArray> out;
    for (const QString &w : spaceSeparated.split(QLatin1Char(' ')))
        out << w.toUtf8();
    return out;
}

} // namespace

class TestSshcliCommands final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listUsesExplicitFields()
    {
        const QString all = commands().list(true);
        QVERIFY(all.startsWith(QLatin1String("docker ps --no-trunc --all --format '")));
        QVERIFY2(!all.contains(QLatin1String("{{json .}}")), "{{json .}} makes the daemon compute sizes");
        QVERIFY(!all.contains(QLatin1String(".Size")));
        QVERIFY(!commands().list(false).contains(QLatin1String("--all")));
        const QList<QByteArray> argv = argvOf(all);
        QCOMPARE(argv.size(), 6);
        QVERIFY(argv.at(5).startsWith("{\"id\":{{json .ID}}"));
    }

    // Podman's ps template field State is the human status ("Up 3 minutes"); the list entry's
    // own state is ListContainer.State, which Docker's template does not know.
    void listFollowsTheEngine()
    {
        const QString docker = commands().list(true, ContainerEngine::Docker);
        const QString podman = commands().list(true, ContainerEngine::Podman);
        QVERIFY(docker.contains(QLatin1String("\"state\":{{json .State}}")));
        QVERIFY(!docker.contains(QLatin1String("ListContainer")));
        QVERIFY(podman.contains(QLatin1String("\"state\":{{json .ListContainer.State}}")));
        QCOMPARE(commands().list(true, ContainerEngine::Unknown), docker);
        QCOMPARE(commands().engineProbe(), QStringLiteral("docker --version"));
    }

    void builds_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("argv"); // space separated; no argument here contains a space

        const DockerCliCommands c = commands();
        LogOptions lo;
        lo.tail = 10;
        lo.timestamps = true;
        QTest::newRow("logs tail") << *c.logs(QStringLiteral("web"), lo)
                                   << QStringLiteral("docker logs --tail 10 --timestamps -- web");
        LogOptions since;
        since.since = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
        since.follow = true;
        QTest::newRow("logs since follow")
            << *c.logs(QStringLiteral("web"), since)
            << QStringLiteral("docker logs --since 2026-01-02T03:04:05Z --follow -- web");
        LogOptions window;
        window.since = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), Qt::UTC);
        window.until = QDateTime(QDate(2026, 1, 2), QTime(4, 0, 0), Qt::UTC);
        window.tail = 50;
        QTest::newRow("logs since until")
            << *c.logs(QStringLiteral("web"), window)
            << QStringLiteral("docker logs --tail 50 --since 2026-01-02T03:04:05Z --until 2026-01-02T04:00:00Z -- web");
        QTest::newRow("inspect batch") << *c.inspect({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
                                       << QStringLiteral("docker inspect --type container -- a b c");
        QTest::newRow("start") << *c.action(ContainerAction::Start, QStringLiteral("web"), {})
                               << QStringLiteral("docker start -- web");
        QTest::newRow("stop") << *c.action(ContainerAction::Stop, QStringLiteral("web"), {})
                              << QStringLiteral("docker stop -- web");
        QTest::newRow("restart") << *c.action(ContainerAction::Restart, QStringLiteral("web"), {})
                                 << QStringLiteral("docker restart -- web");
        QTest::newRow("pause") << *c.action(ContainerAction::Pause, QStringLiteral("web"), {})
                               << QStringLiteral("docker pause -- web");
        QTest::newRow("unpause") << *c.action(ContainerAction::Unpause, QStringLiteral("web"), {})
                                 << QStringLiteral("docker unpause -- web");
        QTest::newRow("rm") << *c.action(ContainerAction::Remove, QStringLiteral("web"), {})
                            << QStringLiteral("docker rm -- web");
        QTest::newRow("rm -f -v") << *c.action(ContainerAction::Remove, QStringLiteral("web"), {true, true})
                                  << QStringLiteral("docker rm --force --volumes -- web");
        QTest::newRow("sudo")
            << *commands(QStringLiteral("sudo -n docker")).action(ContainerAction::Stop, QStringLiteral("web"), {})
            << QStringLiteral("sudo -n docker stop -- web");
        QTest::newRow("exec run") << *c.execRun(QStringLiteral("web"), {QStringLiteral("ls"), QStringLiteral("-l")})
                                  << QStringLiteral("docker exec -- web ls -l");
        ExecOptions eo;
        eo.command = {QStringLiteral("stty"), QStringLiteral("size")};
        QTest::newRow("exec it cmd") << *c.execInteractive(QStringLiteral("web"), eo)
                                     << QStringLiteral("docker exec --interactive --tty -- web stty size");
        ExecOptions user;
        user.command = {QStringLiteral("id")};
        user.user = QStringLiteral("-0");
        user.workingDir = QStringLiteral("/tmp");
        QTest::newRow("exec user workdir")
            << *c.execInteractive(QStringLiteral("web"), user)
            << QStringLiteral("docker exec --interactive --tty --user=-0 --workdir=/tmp -- web id");
    }
    void builds()
    {
        QFETCH(QString, command);
        QFETCH(QString, argv);
        QCOMPARE(argvOf(command), words(argv));
    }

    void execShellProbe()
    {
        const QString cmd = *commands().execInteractive(QStringLiteral("web"), ExecOptions());
        QCOMPARE(cmd, QStringLiteral("docker exec --interactive --tty -- 'web' sh -c 'command -v bash >/dev/null && "
                                     "exec bash || exec sh'"));
        const QList<QByteArray> argv = argvOf(cmd);
        QCOMPARE(argv.size(), 9);
        QCOMPARE(argv.last(), QByteArray("command -v bash >/dev/null && exec bash || exec sh"));
    }

    void execArgumentsStayLiteral()
    {
        const QStringList cmd = {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("echo $HOME; `id` 'x'")};
        const QList<QByteArray> argv = argvOf(*commands().execRun(QStringLiteral("web"), cmd));
        QCOMPARE(argv.mid(4), (QList<QByteArray>{"sh", "-c", "echo $HOME; `id` 'x'"}));
    }

    void statsCommands()
    {
        const DockerCliCommands c = commands();
        const QString all = *c.stats({});
        QVERIFY(all.startsWith(QLatin1String("docker stats --no-stream --no-trunc --format '")));
        QVERIFY(!all.contains(QLatin1String(" -- ")));
        QCOMPARE(argvOf(*c.stats({QStringLiteral("a"), QStringLiteral("b")})).mid(6),
                 (QList<QByteArray>{"--", "a", "b"}));
        QVERIFY(!c.streamStats(QStringLiteral("a"))->contains(QLatin1String("--no-stream")));
    }

    void refusesBadRefsEverywhere_data()
    {
        QTest::addColumn<QString>("ref");
        QTest::newRow("semicolon") << QStringLiteral("x;touch /tmp/P");
        QTest::newRow("subst") << QStringLiteral("$(id)");
        QTest::newRow("backtick") << QStringLiteral("`id`");
        QTest::newRow("quote") << QStringLiteral("a'b");
        QTest::newRow("-rf") << QStringLiteral("-rf");
        QTest::newRow("--help") << QStringLiteral("--help");
        QTest::newRow("newline") << QStringLiteral("a\nb");
        QTest::newRow("unicode") << QStringLiteral("\u00e9");
        QTest::newRow("300") << QString(300, QLatin1Char('a'));
    }
    void refusesBadRefsEverywhere()
    {
        QFETCH(QString, ref);
        const DockerCliCommands c = commands();
        QVERIFY(!c.inspect({QStringLiteral("ok"), ref}).ok());
        QVERIFY(!c.logs(ref, {}).ok());
        QVERIFY(!c.stats({ref}).ok());
        QVERIFY(!c.streamStats(ref).ok());
        for (ContainerAction a : {ContainerAction::Start, ContainerAction::Stop, ContainerAction::Restart,
                                  ContainerAction::Pause, ContainerAction::Unpause, ContainerAction::Remove})
            QVERIFY_RESULT_ERROR(c.action(a, ref, {}), QStringLiteral("container"));
        QVERIFY(!c.execInteractive(ref, {}).ok());
        QVERIFY(!c.execRun(ref, {QStringLiteral("id")}).ok());
        QVERIFY(!c.env(ref).ok());
    }

    void refusesBadDockerCommand()
    {
        QVERIFY_RESULT_ERROR(DockerCliCommands::create(QStringLiteral("docker;id")), QStringLiteral("not allowed"));
    }
};

QTEST_GUILESS_MAIN(TestSshcliCommands)
#include "tst_sshcli_commands.moc"
