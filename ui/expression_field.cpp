// SPDX-License-Identifier: Apache-2.0
#include "ui/expression_field.h"

#include <QFocusEvent>
#include <QPainter>
#include <QResizeEvent>

namespace bindery::ui {

namespace {
constexpr int kMaxVisibleLines = 6;
}

ExpressionField::ExpressionField(QWidget *parent)
    : CodeEditor(parent)
{
    setLanguage(Language::Expr);
    setLineNumbersVisible(false);
    setFolding(NoFoldStyle);
    setMarginWidth(1, 0);
    setMarginWidth(2, 0);
    setCaretLineVisible(false);
    setWrapMode(WrapWord);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    SendScintilla(SCI_SETHSCROLLBAR, 0L);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // A field's own history stays out of the way: Ctrl+Z in a form undoes the document's edits.
    SendScintilla(SCI_SETUNDOCOLLECTION, 0L);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(this, &CodeEditor::userEdited, this, [this] {
        setVerticalScrollBarPolicy(displayLines() > kMaxVisibleLines ? Qt::ScrollBarAsNeeded : Qt::ScrollBarAlwaysOff);
        updateGeometry();
        if (!m_setting)
            emit textEdited();
    });
}

void ExpressionField::setValue(const QString &value)
{
    if (value == text())
        return;
    m_setting = true;
    int line = 0, index = 0;
    getCursorPosition(&line, &index);
    setText(value);
    line = qMin(line, qMax(0, lines() - 1));
    setCursorPosition(line, qMin(index, int(text(line).size())));
    m_setting = false;
    updateGeometry();
}

int ExpressionField::heightForLines(int count) const
{
    auto *self = const_cast<ExpressionField *>(this);
    const int lineHeight = int(self->SendScintilla(SCI_TEXTHEIGHT, 0L));
    return qBound(1, count, kMaxVisibleLines) * lineHeight + 2 * frameWidth() + 6;
}

int ExpressionField::displayLines() const
{
    auto *self = const_cast<ExpressionField *>(this);
    // Wrapped lines count: the document's display lines, not its text lines.
    return qMax(lines(), int(self->SendScintilla(SCI_VISIBLEFROMDOCLINE, static_cast<unsigned long>(lines()))));
}

QSize ExpressionField::sizeHint() const
{
    return {200, heightForLines(displayLines())};
}

void ExpressionField::resizeEvent(QResizeEvent *event)
{
    CodeEditor::resizeEvent(event);
    // A new width wraps the text anew: the height follows (a scroll bar only past the cap).
    setVerticalScrollBarPolicy(displayLines() > kMaxVisibleLines ? Qt::ScrollBarAsNeeded : Qt::ScrollBarAlwaysOff);
    if (sizeHint().height() != height())
        updateGeometry();
}

QSize ExpressionField::minimumSizeHint() const
{
    return {80, heightForLines(1)};
}

void ExpressionField::setPlaceholderText(const QString &text)
{
    if (text == m_placeholder)
        return;
    m_placeholder = text;
    viewport()->update();
}

void ExpressionField::paintEvent(QPaintEvent *event)
{
    CodeEditor::paintEvent(event);
    if (m_placeholder.isEmpty() || length() > 0)
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const int margin = int(const_cast<ExpressionField *>(this)->SendScintilla(SCI_GETMARGINLEFT));
    const int lineHeight = int(SendScintilla(SCI_TEXTHEIGHT, 0L));
    painter.drawText(QRect(margin, 0, viewport()->width() - margin, lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                     painter.fontMetrics().elidedText(m_placeholder, Qt::ElideRight, viewport()->width() - margin));
}

void ExpressionField::focusOutEvent(QFocusEvent *event)
{
    CodeEditor::focusOutEvent(event);
    // Completion lists take focus briefly; that is not the end of the edit.
    if (event->reason() != Qt::PopupFocusReason)
        emit editingFinished();
}

} // namespace bindery::ui
