// SPDX-License-Identifier: Apache-2.0
#include "argo/lint.h"
#include "bindery_test.h"
#include "workspace/lint_fix.h"

using namespace bindery;
using workspace::Diagnostic;

namespace {

// A template with one required parameter, then a binding whose parts the rows vary.
QByteArray manifest(const QByteArray &bindingName, const QByteArray &selector, const QByteArray &submitTail,
                    const QByteArray &templateKind = "WorkflowTemplate")
{
    return "apiVersion: argoproj.io/v1alpha1\n"
           "kind: " + templateKind + "\n"
           "metadata:\n"
           "  name: tmpl\n"
           "spec:\n"
           "  arguments:\n"
           "    parameters:\n"
           "      - name: who\n"
           "---\n"
           "# the binding under test\n"
           "apiVersion: argoproj.io/v1alpha1\n"
           "kind: WorkflowEventBinding\n"
           "metadata:\n"
           "  name: " + bindingName + "\n"
           "spec:\n"
           "  event:\n"
           "    selector: " + selector + "\n"
           "  submit:\n"
           "    workflowTemplateRef:\n"
           "      name: tmpl\n" + submitTail;
}

const QByteArray kParameters = "    arguments:\n"
                               "      parameters:\n"
                               "        - name: who # from the payload\n"
                               "          valueFrom:\n"
                               "            event: payload.who\n";

QByteArray parametersWith(const char *event)
{
    return QByteArray(kParameters).replace("payload.who", event);
}

std::vector<argo::LintFinding> findings(const QByteArray &text, const QString &rule)
{
    std::vector<argo::LintFinding> out;
    for (const argo::LintFinding &f : argo::lint(argo::loadManifests(text.toStdString(), "m.yaml"), "argo"))
        if (QString::fromStdString(f.rule) == rule)
            out.push_back(f);
    return out;
}

} // namespace

class TestLintFix : public QObject
{
    Q_OBJECT

private slots:
    void appliesTheFix_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("after");

        QTest::newRow("header-case in the selector")
            << "header-case" << manifest("b", "metadata[\"X-Kind\"] == [\"push\"]", kParameters)
            << manifest("b", "metadata[\"x-kind\"] == [\"push\"]", kParameters);
        QTest::newRow("header-case in a block selector")
            << "header-case" << manifest("b", "|\n      discriminator == \"d\"\n      && metadata[\"X-Kind\"] == [\"push\"]", kParameters)
            << manifest("b", "|\n      discriminator == \"d\"\n      && metadata[\"x-kind\"] == [\"push\"]", kParameters);
        QTest::newRow("header-case in a parameter")
            << "header-case" << manifest("b", "discriminator == \"d\"", parametersWith("metadata[\"X-Who\"][0]"))
            << manifest("b", "discriminator == \"d\"", parametersWith("metadata[\"x-who\"][0]"));
        QTest::newRow("header-compared-to-string")
            << "header-compared-to-string" << manifest("b", "metadata[\"x-kind\"] == \"push\"", kParameters)
            << manifest("b", "metadata[\"x-kind\"] == [\"push\"]", kParameters);
        QTest::newRow("header-compared-to-string, string first")
            << "header-compared-to-string" << manifest("b", "'\"push\" != metadata[\"x-kind\"]'", kParameters)
            << manifest("b", "'[\"push\"] != metadata[\"x-kind\"]'", kParameters);
        QTest::newRow("govaluate-regex")
            << "govaluate-regex" << manifest("b", "payload.ref =~ \"^refs/\"", kParameters)
            << manifest("b", "payload.ref matches \"^refs/\"", kParameters);
        QTest::newRow("funcmap-function asInt")
            << "funcmap-function" << manifest("b", "asInt(payload.n) > 1", kParameters)
            << manifest("b", "int(payload.n) > 1", kParameters);
        QTest::newRow("unguarded-payload-path")
            << "unguarded-payload-path" << manifest("b", "payload.repo.owner.name == \"x\"", kParameters)
            << manifest("b", "payload?.repo?.owner?.name == \"x\"", kParameters);
        QTest::newRow("parameter-value-ignored")
            << "parameter-value-ignored"
            << manifest("b", "discriminator == \"d\"",
                        "    arguments:\n      parameters:\n        - name: who\n          value: hello # constant\n")
            << manifest("b", "discriminator == \"d\"",
                        "    arguments:\n      parameters:\n        - name: who\n          valueFrom:\n"
                        "            event: '\"hello\"'\n");
        QTest::newRow("fixed-workflow-name")
            << "fixed-workflow-name"
            << manifest("b", "discriminator == \"d\"", "    metadata:\n      name: '\"nightly\"'\n" + kParameters)
            << manifest("b", "discriminator == \"d\"", "    metadata:\n      generateName: '\"nightly-\"'\n" + kParameters);
        QTest::newRow("invalid-k8s-name")
            << "invalid-k8s-name" << manifest("My-Binding", "discriminator == \"d\"", kParameters)
            << manifest("my-binding", "discriminator == \"d\"", kParameters);
        QTest::newRow("missing-template: add clusterScope")
            << "missing-template" << manifest("b", "discriminator == \"d\"", kParameters, "ClusterWorkflowTemplate")
            << manifest("b", "discriminator == \"d\"", "      clusterScope: true\n" + kParameters, "ClusterWorkflowTemplate");
        QTest::newRow("missing-template: remove clusterScope")
            << "missing-template" << manifest("b", "discriminator == \"d\"", "      clusterScope: true\n" + kParameters)
            << manifest("b", "discriminator == \"d\"", kParameters);
        QTest::newRow("missing-template-parameter")
            << "missing-template-parameter" << manifest("b", "discriminator == \"d\"", "")
            << manifest("b", "discriminator == \"d\"",
                        "    arguments:\n      parameters:\n        - name: who\n          valueFrom:\n            event: payload.who\n");
    }

    void appliesTheFix()
    {
        QFETCH(QString, rule);
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, after);
        const auto found = findings(before, rule);
        QVERIFY2(!found.empty(), qPrintable(rule));
        const auto fix = workspace::lintFix(before, found.front());
        QVERIFY2(fix, qPrintable(QString::fromStdString(argo::toString(found.front()))));
        QVERIFY(!fix->title.isEmpty());
        QByteArray text = before;
        QVERIFY(workspace::applyFix(text, *fix));
        QCOMPARE(text, after);
        const auto left = findings(text, rule);
        QVERIFY2(left.empty(), left.empty() ? "" : argo::toString(left.front()).c_str());
    }

    void choicesAreLeftToTheUser_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("header-not-forwarded") << "header-not-forwarded" << manifest("b", "metadata[\"authorization\"] == [\"t\"]", kParameters);
        QTest::newRow("selector-not-bool") << "selector-not-bool" << manifest("b", "payload.x", kParameters);
        QTest::newRow("toJson") << "funcmap-function" << manifest("b", "toJson(payload) != \"\"", kParameters);
        QTest::newRow("!~") << "govaluate-regex" << manifest("b", "payload.ref !~ \"^x\"", kParameters);
        QTest::newRow("name still invalid lower-cased") << "invalid-k8s-name" << manifest("My_Binding", "payload.x == 1", kParameters);
        QTest::newRow("template missing in both scopes")
            << "missing-template" << manifest("b", "payload.x == 1", kParameters).replace(QByteArray(QByteArray("name: tmpl\n") + kParameters), QByteArray("name: other\n"));
    }

    void choicesAreLeftToTheUser()
    {
        QFETCH(QString, rule);
        QFETCH(QByteArray, text);
        const auto found = findings(text, rule);
        QVERIFY2(!found.empty(), qPrintable(rule));
        QVERIFY(!workspace::lintFix(text, found.front()));
    }

    void staleFixIsRefused()
    {
        const QByteArray before = manifest("b", "payload.ref =~ \"x\"", kParameters);
        const auto fix = workspace::lintFix(before, findings(before, QStringLiteral("govaluate-regex")).front());
        QVERIFY(fix);
        QByteArray changed = before;
        changed.replace("payload.ref =~", "payload.rf =~");
        const QByteArray kept = changed;
        QVERIFY(!workspace::applyFix(changed, *fix));
        QCOMPARE(changed, kept);
    }
};

BINDERY_TEST_MAIN(TestLintFix)
#include "test_lint_fix.moc"
