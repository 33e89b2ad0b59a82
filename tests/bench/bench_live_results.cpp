// SPDX-License-Identifier: Apache-2.0
// Live results: how long the studio needs to re-evaluate a workspace after an edit.
// Target (DESIGN.md): 1,000 events x 20 bindings in <= 16 ms, off the UI thread.
// "After an edit" is the user typing in one binding's selector (or in one event): the Evaluator
// re-runs that column (or row). The full evaluation (first open, a template edited) is measured
// apart. CPU times are the whole process's (helper threads included).
#include "bindery_version.h"
#include "workspace/evaluation.h"
#include "workspace/evaluation_runner.h"
#include "workspace/workspace.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

using namespace bindery::workspace;

namespace {

struct Fixture {
    QTemporaryDir dir;
    Workspace workspace;
    WorkspaceSnapshot before, after; // one binding's selector edited between the two
    WorkspaceSnapshot eventEdited;   // `before` with one event's body edited
};

// The event's name (its first line) prefixed; the headers' `name:` keys stay as they are.
QByteArray renamed(const QByteArray &eventFile, const QByteArray &prefix)
{
    QByteArray text = eventFile;
    return text.insert(text.indexOf("name: ") + 6, prefix + ' ');
}

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
                             renamed(samples[i % samples.size()], QByteArray::number(i)));
    f->before = f->workspace.snapshot();
    const QString event = QStringLiteral("events/e00003.yaml");
    const QByteArray eventText = f->workspace.text(event);
    f->workspace.setText(event, renamed(eventText, "edited"));
    f->eventEdited = f->workspace.snapshot();
    f->workspace.setText(event, eventText);
    QByteArray edited = bindingText;
    const QByteArray selector = "payload.appellation != \"\"";
    edited.replace(edited.indexOf(selector), selector.size(), "payload.appellation == \"world\"");
    f->workspace.setText(QStringLiteral("manifests/bindings.yaml"), edited);
    f->after = f->workspace.snapshot();
    return f;
}

// Typing in one selector: each iteration is one edit (before → after → before ...).
void BM_ReevaluateAfterSelectorEdit(benchmark::State &state)
{
    std::unique_ptr<Fixture> f(makeFixture(int(state.range(0)), int(state.range(1))));
    Evaluator evaluator;
    evaluator.setThreadCount(int(state.range(2)));
    evaluator.evaluate(f->before);
    bool flip = true;
    for (auto _ : state) {
        auto evaluation = evaluator.evaluate(flip ? f->after : f->before);
        if (evaluation->stats.kind != EvaluationStats::Kind::Columns)
            state.SkipWithError("not an incremental evaluation");
        benchmark::DoNotOptimize(evaluation);
        flip = !flip;
    }
    state.counters["cells"] = double(state.range(0) * state.range(1));
}
BENCHMARK(BM_ReevaluateAfterSelectorEdit)
    ->Args({1000, 20, 1})
    ->Args({1000, 20, 2})
    ->Args({100, 20, 1})
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// Typing in one event's body: its row re-runs.
void BM_ReevaluateAfterEventEdit(benchmark::State &state)
{
    std::unique_ptr<Fixture> f(makeFixture(int(state.range(0)), int(state.range(1))));
    Evaluator evaluator;
    evaluator.evaluate(f->before);
    bool flip = true;
    for (auto _ : state) {
        auto evaluation = evaluator.evaluate(flip ? f->eventEdited : f->before);
        benchmark::DoNotOptimize(evaluation);
        flip = !flip;
    }
}
BENCHMARK(BM_ReevaluateAfterEventEdit)->Args({1000, 20})->MeasureProcessCPUTime()->UseRealTime()->Unit(benchmark::kMillisecond);

// Everything re-run (opening the workspace, a template edited), compiled selectors cached.
void BM_FullEvaluation(benchmark::State &state)
{
    std::unique_ptr<Fixture> f(makeFixture(int(state.range(0)), int(state.range(1))));
    auto cache = std::make_shared<bindery::argo::SelectorCache>();
    bool flip = false;
    for (auto _ : state) {
        Evaluator evaluator(cache);
        evaluator.setThreadCount(int(state.range(2)));
        auto evaluation = evaluator.evaluate(flip ? f->after : f->before);
        benchmark::DoNotOptimize(evaluation);
        flip = !flip;
    }
    state.counters["cells"] = double(state.range(0) * state.range(1));
}
BENCHMARK(BM_FullEvaluation)
    ->Args({1000, 20, 1})
    ->Args({1000, 20, 2})
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// What the studio waits for after a selector edit: the runner's request (no debounce) to its
// `finished` signal back on this thread — the evaluation on the pool plus both hand-offs.
void BM_RunnerAfterSelectorEdit(benchmark::State &state)
{
    std::unique_ptr<Fixture> f(makeFixture(int(state.range(0)), int(state.range(1))));
    EvaluationRunner runner;
    QEventLoop loop;
    QObject::connect(&runner, &EvaluationRunner::finished, &loop, &QEventLoop::quit);
    runner.requestNow(f->before);
    loop.exec();
    bool flip = true;
    for (auto _ : state) {
        runner.requestNow(flip ? f->after : f->before);
        loop.exec();
        flip = !flip;
    }
}
BENCHMARK(BM_RunnerAfterSelectorEdit)->Args({1000, 20})->MeasureProcessCPUTime()->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_ReevaluateColdCache(benchmark::State &state)
{
    std::unique_ptr<Fixture> f(makeFixture(int(state.range(0)), int(state.range(1))));
    for (auto _ : state) {
        auto evaluation = evaluate(f->before, nullptr, std::make_shared<bindery::argo::SelectorCache>());
        benchmark::DoNotOptimize(evaluation);
    }
}
BENCHMARK(BM_ReevaluateColdCache)->Args({1000, 20})->MeasureProcessCPUTime()->UseRealTime()->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv); // the Workspace's watcher and timers need one
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
