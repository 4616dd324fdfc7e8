#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace archnest::ui {

// The Find bar of a terminal: the text, the number of matches, previous / next, close. It only
// asks; TerminalView searches (TerminalSearch) and says what it found with setResult().
class TerminalFindBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TerminalFindBar)

public:
    explicit TerminalFindBar(QWidget *parent = nullptr);

    QLineEdit *edit() const { return m_edit; }
    QLabel *resultLabel() const { return m_result; }
    void setResult(int matches);
    void open(); // shows, focuses and selects the text

Q_SIGNALS:
    void textChanged(const QString &text);
    void findRequested(bool backwards);
    void closed();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    QLineEdit *m_edit = nullptr;
    QLabel *m_result = nullptr;
};

} // namespace archnest::ui
