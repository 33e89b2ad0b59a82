// SPDX-License-Identifier: Apache-2.0
#include "bindery_test.h"
#include "net/capture_headers.h"
#include "net/replay_engine.h"
#include "net_test_server.h"

#include <QElapsedTimer>
#include <QSignalSpy>

#include <numeric>
#include <set>
#include <thread>

using namespace bindery::net;
using bindery::test::FunctionSink;

namespace {

CaptureRecord makeEvent(const QString &d, QByteArray body, HeaderList headers = {{"Content-Type", "application/json"}})
{
    CaptureRecord r;
    r.time = QDateTime::fromString(QStringLiteral("2024-01-01T00:00:00Z"), Qt::ISODate);
    r.ns = QStringLiteral("argo");
    r.discriminator = d;
    r.headers = std::move(headers);
    r.body = std::move(body);
    return r;
}

void checkAccounting(const ReplayStats &s)
{
    QCOMPARE(s.sent, s.ok2xx + s.client4xx + s.server5xx + s.other + s.failed);
}

} // namespace

class TestReplayEngine : public QObject
{
    Q_OBJECT
    std::shared_ptr<FunctionSink> sink;
    std::unique_ptr<EventServer> server;

    void startServer()
    {
        EventServerConfig config;
        startServer(config);
    }
    void startServer(const EventServerConfig &config)
    {
        server = std::make_unique<EventServer>();
        server->setSink(sink);
        QString error;
        QVERIFY2(server->start(config, &error), qPrintable(error));
    }
    ReplayOptions optionsFor(int concurrency = 4) const
    {
        ReplayOptions o;
        o.connection.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server->port()));
        o.concurrency = concurrency;
        o.backoffInitialMs = 5;
        o.backoffMaxMs = 50;
        return o;
    }

private slots:
    void init()
    {
        // Fails events whose payload has "fail": the endpoint answers 500 (sync dispatch).
        sink = std::make_shared<FunctionSink>([](const IncomingEvent &e, const EventContext &) {
            DispatchOutcome o;
            if (e.payload.contains("fail")) {
                o.ok = false;
                o.error = QStringLiteral("failed to dispatch event: [boom]");
            }
            return o;
        });
    }
    void cleanup()
    {
        if (server)
            server->stop();
        server.reset();
    }

    // sent = sum of outcomes, with the exact split: 200s, 400 (invalid JSON), 500 (dispatch failed).
    void accounting_data()
    {
        QTest::addColumn<int>("concurrency");
        QTest::addColumn<int>("seed");
        QTest::newRow("serial") << 1 << -1;
        QTest::newRow("parallel") << 8 << -1;
        QTest::newRow("shuffled") << 4 << 42;
    }
    void accounting()
    {
        QFETCH(int, concurrency);
        QFETCH(int, seed);
        startServer();
        QList<CaptureRecord> events;
        for (int i = 0; i < 60; ++i) {
            if (i % 6 == 0)
                events << makeEvent(QStringLiteral("bad"), "{not json");
            else if (i % 6 == 1)
                events << makeEvent(QStringLiteral("fail"), "{\"fail\":true}");
            else
                events << makeEvent(QStringLiteral("ok-%1").arg(i), "{\"i\":" + QByteArray::number(i) + "}");
        }
        ReplayEngine engine;
        ReplayOptions options = optionsFor(concurrency);
        if (seed >= 0)
            options.shuffleSeed = quint32(seed);
        engine.setOptions(options);
        engine.setEvents(events);
        QSignalSpy finished(&engine, &ReplayEngine::finished);
        QSignalSpy perEvent(&engine, &ReplayEngine::eventFinished);
        QVERIFY(engine.start());
        QVERIFY(finished.wait(20000));
        const ReplayStats s = engine.stats();
        checkAccounting(s);
        QCOMPARE(s.total, 60);
        QCOMPARE(s.sent, 60);
        QCOMPARE(s.ok2xx, 40);
        QCOMPARE(s.client4xx, 10);
        QCOMPARE(s.server5xx, 10);
        QCOMPARE(s.failed, 0);
        QCOMPARE(s.pending, 0);
        QCOMPARE(perEvent.size(), 60);
        QVERIFY(s.p50LatencyUs > 0);
        QVERIFY(s.p99LatencyUs >= s.p50LatencyUs);
        QCOMPARE(sink->calls.load(), 50); // invalid JSON never reaches the dispatcher
        std::set<int> seen;
        for (const ReplayResult &r : engine.results()) {
            QVERIFY(seen.insert(r.index).second);
            QCOMPARE(r.record.discriminator, events[r.index].discriminator);
            if (r.record.discriminator == QLatin1String("bad")) {
                QCOMPARE(r.status, 400);
                QVERIFY(r.responseBody.contains("\"code\":3"));
            }
        }
        if (seed >= 0) {
            QList<int> captured(60);
            std::iota(captured.begin(), captured.end(), 0);
            QVERIFY(engine.order() != captured);
            ReplayEngine again;
            again.setOptions(options);
            again.setEvents(events);
            QVERIFY(again.start());
            QCOMPARE(again.order(), engine.order()); // same seed, same order
            again.stop();
        }
    }

    // Async endpoint with a queue of 1 and one slow worker: 503s, retried with backoff until accepted.
    void retries503()
    {
        sink = std::make_shared<FunctionSink>([](const IncomingEvent &, const EventContext &) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5)); // a slow consumer, on the server's worker
            return DispatchOutcome{};
        });
        EventServerConfig config;
        config.async = true;
        config.queueSize = 1;
        config.workers = 1;
        startServer(config);
        QList<CaptureRecord> events;
        for (int i = 0; i < 24; ++i)
            events << makeEvent(QStringLiteral("q"), "{}");
        ReplayEngine engine;
        ReplayOptions options = optionsFor(8);
        options.maxRetries503 = 50;
        engine.setOptions(options);
        engine.setEvents(events);
        QSignalSpy finished(&engine, &ReplayEngine::finished);
        QVERIFY(engine.start());
        QVERIFY(finished.wait(30000));
        const ReplayStats s = engine.stats();
        checkAccounting(s);
        QCOMPARE(s.ok2xx, 24);
        QVERIFY2(s.retried503 > 0, "a queue of one with eight senders must answer 503");
        int attempts = 0;
        for (const auto &r : engine.results())
            attempts += r.attempts;
        QCOMPARE(attempts, 24 + s.retried503);

        // Without retries the 503s are final outcomes, still accounted for.
        options.maxRetries503 = 0;
        ReplayEngine noRetry;
        noRetry.setOptions(options);
        noRetry.setEvents(events);
        QSignalSpy finished2(&noRetry, &ReplayEngine::finished);
        QVERIFY(noRetry.start());
        QVERIFY(finished2.wait(30000));
        const ReplayStats s2 = noRetry.stats();
        checkAccounting(s2);
        QCOMPARE(s2.sent, 24);
        QCOMPARE(s2.retried503, 0);
        QVERIFY(s2.server5xx > 0);
        QCOMPARE(s2.ok2xx + s2.server5xx, 24);
    }

    void rateLimit()
    {
        startServer();
        QList<CaptureRecord> events;
        for (int i = 0; i < 11; ++i)
            events << makeEvent(QStringLiteral("r"), "{}");
        ReplayEngine engine;
        ReplayOptions options = optionsFor(4);
        options.rate = 50; // 11 events: the last leaves 10 intervals = 200 ms after the first
        engine.setOptions(options);
        engine.setEvents(events);
        QSignalSpy finished(&engine, &ReplayEngine::finished);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(engine.start());
        QVERIFY(finished.wait(10000));
        QVERIFY2(clock.elapsed() >= 190, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(engine.stats().ok2xx, 11);
    }

    // pause, stop and resume: every event still ends exactly once.
    void pauseStopResume()
    {
        startServer();
        QList<CaptureRecord> events;
        for (int i = 0; i < 40; ++i)
            events << makeEvent(QStringLiteral("p%1").arg(i), "{}");
        ReplayEngine engine;
        ReplayOptions options = optionsFor(2);
        options.rate = 400;
        engine.setOptions(options);
        engine.setEvents(events);
        int seen = 0;
        connect(&engine, &ReplayEngine::eventFinished, this, [&] {
            ++seen;
            if (seen == 5)
                engine.pause();
            if (seen == 20)
                engine.stop();
        });
        QSignalSpy states(&engine, &ReplayEngine::stateChanged);
        QVERIFY(engine.start());
        QTRY_COMPARE_WITH_TIMEOUT(engine.state(), ReplayEngine::State::Paused, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(engine.stats().inFlight, 0, 10000);
        const int afterPause = engine.stats().sent;
        QVERIFY(afterPause >= 5 && afterPause <= 7); // the ones in flight at the pause finish
        QCOMPARE(engine.stats().sent + engine.stats().pending, 40);
        engine.resume();
        QTRY_COMPARE_WITH_TIMEOUT(engine.state(), ReplayEngine::State::Stopped, 10000);
        const ReplayStats stopped = engine.stats();
        QCOMPARE(stopped.inFlight, 0);
        QCOMPARE(stopped.sent + stopped.pending, 40); // aborted requests went back to the queue
        QSignalSpy finished(&engine, &ReplayEngine::finished);
        engine.resume();
        QVERIFY(finished.wait(10000));
        const ReplayStats s = engine.stats();
        checkAccounting(s);
        QCOMPARE(s.sent, 40);
        std::set<int> indices;
        for (const auto &r : engine.results())
            QVERIFY(indices.insert(r.index).second);
        QCOMPARE(int(indices.size()), 40);
    }

    // Re-signed GitHub events pass the endpoint's webhook check; stale signatures do not.
    void resignedWebhooks()
    {
        QString error;
        const auto tokens = TokenAuth::fromYaml("tokens:\n  - token: \"t0k\"\n    serviceAccount: github\n", &error);
        QVERIFY2(tokens, qPrintable(error));
        const auto hooks = WebhookVerifier::fromYaml("argo:\n  github:\n    type: github\n    secret: \"shh!\"\n", &error);
        QVERIFY2(hooks, qPrintable(error));
        EventServerConfig config;
        config.tokens = std::make_shared<TokenAuth>(*tokens);
        config.webhooks = std::make_shared<WebhookVerifier>(*hooks);
        startServer(config);
        const HeaderList gh{{"Content-Type", "application/json"},
                            {"X-GitHub-Event", "push"},
                            {"X-Hub-Signature-256", "sha256=0000"}};
        QList<CaptureRecord> events{makeEvent(QStringLiteral("gh"), "{\"ref\":\"refs/heads/main\"}", gh),
                                    makeEvent(QStringLiteral("gh"), "{\"ref\":\"edited\"}", gh)};
        for (const bool resign : {false, true}) {
            ReplayEngine engine;
            ReplayOptions options = optionsFor(2);
            if (resign)
                options.resign.githubSecret = QByteArray("shh!");
            engine.setOptions(options);
            engine.setEvents(events);
            QSignalSpy finished(&engine, &ReplayEngine::finished);
            QVERIFY(engine.start());
            QVERIFY(finished.wait(10000));
            const ReplayStats s = engine.stats();
            checkAccounting(s);
            if (resign) {
                QCOMPARE(s.ok2xx, 2);
            } else {
                QCOMPARE(s.ok2xx, 0);
                QCOMPARE(s.client4xx, 2); // no webhook match and no token: 401
            }
        }
    }

    // TLS with a generated certificate: refused without trust, accepted with the CA file or insecure.
    void tls()
    {
        QTemporaryDir dir;
        bindery::test::TestCertificate cert;
        if (!cert.make(dir))
            QSKIP("the openssl CLI is not available to make a test certificate");
        EventServerConfig config;
        cert.apply(config.http);
        startServer(config);
        const QList<CaptureRecord> events{makeEvent(QStringLiteral("tls"), "{}")};
        struct Case {
            QString caFile;
            bool insecure;
            bool ok;
        };
        for (const Case &c : {Case{{}, false, false}, Case{cert.certPath, false, true}, Case{{}, true, true}}) {
            ReplayEngine engine;
            ReplayOptions options = optionsFor(1);
            options.connection.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(server->port()));
            options.connection.caFile = c.caFile;
            options.connection.insecure = c.insecure;
            engine.setOptions(options);
            engine.setEvents(events);
            QSignalSpy finished(&engine, &ReplayEngine::finished);
            QVERIFY(engine.start());
            QVERIFY(finished.wait(10000));
            const ReplayResult r = engine.results().value(0);
            if (c.ok) {
                QCOMPARE(r.status, 200);
            } else {
                QCOMPARE(r.status, 0);
                QCOMPARE(r.error, NetErrorKind::Tls);
                QCOMPARE(engine.stats().failed, 1);
            }
        }
    }

    void predictions()
    {
        startServer();
        QList<CaptureRecord> events{makeEvent(QStringLiteral("a"), "{}"), makeEvent(QStringLiteral("b"), "{\"fail\":1}"),
                                    makeEvent(QStringLiteral("c"), "{\"fail\":1}")};
        ReplayEngine engine;
        engine.setOptions(optionsFor(1));
        engine.setEvents(events);
        // A predictor that gets "b" right and "c" wrong.
        engine.setPredictor([](const CaptureRecord &r) -> std::optional<ReplayPrediction> {
            ReplayPrediction p;
            p.status = r.discriminator == QLatin1String("b") ? 500 : 200;
            return p;
        });
        QSignalSpy finished(&engine, &ReplayEngine::finished);
        QVERIFY(engine.start());
        QVERIFY(finished.wait(10000));
        QCOMPARE(engine.stats().diverged, 1);
        for (const auto &r : engine.results()) {
            QVERIFY(r.prediction.has_value());
            QCOMPARE(r.diverged, r.record.discriminator == QLatin1String("c"));
        }
    }

    void invalidTarget()
    {
        ReplayEngine engine;
        ReplayOptions options;
        options.connection.baseUrl = QUrl(QStringLiteral("ftp://x"));
        engine.setOptions(options);
        QString error;
        QVERIFY(!engine.start(&error));
        QVERIFY(error.contains(QLatin1String("invalid server URL")));
    }
};

BINDERY_TEST_MAIN(TestReplayEngine)
#include "test_replay_engine.moc"
