#pragma once

#include "docker/ContainerSource.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace archnest::ui {

class LogView;

// The logs section of a detail tab: tail N, follow, timestamps, a since/until window, search
// with highlight, a match count and an "only matching lines" mode, wrap, save to file (named
// host-container-timestamp.log by default), and a note when older lines were dropped. Reads through the ContainerSource
// (async); saving writes on a worker thread.
class LogPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogPanel)

public:
    LogPanel(ContainerSource *source, QString ref, QWidget *parent = nullptr);
    ~LogPanel() override;

    LogView *view() const { return m_view; }
    QSpinBox *tailSpin() const { return m_tail; }
    QCheckBox *followBox() const { return m_follow; }
    QCheckBox *timestampsBox() const { return m_timestamps; }
    QCheckBox *wrapBox() const { return m_wrap; }
    QLineEdit *searchEdit() const { return m_search; }
    QLabel *matchLabel() const { return m_matches; }
    QCheckBox *onlyMatchingBox() const { return m_onlyMatching; }
    QCheckBox *sinceBox() const { return m_sinceBox; }
    QDateTimeEdit *sinceEdit() const { return m_since; }
    QCheckBox *untilBox() const { return m_untilBox; }
    QDateTimeEdit *untilEdit() const { return m_until; }
    // The options the next (re)load asks the source for (tail, follow, timestamps, since/until).
    LogOptions currentOptions() const;
    // host-container-timestamp.log, offered by Save….
    QString defaultSaveFileName() const;
    QLabel *noteLabel() const { return m_note; }
    // Visible while a one-shot read is loading ("Loading logs…"): stops waiting for it.
    QPushButton *cancelLoadButton() const { return m_cancelLoad; }
    bool isLoading() const { return m_loading; }
    void cancelLoad();

    // (Re)loads with the current options; the first call happens when the panel is first shown.
    void reload();
    // Ends a follow from outside (the container or its host is gone): Follow is unticked and
    // the note says why.
    void endFollow(const QString &why);
    bool hasLoaded() const { return m_loaded; }
    // Writes what the view holds to `path` on a worker thread; `saved` or `saveFailed` follows.
    void saveTo(const QString &path);

Q_SIGNALS:
    void loaded();
    void saved(const QString &path);
    void saveFailed(const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void stopFollow();
    void setLoading(bool on);
    void updateNote();
    void chooseSaveFile();
    void updateMatches();

    QPointer<ContainerSource> m_source;
    QString m_ref;
    LogView *m_view = nullptr;
    QSpinBox *m_tail = nullptr;
    QCheckBox *m_follow = nullptr;
    QCheckBox *m_timestamps = nullptr;
    QCheckBox *m_wrap = nullptr;
    QLineEdit *m_search = nullptr;
    QLabel *m_matches = nullptr;
    QCheckBox *m_onlyMatching = nullptr;
    QCheckBox *m_sinceBox = nullptr;
    QDateTimeEdit *m_since = nullptr;
    QCheckBox *m_untilBox = nullptr;
    QDateTimeEdit *m_until = nullptr;
    QPushButton *m_save = nullptr;
    QLabel *m_note = nullptr;
    QPushButton *m_cancelLoad = nullptr;
    bool m_loading = false;
    QPointer<LogStream> m_stream;
    QString m_error;
    int m_generation = 0;
    int m_loadedTail = -2; // the tail of the last load (-2: none yet)
    bool m_loaded = false;
};

} // namespace archnest::ui
