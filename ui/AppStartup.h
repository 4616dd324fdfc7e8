#pragma once

#include <QLocale>
#include <QObject>
#include <QStringList>

class QCoreApplication;
class QSocketNotifier;

namespace archnest::ui {

// Loads the translations for `locale` and installs them on `app`: the English plural forms
// (":/i18n/archnest_en.qm", for every locale: the source strings are English), Qt's own
// (qtbase_<lang>.qm from Qt's translations directory, when installed) and ArchNest's for the
// locale's language (":/i18n/archnest_<lang>.qm", compiled from translations/archnest_*.ts),
// asked first. Returns the files loaded; a language without a file is not an error.
QStringList installTranslations(QCoreApplication &app, const QLocale &locale, QObject *owner);

// Quits the event loop on SIGTERM, SIGINT or SIGHUP (a session logout, `kill PID`, Ctrl+C), so
// the main window closes and settings are saved as on File -> Quit. The handler only writes a
// byte to a socket pair; the event loop does the Qt work. One per process; restores the
// previous handlers when destroyed.
class QuitOnSignals final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QuitOnSignals)
public:
    explicit QuitOnSignals(QObject *parent = nullptr);
    ~QuitOnSignals() override;

    bool isActive() const { return m_fds[0] >= 0; }

Q_SIGNALS:
    void signalReceived(int signalNumber);

private:
    int m_fds[2] = {-1, -1};
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace archnest::ui
