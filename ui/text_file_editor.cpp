// SPDX-License-Identifier: Apache-2.0
#include "ui/text_file_editor.h"

#include "ui/code_editor.h"
#include "ui/find_bar.h"
#include "workspace/workspace.h"

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
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_editor);
    layout->addWidget(m_findBar);

    connect(m_editor, &CodeEditor::userEdited, this,
            [this] { m_workspace.setText(m_path, m_editor->text().toUtf8()); });
    connect(&workspace, &workspace::Workspace::textReplaced, this, [this](const QString &changed) {
        if (changed == m_path && m_workspace.contains(m_path))
            m_editor->replaceText(QString::fromUtf8(m_workspace.text(m_path)));
    });
    showProblems(workspace.snapshot());
}

void TextFileEditor::goToLine(int line, int column)
{
    m_editor->setCursorPosition(qMax(0, line - 1), qMax(0, column - 1));
    m_editor->ensureLineVisible(qMax(0, line - 1));
    m_editor->setFocus();
}

void TextFileEditor::showProblems(const workspace::WorkspaceSnapshot &snapshot, const QList<workspace::Diagnostic> &more)
{
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
