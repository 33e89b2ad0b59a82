// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "workspace/workspace_snapshot.h"

#include <QMainWindow>

class QDockWidget;
class QMenu;

namespace bindery::workspace {
class Workspace;
}

namespace bindery::ui {

class AppSettings;
class EditorArea;
class NotificationBar;
class ProblemsView;
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

    AppSettings &m_settings;
    workspace::Workspace *m_workspace;
    EditorArea *m_editors = nullptr;
    NotificationBar *m_notifications = nullptr;
    WorkspaceView *m_workspaceView = nullptr;
    ProblemsView *m_problemsView = nullptr;
    QMenu *m_recentMenu = nullptr;
};

} // namespace bindery::ui
