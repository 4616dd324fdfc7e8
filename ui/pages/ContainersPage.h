#pragma once

#include "model/Container.h"
#include "models/ContainerActions.h"

#include <QHash>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolBar;

namespace archnest::ui {

class ContainerFilterProxy;
class HostErrorCard;
class TransientNotice;
class ColumnChooser;
class HostsController;

// The fixed "Containers" tab: filter box, state filter, action toolbar, the table and an inline
// banner for outcomes. Actions go to the HostsController; opening a container is a signal.
class ContainersPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ContainersPage)

public:
    explicit ContainersPage(HostsController *controller, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *stateCombo() const { return m_state; }
    ContainerFilterProxy *proxy() const { return m_proxy; }
    QAction *action(ContainerAction a) const { return m_actions.value(int(a)); }
    QLabel *banner() const { return m_banner; }
    HostErrorCard *errorCard() const { return m_errorCard; }
    QAction *openTerminalAction() const { return m_openTerminal; }

    void setHostFilter(const QString &host); // "" = all hosts
    void setHostGroup(const QSet<QString> &hosts);
    void focusFilter();
    QList<SelectedContainer> selection() const;
    // A notice for every view (it times out); action outcomes are scoped to their view.
    void showBanner(const QString &text, bool error);
    TransientNotice *notice() const { return m_notice; }
    ColumnChooser *columnChooser() const { return m_columns; }

Q_SIGNALS:
    void openContainerRequested(const QString &host, const QString &ref, const QString &name);
    void openTerminalRequested(const QString &host, const QString &ref, const QString &name);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildActions();
    void tintBanner();
    void updateActions();
    void trigger(ContainerAction action);
    void openCurrent();
    void showContextMenu(const QPoint &pos);

    HostsController *m_controller = nullptr;
    ContainerFilterProxy *m_proxy = nullptr;
    QToolBar *m_toolbar = nullptr;
    QLineEdit *m_filter = nullptr;
    QComboBox *m_state = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_banner = nullptr;
    HostErrorCard *m_errorCard = nullptr;
    QLabel *m_count = nullptr;
    bool m_bannerError = false;
    TransientNotice *m_notice = nullptr;
    ColumnChooser *m_columns = nullptr;
    QString m_viewScope = QStringLiteral("host:"); // the host or group shown (TransientNotice scope)
    QHash<int, QAction *> m_actions;
    QAction *m_open = nullptr;
    QAction *m_openTerminal = nullptr;
};

} // namespace archnest::ui
