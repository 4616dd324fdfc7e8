#include "MainWindow.h"

#include "ElidingStatusBar.h"
#include "EmptyStateWidget.h"
#include "HostsController.h"
#include "Theme.h"
#include "WindowMenus.h"
#include "dialogs/AsyncMessageBox.h"
#include "models/ContainersModel.h"
#include "models/HostListModel.h"
#include "pages/ColumnChooser.h"
#include "pages/ContainerDetailTab.h"
#include "pages/ContainersPage.h"
#include "pages/HostErrorCard.h"
#include "pages/TerminalTab.h"
#include "terminal/TerminalSession.h"

#include <archnest/Version.h>

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMouseEvent>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>

namespace archnest::ui {

MainWindow::MainWindow(HostsController *controller, QWidget *parent)
    : QMainWindow(parent)
    , m_controller(controller)
{
    setWindowTitle(tr("ArchNest"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/archnest.svg")));
    setObjectName(QStringLiteral("MainWindow"));
    setStatusBar(new ElidingStatusBar(this)); // long messages end in "…" before "N host(s)"
    createActions();
    createMenus();
    createCentralArea();
    createStatusBar();
    WindowMenus::fillContainerMenu(findChild<QMenu *>(QStringLiteral("ContainerMenu")), m_page);
    m_sidebarToggle = WindowMenus::addSidebarToggle(findChild<QMenu *>(QStringLiteral("ViewMenu")), m_hostTree);
    resize(1280, 760);

    HostListModel *hosts = controller->hostListModel();
    connect(hosts, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateEmptyState);
    connect(hosts, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateEmptyState);
    connect(hosts, &QAbstractItemModel::modelReset, this, [this] {
        updateEmptyState();
        m_hostTree->expandAll();
        m_hostTree->setCurrentIndex(m_controller->hostListModel()->allHostsIndex());
    });
    connect(controller, &HostsController::hostFailed, this, &MainWindow::onHostFailed);
    connect(controller, &HostsController::hostFailureChanged, this, &MainWindow::onHostFailureChanged);
    connect(controller, &HostsController::actionFinished, this, [this](const QString &text, bool ok) {
        statusBar()->showMessage(text.section(QLatin1Char('\n'), 0, 0), ok ? 5000 : 15000);
        statusBar()->setToolTip(ok ? QString() : text);
    });
    connect(controller, &HostsController::actionProgress, this, [this](int done, int total, const QString &text) {
        // A new bulk run can be cancelled even while a cancelled refresh keeps the box up.
        if (m_actionTotal == 0 && total > 0)
            m_cancelling = false;
        m_actionDone = done;
        m_actionTotal = total;
        m_actionText = text;
        updateProgress();
    });
    connect(controller, &HostsController::refreshActivity, this, [this](int hostsRefreshing) {
        if (hostsRefreshing == 0) {
            m_refreshDelay->stop();
            updateProgress();
        } else if (!m_refreshDelay->isActive() && !m_progressBox->isVisible()) {
            m_refreshDelay->start();
        } else {
            updateProgress();
        }
    });
    updateEmptyState();
}

void MainWindow::createActions()
{
    QStyle *s = style();
    m_addSshHost = new QAction(s->standardIcon(QStyle::SP_ComputerIcon), tr("Add &SSH Host…"), this);
    m_addApiHost = new QAction(s->standardIcon(QStyle::SP_DriveNetIcon), tr("Add Docker &API Host…"), this);
    m_addAgentHost = new QAction(s->standardIcon(QStyle::SP_FileDialogInfoView), tr("Add A&gent Host…"), this);
    m_importSshConfig = new QAction(tr("&Import from ~/.ssh/config…"), this);
    m_refresh = new QAction(s->standardIcon(QStyle::SP_BrowserReload), tr("&Refresh"), this);
    m_refresh->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)});
    m_refresh->setShortcutContext(Qt::ApplicationShortcut);
    m_settings = new QAction(s->standardIcon(QStyle::SP_FileDialogDetailedView), tr("Se&ttings…"), this);
    m_settings->setShortcut(QKeySequence::Preferences);
    m_quit = new QAction(tr("&Quit"), this);
    m_quit->setObjectName(QStringLiteral("action-quit"));
    // A terminal keeps Ctrl+Q for its shell (XON); Ctrl+Shift+Q quits from anywhere, as in
    // Konsole (terminals leave Ctrl+Shift combinations to the window).
    m_quit->setShortcuts({QKeySequence(QKeySequence::Quit), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q)});
    m_quit->setToolTip(tr("Quit ArchNest (Ctrl+Q; Ctrl+Shift+Q also while a terminal has the focus)"));
    m_findAction = new QAction(tr("&Filter Containers"), this);
    m_findAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F));
    m_closeTab = new QAction(tr("&Close Tab"), this);
    m_closeTab->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_W), QKeySequence(Qt::CTRL | Qt::Key_F4)});
    m_openTerminal =
        new QAction(QIcon::fromTheme(QStringLiteral("utilities-terminal"), s->standardIcon(QStyle::SP_ComputerIcon)),
                    tr("Open &Terminal"), this);
    m_openTerminal->setObjectName(QStringLiteral("action-open-terminal"));
    m_openTerminal->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    m_openTerminal->setToolTip(tr("Open a shell in the selected (or this tab's) running container"));
    addAction(m_openTerminal);
    addAction(m_findAction);
    addAction(m_closeTab);
    addAction(m_refresh);
    addAction(m_quit);

    connect(m_addSshHost, &QAction::triggered, this, &MainWindow::addSshHostRequested);
    connect(m_addApiHost, &QAction::triggered, this, &MainWindow::addApiHostRequested);
    connect(m_addAgentHost, &QAction::triggered, this, &MainWindow::addAgentHostRequested);
    connect(m_importSshConfig, &QAction::triggered, this, &MainWindow::importSshConfigRequested);
    connect(m_refresh, &QAction::triggered, this, [this] {
        m_controller->refreshAll();
        Q_EMIT refreshRequested();
    });
    connect(m_settings, &QAction::triggered, this, &MainWindow::settingsRequested);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_tabs->setCurrentIndex(0);
        m_page->focusFilter();
    });
    connect(m_closeTab, &QAction::triggered, this, [this] { closeTab(m_tabs->currentIndex()); });
    connect(m_openTerminal, &QAction::triggered, this, &MainWindow::openTerminalForCurrentTab);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_settings);
    file->addSeparator();
    file->addAction(m_closeTab);
    file->addAction(m_quit);

    QMenu *hosts = menuBar()->addMenu(tr("&Hosts"));
    hosts->addAction(m_addSshHost);
    hosts->addAction(m_addApiHost);
    hosts->addAction(m_addAgentHost);
    hosts->addSeparator();
    hosts->addAction(m_importSshConfig);
    hosts->addSeparator();
    hosts->addAction(m_refresh);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("ViewMenu"));
    view->addAction(m_findAction);
    view->addSeparator();
    view->addMenu(ThemeManager::instance()->createMenu(this));

    QMenu *container = menuBar()->addMenu(tr("&Container"));
    container->setToolTipsVisible(true);
    container->setObjectName(QStringLiteral("ContainerMenu"));
    container->addAction(m_openTerminal);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    WindowMenus::fillHelpMenu(help, this);
    help->addAction(tr("&About ArchNest"), this, &MainWindow::showAbout);

    QToolBar *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("MainToolBar"));
    toolbar->setMovable(false);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_addSshHost);
    toolbar->addAction(m_addApiHost);
    toolbar->addAction(m_addAgentHost);
    toolbar->addSeparator();
    toolbar->addAction(m_refresh);
    toolbar->addAction(m_settings);
}

void MainWindow::createCentralArea()
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("MainSplitter"));

    m_hostTree = new QTreeView(splitter);
    m_hostTree->setObjectName(QStringLiteral("HostTree"));
    m_hostTree->setModel(m_controller->hostListModel());
    m_hostTree->setHeaderHidden(true);
    m_hostTree->setUniformRowHeights(true);
    m_hostTree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_hostTree->expandAll();
    m_hostTree->setCurrentIndex(m_controller->hostListModel()->allHostsIndex());
    connect(m_hostTree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::onHostSelected);
    connect(m_hostTree, &QWidget::customContextMenuRequested, this, &MainWindow::showHostMenu);
    connect(m_controller->hostListModel(), &QAbstractItemModel::rowsInserted, m_hostTree,
            [this](const QModelIndex &parent) { m_hostTree->expand(parent); });

    m_tabs = new QTabWidget(splitter);
    m_tabs->setObjectName(QStringLiteral("ContainerTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->tabBar()->installEventFilter(this);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);

    m_emptyState = new EmptyStateWidget(m_tabs);
    m_emptyState->setIcon(QIcon(QStringLiteral(":/icons/archnest.svg")));
    m_emptyState->setTitle(tr("No hosts yet"));
    m_emptyState->setText(tr("Add a host to see its containers here. ArchNest reaches Docker over SSH "
                             "(no socket exposed), through a Docker Engine API endpoint, or receives "
                             "read-only snapshots from a push agent on each VM."));
    connect(m_emptyState->addAction(m_addSshHost->text().remove(QLatin1Char('&')), m_addSshHost->icon()),
            &QPushButton::clicked, m_addSshHost, &QAction::trigger);
    connect(m_emptyState->addAction(m_addApiHost->text().remove(QLatin1Char('&')), m_addApiHost->icon()),
            &QPushButton::clicked, m_addApiHost, &QAction::trigger);
    connect(m_emptyState->addAction(tr("Import from ~/.ssh/config…")), &QPushButton::clicked, m_importSshConfig,
            &QAction::trigger);

    m_page = new ContainersPage(m_controller, m_tabs);
    connect(m_page, &ContainersPage::openContainerRequested, this,
            [this](const QString &host, const QString &ref, const QString &name) { openDetail(host, ref, name); });
    connect(m_page->errorCard(), &HostErrorCard::editHostRequested, this, &MainWindow::editHostRequested);
    connect(m_page->errorCard(), &HostErrorCard::trustKeyRequested, this, &MainWindow::trustHostKeyRequested);
    connect(m_page, &ContainersPage::openTerminalRequested, this,
            [this](const QString &host, const QString &ref, const QString &name) { openTerminal(host, ref, name); });

    m_containersStack = new QStackedWidget(m_tabs);
    m_containersStack->setObjectName(QStringLiteral("ContainersStack"));
    m_containersStack->addWidget(m_emptyState);
    m_containersStack->addWidget(m_page);

    const int containersTab = m_tabs->addTab(m_containersStack, tr("Containers"));
    // The Containers tab is fixed; only per-container detail tabs are closable.
    m_tabs->tabBar()->setTabButton(containersTab, QTabBar::RightSide, nullptr);
    m_tabs->tabBar()->setTabButton(containersTab, QTabBar::LeftSide, nullptr);

    splitter->addWidget(m_hostTree);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({250, 1030});
    setCentralWidget(splitter);
}

void MainWindow::createStatusBar()
{
    m_hostCount = new QLabel(this);
    m_receiverStatus = new QLabel(tr("Agent receiver: off"), this);
    m_receiverStatus->setObjectName(QStringLiteral("ReceiverStatus"));
    m_receiverStatus->setTextFormat(Qt::PlainText); // may quote a peer's address or error
    m_receiverStatus->setToolTip(tr("The push-agent listener is disabled until it is enabled in Settings."));
    // Progress with a Cancel button; hidden while nothing long runs.
    m_progressBox = new QWidget(this);
    m_progressBox->setObjectName(QStringLiteral("ProgressIndicator"));
    auto *row = new QHBoxLayout(m_progressBox);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(6);
    m_progress = new QProgressBar(m_progressBox);
    m_progress->setMaximumWidth(260);
    m_progress->setMinimumWidth(180);
    m_progress->setTextVisible(true);
    m_progressCancel = new QPushButton(tr("Cancel"), m_progressBox);
    m_progressCancel->setToolTip(tr("Cancel (Esc): queued actions are not started and running ones are given up; "
                                    "what a host already did is not undone"));
    m_progressCancel->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_progressBox->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    row->addWidget(m_progress);
    row->addWidget(m_progressCancel);
    connect(m_progressCancel, &QPushButton::clicked, this, &MainWindow::cancelProgress);
    auto *esc = new QShortcut(QKeySequence(Qt::Key_Escape), m_progressBox);
    esc->setContext(Qt::WidgetWithChildrenShortcut);
    connect(esc, &QShortcut::activated, this, &MainWindow::cancelProgress);
    m_progressBox->hide();
    m_refreshDelay = new QTimer(this);
    m_refreshDelay->setSingleShot(true);
    m_refreshDelay->setInterval(400);
    connect(m_refreshDelay, &QTimer::timeout, this, &MainWindow::updateProgress);

    statusBar()->addPermanentWidget(m_progressBox);
    statusBar()->addPermanentWidget(m_hostCount);
    statusBar()->addPermanentWidget(m_receiverStatus);
}

void MainWindow::setRefreshIndicatorDelayMs(int ms)
{
    m_refreshDelay->setInterval(std::max(0, ms));
}

void MainWindow::updateProgress()
{
    const int refreshing = m_controller->refreshesInFlight();
    const bool actions = m_actionTotal > 0;
    const bool busy = !actions && refreshing > 0 && !m_refreshDelay->isActive();
    if (!actions && !busy) {
        m_cancelling = false;
        m_progressBox->hide();
        return;
    }
    if (actions) {
        m_progress->setRange(0, m_actionTotal);
        m_progress->setValue(m_actionDone);
        m_progress->setFormat(m_actionText);
    } else {
        m_progress->setRange(0, 0); // busy
        m_progress->setFormat(tr("Refreshing %n host(s)…", nullptr, refreshing));
    }
    // A busy QProgressBar draws no text on every style: say it in the tooltip too.
    m_progress->setToolTip(m_progress->format());
    m_progressCancel->setEnabled(!m_cancelling);
    m_progressBox->show();
}

void MainWindow::cancelProgress()
{
    if (!m_progressBox->isVisible() || m_cancelling)
        return;
    m_cancelling = true;
    m_progressCancel->setEnabled(false);
    if (m_controller->hasActionsRunning()) {
        statusBar()->showMessage(tr("Cancelling… (what a host already started is not undone)"), 5000);
        m_controller->cancelActions();
    } else {
        statusBar()->showMessage(tr("Refresh cancelled."), 5000);
        m_controller->cancelRefreshes();
    }
}

void MainWindow::setReceiverStatus(const QString &text, const QString &tooltip)
{
    m_receiverStatus->setText(text);
    m_receiverStatus->setToolTip(tooltip);
}

void MainWindow::updateEmptyState()
{
    const int n = m_controller->hostListModel()->hostCount();
    m_containersStack->setCurrentWidget(n == 0 ? static_cast<QWidget *>(m_emptyState) : m_page);
    m_hostCount->setText(tr("%n host(s)", nullptr, n));
}

void MainWindow::onHostSelected()
{
    const QModelIndex idx = m_hostTree->currentIndex();
    if (idx.data(HostListModel::IsGroupRole).toBool()) {
        // A group shows the containers of its hosts only.
        QSet<QString> hosts;
        const QAbstractItemModel *model = m_hostTree->model();
        for (int r = 0; r < model->rowCount(idx); ++r)
            hosts.insert(model->index(r, 0, idx).data(HostListModel::HostNameRole).toString());
        m_page->setHostGroup(hosts);
        return;
    }
    m_page->setHostFilter(idx.data(HostListModel::HostNameRole).toString());
}

void MainWindow::showHostMenu(const QPoint &pos)
{
    const QString host = m_hostTree->indexAt(pos).data(HostListModel::HostNameRole).toString();
    if (host.isEmpty())
        return;
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(tr("Refresh %1").arg(host), this, [this, host] { m_controller->refreshHost(host); });
    const HostsController::HostFailure *failure = m_controller->failureOf(host);
    if (failure && failure->keyRejected())
        menu->addAction(tr("Trust key…"), this, [this, host] { Q_EMIT trustHostKeyRequested(host); });
    menu->addAction(tr("Edit…"), this, [this, host] { Q_EMIT editHostRequested(host); });
    menu->addAction(tr("Remove…"), this, [this, host] { Q_EMIT removeHostRequested(host); });
    menu->popup(m_hostTree->viewport()->mapToGlobal(pos));
}

void MainWindow::onHostFailureChanged(const QString &host)
{
    // The host works again (or is gone / was edited): its old error leaves the status bar.
    if (!m_controller->failureOf(host) && statusBar()->currentMessage().startsWith(tr("%1: ").arg(host)))
        statusBar()->clearMessage();
}

void MainWindow::onHostFailed(const QString &host, const QString &message, const QString &code)
{
    statusBar()->showMessage(tr("%1: %2").arg(host, message.section(QLatin1Char('\n'), 0, 0)), 15000);
    // A changed host key is a possible attack: say so clearly, once per host and session.
    if (code == QLatin1String("host-key-changed") && !m_keyErrorShown.contains(host)) {
        m_keyErrorShown.insert(host);
        AsyncMessageBox::error(this, tr("Host key changed for %1").arg(host),
                               tr("The SSH host key of %1 does not match the one saved in known_hosts. Someone may "
                                  "be intercepting the connection, or the host was reinstalled. ArchNest will not "
                                  "connect until the old key is removed from known_hosts after you checked the new "
                                  "fingerprint out of band.\n\n%2")
                                   .arg(host, message));
    }
}

ContainerDetailTab *MainWindow::detailTab(const QString &host, const QString &ref) const
{
    return m_details.value(ContainersModel::keyOf(host, ref)).data();
}

ContainerDetailTab *MainWindow::openDetail(const QString &host, const QString &ref, const QString &name)
{
    const QString key = ContainersModel::keyOf(host, ref);
    if (ContainerDetailTab *existing = m_details.value(key)) {
        m_tabs->setCurrentWidget(existing);
        return existing;
    }
    auto *tab = new ContainerDetailTab(m_controller, host, ref, name, m_tabs);
    m_details.insert(key, tab);
    const int index = m_tabs->addTab(tab, name);
    m_tabs->setTabToolTip(index, tr("%1 on %2").arg(name, host));
    connect(tab, &ContainerDetailTab::titleChanged, this, [this, tab](const QString &title) {
        const int i = m_tabs->indexOf(tab);
        if (i >= 0)
            m_tabs->setTabText(i, title);
    });
    connect(tab, &ContainerDetailTab::execRequested, this,
            [this](const QString &h, const QString &r, const QString &n) { openTerminal(h, r, n); });
    m_tabs->setCurrentIndex(index);
    return tab;
}

TerminalTab *MainWindow::openTerminal(const QString &host, const QString &ref, const QString &name)
{
    ContainerSource *source = m_controller->source(host);
    const ContainersModel *model = m_controller->containersModel();
    const int row = model->findRow(host, ref);
    const ActionAvailability av =
        source ? execAvailability(HostsController::capabilitiesOf(*source),
                                  row >= 0 ? model->at(row).state : ContainerState::Unknown, row < 0)
               : ActionAvailability{false, tr("Host %1 is no longer configured.").arg(host)};
    if (!av.enabled) {
        statusBar()->showMessage(tr("Cannot open a terminal on %1 (%2): %3").arg(name, host, av.reason), 15000);
        return nullptr;
    }
    auto *tab = new TerminalTab(source, host, ref, name, m_tabs);
    const int index = m_tabs->addTab(tab, tab->tabTitle());
    m_tabs->setTabIcon(index, m_openTerminal->icon());
    m_tabs->setTabToolTip(index, tr("Shell in %1 on %2 (not restored at restart)").arg(name, host));
    connect(tab, &TerminalTab::tabTitleChanged, this, [this, tab](const QString &title) {
        const int i = m_tabs->indexOf(tab);
        if (i >= 0)
            m_tabs->setTabText(i, title);
    });
    m_tabs->setCurrentIndex(index);
    // Every page of the tab widget shares the Containers page's geometry: the exec opens at
    // the view's real size instead of a default 80x24 (or one line).
    tab->start(m_tabs->widget(0)->geometry());
    tab->setFocus(Qt::OtherFocusReason);
    return tab;
}

QList<TerminalTab *> MainWindow::terminalTabs() const
{
    QList<TerminalTab *> out;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto *t = qobject_cast<TerminalTab *>(m_tabs->widget(i)))
            out << t;
    return out;
}

void MainWindow::closeAllTerminals()
{
    for (int i = m_tabs->count() - 1; i > 0; --i)
        if (qobject_cast<TerminalTab *>(m_tabs->widget(i)))
            closeTab(i);
}

void MainWindow::openTerminalForCurrentTab()
{
    QWidget *current = m_tabs->currentWidget();
    if (auto *detail = qobject_cast<ContainerDetailTab *>(current)) {
        openTerminal(detail->host(), detail->ref(), detail->containerName());
    } else if (auto *terminal = qobject_cast<TerminalTab *>(current)) {
        openTerminal(terminal->host(), terminal->ref(), terminal->containerName());
    } else if (m_page->openTerminalAction()->isEnabled()) {
        m_page->openTerminalAction()->trigger();
    } else {
        statusBar()->showMessage(m_page->openTerminalAction()->toolTip(), 10000);
    }
}

bool MainWindow::closeTab(int index)
{
    if (auto *terminal = qobject_cast<TerminalTab *>(m_tabs->widget(index))) {
        // Hang up now; deleting the session releases (and deletes) its stream.
        terminal->session()->hangUp();
        m_tabs->removeTab(index);
        terminal->deleteLater();
        return true;
    }
    auto *tab = qobject_cast<ContainerDetailTab *>(m_tabs->widget(index));
    if (!tab)
        return false;
    m_details.remove(tab->key());
    m_tabs->removeTab(index);
    tab->deleteLater();
    return true;
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_tabs->tabBar() && event->type() == QEvent::MouseButtonRelease) {
        auto *me = static_cast<QMouseEvent *>(event);
        if (me->button() == Qt::MiddleButton) {
            const int index = m_tabs->tabBar()->tabAt(me->position().toPoint());
            if (index > 0)
                return closeTab(index);
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::saveState(QSettings &settings) const
{
    settings.beginGroup(QStringLiteral("MainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), QMainWindow::saveState());
    settings.setValue(QStringLiteral("splitter"), static_cast<QSplitter *>(centralWidget())->saveState());
    // Terminal tabs are never saved (nothing of a shell session is remembered); the current tab
    // is counted among the restorable ones only.
    QStringList open;
    int current = 0;
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *tab = qobject_cast<ContainerDetailTab *>(m_tabs->widget(i))) {
            open << QStringList{tab->host(), tab->ref(), tab->containerName()}.join(QLatin1Char('\n'));
            if (i == m_tabs->currentIndex())
                current = int(open.size());
        }
    }
    settings.setValue(QStringLiteral("openTabs"), open);
    settings.setValue(QStringLiteral("hiddenColumns"), m_page->columnChooser()->hiddenColumns());
    settings.setValue(QStringLiteral("currentTab"), current);
    settings.endGroup();
}

void MainWindow::restoreState(QSettings &settings)
{
    settings.beginGroup(QStringLiteral("MainWindow"));
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    QMainWindow::restoreState(settings.value(QStringLiteral("state")).toByteArray());
    static_cast<QSplitter *>(centralWidget())->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    m_page->columnChooser()->setHiddenColumns(settings.value(QStringLiteral("hiddenColumns")).toStringList());
    const QStringList open = settings.value(QStringLiteral("openTabs")).toStringList();
    for (const QString &entry : open) {
        const QStringList parts = entry.split(QLatin1Char('\n'));
        if (parts.size() == 3 && m_controller->source(parts.at(0)))
            openDetail(parts.at(0), parts.at(1), parts.at(2));
    }
    const int current = settings.value(QStringLiteral("currentTab"), 0).toInt();
    if (current >= 0 && current < m_tabs->count())
        m_tabs->setCurrentIndex(current);
    settings.endGroup();
}

void MainWindow::showAbout()
{
    AsyncMessageBox::ask(this, QMessageBox::Information, tr("About ArchNest"),
                         tr("<h3>ArchNest %1</h3><p>See and manage the Docker containers on many VMs "
                            "from one window, without exposing any Docker socket.</p>")
                             .arg(QString::fromLatin1(archnest::kVersion)),
                         QMessageBox::Ok, QMessageBox::Ok, {});
}

} // namespace archnest::ui
