// SPDX-License-Identifier: Apache-2.0
#include "argo/dispatch_case.h"
#include "argo/dispatcher.h"
#include "bindery_test.h"

#include <thread>

using namespace bindery::argo;
using namespace Qt::Literals::StringLiterals;

namespace {

const char *kTemplate = "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: tmpl}\n---\n";

std::string binding(const std::string &name, const std::string &selector, const std::string &submit = {})
{
    std::string s = "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata: {name: " + name +
                    "}\nspec:\n  event:\n    selector: '" + selector + "'\n";
    if (!submit.empty())
        s += "  submit:\n" + submit;
    return s + "---\n";
}

std::string submitTmpl(const std::string &extra = {})
{
    return "    workflowTemplateRef: {name: tmpl}\n" + extra;
}

std::string param(const std::string &name, const std::string &event)
{
    return "    arguments:\n      parameters:\n      - name: " + name + "\n        valueFrom:\n          event: '" + event + "'\n";
}

DispatchResult run(const std::string &manifests, const std::string &body, RequestContext context = {},
                   ListOrder order = ListOrder::Name)
{
    const Dispatcher d(Catalog::fromManifests(loadManifests(manifests), {"argo", order}));
    return d.dispatch(Event{"argo", "", {}, body}, context);
}

QByteArray events(const DispatchResult &r)
{
    QByteArray out;
    for (const auto &e : r.events)
        out += QByteArray::fromStdString(e.bindingName + ": " + e.message) + '\n';
    return out;
}

} // namespace

class TestDispatcher : public QObject
{
    Q_OBJECT
private slots:
    void parameters_data()
    {
        QTest::addColumn<QByteArray>("expression");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("string") << "payload.s"_ba << "{\"s\":\"bar\"}"_ba << "bar"_ba;
        QTest::newRow("percent") << "payload.s"_ba << "{\"s\":\"My%Test%\"}"_ba << "My%Test%"_ba;
        QTest::newRow("html unescaped") << "payload.s"_ba << "{\"s\":\"<a&b>\"}"_ba << "<a&b>"_ba;
        QTest::newRow("quotes keep backslashes") << "payload.s"_ba << "{\"s\":\"he said \\\"hi\\\"\"}"_ba
                                                 << "he said \\\"hi\\\""_ba;
        QTest::newRow("newline escaped") << "payload.s"_ba << "{\"s\":\"a\\nb\"}"_ba << "a\\nb"_ba;
        QTest::newRow("number") << "payload.n"_ba << "{\"n\":42}"_ba << "42"_ba;
        QTest::newRow("float") << "payload.n"_ba << "{\"n\":1.5}"_ba << "1.5"_ba;
        QTest::newRow("large") << "payload.n"_ba << "{\"n\":1e21}"_ba << "1e+21"_ba;
        QTest::newRow("small") << "payload.n"_ba << "{\"n\":1e-7}"_ba << "1e-7"_ba;
        QTest::newRow("1e20") << "payload.n"_ba << "{\"n\":1e20}"_ba << "100000000000000000000"_ba;
        QTest::newRow("bool") << "payload.b"_ba << "{\"b\":true}"_ba << "true"_ba;
        QTest::newRow("missing") << "payload.nothing"_ba << "{}"_ba << "null"_ba;
        QTest::newRow("map sorted") << "payload.m"_ba << "{\"m\":{\"z\":1,\"a\":\"<\"}}"_ba << "{\"a\":\"<\",\"z\":1}"_ba;
        QTest::newRow("list") << "payload.l"_ba << "{\"l\":[\"one\",2]}"_ba << "[\"one\",2]"_ba;
        QTest::newRow("constant") << "\"const\""_ba << "{}"_ba << "const"_ba;
    }
    void parameters()
    {
        QFETCH(QByteArray, expression);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, value);
        const auto r = run(kTemplate + binding("b", "true", submitTmpl(param("p", expression.toStdString()))),
                           body.toStdString());
        QCOMPARE(events(r), QByteArray());
        QCOMPARE(r.workflows.size(), std::size_t(1));
        QCOMPARE(QByteArray::fromStdString(r.workflows[0].parameters.at(0).value), value);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("manifests");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("events");
        QTest::newRow("empty selector")
            << "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata: {name: m}\n"_ba << "{}"_ba
            << "m: failed to dispatch event: failed to evaluate workflow template expression: unexpected token EOF\n"_ba;
        QTest::newRow("not a bool") << QByteArray::fromStdString(binding("b", "\"garbage\"")) << "{}"_ba
                                    << "b: failed to dispatch event: failed to evaluate workflow template expression: "
                                       "unable to cast expression result 'garbage' to bool\n"_ba;
        QTest::newRow("int result") << QByteArray::fromStdString(binding("b", "1")) << "{}"_ba
                                    << "b: failed to dispatch event: failed to evaluate workflow template expression: "
                                       "unable to cast expression result '%!s(int=1)' to bool\n"_ba;
        QTest::newRow("template not found")
            << QByteArray::fromStdString(binding("b", "true", "    workflowTemplateRef: {name: nope}\n")) << "{}"_ba
            << "b: failed to dispatch event: failed to get workflow template: workflowtemplates.argoproj.io \"nope\" not found\n"_ba;
        QTest::newRow("cluster template not found")
            << QByteArray::fromStdString(binding("b", "true", "    workflowTemplateRef: {name: tmpl, clusterScope: true}\n"))
            << "{}"_ba
            << "b: failed to dispatch event: failed to get workflow template: clusterworkflowtemplates.argoproj.io \"tmpl\" not found\n"_ba;
        QTest::newRow("value without valueFrom")
            << QByteArray::fromStdString(kTemplate + binding("b", "true", submitTmpl("    arguments:\n      parameters:\n      - {name: x, value: v}\n")))
            << "{}"_ba << "b: failed to dispatch event: malformed workflow template parameter \"x\": valueFrom is nil\n"_ba;
        QTest::newRow("name must be a string")
            << QByteArray::fromStdString(kTemplate + binding("b", "true", submitTmpl("    metadata:\n      name: payload.n\n")))
            << "{\"n\":1}"_ba << "b: failed to dispatch event: workflow name expression must evaluate to a string, not a float64\n"_ba;
        QTest::newRow("invalid label value")
            << QByteArray::fromStdString(kTemplate + binding("b", "true", submitTmpl("    metadata:\n      labels:\n        l: '\"a b\"'\n")))
            << "{}"_ba
            << "b: failed to dispatch event: failed to create workflow: Workflow.argoproj.io \"tmpl-?????\" is invalid: "
               "metadata.labels: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric "
               "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
               "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n"_ba;
        QTest::newRow("fixed name twice")
            << QByteArray::fromStdString(kTemplate + binding("a", "true", submitTmpl("    metadata:\n      name: '\"same\"'\n")) +
                                         binding("b", "true", submitTmpl("    metadata:\n      name: '\"same\"'\n")))
            << "{}"_ba
            << "b: failed to dispatch event: failed to create workflow: workflows.argoproj.io \"same\" already exists\n"_ba;
        QTest::newRow("transient text retried")
            << QByteArray::fromStdString(binding("b", "payload.s")) << "{\"s\":\"etcdserver: leader changed\"}"_ba
            << "b: failed to dispatch event: timed out waiting for the condition: failed to evaluate workflow template "
               "expression: unable to cast expression result 'etcdserver: leader changed' to bool\n"_ba;
        QTest::newRow("NaN parameter")
            << QByteArray::fromStdString(kTemplate + binding("b", "true", submitTmpl(param("p", "0/0")))) << "{}"_ba
            << "b: failed to dispatch event: failed to convert result to JSON \"p\" expression: json: unsupported value: NaN\n"_ba;
    }
    void errors()
    {
        QFETCH(QByteArray, manifests);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, events);
        const auto r = run(manifests.toStdString(), body.toStdString());
        QCOMPARE(::events(r), events);
        QCOMPARE(r.httpStatus, 500);
        QVERIFY(QByteArray::fromStdString(r.responseBody).startsWith("{\"code\":13,\"message\":\"failed to dispatch event: ["));
    }

    void workflowBuiltInArgoOrder()
    {
        const std::string manifests =
            "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata:\n  name: tmpl\n  labels:\n"
            "    workflows.argoproj.io/controller-instanceid: iid\nspec:\n  workflowMetadata:\n    labels: {env: tmpl, "
            "workflows.argoproj.io/creator: someone}\n    annotations: {note: tmpl}\n---\n"
            "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: my-binding\n  labels:\n"
            "    workflows.argoproj.io/controller-instanceid: iid\nspec:\n  event: {selector: 'true'}\n  submit:\n"
            "    workflowTemplateRef: {name: tmpl}\n    metadata:\n      generateName: '\"gen-\" + payload.x + \"-\"'\n"
            "      labels:\n        env: '\"binding\"'\n        workflows.argoproj.io/workflow-event-binding: '\"user\"'\n";
        RequestContext context;
        context.instanceId = "iid";
        context.claims = Claims{"system:serviceaccount:argo:github.com", "a@b.com", ""};
        const auto r = run(manifests, "{\"x\":\"y\"}", context);
        QCOMPARE(events(r), QByteArray());
        QCOMPARE(r.responseBody, std::string("{}"));
        QCOMPARE(r.workflows.size(), std::size_t(1));
        QCOMPARE(QByteArray::fromStdString(toJson(r.workflows[0])),
                 "{\"apiVersion\":\"argoproj.io/v1alpha1\",\"kind\":\"Workflow\",\"metadata\":{\"name\":\"gen-y-?????\","
                 "\"generateName\":\"gen-y-\",\"namespace\":\"argo\",\"labels\":{\"env\":\"binding\","
                 "\"workflows.argoproj.io/controller-instanceid\":\"iid\",\"workflows.argoproj.io/creator\":"
                 "\"system-serviceaccount-argo-github.com\",\"workflows.argoproj.io/creator-email\":\"a.at.b.com\","
                 "\"workflows.argoproj.io/workflow-event-binding\":\"my-binding\",\"workflows.argoproj.io/workflow-template\":"
                 "\"tmpl\"},\"annotations\":{\"note\":\"tmpl\"}},\"spec\":{\"workflowTemplateRef\":{\"name\":\"tmpl\"},"
                 "\"arguments\":{}}}"_ba);
    }

    void instanceIdFiltering()
    {
        const std::string labelled = "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata:\n  name: l\n"
                                     "  labels: {workflows.argoproj.io/controller-instanceid: iid}\nspec: {event: {selector: 'bad!!'}}\n";
        // No instance ID: the labelled binding is invisible, so its broken selector never runs.
        auto r = run(labelled, "{}");
        QCOMPARE(r.httpStatus, 200);
        QCOMPARE(r.outcomes.size(), std::size_t(1));
        QCOMPARE(r.outcomes[0].status, BindingStatus::Filtered);
        RequestContext context;
        context.instanceId = "iid";
        r = run(labelled, "{}", context);
        QCOMPARE(r.httpStatus, 500);
    }

    void oneFailureDoesNotStopOthers()
    {
        const auto r = run(kTemplate + binding("alpha", "true", submitTmpl()) + binding("beta", "payload.x.y == 1") +
                               binding("gamma", "true", submitTmpl()),
                           "{}");
        QCOMPARE(r.workflows.size(), std::size_t(2));
        QCOMPARE(r.events.size(), std::size_t(1));
        QCOMPARE(r.httpStatus, 500);
        QCOMPARE(r.outcomes.size(), std::size_t(3));
        QCOMPARE(r.outcomes[1].status, BindingStatus::Error);
    }

    void invalidBodyIs400()
    {
        const auto r = run(kTemplate + binding("b", "true", submitTmpl()), "{oops");
        QCOMPARE(r.httpStatus, 400);
        QCOMPARE(r.responseBody, std::string("{\"code\":3,\"message\":\"invalid character 'o' looking for beginning of object key string\"}"));
        QVERIFY(r.workflows.empty());
    }

    void randomSuffix()
    {
        DispatcherOptions options;
        options.nameSuffix = NameSuffix::Random;
        const Dispatcher d(Catalog::fromManifests(loadManifests(kTemplate + binding("b", "true", submitTmpl()))), options);
        const auto r = d.dispatch(Event{"argo", "", {}, "{}"}, {});
        QCOMPARE(r.workflows.size(), std::size_t(1));
        const QByteArray name = QByteArray::fromStdString(r.workflows[0].name);
        QVERIFY(name.startsWith("tmpl-"));
        QCOMPARE(name.size(), 10);
        for (char c : name.mid(5))
            QVERIFY((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
    }

    void concurrentDispatchAndBoundedCache()
    {
        DispatcherOptions options;
        options.cache = std::make_shared<SelectorCache>(8);
        std::string manifests = kTemplate;
        for (int i = 0; i < 20; ++i)
            manifests += binding("b" + std::to_string(i), "payload.n == " + std::to_string(i), submitTmpl(param("p", "payload.n")));
        const Dispatcher d(Catalog::fromManifests(loadManifests(manifests)), options);
        std::vector<std::thread> threads;
        std::atomic<int> wrong{0};
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 50; ++i) {
                    const int n = (t * 7 + i) % 20;
                    const auto r = d.dispatch(Event{"argo", "", {}, "{\"n\":" + std::to_string(n) + "}"}, {});
                    if (r.workflows.size() != 1 || r.workflows[0].bindingName != "b" + std::to_string(n) ||
                        r.workflows[0].parameters[0].value != std::to_string(n))
                        ++wrong;
                }
            });
        }
        for (auto &t : threads)
            t.join();
        QCOMPARE(wrong.load(), 0);
        QVERIFY(options.cache->size() <= 8);
        QVERIFY(options.cache->misses() > 0);
    }

    void caseLine()
    {
        const std::string line =
            "{\"id\":\"c1\",\"namespace\":\"argo\",\"discriminator\":\"\",\"headers\":{\"X-A\":[\"1\",\"2\"]},"
            "\"payload\":{\"n\": 1.50},\"creator\":{\"sub\":\"me\"},\"manifests\":" "\"apiVersion: argoproj.io/v1alpha1\\n"
            "kind: WorkflowTemplate\\nmetadata: {name: tmpl}\\n---\\napiVersion: argoproj.io/v1alpha1\\nkind: "
            "WorkflowEventBinding\\nmetadata: {name: b}\\nspec:\\n  event: {selector: 'metadata[\\\"x-a\\\"] == [\\\"1\\\", \\\"2\\\"]'}\\n"
            "  submit:\\n    workflowTemplateRef: {name: tmpl}\\n\"}";
        std::string error;
        const auto c = parseDispatchCase(line, &error);
        QVERIFY2(c.has_value(), error.c_str());
        QCOMPARE(c->event.body, std::string("{\"n\": 1.50}"));
        QCOMPARE(c->event.headers.size(), std::size_t(2));
        QCOMPARE(QByteArray::fromStdString(runDispatchCase(*c)),
                 "{\"id\":\"c1\",\"status\":200,\"body\":{},\"rawBody\":\"{}\",\"workflows\":[{\"apiVersion\":"
                 "\"argoproj.io/v1alpha1\",\"kind\":\"Workflow\",\"metadata\":{\"name\":\"tmpl-?????\",\"generateName\":"
                 "\"tmpl-\",\"namespace\":\"argo\",\"labels\":{\"workflows.argoproj.io/creator\":\"me\","
                 "\"workflows.argoproj.io/workflow-event-binding\":\"b\",\"workflows.argoproj.io/workflow-template\":"
                 "\"tmpl\"}},\"spec\":{\"workflowTemplateRef\":{\"name\":\"tmpl\"},\"arguments\":{}}}],\"events\":[]}"_ba);
        QVERIFY(!parseDispatchCase("[1,2]", &error).has_value());
    }

    void helpers()
    {
        QCOMPARE(dnsFriendly("system:serviceaccount:argo:github.com"), std::string("system-serviceaccount-argo-github.com"));
        QCOMPARE(dnsFriendly("@@@"), std::string());
        QCOMPARE(dnsFriendly(std::string(70, 'a') + "-"), std::string(62, 'a'));
        QVERIFY(isTransientErrorText("x: connect: connection refused"));
        QVERIFY(!isTransientErrorText("not found"));
        QVERIFY(isTransientErrorText("custom boom", "boo+m"));
    }
};

BINDERY_TEST_MAIN(TestDispatcher)
#include "test_dispatcher.moc"
