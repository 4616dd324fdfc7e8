#pragma once

// "Import from ~/.ssh/config": one row per concrete alias of the config (Include followed) with
// what it becomes (added / updated / up to date / refused and why), its resolved target and its
// jump chain or ProxyCommand, and a checkbox. Shows a plan made elsewhere (config/SshImportPlan.h,
// computed off the GUI thread); the caller applies the chosen rows. Names and errors from the
// file are shown as plain text.

#include "config/SshImportPlan.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace archnest::ui {

class ImportHostsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportHostsDialog)

public:
    enum Column { AliasColumn, ActionColumn, TargetColumn, ThroughColumn, ColumnCount };

    explicit ImportHostsDialog(const QString &configLabel, QWidget *parent = nullptr);
    ~ImportHostsDialog() override = default;

    void setSshPlan(const config::SshImportPlan &plan);
    void setSshError(const QString &message);
    const config::SshImportPlan &sshPlan() const { return m_plan; }
    QList<int> chosenSsh() const; // indices into sshPlan().candidates, checked rows

    QTreeWidget *sshTree() const { return m_tree; }
    QLabel *notesLabel() const { return m_notes; }
    QPushButton *importButton() const { return m_import; }

private:
    void updateButton();

    config::SshImportPlan m_plan;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_notes = nullptr;
    QPushButton *m_import = nullptr;
};

} // namespace archnest::ui
