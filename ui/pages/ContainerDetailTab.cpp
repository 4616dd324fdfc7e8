#include "pages/ContainerDetailTab.h"

#include "HostsController.h"
#include "docker/ContainerSource.h"
#include "logs/LogPanel.h"
#include "models/ContainerStatusText.h"
#include "models/ContainersModel.h"
#include "pages/TerminalTab.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QShowEvent>
#include <QStyle>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace archnest::ui {

namespace {

QString dateText(const QDateTime &dt)
{
    if (!dt.isValid() || dt.toSecsSinceEpoch() <= 0)
        return {};
    return QLocale().toString(dt.toLocalTime(), QLocale::LongFormat);
}

} // namespace

ContainerDetailTab::ContainerDetailTab(HostsController *controller, QString host, QString ref, QString name,
                                       QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_host(std::move(host))
    , m_ref(std::move(ref))
    , m_name(std::move(name))
{
    setObjectName(QStringLiteral("ContainerDetailTab"));
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    m_title->setContentsMargins(8, 6, 8, 2);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("DetailBanner"));
    m_banner->setWordWrap(true);
    m_banner->setTextFormat(Qt::PlainText); // remote error text
    m_banner->setContentsMargins(8, 4, 8, 4);
    m_banner->setAutoFillBackground(true);
    m_banner->setBackgroundRole(QPalette::AlternateBase);
    m_banner->hide();

    m_sections = new QTabWidget(this);
    m_sections->setObjectName(QStringLiteral("DetailSections"));
    m_sections->setDocumentMode(true);

    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("DetailTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Field"), tr("Value")});
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_sections->addTab(m_tree, tr("Details"));

    auto *envPage = new QWidget(this);
    m_env = new QTableWidget(0, 2, envPage);
    m_env->setObjectName(QStringLiteral("EnvTable"));
    m_env->setHorizontalHeaderLabels({tr("Variable"), tr("Value")});
    m_env->horizontalHeader()->setStretchLastSection(true);
    m_env->verticalHeader()->hide();
    m_env->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_env->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_reveal = new QPushButton(tr("Reveal selected value"), envPage);
    m_envNote = new QLabel(envPage);
    m_envNote->setWordWrap(true);
    m_envNote->setTextFormat(Qt::PlainText);
    m_envNote->setForegroundRole(QPalette::PlaceholderText);
    auto *envLayout = new QVBoxLayout(envPage);
    envLayout->addWidget(m_envNote);
    envLayout->addWidget(m_env, 1);
    envLayout->addWidget(m_reveal, 0, Qt::AlignLeft);
    m_sections->addTab(envPage, tr("Environment"));
    connect(m_reveal, &QPushButton::clicked, this, [this] {
        const int row = m_env->currentRow();
        if (m_revealed.contains(row))
            hideEnv(row);
        else
            revealEnv(row);
    });
    connect(m_env, &QTableWidget::currentCellChanged, this, [this](int row) {
        m_reveal->setText(m_revealed.contains(row) ? tr("Hide selected value") : tr("Reveal selected value"));
    });

    m_logs = new LogPanel(source(), m_ref, this);
    m_sections->addTab(m_logs, tr("Logs"));
    m_sections->addTab(buildTerminalSection(), tr("Terminal"));

    m_exec = new QAction(
        QIcon::fromTheme(QStringLiteral("utilities-terminal"), style()->standardIcon(QStyle::SP_ComputerIcon)),
        tr("Exec"), this);
    m_exec->setObjectName(QStringLiteral("action-exec"));
    connect(m_exec, &QAction::triggered, this, [this] { Q_EMIT execRequested(m_host, m_ref, m_name); });
    auto *toolbar = new QToolBar(this);
    toolbar->setObjectName(QStringLiteral("DetailToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->setIconSize(QSize(16, 16));
    toolbar->addAction(m_exec);
    auto *header = new QHBoxLayout;
    header->setContentsMargins(0, 0, 4, 0);
    header->addWidget(m_title, 1);
    header->addWidget(toolbar);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addWidget(m_sections, 1);

    m_title->setText(QStringLiteral("<b>%1</b> &nbsp; <span>%2</span>")
                         .arg(m_name.toHtmlEscaped(), tr("on %1").arg(m_host).toHtmlEscaped()));
    connect(controller, &HostsController::hostRefreshed, this, &ContainerDetailTab::onHostRefreshed);
    connect(controller, &HostsController::hostRemoved, this, [this](const QString &host) {
        if (host == m_host)
            setGone(true, tr("The host %1 was removed: the details of %2 are no longer shown because they would be "
                             "out of date; close this tab.")
                              .arg(m_host, m_name));
    });
    connect(m_sections, &QTabWidget::currentChanged, this, &ContainerDetailTab::updateStatsStream);
    updateExec();
    refresh();
}

ContainerDetailTab::~ContainerDetailTab()
{
    stopStatsStream();
}

void ContainerDetailTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateStatsStream();
}

void ContainerDetailTab::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateStatsStream();
}

bool ContainerDetailTab::wantsLiveStats() const
{
    if (!isVisible() || m_sections->currentWidget() != m_tree || m_gone || !m_haveDetail ||
        m_detail.summary.state != ContainerState::Running)
        return false;
    const ContainerSource *src = source();
    return src && src->canManage();
}

void ContainerDetailTab::updateStatsStream()
{
    const bool want = wantsLiveStats();
    if (want && !m_statsStream)
        startStatsStream();
    else if (!want && m_statsStream)
        stopStatsStream();
}

void ContainerDetailTab::startStatsStream()
{
    ContainerSource *src = source();
    if (!src)
        return;
    StatsStream *stream = src->streamStats(m_ref);
    if (!stream)
        return;
    stream->setParent(this);
    m_statsStream = stream;
    m_liveNote.clear();
    connect(stream, &StatsStream::sampleReceived, this, [this](const StatsSample &sample) {
        ++m_liveSamples;
        fillStats(sample);
        Q_EMIT liveStatsSampleShown(sample);
    });
    const auto ended = [this, stream](const QString &note) {
        if (m_statsStream != stream)
            return;
        m_statsStream = nullptr;
        stream->disconnect(this);
        stream->deleteLater();
        m_liveNote = note;
        if (m_statsItem)
            addRow(m_statsItem, tr("Live"), note);
        Q_EMIT liveStatsRunningChanged(false);
    };
    connect(stream, &StatsStream::finished, this, [ended](const QString &reason) {
        ended(reason.isEmpty() ? tr("stopped by the host") : tr("stopped: %1").arg(reason));
    });
    connect(stream, &StatsStream::failed, this,
            [ended](const QString &message) { ended(tr("unavailable: %1").arg(message)); });
    Q_EMIT liveStatsRunningChanged(true);
}

void ContainerDetailTab::stopStatsStream()
{
    if (!m_statsStream)
        return;
    StatsStream *stream = m_statsStream;
    m_statsStream = nullptr;
    stream->disconnect(this);
    stream->stop();
    stream->deleteLater();
    Q_EMIT liveStatsRunningChanged(false);
}

QWidget *ContainerDetailTab::buildTerminalSection()
{
    m_terminalPage = new QWidget(this);
    m_terminalPage->setObjectName(QStringLiteral("TerminalSection"));
    auto *text = new QLabel(tr("Open an interactive shell inside this container (bash if the image has it, else "
                               "sh), like <tt>docker exec -it</tt>. Each terminal opens in its own tab; several can "
                               "be open at once, and closing a tab ends its shell. Terminal tabs are not restored "
                               "when ArchNest restarts."),
                            m_terminalPage);
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    m_openTerminal = new QPushButton(tr("Open terminal"), m_terminalPage);
    m_openTerminal->setObjectName(QStringLiteral("OpenTerminalButton"));
    m_openTerminal->setIcon(
        QIcon::fromTheme(QStringLiteral("utilities-terminal"), style()->standardIcon(QStyle::SP_ComputerIcon)));
    m_terminalNote = new QLabel(m_terminalPage);
    m_terminalNote->setWordWrap(true);
    m_terminalNote->setTextFormat(Qt::PlainText);
    m_terminalNote->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(m_terminalPage);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addWidget(text);
    layout->addWidget(m_openTerminal, 0, Qt::AlignLeft);
    layout->addWidget(m_terminalNote);
    layout->addStretch(1);
    connect(m_openTerminal, &QPushButton::clicked, this, [this] { Q_EMIT execRequested(m_host, m_ref, m_name); });
    return m_terminalPage;
}

void ContainerDetailTab::updateExec()
{
    if (!m_exec)
        return;
    ContainerSource *src = source();
    HostCapabilities caps = src ? HostsController::capabilitiesOf(*src)
                                : HostCapabilities{false, tr("Host %1 is no longer configured.").arg(m_host)};
    ContainerState state = ContainerState::Unknown;
    if (m_haveDetail)
        state = m_detail.summary.state;
    else if (const int row = m_controller->containersModel()->findRow(m_host, m_ref); row >= 0)
        state = m_controller->containersModel()->at(row).state;
    const ActionAvailability av = execAvailability(caps, state, m_gone);
    m_exec->setEnabled(av.enabled);
    m_exec->setToolTip(av.enabled ? av.reason : tr("Exec — %1").arg(av.reason));
    m_openTerminal->setEnabled(av.enabled);
    m_openTerminal->setToolTip(m_exec->toolTip());
    m_terminalNote->setText(av.enabled ? QString() : av.reason);
    m_terminalNote->setVisible(!av.enabled);
}

QString ContainerDetailTab::key() const
{
    return ContainersModel::keyOf(m_host, m_ref);
}

ContainerSource *ContainerDetailTab::source() const
{
    return m_controller->source(m_host);
}

void ContainerDetailTab::refresh()
{
    ContainerSource *s = source();
    if (!s) {
        showError(tr("Host %1 is no longer configured.").arg(m_host));
        return;
    }
    if (m_inspecting)
        return;
    m_inspecting = true;
    QPointer<ContainerDetailTab> self(this);
    s->inspect({m_ref}, [self](Result<QList<ContainerDetail>> result) {
        if (!self)
            return;
        self->m_inspecting = false;
        if (!result) {
            if (result.error().code == QLatin1String("not-found"))
                self->setGone(true);
            else
                self->showError(
                    tr("Could not read %1 on %2: %3").arg(self->m_name, self->m_host, result.errorMessage()));
            return;
        }
        if (result->isEmpty()) {
            self->setGone(true);
            return;
        }
        self->fill(result->first());
        Q_EMIT self->detailLoaded();
    });
}

void ContainerDetailTab::onHostRefreshed(const QString &host)
{
    if (host != m_host)
        return;
    const ContainersModel *model = m_controller->containersModel();
    const int row = model->findRow(m_host, m_ref);
    if (row < 0) {
        setGone(true);
        return;
    }
    const ContainerSummary &now = model->at(row);
    if (m_gone || !(now == m_lastSummary)) {
        m_lastSummary = now;
        setGone(false);
        refresh();
    }
}

void ContainerDetailTab::setGone(bool gone, const QString &why)
{
    if (gone == m_gone)
        return;
    m_gone = gone;
    if (gone) {
        m_banner->setText(!why.isEmpty() ? why
                                         : tr("The container %1 no longer exists on %2. Its details are no longer "
                                              "shown because they would be out of date; close this tab.")
                                               .arg(m_name, m_host));
        m_title->setText(QStringLiteral("<b>%1</b> &nbsp; <span>%2</span>")
                             .arg(m_name.toHtmlEscaped(), tr("gone from %1").arg(m_host).toHtmlEscaped()));
        m_logs->endFollow(source() ? tr("the container no longer exists.") : tr("the host was removed."));
        m_banner->show();
        m_tree->clear();
        m_env->setRowCount(0);
        m_sections->setEnabled(false);
        Q_EMIT titleChanged(tr("%1 (gone)").arg(m_name));
    } else {
        m_banner->hide();
        m_sections->setEnabled(true);
        Q_EMIT titleChanged(m_name);
    }
    updateExec();
    updateStatsStream();
}

void ContainerDetailTab::showError(const QString &message)
{
    m_banner->setText(message);
    m_banner->show();
}

QTreeWidgetItem *ContainerDetailTab::section(const QString &title, const QString &unknownKey)
{
    auto *item = new QTreeWidgetItem(m_tree, {title});
    QFont f = item->font(0);
    f.setWeight(QFont::DemiBold);
    item->setFont(0, f);
    item->setFirstColumnSpanned(true);
    item->setExpanded(true);
    if (!unknownKey.isEmpty() && m_detail.unknownFields.contains(unknownKey)) {
        const ContainerSource *src = source();
        auto *note =
            new QTreeWidgetItem(item, {ContainerStatusText::unknownNote(
                                          unknownKey, src ? src->host().kind : HostKind::Ssh, m_detail.summary.state)});
        note->setForeground(0, palette().brush(QPalette::PlaceholderText));
        note->setFirstColumnSpanned(true);
    }
    return item;
}

void ContainerDetailTab::addRow(QTreeWidgetItem *parent, const QString &label, const QString &value)
{
    if (value.isEmpty())
        return;
    auto *item = new QTreeWidgetItem(parent, {label, value});
    item->setToolTip(1, value);
}

void ContainerDetailTab::fill(const ContainerDetail &d)
{
    m_detail = d;
    m_haveDetail = true;
    if (!m_gone)
        m_banner->hide();
    const ContainerSummary &s = d.summary;
    const QColor stateColor = ContainersModel::stateColor(s.state, palette());
    const QString status =
        s.status.compare(containerStateName(s.state), Qt::CaseInsensitive) == 0
            ? QString()
            : ContainerStatusText::withUptime(s.status, d.startedAt, QDateTime::currentDateTimeUtc());
    m_title->setText(QStringLiteral("<b>%1</b> &nbsp; %2 &nbsp; <span style=\"color:%3\">●&nbsp;%4</span> &nbsp; %5")
                         .arg(s.name.toHtmlEscaped(), tr("on %1").arg(m_host).toHtmlEscaped(), stateColor.name(),
                              containerStateName(s.state).toHtmlEscaped(), status.toHtmlEscaped()));

    m_tree->clear();
    QTreeWidgetItem *overview = section(tr("Overview"), QStringLiteral("overview"));
    addRow(overview, tr("Name"), s.name);
    addRow(overview, tr("ID"), s.id);
    addRow(overview, tr("Host"), m_host);
    addRow(overview, tr("Image"), s.image);
    addRow(overview, tr("Image ID"), d.imageId);
    addRow(overview, tr("Command"), s.command);
    addRow(overview, tr("Entrypoint"), d.entrypoint.join(QLatin1Char(' ')));
    addRow(overview, tr("Cmd"), d.cmd.join(QLatin1Char(' ')));
    addRow(overview, tr("Created"), dateText(s.created));
    addRow(overview, tr("Platform"), d.platform);
    addRow(overview, tr("Hostname"), d.hostname);
    addRow(overview, tr("Working dir"), d.workingDir);
    addRow(overview, tr("User"), d.user);
    addRow(overview, tr("Restart policy"), d.restartPolicy);
    addRow(overview, tr("TTY"), d.tty ? tr("yes") : QString());

    QTreeWidgetItem *state = section(tr("State"), QStringLiteral("state"));
    addRow(state, tr("State"), containerStateName(s.state));
    addRow(state, tr("Status"),
           ContainerStatusText::withUptime(s.status, d.startedAt, QDateTime::currentDateTimeUtc()));
    addRow(state, tr("Health"), d.health.status.isEmpty() ? tr("no health check") : d.health.status);
    if (d.health.failingStreak > 0)
        addRow(state, tr("Failing streak"), QString::number(d.health.failingStreak));
    addRow(state, tr("Last health output"), d.health.lastOutput.trimmed());
    addRow(state, tr("Restart count"), QString::number(d.restartCount));
    addRow(state, tr("Exit code"), d.exitCode ? QString::number(*d.exitCode) : QString());
    addRow(state, tr("Error"), d.error);
    addRow(state, tr("OOM killed"), d.oomKilled ? tr("yes") : QString());
    addRow(state, tr("PID"), d.pid > 0 ? QString::number(d.pid) : QString());
    addRow(state, tr("Started"), dateText(d.startedAt));
    if (ContainerStatusText::showsFinished(s.state, d.finishedAt)) // not a running one's previous run
        addRow(state, tr("Finished"), dateText(d.finishedAt));

    ContainerSource *src = source();
    // Inspect never carries stats; a managed source can still sample them, so ask it.
    const bool canSample = src && src->canManage() && s.state == ContainerState::Running && !s.stats;
    m_statsItem = section(tr("Stats"), canSample || s.stats ? QString() : QStringLiteral("stats"));
    if (s.stats)
        fillStats(*s.stats);
    else if (canSample)
        addRow(m_statsItem, tr("Sample"), tr("loading…"));
    else if (!d.unknownFields.contains(QStringLiteral("stats")))
        addRow(m_statsItem, tr("Sample"), tr("not running"));

    QTreeWidgetItem *ports = section(tr("Ports"), QStringLiteral("ports"));
    for (const PortMapping &p : s.ports)
        addRow(ports, p.hostPort > 0 ? tr("published") : tr("exposed"), p.display());
    if (s.ports.isEmpty() && !d.unknownFields.contains(QStringLiteral("ports")))
        addRow(ports, tr("none"), tr("no ports"));

    QTreeWidgetItem *networks = section(tr("Networks"), QStringLiteral("networks"));
    for (const NetworkAttachment &n : d.networks) {
        QStringList parts;
        if (!n.ipAddress.isEmpty())
            parts << tr("IP %1").arg(n.ipAddress);
        if (!n.gateway.isEmpty())
            parts << tr("gateway %1").arg(n.gateway);
        if (!n.macAddress.isEmpty())
            parts << tr("MAC %1").arg(n.macAddress);
        if (!n.aliases.isEmpty())
            parts << tr("aliases %1").arg(n.aliases.join(QStringLiteral(", ")));
        addRow(networks, n.name, parts.isEmpty() ? tr("attached") : parts.join(QStringLiteral(" · ")));
    }

    QTreeWidgetItem *mounts = section(tr("Mounts"), QStringLiteral("mounts"));
    for (const MountPoint &m : d.mounts)
        addRow(mounts, m.destination,
               tr("%1 %2 (%3)").arg(m.type, m.name.isEmpty() ? m.source : m.name, m.readWrite ? tr("rw") : tr("ro")));
    if (d.mounts.isEmpty() && !d.unknownFields.contains(QStringLiteral("mounts")))
        addRow(mounts, tr("none"), tr("no mounts"));

    QTreeWidgetItem *labels = section(tr("Labels"), QStringLiteral("labels"));
    for (auto it = s.labels.cbegin(); it != s.labels.cend(); ++it)
        addRow(labels, it.key(), it.value().isEmpty() ? QStringLiteral("\"\"") : it.value());

    // Environment
    m_env->setRowCount(int(d.env.size()));
    m_revealed.clear();
    m_reveal->setText(tr("Reveal selected value"));
    for (int i = 0; i < d.env.size(); ++i) {
        const EnvVar &v = d.env.at(i);
        m_env->setItem(i, 0, new QTableWidgetItem(v.key));
        auto *value = new QTableWidgetItem(v.masked ? QStringLiteral("••••••••") : v.value);
        if (v.masked)
            value->setToolTip(tr("Hidden because the name looks like a secret."));
        m_env->setItem(i, 1, value);
    }
    const bool canReveal = src && src->canManage();
    m_reveal->setEnabled(canReveal);
    m_reveal->setToolTip(canReveal ? tr("Fetch the clear value of the selected variable from the host.")
                                   : tr("Values cannot be revealed on read-only and push-agent hosts."));
    if (d.unknownFields.contains(QStringLiteral("env")))
        m_envNote->setText(ContainerStatusText::unknownNote(QStringLiteral("env"),
                                                            src ? src->host().kind : HostKind::Ssh, d.summary.state));
    else
        m_envNote->setText(tr("Values whose names look like secrets are masked; reveal one explicitly if needed."));

    updateExec();

    // Live stats while the section is on screen; else one sample per inspect, when the source can
    // give them and the summary has none.
    updateStatsStream();
    if (canSample && !m_statsStream) {
        QPointer<ContainerDetailTab> self(this);
        src->stats({m_ref}, [self](Result<QList<StatsSample>> result) {
            if (!self || !self->m_statsItem)
                return;
            qDeleteAll(self->m_statsItem->takeChildren());
            if (!result)
                self->addRow(self->m_statsItem, tr("Unavailable"), result.errorMessage());
            else if (!result->isEmpty())
                self->fillStats(result->first());
        });
    }
}

void ContainerDetailTab::fillStats(const StatsSample &st)
{
    if (!m_statsItem)
        return;
    qDeleteAll(m_statsItem->takeChildren());
    if (st.cpuPercent)
        addRow(m_statsItem, tr("CPU"), QString::number(*st.cpuPercent, 'f', 2) + QLatin1Char('%'));
    if (st.memoryBytes) {
        QString mem = ContainersModel::formatBytes(*st.memoryBytes);
        if (st.memoryLimitBytes)
            mem += tr(" of %1").arg(ContainersModel::formatBytes(*st.memoryLimitBytes));
        if (st.memoryPercent)
            mem += QStringLiteral(" (%1%)").arg(*st.memoryPercent, 0, 'f', 1);
        addRow(m_statsItem, tr("Memory"), mem);
    }
    if (st.networkRxBytes || st.networkTxBytes)
        addRow(m_statsItem, tr("Network"),
               tr("%1 in / %2 out")
                   .arg(ContainersModel::formatBytes(st.networkRxBytes.value_or(0)),
                        ContainersModel::formatBytes(st.networkTxBytes.value_or(0))));
    if (st.blockReadBytes || st.blockWriteBytes)
        addRow(m_statsItem, tr("Block I/O"),
               tr("%1 read / %2 written")
                   .arg(ContainersModel::formatBytes(st.blockReadBytes.value_or(0)),
                        ContainersModel::formatBytes(st.blockWriteBytes.value_or(0))));
    if (st.pids)
        addRow(m_statsItem, tr("PIDs"), QString::number(*st.pids));
    addRow(m_statsItem, tr("Sampled"), dateText(st.takenAt));
    if (m_statsStream)
        addRow(m_statsItem, tr("Live"), tr("updating while this section is shown"));
}

void ContainerDetailTab::hideEnv(int row)
{
    if (!m_revealed.remove(row) || !m_env->item(row, 1))
        return;
    m_env->item(row, 1)->setText(QStringLiteral("••••••••"));
    m_env->item(row, 1)->setToolTip(tr("Hidden because the name looks like a secret."));
    m_reveal->setText(tr("Reveal selected value"));
}

void ContainerDetailTab::revealEnv(int row)
{
    ContainerSource *src = source();
    if (!src || !src->canManage() || row < 0 || row >= m_detail.env.size())
        return;
    const QString key = m_detail.env.at(row).key;
    QPointer<ContainerDetailTab> self(this);
    src->revealEnv(m_ref, key, [self, row, key](Result<QString> result) {
        if (!self || row >= self->m_env->rowCount() || self->m_env->item(row, 0)->text() != key)
            return;
        if (!result) {
            self->m_envNote->setText(tr("Could not reveal %1: %2").arg(key, result.errorMessage()));
            return;
        }
        self->m_env->item(row, 1)->setText(result.value());
        self->m_env->item(row, 1)->setToolTip(tr("Revealed on request; Hide or closing the tab forgets it."));
        self->m_revealed.insert(row);
        if (self->m_env->currentRow() == row)
            self->m_reveal->setText(tr("Hide selected value"));
    });
}

} // namespace archnest::ui
