// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/workspace_snapshot.h"

#include <QAbstractItemModel>
#include <QHash>

namespace bindery::ui {

// The workspace as a tree: Templates, Bindings, Events, Tests, each with its items. Fed whole
// snapshots; it resets only when the list of items changes, so that typing in an editor does not
// collapse the tree or lose the selection.
class WorkspaceTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Group { Templates, Bindings, Events, Tests, GroupCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // the file, relative to the workspace root
        LineRole, // 1-based line of the object in its file
        GroupRole,
        NameRole, // the object's name (binding name, event name)
    };
    // What the evaluation says about an item (drawn as ✓ / ✗ / !).
    enum class Status { Unknown, Matched, NotMatched, Error };

    explicit WorkspaceTreeModel(QObject *parent = nullptr);

    void resetData(const workspace::WorkspaceSnapshot &snapshot);
    // Statuses keyed by the item's NameRole within a group (bindings by name, events by path).
    void setStatuses(Group group, const QHash<QString, Status> &statuses);

    QModelIndex indexOf(Group group, const QString &path, const QString &name = {}) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Item {
        QString label;
        QString path;
        QString name;
        int line = 1;
        bool modified = false;
        QString problem;
        bool operator==(const Item &) const = default;
    };
    QList<Item> m_groups[GroupCount];
    QHash<QString, Status> m_status[GroupCount];
};

} // namespace bindery::ui
