// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/evaluation.h"

#include <QAbstractTableModel>

#include <memory>

namespace bindery::ui {

// The events × bindings matrix: one row per event, one column per binding (in Argo's list order),
// each cell matched (with the Workflow name it would get), not matched, an error, or not listed
// (the binding lives in another namespace).
class ResultsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class CellStatus { NotListed, NotMatched, Matched, Error, Filtered };
    enum Role { StatusRole = Qt::UserRole + 1, EventPathRole, BindingIndexRole, WorkflowNameRole, ErrorRole };

    explicit ResultsModel(QObject *parent = nullptr);

    void resetData(std::shared_ptr<const workspace::Evaluation> evaluation);
    const std::shared_ptr<const workspace::Evaluation> &evaluation() const { return m_evaluation; }

    CellStatus status(int row, int column) const;
    int rowOfEvent(const QString &path) const;
    int columnOfBinding(const QString &name) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString workflowName(const argo::Workflow &workflow);

private:
    std::shared_ptr<const workspace::Evaluation> m_evaluation;
    QStringList m_bindingNames;
};

} // namespace bindery::ui
