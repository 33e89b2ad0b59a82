// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/capture_record.h"
#include "workspace/workspace_snapshot.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QDockWidget;
class QMainWindow;
class QWidget;
class QSettings;
class QTimer;

namespace bindery::argo {
class Dispatcher;
}
namespace bindery::workspace {
class Workspace;
}

namespace bindery::ui {

class EndpointConsole;
class EndpointHost;
class HistoryStore;
class HistoryView;
class ReplayConsole;
class SecretStore;
class ServerProfiles;
class TargetsView;
class WorkspaceView;

// The studio's consoles (endpoint, post & replay, history, targets) and their wiring. MainWindow
// calls install() once; everything else stays in this folder.
class ConsolesController : public QObject
{
    Q_OBJECT
public:
    // `settings` null: the application's QSettings.
    ConsolesController(
        workspace::Workspace *workspace, QSettings *settings = nullptr, QObject *parent = nullptr);
    ~ConsolesController() override;

    // Adds the consoles as docks of `window` (tabbed at the bottom), File ▸ Import Capture… and a
    // Tools menu. `openFile` opens a workspace file in the editors.
    static ConsolesController *install(QMainWindow *window, workspace::Workspace *workspace,
        std::function<void(const QString &path)> openFile);
    void installInto(QMainWindow *window);
    void setOpenFile(std::function<void(const QString &path)> openFile) { m_openFile = std::move(openFile); }

    EndpointHost *host() const { return m_host; }
    EndpointConsole *endpointConsole() const { return m_endpoint; }
    ReplayConsole *replayConsole() const { return m_replay; }
    HistoryView *historyView() const { return m_historyView; }
    TargetsView *targetsView() const { return m_targets; }
    HistoryStore *history() const { return m_history; }
    ServerProfiles *profiles() const { return m_profiles; }
    SecretStore *secrets() const { return m_secrets; }

    void importCaptures(); // File ▸ Import Capture…
    // The events selected in the workspace tree: posted to the replay console's target, or
    // appended to its replay list. Without a tree selection, the console's own list selection.
    void sendSelectedEvents();
    void addSelectedEventsToReplay();
    // Creates an unsaved workspace event from a received/captured one and opens it.
    QString openAsWorkspaceEvent(const net::CaptureRecord &record, const QString &name);

private:
    void onSnapshot(const workspace::WorkspaceSnapshot &snapshot);
    void rebuildPrediction();
    QList<net::CaptureRecord> treeSelection() const;

    workspace::Workspace *m_workspace;
    QSettings *m_settings;
    std::unique_ptr<QSettings> m_ownSettings;
    EndpointHost *m_host;
    HistoryStore *m_history;
    ServerProfiles *m_profiles;
    SecretStore *m_secrets;
    EndpointConsole *m_endpoint;
    ReplayConsole *m_replay;
    HistoryView *m_historyView;
    QPointer<WorkspaceView> m_workspaceView; // the main window's tree, when there is one
    TargetsView *m_targets;
    std::function<void(const QString &)> m_openFile;
    QTimer *m_predictionTimer;
    QHash<QWidget *, QDockWidget *> m_docks;
    QString m_root;
};

} // namespace bindery::ui
