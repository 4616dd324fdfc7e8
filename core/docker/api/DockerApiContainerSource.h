#pragma once

// A docker-api host (tcp://, TLS, unix://) as a ContainerSource, over our own HTTP/1.1 client.

#include "docker/ContainerSource.h"

#include <memory>

namespace archnest {

namespace dockerapi {
class DockerApiClient;
}

class DockerApiContainerSource final : public ContainerSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DockerApiContainerSource)

public:
    explicit DockerApiContainerSource(HostConfig host, QObject *parent = nullptr);
    ~DockerApiContainerSource() override;

    void list(bool all, Callback<QList<ContainerSummary>> done) override;
    void inspect(const QStringList &refs, Callback<QList<ContainerDetail>> done) override;
    void logs(const QString &ref, const LogOptions &options, Callback<QByteArray> done) override;
    LogStream *followLogs(const QString &ref, const LogOptions &options) override;
    void stats(const QStringList &refs, Callback<QList<StatsSample>> done) override;
    StatsStream *streamStats(const QString &ref) override;
    void perform(ContainerAction action, const QString &ref, const RemoveOptions &options,
                 Callback<void> done) override;
    ExecStream *openExec(const QString &ref, const ExecOptions &options) override;
    void execRun(const QString &ref, const QStringList &command, Callback<ExecResult> done) override;
    void revealEnv(const QString &ref, const QString &key, Callback<QString> done) override;
    // Aborts every buffered request in flight (the pool keeps its idle connections) and hangs
    // up the exec streams of execRun() calls.
    void cancelPending() override;

    // Attach to the container's main process over WebSocket (/containers/{id}/attach/ws); TCP
    // and TLS hosts only (QWebSocket cannot use unix sockets). `finished` carries the exit code
    // when the container stopped, -1 when only the attachment ended.
    ExecStream *attachWebSocket(const QString &ref);

    // The daemon's /events stream, one JSON object per `dataReceived` line (type=container only
    // when `containersOnly`), e.g. for live list refreshes.
    LogStream *events(bool containersOnly = true);

    QString apiVersion() const; // negotiated, "" before the first call
    dockerapi::DockerApiClient *client() const { return m_client; }

private:
    template<typename T>
    bool failEarly(const Callback<T> &done, const QString &ref, const QString &what);

    struct ExecRun; // one execRun() in flight
    QString m_configError;
    dockerapi::DockerApiClient *m_client = nullptr;
    QList<std::shared_ptr<ExecRun>> m_execRuns;
};

} // namespace archnest
