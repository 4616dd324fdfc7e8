// TerminalScreen's input side: keys, text, mouse reports and pastes, encoded by libvterm into
// the bytes the terminal sends to the PTY (the `output` signal).
#include "TerminalScreen.h"

#include <vterm.h>

#include <algorithm>

namespace archnest::ui {

namespace {

VTermModifier toVTermModifier(Qt::KeyboardModifiers modifiers)
{
    int mod = VTERM_MOD_NONE;
    if (modifiers & Qt::ShiftModifier)
        mod |= VTERM_MOD_SHIFT;
    if (modifiers & Qt::AltModifier)
        mod |= VTERM_MOD_ALT;
    if (modifiers & Qt::ControlModifier)
        mod |= VTERM_MOD_CTRL;
    return static_cast<VTermModifier>(mod);
}

VTermKey toVTermKey(int qtKey)
{
    switch (qtKey) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        return VTERM_KEY_ENTER;
    case Qt::Key_Tab:
    case Qt::Key_Backtab:
        return VTERM_KEY_TAB;
    case Qt::Key_Backspace:
        return VTERM_KEY_BACKSPACE;
    case Qt::Key_Escape:
        return VTERM_KEY_ESCAPE;
    case Qt::Key_Up:
        return VTERM_KEY_UP;
    case Qt::Key_Down:
        return VTERM_KEY_DOWN;
    case Qt::Key_Left:
        return VTERM_KEY_LEFT;
    case Qt::Key_Right:
        return VTERM_KEY_RIGHT;
    case Qt::Key_Insert:
        return VTERM_KEY_INS;
    case Qt::Key_Delete:
        return VTERM_KEY_DEL;
    case Qt::Key_Home:
        return VTERM_KEY_HOME;
    case Qt::Key_End:
        return VTERM_KEY_END;
    case Qt::Key_PageUp:
        return VTERM_KEY_PAGEUP;
    case Qt::Key_PageDown:
        return VTERM_KEY_PAGEDOWN;
    default:
        break;
    }
    if (qtKey >= Qt::Key_F1 && qtKey <= Qt::Key_F35)
        return static_cast<VTermKey>(VTERM_KEY_FUNCTION(1 + (qtKey - Qt::Key_F1)));
    return VTERM_KEY_NONE;
}

} // namespace

bool TerminalScreen::bracketedPaste() const
{
    // libvterm 0.1.4 has no getter for DECSET 2004; starting a paste writes ESC[200~ only when
    // the mode is on, so probe it into a scratch buffer and take the bytes back out.
    auto *self = const_cast<TerminalScreen *>(this);
    const qsizetype before = self->m_pendingOutput.size();
    vterm_keyboard_start_paste(m_vt);
    const bool on = self->m_pendingOutput.size() > before;
    vterm_keyboard_end_paste(m_vt);
    self->m_pendingOutput.truncate(before);
    return on;
}

bool TerminalScreen::sendKey(int qtKey, Qt::KeyboardModifiers modifiers, const QString &text)
{
    const VTermModifier mod = toVTermModifier(modifiers);
    if (const VTermKey key = toVTermKey(qtKey); key != VTERM_KEY_NONE) {
        VTermModifier m = mod;
        if (qtKey == Qt::Key_Backtab)
            m = static_cast<VTermModifier>(m | VTERM_MOD_SHIFT);
        vterm_keyboard_key(m_vt, key, m);
        flushOutput();
        return true;
    }
    if (mod & (VTERM_MOD_CTRL | VTERM_MOD_ALT)) {
        char32_t c = 0;
        if (qtKey >= Qt::Key_A && qtKey <= Qt::Key_Z)
            c = char32_t('a' + (qtKey - Qt::Key_A));
        else if (!text.isEmpty() && text.at(0).unicode() >= 0x20 && text.at(0).unicode() != 0x7f)
            c = text.toUcs4().value(0);
        else if (qtKey >= 0x20 && qtKey < 0x7f)
            c = char32_t(qtKey);
        if (c == 0)
            return false;
        if ((mod & VTERM_MOD_CTRL) && c == '[') {
            // xterm sends ESC for Ctrl+[; libvterm 0.1.4 would send a CSI u sequence.
            m_pendingOutput += (mod & VTERM_MOD_ALT) ? QByteArray("\x1b\x1b") : QByteArray("\x1b");
        } else {
            vterm_keyboard_unichar(m_vt, uint32_t(c), mod);
        }
        flushOutput();
        return true;
    }
    if (text.isEmpty())
        return false;
    sendText(text);
    return true;
}

void TerminalScreen::sendText(const QString &text)
{
    for (const char32_t c : text.toUcs4()) {
        if (c < 0x20 || c == 0x7f)
            m_pendingOutput += char(c);
        else
            vterm_keyboard_unichar(m_vt, uint32_t(c), VTERM_MOD_NONE);
    }
    flushOutput();
}

void TerminalScreen::mouseMove(QPoint cell, Qt::KeyboardModifiers modifiers)
{
    vterm_mouse_move(m_vt, std::clamp(cell.y(), 0, m_rows - 1), std::clamp(cell.x(), 0, m_cols - 1),
                     toVTermModifier(modifiers));
    flushOutput();
}

void TerminalScreen::mouseButton(int button, bool pressed, Qt::KeyboardModifiers modifiers)
{
    vterm_mouse_button(m_vt, button, pressed, toVTermModifier(modifiers));
    flushOutput();
}

void TerminalScreen::paste(const QString &text)
{
    QString t = text;
    t.replace(QStringLiteral("\r\n"), QStringLiteral("\r"));
    t.replace(QLatin1Char('\n'), QLatin1Char('\r'));
    // A pasted end marker would let clipboard content escape the bracket and run as typed input.
    t.remove(QStringLiteral("\x1b[201~"));
    vterm_keyboard_start_paste(m_vt);
    m_pendingOutput += t.toUtf8();
    vterm_keyboard_end_paste(m_vt);
    flushOutput();
}

} // namespace archnest::ui
