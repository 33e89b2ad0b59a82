// SPDX-License-Identifier: Apache-2.0
#include "../workspace/workspace_fixture.h"
#include "bindery_test.h"
#include "ui/code_editor.h"
#include "ui/event_editor.h"
#include "ui/expr_lexer.h"
#include "ui/find_bar.h"
#include "ui/headers_model.h"
#include "ui/text_file_editor.h"
#include "workspace/workspace.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QSignalSpy>

using namespace bindery::ui;
using bindery::workspace::Workspace;

class TestEditors : public QObject
{
    Q_OBJECT
private slots:
    void squiggleAtTheRightColumn_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("length");
        QTest::newRow("start") << QStringLiteral("payload.a == 1") << 1 << 1 << 7;
        QTest::newRow("middle") << QStringLiteral("payload.a === 1") << 1 << 13 << 1;
        QTest::newRow("second line") << QStringLiteral("a &&\n  payload[\"x\"] ~ 2") << 2 << 16 << 1;
        QTest::newRow("after non-ASCII") << QStringLiteral("\"héllo→\" + x + y") << 1 << 14 << 1;
        QTest::newRow("word") << QStringLiteral("foo(bar)") << 1 << 5 << 0;
    }
    void squiggleAtTheRightColumn()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(int, length);
        CodeEditor editor;
        editor.setLanguage(CodeEditor::Language::Expr);
        editor.setText(text);
        editor.setDiagnostics({{line, column, length, QStringLiteral("boom"), EditorDiagnostic::Severity::Error}});
        QVERIFY(editor.hasSquiggleAt(line, column));
        const int span = length > 0 ? length : 3; // "bar"
        QVERIFY(editor.hasSquiggleAt(line, column + span - 1));
        QVERIFY(!editor.hasSquiggleAt(line, column + span));
        if (column > 1)
            QVERIFY(!editor.hasSquiggleAt(line, column - 1));
        QCOMPARE(editor.diagnosticAt(line, column), QStringLiteral("boom"));
        QVERIFY(editor.diagnosticAt(line, column + span).isEmpty());
        editor.setDiagnostics({});
        QVERIFY(!editor.hasSquiggleAt(line, column));
    }

    void exprLexerStyles()
    {
        ExprLexer lexer;
        lexer.setBuiltins({QStringLiteral("len"), QStringLiteral("any")});
        const QString text = QStringLiteral("len(payload.len) > 1 && \"s\" in x // c");
        const QList<int> styles = lexer.stylesOf(text);
        QCOMPARE(styles.size(), text.size());
        QCOMPARE(styles[0], int(ExprLexer::Builtin)); // len(
        QCOMPARE(styles[text.indexOf(QStringLiteral(".len")) + 1], int(ExprLexer::Default)); // a member, not a call
        QCOMPARE(styles[text.indexOf(u'1')], int(ExprLexer::Number));
        QCOMPARE(styles[text.indexOf(u'"') + 1], int(ExprLexer::String));
        QCOMPARE(styles[text.indexOf(QStringLiteral(" in ")) + 1], int(ExprLexer::Keyword));
        QCOMPARE(styles[text.indexOf(QStringLiteral("&&"))], int(ExprLexer::Operator));
        QCOMPARE(styles.last(), int(ExprLexer::Comment));
        const QList<int> placeholder = lexer.stylesOf(QStringLiteral("map(xs, #index)"));
        QCOMPARE(placeholder[9], int(ExprLexer::Placeholder));
    }

    void completionOffersPathsAndHeaderKeys()
    {
        CodeEditor editor;
        editor.setCompletionWords({QStringLiteral("payload.repository.full_name"), QStringLiteral("payload.ref"),
                                   QStringLiteral("metadata[\"x-github-event\"]"), QStringLiteral("len")});
        QCOMPARE(editor.completionsFor(QStringLiteral("payload.re")),
                 (QStringList{QStringLiteral("payload.ref"), QStringLiteral("payload.repository.full_name")}));
        QCOMPARE(editor.completionsFor(QStringLiteral("metadata[")), QStringList{QStringLiteral("metadata[\"x-github-event\"]")});
        editor.setText(QStringLiteral("x == payload.rep"));
        editor.setCursorPosition(0, 16);
        QSignalSpy edited(&editor, &CodeEditor::userEdited);
        editor.showCompletions();
        QVERIFY(editor.isListActive());
        QKeyEvent enter(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier);
        QApplication::sendEvent(&editor, &enter);
        QCOMPARE(editor.text(), QStringLiteral("x == payload.repository.full_name"));
        QVERIFY(edited.count() > 0);
    }

    void replaceTextIsOneUndoStep()
    {
        CodeEditor editor;
        editor.setText(QStringLiteral("a"));
        QSignalSpy edited(&editor, &CodeEditor::userEdited);
        editor.replaceText(QStringLiteral("b"));
        QCOMPARE(edited.count(), 0); // not the user's edit
        editor.undo();
        QCOMPARE(editor.text(), QStringLiteral("a"));
        editor.redo();
        QCOMPARE(editor.text(), QStringLiteral("b"));
    }

    void findAndReplace()
    {
        CodeEditor editor;
        editor.setText(QStringLiteral("foo bar foo\nFOO"));
        FindBar bar;
        bar.setEditor(&editor);
        bar.findField()->setText(QStringLiteral("foo"));
        QVERIFY(bar.findNext());
        QCOMPARE(editor.selectedText(), QStringLiteral("foo"));
        bar.replaceField()->setText(QStringLiteral("baz"));
        QCOMPARE(bar.replaceAll(), 3);
        QCOMPARE(editor.text(), QStringLiteral("baz bar baz\nbaz"));
        editor.undo(); // one step for the whole replacement
        QCOMPARE(editor.text(), QStringLiteral("foo bar foo\nFOO"));
        bar.findField()->setText(QStringLiteral("absent"));
        QVERIFY(!bar.findNext());
    }

    void themeFollowsThePalette()
    {
        CodeEditor editor;
        editor.setLanguage(CodeEditor::Language::Yaml);
        QPalette dark = editor.palette();
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xdd, 0xdd, 0xdd));
        editor.setPalette(dark);
        QVERIFY(editor.isDark());
        QCOMPARE(editor.lexer()->defaultPaper(), QColor(0x1e, 0x1e, 0x1e));
        QPalette light = dark;
        light.setColor(QPalette::Base, Qt::white);
        editor.setPalette(light);
        QVERIFY(!editor.isDark());
        QCOMPARE(editor.lexer()->defaultPaper(), QColor(Qt::white));
    }

    void headersModel()
    {
        HeadersModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.resetData({{QStringLiteral("X-GitHub-Event"), QStringLiteral("push")}, {QStringLiteral("Content-Type"), QStringLiteral("a/b")}});
        QCOMPARE(model.index(0, HeadersModel::ReachesSelector).data().toString(), QStringLiteral("metadata[\"x-github-event\"]"));
        QVERIFY(!model.index(1, HeadersModel::ReachesSelector).data().toString().contains(QStringLiteral("metadata")));
        QSignalSpy edited(&model, &HeadersModel::headersEdited);
        QVERIFY(model.setData(model.index(1, HeadersModel::Name), QStringLiteral("X-Other")));
        QVERIFY(!model.setData(model.index(1, HeadersModel::Name), QStringLiteral(" "))); // a name is required
        model.appendHeader({QStringLiteral("X-A"), QStringLiteral("1")});
        model.removeHeader(0);
        QCOMPARE(edited.count(), 3);
        QCOMPARE(model.headers().first().name, QStringLiteral("X-Other"));
    }

    void eventEditorWritesTheWorkspace()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("ws"));
        QVERIFY(bindery::test::copyTree(bindery::test::exampleWorkspaceSource(), root));
        Workspace ws;
        QString error;
        QVERIFY(ws.open(root, &error));
        const QString path = QStringLiteral("events/ping.yaml");
        EventEditor editor(ws, path);
        QCOMPARE(editor.discriminatorField()->text(), QStringLiteral("github-path-filter"));
        QCOMPARE(editor.headersModel()->rowCount(), 2);
        QTest::keyClicks(editor.discriminatorField(), QStringLiteral("-x"));
        QVERIFY(ws.isModified(path));
        QCOMPARE(ws.snapshot().file(path)->event->discriminator, QStringLiteral("github-path-filter-x"));
        editor.bodyEditor()->selectAll();
        editor.bodyEditor()->replaceSelectedText(QStringLiteral("{\"zen\": 1}"));
        QCOMPARE(ws.snapshot().file(path)->event->body, QStringLiteral("{\"zen\": 1}"));
        // A change made elsewhere (revert) refills the form.
        ws.revert(path);
        QCOMPARE(editor.discriminatorField()->text(), QStringLiteral("github-path-filter"));
        QVERIFY(editor.bodyEditor()->text().contains(QStringLiteral("Keep it logically awesome")));
        QVERIFY(!ws.isModified(path));
    }

    void textEditorShowsFileProblems()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(Workspace::create(dir.path(), QStringLiteral("t"), &error));
        Workspace ws;
        QVERIFY(ws.open(dir.path(), &error));
        const QString path = ws.createManifest(QStringLiteral("m"), "kind: WorkflowTemplate\nmetadata:\n  name: ok\n");
        TextFileEditor editor(ws, path);
        QVERIFY(editor.editor()->diagnostics().isEmpty());
        // The user types a syntax error; the squiggle lands where yaml-cpp says.
        editor.editor()->setText(QStringLiteral("kind: WorkflowTemplate\nmetadata:\n  name: [ok\n"));
        QCOMPARE(ws.text(path), QByteArray("kind: WorkflowTemplate\nmetadata:\n  name: [ok\n"));
        QCOMPARE(editor.editor()->diagnostics().size(), 0); // the editor is refreshed by EditorArea from snapshots
        editor.showProblems(ws.snapshot());
        QCOMPARE(editor.editor()->diagnostics().size(), 1);
        const EditorDiagnostic d = editor.editor()->diagnostics().first();
        QVERIFY(editor.editor()->hasSquiggleAt(d.line, d.column));
    }
};

BINDERY_TEST_MAIN(TestEditors)
#include "test_editors.moc"
