#pragma once

#include <QMessageBox>

#include <functional>
#include <optional>

namespace archnest::ui {

// Window-modal message boxes that answer through a callback (no nested event loop). Tests set
// the next answer (KeePassXC's MessageBox::setNextAnswer idea) so no modal ever waits: the
// callback then runs on the next event-loop turn without showing anything.
class AsyncMessageBox final
{
public:
    using Answer = std::function<void(QMessageBox::StandardButton)>;

    static void ask(QWidget *parent, QMessageBox::Icon icon, const QString &title, const QString &text,
                    QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton, Answer done);
    // A yes/no confirmation whose affirmative button says what it does ("Remove").
    static void confirm(QWidget *parent, const QString &title, const QString &text, const QString &acceptLabel,
                        std::function<void(bool)> done);
    static void error(QWidget *parent, const QString &title, const QString &text);

    // Test hooks: the answer for the next box, and what that box said.
    static void setNextAnswer(QMessageBox::StandardButton button);
    static QString lastText();
    static int shownCount();
};

} // namespace archnest::ui
