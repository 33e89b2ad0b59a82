// SPDX-License-Identifier: Apache-2.0
// Live results: how long the studio needs to re-evaluate a workspace after an edit.
// Target (DESIGN.md): 1,000 events x 20 bindings in <= 16 ms, off the UI thread.
#include "bindery_version.h"
#include "workspace/evaluation.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

using namespace bindery::workspace;

namespace {

struct Fixture {
    QTemporaryDir dir;
    Workspace workspace;
    WorkspaceSnapshot before, after; // one selector edited between the two
};

// The example workspace's events cycled to `events` events, its two bindings copied to `bindings`.
Fixture *makeFixture(int events, int bindings)
{
    auto *f = new Fixture;
    QString error;
    if (!Workspace::create(f->dir.path(), QStringLiteral("bench"), &error) || !f->workspace.open(f->dir.path(), &error))
        qFatal("cannot create the benchmark workspace: %s", qPrintable(error));
    const QDir example(QStringLiteral(BINDERY_SOURCE_DIR "/resources/example-workspace"));
    QFile consumer(example.filePath(QStringLiteral("manifests/event-consumer.yaml")));
    QFile pathFilter(example.filePath(QStringLiteral("manifests/github-path-filter.yaml")));
    if (!consumer.open(QIODevice::ReadOnly) || !pathFilter.open(QIODevice::ReadOnly))
        qFatal("example manifests not found");
    const QByteArray consumerText = consumer.readAll();
    const QByteArray pathFilterText = pathFilter.readAll();
    f->workspace.setText(QStringLiteral("manifests/templates.yaml"),
                         consumerText.left(consumerText.indexOf("---")) + "---\n"
                             + pathFilterText.left(pathFilterText.indexOf("---")));
    QByteArray bindingText;
    for (int i = 0; i < bindings; ++i) {
        const QByteArray &source = i % 2 ? pathFilterText : consumerText;
        QByteArray binding = source.mid(source.indexOf("---"));
        binding.replace("kind: WorkflowEventBinding\nmetadata:\n  name: ",
                        "kind: WorkflowEventBinding\nmetadata:\n  name: b" + QByteArray::number(i) + "-");
        bindingText += binding + "\n";
    }
    f->workspace.setText(QStringLiteral("manifests/bindings.yaml"), bindingText);
    QList<QByteArray> samples;
    for (const QString &name : QDir(example.filePath(QStringLiteral("events"))).entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name)) {
        QFile file(example.filePath(QStringLiteral("events/") + name));
        if (file.open(QIODevice::ReadOnly))
            samples << file.readAll();
    }
    for (int i = 0; i < events; ++i)
        f->workspace.setText(QStringLiteral("events/e%1.yaml").arg(i, 5, 10, QLatin1Char('0')),
                             QByteArray(samples[i % samples.size()]).replace("name: ", "name: " + QByteArray::number(i) + " "));
    f->before = f->workspace.snapshot();
    f->workspace.setText(QStringLiteral("manifests/bindings.yaml"),
                         QByteArray(bindingText).replace("payload.appellation != \"\"", "payload.appellation == \"world\""));
    f->after = f->workspace.snapshot();
    return f;
}

void BM_ReevaluateAfterEdit(benchmark::State &state)
{
    std::unique_ptr<Fixture> f(makeFixture(int(state.range(0)), int(state.range(1))));
    auto cache = std::make_shared<bindery::argo::SelectorCache>();
    bool flip = false;
    for (auto _ : state) {
        auto evaluation = evaluate(flip ? f->after : f->before, nullptr, cache);
        benchmark::DoNotOptimize(evaluation);
        flip = !flip;
    }
    state.counters["cells"] = double(state.range(0) * state.range(1));
}
BENCHMARK(BM_ReevaluateAfterEdit)->Args({1000, 20})->Args({100, 20})->Unit(benchmark::kMillisecond);

void BM_ReevaluateColdCache(benchmark::State &state)
{
    std::unique_ptr<Fixture> f(makeFixture(int(state.range(0)), int(state.range(1))));
    for (auto _ : state) {
        auto evaluation = evaluate(f->before, nullptr, std::make_shared<bindery::argo::SelectorCache>());
        benchmark::DoNotOptimize(evaluation);
    }
}
BENCHMARK(BM_ReevaluateColdCache)->Args({1000, 20})->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv); // the Workspace's watcher and timers need one
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
