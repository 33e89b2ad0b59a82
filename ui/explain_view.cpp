// SPDX-License-Identifier: Apache-2.0
#include "ui/explain_view.h"

#include "ui/explain_model.h"
#include "workspace/value_text.h"

#include <QHeaderView>
#include <QLabel>
#include <QTreeView>
#include <QVBoxLayout>

namespace bindery::ui {

ExplainView::ExplainView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ExplainModel(this))
    , m_tree(new QTreeView(this))
    , m_title(new QLabel(this))
    , m_result(new QLabel(this))
{
    setObjectName(QStringLiteral("explainView"));
    m_tree->setObjectName(QStringLiteral("explainTree"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(ExplainModel::Expression, QHeaderView::Interactive);
    m_tree->header()->resizeSection(ExplainModel::Expression, 260);
    m_title->setWordWrap(true);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_result);
    layout->addWidget(m_tree, 1);
    clear(tr("Select a cell of the Results matrix to see why a binding does or does not fire."));
}

QString ExplainView::title() const { return m_title->text(); }

void ExplainView::clear(const QString &hint)
{
    m_title->setText(hint);
    m_result->clear();
    m_model->resetData({});
}

void ExplainView::showExplanation(const QString &title, const workspace::Explanation &explanation)
{
    m_title->setText(title);
    if (!explanation.compiled)
        m_result->setText(tr("<span style='color:#cf222e'>Does not compile:</span><pre>%1</pre>")
                              .arg(QString::fromStdString(explanation.error.format()).toHtmlEscaped()));
    else if (!explanation.ok)
        m_result->setText(tr("<span style='color:#cf222e'>Fails:</span> %1")
                              .arg(QString::fromStdString(explanation.error.message()).toHtmlEscaped()));
    else
        m_result->setText(tr("Result: <b>%1</b>").arg(workspace::valueText(explanation.value).toHtmlEscaped()));
    m_model->resetData(explanation);
    m_tree->expandAll();
    const QModelIndex firstFalse = m_model->firstFalseConjunct();
    if (firstFalse.isValid()) {
        m_tree->setCurrentIndex(firstFalse);
        m_tree->scrollTo(firstFalse);
    }
}

} // namespace bindery::ui
