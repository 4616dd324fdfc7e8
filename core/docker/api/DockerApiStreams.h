#pragma once

// The long-lived Engine API streams behind the ContainerSource stream interfaces: followed
// logs, live stats, and exec with a hijacked connection.

#include "docker/ContainerSource.h"
#include "docker/ExecHangup.h"
#include "docker/api/DockerApiClient.h"
#include "docker/api/FrameDemuxer.h"

#include <QPointer>

namespace archnest::dockerapi {

// What the followed-logs, stats and events streams share: the daemon connection of one GET
// that stays open, a buffer for an unfinished line, and an end that happens once.
struct StreamIo
{
    QPointer<DockerApiClient> client;
    QPointer<HttpConnection> conn;
    QByteArray line;
    bool done = false;

    explicit StreamIo(DockerApiClient *c)
        : client(c)
    {}
    ~StreamIo(); // aborts a connection still held
    StreamIo(const StreamIo &) = delete;
    StreamIo &operator=(const StreamIo &) = delete;

    // Takes the connection openStream answered with, for `owner`. Null when the stream already
    // ended (the connection is dropped) or when `c` is an error (then `*error` says why).
    HttpConnection *adopt(QObject *owner, Result<HttpConnection *> &c, QString *error);
    // The once-only end: lets go of the connection (aborted). False when it already ended.
    bool finish(QObject *owner);
    // Appends `data` and calls `perLine` with each complete line (without its newline). False
    // when the unfinished rest is longer than `maxLine`.
    template<typename PerLine>
    bool splitLines(const QByteArray &data, qsizetype maxLine, PerLine perLine)
    {
        line += data;
        qsizetype start = 0;
        for (qsizetype nl = line.indexOf('\n'); nl >= 0; nl = line.indexOf('\n', start)) {
            perLine(line.mid(start, nl - start));
            start = nl + 1;
        }
        line.remove(0, start);
        return line.size() <= maxLine;
    }
};

class ApiLogStream final : public LogStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiLogStream)

public:
    ApiLogStream(DockerApiClient *client, QString ref, QByteArray query, QObject *parent = nullptr);
    void start();
    void stop() override;

private:
    void ended();
    void end(const QString &reason, bool failure);

    StreamIo m_io;
    QString m_ref;
    QByteArray m_query;
    FrameDemuxer m_demux;
};

class ApiStatsStream final : public StatsStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiStatsStream)

public:
    ApiStatsStream(DockerApiClient *client, QString ref, QObject *parent = nullptr);
    void start();
    void stop() override;

private:
    void end(const QString &reason, bool failure);

    StreamIo m_io;
    QString m_ref;
};

// GET /events: one JSON object per line (container, image, network... events), delivered as
// `dataReceived` lines on Stdout; ends with a reason when the daemon goes away.
class ApiEventStream final : public LogStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiEventStream)

public:
    ApiEventStream(DockerApiClient *client, QByteArray query, QObject *parent = nullptr);
    void start();
    void stop() override;

private:
    void end(const QString &reason, bool failure);

    StreamIo m_io;
    QByteArray m_query;
};

// exec create + start with `Connection: Upgrade` / `Upgrade: tcp` (101, then the raw stream),
// resize through /exec/{id}/resize, the exit code from /exec/{id}/json at the end.
class ApiExecStream final : public ExecStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiExecStream)

public:
    ApiExecStream(DockerApiClient *client, QString ref, ExecOptions options, QObject *parent = nullptr);
    ~ApiExecStream() override;
    void start();

    void write(const QByteArray &data) override;
    void resize(int cols, int rows) override;
    void closeStdin() override;
    void terminate() override;
    void setReadPaused(bool paused) override;

    QString execId() const { return m_execId; }

private:
    void startExec();
    void sendResize();
    void releaseInput();
    void watchExit();
    void onStreamEnd();
    void fail(const QString &message);
    static void hangUp(DockerApiClient *client, const QString &ref, const QString &tag, const QString &user);

    QPointer<DockerApiClient> m_client;
    QString m_ref;
    ExecOptions m_options;
    QString m_sessionTag = exechangup::newTag();
    QString m_execId;
    QPointer<HttpConnection> m_conn;
    FrameDemuxer m_demux;
    QByteArray m_pendingInput;
    bool m_stdinClosePending = false;
    bool m_holdInput = false; // a PTY exec: input waits for the first resize's answer
    bool m_done = false;
    bool m_resizeInFlight = false;
    bool m_resizeDirty = false;
    bool m_readPaused = false; // applied to the connection once it exists
};

// Builds an API error message for an operation on a container.
QString containerErrorMessage(const ApiEndpoint &ep, const QString &what, const QString &ref,
                              const HttpResponse &response);

} // namespace archnest::dockerapi
