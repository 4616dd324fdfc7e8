#pragma once

// "Import from ~/.ssh/config": a tab with one row per concrete alias of the config (Include
// followed) with what it becomes (added / updated / up to date / refused and why), its resolved
// target and its jump chain or ProxyCommand, and a checkbox; a second tab with the docker CLI's
// contexts and DOCKER_HOST (config/DockerContextImport.h), warnings shown on their row. Shows
// plans made elsewhere (computed off the GUI thread); the caller applies the chosen rows. Names
// and errors from the files are shown as plain text.

#include "config/SshImportPlan.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTabWidget;
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

    void setContextPlan(const config::ImportPlan &plan);
    const config::ImportPlan &contextPlan() const { return m_contextPlan; }
    QList<int> chosenContexts() const;

    QTabWidget *tabs() const { return m_tabs; }
    QTreeWidget *sshTree() const { return m_tree; }
    QTreeWidget *contextTree() const { return m_contextTree; }
    QLabel *notesLabel() const { return m_notes; }
    QLabel *contextNotesLabel() const { return m_contextNotes; }
    QPushButton *importButton() const { return m_import; }

private:
    void updateButton();

    config::SshImportPlan m_plan;
    config::ImportPlan m_contextPlan;
    QTabWidget *m_tabs = nullptr;
    QTreeWidget *m_tree = nullptr;
    QTreeWidget *m_contextTree = nullptr;
    QLabel *m_notes = nullptr;
    QLabel *m_contextNotes = nullptr;
    QPushButton *m_import = nullptr;
};

} // namespace archnest::ui
