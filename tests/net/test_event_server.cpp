// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "http_test_client.h"
#include "net/event_server.h"

#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

using namespace bindery::net;
using bindery::test::HttpTestClient;
using bindery::test::post;

namespace {

// A dispatcher double: counts, optionally fails, optionally holds every dispatch until released.
class FakeSink : public EventSink
{
public:
    DispatchOutcome dispatch(const IncomingEvent &event, const EventContext &context) override
    {
        {
            std::unique_lock lock(mutex);
            ++entered;
            cv.notify_all();
            cv.wait(lock, [this] { return !hold; });
            lastPayload = event.payload;
            lastIdentity = context.identity.serviceAccount;
        }
        count.fetch_add(1);
        DispatchOutcome o;
        if (fail) {
            o.ok = false;
            o.error = QStringLiteral("failed to dispatch event: [failed to evaluate workflow template expression: unexpected token <EOF>]");
            o.bindingErrors << o.error;
        } else {
            o.matchedBindings << QStringLiteral("b1");
            QJsonObject wf{{QStringLiteral("metadata"),
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("wf-%1").arg(count.load())},
                                        {QStringLiteral("namespace"), event.ns},
                                        {QStringLiteral("labels"), QJsonObject{{QStringLiteral("team"), QStringLiteral("a")}}}}}};
            o.workflows << wf;
        }
        return o;
    }
    bool mayBlock() const override { return true; } // `hold` makes it wait: sync mode runs it on the pool
    void waitEntered(int n)
    {
        std::unique_lock lock(mutex);
        cv.wait(lock, [&] { return entered >= n; });
    }
    bool waitEntered(int n, int timeoutMs)
    {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, std::chrono::milliseconds(timeoutMs), [&] { return entered >= n; });
    }
    void release()
    {
        std::lock_guard lock(mutex);
        hold = false;
        cv.notify_all();
    }
    std::mutex mutex;
    std::condition_variable cv;
    bool hold = false;
    int entered = 0;
    bool fail = false;
    std::atomic<int> count{0};
    QByteArray lastPayload;
    QString lastIdentity;
};

const QByteArray kTokens = "tokens:\n"
                           "  - token: \"s3cr3t\"\n"
                           "    serviceAccount: demo\n"
                           "    namespaces: [\"argo\"]\n"
                           "  - token: \"readonly\"\n"
                           "    serviceAccount: viewer\n"
                           "    namespaces: [\"argo\"]\n"
                           "    can: [getTemplates]\n"
                           "  - token: \"gh-token\"\n"
                           "    serviceAccount: github.com\n"
                           "    namespaces: [\"*\"]\n"
                           "  - token: \"gl\"\n"
                           "    serviceAccount: gitlab.com\n"
                           "  - token: \"bb\"\n"
                           "    serviceAccount: bitbucket.org\n"
                           "  - token: \"bbs\"\n"
                           "    serviceAccount: bitbucketserver\n";
const QByteArray kClients = "argo:\n"
                            "  github.com:\n"
                            "    type: github\n"
                            "    secret: \"sh!\"\n"
                            "  gitlab.com:\n"
                            "    type: gitlab\n"
                            "    secret: \"sh!\"\n"
                            "  bitbucket.org:\n"
                            "    type: bitbucket\n"
                            "    secret: \"sh!\"\n"
                            "  bitbucketserver:\n"
                            "    type: bitbucketserver\n"
                            "    secret: \"sh!\"\n";

EventServerConfig baseConfig()
{
    EventServerConfig c;
    c.http.ioThreads = 2;
    return c;
}

EventServerConfig authConfig()
{
    EventServerConfig c = baseConfig();
    QString error;
    c.tokens = std::make_shared<const TokenAuth>(*TokenAuth::fromYaml(kTokens, &error));
    c.webhooks = std::make_shared<const WebhookVerifier>(*WebhookVerifier::fromYaml(kClients, &error));
    return c;
}

QByteArray hmacWithOpenssl(const QByteArray &secret, const QString &file)
{
    QProcess p;
    p.start(QStringLiteral("openssl"), {QStringLiteral("dgst"), QStringLiteral("-sha256"), QStringLiteral("-hmac"),
                                        QString::fromUtf8(secret), QStringLiteral("-r"), file});
    if (!p.waitForFinished(10000))
        return {};
    return p.readAllStandardOutput().split(' ').value(0).trimmed();
}

} // namespace

class TestEventServer : public QObject
{
    Q_OBJECT
private slots:
    void statuses_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        const QByteArray auth = "Authorization: Bearer s3cr3t\r\n";
        QTest::newRow("200 sync") << "open" << post("/api/v1/events/argo/", "{\"a\":1}") << 200 << QByteArray("{}");
        QTest::newRow("200 discriminator") << "open" << post("/api/v1/events/argo/my-d", "{}") << 200 << QByteArray("{}");
        QTest::newRow("200 empty body") << "open" << post("/api/v1/events/argo/", "") << 200 << QByteArray("{}");
        QTest::newRow("200 trailing garbage") << "open" << post("/api/v1/events/argo/", "{\"a\":1} xyz") << 200 << QByteArray("{}");
        QTest::newRow("400 invalid json") << "open" << post("/api/v1/events/argo/", "xyz") << 400
                                          << QByteArray("{\"code\":3,\"message\":\"invalid character 'x' looking for beginning of value\"}");
        QTest::newRow("400 truncated") << "open" << post("/api/v1/events/argo/", "{\"a\":") << 400
                                       << QByteArray("{\"code\":3,\"message\":\"unexpected EOF\"}");
        QTest::newRow("501 no trailing slash") << "open" << post("/api/v1/events/argo", "{}") << 501
                                               << QByteArray("{\"code\":12,\"message\":\"Not Implemented\"}");
        QTest::newRow("501 six components") << "open" << post("/api/v1/events/argo/a/b", "{}") << 501
                                            << QByteArray("{\"code\":12,\"message\":\"Not Implemented\"}");
        QTest::newRow("501 escaped slash") << "open" << post("/api/v1/events/argo/a%2Fb", "{}") << 501
                                           << QByteArray("{\"code\":12,\"message\":\"Not Implemented\"}");
        QTest::newRow("501 verb") << "open" << post("/api/v1/events/argo/a:b", "{}") << 501
                                  << QByteArray("{\"code\":12,\"message\":\"Not Implemented\"}");
        QTest::newRow("501 GET on events") << "open" << QByteArray("GET /api/v1/events/argo/ HTTP/1.1\r\nHost: t\r\n\r\n") << 501
                                           << QByteArray("{\"code\":12,\"message\":\"Method Not Allowed\"}");
        QTest::newRow("404 outside api") << "open" << QByteArray("GET /nope HTTP/1.1\r\nHost: t\r\n\r\n") << 404
                                         << QByteArray("404 page not found\n");
        QTest::newRow("301 unclean path") << "open" << post("/api/v1/events//my-d", "{}") << 301 << QByteArray();
        QTest::newRow("500 sync failure") << "failing" << post("/api/v1/events/argo/", "{}") << 500
                                          << QByteArray("{\"code\":13,\"message\":\"failed to dispatch event: [failed to evaluate workflow template expression: unexpected token \\u003cEOF\\u003e]\"}");
        QTest::newRow("401 bad token") << "auth" << post("/api/v1/events/argo/", "{}", "Authorization: Bearer nope\r\n") << 401
                                       << QByteArray("{\"code\":16,\"message\":\"token not valid. see https://argo-workflows.readthedocs.io/en/latest/faq/\"}");
        QTest::newRow("401 no token, no webhook match") << "auth" << post("/api/v1/events/argo/", "{}") << 401
                                       << QByteArray("{\"code\":16,\"message\":\"token not valid. see https://argo-workflows.readthedocs.io/en/latest/faq/\"}");
        QTest::newRow("400 before auth") << "auth" << post("/api/v1/events/argo/", "nope") << 400
                                         << QByteArray("{\"code\":3,\"message\":\"invalid character 'o' in literal null (expecting 'u')\"}");
        QTest::newRow("200 token") << "auth" << post("/api/v1/events/argo/", "{}", auth) << 200 << QByteArray("{}");
        QTest::newRow("403 other namespace") << "auth" << post("/api/v1/events/other/", "{}", auth) << 403
                                             << QByteArray("{\"code\":7,\"message\":\"workfloweventbindings.argoproj.io is forbidden: User \\\"system:serviceaccount:other:demo\\\" cannot list resource \\\"workfloweventbindings\\\" in API group \\\"argoproj.io\\\" in the namespace \\\"other\\\"\"}");
        QTest::newRow("403 cannot list") << "auth" << post("/api/v1/events/argo/", "{}", "Authorization: Bearer readonly\r\n") << 403
                                         << QByteArray("{\"code\":7,\"message\":\"workfloweventbindings.argoproj.io is forbidden: User \\\"system:serviceaccount:argo:viewer\\\" cannot list resource \\\"workfloweventbindings\\\" in API group \\\"argoproj.io\\\" in the namespace \\\"argo\\\"\"}");
        QTest::newRow("403 webhook: no clients in namespace") << "auth" << post("/api/v1/events/other/", "{}") << 403
                                         << QByteArray("{\"message\": \"failed to process webhook request\"}");
        QTest::newRow("401 webhook skipped without second slash") << "auth" << post("/api/v1/events/other", "{}") << 501
                                         << QByteArray("{\"code\":12,\"message\":\"Not Implemented\"}");
        QTest::newRow("200 github vector") << "auth"
            << post("/api/v1/events/argo/", "{}", "X-Github-Event: push\r\nX-Hub-Signature-256: sha256=926ceeb8dcd67d5979fd7d726e3905af6d220f7fd6b2d8cce946906f7cf35963\r\n")
            << 200 << QByteArray("{}");
        QTest::newRow("200 gitlab") << "auth" << post("/api/v1/events/argo/", "{}", "X-Gitlab-Event: Push Hook\r\nX-Gitlab-Token: sh!\r\n") << 200 << QByteArray("{}");
        QTest::newRow("401 gitlab wrong token") << "auth" << post("/api/v1/events/argo/", "{}", "X-Gitlab-Event: Push Hook\r\nX-Gitlab-Token: no\r\n") << 401 << QByteArray();
        QTest::newRow("200 bitbucket") << "auth" << post("/api/v1/events/argo/", "{}", "X-Event-Key: repo:push\r\nX-Hook-UUID: sh!\r\n") << 200 << QByteArray("{}");
        QTest::newRow("200 bitbucket server, blind [7:]") << "auth"
            << post("/api/v1/events/argo/", "{}", "X-Event-Key: pr:modified\r\nX-Hub-Signature: 0000000926ceeb8dcd67d5979fd7d726e3905af6d220f7fd6b2d8cce946906f7cf35963\r\n")
            << 200 << QByteArray("{}");
        QTest::newRow("401 github event not allowed") << "auth"
            << post("/api/v1/events/argo/", "{}", "X-Github-Event: nope\r\nX-Hub-Signature-256: sha256=926ceeb8dcd67d5979fd7d726e3905af6d220f7fd6b2d8cce946906f7cf35963\r\n")
            << 401 << QByteArray();
        QTest::newRow("413 content-length") << "open" << QByteArray("POST /api/v1/events/argo/ HTTP/1.1\r\nHost: t\r\nContent-Length: 3000000\r\n\r\n") << 413 << QByteArray();
        QTest::newRow("413 chunked stream") << "open"
            << QByteArray("POST /api/v1/events/argo/ HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n")
                   + QByteArray("200000\r\n") + QByteArray(0x200000, 'a') + "\r\n10\r\n" + QByteArray(16, 'a') + "\r\n0\r\n\r\n"
            << 413 << QByteArray();
        QTest::newRow("431 headers") << "open" << post("/api/v1/events/argo/", "{}", "X-Big: " + QByteArray(70000, 'a') + "\r\n") << 431 << QByteArray();
        QTest::newRow("400 malformed") << "open" << QByteArray("HELLO\r\n\r\n") << 400 << QByteArray();
        QTest::newRow("400 bad escape") << "open" << post("/api/v1/events/argo/%zz", "{}") << 400 << QByteArray();
        QTest::newRow("200 chunked") << "open"
            << QByteArray("POST /api/v1/events/argo/ HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n")
            << 200 << QByteArray("{}");
    }
    void statuses()
    {
        QFETCH(QString, mode);
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        auto sink = std::make_shared<FakeSink>();
        sink->fail = mode == QStringLiteral("failing");
        EventServer server;
        server.setSink(sink);
        QString error;
        QVERIFY2(server.start(mode == QStringLiteral("auth") ? authConfig() : baseConfig(), &error), qPrintable(error));
        HttpTestClient client(server.port());
        QVERIFY(client.connected());
        const auto response = client.roundTrip(request);
        QVERIFY(response);
        QCOMPARE(response->status, status);
        if (!body.isEmpty())
            QCOMPARE(response->body, body);
        const bool parserError = status == 413 || status == 431 || (status == 400 && !response->body.startsWith("{"));
        if (parserError)
            QVERIFY(client.waitClosed()); // limits and malformed requests: answered, then closed cleanly
        QCOMPARE(sink->count.load(), status == 200 || status == 500 ? 1 : 0);
    }

    void keepAlivePipeliningAndClose()
    {
        auto sink = std::make_shared<FakeSink>();
        EventServer server;
        server.setSink(sink);
        QString error;
        QVERIFY(server.start(baseConfig(), &error));
        HttpTestClient client(server.port());
        // Three pipelined requests in one write; answers come back in order.
        client.send(post("/api/v1/events/argo/", "{}") + post("/api/v1/events/argo/", "bad")
                    + post("/api/v1/events/argo", "{}"));
        QCOMPARE(client.read()->status, 200);
        QCOMPARE(client.read()->status, 400);
        QCOMPARE(client.read()->status, 501);
        // Still open (keep-alive), then Connection: close is honoured.
        const auto last = client.roundTrip(post("/api/v1/events/argo/", "{}", "Connection: close\r\n"));
        QCOMPARE(last->status, 200);
        QCOMPARE(last->header("Connection"), QByteArray("close"));
        QVERIFY(client.waitClosed());
        QCOMPARE(sink->count.load(), 2);
    }

    void expectContinue()
    {
        EventServer server;
        server.setSink(std::make_shared<FakeSink>());
        QString error;
        QVERIFY(server.start(baseConfig(), &error));
        HttpTestClient client(server.port());
        client.send("POST /api/v1/events/argo/ HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        QCOMPARE(client.read()->status, 100);
        client.send("{}");
        QCOMPARE(client.read()->status, 200);
        // Too large: 413 straight away, no 100.
        client.send("POST /api/v1/events/argo/ HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 99999999\r\n\r\n");
        QCOMPARE(client.read()->status, 413);
    }

    void slowloris()
    {
        EventServerConfig config = baseConfig();
        config.http.readTimeoutMs = 300;
        config.http.idleTimeoutMs = 400;
        EventServer server;
        QString error;
        QVERIFY(server.start(config, &error));
        HttpTestClient slow(server.port());
        slow.send("POST /api/v1/events/argo/ HTTP/1.1\r\nHost: t\r\n");
        slow.send("X-A: 1\r\n"); // a trickle does not extend the deadline
        const auto r = slow.read(5000);
        QVERIFY(r);
        QCOMPARE(r->status, 408);
        QVERIFY(slow.waitClosed(5000));
        HttpTestClient idle(server.port());
        QVERIFY(idle.waitClosed(5000)); // idle keep-alive connections are dropped too
        QTRY_COMPARE(server.snapshot().connections, 0);
    }

    void maxConnections()
    {
        EventServerConfig config = baseConfig();
        config.http.maxConnections = 2;
        EventServer server;
        QString error;
        QVERIFY(server.start(config, &error));
        HttpTestClient a(server.port()), b(server.port());
        QCOMPARE(a.roundTrip(post("/api/v1/events/argo/", "{}"))->status, 200);
        QCOMPARE(b.roundTrip(post("/api/v1/events/argo/", "{}"))->status, 200);
        HttpTestClient c(server.port());
        QVERIFY(c.waitClosed(5000));
        QCOMPARE(a.roundTrip(post("/api/v1/events/argo/", "{}"))->status, 200);
    }

    // Sync mode answers after the dispatch, but a slow dispatch holds only its own connection:
    // with a single I/O thread, another client is served (and dispatched) meanwhile.
    void syncDispatchDoesNotStallTheIoThread()
    {
        auto sink = std::make_shared<FakeSink>();
        sink->hold = true;
        EventServerConfig config = baseConfig();
        config.http.ioThreads = 1;
        config.workers = 2;
        EventServer server;
        server.setSink(sink);
        QString error;
        QVERIFY(server.start(config, &error));
        HttpTestClient a(server.port()), b(server.port());
        a.send(post("/api/v1/events/argo/", "{\"n\":1}") + post("/api/v1/events/argo", "{}")); // the 2nd waits behind the 1st
        auto unblock = qScopeGuard([&] { sink->release(); }); // a failed check must not hang the teardown
        QVERIFY(sink->waitEntered(1, 10000));
        QVERIFY(!a.read(200)); // not answered before its dispatch is done
        const auto metrics = b.roundTrip("GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n");
        QVERIFY(metrics);
        QCOMPARE(metrics->status, 200);
        b.send(post("/api/v1/events/argo/", "{\"n\":2}"));
        QVERIFY(sink->waitEntered(2, 10000)); // dispatched while the first one is still held
        sink->release();
        QCOMPARE(a.read()->status, 200);
        QCOMPARE(a.read()->status, 501); // pipelined answers keep their order
        QCOMPARE(b.read()->status, 200);
        QCOMPARE(sink->count.load(), 2);
    }

    void asyncQueueFull()
    {
        auto sink = std::make_shared<FakeSink>();
        sink->hold = true;
        EventServerConfig config = baseConfig();
        config.async = true;
        config.queueSize = 1;
        config.workers = 1;
        EventServer server;
        server.setSink(sink);
        QString error;
        QVERIFY(server.start(config, &error));
        HttpTestClient client(server.port());
        QCOMPARE(client.roundTrip(post("/api/v1/events/argo/", "{}"))->status, 200);
        sink->waitEntered(1); // the worker holds the first event
        QCOMPARE(client.roundTrip(post("/api/v1/events/argo/", "{}"))->status, 200); // the one queue slot
        const auto full = client.roundTrip(post("/api/v1/events/argo/", "{}"));
        QCOMPARE(full->status, 503);
        QCOMPARE(full->body, QByteArray("{\"code\":14,\"message\":\"operation queue full\"}"));
        QCOMPARE(server.snapshot().queueDepth, 1);
        sink->release();
        server.stop(); // drains
        QCOMPARE(sink->count.load(), 2);
    }

    void tenThousandRequests()
    {
        auto sink = std::make_shared<FakeSink>();
        EventServerConfig config = baseConfig();
        config.async = true;
        config.queueSize = 16;
        config.workers = 2;
        EventServer server;
        server.setSink(sink);
        QString error;
        QVERIFY(server.start(config, &error));
        const quint16 port = server.port();
        constexpr int kThreads = 8, kPerThread = 1250, kBatch = 25;
        std::atomic<int> ok{0}, full{0}, other{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, port] {
                HttpTestClient client(port);
                for (int i = 0; i < kPerThread; i += kBatch) {
                    QByteArray batch;
                    for (int k = 0; k < kBatch; ++k)
                        batch += post("/api/v1/events/argo/", "{\"n\":" + QByteArray::number(i + k) + "}");
                    client.send(batch); // pipelined bursts overrun the queue now and then
                    for (int k = 0; k < kBatch; ++k) {
                        const auto r = client.read();
                        const int s = r ? r->status : 0;
                        (s == 200 ? ok : s == 503 ? full : other).fetch_add(1);
                    }
                }
            });
        }
        for (auto &t : threads)
            t.join();
        server.stop();
        QCOMPARE(other.load(), 0);
        QCOMPARE(ok.load() + full.load(), kThreads * kPerThread);
        QCOMPARE(sink->count.load(), ok.load());
        const auto snap = server.snapshot();
        QCOMPARE(snap.accepted, quint64(ok.load()));
        QCOMPARE(snap.rejectedFull, quint64(full.load()));
        qInfo("accepted %d, 503 %d", ok.load(), full.load());
    }

    void githubPayloadSignature_data()
    {
        QTest::addColumn<QString>("variant");
        QTest::addColumn<int>("status");
        QTest::newRow("valid") << "valid" << 200;
        QTest::newRow("tampered body") << "tampered" << 401;
        QTest::newRow("wrong secret") << "wrong-secret" << 401;
    }
    void githubPayloadSignature()
    {
        BINDERY_REQUIRE_SHARED("argo/testdata/github-webhook-payload.json");
        QFETCH(QString, variant);
        QFETCH(int, status);
        const QString file = bindery::test::sharedFile(QStringLiteral("argo/testdata/github-webhook-payload.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray body = f.readAll();
        // The signature GitHub would send, computed by an independent implementation (openssl).
        const QByteArray signature = hmacWithOpenssl(variant == QStringLiteral("wrong-secret") ? "other" : "sh!", file);
        QCOMPARE(signature.size(), 64);
        if (variant == QStringLiteral("tampered"))
            body.replace("refs/heads/", "refs/heads/x");
        auto sink = std::make_shared<FakeSink>();
        EventServer server;
        server.setSink(sink);
        QString error;
        QVERIFY(server.start(authConfig(), &error));
        HttpTestClient client(server.port());
        const auto r = client.roundTrip(post("/api/v1/events/argo/", body,
                                             "X-GitHub-Event: push\r\nX-Hub-Signature-256: sha256=" + signature + "\r\n"));
        QCOMPARE(r->status, status);
        if (status == 200)
            QCOMPARE(sink->lastIdentity, QStringLiteral("github.com"));
    }

    void oversizedWebhook()
    {
        EventServerConfig config = authConfig();
        config.http.limits.maxBodyBytes = 4 * 1024 * 1024;
        EventServer server;
        QString error;
        QVERIFY(server.start(config, &error));
        HttpTestClient client(server.port());
        const auto r = client.roundTrip(post("/api/v1/events/argo/", QByteArray(2 * 1024 * 1024 + 1, ' ')));
        QCOMPARE(r->status, 403);
        QCOMPARE(r->body, QByteArray("{\"message\": \"failed to process webhook request\"}"));
    }

    void tls()
    {
        QTemporaryDir dir;
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                       QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-keyout"), dir.filePath(QStringLiteral("key.pem")),
                       QStringLiteral("-out"), dir.filePath(QStringLiteral("cert.pem"))});
        QVERIFY(openssl.waitForFinished(60000));
        QCOMPARE(openssl.exitCode(), 0);
        QFile cert(dir.filePath(QStringLiteral("cert.pem"))), key(dir.filePath(QStringLiteral("key.pem")));
        QVERIFY(cert.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly));
        EventServerConfig config = baseConfig();
        config.http.readTimeoutMs = 1000;
        config.http.certificate = QSslCertificate(cert.readAll());
        config.http.privateKey = QSslKey(key.readAll(), QSsl::Rsa);
        EventServer server;
        server.setSink(std::make_shared<FakeSink>());
        QString error;
        QVERIFY2(server.start(config, &error), qPrintable(error));
        // Several clients: the handshake runs on the acceptor's thread, then each socket moves to
        // the next I/O thread (round-robin over two), where its requests are served.
        for (int i = 0; i < 3; ++i) {
            HttpTestClient client(server.port(), true);
            QVERIFY(client.connected());
            QCOMPARE(client.roundTrip(post("/api/v1/events/argo/", "{}"))->status, 200);
            QCOMPARE(client.roundTrip(post("/api/v1/events/argo/", "x"))->status, 400);
            // Pipelined over TLS: both answers, in order.
            client.send(post("/api/v1/events/argo/", "{}") + post("/api/v1/events/argo", "{}"));
            QCOMPARE(client.read()->status, 200);
            QCOMPARE(client.read()->status, 501);
        }
        HttpTestClient plain(server.port()); // plain HTTP on a TLS port: no TLS hello, dropped
        plain.send(post("/api/v1/events/argo/", "{}"));
        QVERIFY(!plain.read(5000));
        QVERIFY(plain.waitClosed(5000));
        HttpTestClient silent(server.port()); // never starts a handshake: dropped after the read timeout
        QVERIFY(silent.waitClosed(10000));
        QTRY_COMPARE(server.snapshot().connections, 0);
    }

    void journalRedactsCredentials()
    {
        QTemporaryDir dir;
        EventServerConfig config = authConfig();
        config.journalPath = dir.filePath(QStringLiteral("j.ndjson"));
        auto sink = std::make_shared<FakeSink>();
        EventServer server;
        server.setSink(sink);
        QString error;
        QVERIFY2(server.start(config, &error), qPrintable(error));
        HttpTestClient client(server.port());
        QCOMPARE(client.roundTrip(post("/api/v1/events/argo/", "{\"k\":1}", "Authorization: Bearer s3cr3t\r\n"))->status, 200);
        server.stop();
        QFile f(config.journalPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY2(text.contains("[\"Authorization\",\"[redacted]\"]"), text.constData());
        QVERIFY(!text.contains("s3cr3t"));
        QVERIFY(text.contains("{\\\"k\\\":1}"));
        QVERIFY(text.contains("\"outcome\":{"));
    }

    void nonLoopbackNeedsAuth()
    {
        EventServerConfig config = baseConfig();
        config.http.address = QHostAddress::AnyIPv4;
        EventServer server;
        QString error;
        QVERIFY(!server.start(config, &error));
        QVERIFY(error.contains(QStringLiteral("--insecure-listen")));
        config.insecureListen = true;
        QVERIFY2(server.start(config, &error), qPrintable(error));
    }

    void restAndStream()
    {
        auto sink = std::make_shared<FakeSink>();
        EventServer server;
        server.setSink(sink);
        server.cluster()->setResources({QJsonObject{{QStringLiteral("metadata"), QJsonObject{{QStringLiteral("name"), QStringLiteral("t1")}, {QStringLiteral("namespace"), QStringLiteral("argo")}}}}},
                                       {}, {});
        QString error;
        QVERIFY(server.start(baseConfig(), &error));
        HttpTestClient stream(server.port());
        stream.send("GET /api/v1/workflow-events/argo?listOptions.labelSelector=team%3Da HTTP/1.1\r\nHost: t\r\nAccept: text/event-stream\r\n\r\n");
        QByteArray got;
        while (!got.contains("\r\n\r\n") && stream.socket().waitForReadyRead(5000))
            got += stream.socket().readAll(); // the head: the stream is subscribed from here on
        HttpTestClient client(server.port());
        QCOMPARE(client.roundTrip(post("/api/v1/events/argo/", "{}"))->status, 200);
        while (!got.contains(" \n\n") && stream.socket().waitForReadyRead(5000))
            got += stream.socket().readAll();
        QVERIFY2(got.contains("text/event-stream"), got.constData());
        QVERIFY2(got.contains("data: {\"result\":{\"object\":"), got.constData());
        QVERIFY(got.contains("\"type\":\"ADDED\"}} \n\n"));
        const auto list = client.roundTrip("GET /api/v1/workflows/argo?listOptions.labelSelector=team%3Da HTTP/1.1\r\nHost: t\r\n\r\n");
        QCOMPARE(list->status, 200);
        QVERIFY(list->body.contains("\"name\":\"wf-1\""));
        const auto none = client.roundTrip("GET /api/v1/workflows/argo?listOptions.labelSelector=team%21%3Da HTTP/1.1\r\nHost: t\r\n\r\n");
        QVERIFY(none->body.contains("\"items\":[]"));
        const auto templates = client.roundTrip("GET /api/v1/workflow-templates/argo HTTP/1.1\r\nHost: t\r\n\r\n");
        QVERIFY(templates->body.contains("\"name\":\"t1\""));
        const auto metrics = client.roundTrip("GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n");
        QVERIFY(metrics->body.contains("bindery_http_requests_total{code=\"200\"} 5"));
        QVERIFY(metrics->body.contains("bindery_workflows_created_total 1"));
    }

    void signalsAndSinkSwap()
    {
        EventServer server;
        auto first = std::make_shared<FakeSink>();
        auto second = std::make_shared<FakeSink>();
        server.setSink(first);
        QSignalSpy spy(&server, &EventServer::requestFinished);
        QString error;
        QVERIFY(server.start(baseConfig(), &error));
        HttpTestClient client(server.port());
        QCOMPARE(client.roundTrip(post("/api/v1/events/argo/d", "{}"))->status, 200);
        server.setSink(second); // a new catalog while running
        QCOMPARE(client.roundTrip(post("/api/v1/events/argo/d", "{}"))->status, 200);
        QTRY_COMPARE(spy.count(), 2);
        const auto record = spy.at(0).at(0).value<RequestRecord>();
        QCOMPARE(record.status, 200);
        QCOMPARE(record.discriminator, QStringLiteral("d"));
        QCOMPARE(record.matchedBindings, QStringList{QStringLiteral("b1")});
        QCOMPARE(first->count.load(), 1);
        QCOMPARE(second->count.load(), 1);
        server.stop();
        QVERIFY(!server.isRunning());
        QVERIFY(server.start(baseConfig(), &error)); // restartable
    }
};

BINDERY_TEST_MAIN(TestEventServer)
#include "test_event_server.moc"
