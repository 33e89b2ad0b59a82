// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/evaluation.h"

#include <QAbstractItemModel>

namespace bindery::ui {

// An expression's explanation as a tree: each sub-expression with its value, the branches that
// short-circuiting skipped (greyed), the first false conjunct of an && chain (highlighted) and
// errors (red).
class ExplainModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { Expression, Value, ColumnCount };
    enum class NodeState { Value, Skipped, Error, FirstFalse, CompileError };
    enum Role { StateRole = Qt::UserRole + 1, BeginRole, EndRole };

    explicit ExplainModel(QObject *parent = nullptr);

    void resetData(const workspace::Explanation &explanation);
    const workspace::Explanation &explanation() const { return m_explanation; }
    NodeState state(const QModelIndex &index) const;
    // The index of the first false conjunct, if any (to scroll to).
    QModelIndex firstFalseConjunct() const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Node {
        int entry = -1; // index into the trace; -1 for the compile error row
        int parent = -1; // node index
        int row = 0;
        QList<int> children;
        NodeState state = NodeState::Value;
        QString text;
        QString value;
    };
    QModelIndex indexOfNode(int node, int column = 0) const;

    workspace::Explanation m_explanation;
    QList<Node> m_nodes;
    QList<int> m_roots;
    int m_firstFalse = -1;
};

} // namespace bindery::ui
