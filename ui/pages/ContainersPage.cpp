#include "pages/ContainersPage.h"

#include "HostsController.h"
#include "dialogs/AsyncMessageBox.h"
#include "models/ContainerFilterProxy.h"
#include "models/ContainersModel.h"
#include "models/TransientNotice.h"
#include "pages/ColumnChooser.h"
#include "pages/HostErrorCard.h"
#include "pages/TerminalTab.h"

#include <QAction>
#include <QComboBox>
#include <QEvent>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMouseEvent>
#include <QPointer>
#include <QStyle>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace archnest::ui {

ContainersPage::ContainersPage(HostsController *controller, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("ContainersPage"));
    m_proxy = new ContainerFilterProxy(this);
    m_proxy->setContainersModel(controller->containersModel());

    m_toolbar = new QToolBar(this);
    m_toolbar->setObjectName(QStringLiteral("ContainerActions"));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolbar->setIconSize(QSize(16, 16));

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("ContainerFilter"));
    m_filter->setPlaceholderText(tr("Filter by name, image or label (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(260);
    // Keystrokes typed quickly coalesce into one re-filter (each costs a pass over every row).
    auto *filterDelay = new QTimer(this);
    filterDelay->setSingleShot(true);
    filterDelay->setInterval(60);
    connect(filterDelay, &QTimer::timeout, this, [this] { m_proxy->setFilterString(m_filter->text()); });
    connect(m_filter, &QLineEdit::textChanged, filterDelay, qOverload<>(&QTimer::start));

    m_state = new QComboBox(this);
    m_state->setObjectName(QStringLiteral("StateFilter"));
    m_state->addItem(tr("All states"), int(ContainerFilterProxy::StateFilter::All));
    m_state->addItem(tr("Running"), int(ContainerFilterProxy::StateFilter::Running));
    m_state->addItem(tr("Stopped"), int(ContainerFilterProxy::StateFilter::Stopped));
    m_state->addItem(tr("Paused"), int(ContainerFilterProxy::StateFilter::Paused));
    m_state->addItem(tr("Restarting / other"), int(ContainerFilterProxy::StateFilter::Other));
    connect(m_state, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_proxy->setStateFilter(ContainerFilterProxy::StateFilter(m_state->itemData(i).toInt()));
    });

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("ContainerTable"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ContainersModel::NameColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    const QList<QPair<int, int>> widths{{ContainersModel::NameColumn, 150},    {ContainersModel::HostColumn, 95},
                                        {ContainersModel::ImageColumn, 165},   {ContainersModel::StateColumn, 70},
                                        {ContainersModel::StatusColumn, 165},  {ContainersModel::PortsColumn, 110},
                                        {ContainersModel::CreatedColumn, 115}, {ContainersModel::CpuColumn, 55}};
    for (const auto &[col, w] : widths)
        m_table->setColumnWidth(col, w);
    // CPU and Memory next to the state: on screen at 1024 px. Right-click the header to choose
    // the columns (Name stays).
    ColumnChooser::placeAfter(m_table->horizontalHeader(), ContainersModel::StateColumn,
                              {ContainersModel::CpuColumn, ContainersModel::MemoryColumn});
    m_columns = new ColumnChooser(m_table->horizontalHeader(), {ContainersModel::NameColumn});
    connect(m_table, &QWidget::customContextMenuRequested, this, &ContainersPage::showContextMenu);
    // A single click only selects (Ctrl/Shift extend the selection); a double-click or Enter
    // opens, a double-click with a modifier never does (see eventFilter).
    connect(m_table, &QAbstractItemView::doubleClicked, this, &ContainersPage::openCurrent);
    m_table->viewport()->installEventFilter(this);

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("ContainersBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText); // remote error text
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_banner->setContentsMargins(8, 4, 8, 4);
    m_banner->setAutoFillBackground(true);
    m_banner->hide();

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("ContainerCount"));

    buildActions();

    m_toolbar->addWidget(m_filter);
    m_toolbar->addWidget(m_state);
    m_toolbar->addSeparator();
    for (const ContainerAction a : allActions())
        m_toolbar->addAction(m_actions.value(int(a)));
    m_toolbar->addSeparator();
    m_toolbar->addAction(m_openTerminal);
    auto *spacer = new QWidget(this);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolbar->addWidget(spacer);
    m_toolbar->addWidget(m_count);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolbar);
    layout->addWidget(m_banner);
    m_errorCard = new HostErrorCard(controller, this);
    layout->addWidget(m_errorCard);
    layout->addWidget(m_table, 1);

    m_table->setTabKeyNavigation(false); // Tab moves on to the next widget, not the next cell
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ContainersPage::updateActions);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, &ContainersPage::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &ContainersPage::updateActions);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &ContainersPage::updateActions);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ContainersPage::updateActions);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &ContainersPage::updateActions);
    // An action's notice belongs to the view it was started from and goes away on its own.
    m_notice = new TransientNotice(this);
    m_notice->setScope(m_viewScope);
    connect(m_notice, &TransientNotice::changed, this, [this] {
        m_bannerError = m_notice->isError();
        tintBanner();
        m_banner->setText(m_notice->text());
        m_banner->setVisible(m_notice->isShown());
    });
    connect(controller, &HostsController::actionStarted, this,
            [this](const QString &text) { m_notice->show(text, false, m_viewScope); });
    connect(controller, &HostsController::actionFinished, this,
            [this](const QString &text, bool ok) { m_notice->show(text, !ok, m_viewScope); });
    updateActions();
}

void ContainersPage::buildActions()
{
    QStyle *s = style();
    const QHash<int, QIcon> icons{{int(ContainerAction::Start), s->standardIcon(QStyle::SP_MediaPlay)},
                                  {int(ContainerAction::Stop), s->standardIcon(QStyle::SP_MediaStop)},
                                  {int(ContainerAction::Restart), s->standardIcon(QStyle::SP_BrowserReload)},
                                  {int(ContainerAction::Pause), s->standardIcon(QStyle::SP_MediaPause)},
                                  {int(ContainerAction::Unpause), s->standardIcon(QStyle::SP_MediaSeekForward)},
                                  {int(ContainerAction::Remove), s->standardIcon(QStyle::SP_TrashIcon)}};
    for (const ContainerAction a : allActions()) {
        auto *act = new QAction(icons.value(int(a)), actionLabel(a), this);
        act->setObjectName(QStringLiteral("action-") + containerActionVerb(a));
        connect(act, &QAction::triggered, this, [this, a] { trigger(a); });
        m_actions.insert(int(a), act);
    }
    m_actions.value(int(ContainerAction::Remove))->setShortcut(QKeySequence::Delete);
    m_actions.value(int(ContainerAction::Remove))->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_actions.value(int(ContainerAction::Remove)));

    m_open = new QAction(tr("Open Details"), this);
    m_open->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_open->setShortcutContext(Qt::WidgetShortcut);
    connect(m_open, &QAction::triggered, this, &ContainersPage::openCurrent);
    m_table->addAction(m_open);

    // The shortcut (Ctrl+Shift+T) is the main window's, which routes it here on this tab.
    m_openTerminal =
        new QAction(QIcon::fromTheme(QStringLiteral("utilities-terminal"), s->standardIcon(QStyle::SP_ComputerIcon)),
                    tr("Open Terminal"), this);
    m_openTerminal->setObjectName(QStringLiteral("action-terminal"));
    connect(m_openTerminal, &QAction::triggered, this, [this] {
        const QList<SelectedContainer> sel = selection();
        if (sel.size() == 1 && m_openTerminal->isEnabled())
            Q_EMIT openTerminalRequested(sel.first().host, sel.first().ref, sel.first().name);
    });
}

QList<SelectedContainer> ContainersPage::selection() const
{
    QList<SelectedContainer> out;
    const ContainersModel *model = m_proxy->containersModel();
    for (const QModelIndex &proxyIndex : m_table->selectionModel()->selectedRows()) {
        const int row = m_proxy->containerRow(proxyIndex);
        if (row < 0)
            continue;
        const ContainerSummary &c = model->at(row);
        out << SelectedContainer{c.hostName, c.id.isEmpty() ? c.name : c.id, c.name, c.state,
                                 model->hostCapabilities(c.hostName)};
    }
    return out;
}

void ContainersPage::updateActions()
{
    const QList<SelectedContainer> sel = selection();
    for (const ContainerAction a : allActions()) {
        QAction *act = m_actions.value(int(a));
        const ActionAvailability av = actionAvailability(a, sel);
        act->setEnabled(av.enabled);
        act->setToolTip(av.reason.isEmpty() ? actionLabel(a) : actionLabel(a) + QStringLiteral(" — ") + av.reason);
    }
    m_open->setEnabled(m_table->currentIndex().isValid());
    ActionAvailability exec{false, tr("Select one running container first.")};
    if (sel.size() == 1)
        exec = execAvailability(sel.first().caps, sel.first().state);
    m_openTerminal->setEnabled(exec.enabled);
    m_openTerminal->setToolTip(exec.enabled ? exec.reason : tr("Open Terminal — %1").arg(exec.reason));
    const int shown = m_proxy->rowCount();
    const int total = m_proxy->containersModel()->rowCount();
    m_count->setText(shown == total ? tr("%n container(s)", nullptr, total)
                                    : tr("%1 of %n container(s)", nullptr, total).arg(shown));
}

void ContainersPage::trigger(ContainerAction action)
{
    const QList<SelectedContainer> sel = selection();
    if (action != ContainerAction::Remove) {
        m_controller->perform(action, sel);
        return;
    }
    const QList<SelectedContainer> targets = actionTargets(action, sel);
    if (targets.isEmpty())
        return;
    QStringList names;
    for (const SelectedContainer &t : targets)
        names << tr("%1 on %2").arg(t.name, t.host);
    const QString text =
        tr("Remove %n container(s)? This cannot be undone.\n\n%1", nullptr, int(targets.size()))
            .arg(names.mid(0, 10).join(QLatin1Char('\n')) + (names.size() > 10 ? QStringLiteral("\n…") : QString()));
    QPointer<ContainersPage> self(this);
    AsyncMessageBox::confirm(this, tr("Remove containers"), text, tr("Remove"), [self, targets](bool yes) {
        if (self && yes)
            self->m_controller->perform(ContainerAction::Remove, targets, RemoveOptions{true, false});
    });
}

void ContainersPage::openCurrent()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    const int row = m_proxy->containerRow(current);
    if (row < 0)
        return;
    const ContainerSummary &c = m_proxy->containersModel()->at(row);
    Q_EMIT openContainerRequested(c.hostName, c.id.isEmpty() ? c.name : c.id, c.name);
}

void ContainersPage::showContextMenu(const QPoint &pos)
{
    if (!m_table->indexAt(pos).isValid())
        return;
    auto *menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->setToolTipsVisible(true);
    menu->addAction(m_open);
    menu->addAction(m_openTerminal);
    menu->addSeparator();
    for (const ContainerAction a : allActions())
        menu->addAction(m_actions.value(int(a)));
    menu->popup(m_table->viewport()->mapToGlobal(pos));
}

void ContainersPage::setHostFilter(const QString &host)
{
    m_proxy->setHostFilter(host);
    m_errorCard->setHost(host);
    m_viewScope = QStringLiteral("host:") + host;
    m_notice->setScope(m_viewScope);
    updateActions();
}

void ContainersPage::setHostGroup(const QSet<QString> &hosts)
{
    m_proxy->setHostSet(hosts);
    m_errorCard->setHost({});
    QStringList names(hosts.cbegin(), hosts.cend());
    names.sort();
    m_viewScope = QStringLiteral("group:") + names.join(QLatin1Char(','));
    m_notice->setScope(m_viewScope);
    updateActions();
}

void ContainersPage::focusFilter()
{
    m_filter->setFocus(Qt::ShortcutFocusReason);
    m_filter->selectAll();
}

void ContainersPage::showBanner(const QString &text, bool error)
{
    m_notice->show(text, error); // not tied to a view (e.g. the hosts file could not be saved)
}

void ContainersPage::tintBanner()
{
    // The window colour mixed with red/blue: readable with the palette's own text colour on light
    // and dark themes alike (a stronger tint on dark, where 20% barely shows).
    const QPalette own = palette();
    const QColor base = own.color(QPalette::Window);
    const QColor tint = m_bannerError ? QColor(0xd9, 0x48, 0x3b) : QColor(0x3d, 0x8b, 0xd9);
    const float w = base.lightness() < 128 ? 0.3f : 0.2f;
    QColor mixed = base;
    mixed.setRgbF(base.redF() * (1 - w) + tint.redF() * w, base.greenF() * (1 - w) + tint.greenF() * w,
                  base.blueF() * (1 - w) + tint.blueF() * w);
    QPalette pal = own;
    pal.setColor(QPalette::Window, mixed);
    m_banner->setPalette(pal);
}

bool ContainersPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::MouseButtonDblClick &&
        static_cast<QMouseEvent *>(event)->modifiers() != Qt::NoModifier)
        return true; // part of a multi-selection, not an "open"
    return QWidget::eventFilter(watched, event);
}

void ContainersPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_banner)
        tintBanner(); // the theme changed: re-mix from the new window colour
}

} // namespace archnest::ui
