#include "pages/HostErrorCard.h"

#include "HostsController.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace archnest::ui {

HostErrorCard::HostErrorCard(HostsController *controller, QWidget *parent)
    : QFrame(parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("HostErrorCard"));
    setFrameShape(QFrame::StyledPanel);
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(32, 32));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("HostErrorTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_title->setFont(bold);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("HostErrorMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText); // remote text is shown, never interpreted
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_timing = new QLabel(this);
    m_timing->setObjectName(QStringLiteral("HostErrorTiming"));
    m_timing->setWordWrap(true);
    m_retry = new QPushButton(tr("&Retry now"), this);
    m_retry->setObjectName(QStringLiteral("HostErrorRetry"));
    m_edit = new QPushButton(tr("&Edit host…"), this);
    m_edit->setObjectName(QStringLiteral("HostErrorEdit"));
    m_trustKey = new QPushButton(tr("&Trust key…"), this);
    m_trustKey->setObjectName(QStringLiteral("HostErrorTrustKey"));
    m_trustKey->setToolTip(tr("Connect again and show the host key prompt once more"));

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_retry);
    buttons->addWidget(m_trustKey);
    buttons->addWidget(m_edit);
    buttons->addStretch(1);
    auto *text = new QVBoxLayout;
    text->addWidget(m_title);
    text->addWidget(m_message);
    text->addWidget(m_timing);
    text->addLayout(buttons);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addLayout(text, 1);

    m_tick = new QTimer(this);
    m_tick->setInterval(1000);
    connect(m_tick, &QTimer::timeout, this, &HostErrorCard::updateTiming);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (!m_host.isEmpty())
            m_controller->retryHost(m_host);
        updateTiming();
    });
    connect(m_edit, &QPushButton::clicked, this, [this] { Q_EMIT editHostRequested(m_host); });
    connect(m_trustKey, &QPushButton::clicked, this, [this] { Q_EMIT trustKeyRequested(m_host); });
    connect(m_controller, &HostsController::hostFailureChanged, this, [this](const QString &host) {
        if (host == m_host)
            refresh();
    });
    hide();
}

void HostErrorCard::setHost(const QString &host)
{
    m_host = host;
    refresh();
}

void HostErrorCard::refresh()
{
    const HostsController::HostFailure *f = m_host.isEmpty() ? nullptr : m_controller->failureOf(m_host);
    if (!f) {
        m_tick->stop();
        hide();
        return;
    }
    m_title->setText(f->keyRejected() ? tr("%1: host key rejected").arg(m_host)
                                      : tr("%1 cannot be reached").arg(m_host));
    m_message->setText(f->keyRejected()
                           ? tr("You rejected the host's SSH key, so ArchNest does not connect to it "
                                "until it restarts or you choose Trust key… to see the prompt again.\n\n%1")
                                 .arg(f->message)
                           : f->message);
    m_trustKey->setVisible(f->keyRejected());
    updateTiming();
    m_tick->start();
    show();
}

void HostErrorCard::updateTiming()
{
    const HostsController::HostFailure *f = m_host.isEmpty() ? nullptr : m_controller->failureOf(m_host);
    if (!f)
        return;
    const QLocale locale;
    const QString since = locale.toString(f->firstAt.toLocalTime().time(), QLocale::LongFormat);
    const QString last = locale.toString(f->lastAt.toLocalTime().time(), QLocale::LongFormat);
    QString text = f->attempts > 1
                       ? tr("Failing since %1; last try %2 (%n attempt(s)).", nullptr, f->attempts).arg(since, last)
                       : tr("Failed at %1.").arg(since);
    if (m_controller->isRefreshing(m_host)) {
        text += QLatin1Char(' ') + tr("Retrying now…");
    } else if (f->keyRejected()) {
        text += QLatin1Char(' ') + tr("No automatic retry asks about this key again.");
    } else if (m_controller->refreshIntervalMs() > 0) {
        const qint64 secs = std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(f->nextRetry));
        text += QLatin1Char(' ') + tr("Next retry at %1 (in %n s).", nullptr, int(secs))
                                       .arg(locale.toString(f->nextRetry.toLocalTime().time(), QLocale::LongFormat));
    } else {
        text += QLatin1Char(' ') + tr("Automatic refresh is off.");
    }
    m_timing->setText(text);
}

} // namespace archnest::ui
