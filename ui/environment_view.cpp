// SPDX-License-Identifier: Apache-2.0
#include "ui/environment_view.h"

#include "ui/environment_model.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace bindery::ui {

EnvironmentView::EnvironmentView(QWidget *parent)
    : QWidget(parent)
    , m_model(new EnvironmentModel(this))
    , m_tree(new QTreeView(this))
    , m_title(new QLabel(this))
{
    setObjectName(QStringLiteral("environmentView"));
    m_tree->setObjectName(QStringLiteral("environmentTree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(EnvironmentModel::Name, QHeaderView::ResizeToContents);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_title->setWordWrap(true);
    auto *path = new QPushButton(tr("Insert path"), this);
    path->setToolTip(tr("Insert the nil-guarded path of the selected value at the cursor"));
    auto *condition = new QPushButton(tr("Insert condition"), this);
    condition->setToolTip(tr("Insert a condition that is true for the selected value"));
    connect(path, &QPushButton::clicked, this, [this] {
        if (!currentPath().isEmpty())
            emit insertRequested(currentPath());
    });
    connect(condition, &QPushButton::clicked, this, [this] {
        if (!currentCondition().isEmpty())
            emit insertRequested(currentCondition());
    });
    connect(m_tree, &QTreeView::customContextMenuRequested, this, [this](const QPoint &at) {
        const QModelIndex index = m_tree->indexAt(at);
        if (!index.isValid())
            return;
        QMenu menu;
        menu.addAction(tr("Insert path %1").arg(index.data(EnvironmentModel::GuardedPathRole).toString()), this,
                       [this, index] { emit insertRequested(index.data(EnvironmentModel::GuardedPathRole).toString()); });
        menu.addAction(tr("Insert condition %1").arg(index.data(EnvironmentModel::ConditionRole).toString()), this,
                       [this, index] { emit insertRequested(index.data(EnvironmentModel::ConditionRole).toString()); });
        menu.exec(m_tree->viewport()->mapToGlobal(at));
    });
    connect(m_tree, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        emit insertRequested(index.data(EnvironmentModel::GuardedPathRole).toString());
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(path);
    buttons->addWidget(condition);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);
}

void EnvironmentView::resetData(const expr::Value &environment, const QString &title, const QString &error)
{
    // Keep what the user had open: re-expand the same paths after the reset.
    QStringList expanded;
    for (int i = 0; i < m_model->rowCount(); ++i) {
        std::function<void(const QModelIndex &)> collect = [&](const QModelIndex &index) {
            if (!m_tree->isExpanded(index))
                return;
            expanded << index.data(EnvironmentModel::PathRole).toString();
            for (int r = 0; r < m_model->rowCount(index); ++r)
                collect(m_model->index(r, 0, index));
        };
        collect(m_model->index(i, 0));
    }
    const bool first = m_model->rowCount() == 0;
    m_model->resetData(environment, error);
    m_title->setText(error.isEmpty() ? title : QStringLiteral("%1 — <span style='color:#cf222e'>%2</span>").arg(title, error.toHtmlEscaped()));
    if (first) {
        m_tree->expandToDepth(1);
    } else {
        for (const QString &path : std::as_const(expanded))
            m_tree->expand(m_model->findPath(path));
    }
}

QString EnvironmentView::currentPath() const
{
    return m_tree->currentIndex().data(EnvironmentModel::GuardedPathRole).toString();
}

QString EnvironmentView::currentCondition() const
{
    return m_tree->currentIndex().data(EnvironmentModel::ConditionRole).toString();
}

} // namespace bindery::ui
