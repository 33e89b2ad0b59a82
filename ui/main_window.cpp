// SPDX-License-Identifier: Apache-2.0
#include "ui/main_window.h"

#include "ui/about_dialog.h"
#include "ui/app_settings.h"
#include "ui/empty_state_view.h"
#include "workspace/workspace_locator.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

namespace bindery::ui {

MainWindow::MainWindow(AppSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Bindery"));
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);

    m_editors = new QTabWidget(this);
    m_editors->setObjectName(QStringLiteral("editorTabs"));
    m_editors->setDocumentMode(true);
    m_editors->setTabsClosable(true);
    m_editors->addTab(new EmptyStateView(tr("Editors"),
                                         tr("Binding, template and event editors are not yet available.\n"
                                            "Open a workspace item here once they land."),
                                         m_editors),
                      tr("Welcome"));
    setCentralWidget(m_editors);

    addViewDock(QStringLiteral("workspaceDock"), tr("Workspace"),
                new EmptyStateView(tr("Workspace"),
                                   tr("The tree of templates, bindings, events and tests is not yet available.")),
                Qt::LeftDockWidgetArea);
    addViewDock(QStringLiteral("explainDock"), tr("Explain"),
                new EmptyStateView(tr("Explain"),
                                   tr("The per-sub-expression explanation of a selector is not yet available.")),
                Qt::RightDockWidgetArea);
    auto *results = addViewDock(QStringLiteral("resultsDock"), tr("Results"),
                                new EmptyStateView(tr("Results"),
                                                   tr("The events × bindings matrix is not yet available.")),
                                Qt::BottomDockWidgetArea);
    auto *preview = addViewDock(QStringLiteral("previewDock"), tr("Workflow preview"),
                                new EmptyStateView(tr("Workflow preview"),
                                                   tr("The Workflow Argo would create is not yet available.")),
                                Qt::BottomDockWidgetArea);
    auto *problems = addViewDock(QStringLiteral("problemsDock"), tr("Problems"),
                                 new EmptyStateView(tr("Problems"),
                                                    tr("Lint findings and diagnostics are not yet available.")),
                                 Qt::BottomDockWidgetArea);
    splitDockWidget(results, preview, Qt::Horizontal);
    tabifyDockWidget(preview, problems);
    preview->raise();

    createMenus();
    statusBar()->showMessage(tr("No workspace open"));
    restoreLayout();
}

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
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

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
    m_workspacePath = QDir(dir).canonicalPath();
    setWindowTitle(tr("%1 — Bindery").arg(QDir(m_workspacePath).dirName()));
    statusBar()->showMessage(tr("Workspace %1").arg(QDir::toNativeSeparators(m_workspacePath)));
    m_settings.setLastWorkspace(m_workspacePath);
    m_settings.addRecentWorkspace(m_workspacePath);
    return true;
}

QString MainWindow::workspacePath() const
{
    return m_workspacePath;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState(AppSettings::WindowStateVersion));
    m_settings.sync();
    event->accept();
}

} // namespace bindery::ui
