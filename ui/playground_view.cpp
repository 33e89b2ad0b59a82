// SPDX-License-Identifier: Apache-2.0
#include "ui/playground_view.h"

#include "ui/code_editor.h"
#include "ui/explain_model.h"
#include "workspace/evaluation.h"
#include "workspace/value_text.h"

#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace bindery::ui {

PlaygroundView::PlaygroundView(QWidget *parent)
    : QWidget(parent)
    , m_editor(new CodeEditor(this))
    , m_context(new QLabel(this))
    , m_result(new QLabel(this))
    , m_model(new ExplainModel(this))
    , m_tree(new QTreeView(this))
    , m_debounce(new QTimer(this))
{
    setObjectName(QStringLiteral("playgroundView"));
    m_editor->setObjectName(QStringLiteral("playgroundEditor"));
    m_editor->setLanguage(CodeEditor::Language::Expr);
    m_editor->setMarginWidth(1, 0);
    m_editor->setFolding(QsciScintilla::NoFoldStyle);
    m_editor->setText(QStringLiteral("payload"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->resizeSection(ExplainModel::Expression, 240);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_context->setForegroundRole(QPalette::PlaceholderText);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(100);
    connect(m_debounce, &QTimer::timeout, this, &PlaygroundView::evaluateNow);
    connect(m_editor, &CodeEditor::userEdited, m_debounce, qOverload<>(&QTimer::start));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_editor);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    bottomLayout->addWidget(m_result);
    bottomLayout->addWidget(m_tree, 1);
    split->addWidget(bottom);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_context);
    layout->addWidget(split, 1);
}

void PlaygroundView::setEnvironment(const expr::Value &environment, const QString &eventName)
{
    m_environment = environment;
    m_context->setText(eventName.isEmpty() ? tr("No event selected: select one in the Workspace tree.")
                                           : tr("Against the environment of “%1”").arg(eventName));
    evaluateNow();
}

QString PlaygroundView::resultText() const { return m_result->text(); }

void PlaygroundView::evaluateNow()
{
    m_debounce->stop();
    const QString source = m_editor->text();
    if (source.trimmed().isEmpty()) {
        m_result->clear();
        m_model->resetData({});
        return;
    }
    const workspace::Explanation x = workspace::explain(source.toStdString(), m_environment);
    if (!x.ok) {
        m_result->setText(tr("<span style='color:#cf222e'>%1</span>")
                              .arg(QString::fromStdString(x.error.message()).toHtmlEscaped()));
        QList<EditorDiagnostic> squiggles;
        if (x.error.hasLocation())
            squiggles.append({x.error.line(), x.error.column(), 0, QString::fromStdString(x.error.message()),
                              EditorDiagnostic::Severity::Error});
        m_editor->setDiagnostics(squiggles);
    } else {
        m_result->setText(tr("= <b>%1</b>").arg(workspace::valueText(x.value, 2000).toHtmlEscaped()));
        m_editor->setDiagnostics({});
    }
    m_model->resetData(x);
    m_tree->expandAll();
}

} // namespace bindery::ui
