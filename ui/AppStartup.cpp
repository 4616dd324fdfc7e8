#include "AppStartup.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QSocketNotifier>
#include <QTranslator>

#include <csignal>
#include <fcntl.h>
#include <iterator>
#include <sys/socket.h>
#include <unistd.h>

namespace archnest::ui {

QStringList installTranslations(QCoreApplication &app, const QLocale &locale, QObject *owner)
{
    QStringList loaded;
    const auto install = [&](QTranslator *translator, bool ok) {
        if (ok && app.installTranslator(translator)) {
            loaded << translator->filePath();
            return;
        }
        delete translator;
    };
    // The source strings are English; archnest_en holds their plural forms ("1 host"), so it is
    // the base for every locale (C included). Translators installed later are asked first.
    auto *english = new QTranslator(owner);
    install(english, english->load(QStringLiteral(":/i18n/archnest_en.qm")));
    auto *qt = new QTranslator(owner);
    install(qt, qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                         QLibraryInfo::path(QLibraryInfo::TranslationsPath)));
    if (locale.language() != QLocale::English && locale.language() != QLocale::C) {
        auto *own = new QTranslator(owner);
        install(own, own->load(locale, QStringLiteral("archnest"), QStringLiteral("_"), QStringLiteral(":/i18n")));
    }
    return loaded;
}

namespace {

constexpr int kQuitSignals[] = {SIGTERM, SIGINT, SIGHUP};
int g_writeFd = -1;
struct sigaction g_previous[std::size(kQuitSignals)] = {};

void onQuitSignal(int signalNumber)
{
    const unsigned char b = static_cast<unsigned char>(signalNumber);
    [[maybe_unused]] const ssize_t n = ::write(g_writeFd, &b, 1);
}

} // namespace

QuitOnSignals::QuitOnSignals(QObject *parent)
    : QObject(parent)
{
    if (g_writeFd >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, m_fds) != 0) {
        m_fds[0] = m_fds[1] = -1;
        return;
    }
    g_writeFd = m_fds[1];
    m_notifier = new QSocketNotifier(m_fds[0], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] {
        unsigned char buf[16];
        ssize_t n = 0;
        while ((n = ::read(m_fds[0], buf, sizeof buf)) > 0) {
            for (ssize_t i = 0; i < n; ++i)
                Q_EMIT signalReceived(buf[i]);
        }
        QCoreApplication::quit();
    });
    struct sigaction sa = {};
    sa.sa_handler = &onQuitSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (size_t i = 0; i < std::size(kQuitSignals); ++i)
        ::sigaction(kQuitSignals[i], &sa, &g_previous[i]);
}

QuitOnSignals::~QuitOnSignals()
{
    if (m_fds[0] < 0)
        return;
    for (size_t i = 0; i < std::size(kQuitSignals); ++i)
        ::sigaction(kQuitSignals[i], &g_previous[i], nullptr);
    g_writeFd = -1;
    delete m_notifier; // before its descriptor is closed
    ::close(m_fds[0]);
    ::close(m_fds[1]);
}

} // namespace archnest::ui
