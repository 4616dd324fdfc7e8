#include "dialogs/HostKeyDialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace archnest::ui {

HostKeyDialog::HostKeyDialog(const ssh::HostKeyQuestion &q, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("HostKeyDialog"));
    setWindowTitle(tr("Unknown SSH host key"));
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxQuestion).pixmap(48, 48));
    const QString address = QStringLiteral("%1:%2").arg(q.host).arg(q.port);
    const bool viaJumps = q.hopCount > 1;
    const bool isJump = viaJumps && q.hopIndex + 1 < q.hopCount;
    QString hop;
    if (!viaJumps)
        hop = tr("the host itself (no jump host)");
    else if (isJump)
        hop = tr("jump host %1 of %2 on the way to the host").arg(q.hopIndex + 1).arg(q.hopCount - 1);
    else
        hop = tr("the target, through %n jump host(s)", nullptr, q.hopCount - 1);
    const QString who = q.archnestHost.isEmpty()
                            ? tr("<b>%1</b>").arg(address.toHtmlEscaped())
                            : tr("<b>%1</b> (%2 of host <b>%3</b>)")
                                  .arg(address.toHtmlEscaped(), isJump ? tr("a jump host") : tr("the address"),
                                       q.archnestHost.toHtmlEscaped());
    if (!q.archnestHost.isEmpty())
        setWindowTitle(tr("Unknown SSH host key — %1").arg(q.archnestHost));
    auto *intro = new QLabel(
        tr("ArchNest has never seen the host key of %1. Compare the fingerprint with the one the host's "
           "administrator gives you (<code>ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub</code> on the host) before "
           "you trust it. Reject (Enter or Esc) is remembered until ArchNest restarts.")
            .arg(who),
        this);
    intro->setObjectName(QStringLiteral("Intro"));
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);

    auto *fingerprint = new QLabel(q.fingerprintSha256, this);
    fingerprint->setObjectName(QStringLiteral("Fingerprint"));
    fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *form = new QFormLayout;
    auto *nameLabel = new QLabel(q.archnestHost.isEmpty() ? tr("(not given)") : q.archnestHost, this);
    nameLabel->setObjectName(QStringLiteral("ArchNestHost"));
    auto *hopLabel = new QLabel(hop, this);
    hopLabel->setObjectName(QStringLiteral("Hop"));
    auto *addressLabel = new QLabel(address, this);
    addressLabel->setObjectName(QStringLiteral("Address"));
    form->addRow(tr("ArchNest host:"), nameLabel);
    form->addRow(tr("Connecting to:"), hopLabel);
    form->addRow(tr("Address:"), addressLabel);
    form->addRow(tr("Key type:"), new QLabel(q.keyType, this));
    form->addRow(tr("Fingerprint:"), fingerprint);

    auto *buttons = new QDialogButtonBox(this);
    m_reject = buttons->addButton(tr("&Reject"), QDialogButtonBox::RejectRole);
    m_once = buttons->addButton(tr("Accept &once"), QDialogButtonBox::AcceptRole);
    m_save = buttons->addButton(tr("Accept and &save"), QDialogButtonBox::AcceptRole);
    // Enter must never trust a key: Reject is the default and has the focus, and the accept
    // buttons are not auto-default (a focused auto-default button would take Enter).
    m_reject->setDefault(true);
    m_reject->setAutoDefault(true);
    m_once->setAutoDefault(false);
    m_save->setAutoDefault(false);
    m_reject->setFocus(Qt::OtherFocusReason);
    m_once->setToolTip(tr("Trust this key for this connection only."));
    m_save->setToolTip(tr("Trust this key and add it to known_hosts."));
    connect(m_reject, &QPushButton::clicked, this, [this] { finishWith(ssh::HostKeyDecision::Reject); });
    connect(m_once, &QPushButton::clicked, this, [this] { finishWith(ssh::HostKeyDecision::AcceptOnce); });
    connect(m_save, &QPushButton::clicked, this, [this] { finishWith(ssh::HostKeyDecision::AcceptAndSave); });
    // Closing the window (Esc, the close button) rejects.
    connect(this, &QDialog::rejected, this, [this] { finishWith(ssh::HostKeyDecision::Reject); });

    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    auto *right = new QVBoxLayout;
    right->addWidget(intro);
    right->addLayout(form);
    top->addLayout(right, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

void HostKeyDialog::finishWith(ssh::HostKeyDecision decision)
{
    if (m_done)
        return;
    m_done = true;
    m_decision = decision;
    Q_EMIT decided(decision);
    if (decision == ssh::HostKeyDecision::Reject)
        reject();
    else
        accept();
}

} // namespace archnest::ui
