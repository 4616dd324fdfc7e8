#include "logs/LogPanel.h"

#include "logs/LogFileName.h"
#include "logs/LogLineModel.h"
#include "logs/LogView.h"

#include <QApplication>
#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QThreadPool>
#include <QVBoxLayout>

namespace archnest::ui {

LogPanel::LogPanel(ContainerSource *source, QString ref, QWidget *parent)
    : QWidget(parent)
    , m_source(source)
    , m_ref(std::move(ref))
{
    setObjectName(QStringLiteral("LogPanel"));
    m_view = new LogView(this);

    m_tail = new QSpinBox(this);
    m_tail->setRange(0, 1000000);
    m_tail->setValue(1000);
    m_tail->setSpecialValueText(tr("all"));
    m_tail->setPrefix(tr("tail "));
    m_tail->setToolTip(
        tr("How many of the last lines to fetch (0 = all; the view keeps at most %1 lines).").arg(m_view->maxLines()));
    m_follow = new QCheckBox(tr("Follow"), this);
    m_timestamps = new QCheckBox(tr("Timestamps"), this);
    m_wrap = new QCheckBox(tr("Wrap"), this);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search logs (Enter: next)"));
    m_search->setClearButtonEnabled(true);
    m_matches = new QLabel(this);
    m_matches->setObjectName(QStringLiteral("LogMatches"));
    m_matches->setTextFormat(Qt::PlainText);
    m_onlyMatching = new QCheckBox(tr("Only matching"), this);
    m_onlyMatching->setToolTip(tr("Show only the lines that contain the search text"));
    // The window of time to read (docker logs --since/--until; the Engine API's since/until).
    const QDateTime now = QDateTime::currentDateTime();
    m_sinceBox = new QCheckBox(tr("Since"), this);
    m_since = new QDateTimeEdit(now.addSecs(-3600), this);
    m_untilBox = new QCheckBox(tr("Until"), this);
    m_until = new QDateTimeEdit(now, this);
    for (QDateTimeEdit *edit : {m_since, m_until}) {
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        edit->setCalendarPopup(true);
        edit->setEnabled(false);
    }
    m_since->setToolTip(tr("Only lines written at or after this time (local time)"));
    m_until->setToolTip(tr("Only lines written before this time (local time)"));
    auto *reloadButton = new QPushButton(tr("Reload"), this);
    m_save = new QPushButton(tr("Save…"), this);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("LogNote"));
    m_note->setTextFormat(Qt::PlainText); // holds remote error text
    m_note->setForegroundRole(QPalette::PlaceholderText);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_tail);
    bar->addWidget(m_follow);
    bar->addWidget(m_timestamps);
    bar->addWidget(m_wrap);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_matches);
    bar->addWidget(m_onlyMatching);
    bar->addWidget(reloadButton);
    bar->addWidget(m_save);
    auto *window = new QHBoxLayout;
    window->addWidget(m_sinceBox);
    window->addWidget(m_since);
    window->addWidget(m_untilBox);
    window->addWidget(m_until);
    window->addStretch(1);
    m_cancelLoad = new QPushButton(tr("Cancel"), this);
    m_cancelLoad->setObjectName(QStringLiteral("LogCancelLoad"));
    m_cancelLoad->setToolTip(tr("Stop waiting for these logs (Esc)"));
    auto *esc = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    esc->setContext(Qt::WidgetWithChildrenShortcut);
    connect(esc, &QShortcut::activated, this, &LogPanel::cancelLoad);
    m_cancelLoad->hide();
    auto *noteRow = new QHBoxLayout;
    noteRow->addWidget(m_note, 1);
    noteRow->addWidget(m_cancelLoad);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(bar);
    layout->addLayout(window);
    layout->addWidget(m_view, 1);
    layout->addLayout(noteRow);
    connect(m_cancelLoad, &QPushButton::clicked, this, &LogPanel::cancelLoad);

    connect(reloadButton, &QPushButton::clicked, this, &LogPanel::reload);
    // editingFinished also fires on every focus loss: reload only for a new tail.
    connect(m_tail, &QSpinBox::editingFinished, this, [this] {
        if (m_tail->value() != m_loadedTail)
            reload();
    });
    connect(m_timestamps, &QCheckBox::toggled, this, &LogPanel::reload);
    connect(m_follow, &QCheckBox::toggled, this, [this](bool on) {
        if (on)
            reload();
        else
            stopFollow();
    });
    connect(m_wrap, &QCheckBox::toggled, m_view, &LogView::setWrap);
    connect(m_search, &QLineEdit::textChanged, m_view, &LogView::setSearchText);
    connect(m_onlyMatching, &QCheckBox::toggled, m_view, &LogView::setOnlyMatching);
    for (auto [box, edit] : {std::pair{m_sinceBox, m_since}, std::pair{m_untilBox, m_until}}) {
        connect(box, &QCheckBox::toggled, this, [this, edit = edit](bool on) {
            edit->setEnabled(on);
            reload();
        });
        connect(edit, &QDateTimeEdit::editingFinished, this, [this, box = box] {
            if (box->isChecked())
                reload();
        });
    }
    connect(m_search, &QLineEdit::returnPressed, m_view, [this] { m_view->findNext(); });
    connect(m_save, &QPushButton::clicked, this, &LogPanel::chooseSaveFile);
    connect(m_view, &LogView::statsChanged, this, &LogPanel::updateNote);
    connect(m_view, &LogView::statsChanged, this, &LogPanel::updateMatches);
    updateMatches();
}

LogPanel::~LogPanel()
{
    // The children outlive this body (QWidget deletes them later) and may still signal while the
    // window closes (the tail box's editingFinished on focus loss): not to a half-destroyed panel.
    for (QObject *child : findChildren<QObject *>())
        child->disconnect(this);
    stopFollow();
}

void LogPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loaded)
        reload();
}

void LogPanel::stopFollow()
{
    if (m_stream) {
        m_stream->disconnect(this);
        m_stream->stop();
        m_stream->deleteLater();
    }
    m_stream = nullptr;
}

void LogPanel::endFollow(const QString &why)
{
    const bool following = m_stream || m_follow->isChecked();
    stopFollow();
    if (!following)
        return;
    m_view->finishData();
    const QSignalBlocker block(m_follow); // unticking must not reload
    m_follow->setChecked(false);
    m_error = tr("Follow ended: %1").arg(why);
    updateNote();
}

void LogPanel::reload()
{
    m_loaded = true;
    m_loadedTail = m_tail->value();
    setLoading(false);
    stopFollow();
    m_view->clearLog();
    m_error.clear();
    const int generation = ++m_generation;
    if (!m_source) {
        m_error = tr("The host of this container is no longer configured.");
        updateNote();
        return;
    }
    const LogOptions options = currentOptions();
    if (options.follow) {
        m_stream = m_source->followLogs(m_ref, options);
        if (!m_stream) {
            m_error = tr("This source cannot follow logs.");
            updateNote();
            return;
        }
        m_stream->setParent(this);
        connect(m_stream, &LogStream::dataReceived, m_view, [this](const QByteArray &data, OutputChannel channel) {
            m_view->appendData(data, channel == OutputChannel::Stderr);
        });
        connect(m_stream, &LogStream::finished, this, [this](const QString &reason) {
            m_view->finishData();
            m_error = tr("Follow ended: %1").arg(reason);
            updateNote();
        });
        connect(m_stream, &LogStream::failed, this, [this](const QString &message) {
            m_error = tr("Following logs on %1 failed: %2").arg(m_source ? m_source->hostName() : QString(), message);
            updateNote();
        });
        Q_EMIT loaded();
        return;
    }
    m_note->setText(tr("Loading logs…"));
    setLoading(true);
    QPointer<LogPanel> self(this);
    m_source->logs(m_ref, options, [self, generation](Result<QByteArray> result) {
        if (!self || generation != self->m_generation)
            return;
        self->setLoading(false);
        if (!result) {
            self->m_error = tr("Reading logs failed: %1").arg(result.errorMessage());
        } else {
            self->m_view->appendData(result.value());
            self->m_view->finishData();
        }
        self->updateNote();
        Q_EMIT self->loaded();
    });
}

LogOptions LogPanel::currentOptions() const
{
    LogOptions options;
    options.tail = m_tail->value() == 0 ? -1 : m_tail->value();
    options.timestamps = m_timestamps->isChecked();
    options.follow = m_follow->isChecked();
    if (m_sinceBox->isChecked())
        options.since = m_since->dateTime().toUTC();
    if (m_untilBox->isChecked())
        options.until = m_until->dateTime().toUTC();
    return options;
}

QString LogPanel::defaultSaveFileName() const
{
    return defaultLogFileName(m_source ? m_source->hostName() : QString(), m_ref, QDateTime::currentDateTime());
}

void LogPanel::updateMatches()
{
    if (m_view->searchText().isEmpty()) {
        m_matches->clear();
        return;
    }
    const qint64 matches = m_view->matchCount();
    const qsizetype lines = m_view->matchingLineCount();
    if (matches == 0) {
        m_matches->setText(tr("no matches"));
        return;
    }
    const QString m = matches == 1 ? tr("1 match") : tr("%1 matches").arg(matches);
    const QString l = lines == 1 ? tr("1 line") : tr("%1 lines").arg(lines);
    m_matches->setText(tr("%1 in %2").arg(m, l));
}

void LogPanel::setLoading(bool on)
{
    m_loading = on;
    m_cancelLoad->setVisible(on);
}

// Only this panel stops waiting: the read is not aborted on the host (cancelling it there would
// cancel every other call on that source too, see ContainerSource::cancelPending); its answer,
// bounded by the sources' size caps, is dropped when it arrives.
void LogPanel::cancelLoad()
{
    if (!m_loading)
        return;
    ++m_generation;
    setLoading(false);
    m_error = tr("Loading logs of %1 on %2 cancelled; Reload to try again.")
                  .arg(m_ref, m_source ? m_source->hostName() : QString());
    updateNote();
}

void LogPanel::updateNote()
{
    QStringList parts;
    if (!m_error.isEmpty())
        parts << m_error;
    const qint64 dropped = m_view->droppedLines();
    if (dropped > 0)
        parts << tr("Older lines dropped: showing the last %1 of %2 lines (the view keeps at most %3).")
                     .arg(m_view->lineCount())
                     .arg(m_view->totalLines())
                     .arg(m_view->maxLines());
    else if (m_view->totalLines() > 0)
        parts << tr("%n line(s)", nullptr, int(std::min<qint64>(m_view->totalLines(), INT_MAX)));
    else if (m_error.isEmpty() && m_view->pendingLines() == 0 && !m_follow->isChecked())
        parts << tr("No log lines.");
    if (m_view->pendingLines() > 0)
        parts << tr("loading…");
    m_note->setText(parts.join(QStringLiteral(" · ")));
}

void LogPanel::chooseSaveFile()
{
    auto *dialog =
        new QFileDialog(this, tr("Save logs"), QDir::homePath(), tr("Log files (*.log *.txt);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("log"));
    dialog->selectFile(defaultSaveFileName());
    connect(dialog, &QFileDialog::fileSelected, this, &LogPanel::saveTo);
    dialog->open();
}

void LogPanel::saveTo(const QString &path)
{
    const std::vector<QByteArray> lines = m_view->lineModel()->snapshot();
    QPointer<LogPanel> self(this);
    m_save->setEnabled(false);
    QThreadPool::globalInstance()->start([self, path, lines] {
        QSaveFile file(path);
        QString error;
        bool ok = file.open(QIODevice::WriteOnly);
        for (size_t i = 0; ok && i < lines.size(); ++i)
            ok = file.write(lines[i]) == lines[i].size() && file.write("\n", 1) == 1;
        if (!ok || !file.commit())
            error = file.errorString();
        QMetaObject::invokeMethod(
            qApp,
            [self, path, error] {
                if (!self)
                    return;
                self->m_save->setEnabled(true);
                if (error.isEmpty()) {
                    Q_EMIT self->saved(path);
                } else {
                    self->m_error = tr("Could not save the logs to %1: %2").arg(path, error);
                    self->updateNote();
                    Q_EMIT self->saveFailed(self->m_error);
                }
            },
            Qt::QueuedConnection);
    });
}

} // namespace archnest::ui
