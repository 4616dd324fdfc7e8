#include "Theme.h"

#include "DimmedIconStyle.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QPointer>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

#include <memory>

namespace archnest::ui {

namespace {

const QString kSettingsKey = QStringLiteral("ui/theme");

QPointer<ThemeManager> &currentManager()
{
    static QPointer<ThemeManager> manager;
    return manager;
}

std::unique_ptr<QSettings> openSettings(const QString &file)
{
    if (file.isEmpty())
        return std::make_unique<QSettings>();
    return std::make_unique<QSettings>(file, QSettings::IniFormat);
}

void setBoth(QPalette &p, QPalette::ColorRole role, const QColor &active, const QColor &disabled)
{
    p.setColor(QPalette::Active, role, active);
    p.setColor(QPalette::Inactive, role, active);
    p.setColor(QPalette::Disabled, role, disabled);
}

} // namespace

QString themeKey(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::Light:
        return QStringLiteral("light");
    case ThemeChoice::Dark:
        return QStringLiteral("dark");
    case ThemeChoice::System:
        break;
    }
    return QStringLiteral("system");
}

ThemeChoice themeFromKey(const QString &key)
{
    if (key == QLatin1String("light"))
        return ThemeChoice::Light;
    if (key == QLatin1String("dark"))
        return ThemeChoice::Dark;
    return ThemeChoice::System;
}

QPalette darkPalette()
{
    // Greys with enough separation that frames, alternating rows and inputs stay visible; text
    // at ~13:1 on the window colour; disabled text still readable (~4:1) but clearly dimmer.
    QPalette p;
    const QColor window(0x2d, 0x2d, 0x30);
    const QColor base(0x1f, 0x1f, 0x22);
    const QColor alternate(0x28, 0x28, 0x2c);
    const QColor button(0x38, 0x38, 0x3c);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor dimText(0x8a, 0x8a, 0x8e);
    const QColor highlight(0x2f, 0x6f, 0xb8);
    setBoth(p, QPalette::Window, window, window);
    setBoth(p, QPalette::WindowText, text, dimText);
    setBoth(p, QPalette::Base, base, window);
    setBoth(p, QPalette::AlternateBase, alternate, window);
    setBoth(p, QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x40), QColor(0x3a, 0x3a, 0x40));
    setBoth(p, QPalette::ToolTipText, text, dimText);
    setBoth(p, QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9e), QColor(0x6a, 0x6a, 0x6e));
    setBoth(p, QPalette::Text, text, dimText);
    setBoth(p, QPalette::Button, button, QColor(0x33, 0x33, 0x36));
    setBoth(p, QPalette::ButtonText, text, dimText);
    setBoth(p, QPalette::BrightText, QColor(0xff, 0x6b, 0x5e), QColor(0xff, 0x6b, 0x5e));
    setBoth(p, QPalette::Light, QColor(0x4a, 0x4a, 0x50), QColor(0x40, 0x40, 0x44));
    setBoth(p, QPalette::Midlight, QColor(0x40, 0x40, 0x45), QColor(0x3a, 0x3a, 0x3e));
    setBoth(p, QPalette::Mid, QColor(0x25, 0x25, 0x28), QColor(0x25, 0x25, 0x28));
    setBoth(p, QPalette::Dark, QColor(0x1a, 0x1a, 0x1c), QColor(0x1a, 0x1a, 0x1c));
    setBoth(p, QPalette::Shadow, QColor(0x0c, 0x0c, 0x0e), QColor(0x0c, 0x0c, 0x0e));
    setBoth(p, QPalette::Highlight, highlight, QColor(0x44, 0x44, 0x48));
    setBoth(p, QPalette::HighlightedText, QColor(0xff, 0xff, 0xff), dimText);
    setBoth(p, QPalette::Link, QColor(0x6c, 0xb4, 0xff), QColor(0x5a, 0x7a, 0x99));
    setBoth(p, QPalette::LinkVisited, QColor(0xb4, 0x8c, 0xff), QColor(0x7a, 0x6a, 0x99));
    // A focused but inactive window keeps a visible (dimmer) selection.
    p.setColor(QPalette::Inactive, QPalette::Highlight, QColor(0x3a, 0x4e, 0x66));
    return p;
}

QPalette lightPalette()
{
    QStyle *fusion = QStyleFactory::create(QStringLiteral("Fusion"));
    QPalette p = fusion ? fusion->standardPalette() : QPalette();
    delete fusion;
    return p;
}

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

ThemeManager::ThemeManager(const QString &settingsFile, QObject *parent)
    : QObject(parent)
    , m_settingsFile(settingsFile)
{
    currentManager() = this;
}

ThemeManager::~ThemeManager() = default;

ThemeManager *ThemeManager::instance()
{
    if (!currentManager())
        currentManager() = new ThemeManager(QString(), qApp);
    return currentManager();
}

ThemeChoice ThemeManager::savedChoice() const
{
    return themeFromKey(openSettings(m_settingsFile)->value(kSettingsKey).toString());
}

void ThemeManager::applySaved()
{
    // ARCHNEST_THEME=system|light|dark overrides for one run without saving (screenshots, tests).
    const QString forced = qEnvironmentVariable("ARCHNEST_THEME");
    apply(forced.isEmpty() ? savedChoice() : themeFromKey(forced));
}

void ThemeManager::setChoice(ThemeChoice choice)
{
    apply(choice);
    const auto settings = openSettings(m_settingsFile);
    settings->setValue(kSettingsKey, themeKey(choice));
    settings->sync();
}

void ThemeManager::apply(ThemeChoice choice)
{
    if (!m_haveSystem) {
        // What the platform gave us, before we change anything.
        m_haveSystem = true;
        m_systemStyle = QApplication::style() ? QApplication::style()->name() : QString();
        m_systemPalette = QApplication::palette();
    }
    const bool changed = choice != m_choice;
    if (!changed && choice == ThemeChoice::System)
        return; // leave the platform default untouched
    m_choice = choice;
    switch (choice) {
    case ThemeChoice::System:
        if (QApplication::style() && QApplication::style()->name() != m_systemStyle && !m_systemStyle.isEmpty())
            QApplication::setStyle(m_systemStyle);
        QApplication::setPalette(m_systemPalette);
        break;
    case ThemeChoice::Light:
        QApplication::setStyle(new DimmedIconStyle); // the application owns it
        QApplication::setPalette(lightPalette());
        break;
    case ThemeChoice::Dark:
        QApplication::setStyle(new DimmedIconStyle); // disabled icons must look disabled on dark
        QApplication::setPalette(darkPalette());
        break;
    }
    if (changed)
        Q_EMIT themeChanged(choice);
}

QMenu *ThemeManager::createMenu(QWidget *parent)
{
    auto *menu = new QMenu(tr("&Theme"), parent);
    menu->setObjectName(QStringLiteral("ThemeMenu"));
    auto *group = new QActionGroup(menu);
    group->setExclusive(true);
    const QList<QPair<ThemeChoice, QString>> choices{
        {ThemeChoice::System, tr("&System")}, {ThemeChoice::Light, tr("&Light")}, {ThemeChoice::Dark, tr("&Dark")}};
    for (const auto &[choice, label] : choices) {
        QAction *action = menu->addAction(label);
        action->setObjectName(QStringLiteral("theme-") + themeKey(choice));
        action->setCheckable(true);
        action->setChecked(choice == m_choice);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, choice = choice] { setChoice(choice); });
    }
    connect(this, &ThemeManager::themeChanged, menu, [menu](ThemeChoice choice) {
        for (QAction *a : menu->actions())
            a->setChecked(a->objectName() == QStringLiteral("theme-") + themeKey(choice));
    });
    return menu;
}

} // namespace archnest::ui
