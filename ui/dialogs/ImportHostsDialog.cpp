#include "dialogs/ImportHostsDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace archnest::ui {

using config::SshImportCandidate;

namespace {

QString actionText(const SshImportCandidate &c)
{
    switch (c.action) {
    case SshImportCandidate::Action::Add:
        return ImportHostsDialog::tr("new host %1").arg(c.host.name);
    case SshImportCandidate::Action::Update:
        return ImportHostsDialog::tr("updates %1").arg(c.host.name);
    case SshImportCandidate::Action::UpToDate:
        return ImportHostsDialog::tr("%1 is up to date").arg(c.host.name);
    case SshImportCandidate::Action::Refused:
        return ImportHostsDialog::tr("not importable");
    }
    return {};
}

} // namespace

ImportHostsDialog::ImportHostsDialog(const QString &configLabel, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("ImportSshConfigDialog"));
    setWindowTitle(tr("Import from ~/.ssh/config"));
    auto *intro = new QLabel(tr("Hosts of %1 (wildcard-only entries are never imported). An imported host "
                                "follows the config: it is resolved again, as ssh would, at each connect.")
                                 .arg(configLabel),
                             this);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::PlainText);
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("sshImportTree"));
    m_tree->setColumnCount(ColumnCount);
    m_tree->setHeaderLabels({tr("Alias"), tr("Import as"), tr("Target"), tr("Through")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->setStretchLastSection(true);
    m_notes = new QLabel(tr("Reading…"), this);
    m_notes->setWordWrap(true);
    m_notes->setTextFormat(Qt::PlainText); // names and errors from the file
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_import = buttons->button(QDialogButtonBox::Ok);
    m_import->setText(tr("Import selected"));
    m_import->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_notes);
    layout->addWidget(buttons);
    resize(760, 440);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_tree, &QTreeWidget::itemChanged, this, [this] { updateButton(); });
}

void ImportHostsDialog::setSshPlan(const config::SshImportPlan &plan)
{
    m_plan = plan;
    const QSignalBlocker block(m_tree);
    m_tree->clear();
    int importable = 0;
    for (int i = 0; i < plan.candidates.size(); ++i) {
        const SshImportCandidate &c = plan.candidates.at(i);
        auto *item = new QTreeWidgetItem(m_tree);
        item->setText(AliasColumn, c.alias);
        item->setText(ActionColumn, actionText(c));
        item->setText(TargetColumn, c.target);
        QString through = c.jumps.join(QStringLiteral(" → "));
        if (!c.proxyCommand.isEmpty())
            through = (through.isEmpty() ? QString() : through + QStringLiteral("; ")) +
                      tr("ProxyCommand %1").arg(c.proxyCommand);
        if (c.action == SshImportCandidate::Action::Refused)
            through = c.problem;
        item->setText(ThroughColumn, through.isEmpty() ? tr("direct") : through);
        item->setToolTip(ThroughColumn, through);
        item->setData(AliasColumn, Qt::UserRole, i);
        if (c.action == SshImportCandidate::Action::Refused || c.action == SshImportCandidate::Action::UpToDate) {
            item->setFlags(Qt::ItemIsSelectable); // shown, never importable
            item->setCheckState(AliasColumn, Qt::Unchecked);
        } else {
            ++importable;
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setCheckState(AliasColumn, c.checkedByDefault() ? Qt::Checked : Qt::Unchecked);
        }
    }
    QStringList lines;
    lines << tr("%n alias(es) found, %1 importable.", nullptr, int(plan.candidates.size())).arg(importable);
    if (!plan.notes.isEmpty())
        lines << tr("Notes: %1").arg(plan.notes.join(QStringLiteral("; ")));
    m_notes->setText(lines.join(QLatin1Char('\n')));
    updateButton();
}

void ImportHostsDialog::setSshError(const QString &message)
{
    m_notes->setText(message);
    updateButton();
}

QList<int> ImportHostsDialog::chosenSsh() const
{
    QList<int> out;
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = m_tree->topLevelItem(i);
        if ((item->flags() & Qt::ItemIsUserCheckable) && item->checkState(AliasColumn) == Qt::Checked)
            out << item->data(AliasColumn, Qt::UserRole).toInt();
    }
    return out;
}

void ImportHostsDialog::updateButton()
{
    m_import->setEnabled(!chosenSsh().isEmpty());
}

} // namespace archnest::ui
