// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/workspace_snapshot.h"

#include <QMainWindow>
#include <QPointer>

class QDockWidget;
class QMenu;

namespace bindery::workspace {
class Workspace;
}

namespace bindery::ui {

class AppSettings;
class CodeEditor;
class EditorArea;
class LiveResults;
class NotificationBar;
class ProblemsView;
class TestsView;
class WorkspaceView;

// The studio's frame: wires docks, pages and actions. Views are their own classes; this class
// holds no business logic.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(AppSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a workspace folder; returns false (and says why in the status bar) when it is not one.
    bool openWorkspace(const QString &dir);
    QString workspacePath() const;

    workspace::Workspace &workspace() const { return *m_workspace; }
    EditorArea *editors() const { return m_editors; }
    WorkspaceView *workspaceView() const { return m_workspaceView; }
    ProblemsView *problemsView() const { return m_problemsView; }
    NotificationBar *notifications() const { return m_notifications; }
    LiveResults *liveResults() const { return m_live; }
    // "New binding from this event": a new manifest with a binding for the event that submits the
    // named template; returns its path ("" when the event or template is unknown).
    QString newBindingFromEvent(const QString &eventPath, const QString &templateName);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QDockWidget *addViewDock(const QString &objectName, const QString &title, QWidget *view,
                             Qt::DockWidgetArea area);
    void createMenus();
    void updateRecentMenu();
    void restoreLayout();
    void onSnapshot(const workspace::WorkspaceSnapshot &snapshot);
    void onExternalConflict(const QString &path);
    void offerRecovery();
    // Asks to save unsaved edits; false when the user cancels.
    bool maybeSave();
    bool save();
    void saveAs();
    void newWorkspace();
    void chooseWorkspace();
    void newEvent();
    void chooseTemplateForNewBinding();
    // Inserts at the cursor of the expression editor the user last worked in (a manifest or the
    // playground): the target of "insert path/condition" from an environment tree.
    void insertIntoExpression(const QString &text);

    AppSettings &m_settings;
    workspace::Workspace *m_workspace;
    EditorArea *m_editors = nullptr;
    NotificationBar *m_notifications = nullptr;
    WorkspaceView *m_workspaceView = nullptr;
    ProblemsView *m_problemsView = nullptr;
    LiveResults *m_live = nullptr;
    TestsView *m_testsView = nullptr;
    QPointer<CodeEditor> m_expressionTarget;
    QMenu *m_recentMenu = nullptr;
};

} // namespace bindery::ui
