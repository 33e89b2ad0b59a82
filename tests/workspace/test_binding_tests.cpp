// SPDX-License-Identifier: Apache-2.0
// The binding test format and runner: parsing with positions, partial and exact expectations,
// readable failures, --update's frozen expectations, and JUnit XML.
#include "bindery_test.h"
#include "workspace/binding_tests.h"

#include <QXmlStreamReader>

using namespace bindery;
using namespace bindery::workspace;

namespace {

const char kManifests[] = "apiVersion: argoproj.io/v1alpha1\n"
                          "kind: WorkflowTemplate\n"
                          "metadata: {name: build}\n"
                          "spec:\n"
                          "  arguments:\n"
                          "    parameters: [{name: ref}]\n"
                          "---\n"
                          "apiVersion: argoproj.io/v1alpha1\n"
                          "kind: WorkflowEventBinding\n"
                          "metadata: {name: build}\n"
                          "spec:\n"
                          "  event:\n"
                          "    selector: payload.ref == \"refs/heads/main\"\n"
                          "  submit:\n"
                          "    workflowTemplateRef: {name: build}\n"
                          "    arguments:\n"
                          "      parameters:\n"
                          "        - name: ref\n"
                          "          valueFrom: {event: payload.ref}\n"
                          "---\n"
                          "apiVersion: argoproj.io/v1alpha1\n"
                          "kind: WorkflowEventBinding\n"
                          "metadata: {name: broken}\n"
                          "spec:\n"
                          "  event:\n"
                          "    selector: payload.count > 1\n";

EventDocument event(const QString &name, const QString &body)
{
    EventDocument e;
    e.name = name;
    e.namespaceName = QStringLiteral("argo");
    e.discriminator = QStringLiteral("d");
    e.body = body;
    return e;
}

BindingTestRunner makeRunner()
{
    const auto manifests = argo::loadManifests(kManifests, "m.yaml");
    return BindingTestRunner(argo::Catalog::fromManifests(manifests),
                             {event(QStringLiteral("main"), QStringLiteral("{\"ref\": \"refs/heads/main\", \"count\": 2}")),
                              event(QStringLiteral("dev"), QStringLiteral("{\"ref\": \"refs/heads/dev\"}"))});
}

BindingTestSuite suiteOf(const QByteArray &yaml)
{
    auto s = BindingTestFormat::parse(yaml, QStringLiteral("t.yaml"));
    for (const auto &p : s.problems)
        qWarning("%s", qPrintable(p.toString()));
    return s;
}

} // namespace

class TestBindingTests : public QObject
{
    Q_OBJECT
private slots:
    void parsesEveryField()
    {
        const auto s = suiteOf("cases:\n"
                               "  - name: one\n"
                               "    event: main\n"
                               "    match: exact\n"
                               "    expect:\n"
                               "      status: 200\n"
                               "      response: '{}'\n"
                               "      fires: [build]\n"
                               "      doesNotFire: broken\n"
                               "      workflows:\n"
                               "        - {binding: build, template: build, clusterScope: false, generateName: build-,\n"
                               "           labels: {a: b}, parameters: {ref: refs/heads/main}}\n"
                               "      warnings:\n"
                               "        - {binding: broken, messageContains: float64}\n"
                               "  - name: two\n"
                               "    event: {namespace: ns, discriminator: x, headers: [{name: X-A, value: b}], body: '[]'}\n");
        QVERIFY(s.problems.isEmpty());
        QCOMPARE(s.cases.size(), 2);
        const auto &c = s.cases[0];
        QCOMPARE(c.name, QStringLiteral("one"));
        QCOMPARE(c.line, 2);
        QVERIFY(c.expect.exact);
        QCOMPARE(c.expect.status, 200);
        QCOMPARE(*c.expect.response, QByteArray("{}"));
        QCOMPARE(*c.expect.fires, QStringList{QStringLiteral("build")});
        QCOMPARE(*c.expect.doesNotFire, QStringList{QStringLiteral("broken")});
        QCOMPARE(c.expect.workflows->size(), 1);
        QCOMPARE(c.expect.workflows->at(0).parameters->value(QStringLiteral("ref")), QStringLiteral("refs/heads/main"));
        QCOMPARE(c.expect.workflows->at(0).clusterScope, false);
        QCOMPARE(*c.expect.warnings->at(0).messageContains, QStringLiteral("float64"));
        const auto &inl = s.cases[1];
        QVERIFY(inl.inlineEvent.has_value());
        QCOMPARE(inl.inlineEvent->namespaceName, QStringLiteral("ns"));
        QCOMPARE(inl.inlineEvent->headers.value(0).name, QStringLiteral("X-A"));
        QCOMPARE(inl.inlineEvent->body, QStringLiteral("[]"));
        QVERIFY(!inl.expect.status.has_value());
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("not yaml") << QByteArray("cases: [\n") << 2 << 1 << QStringLiteral("");
        QTest::newRow("no cases") << QByteArray("foo: 1\n") << 1 << 1 << QStringLiteral("unknown key \"foo\"");
        QTest::newRow("cases not a list") << QByteArray("cases: 3\n") << 1 << 8 << QStringLiteral("cases must be a list");
        QTest::newRow("bad status") << QByteArray("cases:\n  - event: e\n    expect:\n      status: ok\n") << 4 << 15
                                    << QStringLiteral("status must be an HTTP status code");
        QTest::newRow("unknown expect key")
            << QByteArray("cases:\n  - event: e\n    expect:\n      fire: [a]\n") << 4 << 7
            << QStringLiteral("unknown key \"fire\" (expected one of: status, response, fires");
        QTest::newRow("bad match") << QByteArray("cases:\n  - event: e\n    match: fuzzy\n") << 3 << 12
                                   << QStringLiteral("match must be partial or exact");
        QTest::newRow("case without event") << QByteArray("cases:\n  - name: x\n") << 2 << 5
                                            << QStringLiteral("case \"x\" has no event");
        QTest::newRow("clusterScope not bool")
            << QByteArray("cases:\n  - event: e\n    expect:\n      workflows:\n        - clusterScope: maybe\n") << 5 << 25
            << QStringLiteral("clusterScope must be true or false");
    }
    void malformed()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        const auto s = BindingTestFormat::parse(yaml, QStringLiteral("t.yaml"));
        QVERIFY(!s.problems.isEmpty());
        const Diagnostic &d = s.problems.first();
        QCOMPARE(d.file, QStringLiteral("t.yaml"));
        QCOMPARE(d.line, line);
        QCOMPARE(d.column, column);
        QVERIFY2(d.message.contains(message), qPrintable(d.message));
    }

    void serializeRoundTrips()
    {
        const QByteArray yaml = "cases:\n"
                                "  - name: one\n"
                                "    event: main\n"
                                "    match: exact\n"
                                "    expect:\n"
                                "      status: 500\n"
                                "      fires: [build]\n"
                                "      workflows:\n"
                                "        - {binding: build, labels: {a: 'x: y'}, parameters: {ref: '\"q\"'}}\n"
                                "      warnings:\n"
                                "        - {binding: broken, message: \"failed: \\\"x\\\"\"}\n"
                                "  - name: two\n"
                                "    event: {namespace: ns, discriminator: '', body: \"{\\\"a\\\": 1}\\n\"}\n";
        const auto first = suiteOf(yaml);
        QVERIFY(first.problems.isEmpty());
        const QByteArray written = BindingTestFormat::serialize(first);
        const auto second = suiteOf(written);
        QVERIFY2(second.problems.isEmpty(), written.constData());
        QCOMPARE(BindingTestFormat::serialize(second), written);
        QCOMPARE(second.cases.size(), 2);
        QCOMPARE(second.cases[0].expect.workflows->at(0).labels->value(QStringLiteral("a")), QStringLiteral("x: y"));
        QCOMPARE(second.cases[0].expect.workflows->at(0).parameters->value(QStringLiteral("ref")), QStringLiteral("\"q\""));
        QCOMPARE(*second.cases[0].expect.warnings->at(0).message, QStringLiteral("failed: \"x\""));
        QCOMPARE(second.cases[1].inlineEvent->body, QStringLiteral("{\"a\": 1}\n"));
    }

    void runner_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<bool>("passes");
        QTest::addColumn<QString>("failure");
        QTest::newRow("partial pass") << QByteArray("cases:\n  - event: main\n    expect: {fires: [build]}\n") << true
                                      << QString();
        QTest::newRow("wrong fire") << QByteArray("cases:\n  - event: dev\n    expect: {fires: [build]}\n") << false
                                    << QStringLiteral("binding build: expected to fire, got not matched");
        QTest::newRow("unknown event") << QByteArray("cases:\n  - event: nope\n") << false
                                       << QStringLiteral("no event named \"nope\" in the workspace");
        QTest::newRow("parameter mismatch")
            << QByteArray("cases:\n  - event: main\n    expect:\n      workflows: [{binding: build, parameters: {ref: main}}]\n")
            << false << QStringLiteral("workflow 1 (binding build) parameter ref: expected \"main\", got \"refs/heads/main\"");
        QTest::newRow("partial ignores other labels")
            << QByteArray("cases:\n  - event: main\n    expect:\n      workflows:\n        - labels: "
                          "{workflows.argoproj.io/workflow-template: build}\n")
            << true << QString();
        QTest::newRow("exact wants every label")
            << QByteArray("cases:\n  - event: main\n    match: exact\n    expect:\n      workflows:\n        - labels: "
                          "{workflows.argoproj.io/workflow-template: build}\n")
            << false << QStringLiteral("label workflows.argoproj.io/workflow-event-binding: not expected, got \"build\"");
        QTest::newRow("status") << QByteArray("cases:\n  - event: dev\n    expect: {status: 200}\n") << false
                                << QStringLiteral("status: expected 200, got 500");
        QTest::newRow("warning contains")
            << QByteArray("cases:\n  - event: dev\n    expect:\n      warnings: [{binding: broken, messageContains: "
                          "\"invalid operation\"}]\n")
            << true << QString();
        QTest::newRow("warning exact mismatch")
            << QByteArray("cases:\n  - event: dev\n    expect:\n      warnings: [{binding: broken, message: nope}]\n")
            << false << QStringLiteral("warning 1 (binding broken): expected \"nope\", got \"failed to dispatch event:");
        QTest::newRow("does not fire but errors")
            << QByteArray("cases:\n  - event: dev\n    expect: {doesNotFire: [broken]}\n") << false
            << QStringLiteral("binding broken: expected not to fire, got error");
        QTest::newRow("exact fires lists all")
            << QByteArray("cases:\n  - event: main\n    match: exact\n    expect: {fires: []}\n") << false
            << QStringLiteral("binding build: fired, but the exact expectation does not list it");
    }
    void runner()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(bool, passes);
        QFETCH(QString, failure);
        const auto suite = suiteOf(yaml);
        QVERIFY(suite.problems.isEmpty());
        const auto r = makeRunner().run(suite, suite.cases.first());
        QCOMPARE(r.passed, passes);
        if (!passes) {
            bool found = false;
            for (const QString &f : r.failures)
                found = found || f.contains(failure);
            QVERIFY2(found, qPrintable(r.failures.join(QLatin1Char('\n'))));
        }
    }

    void wrongMatchIsExplainedWithTheSelector()
    {
        const auto suite = suiteOf("cases:\n  - event: dev\n    expect: {fires: [build]}\n");
        const auto r = makeRunner().run(suite, suite.cases.first());
        const QString all = r.explanations.join(QLatin1Char('\n'));
        QVERIFY2(r.explanations.first().startsWith(QStringLiteral("build: selector `payload.ref == \"refs/heads/main\"` → not matched")),
                 qPrintable(all));
        // The trace shows the value the comparison saw.
        QVERIFY2(all.contains(QStringLiteral("payload.ref → \"refs/heads/dev\"")), qPrintable(all));
    }

    void frozenExpectationPasses_data()
    {
        QTest::addColumn<QString>("eventName");
        QTest::addColumn<bool>("exact");
        QTest::newRow("main exact") << QStringLiteral("main") << true;
        QTest::newRow("main partial") << QStringLiteral("main") << false;
        QTest::newRow("dev exact") << QStringLiteral("dev") << true;
    }
    void frozenExpectationPasses()
    {
        QFETCH(QString, eventName);
        QFETCH(bool, exact);
        const auto runner = makeRunner();
        BindingTestSuite suite;
        suite.path = QStringLiteral("t.yaml");
        BindingTestCase c;
        c.name = QStringLiteral("frozen");
        c.eventRef = eventName;
        auto first = runner.run(suite, c);
        c.expect = BindingTestRunner::expectationFrom(first.actual, exact);
        QCOMPARE(c.expect.exact, exact);
        auto again = runner.run(suite, c);
        QVERIFY2(again.passed, qPrintable(again.failures.join(QLatin1Char('\n'))));
        // And it survives a write and a read.
        suite.cases << c;
        const auto reread = BindingTestFormat::parse(BindingTestFormat::serialize(suite), suite.path);
        QVERIFY(reread.problems.isEmpty());
        QVERIFY(runner.run(reread, reread.cases.first()).passed);
    }

    void junitHasTheRequiredElements()
    {
        const auto runner = makeRunner();
        const auto suite = suiteOf("cases:\n"
                                   "  - {name: ok, event: main, expect: {fires: [build]}}\n"
                                   "  - {name: 'bad <one>', event: dev, expect: {fires: [build]}}\n");
        QList<BindingTestResult> results;
        for (const auto &c : suite.cases)
            results << runner.run(suite, c);
        const QByteArray xml = junitXml(results);
        QXmlStreamReader reader(xml);
        int suites = 0, cases = 0, failures = 0;
        QString failureMessage;
        while (!reader.atEnd()) {
            if (reader.readNext() != QXmlStreamReader::StartElement)
                continue;
            const auto attrs = reader.attributes();
            if (reader.name() == u"testsuites") {
                QCOMPARE(attrs.value(QLatin1String("tests")).toInt(), 2);
                QCOMPARE(attrs.value(QLatin1String("failures")).toInt(), 1);
            } else if (reader.name() == u"testsuite") {
                ++suites;
                for (const char *a : {"name", "tests", "failures", "errors", "time"})
                    QVERIFY2(attrs.hasAttribute(QLatin1String(a)), a);
                QCOMPARE(attrs.value(QLatin1String("name")).toString(), QStringLiteral("t.yaml"));
            } else if (reader.name() == u"testcase") {
                ++cases;
                for (const char *a : {"classname", "name", "time"})
                    QVERIFY2(attrs.hasAttribute(QLatin1String(a)), a);
            } else if (reader.name() == u"failure") {
                ++failures;
                failureMessage = attrs.value(QLatin1String("message")).toString();
            }
        }
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QCOMPARE(suites, 1);
        QCOMPARE(cases, 2);
        QCOMPARE(failures, 1);
        QVERIFY(failureMessage.contains(QStringLiteral("expected to fire")));
    }
};

BINDERY_TEST_MAIN(TestBindingTests)
#include "test_binding_tests.moc"
