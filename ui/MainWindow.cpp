#include "MainWindow.h"

#include "EmptyStateWidget.h"

#include <archnest/Version.h>

#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeWidget>

namespace archnest::ui {

namespace {

QTreeWidgetItem *addGroup(QTreeWidget *tree, const QString &title, const QIcon &icon, const QString &emptyHint)
{
    auto *group = new QTreeWidgetItem(tree, {title});
    group->setIcon(0, icon);
    group->setFlags(Qt::ItemIsEnabled);
    QFont bold = group->font(0);
    bold.setWeight(QFont::DemiBold);
    group->setFont(0, bold);
    auto *hint = new QTreeWidgetItem(group, {emptyHint});
    hint->setFlags(Qt::NoItemFlags);
    hint->setForeground(0, tree->palette().brush(QPalette::PlaceholderText));
    group->setExpanded(true);
    return group;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("ArchNest"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/archnest.svg")));
    setObjectName(QStringLiteral("MainWindow"));
    createActions();
    createMenus();
    createCentralArea();
    createStatusBar();
    resize(1180, 720);
}

void MainWindow::createActions()
{
    QStyle *s = style();
    m_addSshHost = new QAction(s->standardIcon(QStyle::SP_ComputerIcon), tr("Add &SSH Host…"), this);
    m_addApiHost = new QAction(s->standardIcon(QStyle::SP_DriveNetIcon), tr("Add Docker &API Host…"), this);
    m_addAgentHost = new QAction(s->standardIcon(QStyle::SP_FileDialogInfoView), tr("Add A&gent Host…"), this);
    m_importSshConfig = new QAction(tr("&Import from ~/.ssh/config…"), this);
    m_refresh = new QAction(s->standardIcon(QStyle::SP_BrowserReload), tr("&Refresh"), this);
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_settings = new QAction(s->standardIcon(QStyle::SP_FileDialogDetailedView), tr("Se&ttings…"), this);
    m_settings->setShortcut(QKeySequence::Preferences);
    m_quit = new QAction(tr("&Quit"), this);
    m_quit->setShortcut(QKeySequence::Quit);

    connect(m_addSshHost, &QAction::triggered, this, &MainWindow::addSshHostRequested);
    connect(m_addApiHost, &QAction::triggered, this, &MainWindow::addApiHostRequested);
    connect(m_addAgentHost, &QAction::triggered, this, &MainWindow::addAgentHostRequested);
    connect(m_importSshConfig, &QAction::triggered, this, &MainWindow::importSshConfigRequested);
    connect(m_refresh, &QAction::triggered, this, &MainWindow::refreshRequested);
    connect(m_settings, &QAction::triggered, this, &MainWindow::settingsRequested);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_settings);
    file->addSeparator();
    file->addAction(m_quit);

    QMenu *hosts = menuBar()->addMenu(tr("&Hosts"));
    hosts->addAction(m_addSshHost);
    hosts->addAction(m_addApiHost);
    hosts->addAction(m_addAgentHost);
    hosts->addSeparator();
    hosts->addAction(m_importSshConfig);
    hosts->addSeparator();
    hosts->addAction(m_refresh);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
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

    m_hostTree = new QTreeWidget(splitter);
    m_hostTree->setObjectName(QStringLiteral("HostTree"));
    m_hostTree->setHeaderLabel(tr("Hosts"));
    m_hostTree->setRootIsDecorated(true);
    m_hostTree->setUniformRowHeights(true);
    QStyle *s = style();
    auto *all = new QTreeWidgetItem(m_hostTree, {tr("All hosts")});
    all->setIcon(0, s->standardIcon(QStyle::SP_DirHomeIcon));
    addGroup(m_hostTree, tr("Docker over SSH"), s->standardIcon(QStyle::SP_ComputerIcon), tr("No SSH hosts"));
    addGroup(m_hostTree, tr("Docker Engine API"), s->standardIcon(QStyle::SP_DriveNetIcon), tr("No API hosts"));
    addGroup(m_hostTree, tr("Push agents"), s->standardIcon(QStyle::SP_FileDialogInfoView), tr("Receiver off"));
    m_hostTree->setCurrentItem(all);

    m_tabs = new QTabWidget(splitter);
    m_tabs->setObjectName(QStringLiteral("ContainerTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);

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

    const int containersTab = m_tabs->addTab(m_emptyState, tr("Containers"));
    // The Containers tab is fixed; only per-container detail tabs are closable.
    m_tabs->tabBar()->setTabButton(containersTab, QTabBar::RightSide, nullptr);
    m_tabs->tabBar()->setTabButton(containersTab, QTabBar::LeftSide, nullptr);

    splitter->addWidget(m_hostTree);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({260, 920});
    setCentralWidget(splitter);
}

void MainWindow::createStatusBar()
{
    m_hostCount = new QLabel(tr("0 hosts"), this);
    m_receiverStatus = new QLabel(tr("Agent receiver: off"), this);
    m_receiverStatus->setToolTip(tr("The push-agent listener is disabled until a token is set in Settings."));
    statusBar()->addWidget(m_hostCount);
    statusBar()->addPermanentWidget(m_receiverStatus);
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About ArchNest"),
                       tr("<h3>ArchNest %1</h3><p>See and manage the Docker containers on many VMs "
                          "from one window, without exposing any Docker socket.</p>")
                           .arg(QString::fromLatin1(archnest::kVersion)));
}

} // namespace archnest::ui
