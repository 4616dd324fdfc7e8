// Not a test: a small window for docs/images/terminal.png (scripts/screenshot.sh --app ...).
// A closable terminal tab, as the desktop opens one, over a local shell that lists a directory
// with colours; any command can be given after the options.
#include "LocalPtyExecStream.h"
#include "TerminalSession.h"
#include "TerminalView.h"

#include <QApplication>
#include <QTabWidget>

using archnest::ui::LocalPtyExecStream;
using archnest::ui::TerminalSession;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStringList command = app.arguments().mid(1);
    if (command.isEmpty()) {
        const QString script = QStringLiteral(
            "cd \"${ARCHNEST_SOURCE_DIR:-/work/main}\" && ls -l --color=always --group-directories-first; "
            "printf '\\n\\033[1mbold\\033[0m \\033[3mitalic\\033[0m \\033[4munderline\\033[0m \\033[9mstrike\\033[0m "
            "\\033[7mreverse\\033[0m \\033[38;2;255;160;60mtruecolor\\033[0m '; "
            "for i in $(seq 0 15); do printf \"\\033[48;5;${i}m  \"; done; printf '\\033[0m '; "
            "for i in $(seq 0 47); do printf \"\\033[48;2;$((255-i*5));$((40+i*4));$((60+i*4))m \"; done; "
            "printf '\\033[0m\\n\\n'; "
            "PS1='\\[\\033[1;32m\\]demo@localhost\\[\\033[0m\\]:\\[\\033[1;34m\\]\\w\\[\\033[0m\\]$ ' "
            "exec bash --norc -i");
        command = {QStringLiteral("bash"), QStringLiteral("-c"), script};
    }
    QTabWidget tabs;
    tabs.setWindowTitle(QStringLiteral("ArchNest"));
    tabs.setTabsClosable(true);
    tabs.setDocumentMode(true);
    auto *session = new TerminalSession(
        [command](int cols, int rows) -> archnest::ExecStream * {
            auto *s = new LocalPtyExecStream;
            s->start(command.first(), command.mid(1), cols, rows);
            return s;
        },
        QStringLiteral("local shell"));
    tabs.addTab(session, QStringLiteral("local shell"));
    QObject::connect(session, &TerminalSession::titleChanged, &tabs,
                     [&tabs, session](const QString &t) { tabs.setTabText(tabs.indexOf(session), t); });
    QObject::connect(&tabs, &QTabWidget::tabCloseRequested, &app, &QApplication::quit);
    tabs.resize(980, 560);
    tabs.show();
    session->connectStream();
    tabs.activateWindow();
    session->view()->setFocus();
    return app.exec();
}
