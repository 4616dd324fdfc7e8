#include "TerminalView.h"

#include "docker/ContainerSource.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QSettings>
#include <QtMath>

#include <algorithm>

namespace archnest::ui {

namespace {

bool isWordChar(const QString &s)
{
    if (s.isEmpty())
        return false;
    const QChar c = s.at(0);
    return c.isLetterOrNumber() || QStringLiteral("_-./~:@%+").contains(c);
}

} // namespace

TerminalView::TerminalView(QWidget *parent)
    : QAbstractScrollArea(parent)
    , m_screen(new TerminalScreen(80, 24, this))
{
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_InputMethodEnabled);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setFrameShape(QFrame::NoFrame);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setAutoFillBackground(false);
    // A small inner margin in the terminal's own background colour.
    setViewportMargins(kMargin, kMargin, 0, 0);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, m_screen->defaultBackground());
    setPalette(pal);
    setAutoFillBackground(true);

    m_quietTimer.setSingleShot(true);
    m_quietTimer.setInterval(kRepaintQuietMs);
    m_maxDelayTimer.setSingleShot(true);
    m_maxDelayTimer.setInterval(kRepaintMaxDelayMs);
    connect(&m_quietTimer, &QTimer::timeout, this, &TerminalView::flushRepaint);
    connect(&m_maxDelayTimer, &QTimer::timeout, this, &TerminalView::flushRepaint);
    m_drainTimer.setSingleShot(true);
    m_drainTimer.setInterval(0);
    connect(&m_drainTimer, &QTimer::timeout, this, &TerminalView::drainInbox);
    m_blinkTimer.setInterval(kCursorBlinkMs);
    connect(&m_blinkTimer, &QTimer::timeout, this, &TerminalView::blinkCursor);

    connect(m_screen, &TerminalScreen::contentChanged, this, &TerminalView::onContentChanged);
    connect(m_screen, &TerminalScreen::output, this, &TerminalView::sendToStream);
    connect(m_screen, &TerminalScreen::titleChanged, this, &TerminalView::titleChanged);
    connect(m_screen, &TerminalScreen::bell, this, &TerminalView::bell);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        m_atBottom = value >= verticalScrollBar()->maximum();
        viewport()->update();
    });

    setTerminalFont(defaultFont());
}

TerminalView::~TerminalView() = default;

QFont TerminalView::defaultFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    const QSettings settings;
    const QString configured = settings.value(QStringLiteral("terminal/font")).toString();
    if (!configured.isEmpty())
        font.fromString(configured);
    font.setStyleHint(QFont::Monospace, QFont::PreferAntialias);
    font.setFixedPitch(true);
    font.setKerning(false);
    return font;
}

void TerminalView::setStream(ExecStream *stream)
{
    if (m_stream) {
        disconnect(m_stream, nullptr, this, nullptr);
        if (m_readPaused)
            m_stream->setReadPaused(false);
    }
    m_readPaused = false;
    m_stream = stream;
    if (!stream)
        return;
    connect(stream, &ExecStream::dataReceived, this, [this](const QByteArray &data) { receive(data); });
    // Some transports can only resize a started exec (the Engine API): send the size again then.
    connect(stream, &ExecStream::started, this, [this] {
        if (m_stream)
            m_stream->resize(columns(), rows());
    });
    stream->resize(columns(), rows());
}

void TerminalView::setTerminalFont(const QFont &font)
{
    m_font = font;
    m_font.setKerning(false);
    m_font.setLetterSpacing(QFont::AbsoluteSpacing, 0);
    m_fontBold = m_font;
    m_fontBold.setBold(true);
    m_fontItalic = m_font;
    m_fontItalic.setItalic(true);
    m_fontBoldItalic = m_fontBold;
    m_fontBoldItalic.setItalic(true);
    // Glyph advances are fractional (7.2 px for a 9 pt mono font) while cells are whole pixels:
    // letter spacing makes every variant advance exactly one cell, so a run of text drawn in one
    // call stays on the grid instead of drifting into the next column.
    const QFontMetricsF metrics(m_font);
    m_cellWidth = std::max(1, qRound(metrics.horizontalAdvance(QLatin1Char('M'))));
    m_cellHeight = std::max(1, qCeil(metrics.height()));
    m_ascent = qRound(metrics.ascent());
    for (QFont *f : {&m_font, &m_fontBold, &m_fontItalic, &m_fontBoldItalic}) {
        const qreal advance = QFontMetricsF(*f).horizontalAdvance(QLatin1Char('M'));
        f->setLetterSpacing(QFont::AbsoluteSpacing, m_cellWidth - advance);
    }
    viewport()->setFont(m_font);
    verticalScrollBar()->setSingleStep(1);
    updateTerminalSize();
    m_fullRepaint = true;
    viewport()->update();
    updateGeometry();
}

void TerminalView::setScrollbackLines(int lines)
{
    m_screen->setScrollbackLimit(lines);
    updateScrollBar();
}

QSize TerminalView::sizeForCells(int cols, int rows) const
{
    const int frame = 2 * frameWidth();
    return QSize(cols * m_cellWidth + verticalScrollBar()->sizeHint().width() + frame + kMargin,
                 rows * m_cellHeight + frame + kMargin);
}

QSize TerminalView::sizeHint() const
{
    return sizeForCells(80, 24);
}

void TerminalView::receive(const QByteArray &data)
{
    if (data.isEmpty())
        return;
    m_inbox += data;
    if (!m_drainTimer.isActive())
        drainInbox();
    if (!m_readPaused && m_stream && pendingBytes() > kPauseAboveBytes) {
        m_readPaused = true;
        m_stream->setReadPaused(true);
    }
}

void TerminalView::drainInbox()
{
    QElapsedTimer budget;
    budget.start();
    while (m_inboxPos < m_inbox.size()) {
        const qsizetype n = std::min(kFeedSliceBytes, m_inbox.size() - m_inboxPos);
        m_screen->feed(m_inbox.constData() + m_inboxPos, n);
        m_inboxPos += n;
        if (budget.elapsed() >= kFeedBudgetMs)
            break;
    }
    if (m_readPaused && pendingBytes() < kResumeBelowBytes) {
        m_readPaused = false;
        if (m_stream)
            m_stream->setReadPaused(false);
    }
    if (m_inboxPos >= m_inbox.size()) {
        m_inbox.clear();
        m_inboxPos = 0;
        m_drainTimer.stop();
        return;
    }
    if (m_inboxPos > kFeedSliceBytes * 16) { // drop what is parsed, now and then
        m_inbox.remove(0, m_inboxPos);
        m_inboxPos = 0;
    }
    m_drainTimer.start();
}

void TerminalView::sendToStream(const QByteArray &data)
{
    if (m_stream)
        m_stream->write(data);
    Q_EMIT dataSent(data);
}

void TerminalView::onContentChanged()
{
    if (!m_fullRepaint) {
        const QRect d = m_screen->takeDamage();
        if (!d.isEmpty())
            m_pendingDamage = m_pendingDamage.united(d);
    }
    m_quietTimer.start();
    if (!m_maxDelayTimer.isActive())
        m_maxDelayTimer.start();
}

void TerminalView::flushRepaint()
{
    m_quietTimer.stop();
    m_maxDelayTimer.stop();
    const qint64 dropped = m_screen->droppedLines();
    const int sbBefore = verticalScrollBar()->maximum();
    updateScrollBar();
    const bool shifted = dropped != m_lastDropped || sbBefore != verticalScrollBar()->maximum();
    m_lastDropped = dropped;
    const QRect damage = m_screen->takeDamage().united(m_pendingDamage);
    m_pendingDamage = QRect();
    if (m_fullRepaint || shifted || !m_atBottom) {
        m_fullRepaint = false;
        viewport()->update();
        return;
    }
    if (!damage.isEmpty())
        viewport()->update(QRect(damage.x() * m_cellWidth, damage.y() * m_cellHeight, damage.width() * m_cellWidth,
                                 damage.height() * m_cellHeight));
}

void TerminalView::updateScrollBar()
{
    QScrollBar *bar = verticalScrollBar();
    const int sb = m_screen->scrollbackCount();
    const qint64 droppedSince = m_screen->droppedLines() - m_lastDropped;
    const int oldValue = bar->value();
    const bool follow = m_atBottom;
    const QSignalBlocker block(bar);
    bar->setRange(0, sb);
    bar->setPageStep(m_screen->rows());
    if (follow)
        bar->setValue(sb);
    else
        bar->setValue(int(std::max<qint64>(0, oldValue - droppedSince)));
    m_atBottom = bar->value() >= sb;
}

int TerminalView::topLine() const
{
    return m_atBottom ? m_screen->scrollbackCount()
                      : std::min(verticalScrollBar()->value(), m_screen->scrollbackCount());
}

int TerminalView::scrollbackPosition() const
{
    return m_screen->scrollbackCount() - topLine();
}

void TerminalView::scrollToBottom()
{
    updateScrollBar();
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    m_atBottom = true;
    viewport()->update();
}

void TerminalView::scrollLines(int delta)
{
    updateScrollBar();
    verticalScrollBar()->setValue(topLine() + delta);
}

void TerminalView::scrollContentsBy(int, int)
{
    viewport()->update();
}

void TerminalView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateTerminalSize();
    placeFindBar();
}

void TerminalView::updateTerminalSize()
{
    const int cols = std::max(2, viewport()->width() / m_cellWidth);
    const int rows = std::max(1, viewport()->height() / m_cellHeight);
    if (cols == m_screen->columns() && rows == m_screen->rows())
        return;
    m_screen->resize(cols, rows);
    m_fullRepaint = true;
    updateScrollBar();
    viewport()->update();
    if (m_stream)
        m_stream->resize(cols, rows);
    Q_EMIT resized(cols, rows);
}

void TerminalView::focusInEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusInEvent(event);
    m_blinkOn = true;
    m_blinkTimer.start();
    viewport()->update();
}

void TerminalView::focusOutEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusOutEvent(event);
    m_blinkTimer.stop();
    viewport()->update();
}

// ---- keyboard ------------------------------------------------------------------------------

bool TerminalView::focusNextPrevChild(bool)
{
    return false; // Tab and Shift+Tab belong to the shell
}

bool TerminalView::event(QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        // Ctrl/Alt combinations go to the terminal (Ctrl+W deletes a word in the shell, it does
        // not close the tab); Ctrl+Shift ones stay window shortcuts.
        auto *key = static_cast<QKeyEvent *>(event);
        const auto mods = key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::ShiftModifier);
        if (mods != (Qt::ControlModifier | Qt::ShiftModifier)) {
            event->accept();
            return true;
        }
    }
    return QAbstractScrollArea::event(event);
}

void TerminalView::keyPressEvent(QKeyEvent *event)
{
    const auto mods = event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::ShiftModifier);
    const int key = event->key();
    if (mods == (Qt::ControlModifier | Qt::ShiftModifier) && key == Qt::Key_C) {
        copySelection();
        return;
    }
    if (mods == (Qt::ControlModifier | Qt::ShiftModifier) && key == Qt::Key_F) {
        showFind();
        return;
    }
    if (mods == (Qt::ControlModifier | Qt::ShiftModifier) && key == Qt::Key_V) {
        pasteClipboard();
        return;
    }
    if (mods == Qt::ShiftModifier && (key == Qt::Key_PageUp || key == Qt::Key_PageDown)) {
        const int page = std::max(1, m_screen->rows() - 1);
        scrollLines(key == Qt::Key_PageUp ? -page : page);
        return;
    }
    if (mods == Qt::ShiftModifier && key == Qt::Key_Insert) {
        pasteClipboard();
        return;
    }
    if (m_screen->sendKey(key, event->modifiers(), event->text())) {
        if (!m_atBottom)
            scrollToBottom();
        m_blinkOn = true;
        event->accept();
        return;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void TerminalView::inputMethodEvent(QInputMethodEvent *event)
{
    if (!event->commitString().isEmpty())
        m_screen->sendText(event->commitString());
    event->accept();
}

namespace {
int vtermButton(Qt::MouseButton b)
{
    switch (b) {
    case Qt::LeftButton:
        return 1;
    case Qt::MiddleButton:
        return 2;
    case Qt::RightButton:
        return 3;
    default:
        return 0;
    }
}
} // namespace

bool TerminalView::reportsMouse(const QMouseEvent *event, QPoint *cell) const
{
    if (m_screen->mouseMode() == 0 || (event->modifiers() & Qt::ShiftModifier) || !m_atBottom)
        return false;
    const QPoint history = cellAt(event->position().toPoint());
    *cell = QPoint(history.x(), history.y() - m_screen->scrollbackCount());
    return true;
}

void TerminalView::mousePressEvent(QMouseEvent *event)
{
    if (QPoint cell; reportsMouse(event, &cell)) {
        if (const int b = vtermButton(event->button())) {
            m_screen->mouseMove(cell, event->modifiers());
            m_screen->mouseButton(b, true, event->modifiers());
        }
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton) {
        const QPoint cell = cellAt(event->position().toPoint());
        setSelection(cell, cell);
        m_hasSelection = false;
        m_selecting = true;
        setFocus(Qt::MouseFocusReason);
        event->accept();
        return;
    }
    if (event->button() == Qt::MiddleButton) {
        const QString text = QGuiApplication::clipboard()->text(QClipboard::Selection);
        if (!text.isEmpty())
            m_screen->paste(text);
        event->accept();
        return;
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void TerminalView::mouseMoveEvent(QMouseEvent *event)
{
    if (QPoint cell; !m_selecting && reportsMouse(event, &cell)) {
        m_screen->mouseMove(cell, event->modifiers()); // libvterm reports it only in drag/move modes
        return;
    }
    if (!m_selecting)
        return;
    const QPoint pos = event->position().toPoint();
    // Dragging above or below the view scrolls through the history.
    if (pos.y() < 0)
        scrollLines(-1);
    else if (pos.y() > viewport()->height())
        scrollLines(1);
    const QPoint cell = cellAt(pos);
    m_selEnd = cell;
    m_selEndLine = m_screen->droppedLines() + cell.y();
    m_hasSelection = true;
    viewport()->update();
}

void TerminalView::mouseReleaseEvent(QMouseEvent *event)
{
    if (QPoint cell; !m_selecting && reportsMouse(event, &cell)) {
        if (const int b = vtermButton(event->button())) {
            m_screen->mouseMove(cell, event->modifiers());
            m_screen->mouseButton(b, false, event->modifiers());
        }
        return;
    }
    if (event->button() != Qt::LeftButton || !m_selecting)
        return;
    m_selecting = false;
    if (m_hasSelection && QGuiApplication::clipboard()->supportsSelection())
        QGuiApplication::clipboard()->setText(selectedText(), QClipboard::Selection);
}

void TerminalView::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (QPoint cell; reportsMouse(event, &cell)) {
        mousePressEvent(event); // the application sees a second press
        return;
    }
    if (event->button() != Qt::LeftButton)
        return;
    const QPoint cell = cellAt(event->position().toPoint());
    int c0 = cell.x();
    int c1 = cell.x();
    while (c0 > 0 && isWordChar(m_screen->historyCell(cell.y(), c0 - 1).text()))
        --c0;
    while (c1 < m_screen->columns() - 1 && isWordChar(m_screen->historyCell(cell.y(), c1 + 1).text()))
        ++c1;
    setSelection(QPoint(c0, cell.y()), QPoint(c1, cell.y()));
    m_selecting = false;
    if (QGuiApplication::clipboard()->supportsSelection())
        QGuiApplication::clipboard()->setText(selectedText(), QClipboard::Selection);
}

void TerminalView::wheelEvent(QWheelEvent *event)
{
    const int notches = event->angleDelta().y() / 120;
    if (notches == 0)
        return;
    if (m_screen->mouseMode() != 0 && m_atBottom && !(event->modifiers() & Qt::ShiftModifier)) {
        for (int i = 0; i < std::abs(notches); ++i)
            m_screen->mouseButton(notches > 0 ? 4 : 5, true, event->modifiers());
    } else if (m_screen->altScreen()) {
        // Full-screen programs (less, top, vim) have no scrollback: scroll them with arrows.
        for (int i = 0; i < std::abs(notches) * kWheelLines; ++i)
            m_screen->sendKey(notches > 0 ? Qt::Key_Up : Qt::Key_Down, Qt::NoModifier, {});
    } else {
        scrollLines(-notches * kWheelLines);
    }
    event->accept();
}

} // namespace archnest::ui
