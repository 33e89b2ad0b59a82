// SPDX-License-Identifier: Apache-2.0
#include "ui/text_file_editor.h"

#include "ui/binding_form.h"
#include "ui/code_editor.h"
#include "ui/find_bar.h"
#include "workspace/workspace.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace bindery::ui {

TextFileEditor::TextFileEditor(workspace::Workspace &workspace, const QString &path, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_path(path)
    , m_editor(new CodeEditor(this))
    , m_findBar(new FindBar(this))
{
    setObjectName(QStringLiteral("textFileEditor"));
    m_editor->setLanguage(CodeEditor::Language::Yaml);
    m_editor->setText(QString::fromUtf8(workspace.text(path)));
    m_editor->setModified(false);
    m_findBar->setEditor(m_editor);

    // The switch between the YAML and the form of a binding; hidden for other files.
    m_switchBar = new QWidget(this);
    m_switchBar->setObjectName(QStringLiteral("viewSwitch"));
    auto *switchLayout = new QHBoxLayout(m_switchBar);
    switchLayout->setContentsMargins(6, 2, 6, 2);
    switchLayout->addStretch(1);
    switchLayout->addWidget(new QLabel(tr("View:"), m_switchBar));
    m_viewButtons = new QButtonGroup(this);
    const std::pair<View, QString> views[] = {{View::Yaml, tr("YAML")}, {View::Form, tr("Form")}, {View::Both, tr("Both")}};
    for (const auto &[view, label] : views) {
        auto *button = new QToolButton(m_switchBar);
        button->setText(label);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setObjectName(QStringLiteral("view") + label);
        button->setToolTip(view == View::Form   ? tr("Edit the binding in a form; every change is a YAML edit (Ctrl+Z undoes it)")
                           : view == View::Both ? tr("The form beside the YAML")
                                                : tr("The manifest as YAML"));
        m_viewButtons->addButton(button, int(view));
        switchLayout->addWidget(button);
    }
    m_viewButtons->button(int(View::Yaml))->setChecked(true);
    connect(m_viewButtons, &QButtonGroup::idClicked, this, [this](int id) {
        setView(View(id));
        emit viewChosen(View(id));
    });
    m_switchBar->hide();

    m_yamlPane = new QWidget(this);
    auto *yamlLayout = new QVBoxLayout(m_yamlPane);
    yamlLayout->setContentsMargins(0, 0, 0, 0);
    yamlLayout->setSpacing(0);
    yamlLayout->addWidget(m_editor);
    yamlLayout->addWidget(m_findBar);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_yamlPane);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_switchBar);
    layout->addWidget(m_splitter, 1);

    connect(m_editor, &CodeEditor::userEdited, this,
            [this] { m_workspace.setText(m_path, m_editor->text().toUtf8()); });
    connect(&workspace, &workspace::Workspace::textReplaced, this, [this](const QString &changed) {
        if (changed == m_path && m_workspace.contains(m_path))
            m_editor->replaceText(QString::fromUtf8(m_workspace.text(m_path)));
    });
    showProblems(workspace.snapshot());
}

void TextFileEditor::updateViewSwitch(const workspace::WorkspaceSnapshot &snapshot)
{
    const auto entry = snapshot.file(m_path);
    bool hasBinding = false;
    if (entry)
        for (const workspace::ManifestObject &o : entry->outline.objects)
            hasBinding = hasBinding || o.kind == u"WorkflowEventBinding";
    // Once the form exists it stays (a file that stops parsing still shows why in the form).
    if (hasBinding && !m_form) {
        m_form = new BindingForm(m_workspace, m_path, m_editor, this);
        m_form->setCompletionWords(m_completionWords);
        m_form->hide();
        m_splitter->addWidget(m_form);
    }
    m_switchBar->setVisible(m_form != nullptr);
}

void TextFileEditor::setView(View view)
{
    if (!m_form)
        return;
    if (m_view == View::Form || m_view == View::Both)
        m_form->commitPending();
    m_view = view;
    m_viewButtons->button(int(view))->setChecked(true);
    m_yamlPane->setVisible(view != View::Form);
    m_form->setVisible(view != View::Yaml);
    if (view == View::Both)
        m_splitter->setSizes({m_splitter->width() * 2 / 5, m_splitter->width() - m_splitter->width() * 2 / 5});
    if (view == View::Yaml)
        m_editor->setFocus();
}

void TextFileEditor::setCompletionWords(const QStringList &words)
{
    m_completionWords = words;
    m_editor->setCompletionWords(words);
    if (m_form)
        m_form->setCompletionWords(words);
}

void TextFileEditor::goToLine(int line, int column)
{
    // In the form view the cursor moves all the same: switching to the YAML shows the spot.
    m_editor->setCursorPosition(qMax(0, line - 1), qMax(0, column - 1));
    m_editor->ensureLineVisible(qMax(0, line - 1));
    if (m_view != View::Form)
        m_editor->setFocus();
}

void TextFileEditor::showProblems(const workspace::WorkspaceSnapshot &snapshot, const QList<workspace::Diagnostic> &more)
{
    updateViewSwitch(snapshot);
    QList<EditorDiagnostic> diagnostics;
    if (const auto entry = snapshot.file(m_path)) {
        QList<workspace::Diagnostic> all = entry->problems;
        for (const workspace::Diagnostic &d : more)
            if (d.file == m_path)
                all.append(d);
        for (const workspace::Diagnostic &d : std::as_const(all))
            diagnostics.append({qMax(1, d.line), qMax(1, d.column), 0, d.message,
                                d.severity == workspace::Diagnostic::Severity::Error ? EditorDiagnostic::Severity::Error
                                                                                     : EditorDiagnostic::Severity::Warning});
    }
    m_editor->setDiagnostics(diagnostics);
}

} // namespace bindery::ui
