// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/code_editor.h"

namespace bindery::ui {

// A compact editor for one expr expression inside a form: the studio's code editor (expr
// highlighting, completion of builtins, payload paths and header keys) without margins, as high
// as its text (one line to a few), wrapping long lines.
class ExpressionField : public CodeEditor
{
    Q_OBJECT
public:
    explicit ExpressionField(QWidget *parent = nullptr);

    // Shows `value` without counting as an edit by the user (no undo step, no textEdited()).
    void setValue(const QString &value);
    QString value() const { return text(); }
    // Grey text shown while the field is empty (what to type, the default that applies).
    void setPlaceholderText(const QString &text);
    QString placeholderText() const { return m_placeholder; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    // The user changed the text (typing, completion, insert from the environment tree).
    void textEdited();
    // Focus left the field: a good moment to write its value.
    void editingFinished();

protected:
    void focusOutEvent(QFocusEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    int displayLines() const;
    int heightForLines(int lines) const;
    bool m_setting = false;
    QString m_placeholder;
};

} // namespace bindery::ui
