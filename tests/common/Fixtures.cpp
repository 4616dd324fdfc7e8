#include "Fixtures.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>

namespace archnest::test {

Fixtures &Fixtures::instance()
{
    static Fixtures fixtures;
    return fixtures;
}

Fixtures::Fixtures()
    : m_dir(qEnvironmentVariable("ARCHNEST_FIXTURE_DIR"))
{
    if (m_dir.isEmpty())
        return;
    const QStringList files = QDir(m_dir).entryList({QStringLiteral("*.env")}, QDir::Files, QDir::Name);
    for (const QString &f : files)
        load(m_dir + QLatin1Char('/') + f);
}

void Fixtures::load(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || eq <= 0)
            continue;
        m_values.insert(line.left(eq), line.mid(eq + 1));
    }
}

QString Fixtures::sshPassword() const
{
    QFile f(value(QStringLiteral("ARCHNEST_FX_SSH_PASSWORD_FILE")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll()).trimmed();
}

ProcessOutput Fixtures::docker(const QStringList &args, int timeoutMs) const
{
    return run(QStringLiteral("docker"),
               QStringList{QStringLiteral("-H"), QStringLiteral("unix://") + dockerSocket()} + args, timeoutMs);
}

ProcessOutput Fixtures::podman(const QStringList &args, int timeoutMs) const
{
    return run(
        QStringLiteral("podman"),
        QStringList{QStringLiteral("--remote"), QStringLiteral("--url"), QStringLiteral("unix://") + podmanSocket()} +
            args,
        timeoutMs);
}

ProcessOutput Fixtures::run(const QString &program, const QStringList &args, int timeoutMs, const QByteArray &stdinData)
{
    ProcessOutput result;
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000)) {
        result.err = QStringLiteral("could not start %1: %2").arg(program, p.errorString()).toUtf8();
        return result;
    }
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        result.timedOut = true;
        p.kill();
        p.waitForFinished(5000);
    }
    result.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    result.out = p.readAllStandardOutput();
    result.err = p.readAllStandardError();
    return result;
}

QString Fixtures::uniqueName(const QString &prefix)
{
    static QAtomicInt counter;
    return QStringLiteral("%1-%2-%3")
        .arg(prefix)
        .arg(QCoreApplication::applicationPid())
        .arg(counter.fetchAndAddRelaxed(1));
}

} // namespace archnest::test
