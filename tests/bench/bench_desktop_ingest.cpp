// How long the GUI thread stalls while agent reports arrive: the desktop (receiver and store on
// DesktopApp's agent worker thread; the report-stored refresh lists through the worker) against
// the receiver and its store on the GUI thread (how the desktop ran them before). A client thread
// posts 500-container reports over loopback; the GUI thread spins its event loop and records the
// CPU time it spends in each turn (thread CPU time, so a busy shared machine that merely delays
// the GUI thread does not count as GUI work). Rows: the GUI thread's CPU time per report in
// turns that did work (> 0.5 ms; the loop's own idle spinning is left out) and its longest turn. The desktop's figure
// includes what the baseline lacks: the report-stored refresh of the containers model (500 rows) on the GUI thread.
#include "AgentReceiver.h"
#include "BenchSupport.h"
#include "DesktopApp.h"
#include "receiver_support.h"
#include "store/AgentReportStore.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <atomic>
#include <thread>

#include <time.h>

using namespace archnest;

namespace {

constexpr int kReports = 40;
constexpr int kContainers = 500;

// Posts kReports reports (blocking sockets on a plain thread); counts the 200 answers.
void postReports(quint16 port, QByteArray token, std::atomic<int> *ok, std::atomic<bool> *done)
{
    for (int i = 0; i < kReports; ++i) {
        const QByteArray body =
            QJsonDocument(test::makeReportObject(QStringLiteral("bench-%1").arg(i % 4), kContainers))
                .toJson(QJsonDocument::Compact);
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, port);
        if (!s.waitForConnected(5000))
            continue;
        s.write(test::postReport(body, token));
        QByteArray got;
        for (int rounds = 0; rounds < 400 && s.state() == QAbstractSocket::ConnectedState; ++rounds) {
            s.waitForReadyRead(50);
            got += s.readAll();
        }
        got += s.readAll();
        if (test::parseReply(got).status == 200)
            ++*ok;
    }
    *done = true;
}

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Spins the GUI event loop until the client is done (bounded); returns the GUI thread's CPU
// time per turn.
bench::Samples spin(const std::atomic<bool> &done)
{
    bench::Samples turns;
    QElapsedTimer total;
    total.start();
    double before = threadCpuMs();
    auto one = [&] {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
        const double now = threadCpuMs();
        turns.ms.push_back(now - before);
        before = now;
    };
    while (!done && total.elapsed() < 120000)
        one();
    for (int i = 0; i < 100; ++i) // the last refreshes
        one();
    return turns;
}

// CPU in turns that did work (> 0.5 ms): the idle spinning of the loop itself is left out.
double busy(const bench::Samples &s)
{
    double t = 0;
    for (double v : s.ms)
        t += v > 0.5 ? v : 0;
    return t;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/archnest-no-bus");
    QApplication qapp(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;

    // The receiver and its store on the GUI thread.
    bench::Samples sameThread;
    int sameOk = 0;
    {
        auto store = store::AgentReportStore::open(
            store::DatabaseLocation::sqlite(dir.filePath(QStringLiteral("same.sqlite"))), QStringLiteral("bench-same"));
        if (!store)
            return 1;
        receiver::ReceiverConfig config;
        config.ingestToken = "bench-token-0123456789abcdef";
        receiver::AgentReceiver r(config, store->get());
        if (!r.start())
            return 1;
        std::atomic<int> ok{0};
        std::atomic<bool> done{false};
        std::thread client(postReports, r.port(), config.ingestToken, &ok, &done);
        sameThread = spin(done);
        client.join();
        sameOk = ok;
    }

    // The desktop: everything on its agent worker thread.
    bench::Samples worker;
    int workerOk = 0;
    {
        const AppPaths paths(dir.filePath(QStringLiteral("config")), dir.filePath(QStringLiteral("data")));
        QString error;
        (void)paths.ensureExists(&error);
        {
            QSettings s(paths.settingsFile(), QSettings::IniFormat);
            s.setValue(QStringLiteral("receiver/enabled"), true);
            s.setValue(QStringLiteral("receiver/address"), QStringLiteral("127.0.0.1:0"));
            s.setValue(QStringLiteral("refresh/intervalSec"), 0);
        }
        ui::DesktopApp app(paths);
        app.start(false);
        QElapsedTimer wait;
        wait.start();
        while (!(app.receiver() && app.receiver()->isListening()) && wait.elapsed() < 20000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        if (!app.receiver())
            return 1;
        std::atomic<int> ok{0};
        std::atomic<bool> done{false};
        std::thread client(postReports, app.receiver()->port(), app.currentReceiverToken(), &ok, &done);
        worker = spin(done);
        client.join();
        workerOk = ok;
    }

    const QString note = QStringLiteral("%1 reports of %2 containers; ok %3/%4 (same thread), %5/%4 (worker)")
                             .arg(kReports)
                             .arg(kContainers)
                             .arg(sameOk)
                             .arg(kReports)
                             .arg(workerOk);
    bench::row(QStringLiteral("desktop_ingest_gui_busy_per_report"), busy(worker) / kReports, QStringLiteral("ms"),
               busy(sameThread) / kReports,
               QStringLiteral("GUI-thread CPU; baseline: receiver + store on the GUI thread (no model refresh); ") +
                   note);
    bench::row(QStringLiteral("desktop_ingest_gui_longest_turn"), worker.percentile(1.0), QStringLiteral("ms"),
               sameThread.percentile(1.0), QStringLiteral("GUI-thread CPU in one event-loop turn"));
    return sameOk == kReports && workerOk == kReports ? 0 : 2;
}
