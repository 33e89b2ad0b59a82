// SPDX-License-Identifier: Apache-2.0
#include "ui/editor_area.h"

#include "ui/code_editor.h"
#include "ui/event_editor.h"
#include "ui/text_file_editor.h"
#include "workspace/workspace.h"

#include <QFileInfo>

namespace bindery::ui {

namespace {
const char *const kPathProperty = "binderyPath";
} // namespace

EditorArea::EditorArea(workspace::Workspace &workspace, QWidget *parent)
    : QTabWidget(parent)
    , m_workspace(workspace)
{
    setObjectName(QStringLiteral("editorTabs"));
    setDocumentMode(true);
    setTabsClosable(true);
    setMovable(true);
    connect(this, &QTabWidget::tabCloseRequested, this, [this](int tab) {
        // Closing a tab loses nothing: the edits stay in the workspace until saved or reverted.
        QWidget *w = widget(tab);
        removeTab(tab);
        w->deleteLater();
    });
    connect(this, &QTabWidget::currentChanged, this, [this] { emit currentPathChanged(currentPath()); });
    connect(&workspace, &workspace::Workspace::snapshotChanged, this, &EditorArea::onSnapshot);
}

QWidget *EditorArea::editorFor(const QString &path) const
{
    for (int i = 0; i < count(); ++i)
        if (pathAt(i) == path)
            return widget(i);
    return nullptr;
}

QString EditorArea::pathAt(int tab) const
{
    QWidget *w = widget(tab);
    return w ? w->property(kPathProperty).toString() : QString();
}

QString EditorArea::currentPath() const { return pathAt(currentIndex()); }

QWidget *EditorArea::openFile(const QString &path, int line, int column)
{
    QWidget *editor = editorFor(path);
    const workspace::WorkspaceSnapshot snapshot = m_workspace.snapshot();
    const auto entry = snapshot.file(path);
    if (!editor) {
        if (!entry)
            return nullptr;
        // An event that does not parse opens as text, so that the user can repair it.
        if (entry->kind == workspace::FileKind::Event && entry->event) {
            auto *event = new EventEditor(m_workspace, path, this);
            connect(event, &EventEditor::insertRequested, this, &EditorArea::insertRequested);
            editor = event;
        } else {
            auto *text = new TextFileEditor(m_workspace, path, this);
            text->setCompletionWords(m_completionWords);
            text->setView(m_bindingView); // no-op for files without a binding
            connect(text, &TextFileEditor::viewChosen, this, [this](TextFileEditor::View view) {
                m_bindingView = view;
                emit bindingViewChosen(view);
            });
            editor = text;
        }
        editor->setProperty(kPathProperty, path);
        const int tab = addTab(editor, QString());
        updateTitle(tab, snapshot);
        if (auto *text = qobject_cast<TextFileEditor *>(editor))
            text->showProblems(snapshot, m_evaluationProblems);
    }
    setCurrentWidget(editor);
    if (auto *text = qobject_cast<TextFileEditor *>(editor))
        text->goToLine(line, column);
    return editor;
}

CodeEditor *EditorArea::currentCodeEditor() const
{
    if (auto *text = qobject_cast<TextFileEditor *>(currentWidget()))
        return text->editor();
    if (auto *event = qobject_cast<EventEditor *>(currentWidget()))
        return event->bodyEditor();
    return nullptr;
}

FindBar *EditorArea::currentFindBar() const
{
    if (auto *text = qobject_cast<TextFileEditor *>(currentWidget()))
        return text->findBar();
    if (auto *event = qobject_cast<EventEditor *>(currentWidget()))
        return event->findBar();
    return nullptr;
}

void EditorArea::setCompletionWords(const QStringList &words)
{
    m_completionWords = words;
    for (int i = 0; i < count(); ++i)
        if (auto *text = qobject_cast<TextFileEditor *>(widget(i)))
            text->setCompletionWords(words);
}

bool EditorArea::applyFix(const workspace::Diagnostic &problem)
{
    if (!problem.fix)
        return false;
    // In the file's editor, so that the fix is one step of its undo history.
    auto *text = qobject_cast<TextFileEditor *>(openFile(problem.file, problem.line, problem.column));
    if (!text)
        return m_workspace.applyFix(problem.file, *problem.fix);
    const workspace::Diagnostic::Fix &fix = *problem.fix;
    const QByteArray bytes = text->editor()->bytes();
    if (fix.offset < 0 || fix.offset + fix.length > bytes.size() || bytes.mid(fix.offset, fix.length) != fix.original)
        return false;
    text->editor()->applyEdit({fix.offset, fix.length, fix.replacement});
    return true;
}

void EditorArea::setEvaluationProblems(const QList<workspace::Diagnostic> &problems)
{
    m_evaluationProblems = problems;
    const workspace::WorkspaceSnapshot snapshot = m_workspace.snapshot();
    for (int i = 0; i < count(); ++i)
        if (auto *text = qobject_cast<TextFileEditor *>(widget(i)))
            text->showProblems(snapshot, problems);
}

void EditorArea::closeAll()
{
    while (count() > 0) {
        QWidget *w = widget(0);
        removeTab(0);
        delete w;
    }
}

void EditorArea::updateTitle(int tab, const workspace::WorkspaceSnapshot &snapshot)
{
    const QString path = pathAt(tab);
    const auto entry = snapshot.file(path);
    QString title = entry && entry->event ? entry->event->name : QFileInfo(path).fileName();
    if (snapshot.isModified(path))
        title += QStringLiteral(" •");
    setTabText(tab, title);
    setTabToolTip(tab, path);
}

void EditorArea::onSnapshot(const workspace::WorkspaceSnapshot &snapshot)
{
    for (int i = count() - 1; i >= 0; --i) {
        const QString path = pathAt(i);
        if (!snapshot.file(path)) { // reverted new file, deleted on disk without edits
            QWidget *w = widget(i);
            removeTab(i);
            w->deleteLater();
            continue;
        }
        updateTitle(i, snapshot);
        if (auto *text = qobject_cast<TextFileEditor *>(widget(i)))
            text->showProblems(snapshot, m_evaluationProblems);
    }
}

} // namespace bindery::ui
