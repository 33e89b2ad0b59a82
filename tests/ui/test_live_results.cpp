// SPDX-License-Identifier: Apache-2.0
#include "../workspace/workspace_fixture.h"
#include "bindery_test.h"
#include "ui/app_settings.h"
#include "ui/code_editor.h"
#include "ui/editor_area.h"
#include "ui/environment_model.h"
#include "ui/explain_model.h"
#include "ui/explain_view.h"
#include "ui/live_results.h"
#include "ui/main_window.h"
#include "ui/playground_view.h"
#include "ui/preview_view.h"
#include "ui/problems_model.h"
#include "ui/problems_view.h"
#include "ui/results_model.h"
#include "ui/results_view.h"
#include "ui/text_file_editor.h"
#include "workspace/evaluation.h"
#include "workspace/evaluation_runner.h"
#include "workspace/workspace.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTableView>
#include <QTreeWidget>

using namespace bindery::ui;
using bindery::workspace::Workspace;
using Status = ResultsModel::CellStatus;

class TestLiveResults : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_root;

    static int row(ResultsModel *m, const QString &event) { return m->rowOfEvent(QStringLiteral("events/") + event + QStringLiteral(".yaml")); }

private slots:
    void init()
    {
        QDir(m_dir.path()).removeRecursively();
        QDir().mkpath(m_dir.path());
        m_root = m_dir.filePath(QStringLiteral("ws"));
        QVERIFY(bindery::test::copyTree(bindery::test::exampleWorkspaceSource(), m_root));
    }

    void editASelectorAndTheMatrixFollows()
    {
        AppSettings settings(m_dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(settings);
        w.show();
        QSignalSpy evaluated(w.liveResults(), &LiveResults::evaluated);
        QVERIFY(w.openWorkspace(m_root));
        QVERIFY(evaluated.wait(10000));
        ResultsModel *m = w.liveResults()->resultsView()->model();
        QAbstractItemModelTester tester(m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m->rowCount(), 6);
        QCOMPARE(m->columnCount(), 2);
        const int consumer = m->columnOfBinding(QStringLiteral("event-consumer"));
        const int pathFilter = m->columnOfBinding(QStringLiteral("github-path-filter"));
        QCOMPARE(m->status(row(m, QStringLiteral("hello-world")), consumer), Status::Matched);
        QCOMPARE(m->index(row(m, QStringLiteral("hello-world")), consumer).data(ResultsModel::WorkflowNameRole).toString(),
                 QStringLiteral("event-consumer-?????"));
        QCOMPARE(m->status(row(m, QStringLiteral("empty-appellation")), consumer), Status::NotMatched);
        QCOMPARE(m->status(row(m, QStringLiteral("array-payload")), consumer), Status::Error);
        QCOMPARE(m->status(row(m, QStringLiteral("push-subpath-a")), pathFilter), Status::Matched);
        QCOMPARE(m->status(row(m, QStringLiteral("push-docs-only")), pathFilter), Status::NotMatched);
        // nil != "" is true: a ping without appellation fires event-consumer, as in Argo.
        QCOMPARE(m->status(row(m, QStringLiteral("ping")), consumer), Status::Matched);

        // The user tightens the selector in the editor; the matrix follows without a save.
        auto *text = qobject_cast<TextFileEditor *>(w.editors()->editorFor(QStringLiteral("manifests/event-consumer.yaml")));
        QVERIFY(text);
        QVERIFY(text->editor()->findFirst(QStringLiteral("payload.appellation != \"\""), false, true, false, false));
        text->editor()->replaceSelectedText(QStringLiteral("payload.appellation == \"world\""));
        QVERIFY(evaluated.wait(10000));
        QCOMPARE(m->status(row(m, QStringLiteral("ping")), consumer), Status::NotMatched);
        QCOMPARE(m->status(row(m, QStringLiteral("hello-world")), consumer), Status::Matched);

        // A syntax error in the selector: every listed event now fails for that binding.
        QVERIFY(text->editor()->findFirst(QStringLiteral("== \"world\""), false, true, false, true));
        text->editor()->replaceSelectedText(QStringLiteral("=== \"world\""));
        QVERIFY(evaluated.wait(10000));
        QCOMPARE(m->status(row(m, QStringLiteral("hello-world")), consumer), Status::Error);
        QVERIFY(m->index(row(m, QStringLiteral("hello-world")), consumer).data(ResultsModel::ErrorRole).toString().contains(QStringLiteral("(1:")));

        // ... and the selector is squiggled where expr says, mapped into the manifest file.
        const bindery::expr::CompileResult direct = bindery::expr::compile(
            "payload.appellation === \"world\"", bindery::workspace::eventEnvironment(*w.workspace().snapshot().file(QStringLiteral("events/hello-world.yaml"))->event));
        QVERIFY(!direct.ok());
        const QString selectorLine = text->editor()->text(38);
        const int selectorColumn = int(selectorLine.indexOf(QStringLiteral("payload"))) + 1;
        bindery::workspace::Diagnostic problem;
        for (const auto &p : w.problemsView()->model()->problems())
            if (p.rule == u"selector-compile" && p.file == u"manifests/event-consumer.yaml")
                problem = p;
        QCOMPARE(problem.file, QStringLiteral("manifests/event-consumer.yaml"));
        QCOMPARE(problem.line, 39);
        QCOMPARE(problem.column, selectorColumn + direct.error().column() - 1);
        QVERIFY(text->editor()->hasSquiggleAt(problem.line, problem.column));
        QVERIFY(text->editor()->diagnosticAt(problem.line, problem.column).startsWith(QStringLiteral("selector: ")));
    }

    void explanationAndPreviewOfACell()
    {
        AppSettings settings(m_dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(settings);
        QSignalSpy evaluated(w.liveResults(), &LiveResults::evaluated);
        QVERIFY(w.openWorkspace(m_root));
        QVERIFY(evaluated.wait(10000));
        LiveResults *live = w.liveResults();
        ResultsModel *m = live->resultsView()->model();
        ExplainModel *x = live->explainView()->model();
        QAbstractItemModelTester tester(x, QAbstractItemModelTester::FailureReportingMode::QtTest);

        // A non-matching event: the first false conjunct of the && chain is the one highlighted.
        live->resultsView()->selectCell(row(m, QStringLiteral("push-docs-only")), m->columnOfBinding(QStringLiteral("github-path-filter")));
        QVERIFY(x->rowCount() == 1);
        const QModelIndex root = x->index(0, ExplainModel::Value);
        QCOMPARE(root.data().toString(), QStringLiteral("false"));
        const QModelIndex firstFalse = x->firstFalseConjunct();
        QVERIFY(firstFalse.isValid());
        QVERIFY2(firstFalse.data().toString().startsWith(QStringLiteral("any(")), qPrintable(firstFalse.data().toString()));
        QCOMPARE(x->state(firstFalse), ExplainModel::NodeState::FirstFalse);

        // Short-circuiting: for the ping, x-github-event is "ping", so the rest is never evaluated.
        live->resultsView()->selectCell(row(m, QStringLiteral("ping")), m->columnOfBinding(QStringLiteral("github-path-filter")));
        bool sawSkipped = false;
        std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            for (int r = 0; r < x->rowCount(parent); ++r) {
                const QModelIndex i = x->index(r, 0, parent);
                sawSkipped = sawSkipped || x->state(i) == ExplainModel::NodeState::Skipped;
                walk(i);
            }
        };
        walk({});
        QVERIFY(sawSkipped);

        // A match: the preview shows the Workflow and the exact parameter string.
        live->resultsView()->selectCell(row(m, QStringLiteral("hello-world")), m->columnOfBinding(QStringLiteral("event-consumer")));
        PreviewView *preview = live->previewView();
        QVERIFY2(preview->yaml()->text().contains(QStringLiteral("generateName: \"event-consumer-\"")), qPrintable(preview->yaml()->text()));
        QCOMPARE(preview->parameters()->topLevelItemCount(), 1);
        QCOMPARE(preview->parameters()->topLevelItem(0)->text(1), QStringLiteral("world"));

        // An error: Warning events as Argo records them.
        live->resultsView()->selectCell(row(m, QStringLiteral("array-payload")), m->columnOfBinding(QStringLiteral("event-consumer")));
        QVERIFY(preview->warnings()->topLevelItemCount() >= 1);
        QVERIFY(preview->warnings()->topLevelItem(0)->text(2).startsWith(QStringLiteral("failed to dispatch event: ")));
        QCOMPARE(x->state(x->index(0, 0)), ExplainModel::NodeState::CompileError);
    }

    void latestRequestWins()
    {
        Workspace ws;
        QString error;
        QVERIFY(ws.open(m_root, &error));
        bindery::workspace::EvaluationRunner runner;
        runner.setDebounce(std::chrono::milliseconds(20));
        QSignalSpy finished(&runner, &bindery::workspace::EvaluationRunner::finished);
        const QString path = QStringLiteral("manifests/event-consumer.yaml");
        const QByteArray original = ws.text(path);
        for (int i = 0; i < 5; ++i) {
            ws.setText(path, QByteArray(original).replace("!= \"\"", QByteArray("== \"v" + QByteArray::number(i) + "\"")));
            runner.request(ws.snapshot());
        }
        QVERIFY(finished.wait(10000));
        runner.waitForIdle();
        QCoreApplication::processEvents();
        QCOMPARE(finished.count(), 1); // the four stale edits were never evaluated or shown
        QCOMPARE(runner.latest()->revision, ws.snapshot().revision());

        // A request while an evaluation runs: the running one is cancelled or dropped, the new one shown.
        runner.requestNow(ws.snapshot());
        ws.setText(path, original);
        runner.requestNow(ws.snapshot());
        QTRY_COMPARE_WITH_TIMEOUT(runner.latest()->revision, ws.snapshot().revision(), 10000);
        runner.waitForIdle();
        QCoreApplication::processEvents();
        QCOMPARE(runner.latest()->revision, ws.snapshot().revision());
    }

    void environmentTreeAndPlayground()
    {
        Workspace ws;
        QString error;
        QVERIFY(ws.open(m_root, &error));
        const auto entry = ws.snapshot().file(QStringLiteral("events/push-subpath-a.yaml"));
        QVERIFY(entry && entry->event);
        const bindery::expr::Value env = bindery::workspace::eventEnvironment(*entry->event, &error);
        EnvironmentModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.resetData(env);
        QCOMPARE(model.rowCount(), 4); // discriminator, metadata, namespace, payload
        const QModelIndex fullName = model.findPath(QStringLiteral("payload.repository.full_name"));
        QVERIFY(fullName.isValid());
        QCOMPARE(fullName.data(EnvironmentModel::GuardedPathRole).toString(), QStringLiteral("payload?.repository?.full_name"));
        QCOMPARE(fullName.data(EnvironmentModel::ConditionRole).toString(),
                 QStringLiteral("payload?.repository?.full_name == \"octo-org/hello-events\""));
        // Only x- headers, lower-cased, as lists.
        const QModelIndex event = model.findPath(QStringLiteral("metadata[\"x-github-event\"]"));
        QVERIFY(event.isValid());
        QCOMPARE(event.data(EnvironmentModel::ConditionRole).toString(), QStringLiteral("metadata[\"x-github-event\"] == [\"push\"]"));
        QVERIFY(!model.findPath(QStringLiteral("metadata[\"content-type\"]")).isValid());
        QCOMPARE(model.findPath(QStringLiteral("payload.commits[1].modified[0]")).data(EnvironmentModel::ConditionRole).toString(),
                 QStringLiteral("payload?.commits?.[1]?.modified?.[0] == \"subpath/A/main.go\""));

        const QStringList words = bindery::workspace::completionWords(env);
        QVERIFY(words.contains(QStringLiteral("payload.repository.full_name")));
        QVERIFY(words.contains(QStringLiteral("metadata[\"x-github-event\"]")));
        QVERIFY(words.contains(QStringLiteral("hasPrefix")));

        PlaygroundView playground;
        playground.setEnvironment(env, entry->event->name);
        playground.editor()->setText(QStringLiteral("payload.ref + \"!\""));
        playground.evaluateNow();
        QVERIFY2(playground.resultText().contains(QStringLiteral("refs/heads/main!")), qPrintable(playground.resultText()));
        playground.editor()->setText(QStringLiteral("payload.ref +"));
        playground.evaluateNow();
        QCOMPARE(playground.editor()->diagnostics().size(), 1); // a squiggle where the parser stopped
    }

    void lintFindingWithOneClickFix()
    {
        AppSettings settings(m_dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(settings);
        QSignalSpy evaluated(w.liveResults(), &LiveResults::evaluated);
        QVERIFY(w.openWorkspace(m_root));
        QVERIFY(evaluated.wait(10000));
        const QString path = QStringLiteral("manifests/github-path-filter.yaml");
        QVERIFY(w.workspace().setText(path, w.workspace().text(path).replace("metadata[\"x-github-event\"]", "metadata[\"X-GitHub-Event\"]")));
        QVERIFY(evaluated.wait(10000));
        ProblemsModel *problems = w.problemsView()->model();
        int row = -1;
        for (int r = 0; r < problems->rowCount(); ++r)
            if (problems->problems()[r].rule == u"header-case")
                row = r;
        QVERIFY(row >= 0);
        const bindery::workspace::Diagnostic d = problems->problems()[row];
        QCOMPARE(d.file, path);
        QVERIFY2(d.fix, qPrintable(d.toString() + QStringLiteral(" | ") + QString::fromUtf8(w.workspace().text(path).split('\n')[d.line - 1])));
        // The fix touches only the header name (lint points at the start of a block selector).
        QCOMPARE(d.fix->replacement, d.fix->original.toLower());
        QVERIFY(d.fix->original.startsWith("X-GitHub"));
        QCOMPARE(w.workspace().text(path).mid(d.fix->offset, d.fix->length), d.fix->original);
        QVERIFY(w.problemsView()->fix(row));
        QVERIFY(w.workspace().text(path).contains("metadata[\"x-github-event\"] == [\"push\"]"));
        // It is an edit in the file's editor: one undo takes it back, one redo applies it again.
        auto *editor = qobject_cast<TextFileEditor *>(w.editors()->editorFor(path));
        QVERIFY(editor);
        editor->editor()->undo();
        QVERIFY(w.workspace().text(path).contains("metadata[\"X-GitHub-Event\"]"));
        editor->editor()->redo();
        QVERIFY(w.workspace().text(path).contains("metadata[\"x-github-event\"] == [\"push\"]"));
        QVERIFY(evaluated.wait(10000));
        for (const auto &p : problems->problems())
            QVERIFY(p.rule != u"header-case");
    }

    void newBindingFromAnEvent()
    {
        AppSettings settings(m_dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(settings);
        QSignalSpy evaluated(w.liveResults(), &LiveResults::evaluated);
        QVERIFY(w.openWorkspace(m_root));
        QVERIFY(evaluated.wait(10000));
        QVERIFY(w.newBindingFromEvent(QStringLiteral("events/nope.yaml"), QStringLiteral("event-consumer")).isEmpty());
        const QString path = w.newBindingFromEvent(QStringLiteral("events/push-subpath-a.yaml"), QStringLiteral("github-path-filter"));
        QCOMPARE(path, QStringLiteral("manifests/push-touching-subpath-a-binding.yaml"));
        const QByteArray text = w.workspace().text(path);
        QVERIFY2(text.contains("discriminator == \"github-path-filter\" && metadata[\"x-github-event\"] == [\"push\"]"), text.constData());
        QVERIFY(text.contains("name: github-path-filter"));
        QVERIFY(text.contains("- name: files"));
        QCOMPARE(w.editors()->currentPath(), path);
        // It is a real binding: the matrix gets a column for it, and it fires for its event.
        QVERIFY(evaluated.wait(10000));
        ResultsModel *m = w.liveResults()->resultsView()->model();
        const int column = m->columnOfBinding(QStringLiteral("push-touching-subpath-a"));
        QVERIFY(column >= 0);
        QVERIFY2(m->status(row(m, QStringLiteral("push-subpath-a")), column) == Status::Matched,
                 qPrintable(m->index(row(m, QStringLiteral("push-subpath-a")), column).data(ResultsModel::ErrorRole).toString()));
        QCOMPARE(m->status(row(m, QStringLiteral("ping")), column), Status::NotMatched);
    }

    void insertPathFromTheEventEditorIntoTheSelector()
    {
        AppSettings settings(m_dir.filePath(QStringLiteral("s.ini")));
        MainWindow w(settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openWorkspace(m_root));
        auto *text = qobject_cast<TextFileEditor *>(w.editors()->currentWidget());
        QVERIFY(text);
        text->editor()->setFocus();
        QTRY_VERIFY(text->editor()->hasFocus());
        // At the end of `selector: payload.appellation != ""`.
        text->editor()->setCursorPosition(38, int(text->editor()->text(38).trimmed().size()) + 4);
        w.editors()->openFile(QStringLiteral("events/hello-world.yaml"));
        emit w.editors()->insertRequested(QStringLiteral(" && payload?.appellation == \"world\""));
        QVERIFY(text->editor()->text(38).contains(QStringLiteral("!= \"\" && payload?.appellation == \"world\"")));
    }
};

BINDERY_TEST_MAIN(TestLiveResults)
#include "test_live_results.moc"
