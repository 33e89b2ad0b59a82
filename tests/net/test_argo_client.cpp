// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "net/argo_client.h"
#include "net/catalog_sink.h"
#include "net/workflow_comparison.h"
#include "http_test_client.h"
#include "net_test_server.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>

using namespace bindery::net;
using bindery::test::FunctionSink;

namespace {

ArgoResult waitFor(ArgoCall *call)
{
    QSignalSpy spy(call, &ArgoCall::finished);
    if (!call->isFinished())
        spy.wait(15000);
    return call->result();
}

QJsonObject manifest(const QString &kind, const QString &name, const QString &ns = QStringLiteral("argo"))
{
    QJsonObject meta{{QStringLiteral("name"), name}};
    if (!ns.isEmpty())
        meta.insert(QStringLiteral("namespace"), ns);
    return QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("argoproj.io/v1alpha1")},
                       {QStringLiteral("kind"), kind},
                       {QStringLiteral("metadata"), meta},
                       {QStringLiteral("spec"), QJsonObject{}}};
}

QJsonObject withParameters(QJsonObject manifest, const QStringList &parameters)
{
    QJsonArray ps;
    for (const QString &p : parameters)
        ps.append(QJsonObject{{QStringLiteral("name"), p}});
    manifest.insert(QStringLiteral("spec"),
                    QJsonObject{{QStringLiteral("arguments"), QJsonObject{{QStringLiteral("parameters"), ps}}}});
    return manifest;
}

// A binding on discriminator "push" submitting template `later` with parameter who = payload.who.
const char *const kBinding = "apiVersion: argoproj.io/v1alpha1\n"
                             "kind: WorkflowEventBinding\n"
                             "metadata: {name: on-push, namespace: argo}\n"
                             "spec:\n"
                             "  event:\n"
                             "    selector: discriminator == 'push'\n"
                             "  submit:\n"
                             "    workflowTemplateRef: {name: later}\n"
                             "    arguments:\n"
                             "      parameters:\n"
                             "        - name: who\n"
                             "          valueFrom: {event: payload.who}\n";

} // namespace

class TestArgoClient : public QObject
{
    Q_OBJECT
    std::shared_ptr<FunctionSink> sink;
    std::unique_ptr<EventServer> server;

    void startServer(const EventServerConfig &config)
    {
        server = std::make_unique<EventServer>();
        sink = std::make_shared<FunctionSink>([](const IncomingEvent &, const EventContext &) { return DispatchOutcome{}; });
        server->setSink(sink);
        QString error;
        QVERIFY2(server->start(config, &error), qPrintable(error));
    }
    ConnectionOptions local(const QByteArray &token = {}) const
    {
        ConnectionOptions o;
        o.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server->port()));
        o.token = token;
        o.timeoutMs = 5000;
        return o;
    }

private slots:
    void cleanup()
    {
        if (server)
            server->stop();
        server.reset();
    }

    void authorizationHeader_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("bare") << QByteArray("abc") << QByteArray("Bearer abc");
        QTest::newRow("ARGO_TOKEN style") << QByteArray("Bearer abc") << QByteArray("Bearer abc");
        QTest::newRow("spaces trimmed") << QByteArray("  abc\n") << QByteArray("Bearer abc");
        QTest::newRow("none") << QByteArray() << QByteArray();
    }
    void authorizationHeader()
    {
        QFETCH(QByteArray, token);
        QFETCH(QByteArray, header);
        QCOMPARE(authorizationFor(token), header);
    }

    // Tokens: right (with or without "Bearer "), wrong (401 with Argo's message), not allowed here (403).
    void postEvent_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("ns");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("message");
        QTest::newRow("token") << QByteArray("s3cr3t") << "argo" << 200 << int(NetErrorKind::None) << "";
        QTest::newRow("ARGO_TOKEN") << QByteArray("Bearer s3cr3t") << "argo" << 200 << int(NetErrorKind::None) << "";
        QTest::newRow("wrong token") << QByteArray("nope") << "argo" << 401 << int(NetErrorKind::Unauthorized)
                                     << "token not valid";
        QTest::newRow("other namespace") << QByteArray("s3cr3t") << "prod" << 403 << int(NetErrorKind::Forbidden)
                                         << "forbidden";
    }
    void postEvent()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, ns);
        QFETCH(int, status);
        QFETCH(int, error);
        QFETCH(QString, message);
        QString e;
        const auto tokens = TokenAuth::fromYaml("tokens:\n  - token: \"s3cr3t\"\n    serviceAccount: demo\n"
                                                "    namespaces: [\"argo\"]\n",
                                                &e);
        QVERIFY2(tokens, qPrintable(e));
        EventServerConfig config;
        config.tokens = std::make_shared<TokenAuth>(*tokens);
        startServer(config);
        ArgoClient client;
        client.setOptions(local(token));
        std::unique_ptr<ArgoCall> call(client.postEvent(ns, QStringLiteral("d"), {{"X-Argo-E2E", "true"}, {"Host", "x"}},
                                                        "{\"a\":1}"));
        const ArgoResult r = waitFor(call.get());
        QCOMPARE(r.status, status);
        QCOMPARE(int(r.error), error);
        QVERIFY2(r.message.contains(message), qPrintable(r.message));
        QVERIFY(r.latencyUs > 0);
        if (status == 200)
            QCOMPARE(r.body, QByteArray("{}"));
    }

    void connectionErrors()
    {
        ArgoClient client;
        ConnectionOptions o;
        o.timeoutMs = 5000;
        // Refused: a port that was just freed.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        o.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(probe.serverPort()));
        probe.close();
        client.setOptions(o);
        std::unique_ptr<ArgoCall> refused(client.postEvent(QStringLiteral("argo"), {}, {}, "{}"));
        QCOMPARE(waitFor(refused.get()).error, NetErrorKind::Refused);
        // DNS: the reserved .invalid top-level domain never resolves.
        o.baseUrl = QUrl(QStringLiteral("http://no-such-host.invalid:2746"));
        client.setOptions(o);
        std::unique_ptr<ArgoCall> dns(client.postEvent(QStringLiteral("argo"), {}, {}, "{}"));
        QCOMPARE(waitFor(dns.get()).error, NetErrorKind::Dns);
        // Invalid base URL: reported asynchronously, like every other result.
        o.baseUrl = QUrl(QStringLiteral("argo-server:2746"));
        client.setOptions(o);
        std::unique_ptr<ArgoCall> invalid(client.postEvent(QStringLiteral("argo"), {}, {}, "{}"));
        QVERIFY(!invalid->isFinished());
        QCOMPARE(waitFor(invalid.get()).error, NetErrorKind::InvalidUrl);
        // Timeout: a server that accepts and never answers.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        o.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
        o.timeoutMs = 300;
        client.setOptions(o);
        std::unique_ptr<ArgoCall> slow(client.postEvent(QStringLiteral("argo"), {}, {}, "{}"));
        QCOMPARE(waitFor(slow.get()).error, NetErrorKind::Timeout);
        // Abort.
        std::unique_ptr<ArgoCall> aborted(client.postEvent(QStringLiteral("argo"), {}, {}, "{}"));
        aborted->abort();
        QVERIFY(aborted->isFinished());
        QCOMPARE(aborted->result().error, NetErrorKind::Aborted);
    }

    void tls()
    {
        QTemporaryDir dir;
        bindery::test::TestCertificate cert;
        if (!cert.make(dir))
            QSKIP("the openssl CLI is not available to make a test certificate");
        EventServerConfig config;
        cert.apply(config.http);
        startServer(config);
        ArgoClient client;
        ConnectionOptions o = local();
        o.baseUrl.setScheme(QStringLiteral("https"));
        client.setOptions(o);
        std::unique_ptr<ArgoCall> untrusted(client.postEvent(QStringLiteral("argo"), {}, {}, "{}"));
        const ArgoResult r1 = waitFor(untrusted.get());
        QCOMPARE(r1.error, NetErrorKind::Tls);
        QVERIFY(r1.message.contains(QLatin1String("TLS handshake")));
        o.caFile = cert.certPath;
        client.setOptions(o);
        std::unique_ptr<ArgoCall> trusted(client.postEvent(QStringLiteral("argo"), {}, {}, "{}"));
        const ArgoResult r2 = waitFor(trusted.get());
        QVERIFY2(r2.status == 200, qPrintable(r2.message));
        o.caFile = dir.filePath(QStringLiteral("missing.pem"));
        client.setOptions(o);
        std::unique_ptr<ArgoCall> badCa(client.postEvent(QStringLiteral("argo"), {}, {}, "{}"));
        QCOMPARE(waitFor(badCa.get()).error, NetErrorKind::InvalidUrl);
    }

    // Lists come back as manifests (apiVersion/kind restored) ready for a workspace.
    void lists()
    {
        startServer(EventServerConfig());
        server->cluster()->setResources({manifest(QStringLiteral("WorkflowTemplate"), QStringLiteral("t1"))},
                                        {manifest(QStringLiteral("ClusterWorkflowTemplate"), QStringLiteral("c1"), {})},
                                        {manifest(QStringLiteral("WorkflowEventBinding"), QStringLiteral("b1"))});
        ArgoClient client;
        client.setOptions(local());
        client.setNamespace(QStringLiteral("argo"));
        struct Case {
            ArgoCall *call;
            QString kind, name;
        };
        for (const Case &c : {Case{client.listWorkflowTemplates(), QStringLiteral("WorkflowTemplate"), QStringLiteral("t1")},
                              Case{client.listClusterWorkflowTemplates(), QStringLiteral("ClusterWorkflowTemplate"), QStringLiteral("c1")},
                              Case{client.listWorkflowEventBindings(), QStringLiteral("WorkflowEventBinding"), QStringLiteral("b1")}}) {
            std::unique_ptr<ArgoCall> call(c.call);
            const ArgoResult r = waitFor(call.get());
            QVERIFY2(r.ok(), qPrintable(r.message));
            const QList<QJsonObject> items = call->items();
            QCOMPARE(items.size(), 1);
            QCOMPARE(items[0].value(QLatin1String("kind")).toString(), c.kind);
            QCOMPARE(items[0].value(QLatin1String("apiVersion")).toString(), QStringLiteral("argoproj.io/v1alpha1"));
            QCOMPARE(items[0].value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString(), c.name);
        }
    }

    // The Workflows an event created, by label and creation time; and the watch stream.
    void workflowsAndWatch_data()
    {
        QTest::addColumn<bool>("serverSentEvents");
        QTest::newRow("text/event-stream") << true;
        QTest::newRow("newline-delimited JSON") << false;
    }
    void workflowsAndWatch()
    {
        QFETCH(bool, serverSentEvents);
        startServer(EventServerConfig());
        ArgoClient client;
        client.setOptions(local());
        ArgoWatch *watch = client.watchWorkflows(QStringLiteral("argo"), {}, serverSentEvents);
        QSignalSpy opened(watch, &ArgoWatch::opened);
        QSignalSpy events(watch, &ArgoWatch::event);
        QVERIFY(opened.wait(5000));
        const QDateTime before = QDateTime::currentDateTimeUtc();
        QJsonObject wf = manifest(QStringLiteral("Workflow"), QStringLiteral("wf-abcde"));
        QJsonObject meta = wf.value(QLatin1String("metadata")).toObject();
        meta.insert(QStringLiteral("labels"),
                    QJsonObject{{QStringLiteral("workflows.argoproj.io/workflow-event-binding"), QStringLiteral("b1")}});
        wf.insert(QStringLiteral("metadata"), meta);
        server->cluster()->addWorkflow(wf);
        server->cluster()->addWorkflow(manifest(QStringLiteral("Workflow"), QStringLiteral("unrelated")));
        QTRY_COMPARE_WITH_TIMEOUT(events.size(), 2, 5000);
        QCOMPARE(events[0][0].toString(), QStringLiteral("ADDED"));
        QCOMPARE(events[0][1].toJsonObject().value(QLatin1String("metadata")).toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("wf-abcde"));
        QSignalSpy closed(watch, &ArgoWatch::closed);
        watch->stop();
        QCOMPARE(closed.size(), 1);

        std::unique_ptr<ArgoCall> found(client.findWorkflowsFromEvent(QStringLiteral("argo"), before));
        QVERIFY(waitFor(found.get()).ok());
        QCOMPARE(found->items().size(), 1); // only the labelled one
        std::unique_ptr<ArgoCall> byBinding(client.findWorkflowsFromEvent(QStringLiteral("argo"), before, QStringLiteral("zz")));
        QVERIFY(waitFor(byBinding.get()).ok());
        QCOMPARE(byBinding->items().size(), 0);
        std::unique_ptr<ArgoCall> later(client.findWorkflowsFromEvent(QStringLiteral("argo"), before.addSecs(3600)));
        QVERIFY(waitFor(later.get()).ok());
        QCOMPARE(later->items().size(), 0);
    }

    // createOrUpdateWorkflowTemplate against Bindery's own server: create, then update (POST 409,
    // GET for the resourceVersion, PUT), with the permissions a tokens file can withhold.
    void createOrUpdateTemplate_data()
    {
        QTest::addColumn<QString>("can"); // the token's "can" list ("" = every permission)
        QTest::addColumn<bool>("exists");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("generation");
        QTest::addColumn<QString>("message");
        QTest::newRow("create") << QString() << false << 200 << 1 << QString();
        QTest::newRow("update") << QString() << true << 200 << 2 << QString();
        QTest::newRow("create without createTemplates")
            << QStringLiteral("getTemplates, updateTemplates") << false << 403 << 0
            << QStringLiteral("cannot create resource \"workflowtemplates\"");
        QTest::newRow("update without updateTemplates")
            << QStringLiteral("getTemplates, createTemplates") << true << 403 << 0
            << QStringLiteral("User \"system:serviceaccount:argo:writer\" cannot update resource \"workflowtemplates\"");
        QTest::newRow("create only, new") << QStringLiteral("createTemplates") << false << 200 << 1 << QString();
    }
    void createOrUpdateTemplate()
    {
        QFETCH(QString, can);
        QFETCH(bool, exists);
        QFETCH(int, status);
        QFETCH(int, generation);
        QFETCH(QString, message);
        QString e;
        QByteArray yaml = "tokens:\n  - token: \"w\"\n    serviceAccount: writer\n";
        if (!can.isEmpty())
            yaml += "    can: [" + can.toUtf8() + "]\n";
        const auto tokens = TokenAuth::fromYaml(yaml, &e);
        QVERIFY2(tokens, qPrintable(e));
        EventServerConfig config;
        config.tokens = std::make_shared<TokenAuth>(*tokens);
        startServer(config);
        if (exists) {
            const auto seeded = server->cluster()->createTemplate(QStringLiteral("argo"),
                                                                  manifest(QStringLiteral("WorkflowTemplate"), QStringLiteral("t")));
            QVERIFY(seeded.error == SimulatedCluster::WriteResult::Error::None);
        }
        ArgoClient client;
        client.setOptions(local("w"));
        const QJsonObject wanted = withParameters(manifest(QStringLiteral("WorkflowTemplate"), QStringLiteral("t")), {QStringLiteral("p")});
        std::unique_ptr<ArgoCall> call(client.createOrUpdateWorkflowTemplate(QStringLiteral("argo"), wanted));
        const ArgoResult r = waitFor(call.get());
        QCOMPARE(r.status, status);
        QVERIFY2(r.message.contains(message), qPrintable(r.message));
        const auto stored = server->cluster()->getTemplate(QStringLiteral("argo"), QStringLiteral("t"));
        if (status != 200) {
            QCOMPARE(r.json.object().value(QLatin1String("code")).toInt(), 7); // PermissionDenied
            QCOMPARE(stored.has_value(), exists);
            if (stored)
                QVERIFY(!stored->value(QLatin1String("spec")).toObject().contains(QLatin1String("arguments")));
            return;
        }
        const QJsonObject answer = r.json.object();
        const QJsonObject meta = answer.value(QLatin1String("metadata")).toObject();
        QCOMPARE(meta.value(QLatin1String("name")).toString(), QStringLiteral("t"));
        QCOMPARE(meta.value(QLatin1String("namespace")).toString(), QStringLiteral("argo"));
        QCOMPARE(meta.value(QLatin1String("generation")).toInt(), generation);
        QVERIFY(!meta.value(QLatin1String("uid")).toString().isEmpty());
        QVERIFY(!meta.value(QLatin1String("resourceVersion")).toString().isEmpty());
        QVERIFY(QDateTime::fromString(meta.value(QLatin1String("creationTimestamp")).toString(), Qt::ISODate).isValid());
        QVERIFY(stored);
        QCOMPARE(stored->value(QLatin1String("spec")), wanted.value(QLatin1String("spec")));
        QCOMPARE(*stored, answer);
    }

    // The REST write routes' answers in Argo's shapes ({"code","message"}), over a raw socket.
    void templateWriteErrors_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const auto put = [](const QByteArray &path, const QByteArray &body) -> QByteArray {
            return "PUT " + path + " HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: "
                   + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        };
        const auto post = [](const QByteArray &path, const QByteArray &body) -> QByteArray {
            return "POST " + path + " HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: "
                   + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        };
        QTest::newRow("create existing: AlreadyExists")
            << post("/api/v1/workflow-templates/argo", "{\"template\":{\"metadata\":{\"name\":\"seed\"}}}") << 409 << 6
            << QStringLiteral("workflowtemplates.argoproj.io \"seed\" already exists");
        QTest::newRow("update missing: NotFound")
            << put("/api/v1/workflow-templates/argo/nope", "{\"template\":{\"metadata\":{\"name\":\"nope\"}}}") << 404 << 5
            << QStringLiteral("workflowtemplates.argoproj.io \"nope\" not found");
        QTest::newRow("get missing: NotFound")
            << QByteArray("GET /api/v1/workflow-templates/argo/nope HTTP/1.1\r\nHost: t\r\n\r\n") << 404 << 5
            << QStringLiteral("workflowtemplates.argoproj.io \"nope\" not found");
        QTest::newRow("update stale resourceVersion: conflict")
            << put("/api/v1/workflow-templates/argo/seed",
                   "{\"template\":{\"metadata\":{\"name\":\"seed\",\"resourceVersion\":\"1\"}}}")
            << 409 << 6 << QStringLiteral("Operation cannot be fulfilled on workflowtemplates.argoproj.io \"seed\": the object has been modified");
        QTest::newRow("other namespace in the body")
            << post("/api/v1/workflow-templates/argo", "{\"template\":{\"metadata\":{\"name\":\"x\",\"namespace\":\"prod\"}}}")
            << 400 << 3 << QStringLiteral("does not match the namespace sent on the request");
        QTest::newRow("no name") << post("/api/v1/workflow-templates/argo", "{\"template\":{\"metadata\":{}}}") << 400 << 3
                                 << QStringLiteral("name or generateName is required");
        QTest::newRow("no template") << post("/api/v1/workflow-templates/argo", "{}") << 400 << 3
                                     << QStringLiteral("workflow template was not found in the request body");
        QTest::newRow("bad JSON") << post("/api/v1/workflow-templates/argo", "{\"template\":") << 400 << 3
                                  << QStringLiteral("invalid JSON");
        QTest::newRow("DELETE not served") << QByteArray("DELETE /api/v1/workflow-templates/argo/seed HTTP/1.1\r\nHost: t\r\n\r\n")
                                           << 501 << 12 << QStringLiteral("Method Not Allowed");
        QTest::newRow("generateName") << post("/api/v1/workflow-templates/argo", "{\"template\":{\"metadata\":{\"generateName\":\"gen-\"}}}")
                                      << 200 << 0 << QStringLiteral("\"name\":\"gen-");
    }
    void templateWriteErrors()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(int, code);
        QFETCH(QString, message);
        startServer(EventServerConfig());
        QVERIFY(server->cluster()->createTemplate(QStringLiteral("argo"), manifest(QStringLiteral("WorkflowTemplate"), QStringLiteral("seed"), {}))
                    .error == SimulatedCluster::WriteResult::Error::None);
        bindery::test::HttpTestClient raw(server->port());
        QVERIFY(raw.connected());
        const auto response = raw.roundTrip(request);
        QVERIFY(response);
        QCOMPARE(response->status, status);
        QCOMPARE(response->header("Content-Type"), QByteArray("application/json"));
        const QJsonObject body = QJsonDocument::fromJson(response->body).object();
        if (status != 200) {
            QCOMPARE(body.value(QLatin1String("code")).toInt(), code);
            QVERIFY2(body.value(QLatin1String("message")).toString().contains(message), response->body.constData());
        } else {
            QVERIFY2(QString::fromUtf8(response->body).contains(message), response->body.constData());
        }
    }

    // A template created through the REST API is used by the dispatch of a later event: the
    // endpoint's catalog (CatalogSink) takes every write before the write is answered.
    void createdTemplateIsDispatched()
    {
        server = std::make_unique<EventServer>();
        const bindery::argo::ManifestSet base = bindery::argo::loadManifests(kBinding, "binding.yaml");
        QVERIFY(!base.hasErrors());
        auto catalog = std::make_shared<CatalogSink>(base, bindery::argo::DispatcherOptions{});
        server->setSink(catalog);
        auto rejected = std::make_shared<std::atomic<int>>(0);
        // Runs on the server's I/O thread, before the write is answered (as `bindery-cli serve` wires it).
        QObject::connect(server->cluster(), &SimulatedCluster::templateWritten, server.get(),
                         [catalog, rejected](const QJsonObject &t) {
                             if (!catalog->applyTemplate(t))
                                 ++*rejected;
                         },
                         Qt::DirectConnection);
        QString error;
        QVERIFY2(server->start(EventServerConfig(), &error), qPrintable(error));
        ArgoClient client;
        client.setOptions(local());
        const QByteArray body = "{\"who\":\"Mr Chips\"}";
        std::unique_ptr<ArgoCall> before(client.postEvent(QStringLiteral("argo"), QStringLiteral("push"), {}, body));
        const ArgoResult r1 = waitFor(before.get());
        QCOMPARE(r1.status, 500);
        QVERIFY2(r1.message.contains(QLatin1String("workflowtemplates.argoproj.io \"later\" not found")), qPrintable(r1.message));
        QCOMPARE(server->cluster()->workflowCount(), 0);

        std::unique_ptr<ArgoCall> create(client.createOrUpdateWorkflowTemplate(
            QStringLiteral("argo"), withParameters(manifest(QStringLiteral("WorkflowTemplate"), QStringLiteral("later")), {QStringLiteral("who")})));
        QVERIFY2(waitFor(create.get()).ok(), qPrintable(create->result().message));
        QCOMPARE(rejected->load(), 0);

        // Watched as it is created: the stream filters on the binding's label.
        ArgoWatch *watch = client.watchWorkflows(QStringLiteral("argo"), kEventBindingLabel + QStringLiteral("=on-push"));
        QSignalSpy opened(watch, &ArgoWatch::opened);
        QSignalSpy watched(watch, &ArgoWatch::event);
        QVERIFY(opened.wait(5000));
        const QDateTime sent = QDateTime::currentDateTimeUtc();
        std::unique_ptr<ArgoCall> after(client.postEvent(QStringLiteral("argo"), QStringLiteral("push"), {}, body));
        QCOMPARE(waitFor(after.get()).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(watched.size(), 1, 5000);
        QCOMPARE(watched[0][0].toString(), QStringLiteral("ADDED"));
        QCOMPARE(workflowSummary(watched[0][1].toJsonObject()).templateName, QStringLiteral("later"));
        watch->stop();
        std::unique_ptr<ArgoCall> found(client.findWorkflowsFromEvent(QStringLiteral("argo"), sent, QStringLiteral("on-push")));
        QVERIFY(waitFor(found.get()).ok());
        QCOMPARE(found->items().size(), 1);
        const WorkflowSummary wf = workflowSummary(found->items().first());
        QCOMPARE(wf.templateName, QStringLiteral("later"));
        QCOMPARE(wf.binding, QStringLiteral("on-push"));
        QCOMPARE(wf.parameters, (QList<std::pair<QString, QString>>{{QStringLiteral("who"), QStringLiteral("Mr Chips")}}));
    }
};

BINDERY_TEST_MAIN(TestArgoClient)
#include "test_argo_client.moc"
