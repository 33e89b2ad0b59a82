// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/diagnostic.h"

#include <QAbstractTableModel>

namespace bindery::ui {

// Every problem of the workspace (bad files, lint findings): file:line:column and message.
class ProblemsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Severity, Location, Message, ColumnCount };
    enum Role { FileRole = Qt::UserRole + 1, LineRole, ColumnRole, HasFixRole };

    explicit ProblemsModel(QObject *parent = nullptr);

    void resetData(const QList<workspace::Diagnostic> &problems);
    const QList<workspace::Diagnostic> &problems() const { return m_problems; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<workspace::Diagnostic> m_problems;
};

} // namespace bindery::ui
