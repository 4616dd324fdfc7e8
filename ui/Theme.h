#pragma once

#include <QObject>
#include <QPalette>
#include <QString>

class QActionGroup;
class QMenu;
class QWidget;

namespace archnest::ui {

// The application's colour scheme. Qt 6.4 on Debian 12 does not follow a GNOME dark preference,
// so the user can pick one: System leaves the platform's style and palette alone, Light and Dark
// use the Fusion style with a coherent palette of our own.
enum class ThemeChoice { System, Light, Dark };

QString themeKey(ThemeChoice choice);         // "system", "light", "dark"
ThemeChoice themeFromKey(const QString &key); // unknown -> System
QPalette darkPalette();
QPalette lightPalette();
bool isDarkPalette(const QPalette &palette); // a dark window/base background

// Applies the theme choice to the QApplication and persists it in the app's settings file under
// "ui/theme". One per process (the View > Theme menu reaches it through instance()): created in
// main() with the settings file before the window shows; created on demand otherwise (then it
// uses QSettings' organisation/application default).
class ThemeManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThemeManager)

public:
    // `settingsFile` empty: QSettings() of the application's organisation/name.
    explicit ThemeManager(const QString &settingsFile, QObject *parent = nullptr);
    ~ThemeManager() override;

    static ThemeManager *instance();

    ThemeChoice choice() const { return m_choice; }
    ThemeChoice savedChoice() const;
    // Reads the saved choice (or ARCHNEST_THEME, which is not saved) and applies it; call before
    // the main window shows.
    void applySaved();
    // Applies `choice` and saves it.
    void setChoice(ThemeChoice choice);

    // A "Theme" submenu with System / Light / Dark as exclusive, checkable actions.
    QMenu *createMenu(QWidget *parent);

Q_SIGNALS:
    void themeChanged(archnest::ui::ThemeChoice choice);

private:
    void apply(ThemeChoice choice);

    QString m_settingsFile;
    ThemeChoice m_choice = ThemeChoice::System;
    bool m_haveSystem = false;
    QString m_systemStyle; // the platform's style and palette, restored for System
    QPalette m_systemPalette;
};

} // namespace archnest::ui
