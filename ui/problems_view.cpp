// SPDX-License-Identifier: Apache-2.0
#include "ui/problems_view.h"

#include "ui/problems_model.h"

#include <QHeaderView>
#include <QMenu>
#include <QPushButton>
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
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    auto *fixButton = new QPushButton(tr("Apply fix"), this);
    fixButton->setObjectName(QStringLiteral("applyFix"));
    fixButton->setEnabled(false);
    layout->addWidget(fixButton, 0, Qt::AlignRight);
    connect(fixButton, &QPushButton::clicked, this, [this] { fix(m_view->currentIndex().row()); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [fixButton](const QModelIndex &current) { fixButton->setEnabled(current.data(ProblemsModel::HasFixRole).toBool()); });
    connect(m_model, &QAbstractItemModel::modelReset, fixButton, [fixButton] { fixButton->setEnabled(false); });
    connect(m_view, &QTreeView::customContextMenuRequested, this, [this](const QPoint &at) {
        const QModelIndex index = m_view->indexAt(at);
        if (!index.isValid() || !index.data(ProblemsModel::HasFixRole).toBool())
            return;
        QMenu menu;
        menu.addAction(tr("Apply fix: %1").arg(m_model->problems().at(index.row()).fix->title), this,
                       [this, row = index.row()] { fix(row); });
        menu.exec(m_view->viewport()->mapToGlobal(at));
    });
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex &index) {
        emit openRequested(index.data(ProblemsModel::FileRole).toString(), index.data(ProblemsModel::LineRole).toInt(),
                           index.data(ProblemsModel::ColumnRole).toInt());
    });
}

bool ProblemsView::fix(int row)
{
    if (row < 0 || row >= m_model->problems().size() || !m_model->problems().at(row).fix)
        return false;
    emit fixRequested(m_model->problems().at(row));
    return true;
}

void ProblemsView::resetData(const QList<workspace::Diagnostic> &problems)
{
    m_model->resetData(problems);
}

} // namespace bindery::ui
