// SPDX-License-Identifier: Apache-2.0
// Capture import (target: 100,000 events in <= 3 s) and replay rate to Bindery's local endpoint.
#include "net/capture_import.h"
#include "net/event_server.h"
#include "net/replay_engine.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimeZone>

#include <benchmark/benchmark.h>

using namespace bindery::net;

namespace {

// A GitHub-push-like event line (~1.2 KB), varied per line so nothing is trivially shared.
QByteArray captureOf(int events)
{
    QByteArray out;
    out.reserve(qsizetype(events) * 1300);
    for (int i = 0; i < events; ++i) {
        CaptureRecord r;
        r.time = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000LL + i, QTimeZone::utc());
        r.ns = QStringLiteral("argo");
        r.discriminator = QStringLiteral("github");
        r.headers = {{"Content-Type", "application/json"},
                     {"User-Agent", "GitHub-Hookshot/5b4e4e1"},
                     {"X-GitHub-Event", "push"},
                     {"X-GitHub-Delivery", QByteArray::number(i)},
                     {"X-Hub-Signature-256", "sha256=" + QByteArray(64, 'a')}};
        r.body = "{\"ref\":\"refs/heads/main\",\"before\":\"" + QByteArray(40, '0') + "\",\"after\":\""
            + QByteArray::number(i).rightJustified(40, '1') + "\",\"repository\":{\"id\":" + QByteArray::number(i)
            + ",\"full_name\":\"octo/hello\",\"private\":false,\"owner\":{\"login\":\"octo\",\"id\":1}},"
              "\"pusher\":{\"name\":\"octo\",\"email\":\"octo@example.com\"},\"commits\":[{\"id\":\"abc\",\"message\":"
              "\"Fix \\\"quotes\\\" and unicode \xc3\xa9\",\"added\":[],\"removed\":[],\"modified\":[\"README.md\"]}],"
              "\"head_commit\":{\"id\":\"abc\",\"timestamp\":\"2024-03-05T10:15:30Z\"}}";
        r.id = QString::number(i);
        out += r.toNdjsonLine();
        out += '\n';
    }
    return out;
}

void BM_ImportCapture(benchmark::State &state)
{
    const int events = static_cast<int>(state.range(0));
    const QByteArray data = captureOf(events);
    for (auto _ : state) {
        const ImportResult r = importCapture(data, CaptureFormat::Auto);
        if (r.records.size() != events)
            state.SkipWithError("not every event was imported");
        benchmark::DoNotOptimize(r.records.data());
    }
    state.SetItemsProcessed(state.iterations() * events);
    state.SetBytesProcessed(state.iterations() * data.size());
}
BENCHMARK(BM_ImportCapture)->Arg(100'000)->Unit(benchmark::kMillisecond)->Iterations(2);

class NoopSink : public EventSink
{
public:
    DispatchOutcome dispatch(const IncomingEvent &, const EventContext &) override { return {}; }
};

void BM_ReplayToLocalEndpoint(benchmark::State &state)
{
    const int concurrency = static_cast<int>(state.range(0));
    constexpr int kEvents = 5000;
    EventServer server;
    server.setSink(std::make_shared<NoopSink>());
    EventServerConfig config;
    config.async = true;
    config.queueSize = 4096;
    QString error;
    if (!server.start(config, &error)) {
        state.SkipWithError(qPrintable(error));
        return;
    }
    const ImportResult events = importCapture(captureOf(kEvents), CaptureFormat::Ndjson);
    ReplayOptions options;
    options.connection.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    options.concurrency = concurrency;
    double rate = 0, p99 = 0;
    for (auto _ : state) {
        ReplayEngine engine;
        engine.setOptions(options);
        engine.setEvents(events.records);
        QEventLoop loop;
        QObject::connect(&engine, &ReplayEngine::finished, &loop, &QEventLoop::quit);
        engine.start();
        loop.exec();
        const ReplayStats s = engine.stats();
        if (s.ok2xx != kEvents)
            state.SkipWithError("not every event was accepted");
        rate = s.ratePerSecond;
        p99 = static_cast<double>(s.p99LatencyUs);
    }
    state.counters["events_per_s"] = rate;
    state.counters["p99_us"] = p99;
    state.SetItemsProcessed(state.iterations() * kEvents);
    server.stop();
}
BENCHMARK(BM_ReplayToLocalEndpoint)->Arg(4)->Arg(16)->Unit(benchmark::kMillisecond)->Iterations(2)->UseRealTime();

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
