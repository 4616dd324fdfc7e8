#pragma once

#include "TerminalScreen.h"
#include "TerminalSearch.h"

#include <QAbstractScrollArea>
#include <QFont>
#include <QPointer>
#include <QTimer>

namespace archnest {
class ExecStream;
}

class QMenu;

namespace archnest::ui {

class TerminalFindBar;

// Paints a TerminalScreen and turns keys, mouse and clipboard into terminal input. All the VT
// logic is in the screen model; this widget only paints, scrolls, selects and forwards.
// Repaints are batched like Konsole's: a 10 ms timer restarted by every change and a 40 ms
// timer that is not, so a steady stream repaints 25 times a second and a pause at once.
class TerminalView final : public QAbstractScrollArea
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TerminalView)

public:
    static constexpr int kRepaintQuietMs = 10;
    static constexpr int kRepaintMaxDelayMs = 40;
    static constexpr int kCursorBlinkMs = 500;
    static constexpr int kWheelLines = 3;
    static constexpr int kMargin = 4; // px left of and above the first cell
    // Parsing works in slices and yields to the event loop after this long, so a burst (a fast
    // `cat`) never freezes the window; the rest is parsed on the next turn of the loop.
    static constexpr int kFeedBudgetMs = 8;
    static constexpr qsizetype kFeedSliceBytes = 16 * 1024;
    // Flow control: above this many unparsed bytes the stream is paused (the remote blocks),
    // below the low mark it resumes; memory stays bounded however fast the remote writes.
    static constexpr qsizetype kPauseAboveBytes = 2 * 1024 * 1024;
    static constexpr qsizetype kResumeBelowBytes = 256 * 1024;

    explicit TerminalView(QWidget *parent = nullptr);
    ~TerminalView() override;

    TerminalScreen *screen() const { return m_screen; }

    // Binds the view to a stream (not owned): its bytes are parsed, keys are written to it and
    // the PTY follows the widget's size. nullptr unbinds.
    void setStream(ExecStream *stream);
    ExecStream *stream() const { return m_stream; }

    void setTerminalFont(const QFont &font);
    QFont terminalFont() const { return m_font; }
    static QFont defaultFont();
    void setScrollbackLines(int lines);

    int columns() const { return m_screen->columns(); }
    int rows() const { return m_screen->rows(); }
    QSize cellSize() const { return QSize(m_cellWidth, m_cellHeight); }
    // The widget size that shows exactly cols x rows cells.
    QSize sizeForCells(int cols, int rows) const;

    bool hasSelection() const;
    QString selectedText() const;
    void clearSelection();
    // Selects from one cell to another, in history coordinates (x = column, y = line as
    // TerminalScreen numbers them).
    void setSelection(QPoint from, QPoint to);
    int scrollbackPosition() const; // lines scrolled back from the bottom (0 = live)

    // The right-click menu: Copy, Paste, Select all, Find…, Clear scrollback (the caller owns it).
    QMenu *createContextMenu();
    // Find (Ctrl+Shift+F or the menu): a bar over the top right corner; matches in the
    // scrollback and the screen are selected (highlighted) one at a time and scrolled into view.
    TerminalFindBar *findBar() const { return m_findBar; }
    TerminalSearch &search() { return m_search; }
    void showFind();
    bool findNext(bool backwards = false);                                 // false: no match
    qsizetype pendingBytes() const { return m_inbox.size() - m_inboxPos; } // received, not parsed yet
    bool readPaused() const { return m_readPaused; }

    QSize sizeHint() const override;

public Q_SLOTS:
    void receive(const QByteArray &data);
    void copySelection();
    void pasteClipboard();
    void selectAll();
    void clearScrollback();
    void scrollToBottom();
    void scrollLines(int delta); // negative: back in history

Q_SIGNALS:
    void resized(int cols, int rows);
    void titleChanged(const QString &title);
    void bell();
    void dataSent(const QByteArray &data); // bytes written to the stream (keys, paste, replies)

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void inputMethodEvent(QInputMethodEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    bool focusNextPrevChild(bool next) override;
    void scrollContentsBy(int dx, int dy) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void drainInbox();
    void onContentChanged();
    void flushRepaint();
    void updateTerminalSize();
    void updateScrollBar();
    void sendToStream(const QByteArray &data);
    void blinkCursor();
    int topLine() const;
    QPoint cellAt(const QPoint &pixel) const; // history coordinates
    bool isSelected(int line, int col) const;
    // True when the application takes the mouse (and the user is not holding Shift, which
    // always selects, as in xterm); `cell` is then the screen cell under `pixel`.
    bool reportsMouse(const QMouseEvent *event, QPoint *cell) const;
    void paintLine(QPainter &p, int line, int y);
    void paintCursor(QPainter &p);
    void placeFindBar();

    TerminalScreen *m_screen = nullptr;
    QPointer<ExecStream> m_stream;
    QFont m_font;
    QFont m_fontBold;
    QFont m_fontItalic;
    QFont m_fontBoldItalic;
    int m_cellWidth = 8;
    int m_cellHeight = 16;
    int m_ascent = 12;
    QByteArray m_inbox;
    qsizetype m_inboxPos = 0;
    bool m_readPaused = false; // we asked the stream to stop reading
    QTimer m_drainTimer;
    QTimer m_quietTimer;
    QTimer m_maxDelayTimer;
    QTimer m_blinkTimer;
    bool m_blinkOn = true;
    bool m_atBottom = true;
    bool m_fullRepaint = true;
    QRect m_pendingDamage;
    qint64 m_lastDropped = 0;
    // Selection ends in stable coordinates: y = droppedLines() + history line.
    bool m_selecting = false;
    bool m_hasSelection = false;
    QPoint m_selStart;
    QPoint m_selEnd;
    qint64 m_selStartLine = 0;
    qint64 m_selEndLine = 0;
    TerminalSearch m_search{m_screen};
    TerminalFindBar *m_findBar = nullptr;
};

} // namespace archnest::ui
