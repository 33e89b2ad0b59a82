// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/workspace_snapshot.h"

#include <QWidget>

class QTreeView;

namespace bindery::ui {

class WorkspaceTreeModel;

// The Workspace dock: the tree of templates, bindings, events and tests.
class WorkspaceView : public QWidget
{
    Q_OBJECT
public:
    explicit WorkspaceView(QWidget *parent = nullptr);

    void resetData(const workspace::WorkspaceSnapshot &snapshot);
    WorkspaceTreeModel *model() const { return m_model; }
    QTreeView *tree() const { return m_tree; }
    // The events selected in the tree (several with Ctrl or Shift), in tree order.
    QStringList selectedEventPaths() const;

signals:
    void openRequested(const QString &path, int line);
    // The selected event or binding changed (for the results' focus).
    void eventSelected(const QString &path);
    void bindingSelected(const QString &name);

private:
    WorkspaceTreeModel *m_model;
    QTreeView *m_tree;
};

} // namespace bindery::ui
