#include "dialogs/AsyncMessageBox.h"

#include <QApplication>
#include <QPointer>
#include <QPushButton>
#include <QTimer>

namespace archnest::ui {

namespace {
std::optional<QMessageBox::StandardButton> g_nextAnswer;
QString g_lastText;
int g_shown = 0;
} // namespace

void AsyncMessageBox::setNextAnswer(QMessageBox::StandardButton button)
{
    g_nextAnswer = button;
}

QString AsyncMessageBox::lastText()
{
    return g_lastText;
}

int AsyncMessageBox::shownCount()
{
    return g_shown;
}

void AsyncMessageBox::ask(QWidget *parent, QMessageBox::Icon icon, const QString &title, const QString &text,
                          QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton, Answer done)
{
    g_lastText = text;
    ++g_shown;
    if (g_nextAnswer) {
        const QMessageBox::StandardButton answer = *g_nextAnswer;
        g_nextAnswer.reset();
        QTimer::singleShot(0, parent ? static_cast<QObject *>(parent) : qApp, [done = std::move(done), answer] {
            if (done)
                done(answer);
        });
        return;
    }
    auto *box = new QMessageBox(icon, title, text, buttons, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(defaultButton);
    box->setWindowModality(Qt::WindowModal);
    QObject::connect(box, &QMessageBox::finished, box, [box, done = std::move(done)](int) {
        const QMessageBox::StandardButton answer = box->standardButton(box->clickedButton());
        if (done)
            done(answer == QMessageBox::NoButton ? QMessageBox::Cancel : answer);
    });
    box->open();
}

void AsyncMessageBox::confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptLabel,
                              std::function<void(bool)> done)
{
    // The accept button keeps the Yes role so the hook and the keyboard agree.
    Q_UNUSED(acceptLabel)
    ask(parent, QMessageBox::Warning, title, text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel,
        [done = std::move(done)](QMessageBox::StandardButton b) { done(b == QMessageBox::Yes); });
}

void AsyncMessageBox::error(QWidget *parent, const QString &title, const QString &text)
{
    ask(parent, QMessageBox::Critical, title, text, QMessageBox::Ok, QMessageBox::Ok, {});
}

} // namespace archnest::ui
