// SPDX-License-Identifier: Apache-2.0
#include "ui/main_window.h"

#include "ui/about_dialog.h"
#include "ui/app_settings.h"
#include "ui/code_editor.h"
#include "ui/consoles/consoles_controller.h"
#include "ui/editor_area.h"
#include "ui/find_bar.h"
#include "ui/live_results.h"
#include "ui/explain_view.h"
#include "ui/playground_view.h"
#include "ui/preview_view.h"
#include "ui/results_view.h"
#include "ui/notification_bar.h"
#include "ui/problems_view.h"
#include "ui/tests_view.h"
#include "ui/text_file_editor.h"
#include "ui/workspace_tree_model.h"
#include "ui/workspace_view.h"
#include "workspace/binding_draft.h"
#include "workspace/evaluation_runner.h"
#include "workspace/workspace.h"
#include "workspace/workspace_locator.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QVBoxLayout>

namespace bindery::ui {

MainWindow::MainWindow(AppSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_workspace(new workspace::Workspace(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Bindery"));
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);

    m_editors = new EditorArea(*m_workspace, this);
    m_notifications = new NotificationBar(this);
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_notifications);
    centralLayout->addWidget(m_editors, 1);
    setCentralWidget(central);

    m_workspaceView = new WorkspaceView(this);
    m_problemsView = new ProblemsView(this);
    auto *workspaceDock = addViewDock(QStringLiteral("workspaceDock"), tr("Workspace"), m_workspaceView, Qt::LeftDockWidgetArea);
    m_live = new LiveResults(*m_workspace, this, this);
    auto *explain = addViewDock(QStringLiteral("explainDock"), tr("Explain"), m_live->explainView(), Qt::RightDockWidgetArea);
    auto *playground = addViewDock(QStringLiteral("playgroundDock"), tr("Playground"), m_live->playgroundView(),
                                   Qt::RightDockWidgetArea);
    tabifyDockWidget(explain, playground);
    explain->raise();
    auto *results = addViewDock(QStringLiteral("resultsDock"), tr("Results"), m_live->resultsView(), Qt::BottomDockWidgetArea);
    auto *preview = addViewDock(QStringLiteral("previewDock"), tr("Workflow preview"), m_live->previewView(),
                                Qt::BottomDockWidgetArea);
    auto *problems = addViewDock(QStringLiteral("problemsDock"), tr("Problems"), m_problemsView, Qt::BottomDockWidgetArea);
    m_testsView = new TestsView(*m_workspace, this);
    auto *tests = addViewDock(QStringLiteral("testsDock"), tr("Tests"), m_testsView, Qt::BottomDockWidgetArea);
    splitDockWidget(results, preview, Qt::Horizontal);
    tabifyDockWidget(preview, problems);
    tabifyDockWidget(problems, tests);
    preview->raise();
    resizeDocks({workspaceDock, explain}, {240, 400}, Qt::Horizontal);
    resizeDocks({results}, {260}, Qt::Vertical);

    connect(m_live, &LiveResults::evaluated, this, [this] { onSnapshot(m_workspace->snapshot()); });
    connect(m_live, &LiveResults::completionWordsChanged, m_editors, &EditorArea::setCompletionWords);
    connect(m_live, &LiveResults::completionWordsChanged, m_live->playgroundView()->editor(),
            &CodeEditor::setCompletionWords);
    connect(m_workspaceView, &WorkspaceView::eventSelected, m_live, &LiveResults::selectEvent);
    connect(m_workspaceView, &WorkspaceView::bindingSelected, m_live, &LiveResults::selectBinding);
    connect(m_editors, &EditorArea::currentPathChanged, this, [this](const QString &path) {
        if (m_workspace->snapshot().file(path) && m_workspace->snapshot().file(path)->kind == workspace::FileKind::Event)
            m_live->selectEvent(path);
    });
    connect(m_editors, &EditorArea::insertRequested, this, &MainWindow::insertIntoExpression);
    m_editors->setBindingView(settings.bindingView() == u"form"   ? TextFileEditor::View::Form
                              : settings.bindingView() == u"both" ? TextFileEditor::View::Both
                                                                  : TextFileEditor::View::Yaml);
    connect(m_editors, &EditorArea::bindingViewChosen, this, [this](TextFileEditor::View view) {
        m_settings.setBindingView(view == TextFileEditor::View::Form   ? QStringLiteral("form")
                                  : view == TextFileEditor::View::Both ? QStringLiteral("both")
                                                                       : QStringLiteral("yaml"));
    });
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        // Remember the last expression editor: a manifest editor or the playground.
        if (auto *editor = qobject_cast<CodeEditor *>(now))
            if (editor->language() == CodeEditor::Language::Yaml || editor->language() == CodeEditor::Language::Expr)
                if (!editor->isReadOnly())
                    m_expressionTarget = editor;
    });

    connect(m_workspace, &workspace::Workspace::snapshotChanged, this, &MainWindow::onSnapshot);
    connect(m_workspace, &workspace::Workspace::externalConflict, this, &MainWindow::onExternalConflict);
    connect(m_workspace, &workspace::Workspace::modificationChanged, this, &QWidget::setWindowModified);
    connect(m_workspaceView, &WorkspaceView::openRequested, this,
            [this](const QString &path, int line) { m_editors->openFile(path, line); });
    connect(m_problemsView, &ProblemsView::openRequested, m_editors, &EditorArea::openFile);
    connect(m_workspaceView, &WorkspaceView::eventSelected, m_testsView, &TestsView::setCurrentEvent);
    connect(m_testsView, &TestsView::openRequested, this,
            [this](const QString &path, int line) { m_editors->openFile(path, line); });
    connect(m_problemsView, &ProblemsView::fixRequested, this, [this](const workspace::Diagnostic &problem) {
        if (!m_editors->applyFix(problem))
            statusBar()->showMessage(tr("The fix no longer applies: the file changed"), 3000);
    });

    createMenus();
    // The consoles (endpoint, post & replay, history, targets) add their own docks and actions.
    ConsolesController::install(this, m_workspace, [this](const QString &path) { m_editors->openFile(path); });
    statusBar()->showMessage(tr("No workspace open"));
    restoreLayout();
}

MainWindow::~MainWindow() = default;

QDockWidget *MainWindow::addViewDock(const QString &objectName, const QString &title, QWidget *view,
                                     Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(view);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New Workspace…"), this, &MainWindow::newWorkspace);
    file->addAction(tr("&Open Workspace…"), QKeySequence::Open, this, &MainWindow::chooseWorkspace);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    file->addSeparator();
    file->addAction(tr("New &Event"), QKeySequence::New, this, &MainWindow::newEvent);
    file->addAction(tr("New &Binding from Selected Event…"), this, &MainWindow::chooseTemplateForNewBinding);
    file->addSeparator();
    QAction *saveAction = file->addAction(tr("&Save All"), QKeySequence::Save, this, &MainWindow::save);
    saveAction->setObjectName(QStringLiteral("actionSave"));
    file->addAction(tr("Save Workspace &As…"), QKeySequence::SaveAs, this, &MainWindow::saveAs);
    file->addAction(tr("Re&vert File"), this, [this] {
        if (!m_editors->currentPath().isEmpty())
            m_workspace->revert(m_editors->currentPath());
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    // Edit actions act on whichever code editor the current tab shows.
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    auto onEditor = [this](auto fn) {
        return [this, fn] {
            if (CodeEditor *e = m_editors->currentCodeEditor())
                fn(e);
        };
    };
    edit->addAction(tr("&Undo"), QKeySequence::Undo, this, onEditor([](CodeEditor *e) { e->undo(); }));
    edit->addAction(tr("&Redo"), QKeySequence::Redo, this, onEditor([](CodeEditor *e) { e->redo(); }));
    edit->addSeparator();
    edit->addAction(tr("&Find…"), QKeySequence::Find, this, [this] {
        if (FindBar *bar = m_editors->currentFindBar())
            bar->showFind();
    });
    edit->addAction(tr("R&eplace…"), QKeySequence::Replace, this, [this] {
        if (FindBar *bar = m_editors->currentFindBar())
            bar->showReplace();
    });
    edit->addAction(tr("&Complete"), QKeySequence(Qt::CTRL | Qt::Key_Space), this,
                    onEditor([](CodeEditor *e) { e->showCompletions(); }));

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        view->addAction(dock->toggleViewAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about = help->addAction(tr("&About Bindery"));
    about->setObjectName(QStringLiteral("actionAbout"));
    connect(about, &QAction::triggered, this, [this] {
        AboutDialog dialog(this);
        dialog.exec();
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = m_settings.recentWorkspaces();
    for (const QString &path : recent)
        m_recentMenu->addAction(QDir::toNativeSeparators(path), this, [this, path] { openWorkspace(path); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry = m_settings.windowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1400, 900);
    const QByteArray state = m_settings.windowState();
    if (!state.isEmpty())
        restoreState(state, AppSettings::WindowStateVersion);
}

bool MainWindow::openWorkspace(const QString &dir)
{
    if (!workspace::WorkspaceLocator::isWorkspace(dir)) {
        statusBar()->showMessage(tr("%1 is not a Bindery workspace (no %2)")
                                     .arg(QDir::toNativeSeparators(dir),
                                          workspace::WorkspaceLocator::indexFileName()));
        return false;
    }
    if (!maybeSave())
        return false;
    m_editors->closeAll();
    QString error;
    if (!m_workspace->open(dir, &error)) {
        statusBar()->showMessage(error);
        return false;
    }
    setWindowTitle(tr("%1[*] — Bindery").arg(QDir(workspacePath()).dirName()));
    statusBar()->showMessage(tr("Workspace %1").arg(QDir::toNativeSeparators(workspacePath())));
    m_settings.setLastWorkspace(workspacePath());
    m_settings.addRecentWorkspace(workspacePath());
    updateRecentMenu();
    // Start where a new user wants to be: the first binding, its selector in view.
    WorkspaceTreeModel *tree = m_workspaceView->model();
    const QModelIndex bindings = tree->index(WorkspaceTreeModel::Bindings, 0);
    if (tree->rowCount(bindings) > 0) {
        const QModelIndex first = tree->index(0, 0, bindings);
        m_editors->openFile(first.data(WorkspaceTreeModel::PathRole).toString(),
                            first.data(WorkspaceTreeModel::LineRole).toInt());
    }
    m_live->runner().requestNow(m_workspace->snapshot());
    offerRecovery();
    return true;
}

QString MainWindow::workspacePath() const
{
    return m_workspace->rootPath();
}

void MainWindow::onSnapshot(const workspace::WorkspaceSnapshot &snapshot)
{
    m_workspaceView->resetData(snapshot);
    QList<workspace::Diagnostic> problems = snapshot.problems();
    const auto evaluation = m_live->latest();
    if (evaluation && evaluation->revision == snapshot.revision()) {
        problems += evaluation->problems;
        m_editors->setEvaluationProblems(evaluation->problems);
        // ✓ / ✗ / ! on bindings and events in the tree, from the same evaluation as the matrix.
        QHash<QString, WorkspaceTreeModel::Status> bindings, events;
        // What an item shows when its cells differ: an error first, then "fires", then "does not".
        const auto rank = [](WorkspaceTreeModel::Status s) {
            switch (s) {
            case WorkspaceTreeModel::Status::Error: return 3;
            case WorkspaceTreeModel::Status::Matched: return 2;
            case WorkspaceTreeModel::Status::NotMatched: return 1;
            case WorkspaceTreeModel::Status::Unknown: return 0;
            }
            return 0;
        };
        for (const workspace::EventEvaluation &e : evaluation->events) {
            WorkspaceTreeModel::Status eventStatus = WorkspaceTreeModel::Status::NotMatched;
            for (const argo::BindingOutcome &o : e.result.outcomes) {
                const QString name = QString::fromStdString(o.bindingName);
                WorkspaceTreeModel::Status s = WorkspaceTreeModel::Status::NotMatched;
                if (o.status == argo::BindingStatus::Error)
                    s = WorkspaceTreeModel::Status::Error;
                else if (o.status == argo::BindingStatus::Submitted || o.status == argo::BindingStatus::MatchedNoSubmit)
                    s = WorkspaceTreeModel::Status::Matched;
                if (rank(s) > rank(bindings.value(name, WorkspaceTreeModel::Status::Unknown)))
                    bindings[name] = s;
                if (rank(s) > rank(eventStatus))
                    eventStatus = s;
            }
            if (e.result.httpStatus >= 400)
                eventStatus = WorkspaceTreeModel::Status::Error;
            events[e.path] = eventStatus;
        }
        m_workspaceView->model()->setStatuses(WorkspaceTreeModel::Bindings, bindings);
        m_workspaceView->model()->setStatuses(WorkspaceTreeModel::Events, events);
    }
    m_problemsView->resetData(problems);
}

void MainWindow::insertIntoExpression(const QString &text)
{
    CodeEditor *target = m_expressionTarget ? m_expressionTarget.data() : m_live->playgroundView()->editor();
    target->insertAtCursor(text);
}

void MainWindow::onExternalConflict(const QString &path)
{
    const bool deleted = !QFileInfo::exists(QDir(workspacePath()).filePath(path));
    if (deleted) {
        m_notifications->ask(path, tr("<b>%1</b> was deleted on disk while you were editing it. Your edits are kept "
                                      "as a new file.").arg(path),
                             {{tr("Save mine"), [this, path] { m_workspace->saveFile(path, nullptr); }},
                              {tr("Drop mine"), [this, path] { m_workspace->revert(path); }}});
        return;
    }
    m_notifications->ask(path, tr("<b>%1</b> changed on disk while you were editing it.").arg(path),
                         {{tr("Reload from disk"), [this, path] { m_workspace->reloadFromDisk(path); }},
                          {tr("Keep my edits"), [this, path] { m_workspace->keepLocalEdits(path); }}});
}

void MainWindow::offerRecovery()
{
    const QStringList files = m_workspace->recoverableFiles();
    if (files.isEmpty())
        return;
    m_notifications->ask(QStringLiteral("recovery"),
                         tr("Unsaved edits from an earlier session were found for %n file(s): %1", nullptr,
                            int(files.size()))
                             .arg(files.join(QStringLiteral(", "))),
                         {{tr("Restore"), [this] { m_workspace->recoverAutosave(); }},
                          {tr("Discard"), [this] { m_workspace->discardAutosave(); }}});
}

bool MainWindow::maybeSave()
{
    if (!m_workspace->isOpen() || !m_workspace->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"),
        tr("These files have unsaved changes:\n%1").arg(m_workspace->modifiedFiles().join(u'\n')),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save)
        return save();
    m_workspace->discardAutosave();
    m_workspace->close();
    return true;
}

bool MainWindow::save()
{
    QString error;
    if (!m_workspace->save(&error)) {
        QMessageBox::critical(this, tr("Save failed"), error);
        return false;
    }
    statusBar()->showMessage(tr("Saved"), 3000);
    return true;
}

void MainWindow::saveAs()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Save Workspace As"));
    if (dir.isEmpty())
        return;
    QString error;
    m_editors->closeAll();
    if (!m_workspace->saveAs(dir, &error)) {
        QMessageBox::critical(this, tr("Save As failed"), error);
        return;
    }
    openWorkspace(m_workspace->rootPath());
}

void MainWindow::newWorkspace()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("New Workspace in Folder"));
    if (dir.isEmpty())
        return;
    QString error;
    if (!workspace::Workspace::create(dir, QDir(dir).dirName(), &error)) {
        QMessageBox::critical(this, tr("New Workspace"), error);
        return;
    }
    openWorkspace(dir);
}

void MainWindow::chooseWorkspace()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Workspace"), workspacePath());
    if (!dir.isEmpty() && !openWorkspace(dir))
        QMessageBox::warning(this, tr("Open Workspace"), statusBar()->currentMessage());
}

void MainWindow::newEvent()
{
    if (!m_workspace->isOpen())
        return;
    workspace::EventDocument event;
    event.name = tr("new event");
    event.namespaceName = m_workspace->snapshot().index().namespaceName;
    event.headers = {{QStringLiteral("Content-Type"), QStringLiteral("application/json")}};
    event.body = QStringLiteral("{}\n");
    m_editors->openFile(m_workspace->createEvent(event));
}

QString MainWindow::newBindingFromEvent(const QString &eventPath, const QString &templateName)
{
    const workspace::WorkspaceSnapshot snapshot = m_workspace->snapshot();
    const auto event = snapshot.file(eventPath);
    if (!event || !event->event)
        return {};
    for (const auto &manifest : snapshot.manifests()) {
        const argo::ManifestSet set = argo::loadManifests(
            std::string_view(manifest->text.constData(), std::size_t(manifest->text.size())), manifest->path.toStdString());
        for (const argo::WorkflowTemplate &t : set.templates) {
            if (QString::fromStdString(t.metadata.name) != templateName)
                continue;
            const QString path = m_workspace->createManifest(
                event->event->name + QStringLiteral(" binding"),
                workspace::bindingDraft(*event->event, t, snapshot.index().namespaceName));
            m_editors->openFile(path);
            return path;
        }
    }
    return {};
}

void MainWindow::chooseTemplateForNewBinding()
{
    const QString eventPath = m_live->selectedEvent();
    if (eventPath.isEmpty()) {
        statusBar()->showMessage(tr("Select an event first (in the Workspace tree or the Results)"), 4000);
        return;
    }
    QStringList templates;
    for (const auto &manifest : m_workspace->snapshot().manifests())
        for (const workspace::ManifestObject &o : manifest->outline.objects)
            if (o.kind == u"WorkflowTemplate" || o.kind == u"ClusterWorkflowTemplate")
                templates << o.name;
    if (templates.isEmpty()) {
        statusBar()->showMessage(tr("The workspace has no template to submit"), 4000);
        return;
    }
    bool ok = true;
    const QString chosen = templates.size() == 1
                               ? templates.first()
                               : QInputDialog::getItem(this, tr("New Binding"), tr("Template to submit:"), templates, 0,
                                                       false, &ok);
    if (ok)
        newBindingFromEvent(eventPath, chosen);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState(AppSettings::WindowStateVersion));
    m_settings.sync();
    event->accept();
}

} // namespace bindery::ui
