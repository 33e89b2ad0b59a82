// SPDX-License-Identifier: Apache-2.0
// bindery-cli import / post / replay through the real binary, against Bindery's own endpoint.
#include "bindery_test.h"
#include "net/catalog_sink.h"
#include "net/event_server.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>

using namespace bindery::net;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Asynchronous, so that the endpoint in this process keeps serving while the CLI runs.
Run runCli(const QStringList &args)
{
    QProcess p;
    QSignalSpy done(&p, &QProcess::finished);
    p.start(QStringLiteral(BINDERY_CLI_PATH), args);
    p.closeWriteChannel();
    if (!done.wait(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

class FailingSink : public EventSink
{
public:
    DispatchOutcome dispatch(const IncomingEvent &e, const EventContext &) override
    {
        DispatchOutcome o;
        if (e.payload.contains("fail")) {
            o.ok = false;
            o.error = QStringLiteral("failed to dispatch event: [boom]");
        }
        return o;
    }
};

QString sample(const QString &name)
{
    return bindery::test::testSourceDir() + QStringLiteral("/net/data/capture/") + name;
}

} // namespace

class TestCliCapture : public QObject
{
    Q_OBJECT
    std::unique_ptr<EventServer> server;
    QString base;

private slots:
    void initTestCase()
    {
        server = std::make_unique<EventServer>();
        server->setSink(std::make_shared<FailingSink>());
        EventServerConfig config;
        QString error;
        QVERIFY2(server->start(config, &error), qPrintable(error));
        base = QStringLiteral("http://127.0.0.1:%1").arg(server->port());
    }
    void cleanupTestCase()
    {
        server->stop();
    }

    void help_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("import") << "import";
        QTest::newRow("post") << "post";
        QTest::newRow("replay") << "replay";
    }
    void help()
    {
        QFETCH(QString, command);
        const Run r = runCli({command, QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QByteArray("Usage: bindery-cli " + command.toUtf8())));
    }

    void import()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("capture.ndjson"));
        const Run r = runCli({QStringLiteral("import"), sample(QStringLiteral("awkward.sh")), sample(QStringLiteral("browser.har")),
                              sample(QStringLiteral("requests.http")), QStringLiteral("-o"), out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("16 events imported, 9 skipped"), r.err.constData());
        QVERIFY(r.err.contains("awkward.sh:27:54: command 14: unterminated single quote"));
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().count('\n'), 16);
        // --format forces a format; a bare GitLab payload needs --path.
        const Run gl = runCli({QStringLiteral("import"), QStringLiteral("--format"), QStringLiteral("gitlab"),
                               QStringLiteral("--path"), QStringLiteral("/api/v1/events/argo/gl"),
                               sample(QStringLiteral("gitlab_push_payload.json")), QStringLiteral("-o"), QStringLiteral("-")});
        QCOMPARE(gl.exitCode, 0);
        QVERIFY(gl.out.contains("\"discriminator\":\"gl\""));
    }

    void importErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("nothing importable") << QStringList{QStringLiteral("import"), sample(QStringLiteral("body.json")),
                                                           QStringLiteral("-o"), QStringLiteral("-")};
        QTest::newRow("missing file") << QStringList{QStringLiteral("import"), QStringLiteral("/nonexistent/x.har"),
                                                     QStringLiteral("-o"), QStringLiteral("-")};
        QTest::newRow("bad format") << QStringList{QStringLiteral("import"), QStringLiteral("--format"), QStringLiteral("xml"),
                                                   sample(QStringLiteral("browser.har")), QStringLiteral("-o"), QStringLiteral("-")};
        QTest::newRow("no output") << QStringList{QStringLiteral("import"), sample(QStringLiteral("browser.har"))};
        QTest::newRow("bad path") << QStringList{QStringLiteral("import"), QStringLiteral("--path"), QStringLiteral("/x"),
                                                 sample(QStringLiteral("browser.har")), QStringLiteral("-o"), QStringLiteral("-")};
    }
    void importErrors()
    {
        QFETCH(QStringList, args);
        const Run r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
    }

    void post_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("body");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("stdoutPart");
        QTest::addColumn<QByteArray>("stderrPart");
        QTest::newRow("ok") << "/api/v1/events/argo/" << "{\"a\":1}" << 0 << QByteArray("{}") << QByteArray("HTTP 200");
        QTest::newRow("invalid json") << "/api/v1/events/argo/d" << "{x" << 1 << QByteArray("\"code\":3")
                                      << QByteArray("HTTP 400");
        QTest::newRow("dispatch failure") << "/api/v1/events/argo/d" << "{\"fail\":1}" << 1
                                          << QByteArray("failed to dispatch event") << QByteArray("HTTP 500");
        QTest::newRow("not an events url") << "/api/v1/workflows/argo" << "{}" << 2 << QByteArray()
                                           << QByteArray("not an events URL");
    }
    void post()
    {
        QFETCH(QString, path);
        QFETCH(QString, body);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, stdoutPart);
        QFETCH(QByteArray, stderrPart);
        const Run r = runCli({QStringLiteral("post"), base + path, QStringLiteral("-H"), QStringLiteral("X-Argo-E2E: true"),
                              QStringLiteral("-d"), body});
        QVERIFY2(r.exitCode == exitCode, r.err.constData());
        QVERIFY2(r.out.contains(stdoutPart), r.out.constData());
        QVERIFY2(r.err.contains(stderrPart), r.err.constData());
    }

    void postRefused()
    {
        // A port nobody listens on: bind one, then free it.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        const Run r = runCli({QStringLiteral("post"), QStringLiteral("http://127.0.0.1:%1/api/v1/events/argo/").arg(port),
                              QStringLiteral("-d"), QStringLiteral("{}")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("connection refused"), r.err.constData());
    }

    void replay()
    {
        QTemporaryDir dir;
        QByteArray lines;
        for (int i = 0; i < 30; ++i) {
            lines += "{\"time\":\"2024-01-01T00:00:00Z\",\"namespace\":\"argo\",\"discriminator\":\"r" + QByteArray::number(i)
                + "\",\"headers\":[[\"Content-Type\",\"application/json\"]],\"body\":\"{\\\"i\\\":" + QByteArray::number(i)
                + (i % 10 == 9 ? ",\\\"fail\\\":1" : "") + "}\"}\n";
        }
        const QString capture = dir.filePath(QStringLiteral("c.ndjson"));
        QFile f(capture);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(lines);
        f.close();
        const QString results = dir.filePath(QStringLiteral("results.ndjson"));
        const Run r = runCli({QStringLiteral("replay"), capture, QStringLiteral("--to"), base, QStringLiteral("--concurrency"),
                              QStringLiteral("4"), QStringLiteral("--shuffle"), QStringLiteral("7"), QStringLiteral("--results"),
                              results});
        QVERIFY2(r.exitCode == 1, r.err.constData()); // three events fail on the server
        QVERIFY2(r.err.contains("sent 30  2xx 27  4xx 0  5xx 3  failed 0  503 retried 0"), r.err.constData());
        QVERIFY(r.err.contains("latency p50 "));
        QFile rf(results);
        QVERIFY(rf.open(QIODevice::ReadOnly));
        const QByteArray written = rf.readAll();
        QCOMPARE(written.count('\n'), 30);
        QCOMPARE(written.count("\"status\":500"), 3);

        const Run bad = runCli({QStringLiteral("replay"), capture});
        QCOMPARE(bad.exitCode, 2);
        const Run badUrl = runCli({QStringLiteral("replay"), capture, QStringLiteral("--to"), QStringLiteral("ftp://x")});
        QCOMPARE(badUrl.exitCode, 2);
    }

    // --compare: the Workflows the server created beside those the local dispatcher predicts from
    // the -f manifests. The server hosts binding b1 only; the prediction may also know b2.
    void replayCompare_data()
    {
        QTest::addColumn<QStringList>("manifests"); // file names for -f
        QTest::addColumn<bool>("compare");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected"); // on stderr
        QTest::newRow("agree") << QStringList{QStringLiteral("common.yaml")} << true << 0
                               << QStringLiteral("predicted vs actual: 0 diverged of 3 (Workflows compared for 3, lookup failed for 0)");
        QTest::newRow("binding missing on the server")
            << QStringList{QStringLiteral("common.yaml"), QStringLiteral("extra.yaml")} << true << 1
            << QStringLiteral("#1 /api/v1/events/argo/cmp: predicted 2 workflows, server created 1: binding b2 missing");
        QTest::newRow("status only without --compare")
            << QStringList{QStringLiteral("common.yaml"), QStringLiteral("extra.yaml")} << false << 0
            << QStringLiteral("predicted vs actual: 0 diverged of 3\n");
        QTest::newRow("--compare needs -f") << QStringList{} << true << 2 << QStringLiteral("--compare needs the manifests");
    }
    void replayCompare()
    {
        QFETCH(QStringList, manifests);
        QFETCH(bool, compare);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QByteArray common = "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: t1}\nspec: {}\n---\n"
                                  "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: t2}\nspec: {}\n---\n"
                                  "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata: {name: b1}\n"
                                  "spec:\n  event: {selector: \"discriminator == 'cmp'\"}\n"
                                  "  submit:\n    workflowTemplateRef: {name: t1}\n"
                                  "    arguments: {parameters: [{name: who, valueFrom: {event: payload.who}}]}\n";
        const QByteArray extra = "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata: {name: b2}\n"
                                 "spec:\n  event: {selector: \"discriminator == 'cmp'\"}\n"
                                 "  submit: {workflowTemplateRef: {name: t2}}\n";
        for (const auto &[name, text] : {std::pair{QStringLiteral("common.yaml"), common}, {QStringLiteral("extra.yaml"), extra}}) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        }
        EventServer cluster;
        bindery::argo::DispatcherOptions options;
        options.nameSuffix = bindery::argo::NameSuffix::Random;
        cluster.setSink(std::make_shared<CatalogSink>(bindery::argo::loadManifests(common.toStdString()), options));
        QString error;
        QVERIFY2(cluster.start(EventServerConfig(), &error), qPrintable(error));
        QByteArray lines;
        for (int i = 0; i < 3; ++i)
            lines += "{\"time\":\"2024-01-01T00:00:00Z\",\"namespace\":\"argo\",\"discriminator\":\"cmp\",\"headers\":[],"
                     "\"body\":\"{\\\"who\\\":\\\"p" + QByteArray::number(i) + "\\\"}\"}\n";
        const QString capture = dir.filePath(QStringLiteral("c.ndjson"));
        QFile f(capture);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(lines);
        f.close();
        const QString results = dir.filePath(QStringLiteral("results.ndjson"));
        QStringList args{QStringLiteral("replay"), capture, QStringLiteral("--to"), QStringLiteral("http://127.0.0.1:%1").arg(cluster.port()),
                         QStringLiteral("--results"), results};
        if (compare)
            args << QStringLiteral("--compare") << QStringLiteral("--settle") << QStringLiteral("0"); // a sync server
        if (!manifests.isEmpty()) {
            args << QStringLiteral("-f");
            for (const QString &m : std::as_const(manifests))
                args << dir.filePath(m);
        }
        const Run r = runCli(args);
        QVERIFY2(r.exitCode == exitCode, r.err.constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(expected), r.err.constData());
        if (exitCode == 2)
            return;
        QFile rf(results);
        QVERIFY(rf.open(QIODevice::ReadOnly));
        const QByteArray written = rf.readAll();
        QCOMPARE(written.count('\n'), 3);
        QVERIFY2(written.contains("\"predicted\":{\"bindings\":[\"b1\""), written.constData());
        if (compare)
            QVERIFY2(written.contains("\"workflows\":[\"t1 (binding b1) who=p0\"]"), written.constData());
    }
};

BINDERY_TEST_MAIN(TestCliCapture)
#include "test_cli_capture.moc"
