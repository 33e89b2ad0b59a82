// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/workspace_snapshot.h"

#include <QWidget>

class QButtonGroup;
class QSplitter;

namespace bindery::workspace {
class Workspace;
}

namespace bindery::ui {

class BindingForm;
class CodeEditor;
class FindBar;

// One workspace file as text (manifests, tests, an event file that does not parse): the editor
// writes every edit into the Workspace and takes text replaced there (reload, revert). A manifest
// with a WorkflowEventBinding also gets a form view of the binding over the same document
// (YAML | Form | Both).
class TextFileEditor : public QWidget
{
    Q_OBJECT
public:
    enum class View { Yaml, Form, Both };

    TextFileEditor(workspace::Workspace &workspace, const QString &path, QWidget *parent = nullptr);

    QString path() const { return m_path; }
    CodeEditor *editor() const { return m_editor; }
    FindBar *findBar() const { return m_findBar; }
    // The binding form (created with the view switch when the file holds a binding; else null).
    BindingForm *bindingForm() const { return m_form; }

    void setView(View view);
    View view() const { return m_view; }

    void goToLine(int line, int column = 1);
    // Shows the snapshot's problems for this file, and `more` (lint, selectors) that concern it, as squiggles.
    void showProblems(const workspace::WorkspaceSnapshot &snapshot, const QList<workspace::Diagnostic> &more = {});
    void setCompletionWords(const QStringList &words);

signals:
    // The user picked a view with the switch (not setView() calls).
    void viewChosen(bindery::ui::TextFileEditor::View view);

private:
    void updateViewSwitch(const workspace::WorkspaceSnapshot &snapshot);

    workspace::Workspace &m_workspace;
    QString m_path;
    CodeEditor *m_editor;
    FindBar *m_findBar;
    QWidget *m_switchBar = nullptr;
    QButtonGroup *m_viewButtons = nullptr;
    QSplitter *m_splitter = nullptr;
    QWidget *m_yamlPane = nullptr;
    BindingForm *m_form = nullptr;
    QStringList m_completionWords;
    View m_view = View::Yaml;
};

} // namespace bindery::ui
