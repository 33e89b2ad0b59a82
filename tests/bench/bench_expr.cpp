// SPDX-License-Identifier: Apache-2.0
// Compile and run timings of the engine over the thirteen selectors of
// conformance/expr/bench_inputs.jsonl (DESIGN.md targets: run of the docs' 3-clause selector
// <= 150 ns, compile <= 10 us). Go's figures are in LANGUAGE.md, Appendix B.
#include "expr/conformance.h"
#include "expr/program.h"

#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

namespace {

using namespace bindery::expr;

struct Input {
    std::string id;
    ConformanceRecord record;
};

std::vector<Input> loadInputs()
{
    std::vector<Input> inputs;
    std::ifstream in(std::string(BINDERY_SHARED_DIR) + "/conformance/expr/bench_inputs.jsonl");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        Input input;
        input.record = parseConformanceRecord(line);
        const auto at = line.find("\"id\": \"");
        if (at != std::string::npos)
            input.id = line.substr(at + 7, line.find('"', at + 7) - at - 7);
        inputs.push_back(std::move(input));
    }
    return inputs;
}

void compileBench(benchmark::State &state, const ConformanceRecord &rec)
{
    for (auto _ : state) {
        CompileResult c = compile(rec.expr, rec.env);
        benchmark::DoNotOptimize(c);
    }
}

void runBench(benchmark::State &state, const ConformanceRecord &rec)
{
    CompileResult c = compile(rec.expr, rec.env);
    if (!c.ok()) {
        state.SkipWithError(c.error().format().c_str());
        return;
    }
    const Program &program = *c.program();
    for (auto _ : state) {
        RunResult r = program.run(rec.env);
        benchmark::DoNotOptimize(r);
    }
}

} // namespace

int main(int argc, char **argv)
{
    static const std::vector<Input> inputs = loadInputs();
    if (inputs.empty()) {
        std::fprintf(stderr, "bench_expr: no inputs under %s\n", BINDERY_SHARED_DIR);
        return 77;
    }
    for (const Input &input : inputs) {
        benchmark::RegisterBenchmark(("run/" + input.id).c_str(), runBench, input.record);
        benchmark::RegisterBenchmark(("compile/" + input.id).c_str(), compileBench, input.record);
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
