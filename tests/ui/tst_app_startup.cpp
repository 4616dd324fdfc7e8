#include "AppStartup.h"

#include <QCoreApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTimer>
#include <QTranslator>
#include <QtTest>

#include <csignal>
#include <unistd.h>

using namespace archnest::ui;

class TestAppStartup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void translationsAreCompiledIn()
    {
        // Built from translations/archnest_en.ts by lrelease into the resources.
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/archnest_en.qm")));
    }

    void translationIsLoadedByLocale_data()
    {
        QTest::addColumn<QString>("locale");
        // English plurals for every locale: the source strings are English, a language without
        // a file of its own shows them.
        QTest::newRow("en_US") << QStringLiteral("en_US");
        QTest::newRow("en_GB") << QStringLiteral("en_GB");
        QTest::newRow("C") << QStringLiteral("C");
        QTest::newRow("no translation (sw_KE)") << QStringLiteral("sw_KE");
    }

    void translationIsLoadedByLocale()
    {
        QFETCH(QString, locale);
        QObject owner;
        const QStringList loaded = installTranslations(*QCoreApplication::instance(), QLocale(locale), &owner);
        QVERIFY2(loaded.contains(QStringLiteral(":/i18n/archnest_en.qm")), qPrintable(loaded.join(u' ')));
        // Owned by `owner`: removed from the application when it goes.
        QCOMPARE(owner.findChildren<QTranslator *>().size(), loaded.size());
        // The plural forms come from archnest_en.ts; without it "1 host(s)" would show.
        const QString one = QCoreApplication::translate("archnest::ui::MainWindow", "%n host(s)", nullptr, 1);
        const QString two = QCoreApplication::translate("archnest::ui::MainWindow", "%n host(s)", nullptr, 2);
        QCOMPARE(one, QStringLiteral("1 host"));
        QCOMPARE(two, QStringLiteral("2 hosts"));
    }

    void englishTemplateIsNotCompiled()
    {
        // translations/archnest.ts (every string, for translators) must never be loaded as a
        // fallback for a language that has no file of its own.
        QVERIFY(!QFile::exists(QStringLiteral(":/i18n/archnest.qm")));
    }

    void sigtermQuitsTheEventLoop_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGHUP") << int(SIGHUP);
    }

    void sigtermQuitsTheEventLoop()
    {
        QFETCH(int, signalNumber);
        QuitOnSignals quitter;
        QVERIFY(quitter.isActive());
        QSignalSpy spy(&quitter, &QuitOnSignals::signalReceived);
        QTimer::singleShot(0, [signalNumber] { ::kill(::getpid(), signalNumber); });
        bool timedOut = false;
        QTimer::singleShot(20000, [&timedOut] {
            timedOut = true;
            QCoreApplication::exit(3);
        });
        const int code = QCoreApplication::exec();
        QVERIFY2(!timedOut, "the signal did not quit the event loop within 20 s");
        QCOMPARE(code, 0);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).toInt(), signalNumber);
    }

    void onlyOneQuitterAtATime()
    {
        QuitOnSignals first;
        QVERIFY(first.isActive());
        QuitOnSignals second;
        QVERIFY(!second.isActive());
    }

    void handlersAreRestoredWhenDestroyed()
    {
        struct sigaction before = {};
        ::sigaction(SIGHUP, nullptr, &before);
        {
            QuitOnSignals quitter;
            struct sigaction during = {};
            ::sigaction(SIGHUP, nullptr, &during);
            QVERIFY(during.sa_handler != before.sa_handler);
        }
        struct sigaction after = {};
        ::sigaction(SIGHUP, nullptr, &after);
        QVERIFY(after.sa_handler == before.sa_handler);
    }
};

QTEST_MAIN(TestAppStartup)
#include "tst_app_startup.moc"
