// SPDX-License-Identifier: Apache-2.0
// Predicted vs actual Workflows: the comparison itself, and the replay engine looking up what
// Bindery's own server created for each event (real sockets, sync and async dispatch); the
// engine's spread over several network managers beyond Qt's 6 connections per host.
#include "bindery_test.h"
#include "net/replay_engine.h"
#include "net/workflow_comparison.h"
#include "net_test_server.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QUuid>

using namespace bindery::net;
using bindery::test::FunctionSink;

namespace {

using Parameters = QList<std::pair<QString, QString>>;

WorkflowSummary wf(const char *binding, const char *templ, Parameters parameters = {})
{
    WorkflowSummary w;
    w.ns = QStringLiteral("argo");
    w.binding = QString::fromUtf8(binding);
    w.templateName = QString::fromUtf8(templ);
    w.parameters = std::move(parameters);
    return w;
}

// A Workflow as the server stores it (the dispatcher's JSON shape).
QJsonObject workflowJson(const QString &ns, const QString &binding, const QString &templ, const Parameters &parameters)
{
    QJsonArray ps;
    for (const auto &[n, v] : parameters)
        ps.append(QJsonObject{{QStringLiteral("name"), n}, {QStringLiteral("value"), v}});
    return QJsonObject{
        {QStringLiteral("apiVersion"), QStringLiteral("argoproj.io/v1alpha1")},
        {QStringLiteral("kind"), QStringLiteral("Workflow")},
        {QStringLiteral("metadata"),
         QJsonObject{{QStringLiteral("name"), QString(templ + QLatin1Char('-') + QUuid::createUuid().toString(QUuid::Id128).left(5))},
                     {QStringLiteral("namespace"), ns},
                     {QStringLiteral("labels"), QJsonObject{{kEventBindingLabel, binding}}}}},
        {QStringLiteral("spec"),
         QJsonObject{{QStringLiteral("workflowTemplateRef"), QJsonObject{{QStringLiteral("name"), templ}}},
                     {QStringLiteral("arguments"), QJsonObject{{QStringLiteral("parameters"), ps}}}}}};
}

CaptureRecord numberedEvent(int n)
{
    CaptureRecord r;
    r.time = QDateTime::currentDateTimeUtc();
    r.ns = QStringLiteral("argo");
    r.discriminator = QStringLiteral("d");
    r.headers = {{"Content-Type", "application/json"}};
    r.body = "{\"n\":" + QByteArray::number(n) + "}";
    return r;
}

int eventNumber(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object().value(QLatin1String("n")).toInt();
}

} // namespace

Q_DECLARE_METATYPE(bindery::net::WorkflowSummary)

class TestReplayComparison : public QObject
{
    Q_OBJECT

private slots:
    void compare_data()
    {
        QTest::addColumn<QList<WorkflowSummary>>("predicted");
        QTest::addColumn<QList<WorkflowSummary>>("actual");
        QTest::addColumn<QString>("divergence");
        const Parameters p1{{QStringLiteral("who"), QStringLiteral("a")}};
        const Parameters p2{{QStringLiteral("who"), QStringLiteral("b")}};
        QTest::newRow("nothing") << QList<WorkflowSummary>{} << QList<WorkflowSummary>{} << QString();
        QTest::newRow("same") << QList{wf("b1", "t1", p1), wf("b2", "t2")} << QList{wf("b2", "t2"), wf("b1", "t1", p1)} << QString();
        QTest::newRow("binding missing")
            << QList{wf("b1", "t1"), wf("b2", "t2")} << QList{wf("b1", "t1")}
            << QStringLiteral("predicted 2 workflows, server created 1: binding b2 missing");
        QTest::newRow("none created")
            << QList{wf("b1", "t1")} << QList<WorkflowSummary>{} << QStringLiteral("predicted 1 workflow, server created 0: binding b1 missing");
        QTest::newRow("unexpected")
            << QList<WorkflowSummary>{} << QList{wf("b3", "t3", p1)}
            << QStringLiteral("predicted 0 workflows, server created 1: binding b3 unexpected (t3 (binding b3) who=a)");
        QTest::newRow("template")
            << QList{wf("b1", "t1")} << QList{wf("b1", "other")}
            << QStringLiteral("predicted 1 workflow, server created 1: binding b1: template t1 predicted, server used other");
        QTest::newRow("parameter value")
            << QList{wf("b1", "t1", p1)} << QList{wf("b1", "t1", p2)}
            << QStringLiteral("predicted 1 workflow, server created 1: binding b1: parameter who predicted \"a\", server \"b\"");
        QTest::newRow("parameter missing")
            << QList{wf("b1", "t1", p1)} << QList{wf("b1", "t1")}
            << QStringLiteral("predicted 1 workflow, server created 1: binding b1: parameter who missing on the server");
        QTest::newRow("parameter order")
            << QList{wf("b1", "t1", {{QStringLiteral("x"), QStringLiteral("1")}, {QStringLiteral("y"), QStringLiteral("2")}})}
            << QList{wf("b1", "t1", {{QStringLiteral("y"), QStringLiteral("2")}, {QStringLiteral("x"), QStringLiteral("1")}})}
            << QStringLiteral("predicted 1 workflow, server created 1: binding b1: parameters [x=\"1\", y=\"2\"] predicted, "
                              "server [y=\"2\", x=\"1\"]");
        QTest::newRow("twice")
            << QList{wf("b1", "t1")} << QList{wf("b1", "t1"), wf("b1", "t1")}
            << QStringLiteral("predicted 1 workflow, server created 2: binding b1: 1 predicted, 2 created");
    }
    void compare()
    {
        QFETCH(QList<WorkflowSummary>, predicted);
        QFETCH(QList<WorkflowSummary>, actual);
        QFETCH(QString, divergence);
        QCOMPARE(compareWorkflows(predicted, actual), divergence);
    }

    void summaryOfJson()
    {
        const WorkflowSummary s = workflowSummary(workflowJson(QStringLiteral("prod"), QStringLiteral("b"), QStringLiteral("t"),
                                                               {{QStringLiteral("k"), QStringLiteral("v")}}));
        QCOMPARE(s.ns, QStringLiteral("prod"));
        QCOMPARE(s.binding, QStringLiteral("b"));
        QCOMPARE(s.templateName, QStringLiteral("t"));
        QCOMPARE(s.parameters, (Parameters{{QStringLiteral("k"), QStringLiteral("v")}}));
        QVERIFY(s.name.startsWith(QStringLiteral("t-")));
    }

    // The engine against Bindery's server: the server creates Workflows for `serverBindings`, the
    // predictor expects `predictedBindings`; each Workflow carries the event's number as a
    // parameter, so a Workflow given to the wrong event shows as a parameter divergence.
    void replayAgainstServer_data()
    {
        QTest::addColumn<bool>("async");
        QTest::addColumn<QStringList>("serverBindings");
        QTest::addColumn<QStringList>("predictedBindings");
        QTest::addColumn<int>("shift");             // added to the predicted parameter
        QTest::addColumn<QString>("predictedNs");   // namespace of the predicted Workflows
        QTest::addColumn<QString>("divergence");    // in every result ("" = none)
        QTest::addColumn<QString>("lookupError");   // in every result ("" = none)
        QTest::addColumn<int>("settleMs");          // how long fewer Workflows than predicted are looked up again
        const QStringList b12{QStringLiteral("b1"), QStringLiteral("b2")};
        QTest::newRow("sync, agree") << false << b12 << b12 << 0 << "argo" << "" << "" << 0;
        QTest::newRow("async, agree") << true << b12 << b12 << 0 << "argo" << "" << "" << 10'000;
        QTest::newRow("sync, binding missing")
            << false << QStringList{QStringLiteral("b1")} << b12 << 0 << "argo"
            << "predicted 2 workflows, server created 1: binding b2 missing" << "" << 0;
        QTest::newRow("async, binding missing")
            << true << QStringList{QStringLiteral("b1")} << b12 << 0 << "argo"
            << "predicted 2 workflows, server created 1: binding b2 missing" << "" << 1'000;
        QTest::newRow("sync, unexpected binding")
            << false << b12 << QStringList{QStringLiteral("b2")} << 0 << "argo" << "binding b1 unexpected" << "" << 0;
        QTest::newRow("sync, parameter")
            << false << b12 << b12 << 1 << "argo" << "binding b1: parameter n predicted" << "" << 0;
        QTest::newRow("lookup forbidden")
            << false << b12 << b12 << 0 << "prod" << "" << "cannot list the Workflows: HTTP 403" << 0;
    }
    void replayAgainstServer()
    {
        QFETCH(bool, async);
        QFETCH(QStringList, serverBindings);
        QFETCH(QStringList, predictedBindings);
        QFETCH(int, shift);
        QFETCH(QString, predictedNs);
        QFETCH(QString, divergence);
        QFETCH(QString, lookupError);
        QFETCH(int, settleMs);

        EventServer server;
        server.setSink(std::make_shared<FunctionSink>([serverBindings](const IncomingEvent &e, const EventContext &) {
            DispatchOutcome o;
            const QString n = QString::number(eventNumber(e.body));
            for (const QString &b : serverBindings) {
                o.matchedBindings << b;
                o.workflows << workflowJson(e.ns, b, QStringLiteral("t-") + b, {{QStringLiteral("n"), n}});
            }
            return o;
        }));
        EventServerConfig config;
        config.async = async;
        config.workers = 2;
        QString error;
        if (!lookupError.isEmpty()) {
            // May post and list in argo only: the lookup of the predicted namespace is forbidden.
            const auto tokens = TokenAuth::fromYaml("tokens:\n  - token: t\n    namespaces: [argo]\n", &error);
            QVERIFY2(tokens, qPrintable(error));
            config.tokens = std::make_shared<TokenAuth>(*tokens);
        }
        QVERIFY2(server.start(config, &error), qPrintable(error));

        ReplayEngine engine;
        ReplayOptions options;
        options.connection.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
        options.connection.token = lookupError.isEmpty() ? QByteArray() : QByteArray("t");
        options.connection.timeoutMs = 10'000;
        options.concurrency = 8; // compare mode sends one at a time anyway
        options.compareWorkflows = true;
        options.compareSettleMs = settleMs;
        engine.setOptions(options);
        engine.setPredictor([=](const CaptureRecord &r) -> std::optional<ReplayPrediction> {
            ReplayPrediction p;
            p.bindings = predictedBindings;
            const QString n = QString::number(eventNumber(r.body) + shift);
            for (const QString &b : predictedBindings) {
                p.workflows << QStringLiteral("t-") + b;
                p.expected << workflowSummary(workflowJson(predictedNs, b, QStringLiteral("t-") + b, {{QStringLiteral("n"), n}}));
            }
            return p;
        });
        QList<CaptureRecord> events;
        for (int i = 1; i <= 5; ++i)
            events << numberedEvent(i);
        engine.setEvents(events);
        QSignalSpy finished(&engine, &ReplayEngine::finished);
        QVERIFY(engine.start(&error));
        QVERIFY(finished.wait(30'000));

        const ReplayStats s = engine.stats();
        QCOMPARE(s.sent, 5);
        QCOMPARE(s.ok2xx, 5);
        QCOMPARE(s.lookupFailed, lookupError.isEmpty() ? 0 : 5);
        QCOMPARE(s.compared, lookupError.isEmpty() ? 5 : 0);
        QCOMPARE(s.diverged, divergence.isEmpty() ? 0 : 5);
        for (int i = 0; i < engine.results().size(); ++i) {
            const ReplayResult &r = engine.results()[i];
            QCOMPARE(r.index, i); // one at a time: completion order is the send order
            QVERIFY2(r.divergence.contains(divergence), qPrintable(r.divergence));
            QCOMPARE(r.diverged, !divergence.isEmpty());
            QVERIFY2(r.lookupError.contains(lookupError), qPrintable(r.lookupError));
            if (lookupError.isEmpty()) {
                QVERIFY(r.actualWorkflows);
                QCOMPARE(r.actualWorkflows->size(), serverBindings.size());
                for (const WorkflowSummary &w : *r.actualWorkflows)
                    QCOMPARE(w.parameters.value(0).second, QString::number(r.index + 1));
            } else {
                QVERIFY(!r.actualWorkflows);
            }
        }
    }

    // stop() while an answered event's Workflows are still being looked up: the event ends
    // without them (it is not sent again), and resume() finishes the run.
    void stopWhileLookingUp()
    {
        EventServer server;
        server.setSink(std::make_shared<FunctionSink>([](const IncomingEvent &, const EventContext &) { return DispatchOutcome{}; }));
        QString error;
        QVERIFY2(server.start(EventServerConfig(), &error), qPrintable(error));
        QSignalSpy requests(&server, &EventServer::requestFinished);
        ReplayEngine engine;
        ReplayOptions options;
        options.connection.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
        options.compareWorkflows = true;
        options.compareSettleMs = 600'000; // the predicted Workflow never comes: it keeps looking
        engine.setOptions(options);
        engine.setPredictor([](const CaptureRecord &r) -> std::optional<ReplayPrediction> {
            ReplayPrediction p;
            p.expected << workflowSummary(workflowJson(r.ns, QStringLiteral("b1"), QStringLiteral("t1"), {}));
            return p;
        });
        engine.setEvents({numberedEvent(1)});
        QSignalSpy finished(&engine, &ReplayEngine::eventFinished);
        QVERIFY(engine.start(&error));
        // The post, then a first lookup (GET /api/v1/workflows/argo?...).
        QTRY_VERIFY_WITH_TIMEOUT(requests.size() >= 2, 10'000);
        QCOMPARE(requests.at(1).at(0).value<RequestRecord>().method, QByteArray("GET"));
        QCOMPARE(engine.stats().inFlight, 1);
        QCOMPARE(finished.size(), 0);
        engine.stop();
        QCOMPARE(engine.state(), ReplayEngine::State::Stopped);
        QCOMPARE(finished.size(), 1);
        const ReplayResult r = engine.results().first();
        QCOMPARE(r.status, 200);
        QVERIFY(!r.actualWorkflows);
        QCOMPARE(r.lookupError, QStringLiteral("stopped before the Workflows were looked up"));
        QCOMPARE(engine.stats().sent, 1);
        QCOMPARE(engine.stats().pending, 0);
        QSignalSpy done(&engine, &ReplayEngine::finished);
        engine.resume();
        QVERIFY(done.size() == 1 || done.wait(5000));
        QCOMPARE(engine.results().size(), 1);
        QCOMPARE(server.snapshot().processed, quint64(1)); // not posted again
    }

    // Qt 6.4's QNetworkAccessManager opens at most 6 connections per host: the engine's own
    // managers (one per 6 of concurrency) get past it; a shared manager does not.
    void connectionsBeyondSix_data()
    {
        QTest::addColumn<bool>("shared");
        QTest::addColumn<int>("concurrency");
        QTest::addColumn<int>("managers");
        QTest::addColumn<int>("minConnections");
        QTest::addColumn<int>("maxConnections");
        QTest::newRow("c=4") << false << 4 << 1 << 1 << 4;
        QTest::newRow("c=16, own managers") << false << 16 << 3 << 7 << 16;
        QTest::newRow("c=16, one shared manager") << true << 16 << 1 << 1 << 6;
    }
    void connectionsBeyondSix()
    {
        QFETCH(bool, shared);
        QFETCH(int, concurrency);
        QFETCH(int, managers);
        QFETCH(int, minConnections);
        QFETCH(int, maxConnections);
        EventServer server;
        server.setSink(std::make_shared<FunctionSink>([](const IncomingEvent &, const EventContext &) { return DispatchOutcome{}; }));
        QString error;
        QVERIFY2(server.start(EventServerConfig(), &error), qPrintable(error));
        ReplayEngine engine;
        QNetworkAccessManager nam;
        if (shared)
            engine.setNetworkAccessManager(&nam);
        ReplayOptions options;
        options.connection.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
        options.concurrency = concurrency;
        engine.setOptions(options);
        QList<CaptureRecord> events;
        for (int i = 0; i < 200; ++i)
            events << numberedEvent(i);
        engine.setEvents(events);
        QSignalSpy finished(&engine, &ReplayEngine::finished);
        QVERIFY(engine.start(&error));
        QVERIFY(finished.wait(30'000));
        QCOMPARE(engine.stats().ok2xx, 200);
        QCOMPARE(engine.networkManagerCount(), managers);
        // Keep-alive connections stay open after the run: their number is how many were opened.
        const int connections = server.snapshot().connections;
        QVERIFY2(connections >= minConnections && connections <= maxConnections, qPrintable(QString::number(connections)));
    }
};

BINDERY_TEST_MAIN(TestReplayComparison)
#include "test_replay_comparison.moc"
