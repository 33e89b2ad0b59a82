// SPDX-License-Identifier: Apache-2.0
// Events selected in the workspace tree are sent to the target or queued for replay (right click
// or Tools ▸ Send Selected Events), against a real hosted endpoint on an ephemeral port.
#include "bindery_test.h"
#include "push_workspace.h"
#include "ui/consoles/consoles_controller.h"
#include "ui/consoles/endpoint_console.h"
#include "ui/consoles/history_store.h"
#include "ui/consoles/replay_console.h"
#include "ui/workspace_tree_model.h"
#include "ui/workspace_view.h"
#include "workspace/workspace.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QMainWindow>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeView>

using namespace bindery;
using namespace bindery::ui;
using bindery::test::kPushManifests;
using bindery::test::writeFile;

namespace {

QByteArray eventFile(const QByteArray &name, const QByteArray &action)
{
    return "name: " + name
        + "\nnamespace: argo\ndiscriminator: demo\nheaders:\n  - {name: Content-Type, value: "
          "application/json}\n"
          "body: |\n  {\"action\": \""
        + action + "\"}\n";
}

} // namespace

class TestTreeActions : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    workspace::Workspace m_workspace;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<QMainWindow> m_window;
    WorkspaceView *m_view = nullptr;
    std::unique_ptr<ConsolesController> m_consoles;

    QAction *action(const char *name) const
    {
        return m_view->tree()->findChild<QAction *>(QString::fromLatin1(name));
    }

    // Selects the events at these rows of the tree's Events group (empty: clears the selection).
    void selectEvents(const QList<int> &rows)
    {
        QTreeView *tree = m_view->tree();
        const QModelIndex group = tree->model()->index(WorkspaceTreeModel::Events, 0);
        tree->selectionModel()->clearSelection();
        for (int row : rows)
            tree->selectionModel()->select(
                tree->model()->index(row, 0, group), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }

private slots:
    void initTestCase()
    {
        const QString root = m_dir.filePath(QStringLiteral("ws"));
        QString error;
        QVERIFY2(
            workspace::Workspace::create(root, QStringLiteral("tree-actions"), &error), qPrintable(error));
        QVERIFY(writeFile(root + QStringLiteral("/manifests/push.yaml"), kPushManifests));
        QVERIFY(writeFile(root + QStringLiteral("/events/a-push.yaml"), eventFile("a-push", "push")));
        QVERIFY(writeFile(root + QStringLiteral("/events/b-pull.yaml"), eventFile("b-pull", "pull")));
        QVERIFY(writeFile(root + QStringLiteral("/events/c-push.yaml"), eventFile("c-push", "push")));
        QVERIFY2(m_workspace.open(root, &error), qPrintable(error));
        m_settings = std::make_unique<QSettings>(
            m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        m_window = std::make_unique<QMainWindow>();
        m_view = new WorkspaceView(m_window.get());
        m_window->setCentralWidget(m_view);
        m_view->resetData(m_workspace.snapshot());
        m_consoles = std::make_unique<ConsolesController>(&m_workspace, m_settings.get());
        m_consoles->installInto(m_window.get());
        m_window->show();
        EndpointSettings s;
        s.port = 0;
        m_consoles->endpointConsole()->setSettings(s);
        QVERIFY(m_consoles->endpointConsole()->startHosting());
        QVERIFY(action("actionSendToTarget"));
        QVERIFY(action("actionAddToReplay"));
    }

    void cleanupTestCase()
    {
        m_consoles.reset(); // before the window that holds its docks
        m_window.reset();
    }

    void actionsFollowTheSelection_data()
    {
        QTest::addColumn<QList<int>>("rows");
        QTest::addColumn<QStringList>("paths");
        QTest::newRow("nothing") << QList<int> {} << QStringList {};
        QTest::newRow("one") << QList<int> { 1 } << QStringList { QStringLiteral("events/b-pull.yaml") };
        QTest::newRow("two, tree order") << QList<int> { 2,
            0 } << QStringList { QStringLiteral("events/a-push.yaml"), QStringLiteral("events/c-push.yaml") };
    }

    void actionsFollowTheSelection()
    {
        QFETCH(QList<int>, rows);
        QFETCH(QStringList, paths);
        selectEvents(rows);
        QCOMPARE(m_view->selectedEventPaths(), paths);
        QCOMPARE(action("actionSendToTarget")->isEnabled(), !paths.isEmpty());
        QCOMPARE(action("actionAddToReplay")->isEnabled(), !paths.isEmpty());
    }

    // Selecting a template or binding row does not count as an event.
    void nonEventRowsAreIgnored()
    {
        QTreeView *tree = m_view->tree();
        tree->selectionModel()->clearSelection();
        const QModelIndex bindings = tree->model()->index(WorkspaceTreeModel::Bindings, 0);
        tree->selectionModel()->select(
            tree->model()->index(0, 0, bindings), QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QVERIFY(m_view->selectedEventPaths().isEmpty());
        QVERIFY(!action("actionSendToTarget")->isEnabled());
    }

    void sendToTargetPostsTheTreeSelection()
    {
        ReplayConsole *replay = m_consoles->replayConsole();
        QSignalSpy sent(replay, &ReplayConsole::eventSent);
        selectEvents({ 0, 1 });
        action("actionSendToTarget")->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(sent.count(), 2, 15'000);
        QList<QByteArray> bodies;
        for (const QList<QVariant> &args : std::as_const(sent)) {
            const auto entry = args.first().value<HistoryEntry>();
            QCOMPARE(entry.status, 200);
            bodies << entry.record.body;
        }
        std::sort(bodies.begin(), bodies.end()); // two in flight: either may answer first
        QCOMPARE(bodies, (QList<QByteArray> { "{\"action\": \"pull\"}\n", "{\"action\": \"push\"}\n" }));
        // The matched binding shows for the push only.
        QCOMPARE(replay->results()->rows().size(), 2);
    }

    void addToReplayQueuesTheTreeSelection()
    {
        ReplayConsole *replay = m_consoles->replayConsole();
        const qsizetype before = replay->replayEvents()->rows().size();
        selectEvents({ 0, 2 });
        action("actionAddToReplay")->trigger();
        QCOMPARE(replay->replayEvents()->rows().size(), before + 2);
        QCOMPARE(replay->replayEvents()->rows().last().body, QByteArray("{\"action\": \"push\"}\n"));
    }
};

BINDERY_TEST_MAIN(TestTreeActions)
#include "test_tree_actions.moc"
