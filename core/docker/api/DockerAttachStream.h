#pragma once

// Attach to a container's main process over WebSocket: GET /containers/{id}/attach/ws with
// stdin/stdout/stderr, through QWebSocket (ws:// or wss:// with the host's client certificate).

#include "docker/ContainerSource.h"
#include "docker/api/DockerApiClient.h"

#include <QPointer>

class QWebSocket;

namespace archnest::dockerapi {

class DockerAttachStream final : public ExecStream
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DockerAttachStream)

public:
    DockerAttachStream(DockerApiClient *client, QString ref, QObject *parent = nullptr);
    ~DockerAttachStream() override;
    void start();

    void write(const QByteArray &data) override;
    void resize(int cols, int rows) override;
    void closeStdin() override;
    void terminate() override;

private:
    void openSocket();
    void onClosed();
    void fail(const QString &message);

    QPointer<DockerApiClient> m_client;
    QString m_ref;
    QWebSocket *m_ws = nullptr;
    bool m_open = false;
    bool m_done = false;
    QByteArray m_pending;
};

} // namespace archnest::dockerapi
