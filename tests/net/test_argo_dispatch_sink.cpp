// SPDX-License-Identifier: Apache-2.0
// The endpoint with the real dispatcher: Workflows created, sync 500 with Argo's aggregated
// message, RBAC on the template Get and the Create, and the simulated cluster filled.
#include "bindery_test.h"
#include "http_test_client.h"
#include "argo/dispatcher.h"
#include "argo/manifest.h"
#include "net/argo_dispatch_sink.h"
#include "net/event_server.h"

using namespace bindery::net;
namespace argo = bindery::argo;
using bindery::test::HttpTestClient;
using bindery::test::post;

namespace {

const char *kManifests =
    "apiVersion: argoproj.io/v1alpha1\n"
    "kind: WorkflowTemplate\n"
    "metadata: {name: greeter, namespace: argo}\n"
    "spec: {entrypoint: main, templates: [{name: main, container: {image: alpine}}]}\n"
    "---\n"
    "apiVersion: argoproj.io/v1alpha1\n"
    "kind: WorkflowEventBinding\n"
    "metadata: {name: greet, namespace: argo}\n"
    "spec:\n"
    "  event: {selector: 'payload.name startsWith \"a\"'}\n"
    "  submit:\n"
    "    workflowTemplateRef: {name: greeter}\n"
    "    arguments: {parameters: [{name: who, valueFrom: {event: payload.name}}]}\n";

std::shared_ptr<EventSink> makeSink()
{
    argo::ManifestSet set = argo::loadManifests(kManifests, "test.yaml");
    argo::DispatcherOptions options;
    options.nameSuffix = argo::NameSuffix::Random;
    return std::make_shared<ArgoDispatchSink>(
        std::make_shared<const argo::Dispatcher>(argo::Catalog::fromManifests(set), options));
}

} // namespace

class TestArgoDispatchSink : public QObject
{
    Q_OBJECT
private slots:
    void endToEnd_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("messagePart");
        QTest::addColumn<int>("workflows");
        QTest::newRow("anonymous submits") << QByteArray() << QByteArray("{\"name\":\"ann\"}") << 200 << QString() << 1;
        QTest::newRow("no match") << QByteArray() << QByteArray("{\"name\":\"\"}") << 200 << QString() << 0;
        QTest::newRow("selector error") << QByteArray() << QByteArray("{\"name\":1}") << 500
                                        << QStringLiteral("failed to dispatch event: [failed to evaluate workflow template expression:") << 0;
        QTest::newRow("cannot get templates") << QByteArray("nogets") << QByteArray("{\"name\":\"ann\"}") << 500
                                              << QStringLiteral("failed to get workflow template: workflowtemplates.argoproj.io \\\"greeter\\\" is forbidden: User \\\"system:serviceaccount:argo:ci\\\" cannot get resource") << 0;
        QTest::newRow("cannot create") << QByteArray("nocreate") << QByteArray("{\"name\":\"ann\"}") << 500
                                       << QStringLiteral("failed to create workflow: workflows.argoproj.io is forbidden") << 0;
    }
    void endToEnd()
    {
        QFETCH(QByteArray, token);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(QString, messagePart);
        QFETCH(int, workflows);
        EventServerConfig config;
        if (!token.isEmpty()) {
            QString error;
            config.tokens = std::make_shared<const TokenAuth>(*TokenAuth::fromYaml(
                "tokens:\n"
                "  - {token: nogets, serviceAccount: ci, namespaces: [argo], can: [listBindings, createWorkflows]}\n"
                "  - {token: nocreate, serviceAccount: ci, namespaces: [argo], can: [listBindings, getTemplates]}\n",
                &error));
        }
        EventServer server;
        server.setSink(makeSink());
        QString error;
        QVERIFY2(server.start(config, &error), qPrintable(error));
        HttpTestClient client(server.port());
        const auto r = client.roundTrip(post("/api/v1/events/argo/", body,
                                             token.isEmpty() ? QByteArray() : "Authorization: Bearer " + token + "\r\n"));
        QVERIFY(r);
        QCOMPARE(r->status, status);
        if (!messagePart.isEmpty())
            QVERIFY2(r->body.contains(messagePart.toUtf8()), r->body.constData());
        QCOMPARE(server.cluster()->workflowCount(), workflows);
        if (workflows) {
            const auto list = client.roundTrip("GET /api/v1/workflows/argo?listOptions.labelSelector=workflows.argoproj.io%2Fworkflow-template%3Dgreeter HTTP/1.1\r\nHost: t\r\n\r\n");
            QVERIFY2(list->body.contains("\"generateName\":\"greeter-\""), list->body.constData());
            QVERIFY(list->body.contains("\"value\":\"ann\""));
        }
    }
};

BINDERY_TEST_MAIN(TestArgoDispatchSink)
#include "test_argo_dispatch_sink.moc"
