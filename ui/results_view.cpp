// SPDX-License-Identifier: Apache-2.0
#include "ui/results_view.h"

#include "ui/results_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace bindery::ui {

ResultsView::ResultsView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ResultsModel(this))
    , m_table(new QTableView(this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("resultsView"));
    m_table->setObjectName(QStringLiteral("resultsTable"));
    m_table->setModel(m_model);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setDefaultSectionSize(220);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setWordWrap(false);
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_summary);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    emit cellSelected(current.row(), current.column());
            });
}

void ResultsView::resetData(std::shared_ptr<const workspace::Evaluation> evaluation)
{
    const QModelIndex before = m_table->currentIndex();
    const QString eventPath = before.data(ResultsModel::EventPathRole).toString();
    const QString binding = m_model->headerData(before.column(), Qt::Horizontal).toString();
    m_model->resetData(evaluation);
    int matched = 0, errors = 0;
    if (evaluation)
        for (const workspace::EventEvaluation &e : evaluation->events)
            for (const argo::BindingOutcome &o : e.result.outcomes) {
                matched += o.status == argo::BindingStatus::Submitted || o.status == argo::BindingStatus::MatchedNoSubmit;
                errors += o.status == argo::BindingStatus::Error;
            }
    m_summary->setText(tr("%1 events × %2 bindings: %3 fire, %4 fail")
                           .arg(m_model->rowCount())
                           .arg(m_model->columnCount())
                           .arg(matched)
                           .arg(errors));
    // After a reset, put the selection back on the same event and binding.
    if (before.isValid() && !m_table->currentIndex().isValid()) {
        const int row = m_model->rowOfEvent(eventPath);
        const int column = m_model->columnOfBinding(binding);
        if (row >= 0 && column >= 0)
            m_table->setCurrentIndex(m_model->index(row, column));
    } else if (m_table->currentIndex().isValid()) {
        emit cellSelected(m_table->currentIndex().row(), m_table->currentIndex().column());
    }
}

void ResultsView::setBusy(bool busy)
{
    m_table->setEnabled(true);
    if (busy)
        m_summary->setText(tr("Evaluating…"));
}

void ResultsView::selectCell(int row, int column)
{
    const QModelIndex index = m_model->index(row, column);
    if (index.isValid())
        m_table->setCurrentIndex(index);
}

} // namespace bindery::ui
