// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "net/argo_client.h"
#include "net_test_server.h"

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

// A minimal Argo stand-in for the template create/update round trip, which Bindery's read-only
// REST subset does not serve: POST answers 409, GET gives a resourceVersion, PUT echoes the body.
class TemplateFake : public QObject
{
public:
    QTcpServer server;
    QList<QByteArray> requests;
    TemplateFake()
    {
        server.listen(QHostAddress::LocalHost, 0);
        connect(&server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *s = server.nextPendingConnection();
            auto buffer = std::make_shared<QByteArray>();
            connect(s, &QTcpSocket::readyRead, this, [this, s, buffer] {
                *buffer += s->readAll();
                while (true) {
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    qsizetype length = 0;
                    for (const QByteArray &line : buffer->left(end).split('\n'))
                        if (line.toLower().startsWith("content-length:"))
                            length = line.mid(15).trimmed().toLongLong();
                    if (buffer->size() < end + 4 + length)
                        return;
                    const QByteArray request = buffer->left(end + 4 + length);
                    buffer->remove(0, end + 4 + length);
                    requests.append(request);
                    QByteArray status = "200 OK", body = "{}";
                    if (request.startsWith("POST")) {
                        status = "409 Conflict";
                        body = "{\"code\":6,\"message\":\"workflowtemplates.argoproj.io \\\"t\\\" already exists\"}";
                    } else if (request.startsWith("GET")) {
                        body = "{\"metadata\":{\"name\":\"t\",\"resourceVersion\":\"42\"}}";
                    } else if (request.startsWith("PUT")) {
                        body = request.mid(end + 4);
                    }
                    s->write("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: "
                             + QByteArray::number(body.size()) + "\r\n\r\n" + body);
                }
            });
        });
    }
};

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
    void workflowsAndWatch()
    {
        startServer(EventServerConfig());
        ArgoClient client;
        client.setOptions(local());
        ArgoWatch *watch = client.watchWorkflows(QStringLiteral("argo"));
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

    void createOrUpdateTemplate()
    {
        TemplateFake fake;
        ArgoClient client;
        ConnectionOptions o;
        o.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(fake.server.serverPort()));
        o.token = "t";
        client.setOptions(o);
        std::unique_ptr<ArgoCall> call(client.createOrUpdateWorkflowTemplate(QStringLiteral("argo"),
                                                                             manifest(QStringLiteral("WorkflowTemplate"), QStringLiteral("t"))));
        const ArgoResult r = waitFor(call.get());
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(fake.requests.size(), 3);
        QVERIFY(fake.requests[0].startsWith("POST /api/v1/workflow-templates/argo HTTP/1.1"));
        QVERIFY(fake.requests[1].startsWith("GET /api/v1/workflow-templates/argo/t HTTP/1.1"));
        QVERIFY(fake.requests[2].startsWith("PUT /api/v1/workflow-templates/argo/t HTTP/1.1"));
        QVERIFY(fake.requests[2].contains("\"resourceVersion\":\"42\""));
        QVERIFY(fake.requests[2].contains("Authorization: Bearer t"));
    }
};

BINDERY_TEST_MAIN(TestArgoClient)
#include "test_argo_client.moc"
