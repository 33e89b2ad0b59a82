// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ui/text_file_editor.h"
#include "workspace/workspace_snapshot.h"

#include <QTabWidget>

namespace bindery::workspace {
class Workspace;
}

namespace bindery::ui {

class CodeEditor;
class FindBar;

// The tabbed editors of workspace files: an event form for events, a YAML editor for the rest.
class EditorArea : public QTabWidget
{
    Q_OBJECT
public:
    explicit EditorArea(workspace::Workspace &workspace, QWidget *parent = nullptr);

    // Opens (or raises) the file's editor and puts the cursor at line:column (1-based).
    QWidget *openFile(const QString &path, int line = 1, int column = 1);
    QWidget *editorFor(const QString &path) const;
    QString currentPath() const;
    QString pathAt(int tab) const;
    // The code editor with focus in the current tab (the body of an event), for undo, find, ...
    CodeEditor *currentCodeEditor() const;
    FindBar *currentFindBar() const;
    void closeAll();
    // Completion candidates for every code editor (builtins, the selected event's paths).
    void setCompletionWords(const QStringList &words);
    // Applies a problem's one-click fix in the file's editor (opened if needed) as one undoable
    // edit; false when the file changed since the fix was computed.
    bool applyFix(const workspace::Diagnostic &problem);
    // Problems found by evaluating the workspace (lint, selectors), squiggled in the open editors.
    void setEvaluationProblems(const QList<workspace::Diagnostic> &problems);

    // The view binding manifests open in (the user's last choice); a choice made in any tab becomes it.
    void setBindingView(TextFileEditor::View view) { m_bindingView = view; }
    TextFileEditor::View bindingView() const { return m_bindingView; }

signals:
    void currentPathChanged(const QString &path);
    void bindingViewChosen(bindery::ui::TextFileEditor::View view);
    void insertRequested(const QString &text);

private:
    void onSnapshot(const workspace::WorkspaceSnapshot &snapshot);
    void updateTitle(int tab, const workspace::WorkspaceSnapshot &snapshot);

    workspace::Workspace &m_workspace;
    QStringList m_completionWords;
    QList<workspace::Diagnostic> m_evaluationProblems;
    TextFileEditor::View m_bindingView = TextFileEditor::View::Yaml;
};

} // namespace bindery::ui
