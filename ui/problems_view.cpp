// SPDX-License-Identifier: Apache-2.0
#include "ui/problems_view.h"

#include "ui/problems_model.h"

#include <QHeaderView>
#include <QTreeView>
#include <QVBoxLayout>

namespace bindery::ui {

ProblemsView::ProblemsView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ProblemsModel(this))
    , m_view(new QTreeView(this))
{
    setObjectName(QStringLiteral("problemsView"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->header()->setSectionResizeMode(ProblemsModel::Severity, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(ProblemsModel::Location, QHeaderView::ResizeToContents);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        emit openRequested(index.data(ProblemsModel::FileRole).toString(), index.data(ProblemsModel::LineRole).toInt(),
                           index.data(ProblemsModel::ColumnRole).toInt());
    });
}

void ProblemsView::resetData(const QList<workspace::Diagnostic> &problems)
{
    m_model->resetData(problems);
}

} // namespace bindery::ui
