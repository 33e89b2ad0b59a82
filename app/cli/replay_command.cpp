// SPDX-License-Identifier: Apache-2.0
// bindery-cli replay: sends the events of a capture to a target, with rate, concurrency and retries.
#include "cli/command.h"
#include "cli/net_cli_util.h"
#include "net/capture_headers.h"
#include "net/argo_dispatch_sink.h"
#include "net/capture_import.h"
#include "net/replay_engine.h"
#include "net/replay_prediction.h"

#include "argo/catalog.h"
#include "argo/dispatcher.h"
#include "argo/manifest.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QSaveFile>

#include <unistd.h>

namespace bindery::cli {

namespace {

void printReplayHelp(std::FILE *out)
{
    std::fprintf(out,
                 "Usage: bindery-cli replay CAPTURE --to BASE_URL [--rate N] [--concurrency N]\n"
                 "                          [--shuffle SEED] [--retries N] [--resign-github SECRET]\n"
                 "                          [--resign-gitlab TOKEN] [--token T] [--insecure] [--cacert FILE]\n"
                 "                          [--rewrite-time] [--results FILE] [--timeout MS]\n"
                 "                          [-f MANIFESTS... [--compare] [--settle MS]]\n"
                 "\n"
                 "Posts every event of CAPTURE (a capture file, or any format `import` reads) to\n"
                 "BASE_URL (scheme://host:port); each event keeps its own /api/v1/events/NS/D path.\n"
                 "\n"
                 "  --to URL              the target (required)\n"
                 "  --rate N              events per second (default: unlimited)\n"
                 "  --concurrency N       requests in flight (default 4); Qt opens at most 6 connections\n"
                 "                        per host and per network manager, so beyond 6 the engine\n"
                 "                        spreads requests over several managers (one per 6)\n"
                 "  --shuffle SEED        send in a shuffled order (the same seed, the same order)\n"
                 "  --retries N           retries of 503 with exponential backoff (default 5)\n"
                 "  --resign-github S     recompute X-Hub-Signature-256/X-Hub-Signature with secret S\n"
                 "  --resign-gitlab T     set X-Gitlab-Token to T on GitLab events\n"
                 "  --token T             Authorization for every event (default: $ARGO_TOKEN if set)\n"
                 "  --insecure            do not verify TLS certificates\n"
                 "  --cacert FILE         trust the CA certificate(s) in FILE\n"
                 "  --rewrite-time        results carry the send time instead of the captured time\n"
                 "  --results FILE        write each event with its outcome as a capture file\n"
                 "  --timeout MS          per-request timeout (default 30000)\n"
                 "  -f FILE...            predict each answer with the local dispatcher over these\n"
                 "                        manifests (templates, bindings) and flag divergences\n"
                 "  --compare             also compare Workflows: after each answer, list the Workflows\n"
                 "                        the target created for the event (label\n"
                 "                        workflows.argoproj.io/workflow-event-binding, created since the\n"
                 "                        send) beside the predicted ones (bindings, count, template,\n"
                 "                        parameters). Workflows name their binding, not their event,\n"
                 "                        so events are then sent one at a time\n"
                 "  --settle MS           with --compare, fewer Workflows than predicted are looked up\n"
                 "                        again for up to MS (default 1000): an async server creates\n"
                 "                        them after answering; 0 for a sync server\n"
                 "\n"
                 "Prints a progress bar on a terminal and a summary (sent, 2xx, 4xx, 5xx, 503 retried,\n"
                 "p50/p99 latency), and with a prediction the divergences. Exit status: 0 when every\n"
                 "event got a 2xx (and, with a prediction, none diverged), 1 otherwise, 2 on usage or\n"
                 "input errors.\n");
}

QString ms(qint64 us)
{
    return QString::number(static_cast<double>(us) / 1000.0, 'f', 2) + QStringLiteral(" ms");
}

} // namespace

int runReplayCommand(const std::vector<std::string_view> &args)
{
    using namespace bindery::net;
    QString capture, resultsPath;
    QStringList manifests;
    ReplayOptions options;
    if (qEnvironmentVariableIsSet("ARGO_TOKEN"))
        options.connection.token = qgetenv("ARGO_TOKEN");
    QString to;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        auto number = [&](double *out, double min) {
            const auto v = optionValue("replay", args, i);
            bool ok = false;
            const double d = v ? v->toDouble(&ok) : 0;
            if (!ok || d < min) {
                if (v)
                    printErr(QStringLiteral("bindery-cli replay: %1 needs a number >= %2").arg(argText(args[i - 1])).arg(min));
                return false;
            }
            *out = d;
            return true;
        };
        double n = 0;
        if (a == "--help" || a == "-h") {
            printReplayHelp(stdout);
            return ExitOk;
        } else if (a == "--to") {
            const auto v = optionValue("replay", args, i);
            if (!v)
                return ExitUsage;
            to = *v;
        } else if (a == "--rate") {
            if (!number(&n, 0))
                return ExitUsage;
            options.rate = n;
        } else if (a == "--concurrency") {
            if (!number(&n, 1))
                return ExitUsage;
            options.concurrency = static_cast<int>(n);
        } else if (a == "--shuffle") {
            if (!number(&n, 0))
                return ExitUsage;
            options.shuffleSeed = static_cast<quint32>(n);
        } else if (a == "--retries") {
            if (!number(&n, 0))
                return ExitUsage;
            options.maxRetries503 = static_cast<int>(n);
        } else if (a == "--settle") {
            if (!number(&n, 0))
                return ExitUsage;
            options.compareSettleMs = static_cast<int>(n);
        } else if (a == "--timeout") {
            if (!number(&n, 0))
                return ExitUsage;
            options.connection.timeoutMs = static_cast<int>(n);
        } else if (a == "--resign-github" || a == "--resign-gitlab" || a == "--token" || a == "--cacert"
                   || a == "--results") {
            const auto v = optionValue("replay", args, i);
            if (!v)
                return ExitUsage;
            if (a == "--resign-github")
                options.resign.githubSecret = v->toUtf8();
            else if (a == "--resign-gitlab")
                options.resign.gitlabToken = v->toUtf8();
            else if (a == "--token")
                options.connection.token = v->toUtf8();
            else if (a == "--cacert")
                options.connection.caFile = *v;
            else
                resultsPath = *v;
        } else if (a == "-f") {
            while (i + 1 < args.size() && !args[i + 1].starts_with("-"))
                manifests << argText(args[++i]);
            if (manifests.isEmpty()) {
                printErr(QStringLiteral("bindery-cli replay: -f needs at least one manifest file"));
                return ExitUsage;
            }
        } else if (a == "--compare") {
            options.compareWorkflows = true;
        } else if (a == "--insecure" || a == "-k") {
            options.connection.insecure = true;
        } else if (a == "--rewrite-time") {
            options.timestamps = ReplayOptions::Timestamps::Rewrite;
        } else if (a.size() > 1 && a.front() == '-') {
            printErr(QStringLiteral("bindery-cli replay: unknown option '%1'").arg(argText(a)));
            printReplayHelp(stderr);
            return ExitUsage;
        } else if (capture.isEmpty()) {
            capture = argText(a);
        } else {
            printErr(QStringLiteral("bindery-cli replay: more than one capture file"));
            return ExitUsage;
        }
    }
    if (capture.isEmpty() || to.isEmpty()) {
        printErr(QStringLiteral("bindery-cli replay: %1").arg(capture.isEmpty() ? QStringLiteral("no capture file")
                                                                                : QStringLiteral("no target: give --to BASE_URL")));
        printReplayHelp(stderr);
        return ExitUsage;
    }
    options.connection.baseUrl = QUrl(to, QUrl::StrictMode);
    if (options.compareWorkflows && manifests.isEmpty()) {
        printErr(QStringLiteral("bindery-cli replay: --compare needs the manifests to predict with (-f FILE...)"));
        return ExitUsage;
    }
    // The prediction: Argo's dispatcher over the given manifests, as `bindery-cli serve -f` hosts them.
    ReplayPredictor predictor;
    if (!manifests.isEmpty()) {
        argo::ManifestSet set;
        for (const QString &f : std::as_const(manifests))
            set.append(argo::loadManifestFile(f.toStdString()));
        for (const auto &d : set.diagnostics)
            printErr(QString::fromStdString(argo::toString(d)));
        if (set.hasErrors()) {
            printErr(QStringLiteral("bindery-cli replay: the manifests have errors (above)"));
            return ExitUsage;
        }
        auto dispatcher = std::make_shared<const argo::Dispatcher>(argo::Catalog::fromManifests(set));
        predictor = predictorFromSink(std::make_shared<ArgoDispatchSink>(std::move(dispatcher)));
    }

    const ImportResult imported = importCaptureFile(capture, CaptureFormat::Auto);
    for (const ImportIssue &issue : imported.skipped)
        printErr((imported.unreadable ? QStringLiteral("error: ") : QStringLiteral("skipped: ")) + issue.toString());
    if (imported.records.isEmpty()) {
        printErr(QStringLiteral("bindery-cli replay: no event to replay in '%1'").arg(capture));
        return ExitUsage;
    }

    int argc = 1;
    char name[] = "bindery-cli";
    char *argv[] = {name, nullptr};
    std::optional<QCoreApplication> app;
    if (!QCoreApplication::instance())
        app.emplace(argc, argv);
    ReplayEngine engine;
    engine.setOptions(options);
    engine.setEvents(imported.records);
    engine.setPredictor(predictor);
    const bool tty = isatty(fileno(stderr));
    QElapsedTimer lastDraw;
    lastDraw.start();
    QObject::connect(&engine, &ReplayEngine::progress, &engine, [&](int done, int total, double rate, qint64 eta) {
        if (!tty || (lastDraw.elapsed() < 100 && done != total))
            return;
        lastDraw.restart();
        constexpr int width = 30;
        const int filled = total ? done * width / total : width;
        const QString bar = QString(filled, QLatin1Char('#')) + QString(width - filled, QLatin1Char('.'));
        const QString etaText = eta < 0 ? QStringLiteral("?") : QString::number((eta + 999) / 1000) + QLatin1Char('s');
        const QByteArray line = QStringLiteral("\r[%1] %2/%3 %4/s ETA %5  ")
                                    .arg(bar)
                                    .arg(done)
                                    .arg(total)
                                    .arg(rate, 0, 'f', 1)
                                    .arg(etaText)
                                    .toLocal8Bit();
        std::fputs(line.constData(), stderr);
        std::fflush(stderr);
    });
    QString error;
    QEventLoop loop;
    QObject::connect(&engine, &ReplayEngine::finished, &loop, &QEventLoop::quit);
    if (!engine.start(&error)) {
        printErr(QStringLiteral("bindery-cli replay: %1").arg(error));
        return ExitUsage;
    }
    loop.exec();
    if (tty)
        std::fputs("\n", stderr);

    const ReplayStats s = engine.stats();
    // The first few failures, so that a user sees why without a results file.
    int shown = 0;
    for (const ReplayResult &r : engine.results()) {
        if (r.status >= 200 && r.status < 300)
            continue;
        if (++shown > 5)
            break;
        printErr(QStringLiteral("  %1: %2").arg(eventPath(r.record), r.message.isEmpty() ? QString::number(r.status) : r.message));
    }
    printErr(QStringLiteral("sent %1  2xx %2  4xx %3  5xx %4  failed %5  503 retried %6")
                 .arg(s.sent)
                 .arg(s.ok2xx)
                 .arg(s.client4xx)
                 .arg(s.server5xx)
                 .arg(s.failed)
                 .arg(s.retried503));
    printErr(QStringLiteral("latency p50 %1  p99 %2  rate %3 events/s")
                 .arg(ms(s.p50LatencyUs), ms(s.p99LatencyUs))
                 .arg(s.ratePerSecond, 0, 'f', 1));
    if (predictor) {
        printErr(QStringLiteral("predicted vs actual: %1 diverged of %2%3")
                     .arg(s.diverged)
                     .arg(s.sent)
                     .arg(options.compareWorkflows
                              ? QStringLiteral(" (Workflows compared for %1, lookup failed for %2)").arg(s.compared).arg(s.lookupFailed)
                              : QString()));
        int listed = 0;
        for (const ReplayResult &r : engine.results()) {
            if (!r.diverged && r.lookupError.isEmpty())
                continue;
            if (++listed > 10) {
                printErr(QStringLiteral("  ... (--results FILE has every event)"));
                break;
            }
            printErr(QStringLiteral("  #%1 %2: %3").arg(r.index + 1).arg(eventPath(r.record), r.diverged ? r.divergence : r.lookupError));
        }
    }
    if (!resultsPath.isEmpty()) {
        QByteArray lines;
        for (const ReplayResult &r : engine.results()) {
            CaptureRecord rec = r.record;
            QJsonObject outcome{{QStringLiteral("status"), r.status},
                                {QStringLiteral("latencyUs"), r.latencyUs},
                                {QStringLiteral("attempts"), r.attempts},
                                {QStringLiteral("body"), QString::fromUtf8(r.responseBody)}};
            if (r.error != NetErrorKind::None)
                outcome.insert(QStringLiteral("error"), r.message);
            if (r.prediction) {
                QJsonArray predicted, actual;
                for (const WorkflowSummary &w : r.prediction->expected)
                    predicted.append(describeWorkflow(w));
                outcome.insert(QStringLiteral("predicted"), QJsonObject{{QStringLiteral("status"), r.prediction->status},
                                                                       {QStringLiteral("bindings"), QJsonArray::fromStringList(r.prediction->bindings)},
                                                                       {QStringLiteral("workflows"), predicted}});
                if (r.actualWorkflows) {
                    for (const WorkflowSummary &w : *r.actualWorkflows)
                        actual.append(describeWorkflow(w));
                    outcome.insert(QStringLiteral("workflows"), actual);
                }
                if (r.diverged)
                    outcome.insert(QStringLiteral("divergence"), r.divergence);
                if (!r.lookupError.isEmpty())
                    outcome.insert(QStringLiteral("lookupError"), r.lookupError);
            }
            rec.outcome = outcome;
            lines += rec.toNdjsonLine() + '\n';
        }
        QSaveFile out(resultsPath);
        if (!out.open(QIODevice::WriteOnly) || out.write(lines) != lines.size() || !out.commit()) {
            printErr(QStringLiteral("bindery-cli replay: cannot write '%1': %2").arg(resultsPath, out.errorString()));
            return ExitUsage;
        }
    }
    return s.ok2xx == s.total && s.diverged == 0 ? ExitOk : ExitCheckFailed;
}

} // namespace bindery::cli
