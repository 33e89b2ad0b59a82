// SPDX-License-Identifier: Apache-2.0
#include "../workspace/workspace_fixture.h"
#include "bindery_test.h"
#include "bindery_version.h"
#include "ui/about_dialog.h"
#include "ui/app_settings.h"
#include "ui/code_editor.h"
#include "ui/editor_area.h"
#include "ui/empty_state_view.h"
#include "ui/event_editor.h"
#include "ui/main_window.h"
#include "ui/notification_bar.h"
#include "ui/problems_model.h"
#include "ui/problems_view.h"
#include "ui/text_file_editor.h"
#include "ui/workspace_tree_model.h"
#include "ui/workspace_view.h"
#include "workspace/workspace.h"

#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeView>

using namespace bindery::ui;

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void docksAreThereWithHonestEmptyStates()
    {
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QStringList expected{QStringLiteral("workspaceDock"), QStringLiteral("explainDock"),
                                   QStringLiteral("resultsDock"), QStringLiteral("previewDock"),
                                   QStringLiteral("problemsDock")};
        for (const QString &name : expected) {
            auto *dock = w.findChild<QDockWidget *>(name);
            QVERIFY2(dock, qPrintable(name));
            // Until a view lands, the dock says so instead of showing fake data.
            if (auto *empty = qobject_cast<EmptyStateView *>(dock->widget()))
                QVERIFY(empty->explanation().contains(QStringLiteral("not yet available")));
        }
        QVERIFY(qobject_cast<WorkspaceView *>(w.findChild<QDockWidget *>(QStringLiteral("workspaceDock"))->widget()));
        QVERIFY(qobject_cast<ProblemsView *>(w.findChild<QDockWidget *>(QStringLiteral("problemsDock"))->widget()));
    }

    void opensTheExampleAtTheFirstBinding()
    {
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(settings);
        w.show();
        QVERIFY(w.openWorkspace(bindery::test::exampleWorkspaceSource()));
        QVERIFY(w.windowTitle().contains(QStringLiteral("example-workspace")));
        QCOMPARE(settings.recentWorkspaces().value(0), w.workspacePath());
        WorkspaceTreeModel *tree = w.workspaceView()->model();
        QCOMPARE(tree->rowCount(tree->index(WorkspaceTreeModel::Events, 0)), 6);
        QVERIFY(w.workspaceView()->tree()->isExpanded(tree->index(WorkspaceTreeModel::Events, 0)));
        // The first binding is open, its line in view.
        QCOMPARE(w.editors()->currentPath(), QStringLiteral("manifests/event-consumer.yaml"));
        auto *text = qobject_cast<TextFileEditor *>(w.editors()->currentWidget());
        QVERIFY(text);
        int line = 0, index = 0;
        text->editor()->getCursorPosition(&line, &index);
        QCOMPARE(line + 1, 33);
        QCOMPARE(w.problemsView()->model()->rowCount(), 0);
    }

    void editSaveRoundTripThroughTheWindow()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("ws"));
        QVERIFY(bindery::test::copyTree(bindery::test::exampleWorkspaceSource(), root));
        AppSettings settings(dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openWorkspace(root));
        // Open an event from the tree, as a user would (activate = double click / Enter).
        WorkspaceTreeModel *tree = w.workspaceView()->model();
        const QModelIndex ping = tree->indexOf(WorkspaceTreeModel::Events, QStringLiteral("events/ping.yaml"));
        QVERIFY(ping.isValid());
        emit w.workspaceView()->tree()->activated(ping);
        auto *event = qobject_cast<EventEditor *>(w.editors()->currentWidget());
        QVERIFY(event);
        QTest::keyClicks(event->discriminatorField(), QStringLiteral("-2"));
        QVERIFY(w.isWindowModified());
        QVERIFY(w.editors()->tabText(w.editors()->currentIndex()).endsWith(QStringLiteral("•")));
        w.findChild<QAction *>(QStringLiteral("actionSave"))->trigger();
        QVERIFY(!w.isWindowModified());
        QVERIFY(bindery::test::readFile(QDir(root).filePath(QStringLiteral("events/ping.yaml")))
                    .contains("discriminator: github-path-filter-2"));

        // A syntax error typed into a manifest: listed in Problems and squiggled where it is.
        w.editors()->openFile(QStringLiteral("manifests/event-consumer.yaml"), 39);
        auto *text = qobject_cast<TextFileEditor *>(w.editors()->currentWidget());
        QVERIFY(text);
        text->editor()->setCursorPosition(38, 0);
        text->editor()->insertAtCursor(QStringLiteral("    selector: [\n"));
        QCOMPARE(w.problemsView()->model()->rowCount(), 1);
        const QModelIndex problem = w.problemsView()->model()->index(0, 0);
        QCOMPARE(problem.data(ProblemsModel::FileRole).toString(), QStringLiteral("manifests/event-consumer.yaml"));
        const int line = problem.data(ProblemsModel::LineRole).toInt();
        const int column = problem.data(ProblemsModel::ColumnRole).toInt();
        QVERIFY(line >= 39);
        QVERIFY(text->editor()->hasSquiggleAt(line, column));
        text->editor()->undo();
        QCOMPARE(w.problemsView()->model()->rowCount(), 0);
    }

    void externalChangeIsReloadedOrAskedAbout()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("ws"));
        QVERIFY(bindery::test::copyTree(bindery::test::exampleWorkspaceSource(), root));
        AppSettings settings(dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(settings);
        w.show();
        QVERIFY(w.openWorkspace(root));
        auto *text = qobject_cast<TextFileEditor *>(w.editors()->currentWidget());
        QVERIFY(text);
        const QString file = QDir(root).filePath(QStringLiteral("manifests/event-consumer.yaml"));
        QSignalSpy replaced(&w.workspace(), &bindery::workspace::Workspace::textReplaced);

        // Unedited: the editor follows the disk.
        QByteArray disk = bindery::test::readFile(file).replace("payload.appellation != \"\"", "true");
        bindery::test::writeFile(file, disk);
        QVERIFY(replaced.wait(5000));
        QCOMPARE(text->editor()->text().toUtf8(), disk);

        // Edited: a question, and nothing is lost until it is answered.
        text->editor()->setCursorPosition(0, 0);
        text->editor()->insertAtCursor(QStringLiteral("# mine\n"));
        QSignalSpy conflicts(&w.workspace(), &bindery::workspace::Workspace::externalConflict);
        bindery::test::writeFile(file, disk + "# theirs\n");
        QVERIFY(conflicts.wait(5000));
        QVERIFY(w.notifications()->isVisible());
        QVERIFY(w.notifications()->currentText().contains(QStringLiteral("changed on disk")));
        QVERIFY(text->editor()->text().startsWith(QStringLiteral("# mine")));
        QVERIFY(w.notifications()->trigger(QStringLiteral("Reload from disk")));
        QVERIFY(text->editor()->text().endsWith(QStringLiteral("# theirs\n")));
        QVERIFY(!w.isWindowModified());
        QVERIFY(!w.notifications()->isVisible());
    }

    void geometryAndStatePersistAcrossRuns()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("s.ini"));
        {
            AppSettings settings(ini);
            MainWindow w(settings);
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            w.resize(1000, 700);
            w.findChild<QDockWidget *>(QStringLiteral("explainDock"))->hide();
            w.close();
        }
        AppSettings settings(ini);
        QVERIFY(!settings.windowGeometry().isEmpty());
        QVERIFY(!settings.windowState().isEmpty());
        MainWindow w(settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.size(), QSize(1000, 700));
        QVERIFY(!w.findChild<QDockWidget *>(QStringLiteral("explainDock"))->isVisible());
    }

    void staleWindowStateIsIgnored()
    {
        QTemporaryDir dir;
        const QString ini = dir.filePath(QStringLiteral("s.ini"));
        {
            QSettings raw(ini, QSettings::IniFormat);
            raw.setValue(QStringLiteral("window/state"), QByteArray("old layout"));
            raw.setValue(QStringLiteral("window/stateVersion"), AppSettings::WindowStateVersion - 1);
        }
        AppSettings settings(ini);
        QVERIFY(settings.windowState().isEmpty());
    }

    void recentWorkspacesAreMostRecentFirstWithoutDuplicates()
    {
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(QStringLiteral("s.ini")));
        settings.addRecentWorkspace(QStringLiteral("/a"));
        settings.addRecentWorkspace(QStringLiteral("/b"));
        settings.addRecentWorkspace(QStringLiteral("/a"));
        QCOMPARE(settings.recentWorkspaces(), (QStringList{QStringLiteral("/a"), QStringLiteral("/b")}));
    }

    void openWorkspaceRejectsPlainFolders()
    {
        QTemporaryDir dir;
        AppSettings settings(dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(settings);
        QVERIFY(!w.openWorkspace(dir.path()));
        QVERIFY(w.workspacePath().isEmpty());
    }

    void aboutDialogNamesVersionAndArgo()
    {
        AboutDialog d;
        auto *text = d.findChild<QLabel *>(QStringLiteral("aboutText"));
        QVERIFY(text);
        QVERIFY(text->text().contains(QStringLiteral(BINDERY_VERSION_STRING)));
        QVERIFY(text->text().contains(QStringLiteral("v4.1.2")));
    }
};

BINDERY_TEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
