// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "expr/value.h"

#include <QAbstractItemModel>

namespace bindery::ui {

// The environment a selector sees ({namespace, discriminator, metadata, payload}) as a tree, with,
// for each node, the expression that reaches it and a ready-made condition on its value.
class EnvironmentModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { Name, Value, Type, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // payload.repository.full_name
        GuardedPathRole, // payload?.repository?.full_name
        ConditionRole, // payload.ref == "refs/heads/main"
    };
    static constexpr int MaxNodes = 20000; // a huge payload is cut rather than freezing the view

    explicit EnvironmentModel(QObject *parent = nullptr);

    void resetData(const expr::Value &environment, const QString &error = {});
    bool isTruncated() const { return m_truncated; }
    QModelIndex findPath(const QString &path) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // An expr literal for a scalar or a list of scalars ("push" → "\"push\"").
    static QString literal(const expr::Value &value);

private:
    struct Node {
        QString name;
        QString path;
        QString guardedPath;
        expr::Value value;
        int parent = -1;
        int row = 0;
        QList<int> children;
    };
    void add(const QString &name, const QString &path, const QString &guarded, const expr::Value &value, int parent);

    QList<Node> m_nodes;
    QList<int> m_roots;
    QString m_error;
    bool m_truncated = false;
};

} // namespace bindery::ui
