// SPDX-License-Identifier: Apache-2.0
#include "../workspace/workspace_fixture.h"
#include "bindery_test.h"
#include "ui/problems_model.h"
#include "ui/workspace_tree_model.h"
#include "workspace/workspace.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace bindery::ui;
using bindery::workspace::Workspace;

class TestWorkspaceTreeModel : public QObject
{
    Q_OBJECT
private slots:
    void followsSnapshots()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("ws"));
        QVERIFY(bindery::test::copyTree(bindery::test::exampleWorkspaceSource(), root));
        Workspace ws;
        QString error;
        QVERIFY(ws.open(root, &error));
        WorkspaceTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.resetData(ws.snapshot());
        QCOMPARE(model.rowCount(), int(WorkspaceTreeModel::GroupCount));
        const QModelIndex bindings = model.index(WorkspaceTreeModel::Bindings, 0);
        QCOMPARE(model.rowCount(bindings), 2);
        QCOMPARE(model.index(0, 0, bindings).data().toString(), QStringLiteral("event-consumer"));
        QCOMPARE(model.index(0, 0, bindings).data(WorkspaceTreeModel::LineRole).toInt(), 33);
        QCOMPARE(model.rowCount(model.index(WorkspaceTreeModel::Templates, 0)), 2);
        QCOMPARE(model.rowCount(model.index(WorkspaceTreeModel::Events, 0)), 6);

        // Typing that keeps the same items does not reset the tree (no collapse, selection kept).
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        const QString ping = QStringLiteral("events/ping.yaml");
        QVERIFY(ws.setText(ping, ws.text(ping) + "# edit\n"));
        model.resetData(ws.snapshot());
        QCOMPARE(resets.count(), 0);
        QCOMPARE(changes.count(), 1);
        const QModelIndex pingIndex = model.indexOf(WorkspaceTreeModel::Events, ping);
        QVERIFY(pingIndex.data().toString().endsWith(QStringLiteral("•")));

        // A new binding changes the shape: reset.
        ws.createManifest(QStringLiteral("b"), "kind: WorkflowEventBinding\nmetadata: {name: aaa}\n");
        model.resetData(ws.snapshot());
        QCOMPARE(resets.count(), 1);
        QCOMPARE(model.rowCount(model.index(WorkspaceTreeModel::Bindings, 0)), 3);

        model.setStatuses(WorkspaceTreeModel::Bindings, {{QStringLiteral("event-consumer"), WorkspaceTreeModel::Status::Matched}});
        QVERIFY(model.indexOf(WorkspaceTreeModel::Bindings, QStringLiteral("manifests/event-consumer.yaml"))
                    .data(Qt::ToolTipRole).toString().contains(QStringLiteral("Fires")));

        // A broken event file stays in the tree, with its problem.
        QVERIFY(ws.setText(ping, "name: [\n"));
        model.resetData(ws.snapshot());
        QVERIFY(model.indexOf(WorkspaceTreeModel::Events, ping).data(Qt::ToolTipRole).toString().contains(QStringLiteral("events/ping.yaml:")));
        model.resetData({});
        QCOMPARE(model.rowCount(model.index(WorkspaceTreeModel::Events, 0)), 0);
    }

    void problemsModel()
    {
        ProblemsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        bindery::workspace::Diagnostic d;
        d.file = QStringLiteral("events/a.yaml");
        d.line = 3;
        d.column = 7;
        d.message = QStringLiteral("bad");
        model.resetData({d});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, ProblemsModel::Location).data().toString(), QStringLiteral("events/a.yaml:3:7"));
        QCOMPARE(model.index(0, 0).data(ProblemsModel::ColumnRole).toInt(), 7);
        model.resetData({});
        QCOMPARE(model.rowCount(), 0);
    }
};

BINDERY_TEST_MAIN(TestWorkspaceTreeModel)
#include "test_workspace_tree_model.moc"
