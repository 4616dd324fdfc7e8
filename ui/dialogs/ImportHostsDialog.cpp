#include "dialogs/ImportHostsDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTabWidget>
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

QTreeWidget *makeTree(QWidget *parent, const QString &objectName, const QStringList &headers)
{
    auto *tree = new QTreeWidget(parent);
    tree->setObjectName(objectName);
    tree->setColumnCount(ImportHostsDialog::ColumnCount);
    tree->setHeaderLabels(headers);
    tree->setRootIsDecorated(false);
    tree->setUniformRowHeights(true);
    tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    tree->header()->setStretchLastSection(true);
    return tree;
}

// One row per candidate; returns how many can be imported.
int fillTree(QTreeWidget *tree, const config::ImportPlan &plan, bool ssh)
{
    const QSignalBlocker block(tree);
    tree->clear();
    int importable = 0;
    for (int i = 0; i < plan.candidates.size(); ++i) {
        const SshImportCandidate &c = plan.candidates.at(i);
        auto *item = new QTreeWidgetItem(tree);
        item->setText(ImportHostsDialog::AliasColumn, c.alias);
        item->setText(ImportHostsDialog::ActionColumn, actionText(c));
        item->setText(ImportHostsDialog::TargetColumn, c.target);
        QString through = c.jumps.join(QStringLiteral(" → "));
        if (!c.proxyCommand.isEmpty())
            through = (through.isEmpty() ? QString() : through + QStringLiteral("; ")) +
                      ImportHostsDialog::tr("ProxyCommand %1").arg(c.proxyCommand);
        if (!c.warning.isEmpty()) {
            through = ImportHostsDialog::tr("Warning: %1").arg(c.warning);
            item->setIcon(ImportHostsDialog::ThroughColumn, tree->style()->standardIcon(QStyle::SP_MessageBoxWarning));
        }
        if (c.action == SshImportCandidate::Action::Refused)
            through = c.problem;
        if (through.isEmpty() && ssh)
            through = ImportHostsDialog::tr("direct");
        item->setText(ImportHostsDialog::ThroughColumn, through);
        item->setToolTip(ImportHostsDialog::ThroughColumn, through);
        item->setData(ImportHostsDialog::AliasColumn, Qt::UserRole, i);
        if (c.action == SshImportCandidate::Action::Refused || c.action == SshImportCandidate::Action::UpToDate) {
            item->setFlags(Qt::ItemIsSelectable); // shown, never importable
            item->setCheckState(ImportHostsDialog::AliasColumn, Qt::Unchecked);
        } else {
            ++importable;
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setCheckState(ImportHostsDialog::AliasColumn, c.checkedByDefault() ? Qt::Checked : Qt::Unchecked);
        }
    }
    return importable;
}

QList<int> checkedRows(const QTreeWidget *tree)
{
    QList<int> out;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *item = tree->topLevelItem(i);
        if ((item->flags() & Qt::ItemIsUserCheckable) &&
            item->checkState(ImportHostsDialog::AliasColumn) == Qt::Checked)
            out << item->data(ImportHostsDialog::AliasColumn, Qt::UserRole).toInt();
    }
    return out;
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
    m_tabs = new QTabWidget(this);
    auto *sshPage = new QWidget(m_tabs);
    m_tree =
        makeTree(sshPage, QStringLiteral("sshImportTree"), {tr("Alias"), tr("Import as"), tr("Target"), tr("Through")});
    m_notes = new QLabel(tr("Reading…"), sshPage);
    m_notes->setWordWrap(true);
    m_notes->setTextFormat(Qt::PlainText); // names and errors from the file
    auto *sshLayout = new QVBoxLayout(sshPage);
    sshLayout->addWidget(intro);
    sshLayout->addWidget(m_tree, 1);
    sshLayout->addWidget(m_notes);
    m_tabs->addTab(sshPage, tr("SSH config"));
    auto *contextPage = new QWidget(m_tabs);
    auto *contextIntro = new QLabel(tr("The docker CLI's contexts (docker context ls) and DOCKER_HOST. An ssh:// "
                                       "context becomes an SSH host resolved through ~/.ssh/config, as the docker "
                                       "CLI's ssh does."),
                                    contextPage);
    contextIntro->setWordWrap(true);
    m_contextTree = makeTree(contextPage, QStringLiteral("contextImportTree"),
                             {tr("Context"), tr("Import as"), tr("Endpoint"), tr("Notes")});
    m_contextNotes = new QLabel(tr("Reading…"), contextPage);
    m_contextNotes->setWordWrap(true);
    m_contextNotes->setTextFormat(Qt::PlainText);
    auto *contextLayout = new QVBoxLayout(contextPage);
    contextLayout->addWidget(contextIntro);
    contextLayout->addWidget(m_contextTree, 1);
    contextLayout->addWidget(m_contextNotes);
    m_tabs->addTab(contextPage, tr("Docker contexts"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_import = buttons->button(QDialogButtonBox::Ok);
    m_import->setText(tr("Import selected"));
    m_import->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);
    resize(760, 440);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_tree, &QTreeWidget::itemChanged, this, [this] { updateButton(); });
    connect(m_contextTree, &QTreeWidget::itemChanged, this, [this] { updateButton(); });
}

void ImportHostsDialog::setSshPlan(const config::SshImportPlan &plan)
{
    m_plan = plan;
    const int importable = fillTree(m_tree, plan, true);
    QStringList lines;
    lines << tr("%n alias(es) found, %1 importable.", nullptr, int(plan.candidates.size())).arg(importable);
    if (!plan.notes.isEmpty())
        lines << tr("Notes: %1").arg(plan.notes.join(QStringLiteral("; ")));
    m_notes->setText(lines.join(QLatin1Char('\n')));
    updateButton();
}

void ImportHostsDialog::setContextPlan(const config::ImportPlan &plan)
{
    m_contextPlan = plan;
    const int importable = fillTree(m_contextTree, plan, false);
    m_contextNotes->setText(
        plan.candidates.isEmpty()
            ? tr("No docker context and no DOCKER_HOST found.")
            : tr("%n context(s) found, %1 importable.", nullptr, int(plan.candidates.size())).arg(importable));
    updateButton();
}

QList<int> ImportHostsDialog::chosenContexts() const
{
    return checkedRows(m_contextTree);
}

void ImportHostsDialog::setSshError(const QString &message)
{
    m_notes->setText(message);
    updateButton();
}

QList<int> ImportHostsDialog::chosenSsh() const
{
    return checkedRows(m_tree);
}

void ImportHostsDialog::updateButton()
{
    m_import->setEnabled(!chosenSsh().isEmpty() || !chosenContexts().isEmpty());
}

} // namespace archnest::ui
