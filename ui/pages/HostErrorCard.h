#pragma once

#include <QFrame>

class QLabel;
class QPushButton;
class QTimer;

namespace archnest::ui {

class HostsController;

// Shown above the container table when the one host selected in the sidebar fails: what failed,
// since when, the next automatic retry (counting down), and Retry / Edit host (Trust key… when
// the host's key was rejected). Hidden while the host works or no single host is selected.
class HostErrorCard final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostErrorCard)

public:
    explicit HostErrorCard(HostsController *controller, QWidget *parent = nullptr);

    void setHost(const QString &host); // "" = none (a group or all hosts)
    QString host() const { return m_host; }

    QLabel *titleLabel() const { return m_title; }
    QLabel *messageLabel() const { return m_message; }
    QLabel *timingLabel() const { return m_timing; }
    QPushButton *retryButton() const { return m_retry; }
    QPushButton *editButton() const { return m_edit; }
    QPushButton *trustKeyButton() const { return m_trustKey; }

Q_SIGNALS:
    void editHostRequested(const QString &host);
    void trustKeyRequested(const QString &host);

private:
    void refresh();
    void updateTiming();

    HostsController *m_controller = nullptr;
    QString m_host;
    QLabel *m_title = nullptr;
    QLabel *m_message = nullptr;
    QLabel *m_timing = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_trustKey = nullptr;
    QTimer *m_tick = nullptr;
};

} // namespace archnest::ui
