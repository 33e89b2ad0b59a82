// SPDX-License-Identifier: Apache-2.0
#include "ui/workspace_view.h"

#include "ui/workspace_tree_model.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace bindery::ui {

WorkspaceView::WorkspaceView(QWidget *parent)
    : QWidget(parent)
    , m_model(new WorkspaceTreeModel(this))
    , m_tree(new QTreeView(this))
{
    setObjectName(QStringLiteral("workspaceView"));
    m_tree->setObjectName(QStringLiteral("workspaceTree"));
    m_tree->setModel(m_model);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setExpandsOnDoubleClick(false);
    // Several events at once: "Send to Target" and "Add to Replay List" act on the selection.
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
    // The tree is two levels deep: keep every group open after a reset.
    connect(m_model, &QAbstractItemModel::modelReset, m_tree, &QTreeView::expandAll);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        const QString path = index.data(WorkspaceTreeModel::PathRole).toString();
        if (path.isEmpty())
            m_tree->setExpanded(index, !m_tree->isExpanded(index));
        else
            emit openRequested(path, index.data(WorkspaceTreeModel::LineRole).toInt());
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &index) {
            const int group = index.data(WorkspaceTreeModel::GroupRole).toInt();
            if (!index.parent().isValid())
                return;
            if (group == WorkspaceTreeModel::Events)
                emit eventSelected(index.data(WorkspaceTreeModel::PathRole).toString());
            else if (group == WorkspaceTreeModel::Bindings)
                emit bindingSelected(index.data(WorkspaceTreeModel::NameRole).toString());
        });
}

QStringList WorkspaceView::selectedEventPaths() const
{
    QModelIndexList rows = m_tree->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
        [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList paths;
    for (const QModelIndex &index : std::as_const(rows))
        if (index.parent().isValid()
            && index.data(WorkspaceTreeModel::GroupRole).toInt() == WorkspaceTreeModel::Events)
            paths << index.data(WorkspaceTreeModel::PathRole).toString();
    return paths;
}

void WorkspaceView::resetData(const workspace::WorkspaceSnapshot &snapshot)
{
    m_model->resetData(snapshot);
}

} // namespace bindery::ui
