// SPDX-License-Identifier: Apache-2.0
#include "ui/preview_view.h"

#include "ui/code_editor.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace bindery::ui {

PreviewView::PreviewView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_yaml(new CodeEditor(this))
    , m_parameters(new QTreeWidget(this))
    , m_warnings(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("previewView"));
    m_title->setWordWrap(true);
    m_yaml->setObjectName(QStringLiteral("workflowYaml"));
    m_yaml->setLanguage(CodeEditor::Language::Yaml);
    m_yaml->setReadOnly(true);
    m_yaml->setFolding(QsciScintilla::NoFoldStyle);
    m_parameters->setObjectName(QStringLiteral("parametersTable"));
    m_parameters->setHeaderLabels({tr("Parameter"), tr("Value passed by Argo")});
    m_parameters->setRootIsDecorated(false);
    m_warnings->setObjectName(QStringLiteral("warningEvents"));
    m_warnings->setHeaderLabels({tr("Binding"), tr("Reason"), tr("Message")});
    m_warnings->setRootIsDecorated(false);

    auto *tabs = new QTabWidget(this);
    tabs->setDocumentMode(true);
    tabs->addTab(m_yaml, tr("Workflow"));
    tabs->addTab(m_parameters, tr("Parameters"));
    tabs->addTab(m_warnings, tr("Warning events"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(tabs, 1);
    clear(tr("Select a cell of the Results matrix to preview what Argo would do."));
}

void PreviewView::clear(const QString &hint)
{
    m_title->setText(hint);
    m_yaml->setText(QString());
    m_parameters->clear();
    m_warnings->clear();
}

void PreviewView::showOutcome(const QString &title, const argo::DispatchResult &result, const argo::BindingOutcome *outcome)
{
    QString answer = tr("HTTP %1").arg(result.httpStatus);
    if (!result.responseBody.empty())
        answer += QStringLiteral(" ") + QString::fromStdString(result.responseBody);
    m_title->setText(QStringLiteral("%1<br><small>%2</small>").arg(title.toHtmlEscaped(), answer.toHtmlEscaped()));
    m_parameters->clear();
    if (outcome && outcome->workflow) {
        m_yaml->setText(QString::fromStdString(argo::toYaml(*outcome->workflow)));
        for (const argo::Parameter &p : outcome->workflow->parameters)
            m_parameters->addTopLevelItem(new QTreeWidgetItem({QString::fromStdString(p.name), QString::fromStdString(p.value)}));
    } else if (outcome && outcome->status == argo::BindingStatus::Error) {
        // The error spans lines (expr's caret display): keep every line a YAML comment.
        QString text = tr("No Workflow: %1").arg(QString::fromStdString(outcome->error));
        text.replace(u'\n', QStringLiteral("\n# "));
        m_yaml->setText(QStringLiteral("# ") + text + u'\n');
    } else {
        m_yaml->setText(tr("# No Workflow: the selector does not match this event.\n"));
    }
    m_warnings->clear();
    for (const argo::WarningEvent &w : result.events)
        m_warnings->addTopLevelItem(new QTreeWidgetItem(
            {QString::fromStdString(w.bindingName), QString::fromStdString(w.reason), QString::fromStdString(w.message)}));
    m_parameters->resizeColumnToContents(0);
    m_warnings->resizeColumnToContents(0);
}

} // namespace bindery::ui
