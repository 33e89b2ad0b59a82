// SPDX-License-Identifier: Apache-2.0
// The consoles against a real hosted endpoint on 127.0.0.1 (ephemeral ports), offscreen.
#include "bindery_test.h"

#include "ui/consoles/consoles_controller.h"
#include "ui/consoles/endpoint_console.h"
#include "ui/consoles/endpoint_host.h"
#include "ui/consoles/history_store.h"
#include "ui/consoles/history_view.h"
#include "ui/consoles/hosted_catalog.h"
#include "ui/consoles/replay_console.h"
#include "ui/consoles/server_profiles.h"
#include "ui/consoles/targets_view.h"
#include "workspace/workspace.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDockWidget>
#include <QLineEdit>
#include <QListWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>

using namespace bindery;
using namespace bindery::ui;

namespace {

const QByteArray kManifests =
    "apiVersion: argoproj.io/v1alpha1\n"
    "kind: WorkflowTemplate\n"
    "metadata:\n"
    "  name: build\n"
    "spec:\n"
    "  entrypoint: main\n"
    "  arguments:\n"
    "    parameters:\n"
    "      - name: repo\n"
    "  templates:\n"
    "    - name: main\n"
    "      container:\n"
    "        image: alpine\n"
    "---\n"
    "apiVersion: argoproj.io/v1alpha1\n"
    "kind: WorkflowEventBinding\n"
    "metadata:\n"
    "  name: on-push\n"
    "spec:\n"
    "  event:\n"
    "    selector: payload.action == \"push\"\n"
    "  submit:\n"
    "    workflowTemplateRef:\n"
    "      name: build\n"
    "    arguments:\n"
    "      parameters:\n"
    "        - name: repo\n"
    "          valueFrom:\n"
    "            event: payload.repo\n";

const QByteArray kEvent =
    "name: push\n"
    "namespace: argo\n"
    "discriminator: demo\n"
    "headers:\n"
    "  - {name: Content-Type, value: application/json}\n"
    "body: |\n"
    "  {\"action\": \"push\", \"repo\": \"bindery\"}\n";

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

net::CaptureRecord pushRecord(const QByteArray &action = "push")
{
    net::CaptureRecord r;
    r.time = QDateTime::currentDateTimeUtc();
    r.ns = QStringLiteral("argo");
    r.discriminator = QStringLiteral("demo");
    r.headers = {{"Content-Type", "application/json"}};
    r.body = "{\"action\": \"" + action + "\", \"repo\": \"bindery\"}";
    return r;
}

// A temporary workspace with one binding and one event, and the consoles over it.
struct Fixture {
    QTemporaryDir dir;
    workspace::Workspace workspace;
    std::unique_ptr<QSettings> settings;
    std::unique_ptr<ConsolesController> consoles;

    bool init()
    {
        const QString root = dir.filePath(QStringLiteral("ws"));
        QString error;
        if (!workspace::Workspace::create(root, QStringLiteral("consoles"), &error)
            || !writeFile(root + QStringLiteral("/manifests/push.yaml"), kManifests)
            || !writeFile(root + QStringLiteral("/events/push.yaml"), kEvent) || !workspace.open(root, &error)) {
            qWarning() << error;
            return false;
        }
        settings = std::make_unique<QSettings>(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        consoles = std::make_unique<ConsolesController>(&workspace, settings.get());
        return true;
    }

    bool host(EndpointSettings s = {})
    {
        s.port = 0; // ephemeral
        consoles->endpointConsole()->setSettings(s);
        return consoles->endpointConsole()->startHosting();
    }

    ReplayConsole *replay() const { return consoles->replayConsole(); }
    EndpointConsole *endpoint() const { return consoles->endpointConsole(); }
};

} // namespace

class TestConsoles : public QObject
{
    Q_OBJECT

private slots:
    void modelsPassTheTester()
    {
        auto log = makeRequestLogModel();
        QAbstractItemModelTester t1(log.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        log->setLimit(3);
        for (int i = 0; i < 5; ++i) {
            net::RequestRecord r;
            r.status = i % 2 ? 503 : 200;
            r.path = "/api/v1/events/argo/x";
            log->append(r);
        }
        QCOMPARE(log->rowCount(), 3);
        QCOMPARE(log->columnCount(), 5);
        QCOMPARE(log->data(log->index(0, 2), Qt::DisplayRole).toInt(), 200); // the oldest two are gone
        log->reset({});
        QCOMPARE(log->rowCount(), 0);

        auto subs = makeSubmissionsModel();
        QAbstractItemModelTester t2(subs.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QJsonObject wf = QJsonDocument::fromJson(
            "{\"metadata\":{\"generateName\":\"build-\",\"labels\":{\"workflows.argoproj.io/workflow-event-binding\":\"on-push\"}},"
            "\"spec\":{\"workflowTemplateRef\":{\"name\":\"build\"},\"arguments\":{\"parameters\":[{\"name\":\"repo\",\"value\":\"x\"}]}}}").object();
        subs->append(SubmissionRow::fromWorkflow(wf, QStringLiteral("1")));
        QCOMPARE(subs->data(subs->index(0, 1), Qt::DisplayRole).toString(), QStringLiteral("on-push"));
        QCOMPARE(subs->data(subs->index(0, 3), Qt::DisplayRole).toString(), QStringLiteral("repo=x"));

        HistoryStore store;
        QAbstractItemModelTester t3(store.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        HistoryFilterModel filter;
        filter.setSourceModel(store.model());
        QAbstractItemModelTester t4(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        HistoryEntry sent{HistoryEntry::Direction::Sent, pushRecord(), 200, QStringLiteral("local"), {QStringLiteral("on-push")}, {}};
        HistoryEntry refused{HistoryEntry::Direction::Received, pushRecord("pull"), 503, QStringLiteral("hosted"), {}, QStringLiteral("operation queue full")};
        store.add(sent);
        store.add(refused);
        QCOMPARE(filter.rowCount(), 2);
        filter.setShow(HistoryFilterModel::Show::Errors);
        QCOMPARE(filter.rowCount(), 1);
        filter.setShow(HistoryFilterModel::Show::All);
        filter.setSearch(QStringLiteral("on-push"));
        QCOMPARE(filter.rowCount(), 1);
        filter.setSearch(QStringLiteral("pull"));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.data(filter.index(0, 3)).toInt(), 503);

        auto results = makeReplayResultsModel();
        QAbstractItemModelTester t5(results.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        ReplayRow same;
        same.result.status = 200;
        same.result.prediction = net::ReplayPrediction{200, {QStringLiteral("on-push")}, {QStringLiteral("build")}};
        same.actualBindings = QStringList{QStringLiteral("on-push")};
        ReplayRow other = same;
        other.actualBindings = QStringList{};
        results->append({same, other});
        QVERIFY(!results->data(results->index(0, 0), Qt::BackgroundRole).isValid());
        QVERIFY(results->data(results->index(1, 0), Qt::BackgroundRole).isValid()); // divergence highlighted
        QVERIFY(other.divergence().contains(QStringLiteral("predicted bindings [on-push]")));
    }

    void settingsAreValidatedBeforeStart_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("address") << "address" << "not-an-ip" << "Address";
        QTest::newRow("public without tokens") << "address" << "0.0.0.0" << "reachable from other machines";
        QTest::newRow("port") << "port" << "70000" << "Port";
        QTest::newRow("cert without key") << "cert" << "/nonexistent.pem" << "TLS: give both";
        QTest::newRow("tokens file") << "tokens" << "/nonexistent/tokens.yaml" << "Tokens file";
        QTest::newRow("webhooks file") << "webhooks" << "/nonexistent/hooks.yaml" << "Webhook clients file";
        QTest::newRow("journal folder") << "journal" << "/nonexistent/dir/journal.ndjson" << "Journal";
        QTest::newRow("workers") << "workers" << "0" << "Workers";
    }

    void settingsAreValidatedBeforeStart()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        EndpointSettings s;
        s.port = 0;
        if (field == QStringLiteral("address")) s.address = value;
        if (field == QStringLiteral("port")) s.port = value.toInt();
        if (field == QStringLiteral("cert")) s.certFile = value;
        if (field == QStringLiteral("tokens")) s.tokensFile = value;
        if (field == QStringLiteral("webhooks")) s.webhookClientsFile = value;
        if (field == QStringLiteral("journal")) s.journalPath = value;
        if (field == QStringLiteral("workers")) s.workers = value.toInt();
        QStringList errors;
        QVERIFY(!s.toConfig(&errors));
        QVERIFY2(errors.join(QLatin1Char('\n')).contains(expected), qPrintable(errors.join(QLatin1Char('\n'))));

        Fixture f;
        QVERIFY(f.init());
        f.endpoint()->setSettings(s);
        if (field != QStringLiteral("port") && field != QStringLiteral("workers")) { // the spin boxes clamp those
            QVERIFY(!f.endpoint()->startHosting());
            QVERIFY(!f.consoles->host()->isRunning());
            QVERIFY(f.endpoint()->errorText().contains(expected));
        }
        QVERIFY(EndpointSettings{}.toConfig(nullptr).has_value());
    }

    void hostPostAndSeeCountersLogAndSubmission()
    {
        Fixture f;
        QVERIFY(f.init());
        QVERIFY(f.host());
        const QUrl url = f.consoles->host()->url();
        QVERIFY(url.port() > 0);
        QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));

        f.replay()->selectWorkspaceEvents({QStringLiteral("events/push.yaml")});
        QSignalSpy sent(f.replay(), &ReplayConsole::eventSent);
        f.replay()->findChild<QPushButton *>(QStringLiteral("sendSelected"))->click();
        QVERIFY(sent.wait(10'000));
        QTRY_COMPARE(f.endpoint()->counterText(QStringLiteral("received")), QStringLiteral("1"));
        QCOMPARE(f.endpoint()->counterText(QStringLiteral("2xx")), QStringLiteral("1"));
        QCOMPARE(f.endpoint()->counterText(QStringLiteral("processed")), QStringLiteral("1"));
        QCOMPARE(f.endpoint()->counterText(QStringLiteral("workflows")), QStringLiteral("1"));
        QCOMPARE(f.endpoint()->counterText(QStringLiteral("503")), QStringLiteral("0"));

        QAbstractItemModel *log = f.endpoint()->requestLogView()->model();
        QCOMPARE(log->rowCount(), 1);
        QCOMPARE(log->index(0, 1).data().toString(), QStringLiteral("POST /api/v1/events/argo/demo"));
        QCOMPARE(log->index(0, 2).data().toInt(), 200);
        QCOMPARE(log->index(0, 4).data().toString(), QStringLiteral("on-push"));

        QAbstractItemModel *subs = f.endpoint()->submissionsView()->model();
        QCOMPARE(subs->rowCount(), 1);
        QCOMPARE(subs->index(0, 1).data().toString(), QStringLiteral("on-push"));
        QCOMPARE(subs->index(0, 2).data().toString(), QStringLiteral("build"));
        QCOMPARE(subs->index(0, 3).data().toString(), QStringLiteral("repo=bindery"));
        f.endpoint()->submissionsView()->setCurrentIndex(subs->index(0, 0));
        QVERIFY(f.endpoint()->workflowYaml()->toPlainText().contains(QStringLiteral("workflowTemplateRef:\n    name: build")));

        // Predicted beside actual: the local dispatcher agrees with the endpoint.
        QCOMPARE(f.replay()->results()->rowCount(), 1);
        const ReplayRow &row = f.replay()->results()->row(0);
        QCOMPARE(row.result.status, 200);
        QVERIFY(row.result.prediction);
        QCOMPARE(row.result.prediction->bindings, QStringList{QStringLiteral("on-push")});
        QCOMPARE(row.actualBindings.value_or(QStringList{}), QStringList{QStringLiteral("on-push")});
        QVERIFY(!row.diverged());

        // Opening the request's event creates an (unsaved) workspace event with its body.
        QString opened;
        f.consoles->setOpenFile([&](const QString &path) { opened = path; });
        emit f.endpoint()->requestLogView()->activated(log->index(0, 0));
        QVERIFY(!opened.isEmpty());
        QVERIFY(f.workspace.text(opened).contains("\"repo\": \"bindery\""));

        // History: one post and one received request, in the workspace's capture file.
        QCOMPARE(f.consoles->history()->model()->rowCount(), 2);
        HistoryStore reloaded;
        QVERIFY(reloaded.setPath(HistoryStore::defaultPath(f.workspace.rootPath())));
        QCOMPARE(reloaded.model()->rowCount(), 2);
        QCOMPARE(reloaded.model()->row(0).record.body, pushRecord().body + '\n'); // the event file's literal block ends with one

        // The curl command targets this endpoint.
        QVERIFY(f.consoles->host()->curlCommand(pushRecord()).contains(url.toString() + QStringLiteral("/api/v1/events/argo/demo")));
    }

    void bindingEditsApplyToTheRunningEndpoint()
    {
        Fixture f;
        QVERIFY(f.init());
        QVERIFY(f.host());
        QSignalSpy applied(f.consoles->host(), &EndpointHost::catalogApplied);
        QByteArray edited = kManifests;
        edited.replace("payload.action == \\\"push\\\"", "payload.action == \\\"release\\\"");
        edited.replace("payload.action == \"push\"", "payload.action == \"release\"");
        QVERIFY(edited != kManifests);
        QVERIFY(f.workspace.setText(QStringLiteral("manifests/push.yaml"), edited));
        QVERIFY(applied.wait(5000));
        QSignalSpy sent(f.replay(), &ReplayConsole::eventSent);
        f.replay()->send({pushRecord()});
        QVERIFY(sent.wait(10'000));
        QTRY_COMPARE(f.endpoint()->counterText(QStringLiteral("processed")), QStringLiteral("1"));
        QCOMPARE(f.endpoint()->counterText(QStringLiteral("workflows")), QStringLiteral("0"));
        QCOMPARE(f.endpoint()->requestLogView()->model()->index(0, 4).data().toString(), QString());
    }

    void failingBindingFault()
    {
        Fixture f;
        QVERIFY(f.init());
        QVERIFY(f.host());
        f.consoles->host()->setFaults({false, 0, QStringLiteral("on-push")});
        QSignalSpy sent(f.replay(), &ReplayConsole::eventSent);
        f.replay()->send({pushRecord()});
        QVERIFY(sent.wait(10'000));
        const ReplayRow &row = f.replay()->results()->row(0);
        QCOMPARE(row.result.status, 500);
        QVERIFY(row.result.message.contains(QStringLiteral("simulated fault")));
        QVERIFY(row.diverged()); // predicted 200
        QTRY_COMPARE(f.endpoint()->counterText(QStringLiteral("bindingErrors")), QStringLiteral("1"));
        QCOMPARE(f.endpoint()->counterText(QStringLiteral("workflows")), QStringLiteral("0"));
        QCOMPARE(f.endpoint()->counterText(QStringLiteral("5xx")), QStringLiteral("1"));
    }

    // Predicted vs actual Workflows: with "Compare Workflows" on, each result carries the Workflows
    // the endpoint created (listed by label over its REST API) beside the predicted ones.
    void compareWorkflowsWithTheEndpoint_data()
    {
        QTest::addColumn<QString>("failingBinding"); // fault injected at the endpoint ("" = none)
        QTest::addColumn<int>("created");
        QTest::addColumn<QString>("divergence");
        QTest::newRow("agree") << QString() << 1 << QString();
        QTest::newRow("binding fails at the endpoint")
            << QStringLiteral("on-push") << 0 << QStringLiteral("predicted 1 workflow, server created 0: binding on-push missing");
    }
    void compareWorkflowsWithTheEndpoint()
    {
        QFETCH(QString, failingBinding);
        QFETCH(int, created);
        QFETCH(QString, divergence);
        Fixture f;
        QVERIFY(f.init());
        QVERIFY(f.host());
        if (!failingBinding.isEmpty())
            f.consoles->host()->setFaults({false, 0, failingBinding});
        auto *compare = f.replay()->findChild<QCheckBox *>(QStringLiteral("compareWorkflows"));
        QVERIFY(compare);
        QVERIFY(!compare->isChecked()); // off by default: it sends one event at a time
        f.replay()->setCompareWorkflows(true);
        QSignalSpy finished(f.replay()->engine(), &net::ReplayEngine::finished);
        f.replay()->send({pushRecord(), pushRecord(), pushRecord()});
        QVERIFY(finished.wait(20'000));
        QCOMPARE(f.replay()->results()->rowCount(), 3);
        for (const ReplayRow &row : f.replay()->results()->rows()) {
            QVERIFY(row.result.prediction);
            QCOMPARE(row.result.prediction->expected.size(), 1);
            QCOMPARE(row.result.prediction->expected.first().templateName, QStringLiteral("build"));
            QVERIFY2(row.result.actualWorkflows, qPrintable(row.result.lookupError));
            QCOMPARE(row.result.actualWorkflows->size(), created);
            if (created)
                QCOMPARE(row.result.actualWorkflows->first().parameters,
                         (QList<std::pair<QString, QString>>{{QStringLiteral("repo"), QStringLiteral("bindery")}}));
            QVERIFY2(row.divergence().contains(divergence), qPrintable(row.divergence()));
            QCOMPARE(row.result.diverged, !divergence.isEmpty());
        }
        QVERIFY(f.replay()->statusText().contains(QStringLiteral("diverged %1").arg(divergence.isEmpty() ? 0 : 3)));
        // The detail view lists both sides.
        f.replay()->resultsView()->setCurrentIndex(f.replay()->results()->index(0, 0));
        const QString detail = f.replay()->findChild<QPlainTextEdit *>()->toPlainText();
        QVERIFY2(detail.contains(QStringLiteral("Predicted Workflows:\n  build (binding on-push) repo=bindery")), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("Workflows the target created: %1").arg(created)), qPrintable(detail));
        if (!divergence.isEmpty())
            QVERIFY2(detail.contains(QStringLiteral("DIVERGED: ")), qPrintable(detail));
    }

    void replay500EventsToCompletion()
    {
        Fixture f;
        QVERIFY(f.init());
        EndpointSettings s;
        s.async = true;
        s.queueSize = 1000;
        QVERIFY(f.host(s));
        QList<net::CaptureRecord> records;
        for (int i = 0; i < 500; ++i)
            records << pushRecord(i % 5 ? "push" : "pull");
        f.replay()->addReplayEvents(records);
        f.replay()->setReplayOptions(0, 8);
        QSignalSpy finished(f.replay()->engine(), &net::ReplayEngine::finished);
        f.replay()->findChild<QPushButton *>(QStringLiteral("startReplay"))->click();
        QVERIFY(finished.wait(60'000));
        QCOMPARE(f.replay()->progressBar()->maximum(), 500);
        QCOMPARE(f.replay()->progressBar()->value(), 500);
        QVERIFY2(f.replay()->statusText().contains(QStringLiteral("500/500 done")), qPrintable(f.replay()->statusText()));
        QVERIFY2(f.replay()->statusText().contains(QStringLiteral("2xx 500")), qPrintable(f.replay()->statusText()));
        QCOMPARE(f.replay()->results()->rowCount(), 500);
        QTRY_COMPARE(f.endpoint()->counterText(QStringLiteral("received")), QStringLiteral("500"));
        QTRY_COMPARE(f.endpoint()->counterText(QStringLiteral("processed")), QStringLiteral("500"));
        QCOMPARE(f.endpoint()->counterText(QStringLiteral("workflows")), QStringLiteral("400"));
        QCOMPARE(f.endpoint()->submissionsView()->model()->rowCount(), 400);
        // Async answers come before dispatch: the actual bindings arrive afterwards and agree with
        // the local prediction.
        const auto allKnown = [&] {
            for (const ReplayRow &row : f.replay()->results()->rows())
                if (!row.actualBindings)
                    return false;
            return true;
        };
        QTRY_VERIFY(allKnown());
        for (const ReplayRow &row : f.replay()->results()->rows())
            QVERIFY2(!row.diverged(), qPrintable(row.divergence()));
    }

    void queueFullShows503()
    {
        Fixture f;
        QVERIFY(f.init());
        EndpointSettings s;
        s.async = true;
        s.queueSize = 1;
        s.workers = 1;
        QVERIFY(f.host(s));
        f.consoles->host()->setFaults({true, 0, {}}); // dispatch stalls: the queue fills
        QSignalSpy finished(f.replay()->engine(), &net::ReplayEngine::finished);
        f.replay()->send({pushRecord(), pushRecord(), pushRecord(), pushRecord()});
        QVERIFY(finished.wait(10'000));
        int unavailable = 0;
        for (const ReplayRow &row : f.replay()->results()->rows())
            unavailable += row.result.status == 503 ? 1 : 0;
        QVERIFY(unavailable >= 2); // at most one event in the worker and one in the queue
        QTRY_COMPARE(f.endpoint()->counterText(QStringLiteral("503")), QString::number(unavailable));
        bool logged = false;
        QAbstractItemModel *log = f.endpoint()->requestLogView()->model();
        for (int i = 0; i < log->rowCount(); ++i)
            logged = logged || (log->index(i, 2).data().toInt() == 503 && log->index(i, 4).data().toString().contains(QStringLiteral("queue full")));
        QVERIFY(logged);
        f.consoles->host()->setFaults({});
        QTRY_COMPARE(f.endpoint()->counterText(QStringLiteral("processed")), QString::number(4 - unavailable));
    }

    void slowServerDoesNotFreezeTheUi()
    {
        Fixture f;
        QVERIFY(f.init());
        QVERIFY(f.host());
        f.consoles->host()->setFaults({false, 2000, {}}); // the endpoint answers after 2 s
        int ticks = 0;
        QTimer ticker;
        ticker.setInterval(20);
        connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
        ticker.start();
        QSignalSpy sent(f.replay(), &ReplayConsole::eventSent);
        QElapsedTimer clock;
        clock.start();
        f.replay()->send({pushRecord()});
        QCOMPARE(sent.count(), 0); // send() returned at once
        QVERIFY(sent.wait(15'000));
        QVERIFY(clock.elapsed() >= 1900);
        QCOMPARE(f.replay()->results()->row(0).result.status, 200);
        // Over 2 s a 20 ms timer ticks ~100 times when the event loop runs; a blocked one ticks once.
        QVERIFY2(ticks >= 40, qPrintable(QString::number(ticks)));
    }

    void targetsTestConnectionImportAndKeychain()
    {
        Fixture f;
        QVERIFY(f.init());
        QVERIFY(f.host());
        ServerProfile p;
        p.name = QStringLiteral("local-argo");
        p.url = f.consoles->host()->url();
        QString error;
        QVERIFY(f.consoles->profiles()->put(p, &error));
        QVERIFY(!f.consoles->profiles()->put(ServerProfile{QStringLiteral("bad"), QUrl(QStringLiteral("ftp://x")), {}, false, {}}, &error));
        QVERIFY(error.contains(QStringLiteral("URL")));
        // Profiles persist without secrets.
        ServerProfiles again(f.settings.get());
        QCOMPARE(again.names(), QStringList{QStringLiteral("local-argo")});

        TargetsView *targets = f.consoles->targetsView();
        auto *list = targets->findChild<QListWidget *>();
        list->setCurrentRow(0);
        targets->testConnection();
        QTRY_VERIFY_WITH_TIMEOUT(targets->messageText().startsWith(QStringLiteral("Connected")), 10'000);
        QVERIFY(targets->messageText().contains(QStringLiteral("1 bindings")));

        const int before = int(f.workspace.snapshot().manifests().size());
        targets->importFromServer();
        QTRY_VERIFY_WITH_TIMEOUT(targets->messageText().startsWith(QStringLiteral("Imported")), 10'000);
        QCOMPARE(int(f.workspace.snapshot().manifests().size()), before + 2);

        // Sending to the profile goes through the resolver (keychain read, then the post).
        f.replay()->setTargets(f.consoles->profiles()->names());
        f.replay()->setCurrentTarget(QStringLiteral("local-argo"));
        QSignalSpy sent(f.replay(), &ReplayConsole::eventSent);
        f.replay()->send({pushRecord()});
        QVERIFY(sent.wait(15'000));
        QCOMPARE(sent.first().first().value<HistoryEntry>().target, QStringLiteral("local-argo"));
        QCOMPARE(sent.first().first().value<HistoryEntry>().status, 200);
    }

    void targetsOfferSessionOnlyWithoutKeychain()
    {
        {
            SecretStore probe(QStringLiteral("BinderyTest"));
            bool done = false, ok = false;
            probe.write(QStringLiteral("probe"), "x", [&](bool o, QString) { done = true; ok = o; });
            QTRY_VERIFY_WITH_TIMEOUT(done, 30'000);
            if (ok) {
                probe.remove(QStringLiteral("probe"), [](bool, QString) {});
                QSKIP("a system keychain is available here: the no-keychain path is not exercised");
            }
        }
        Fixture f;
        QVERIFY(f.init());
        ServerProfile p;
        p.name = QStringLiteral("remote");
        p.url = QUrl(QStringLiteral("https://argo.example.invalid:2746"));
        QString error;
        QVERIFY(f.consoles->profiles()->put(p, &error));
        TargetsView *targets = f.consoles->targetsView();
        auto *list = targets->findChild<QListWidget *>();
        list->setCurrentRow(0);
        // A token typed into the form goes to the keychain, never to the settings; without a
        // keychain the view says so and offers to keep it for the session only.
        QLineEdit *token = nullptr;
        for (QLineEdit *e : targets->findChildren<QLineEdit *>())
            if (e->echoMode() == QLineEdit::Password && !token)
                token = e;
        QVERIFY(token);
        token->setText(QStringLiteral("tok-123-secret"));
        targets->saveCurrent();
        QTRY_VERIFY_WITH_TIMEOUT(targets->messageText().contains(QStringLiteral("keychain is not available")), 30'000);
        QPushButton *keep = nullptr;
        for (QPushButton *b : targets->findChildren<QPushButton *>())
            if (b->text().contains(QStringLiteral("session only")))
                keep = b;
        QVERIFY(keep && !keep->isHidden());
        keep->click();
        QVERIFY(f.consoles->secrets()->sessionSecret(SecretStore::tokenKey(p.name)) == QByteArray("tok-123-secret"));
        f.settings->sync();
        QFile ini(f.settings->fileName());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        QVERIFY(!ini.readAll().contains("tok-123"));
        // The profile resolves with the session-only token.
        QByteArray resolved;
        targets->resolve(p.name, [&](std::optional<ServerProfile>, QByteArray t, QByteArray, QString) { resolved = t; });
        QTRY_COMPARE(resolved, QByteArray("tok-123-secret"));
    }

    void secretsNeverLandInPlainText()
    {
        // Without a keychain (no D-Bus session here) the write fails and the user is offered to
        // keep the secret for the session only; either way no file holds it.
        SecretStore store(QStringLiteral("BinderyTest"));
        bool done = false, ok = true;
        QString error;
        store.write(QStringLiteral("target/x/token"), "s3cret", [&](bool o, QString e) {
            done = true;
            ok = o;
            error = e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30'000);
        if (ok) {
            store.remove(QStringLiteral("target/x/token"), [](bool, QString) {});
            QSKIP("a system keychain is available here: the no-keychain path is not exercised");
        }
        QVERIFY(!error.isEmpty());
        QVERIFY(SecretStore::unavailableMessage(error).contains(QStringLiteral("session only")));
        store.keepForSession(QStringLiteral("target/x/token"), "s3cret");
        QByteArray read;
        store.read(QStringLiteral("target/x/token"), [&](bool, QByteArray s, QString) { read = s; });
        QCOMPARE(read, QByteArray("s3cret"));
    }

    void installAddsDocksAndMenus()
    {
        Fixture f;
        QVERIFY(f.init());
        QMainWindow window;
        window.menuBar()->addMenu(QStringLiteral("&File"))->addSeparator();
        f.consoles->installInto(&window);
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("endpointConsoleDock")));
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("replayConsoleDock")));
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("historyViewDock")));
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("targetsViewDock")));
        bool import = false;
        for (QAction *a : window.menuBar()->actions().first()->menu()->actions())
            import = import || a->text().contains(QStringLiteral("Import Capture"));
        QVERIFY(import);
        f.consoles.reset(); // the docks own the widgets now
    }

    void importsCaptureFiles()
    {
        Fixture f;
        QVERIFY(f.init());
        const QString path = f.dir.filePath(QStringLiteral("capture.ndjson"));
        QByteArray lines;
        for (int i = 0; i < 3; ++i)
            lines += pushRecord().toNdjsonLine() + '\n';
        QVERIFY(writeFile(path, lines));
        QString message;
        QVERIFY(f.replay()->importFile(path, &message));
        QCOMPARE(f.replay()->replayEvents()->rowCount(), 3);
        QVERIFY(message.contains(QStringLiteral("3 events imported")));
        QVERIFY(writeFile(path, "this is not a capture\n"));
        QVERIFY(!f.replay()->importFile(path, &message));
        QVERIFY(message.contains(QStringLiteral("cannot import")));
    }
};

BINDERY_TEST_MAIN(TestConsoles)
#include "test_consoles.moc"
