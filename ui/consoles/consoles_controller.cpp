// SPDX-License-Identifier: Apache-2.0
#include "ui/consoles/consoles_controller.h"

#include "ui/consoles/endpoint_console.h"
#include "ui/consoles/endpoint_host.h"
#include "ui/consoles/history_store.h"
#include "ui/consoles/history_view.h"
#include "ui/consoles/hosted_catalog.h"
#include "ui/consoles/replay_console.h"
#include "ui/consoles/server_profiles.h"
#include "ui/consoles/targets_view.h"
#include "ui/workspace_view.h"
#include "workspace/workspace.h"

#include <QDockWidget>
#include <QFileDialog>
#include <QItemSelectionModel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QTreeView>

namespace bindery::ui {

ConsolesController::ConsolesController(workspace::Workspace *workspace, QSettings *settings, QObject *parent)
    : QObject(parent)
    , m_workspace(workspace)
    , m_settings(settings)
    , m_predictionTimer(new QTimer(this))
{
    if (!m_settings) {
        m_ownSettings = std::make_unique<QSettings>();
        m_settings = m_ownSettings.get();
    }
    m_host = new EndpointHost(workspace, this);
    m_history = new HistoryStore(this);
    m_history->setLimit(m_settings->value(QStringLiteral("history/limit"), 1000).toInt());
    m_profiles = new ServerProfiles(m_settings, this);
    m_secrets = new SecretStore(QStringLiteral("Bindery"), this);
    m_endpoint = new EndpointConsole(m_host);
    m_endpoint->setSettings(EndpointSettings::load(*m_settings));
    m_replay = new ReplayConsole;
    m_historyView = new HistoryView(m_history);
    m_targets = new TargetsView(m_profiles, m_secrets, workspace);

    m_replay->setTargets(m_profiles->names());
    connect(
        m_profiles, &ServerProfiles::changed, this, [this] { m_replay->setTargets(m_profiles->names()); });
    m_replay->setActualOutcomeLookup(
        [this](const net::CaptureRecord &r) { return m_host->actualOutcome(r); });
    connect(m_host, &EndpointHost::eventDispatched, m_replay, &ReplayConsole::noteActualOutcome);
    m_replay->setTargetResolver([this](const QString &name,
                                    std::function<void(std::optional<SendTarget>, QString)> done) {
        if (m_profiles->find(name)) {
            m_targets->resolve(name,
                [done, name](std::optional<ServerProfile> p, QByteArray token, QByteArray secret, QString) {
                    if (!p) {
                        done(std::nullopt, tr("No target named %1").arg(name));
                        return;
                    }
                    done(SendTarget { p->name, false, p->connection(token), secret }, {});
                });
            return;
        }
        if (!m_host->isRunning()) {
            done(std::nullopt,
                tr("The local endpoint is not hosting: start it in the Endpoint console, or pick a target"));
            return;
        }
        net::ConnectionOptions o;
        o.baseUrl = m_host->url();
        o.insecure = o.baseUrl.scheme() == QStringLiteral("https"); // our own self-signed endpoint
        done(SendTarget { tr("local endpoint"), true, o, {} }, {});
    });

    connect(m_replay, &ReplayConsole::eventSent, m_history, &HistoryStore::add);
    connect(m_host, &EndpointHost::eventReceived, this,
        [this](
            const net::CaptureRecord &record, int status, const QStringList &bindings, const QString &error) {
            HistoryEntry e;
            e.direction = HistoryEntry::Direction::Received;
            e.record = record;
            e.status = status;
            e.target = tr("hosted endpoint");
            e.bindings = bindings;
            e.error = error;
            m_history->add(e);
        });
    connect(
        m_historyView, &HistoryView::replayRequested, this, [this](const QList<net::CaptureRecord> &records) {
            m_replay->addReplayEvents(records);
            if (QDockWidget *dock = m_docks.value(m_replay))
                dock->raise();
        });
    connect(m_historyView, &HistoryView::editRequested, this, [this](const net::CaptureRecord &r) {
        openAsWorkspaceEvent(
            r, tr("from history %1").arg(r.time.toLocalTime().toString(QStringLiteral("HH:mm:ss"))));
    });
    connect(m_endpoint, &EndpointConsole::openEventRequested, this, [this](const ReceivedEvent &e) {
        openAsWorkspaceEvent(e.record, tr("received %1").arg(e.record.id));
    });
    connect(m_host, &EndpointHost::runningChanged, this, [this](bool running) {
        if (running)
            m_endpoint->settings().save(*m_settings);
    });

    m_predictionTimer->setSingleShot(true);
    m_predictionTimer->setInterval(300);
    connect(m_predictionTimer, &QTimer::timeout, this, &ConsolesController::rebuildPrediction);
    if (m_workspace) {
        connect(m_workspace, &workspace::Workspace::snapshotChanged, this, &ConsolesController::onSnapshot);
        onSnapshot(m_workspace->snapshot());
        rebuildPrediction();
    }
}

ConsolesController::~ConsolesController()
{
    m_host->stop();
    // Widgets that were never docked have no parent.
    for (QWidget *w : { static_cast<QWidget *>(m_endpoint), static_cast<QWidget *>(m_replay),
             static_cast<QWidget *>(m_historyView), static_cast<QWidget *>(m_targets) })
        if (!w->parentWidget())
            delete w;
}

ConsolesController *ConsolesController::install(
    QMainWindow *window, workspace::Workspace *workspace, std::function<void(const QString &)> openFile)
{
    auto *c = new ConsolesController(workspace, nullptr, window);
    c->setOpenFile(std::move(openFile));
    c->installInto(window);
    return c;
}

void ConsolesController::installInto(QMainWindow *window)
{
    QDockWidget *first = nullptr;
    // Tools goes before Help when there is one.
    QAction *help = nullptr;
    for (QAction *a : window->menuBar()->actions())
        if (a->text().remove(QLatin1Char('&')) == tr("Help"))
            help = a;
    auto *tools = new QMenu(tr("&Tools"), window);
    window->menuBar()->insertMenu(help, tools);
    const QList<std::pair<QWidget *, QString>> docks { { m_endpoint, tr("Endpoint") },
        { m_replay, tr("Post and Replay") }, { m_historyView, tr("History") }, { m_targets, tr("Targets") } };
    for (const auto &[widget, title] : docks) {
        auto *dock = new QDockWidget(title, window);
        dock->setObjectName(widget->objectName() + QStringLiteral("Dock"));
        // Scrolled, so that the consoles never impose their width or height on the window.
        auto *scroll = new QScrollArea(dock);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidgetResizable(true);
        scroll->setWidget(widget);
        dock->setWidget(scroll);
        m_docks.insert(widget, dock);
        // Beside the explanation, on the tall right-hand side: the bottom row belongs to the
        // results matrix and the preview, which need its width.
        auto *anchor = first ? first : window->findChild<QDockWidget *>(QStringLiteral("explainDock"));
        window->addDockWidget(anchor ? window->dockWidgetArea(anchor) : Qt::BottomDockWidgetArea, dock);
        if (anchor)
            window->tabifyDockWidget(anchor, dock);
        if (!first)
            first = dock;
        tools->addAction(dock->toggleViewAction());
    }
    if (auto *explain = window->findChild<QDockWidget *>(QStringLiteral("explainDock")))
        explain->raise();
    else if (first)
        first->raise();
    tools->addSeparator();
    QAction *host = tools->addAction(tr("Start Hosting"), this, [this] { m_endpoint->startHosting(); });
    QAction *stop = tools->addAction(tr("Stop Hosting"), this, [this] { m_endpoint->stopHosting(); });
    stop->setEnabled(false);
    connect(m_host, &EndpointHost::runningChanged, this, [host, stop](bool running) {
        host->setEnabled(!running);
        stop->setEnabled(running);
    });
    tools->addAction(tr("Send Selected Events"), this, &ConsolesController::sendSelectedEvents);
    // The same on the workspace tree's events (right click).
    m_workspaceView = window->findChild<WorkspaceView *>();
    if (m_workspaceView) {
        QTreeView *tree = m_workspaceView->tree();
        auto *send = new QAction(tr("Send to Target"), tree);
        send->setObjectName(QStringLiteral("actionSendToTarget"));
        auto *add = new QAction(tr("Add to Replay List"), tree);
        add->setObjectName(QStringLiteral("actionAddToReplay"));
        connect(send, &QAction::triggered, this, &ConsolesController::sendSelectedEvents);
        connect(add, &QAction::triggered, this, &ConsolesController::addSelectedEventsToReplay);
        tree->addActions({ send, add });
        tree->setContextMenuPolicy(Qt::ActionsContextMenu);
        const auto enable = [this, send, add] {
            const bool any = m_workspaceView && !m_workspaceView->selectedEventPaths().isEmpty();
            send->setEnabled(any);
            add->setEnabled(any);
        };
        connect(tree->selectionModel(), &QItemSelectionModel::selectionChanged, this, enable);
        connect(tree->model(), &QAbstractItemModel::modelReset, this, enable);
        enable();
    }
    // File ▸ Import Capture…, just before the File menu's last separator (Quit).
    const QList<QAction *> bar = window->menuBar()->actions();
    QMenu *file = bar.isEmpty() ? nullptr : bar.first()->menu();
    auto *import = new QAction(tr("&Import Capture…"), window);
    connect(import, &QAction::triggered, this, &ConsolesController::importCaptures);
    if (file) {
        QAction *before = nullptr;
        for (QAction *a : file->actions())
            if (a->isSeparator())
                before = a;
        file->insertAction(before, import);
    } else {
        tools->addAction(import);
    }
    connect(m_replay, &ReplayConsole::message, window,
        [window](const QString &text) { window->statusBar()->showMessage(text, 8000); });
    connect(m_targets, &TargetsView::message, window,
        [window](const QString &text) { window->statusBar()->showMessage(text, 8000); });
}

QList<net::CaptureRecord> ConsolesController::treeSelection() const
{
    QList<net::CaptureRecord> records;
    if (!m_workspaceView || !m_workspace)
        return records;
    const workspace::WorkspaceSnapshot snapshot = m_workspace->snapshot();
    for (const QString &path : m_workspaceView->selectedEventPaths())
        if (auto entry = snapshot.file(path); entry && entry->event)
            records << recordFromEvent(*entry->event);
    return records;
}

void ConsolesController::sendSelectedEvents()
{
    const QList<net::CaptureRecord> records = treeSelection();
    if (records.isEmpty())
        m_replay->sendSelectedEvents();
    else
        m_replay->send(records);
    if (QDockWidget *dock = m_docks.value(m_replay))
        dock->raise(); // where the results appear
}

void ConsolesController::addSelectedEventsToReplay()
{
    const QList<net::CaptureRecord> records = treeSelection();
    if (records.isEmpty())
        return;
    m_replay->addReplayEvents(records);
    if (QDockWidget *dock = m_docks.value(m_replay))
        dock->raise();
}

void ConsolesController::importCaptures()
{
    const QStringList files = QFileDialog::getOpenFileNames(m_replay, tr("Import captures"), m_root,
        tr("Captures (*.ndjson *.jsonl *.har *.http *.txt *.sh *.json);;All files (*)"));
    for (const QString &f : files)
        m_replay->importFile(f);
    if (QDockWidget *dock = m_docks.value(m_replay); dock && !files.isEmpty())
        dock->raise();
}

QString ConsolesController::openAsWorkspaceEvent(const net::CaptureRecord &record, const QString &name)
{
    if (!m_workspace || !m_workspace->isOpen())
        return {};
    const QString path = m_workspace->createEvent(eventFromRecord(record, name));
    if (!path.isEmpty() && m_openFile)
        m_openFile(path);
    return path;
}

void ConsolesController::onSnapshot(const workspace::WorkspaceSnapshot &snapshot)
{
    m_replay->setWorkspaceSnapshot(snapshot);
    const QString root = snapshot.isNull() ? QString() : snapshot.rootPath();
    if (root != m_root) {
        m_root = root;
        QString error;
        if (!m_history->setPath(HistoryStore::defaultPath(root), &error))
            emit m_replay->message(error);
    }
    if (!snapshot.isNull() && !snapshot.events().isEmpty() && snapshot.events().first()->event)
        m_endpoint->setSampleEvent(recordFromEvent(*snapshot.events().first()->event));
    m_predictionTimer->start();
}

void ConsolesController::rebuildPrediction()
{
    if (!m_workspace)
        return;
    m_replay->setPredictionDispatcher(HostedCatalog::fromSnapshot(m_workspace->snapshot()).dispatcher);
}

} // namespace bindery::ui
