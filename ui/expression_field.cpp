// SPDX-License-Identifier: Apache-2.0
#include "ui/expression_field.h"

#include <QFocusEvent>

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
    connect(this, &CodeEditor::userEdited, this, [this] {
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

QSize ExpressionField::sizeHint() const
{
    auto *self = const_cast<ExpressionField *>(this);
    // Wrapped lines count: the document's display lines, not its text lines.
    const int displayLines = int(self->SendScintilla(SCI_VISIBLEFROMDOCLINE, static_cast<unsigned long>(lines())));
    return {200, heightForLines(qMax(lines(), displayLines))};
}

QSize ExpressionField::minimumSizeHint() const
{
    return {80, heightForLines(1)};
}

void ExpressionField::focusOutEvent(QFocusEvent *event)
{
    CodeEditor::focusOutEvent(event);
    // Completion lists take focus briefly; that is not the end of the edit.
    if (event->reason() != Qt::PopupFocusReason)
        emit editingFinished();
}

} // namespace bindery::ui
