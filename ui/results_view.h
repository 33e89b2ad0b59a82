// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/evaluation.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace bindery::ui {

class ResultsModel;

// The Results dock: the events × bindings matrix. Selecting a cell explains it.
class ResultsView : public QWidget
{
    Q_OBJECT
public:
    explicit ResultsView(QWidget *parent = nullptr);

    void resetData(std::shared_ptr<const workspace::Evaluation> evaluation);
    void setBusy(bool busy);
    void selectCell(int row, int column);
    ResultsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

signals:
    void cellSelected(int row, int column);

private:
    ResultsModel *m_model;
    QTableView *m_table;
    QLabel *m_summary;
};

} // namespace bindery::ui
