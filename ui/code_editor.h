// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/yaml_edit.h"

#include <QList>
#include <QStringList>

#include <Qsci/qsciscintilla.h>

namespace bindery::ui {

// A problem to mark in an editor: 1-based line and column (in characters), and how many characters
// it spans (0: the word at that position).
struct EditorDiagnostic {
    enum class Severity { Error, Warning };
    int line = 1;
    int column = 1;
    int length = 0;
    QString message;
    Severity severity = Severity::Error;
};

// The code editor of the studio: QScintilla with the language's lexer, line numbers, folding,
// brace matching, squiggles with hover text, path-aware completion, and colours that follow the
// application palette (light or dark).
class CodeEditor : public QsciScintilla
{
    Q_OBJECT
public:
    enum class Language { Plain, Yaml, Json, Expr };

    explicit CodeEditor(QWidget *parent = nullptr);

    void setLanguage(Language language);
    Language language() const { return m_language; }

    // Replaces the text without making the editor look edited by the user (keeps the cursor where
    // it can and leaves one undo step).
    void replaceText(const QString &text);

    void setDiagnostics(const QList<EditorDiagnostic> &diagnostics);
    const QList<EditorDiagnostic> &diagnostics() const { return m_diagnostics; }
    // The message of the diagnostic under a (1-based) position, for hover and tests.
    QString diagnosticAt(int line, int column) const;
    // Whether the squiggle indicator covers that (1-based) character.
    bool hasSquiggleAt(int line, int column) const;

    // Completion candidates: builtins, environment names, payload paths, header keys.
    void setCompletionWords(const QStringList &words);
    QStringList completionsFor(const QString &prefix) const;
    void showCompletions();

    // Inserts text at the cursor as one undo step.
    void insertAtCursor(const QString &text);
    // Applies an edit (byte offsets into the document) as one undo step, like typing it: the
    // document's own undo history takes it and userEdited() follows. Used by the binding form and
    // the one-click fixes so that Ctrl+Z undoes them where the user types.
    void applyEdit(const workspace::TextEdit &edit);
    // The document's text as UTF-8 (the bytes TextEdit offsets count).
    QByteArray bytes() const;

    void setLineNumbersVisible(bool visible);

    bool isDark() const;

signals:
    // The user changed the text (not replaceText()).
    void userEdited();

protected:
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void applyTheme();
    void updateMarginWidth();
    int positionOf(int line, int column) const;
    QString tokenBeforeCursor(int *start) const;
    void onDwell(int position, int x, int y);

    Language m_language = Language::Plain;
    QList<EditorDiagnostic> m_diagnostics;
    QStringList m_completionWords;
    bool m_replacing = false;
    bool m_lineNumbers = true;
};

} // namespace bindery::ui
