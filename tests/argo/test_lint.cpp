// SPDX-License-Identifier: Apache-2.0
#include "argo/lint.h"
#include "bindery_test.h"

using namespace bindery::argo;
using namespace Qt::Literals::StringLiterals;

namespace {

// A template and a binding whose selector/params/metadata are spliced in; line numbers below count
// from this text (the selector is on line 12, column 15).
std::string manifest(const std::string &selector, const std::string &submitExtra = {}, const std::string &bindingName = "b")
{
    return "apiVersion: argoproj.io/v1alpha1\n"          // 1
           "kind: WorkflowTemplate\n"                    // 2
           "metadata: {name: tmpl}\n"                    // 3
           "spec:\n"                                     // 4
           "  arguments:\n"                              // 5
           "    parameters: [{name: p, value: d}]\n"     // 6
           "---\n"                                       // 7
           "apiVersion: argoproj.io/v1alpha1\n"          // 8
           "kind: WorkflowEventBinding\n"                // 9
           "metadata: {name: " + bindingName + "}\n"     // 10
           "spec:\n"                                     // 11
           "  event:\n"                                  // 12 (selector on 13)
           "    selector: " + selector + "\n"            // 13
           "  submit:\n"                                 // 14
           "    workflowTemplateRef: {name: tmpl}\n"     // 15
           + submitExtra;
}

} // namespace

class TestLint : public QObject
{
    Q_OBJECT
private slots:
    void rules_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QByteArray>("rule");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::newRow("header-case") << QByteArray::fromStdString(manifest("metadata[\"X-Github-Event\"] == [\"push\"]"))
                                     << "header-case"_ba << 13 << 24;
        QTest::newRow("header-case in quoted selector")
            << QByteArray::fromStdString(manifest("'metadata[\"X-A\"] == [\"1\"]'")) << "header-case"_ba << 13 << 25;
        // Positions inside selectors written in every YAML style point at the exact spot.
        QTest::newRow("literal block, second line")
            << QByteArray::fromStdString(manifest("|\n      payload.a == \"x\" &&\n      metadata[\"X-A\"] == [\"1\"]"))
            << "header-case"_ba << 15 << 16;
        QTest::newRow("literal block with header and comment")
            << QByteArray::fromStdString(manifest("|-  # the = ~ in here must not match\n      payload.ref =~ \"main\""))
            << "govaluate-regex"_ba << 14 << 19;
        QTest::newRow("folded block")
            << QByteArray::fromStdString(manifest(">-\n      payload.a == \"x\" &&\n\n      payload.ref =~ \"main\""))
            << "govaluate-regex"_ba << 16 << 19;
        QTest::newRow("multi-line plain scalar")
            << QByteArray::fromStdString(manifest("payload.a == \"x\" &&\n      payload.ref =~ \"main\""))
            << "govaluate-regex"_ba << 14 << 19;
        QTest::newRow("double-quoted with escaped quotes")
            << QByteArray::fromStdString(manifest("\"metadata[\\\"X-A\\\"] == [\\\"1\\\"]\""))
            << "header-case"_ba << 13 << 26;
        QTest::newRow("single-quoted with a doubled quote")
            << QByteArray::fromStdString(manifest("'payload.a == \"it''s\" && payload.ref =~ \"main\"'"))
            << "govaluate-regex"_ba << 13 << 52;
        QTest::newRow("double-quoted multi-line")
            << QByteArray::fromStdString(manifest("\"payload.a == 'x' &&\n      payload.ref =~ 'main'\""))
            << "govaluate-regex"_ba << 14 << 19;
        QTest::newRow("escape that changes the text: selector start")
            << QByteArray::fromStdString(manifest("\"payload.a == '\\u0078' && payload.ref =~ 'main'\""))
            << "govaluate-regex"_ba << 13 << 15;
        QTest::newRow("header-compared-to-string")
            << QByteArray::fromStdString(manifest("metadata[\"x-github-event\"] == \"push\""))
            << "header-compared-to-string"_ba << 13 << 15;
        QTest::newRow("header-not-forwarded")
            << QByteArray::fromStdString(manifest("metadata[\"authorization\"] != nil")) << "header-not-forwarded"_ba << 13 << 24;
        QTest::newRow("selector-not-bool") << QByteArray::fromStdString(manifest("payload.message"))
                                           << "selector-not-bool"_ba << 13 << 15;
        QTest::newRow("unguarded-payload-path")
            << QByteArray::fromStdString(manifest("payload.repository.name == \"x\"")) << "unguarded-payload-path"_ba << 13 << 33;
        QTest::newRow("funcmap-function")
            << QByteArray::fromStdString(manifest("sprig.upper(payload.a) == \"A\"")) << "funcmap-function"_ba << 13 << 15;
        QTest::newRow("funcmap-function in parameter")
            << QByteArray::fromStdString(manifest("true", "    arguments:\n      parameters:\n      - name: p\n"
                                                          "        valueFrom:\n          event: toJson(payload)\n"))
            << "funcmap-function"_ba << 20 << 18;
        QTest::newRow("govaluate-regex") << QByteArray::fromStdString(manifest("payload.ref =~ \"main\""))
                                         << "govaluate-regex"_ba << 13 << 27;
        QTest::newRow("fixed-workflow-name")
            << QByteArray::fromStdString(manifest("true", "    metadata:\n      name: '\"my-wf\"'\n"))
            << "fixed-workflow-name"_ba << 17 << 13;
        QTest::newRow("invalid-k8s-name") << QByteArray::fromStdString(manifest("true", {}, "My_Binding"))
                                          << "invalid-k8s-name"_ba << 10 << 18;
        QTest::newRow("parameter-value-ignored")
            << QByteArray::fromStdString(manifest("true", "    arguments:\n      parameters:\n      - name: p\n        value: x\n"))
            << "parameter-value-ignored"_ba << 18 << 9;
        QTest::newRow("missing-template")
            << QByteArray::fromStdString("apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata: {name: b}\n"
                                         "spec:\n  event: {selector: 'true'}\n  submit:\n    workflowTemplateRef:\n      name: nope\n")
            << "missing-template"_ba << 8 << 13;
        QTest::newRow("missing-template-parameter")
            << QByteArray::fromStdString(
                   "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: t}\n"
                   "spec: {arguments: {parameters: [{name: needed}]}}\n---\n"
                   "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata: {name: b}\n"
                   "spec:\n  event: {selector: 'true'}\n  submit:\n    workflowTemplateRef: {name: t}\n")
            << "missing-template-parameter"_ba << 12 << 26;
        QTest::newRow("empty-selector")
            << QByteArray::fromStdString("apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata: {name: b}\n")
            << "empty-selector"_ba << 1 << 1;
    }
    void rules()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QByteArray, rule);
        QFETCH(int, line);
        QFETCH(int, column);
        const auto findings = lint(loadManifests(yaml.toStdString(), "f.yaml"));
        const auto it = std::find_if(findings.begin(), findings.end(),
                                     [&](const LintFinding &f) { return f.rule == rule.toStdString(); });
        QVERIFY2(it != findings.end(), rule.constData());
        QCOMPARE(it->location.line, line);
        QCOMPARE(it->location.column, column);
        QVERIFY(!it->suggestion.empty());
        QVERIFY(!it->message.empty());
    }

    void cleanBindingHasNoFindings()
    {
        const auto findings =
            lint(loadManifests(manifest("metadata[\"x-github-event\"] == [\"push\"] && payload?.ref?.name == \"main\"",
                                        "    arguments:\n      parameters:\n      - name: p\n        valueFrom:\n"
                                        "          event: payload?.ref\n")));
        for (const auto &f : findings)
            qWarning("%s", toString(f).c_str());
        QVERIFY(findings.empty());
    }

    void everyRuleIsListed()
    {
        QCOMPARE(lintRules().size(), std::size_t(13));
    }
};

BINDERY_TEST_MAIN(TestLint)
#include "test_lint.moc"
