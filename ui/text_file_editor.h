// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/workspace_snapshot.h"

#include <QWidget>

namespace bindery::workspace {
class Workspace;
}

namespace bindery::ui {

class CodeEditor;
class FindBar;

// One workspace file as text (manifests, tests, an event file that does not parse): the editor
// writes every edit into the Workspace and takes text replaced there (reload, revert).
class TextFileEditor : public QWidget
{
    Q_OBJECT
public:
    TextFileEditor(workspace::Workspace &workspace, const QString &path, QWidget *parent = nullptr);

    QString path() const { return m_path; }
    CodeEditor *editor() const { return m_editor; }
    FindBar *findBar() const { return m_findBar; }

    void goToLine(int line, int column = 1);
    // Shows the snapshot's problems for this file, and `more` (lint, selectors) that concern it, as squiggles.
    void showProblems(const workspace::WorkspaceSnapshot &snapshot, const QList<workspace::Diagnostic> &more = {});

private:
    workspace::Workspace &m_workspace;
    QString m_path;
    CodeEditor *m_editor;
    FindBar *m_findBar;
};

} // namespace bindery::ui
