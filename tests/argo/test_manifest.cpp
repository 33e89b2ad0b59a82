// SPDX-License-Identifier: Apache-2.0
#include "argo/catalog.h"
#include "argo/manifest.h"
#include "bindery_test.h"

#include <QDirIterator>
#include <QElapsedTimer>

#include <algorithm>

using namespace bindery::argo;
using namespace Qt::Literals::StringLiterals;

class TestManifest : public QObject
{
    Q_OBJECT
private slots:
    void coercion_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<bool>("coerced");
        // sigs.k8s.io/yaml: a YAML 1.1 scalar decoded into a Go string field.
        QTest::newRow("true") << "true"_ba << "true"_ba << true;
        QTest::newRow("yes") << "yes"_ba << "true"_ba << true;
        QTest::newRow("off") << "off"_ba << "false"_ba << true;
        QTest::newRow("int") << "1"_ba << "1"_ba << true;
        QTest::newRow("octal") << "0755"_ba << "493"_ba << true;
        QTest::newRow("hex") << "0x1F"_ba << "31"_ba << true;
        QTest::newRow("underscores") << "1_000"_ba << "1000"_ba << true;
        QTest::newRow("float 1.50") << "1.50"_ba << "1.5"_ba << true;
        QTest::newRow("float32 digits") << "0.1"_ba << "0.1"_ba << true;
        QTest::newRow("float exp") << "1e21"_ba << "1e+21"_ba << true;
        QTest::newRow("float large") << "1234567.0"_ba << "1.234567e+06"_ba << true;
        QTest::newRow("float32 rounding") << "3.14159265358979"_ba << "3.1415927"_ba << true;
        QTest::newRow("inf") << ".inf"_ba << "+Inf"_ba << true;
        QTest::newRow("beyond float32") << "222222222222222222222222222222222222222222222"_ba << "+Inf"_ba << true;
        QTest::newRow("null") << "~"_ba << ""_ba << true;
        QTest::newRow("text") << "payload.x == 1"_ba << ""_ba << false;
        QTest::newRow("version-like") << "1.2.3"_ba << ""_ba << false;
    }
    void coercion()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, expected);
        QFETCH(bool, coerced);
        const auto got = coercePlainScalar(text.toStdString());
        QCOMPARE(got.has_value(), coerced);
        if (coerced)
            QCOMPARE(QByteArray::fromStdString(*got), expected);
    }

    void bindingFieldsAndPositions()
    {
        const char *yaml = "apiVersion: argoproj.io/v1alpha1\n"
                           "kind: WorkflowEventBinding\n"
                           "metadata:\n"
                           "  name: b1\n"
                           "  namespace: ns1\n"
                           "spec:\n"
                           "  event:\n"
                           "    selector: true\n"
                           "  submit:\n"
                           "    workflowTemplateRef:\n"
                           "      name: tmpl\n"
                           "      clusterScope: yes\n"
                           "    metadata:\n"
                           "      name: '\"fixed\"'\n"
                           "      labels:\n"
                           "        a: payload.a\n"
                           "    arguments:\n"
                           "      parameters:\n"
                           "      - name: p\n"
                           "        valueFrom:\n"
                           "          event: 1.50\n"
                           "      - name: q\n"
                           "        value: x\n";
        const ManifestSet set = loadManifests(yaml, "b.yaml");
        QVERIFY(!set.hasErrors());
        QCOMPARE(set.bindings.size(), std::size_t(1));
        const auto &b = set.bindings[0];
        QCOMPARE(QString::fromStdString(b.metadata.name), QStringLiteral("b1"));
        QCOMPARE(QString::fromStdString(b.selector), QStringLiteral("true"));
        QCOMPARE(b.selectorLocation.line, 8);
        QCOMPARE(b.selectorLocation.column, 15);
        QVERIFY(b.submit.has_value());
        QVERIFY(b.submit->clusterScope);
        QCOMPARE(QString::fromStdString(b.submit->templateName), QStringLiteral("tmpl"));
        QCOMPARE(QString::fromStdString(b.submit->metadata.name), QStringLiteral("\"fixed\""));
        QCOMPARE(b.submit->metadata.labels.size(), std::size_t(1));
        QCOMPARE(b.submit->metadata.labels[0].valueLocation.line, 16);
        QCOMPARE(b.submit->parameters.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(b.submit->parameters[0].event), QStringLiteral("1.5"));
        QVERIFY(b.submit->parameters[0].hasValueFrom);
        QVERIFY(!b.submit->parameters[1].hasValueFrom);
        QCOMPARE(QString::fromStdString(*b.submit->parameters[1].value), QStringLiteral("x"));
        QCOMPARE(toString(b.submit->parameters[1].location), std::string("b.yaml:22:9"));
    }

    void listsJsonAndUnknownKinds()
    {
        const char *yaml = "apiVersion: v1\nkind: List\nitems:\n"
                           "- apiVersion: argoproj.io/v1alpha1\n  kind: WorkflowTemplate\n  metadata: {name: t}\n"
                           "  spec:\n    arguments:\n      parameters: [{name: a}, {name: b, value: x}]\n"
                           "    workflowMetadata:\n      labels: {env: prod}\n"
                           "- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: cm}\n"
                           "---\n"
                           "{\"apiVersion\": \"argoproj.io/v1alpha1\", \"kind\": \"Workflow\", \"metadata\": {\"name\": \"w\"}}\n";
        const ManifestSet set = loadManifests(yaml, "l.yaml");
        QCOMPARE(set.templates.size(), std::size_t(1));
        QCOMPARE(set.templates[0].parameters.size(), std::size_t(2));
        QVERIFY(!set.templates[0].parameters[0].hasDefault);
        QVERIFY(set.templates[0].parameters[1].hasDefault);
        QVERIFY(set.templates[0].hasWorkflowMetadata);
        QCOMPARE(set.unknown.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(set.unknown[0].kind), QStringLiteral("ConfigMap"));
        QCOMPARE(set.workflows.size(), std::size_t(1));
        // The unknown kind is reported, as a warning, where it starts.
        bool reported = false;
        for (const auto &d : set.diagnostics)
            reported |= d.severity == Severity::Warning && d.location.line == 12;
        QVERIFY(reported);
    }

    void syntaxErrorHasPosition()
    {
        const ManifestSet set = loadManifests("kind: WorkflowEventBinding\nmetadata:\n  name: [unclosed\n", "bad.yaml");
        QVERIFY(set.hasErrors());
        const Diagnostic &d = set.diagnostics.front();
        QCOMPARE(QString::fromStdString(d.location.file), QStringLiteral("bad.yaml"));
        QVERIFY(d.location.line >= 3);
        QVERIFY(QString::fromStdString(toString(d)).startsWith(QStringLiteral("bad.yaml:")));
    }

    void strayCommasAreErrorsNotHangs_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        QTest::newRow("comma") << QByteArray(",\ne") << 1;
        QTest::newRow("indented") << QByteArray("  ,") << 1;
        QTest::newRow("after flow") << QByteArray("[a],") << 1;
        QTest::newRow("after map on next line") << QByteArray("{a: b}\n,") << 2;
        QTest::newRow("after quoted") << QByteArray("\"x\",") << 1;
        QTest::newRow("after anchor") << QByteArray("&a ,") << 1;
        QTest::newRow("second document") << QByteArray("a: b\n---\n'x' ,") << 3;
        QTest::newRow("plain scalar continuation") << QByteArray("# c\nd\"])\n  let x\n        , y\n  },\n") << 4;
    }
    void strayCommasAreErrorsNotHangs()
    {
        // yaml-cpp 0.7 loops for ever on these; the loader refuses them first.
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        const ManifestSet set = loadManifests(yaml.toStdString(), "c.yaml");
        QVERIFY(set.hasErrors());
        QCOMPARE(set.diagnostics.front().location.line, line);
        // Commas that yaml-cpp handles stay its business.
        QVERIFY(!loadManifests("a: b, c\nl: [1, 2]\n").hasErrors());
    }

    void typeErrorsHavePositions()
    {
        const ManifestSet set = loadManifests("apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\n"
                                              "metadata: {name: b}\nspec:\n  event:\n    selector: [1]\n",
                                              "t.yaml");
        QVERIFY(set.hasErrors());
        QCOMPARE(set.diagnostics.front().location.line, 6);
        QCOMPARE(set.diagnostics.front().location.column, 15);
    }

    void aliasBombIsRefused()
    {
        // Each level multiplies the objects by 10 through aliases: 10^7 objects if expanded.
        std::string yaml = "a0: &a0 {apiVersion: argoproj.io/v1alpha1, kind: WorkflowEventBinding, metadata: {name: b, labels: {x: y}}}\n";
        yaml = "apiVersion: v1\nkind: List\nitems:\n- &l0\n  apiVersion: v1\n  kind: List\n  items: [{apiVersion: argoproj.io/v1alpha1, "
               "kind: WorkflowEventBinding, metadata: {name: b, labels: {x: y}}}]\n";
        for (int i = 1; i < 8; ++i)
            yaml += "- &l" + std::to_string(i) + "\n  apiVersion: v1\n  kind: List\n  items: [" +
                    [&] { std::string s; for (int k = 0; k < 10; ++k) s += (k ? ", *l" : "*l") + std::to_string(i - 1); return s; }() + "]\n";
        const ManifestSet set = loadManifests(yaml, "bomb.yaml");
        QVERIFY(set.hasErrors());
        QVERIFY(set.bindings.size() < 200000);
    }

    void manyAliasedObjectsStayFast()
    {
        // 10 x 10 x 10 bindings through aliases (1,000 objects from a few hundred bytes),
        // plus the templates they all reference: loading, cataloguing and linting stay quick.
        std::string yaml = "apiVersion: v1\nkind: List\nitems:\n- &b0 {apiVersion: argoproj.io/v1alpha1, kind: "
                           "WorkflowEventBinding, metadata: {name: b}, spec: {event: {selector: 'true'}, submit: "
                           "{workflowTemplateRef: {name: t}}}}\n";
        for (int i = 1; i <= 3; ++i) {
            yaml += "- &b" + std::to_string(i) + "\n  apiVersion: v1\n  kind: List\n  items: [";
            for (int k = 0; k < 10; ++k)
                yaml += (k ? ", *b" : "*b") + std::to_string(i - 1);
            yaml += "]\n";
        }
        QElapsedTimer timer;
        timer.start();
        const ManifestSet set = loadManifests(yaml, "many.yaml");
        const Catalog catalog = Catalog::fromManifests(set);
        QCOMPARE(catalog.bindings("argo").size(), std::size_t(1)); // one name: the API server keeps one
        qInfo("%zu bindings in %lld ms", set.bindings.size(), static_cast<long long>(timer.elapsed()));
        QVERIFY(set.bindings.size() >= 1000);
        QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
    }

    void aliasedTextBlowUpIsRefused()
    {
        // Found by fuzz_manifest: 3 KB of YAML whose Lists of aliased Lists make 10,368 bindings that
        // all alias one 2.8 KB selector (29 MB of selectors; lint then took minutes and 2 GB). The
        // text read through aliases is bounded by the file's size: loading stops with an error.
        std::string selector;
        for (int i = 0; i < 400; ++i)
            selector += "a =~ b ";
        const std::string binding = "&b {apiVersion: argoproj.io/v1alpha1, kind: WorkflowEventBinding, metadata: {name: b}, "
                                    "spec: {event: {selector: \"" + selector + "\"}}}";
        auto list = [](const std::string &anchor, const std::string &first, const std::string &alias, int copies) {
            std::string out = anchor + " {kind: List, items: [" + first;
            for (int i = 0; i < copies; ++i)
                out += ", " + alias;
            return out + "]}";
        };
        const std::string l1 = list("&l1", binding, "*b", 11);
        const std::string l2 = list("&l2", l1, "*l1", 11);
        const std::string l3 = list("&l3", l2, "*l2", 11);
        std::string yaml = "kind: List\nitems: [" + l3;
        for (int i = 0; i < 5; ++i)
            yaml += ", *l3";
        yaml += "]\n";
        QElapsedTimer timer;
        timer.start();
        const ManifestSet set = loadManifests(yaml, "blowup.yaml");
        QVERIFY(set.hasErrors());
        const auto error = std::find_if(set.diagnostics.begin(), set.diagnostics.end(),
                                        [](const Diagnostic &d) { return d.severity == Severity::Error; });
        QVERIFY2(error->message.find("YAML aliases") != std::string::npos, error->message.c_str());
        QCOMPARE(error->location.file, std::string("blowup.yaml"));
        QVERIFY(error->location.line >= 1);
        std::size_t selectorBytes = 0;
        for (const auto &b : set.bindings)
            selectorBytes += b.selector.size();
        QVERIFY2(selectorBytes <= 2 * yaml.size() + 256 * 1024, qPrintable(QString::number(selectorBytes)));
        QVERIFY(!set.bindings.empty()); // what was read before the limit is kept
        QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
    }

    void aliasFreeFilesNeverReachTheAliasLimit()
    {
        // The budget counts text read plus 32 bytes per object: even 9999 objects written as "{}"
        // (the least text an object can take) stay within twice the file plus the floor.
        std::string yaml = "kind: List\nitems:\n";
        for (int i = 0; i < 9999; ++i)
            yaml += "- {}\n";
        const ManifestSet set = loadManifests(yaml, "tiny.yaml");
        for (const Diagnostic &d : set.diagnostics)
            QVERIFY2(d.message.find("YAML aliases") == std::string::npos, d.message.c_str());
        QCOMPARE(set.unknown.size(), std::size_t(9999));
    }

    void catalogListOrder()
    {
        const char *yaml = "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata: {name: zeta}\n"
                           "---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata: {name: alpha}\n"
                           "spec: {event: {selector: 'false'}}\n"
                           "---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata: {name: zeta, namespace: ns}\n"
                           "spec: {event: {selector: 'true'}}\n"
                           "---\napiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata: {name: alpha}\n"
                           "spec: {event: {selector: 'later'}}\n";
        const ManifestSet set = loadManifests(yaml);
        const Catalog byName = Catalog::fromManifests(set, {"ns", ListOrder::Name});
        const auto listed = byName.bindings("ns");
        QCOMPARE(listed.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(listed[0]->metadata.name), QStringLiteral("alpha"));
        QCOMPARE(QString::fromStdString(listed[0]->selector), QStringLiteral("later"));
        QCOMPARE(QString::fromStdString(listed[1]->selector), QStringLiteral("true"));
        const Catalog byManifest = Catalog::fromManifests(set, {"ns", ListOrder::Manifest});
        QCOMPARE(byManifest.bindings("ns").size(), std::size_t(4));
        QCOMPARE(QString::fromStdString(byManifest.bindings("ns")[0]->metadata.name), QStringLiteral("zeta"));
    }

    void sharedTestdataLoads()
    {
        BINDERY_REQUIRE_SHARED("argo/testdata");
        QDirIterator it(bindery::test::sharedFile(QStringLiteral("argo/testdata")), {QStringLiteral("*.yaml")},
                        QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString path = it.next();
            const ManifestSet set = loadManifestFile(path.toStdString());
            for (const auto &d : set.diagnostics)
                QVERIFY2(d.severity != Severity::Error, toString(d).c_str());
            QVERIFY2(set.templates.size() + set.bindings.size() + set.workflows.size() + set.unknown.size() > 0,
                     qPrintable(path));
            ++files;
        }
        QVERIFY(files >= 10);
    }
};

BINDERY_TEST_MAIN(TestManifest)
#include "test_manifest.moc"
