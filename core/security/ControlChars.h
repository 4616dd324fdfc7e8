#pragma once

// Remote text shown in a terminal: control characters (C0 U+0000-U+001F, DEL U+007F and C1
// U+0080-U+009F) could move the cursor, clear the screen, set the title or write the clipboard
// (ESC ] 52). Plain-text output shows them as visible escapes instead.

#include <QByteArray>
#include <QString>

namespace archnest::security {

bool isControlChar(QChar c);
bool containsControlChars(const QString &text);

enum class ControlEscape {
    All,            // table cells and values: tabs and newlines escaped too (one value, one line)
    KeepLineBreaks, // messages: '\n' and '\t' kept
};

// Every control character as "\xHH" (ESC -> "\x1b", BEL -> "\x07", CSI U+009B -> "\x9b"); all
// other text unchanged (a backslash is not doubled: the output is for eyes, not for parsing).
QString escapeControlChars(const QString &text, ControlEscape mode = ControlEscape::All);

// JSON text (as QJsonDocument writes it) with DEL and C1 controls, legal raw inside JSON strings,
// written as "\u0080"-style escapes: the same JSON value, safe to print on a terminal.
QString escapeJsonControls(const QString &json);

// A byte stream (UTF-8 text, e.g. `archnest-cli logs --escape`) with control bytes shown as
// "\xHH": C0 except '\n' and '\t', DEL, and the UTF-8 form of C1 (C2 80..C2 9F, shown as the
// code point: "\x9b"). Everything else passes unchanged, invalid UTF-8 included. Keeps a split
// C2 byte across chunks; flush() returns it at the end.
class ControlByteEscaper final
{
public:
    QByteArray feed(const QByteArray &chunk);
    QByteArray flush();

private:
    bool m_pendingC2 = false;
};

} // namespace archnest::security
