// SPDX-License-Identifier: Apache-2.0
#include "../workspace/workspace_fixture.h"
#include "bindery_test.h"
#include "argo/lint.h"
#include "ui/binding_form.h"
#include "ui/code_editor.h"
#include "ui/editor_area.h"
#include "ui/expression_field.h"
#include "ui/text_file_editor.h"
#include "workspace/lint_fix.h"
#include "workspace/workspace.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>

using namespace bindery::ui;
using bindery::workspace::Workspace;
using State = BindingForm::ParameterState;
namespace argo = bindery::argo;

namespace {

// Templates beside the example's: one namespaced with a required and a defaulted parameter, one
// cluster-scoped.
const char *const kTemplates = "apiVersion: argoproj.io/v1alpha1\n"
                               "kind: WorkflowTemplate\n"
                               "metadata:\n"
                               "  name: deploy\n"
                               "spec:\n"
                               "  arguments:\n"
                               "    parameters:\n"
                               "      - name: env\n"
                               "      - name: region\n"
                               "        value: eu\n"
                               "---\n"
                               "apiVersion: argoproj.io/v1alpha1\n"
                               "kind: ClusterWorkflowTemplate\n"
                               "metadata:\n"
                               "  name: cluster-deploy\n"
                               "spec:\n"
                               "  arguments:\n"
                               "    parameters:\n"
                               "      - name: target\n";

const QString kConsumer = QStringLiteral("manifests/event-consumer.yaml");

} // namespace

class TestBindingForm : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_root;
    Workspace *m_workspace = nullptr;
    TextFileEditor *m_editor = nullptr;

    BindingForm *openForm(const QString &path = kConsumer)
    {
        m_editor = new TextFileEditor(*m_workspace, path);
        m_editor->resize(1000, 800);
        m_editor->show();
        m_editor->setView(TextFileEditor::View::Both);
        BindingForm *form = m_editor->bindingForm();
        if (form)
            form->refresh();
        return form;
    }

    QByteArray yaml() const { return m_editor->editor()->bytes(); }

    // Replaces the one occurrence of `from` in the YAML editor, as typing over a selection would.
    bool typeOver(const QByteArray &from, const QByteArray &to)
    {
        const QByteArray text = yaml();
        const qsizetype at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0)
            return false;
        m_editor->editor()->applyEdit({int(at), int(from.size()), to});
        return true;
    }

private slots:
    void init()
    {
        QDir(m_dir.path()).removeRecursively();
        QDir().mkpath(m_dir.path());
        m_root = m_dir.filePath(QStringLiteral("ws"));
        QVERIFY(bindery::test::copyTree(bindery::test::exampleWorkspaceSource(), m_root));
        bindery::test::writeFile(QDir(m_root).filePath(QStringLiteral("manifests/deploy.yaml")), kTemplates);
        m_workspace = new Workspace;
        QString error;
        QVERIFY2(m_workspace->open(m_root, &error), qPrintable(error));
    }

    void cleanup()
    {
        delete m_editor;
        m_editor = nullptr;
        delete m_workspace;
        m_workspace = nullptr;
    }

    void onlyBindingsGetAForm()
    {
        QVERIFY(openForm());
        QVERIFY(m_editor->findChild<QWidget *>(QStringLiteral("viewSwitch"))->isVisible());
        delete m_editor;
        m_editor = nullptr;
        QVERIFY(!openForm(QStringLiteral("manifests/deploy.yaml")));
        QVERIFY(!m_editor->findChild<QWidget *>(QStringLiteral("viewSwitch"))->isVisible());
    }

    void bindingsOpenInTheViewPickedLast()
    {
        EditorArea area(*m_workspace);
        QSignalSpy chosen(&area, &EditorArea::bindingViewChosen);
        auto *first = qobject_cast<TextFileEditor *>(area.openFile(kConsumer));
        QVERIFY(first);
        QCOMPARE(first->view(), TextFileEditor::View::Yaml);
        first->findChild<QAbstractButton *>(QStringLiteral("viewForm"))->click();
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(area.bindingView(), TextFileEditor::View::Form);
        QVERIFY(!first->editor()->isVisibleTo(first));
        QVERIFY(first->bindingForm()->isVisibleTo(first));
        auto *second = qobject_cast<TextFileEditor *>(area.openFile(QStringLiteral("manifests/github-path-filter.yaml")));
        QCOMPARE(second->view(), TextFileEditor::View::Form);
        // Files without a binding have no form and stay text.
        auto *templates = qobject_cast<TextFileEditor *>(area.openFile(QStringLiteral("manifests/deploy.yaml")));
        QVERIFY(!templates->bindingForm());
        QVERIFY(templates->editor()->isVisibleTo(templates));
    }

    void formEditIsOneUndoableYamlEdit_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("after");
        QTest::addColumn<bool>("undoInForm");

        QTest::newRow("name") << "bindingName" << "consumer-2" << QByteArray("metadata:\n  name: event-consumer\nspec:\n  event")
                              << QByteArray("metadata:\n  name: consumer-2\nspec:\n  event") << false;
        QTest::newRow("namespace (new key), undo in the form")
            << "bindingNamespace" << "team-a" << QByteArray("  name: event-consumer\nspec:\n  event")
            << QByteArray("  name: event-consumer\n  namespace: team-a\nspec:\n  event") << true;
        QTest::newRow("selector") << "selector" << "payload.appellation == \"you\""
                                  << QByteArray("    selector: payload.appellation != \"\"\n")
                                  << QByteArray("    selector: payload.appellation == \"you\"\n") << false;
        QTest::newRow("selector, undo in the form") << "selector" << "discriminator == \"x\""
                                                    << QByteArray("    selector: payload.appellation != \"\"\n")
                                                    << QByteArray("    selector: discriminator == \"x\"\n") << true;
        QTest::newRow("generateName (new mapping)")
            << "workflowGenerateName" << "\"consumer-\""
            << QByteArray("            event: payload.appellation\n")
            << QByteArray("            event: payload.appellation\n    metadata:\n      generateName: '\"consumer-\"'\n") << false;
        QTest::newRow("parameter value") << "parameter:appellation" << "upper(payload.appellation)"
                                         << QByteArray("            event: payload.appellation\n")
                                         << QByteArray("            event: upper(payload.appellation)\n") << true;
    }

    void formEditIsOneUndoableYamlEdit()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, after);
        QFETCH(bool, undoInForm);
        BindingForm *form = openForm();
        QVERIFY(form);
        QVERIFY(!form->isReadOnly());
        const QByteArray original = yaml();
        QVERIFY2(original.contains(before), original.constData());

        QWidget *target = nullptr;
        if (field.startsWith(QStringLiteral("parameter:"))) {
            target = form->parameterField(field.section(u':', 1));
        } else {
            target = form->findChild<QWidget *>(field);
        }
        QVERIFY(target);
        if (auto *line = qobject_cast<QLineEdit *>(target)) {
            line->selectAll();
            QTest::keyClicks(line, value);
        } else {
            auto *expr = qobject_cast<ExpressionField *>(target);
            QVERIFY(expr);
            expr->selectAll();
            expr->replaceSelectedText(value); // what typing or a completion does
        }
        // Written after a pause (or on focus out), not on every keystroke.
        QCOMPARE(yaml(), original);
        QSignalSpy written(m_editor->editor(), &QsciScintilla::textChanged);
        QVERIFY(written.wait(5000));
        QByteArray expected = original;
        expected.replace(before, after);
        QCOMPARE(yaml(), expected); // only that span changed: comments and layout stay
        QCOMPARE(m_workspace->text(kConsumer), expected);

        if (undoInForm)
            QTest::keyClick(target, Qt::Key_Z, Qt::ControlModifier);
        else
            m_editor->editor()->undo();
        QCOMPARE(yaml(), original);
        QCOMPARE(m_workspace->text(kConsumer), original);
        form->refresh();
        if (auto *line = qobject_cast<QLineEdit *>(target))
            QVERIFY(line->text() != value);
        else
            QVERIFY(qobject_cast<ExpressionField *>(target)->value() != value);
    }

    void yamlEditRefreshesTheForm()
    {
        BindingForm *form = openForm();
        auto *name = form->findChild<QLineEdit *>(QStringLiteral("bindingName"));
        auto *selector = form->findChild<ExpressionField *>(QStringLiteral("selector"));
        QCOMPARE(name->text(), QStringLiteral("event-consumer"));
        QCOMPARE(selector->value(), QStringLiteral("payload.appellation != \"\""));
        QSignalSpy refreshed(form, &BindingForm::refreshed);
        QVERIFY(typeOver("name: event-consumer\nspec:\n  event", "name: renamed\nspec:\n  event"));
        QVERIFY(typeOver("!= \"\"", "== \"x\""));
        QCOMPARE(name->text(), QStringLiteral("event-consumer")); // not while the user types
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(name->text(), QStringLiteral("renamed"));
        QCOMPARE(selector->value(), QStringLiteral("payload.appellation == \"x\""));
        QCOMPARE(form->parameterNames(), QStringList({QStringLiteral("salutation"), QStringLiteral("appellation")}));

        // A parameter added in the YAML gets its row.
        QVERIFY(typeOver("            event: payload.appellation\n", "            event: payload.appellation\n        - name: salutation\n"
                                                                       "          valueFrom:\n            event: '\"hi\"'\n"));
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(form->parameterState(QStringLiteral("salutation")), State::Supplied);
        QCOMPARE(form->parameterField(QStringLiteral("salutation"))->value(), QStringLiteral("\"hi\""));
    }

    void brokenYamlMakesTheFormReadOnly()
    {
        BindingForm *form = openForm();
        CodeEditor *doc = m_editor->editor();
        QSignalSpy refreshed(form, &BindingForm::refreshed);
        QVERIFY(typeOver("  event:\n", "  event: [\n"));
        QVERIFY(refreshed.wait(5000));
        QVERIFY(form->isReadOnly());
        QVERIFY2(form->problem().contains(QStringLiteral("does not parse")), qPrintable(form->problem()));
        QVERIFY(!form->findChild<QLineEdit *>(QStringLiteral("bindingName"))->isEnabled());
        doc->undo();
        QVERIFY(refreshed.wait(5000));
        QVERIFY(!form->isReadOnly());
        QVERIFY(form->findChild<QLineEdit *>(QStringLiteral("bindingName"))->isEnabled());
    }

    void choosingATemplatePrefillsAndFlagsParameters()
    {
        BindingForm *form = openForm();
        // The example's binding supplies appellation, which event-consumer does not declare.
        QCOMPARE(form->parameterNames(), QStringList({QStringLiteral("salutation"), QStringLiteral("appellation")}));
        QCOMPARE(form->parameterState(QStringLiteral("salutation")), State::Optional);
        QCOMPARE(form->parameterState(QStringLiteral("appellation")), State::Unknown);

        auto *combo = form->findChild<QComboBox *>(QStringLiteral("template"));
        QVERIFY(combo);
        int cluster = -1;
        for (int i = 0; i < combo->count(); ++i)
            if (combo->itemData(i).toList().value(0).toString() == u"cluster-deploy")
                cluster = i;
        QVERIFY(cluster >= 0);
        const QByteArray original = yaml();
        combo->setCurrentIndex(cluster);
        emit combo->activated(cluster); // what picking it with the mouse does
        QVERIFY2(yaml().contains("      name: cluster-deploy\n      clusterScope: true\n"), yaml().constData());
        QCOMPARE(form->parameterNames(), QStringList({QStringLiteral("target"), QStringLiteral("appellation")}));
        QCOMPARE(form->parameterState(QStringLiteral("target")), State::Missing);
        QVERIFY(form->parameterToolTip(QStringLiteral("target")).contains(QStringLiteral("Missing")));
        QVERIFY(form->parameterToolTip(QStringLiteral("appellation")).contains(QStringLiteral("does not declare")));

        QVERIFY(form->chooseTemplate(QStringLiteral("deploy"), false));
        QVERIFY(yaml().contains("      name: deploy\n    arguments"));
        QVERIFY(!yaml().contains("clusterScope"));
        QCOMPARE(form->parameterNames(),
                 QStringList({QStringLiteral("env"), QStringLiteral("region"), QStringLiteral("appellation")}));
        QCOMPARE(form->parameterState(QStringLiteral("env")), State::Missing);
        QCOMPARE(form->parameterState(QStringLiteral("region")), State::Optional);

        // Typing into a missing row supplies it.
        ExpressionField *env = form->parameterField(QStringLiteral("env"));
        env->selectAll();
        env->replaceSelectedText(QStringLiteral("payload.env"));
        form->commitPending();
        QVERIFY2(yaml().contains("        - name: env\n          valueFrom:\n            event: payload.env\n"), yaml().constData());
        QCOMPARE(form->parameterState(QStringLiteral("env")), State::Supplied);
        // Removing the unknown one.
        form->removeParameter(QStringLiteral("appellation"));
        QVERIFY(!yaml().contains("- name: appellation\n          valueFrom"));
        QCOMPARE(form->parameterNames(), QStringList({QStringLiteral("env"), QStringLiteral("region")}));

        // Each step was one undo step.
        for (int i = 0; i < 4; ++i)
            m_editor->editor()->undo();
        QCOMPARE(yaml(), original);
    }

    void labelsAndAnnotations()
    {
        BindingForm *form = openForm();
        auto *key = form->findChild<QLineEdit *>(QStringLiteral("labelsNewKey"));
        QVERIFY(key);
        key->setText(QStringLiteral("app"));
        QTest::keyClick(key, Qt::Key_Return);
        QVERIFY2(yaml().contains("    metadata:\n      labels:\n        app: '\"\"'\n"), yaml().constData());
        auto *value = form->findChild<QWidget *>(QStringLiteral("labels"))->findChild<ExpressionField *>(QStringLiteral("mapValue"));
        QVERIFY(value);
        value->selectAll();
        value->replaceSelectedText(QStringLiteral("payload.appellation"));
        form->commitPending();
        QVERIFY2(yaml().contains("        app: payload.appellation\n"), yaml().mid(yaml().indexOf("kind: WorkflowEventBinding")).constData());
        auto *annotation = form->findChild<QLineEdit *>(QStringLiteral("annotationsNewKey"));
        annotation->setText(QStringLiteral("example.com/by"));
        QTest::keyClick(annotation, Qt::Key_Return);
        QVERIFY(yaml().contains("      annotations:\n        example.com/by: '\"\"'\n"));
    }

    void lintFixFromTheProblemsListIsUndoable_data()
    {
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QByteArray>("fixed");
        QTest::newRow("header compared to a string")
            << QByteArray("selector: payload.appellation != \"\"") << QByteArray("selector: metadata[\"x-kind\"] == \"a\"")
            << "header-compared-to-string" << QByteArray("selector: metadata[\"x-kind\"] == [\"a\"]");
        QTest::newRow("=~") << QByteArray("selector: payload.appellation != \"\"") << QByteArray("selector: payload.appellation =~ \"^a\"")
                            << "govaluate-regex" << QByteArray("selector: payload.appellation matches \"^a\"");
        QTest::newRow("fixed workflow name")
            << QByteArray("    workflowTemplateRef:") << QByteArray("    metadata:\n      name: '\"hello\"'\n    workflowTemplateRef:")
            << "fixed-workflow-name" << QByteArray("      generateName: '\"hello-\"'\n");
        QTest::newRow("value without valueFrom")
            << QByteArray("          valueFrom:\n            event: payload.appellation\n") << QByteArray("          value: hi\n")
            << "parameter-value-ignored" << QByteArray("          valueFrom:\n            event: '\"hi\"'\n");
    }

    void lintFixFromTheProblemsListIsUndoable()
    {
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(QString, rule);
        QFETCH(QByteArray, fixed);
        QVERIFY(m_workspace->setText(kConsumer, m_workspace->text(kConsumer).replace(from, to)));
        const QByteArray broken = m_workspace->text(kConsumer);
        const argo::ManifestSet set = argo::loadManifests(broken.toStdString(), kConsumer.toStdString());
        std::optional<bindery::workspace::Diagnostic> problem;
        for (const argo::LintFinding &f : argo::lint(set, "argo"))
            if (QString::fromStdString(f.rule) == rule) {
                problem = bindery::workspace::Diagnostic{kConsumer, f.location.line, f.location.column,
                                                         QString::fromStdString(f.message), {}, rule,
                                                         bindery::workspace::lintFix(broken, f)};
            }
        QVERIFY(problem && problem->fix);
        EditorArea area(*m_workspace);
        QVERIFY(area.applyFix(*problem));
        auto *text = qobject_cast<TextFileEditor *>(area.editorFor(kConsumer));
        QVERIFY(text);
        QVERIFY2(text->editor()->bytes().contains(fixed), text->editor()->bytes().constData());
        QVERIFY(m_workspace->text(kConsumer).contains(fixed));
        // The fix no longer applies to the fixed text.
        QVERIFY(!area.applyFix(*problem));
        text->editor()->undo();
        QCOMPARE(m_workspace->text(kConsumer), broken);
    }
};

BINDERY_TEST_MAIN(TestBindingForm)
#include "test_binding_form.moc"
