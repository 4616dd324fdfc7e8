// The host-key dialog and GuiSshInteraction: the dialog shows host, port, key type and
// fingerprint and maps each button to a decision; the interaction opens it without blocking,
// answers from the test hook without any dialog, and rejects when the dialog is closed.
#include "dialogs/AsyncMessageBox.h"
#include "dialogs/GuiSshInteraction.h"
#include "dialogs/HostKeyDialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QWidget>

using namespace archnest;
using namespace archnest::ui;

namespace {

ssh::HostKeyQuestion question()
{
    ssh::HostKeyQuestion q;
    q.host = QStringLiteral("127.0.0.1");
    q.port = 2222;
    q.keyType = QStringLiteral("ssh-ed25519");
    q.fingerprintSha256 = QStringLiteral("SHA256:AbCdEf0123456789abcdef0123456789ABCDEFghijk");
    return q;
}

} // namespace

class TestDialogs final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostKeyDialogShowsTheKeyAndMapsButtons_data()
    {
        QTest::addColumn<int>("button");
        QTest::addColumn<int>("expected");
        QTest::newRow("reject") << 0 << int(ssh::HostKeyDecision::Reject);
        QTest::newRow("once") << 1 << int(ssh::HostKeyDecision::AcceptOnce);
        QTest::newRow("save") << 2 << int(ssh::HostKeyDecision::AcceptAndSave);
    }

    void hostKeyDialogShowsTheKeyAndMapsButtons()
    {
        QFETCH(int, button);
        QFETCH(int, expected);
        HostKeyDialog dialog(question());
        QStringList texts;
        for (QLabel *l : dialog.findChildren<QLabel *>())
            texts << l->text();
        const QString all = texts.join(QLatin1Char('\n'));
        QVERIFY(all.contains(QStringLiteral("127.0.0.1")));
        QVERIFY(all.contains(QStringLiteral("2222")));
        QVERIFY(all.contains(QStringLiteral("ssh-ed25519")));
        QVERIFY(all.contains(question().fingerprintSha256));
        QVERIFY(dialog.rejectButton()->isDefault());
        QSignalSpy decided(&dialog, &HostKeyDialog::decided);
        dialog.open();
        QPushButton *buttons[] = {dialog.rejectButton(), dialog.acceptOnceButton(), dialog.acceptSaveButton()};
        QTest::mouseClick(buttons[button], Qt::LeftButton);
        QCOMPARE(decided.count(), 1);
        QCOMPARE(int(decided.first().first().value<ssh::HostKeyDecision>()), expected);
        QVERIFY(!dialog.isVisible());
    }

    void escapeRejects()
    {
        HostKeyDialog dialog(question());
        QSignalSpy decided(&dialog, &HostKeyDialog::decided);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(decided.count(), 1);
        QCOMPARE(decided.first().first().value<ssh::HostKeyDecision>(), ssh::HostKeyDecision::Reject);
    }

    void interactionOpensDialogWithoutBlocking()
    {
        QWidget parent;
        parent.show();
        GuiSshInteraction interaction(&parent);
        QSignalSpy opened(&interaction, &GuiSshInteraction::dialogOpened);
        std::optional<ssh::HostKeyDecision> got;
        interaction.askHostKey(question(), [&](ssh::HostKeyDecision d) { got = d; });
        QVERIFY(!got); // never answered inside the call
        QVERIFY(opened.wait(2000));
        auto *dialog = qobject_cast<HostKeyDialog *>(opened.first().first().value<QWidget *>());
        QVERIFY(dialog);
        QTest::mouseClick(dialog->acceptSaveButton(), Qt::LeftButton);
        QTRY_VERIFY(got.has_value());
        QCOMPARE(*got, ssh::HostKeyDecision::AcceptAndSave);
        QCOMPARE(GuiSshInteraction::lastHostKeyQuestion().port, 2222);
    }

    void closingTheParentRejects()
    {
        auto *parent = new QWidget;
        parent->show();
        GuiSshInteraction interaction(parent);
        QSignalSpy opened(&interaction, &GuiSshInteraction::dialogOpened);
        std::optional<ssh::HostKeyDecision> got;
        interaction.askHostKey(question(), [&](ssh::HostKeyDecision d) { got = d; });
        QVERIFY(opened.wait(2000));
        delete parent;
        QVERIFY(got.has_value());
        QCOMPARE(*got, ssh::HostKeyDecision::Reject);
    }

    void testHooksAnswerWithoutDialogs()
    {
        GuiSshInteraction interaction(nullptr);
        QSignalSpy opened(&interaction, &GuiSshInteraction::dialogOpened);
        GuiSshInteraction::setNextHostKeyDecision(ssh::HostKeyDecision::AcceptOnce);
        std::optional<ssh::HostKeyDecision> got;
        interaction.askHostKey(question(), [&](ssh::HostKeyDecision d) { got = d; });
        QTRY_VERIFY(got.has_value());
        QCOMPARE(*got, ssh::HostKeyDecision::AcceptOnce);

        GuiSshInteraction::setNextSecret(QStringLiteral("s3cret"));
        std::optional<std::optional<QString>> secret;
        ssh::SecretQuestion sq;
        sq.user = QStringLiteral("archnest-test");
        sq.host = QStringLiteral("127.0.0.1");
        interaction.askSecret(sq, [&](std::optional<QString> s) { secret = s; });
        QTRY_VERIFY(secret.has_value());
        QCOMPARE(secret->value_or(QString()), QStringLiteral("s3cret"));
        QCOMPARE(opened.count(), 0);
    }

    void secretPromptIsMaskedAndCancelGivesNothing()
    {
        QWidget parent;
        parent.show();
        GuiSshInteraction interaction(&parent);
        QSignalSpy opened(&interaction, &GuiSshInteraction::dialogOpened);
        std::optional<std::optional<QString>> secret;
        ssh::SecretQuestion sq;
        sq.kind = ssh::SecretKind::KeyPassphrase;
        sq.prompt = QStringLiteral("/home/u/.ssh/id_ed25519");
        interaction.askSecret(sq, [&](std::optional<QString> s) { secret = s; });
        QVERIFY(opened.wait(2000));
        auto *dialog = qobject_cast<QDialog *>(opened.first().first().value<QWidget *>());
        QVERIFY(dialog);
        QVERIFY(dialog->findChild<QLineEdit *>()->echoMode() == QLineEdit::Password);
        dialog->reject();
        QTRY_VERIFY(secret.has_value());
        QVERIFY(!secret->has_value());
    }

    void messageBoxHookAnswers()
    {
        AsyncMessageBox::setNextAnswer(QMessageBox::Yes);
        std::optional<bool> yes;
        AsyncMessageBox::confirm(nullptr, QStringLiteral("t"), QStringLiteral("Remove?"), QStringLiteral("Remove"),
                                 [&](bool b) { yes = b; });
        QTRY_VERIFY(yes.has_value());
        QVERIFY(*yes);
        QCOMPARE(AsyncMessageBox::lastText(), QStringLiteral("Remove?"));
    }
};

QTEST_MAIN(TestDialogs)
#include "tst_dialogs.moc"
