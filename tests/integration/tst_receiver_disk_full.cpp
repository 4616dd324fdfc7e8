// The store's disk fills up under a running receiver (issue 12, faults injected): the data dir
// of `archnest-cli receive` is a small tmpfs of its own; a filler file takes the free space. The
// ingest then answers 507 with a message that says the disk is full and the previous report is
// kept, the previous report stays readable, and once the filler is gone the same post is
// stored. The tmpfs is unmounted (by its path) at the end, also when a check fails.
#include "Fixtures.h"
#include "TestSupport.h"
#include "docker/agent/AgentReport.h"
#include "receiver_process.h"
#include "receiver_support.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace archnest;
using namespace archnest::test;

namespace {
const QByteArray kToken = "d1f5k7a3e9c2b8046f1e3a9c7b5d2e8f"; // strong: a receiver refuses weak tokens
const QByteArray kReadToken = "7c2e9a4f1b8d3e6c0a5f9b2d7e4c1a8b";

// `mount -t tmpfs -o size=SIZE` at a path, for as long as it lives.
class TmpfsMount final
{
public:
    explicit TmpfsMount(QString path)
        : m_path(std::move(path))
    {}
    ~TmpfsMount() { unmount(); }
    TmpfsMount(const TmpfsMount &) = delete;
    TmpfsMount &operator=(const TmpfsMount &) = delete;

    QString mount(const QString &size)
    {
        QDir().mkpath(m_path);
        const auto r =
            Fixtures::run(QStringLiteral("mount"),
                          {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                           QStringLiteral("size=%1,mode=0700").arg(size), QStringLiteral("archnest-test-full"), m_path},
                          30000);
        m_mounted = r.exitCode == 0;
        return m_mounted ? QString() : QString::fromUtf8(r.err);
    }
    bool unmount()
    {
        if (!m_mounted)
            return true;
        m_mounted = Fixtures::run(QStringLiteral("umount"), {m_path}, 30000).exitCode != 0;
        return !m_mounted;
    }

private:
    QString m_path;
    bool m_mounted = false;
};

// Writes zeros into `path` until the file system refuses (bounded by `maxBytes`); returns the
// bytes written.
qint64 fillUp(const QString &path, qint64 maxBytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return -1;
    const QByteArray block(16 * 1024, '\0');
    qint64 written = 0;
    while (written < maxBytes) {
        const qint64 n = f.write(block);
        if (n <= 0 || !f.flush())
            break;
        written += n;
    }
    return written;
}

} // namespace

class TestReceiverDiskFull final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_cli;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_cli = qEnvironmentVariable("ARCHNEST_BINARY_DIR") + QStringLiteral("/app/archnest-cli");
        QVERIFY2(QFile::exists(m_cli), qPrintable(m_cli));
        writeSmallFile(m_dir.filePath(QStringLiteral("token")), kToken + '\n');
        writeSmallFile(m_dir.filePath(QStringLiteral("read-token")), kReadToken);
    }

    void fullDiskAnswers507KeepsThePreviousReportAndRecovers()
    {
        TmpfsMount mnt(m_dir.filePath(QStringLiteral("store")));
        const QString mountError = mnt.mount(QStringLiteral("4m"));
        QVERIFY2(mountError.isEmpty(), qPrintable(QStringLiteral("mount tmpfs: %1").arg(mountError)));
        const QString dataDir = m_dir.filePath(QStringLiteral("store"));
        ReceiverProcess r =
            ReceiverProcess::start(m_cli, dataDir,
                                   {QStringLiteral("--token-file"), m_dir.filePath(QStringLiteral("token")),
                                    QStringLiteral("--read-token-file"), m_dir.filePath(QStringLiteral("read-token"))});
        QVERIFY2(r.port != 0, r.out.constData());

        const QByteArray previous = makeReport(QStringLiteral("full-host"), 3, QStringLiteral("before"));
        QCOMPARE(exchange(r.port, postReport(previous, kToken)).status, 200);

        // ~650 KB: more than any page the store already holds, so it needs new disk space.
        const QByteArray next = makeReport(QStringLiteral("full-host"), 500, QStringLiteral("after"));
        const QString filler = dataDir + QStringLiteral("/filler");
        QVERIFY(fillUp(filler, 8 * 1024 * 1024) > 0);

        const HttpReply full = exchange(r.port, postReport(next, kToken), 30000);
        qInfo("disk full: %d %s", full.status, full.body.constData());
        QCOMPARE(full.status, 507);
        const QString message = full.json().value(QStringLiteral("error")).toString();
        QVERIFY2(message.contains(QStringLiteral("disk")) && message.contains(QStringLiteral("previous")),
                 qPrintable(message));

        // The previous report is still what the read endpoint serves, and the receiver runs.
        const HttpReply read =
            exchange(r.port, httpRequest("GET", "/api/agents/docker/hosts/full-host/containers", kReadToken));
        QCOMPARE(read.status, 200);
        QVERIFY2(read.body.contains("svc-before-0") && !read.body.contains("svc-after-0"),
                 read.body.left(200).constData());
        QCOMPARE(r.process->state(), QProcess::Running);

        // Space comes back: the same post is stored.
        QVERIFY(QFile::remove(filler));
        const HttpReply ok = exchange(r.port, postReport(next, kToken), 30000);
        QVERIFY2(ok.status == 200, ok.body.constData());
        const HttpReply after =
            exchange(r.port, httpRequest("GET", "/api/agents/docker/hosts/full-host/containers", kReadToken));
        QCOMPARE(after.status, 200);
        QVERIFY(after.body.contains("svc-after-499"));

        QVERIFY2(r.stop(), r.out.constData());
        QVERIFY2(mnt.unmount(), "could not unmount the tmpfs");
    }
};

QTEST_GUILESS_MAIN(TestReceiverDiskFull)
#include "tst_receiver_disk_full.moc"
