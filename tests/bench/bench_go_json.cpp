// SPDX-License-Identifier: Apache-2.0
// encoding/json compatibility layer on the hot path: decoding a webhook payload (every event)
// and marshalling values (parameters, toJSON).
#include "expr/go_json.h"

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

const std::string &payload()
{
    static const std::string data = [] {
        std::ifstream f(std::string(BINDERY_SHARED_DIR) + "/argo/testdata/github-webhook-payload.json", std::ios::binary);
        std::ostringstream ss;
        ss << f.rdbuf();
        return ss.str();
    }();
    return data;
}

void BM_DecodeGithubPayload(benchmark::State &state)
{
    const std::string &data = payload();
    if (data.empty()) {
        state.SkipWithError("../shared/argo/testdata/github-webhook-payload.json is absent");
        return;
    }
    for (auto _ : state) {
        auto r = bindery::expr::go::decodeFirst(data);
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * data.size()));
}
BENCHMARK(BM_DecodeGithubPayload);

void BM_MarshalGithubPayload(benchmark::State &state)
{
    const auto decoded = bindery::expr::go::decodeFirst(payload());
    if (!decoded.ok) {
        state.SkipWithError("payload absent or invalid");
        return;
    }
    std::string out;
    for (auto _ : state) {
        out.clear();
        std::string error;
        bindery::expr::go::appendMarshal(out, decoded.value, &error);
        benchmark::DoNotOptimize(out.data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * out.size()));
}
BENCHMARK(BM_MarshalGithubPayload);

void BM_MarshalIndentGithubPayload(benchmark::State &state)
{
    const auto decoded = bindery::expr::go::decodeFirst(payload());
    if (!decoded.ok) {
        state.SkipWithError("payload absent or invalid");
        return;
    }
    for (auto _ : state) {
        auto r = bindery::expr::go::marshalIndent(decoded.value, "", "  ");
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_MarshalIndentGithubPayload);

} // namespace

BENCHMARK_MAIN();
