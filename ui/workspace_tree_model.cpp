// SPDX-License-Identifier: Apache-2.0
#include "ui/workspace_tree_model.h"

#include <QApplication>
#include <QBrush>
#include <QFileInfo>
#include <QPalette>
#include <QStyle>

namespace bindery::ui {

namespace {
constexpr quintptr kGroupId = 0; // internalId of a group row; items use group + 1
} // namespace

WorkspaceTreeModel::WorkspaceTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void WorkspaceTreeModel::resetData(const workspace::WorkspaceSnapshot &snapshot)
{
    QList<Item> groups[GroupCount];
    for (const auto &m : snapshot.manifests()) {
        const bool modified = snapshot.isModified(m->path);
        for (const workspace::ManifestObject &o : m->outline.objects) {
            const QString label = o.name.isEmpty() ? tr("(unnamed %1)").arg(o.kind) : o.name;
            Item item{label, m->path, o.name, o.line, modified, {}};
            if (o.kind == u"WorkflowTemplate" || o.kind == u"ClusterWorkflowTemplate") {
                if (o.kind == u"ClusterWorkflowTemplate")
                    item.label += tr(" (cluster)");
                groups[Templates].append(item);
            } else if (o.kind == u"WorkflowEventBinding") {
                groups[Bindings].append(item);
            }
        }
        if (m->outline.objects.isEmpty() && !m->problems.isEmpty()) // a broken file must stay reachable
            groups[Templates].append({QFileInfo(m->path).fileName(), m->path, {}, 1, modified,
                                      m->problems.first().toString()});
    }
    for (const auto &e : snapshot.events()) {
        Item item{e->event ? e->event->name : QFileInfo(e->path).fileName(), e->path, e->path, 1,
                  snapshot.isModified(e->path), e->problems.isEmpty() ? QString() : e->problems.first().toString()};
        groups[Events].append(item);
    }
    for (const auto &t : snapshot.tests())
        groups[Tests].append({QFileInfo(t->path).completeBaseName(), t->path, t->path, 1, snapshot.isModified(t->path), {}});

    bool sameShape = true;
    for (int g = 0; g < GroupCount && sameShape; ++g) {
        if (groups[g].size() != m_groups[g].size())
            sameShape = false;
        for (qsizetype i = 0; sameShape && i < groups[g].size(); ++i)
            sameShape = groups[g][i].path == m_groups[g][i].path && groups[g][i].name == m_groups[g][i].name;
    }
    if (!sameShape) {
        beginResetModel();
        for (int g = 0; g < GroupCount; ++g)
            m_groups[g] = std::move(groups[g]);
        endResetModel();
        return;
    }
    for (int g = 0; g < GroupCount; ++g) {
        for (qsizetype i = 0; i < groups[g].size(); ++i) {
            if (groups[g][i] == m_groups[g][i])
                continue;
            m_groups[g][i] = groups[g][i];
            const QModelIndex changed = index(int(i), 0, index(g, 0));
            emit dataChanged(changed, changed);
        }
    }
}

void WorkspaceTreeModel::setStatuses(Group group, const QHash<QString, Status> &statuses)
{
    m_status[group] = statuses;
    if (!m_groups[group].isEmpty())
        emit dataChanged(index(0, 0, index(group, 0)), index(int(m_groups[group].size()) - 1, 0, index(group, 0)),
                         {Qt::DecorationRole, Qt::ToolTipRole});
}

QModelIndex WorkspaceTreeModel::indexOf(Group group, const QString &path, const QString &name) const
{
    for (qsizetype i = 0; i < m_groups[group].size(); ++i) {
        const Item &item = m_groups[group][i];
        if (item.path == path && (name.isEmpty() || item.name == name))
            return index(int(i), 0, index(group, 0));
    }
    return {};
}

QModelIndex WorkspaceTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kGroupId);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex WorkspaceTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kGroupId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kGroupId);
}

int WorkspaceTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return GroupCount;
    if (parent.internalId() != kGroupId || parent.column() != 0)
        return 0;
    return int(m_groups[parent.row()].size());
}

int WorkspaceTreeModel::columnCount(const QModelIndex &) const { return 1; }

QVariant WorkspaceTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.internalId() == kGroupId) {
        static const QString names[GroupCount] = {tr("Templates"), tr("Bindings"), tr("Events"), tr("Tests")};
        switch (role) {
        case Qt::DisplayRole:
            return QStringLiteral("%1 (%2)").arg(names[index.row()]).arg(m_groups[index.row()].size());
        case GroupRole:
            return index.row();
        case Qt::DecorationRole:
            return QApplication::style()->standardIcon(QStyle::SP_DirIcon);
        default:
            return {};
        }
    }
    const int group = int(index.internalId() - 1);
    const Item &item = m_groups[group].at(index.row());
    const Status status = m_status[group].value(item.name, Status::Unknown);
    switch (role) {
    case Qt::DisplayRole:
        return item.modified ? item.label + QStringLiteral(" •") : item.label;
    case Qt::ToolTipRole: {
        QString tip = item.path + u':' + QString::number(item.line);
        if (!item.problem.isEmpty())
            tip += u'\n' + item.problem;
        if (status == Status::Matched)
            tip += u'\n' + tr("Fires for at least one event");
        else if (status == Status::Error)
            tip += u'\n' + tr("Fails for at least one event");
        return tip;
    }
    case Qt::DecorationRole:
        if (!item.problem.isEmpty() || status == Status::Error)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxCritical);
        if (status == Status::Matched)
            return QApplication::style()->standardIcon(QStyle::SP_DialogApplyButton);
        if (status == Status::NotMatched)
            return QApplication::style()->standardIcon(QStyle::SP_DialogCancelButton);
        return QApplication::style()->standardIcon(QStyle::SP_FileIcon);
    case PathRole:
        return item.path;
    case LineRole:
        return item.line;
    case GroupRole:
        return group;
    case NameRole:
        return item.name;
    default:
        return {};
    }
}

} // namespace bindery::ui
