#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

namespace archnest::ui {

// The state of a page's notice banner ("Restart: done for 1 container(s)."): it goes away on its
// own after a while (an error stays longer) and belongs to the view it was raised in, so
// selecting another host or group hides it. A notice raised with an empty scope (e.g. "the hosts
// file could not be saved") is global: shown in every view until it times out.
class TransientNotice final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransientNotice)

public:
    static constexpr int kInfoMs = 8000;
    static constexpr int kErrorMs = 60000;

    explicit TransientNotice(QObject *parent = nullptr);

    void show(const QString &text, bool error, const QString &scope = {});
    // The view changed to `scope`: a notice of another view is dropped.
    void setScope(const QString &scope);
    void clear();
    // Tests shorten the timeouts.
    void setTimeouts(int infoMs, int errorMs);

    QString text() const { return m_text; }
    bool isError() const { return m_error; }
    bool isShown() const { return !m_text.isEmpty(); }
    QString scope() const { return m_scope; }

Q_SIGNALS:
    void changed();

private:
    QString m_text;
    bool m_error = false;
    QString m_scope;     // the view the notice belongs to ("" = every view)
    QString m_viewScope; // the view shown now
    QTimer m_timer;
    int m_infoMs = kInfoMs;
    int m_errorMs = kErrorMs;
};

} // namespace archnest::ui
