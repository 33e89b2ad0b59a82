// SPDX-License-Identifier: Apache-2.0
// Dispatch of the 7 KB GitHub push payload (argo/testdata) against 50 bindings: body parse,
// environment, every selector, parameters and metadata, the Workflows built. Target ≤ 100 µs.
#include "argo/dispatcher.h"
#include "argo/manifest.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

namespace {

using namespace bindery::argo;

std::string readPayload()
{
    std::ifstream in(std::string(BINDERY_SHARED_DIR) + "/argo/testdata/github-webhook-payload.json", std::ios::binary);
    return in ? std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()) : std::string();
}

// A realistic mix: header checks, branch filters, repository filters, path filters over commits,
// guarded deep paths; a fifth submit with parameters and metadata expressions.
std::string bindings()
{
    std::string out;
    for (int i = 0; i < 5; ++i)
        out += "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowTemplate\nmetadata: {name: tmpl-" + std::to_string(i) +
               "}\n---\n";
    const char *selectors[] = {
        R"(metadata["x-github-event"] == ["push"] && payload.ref == "refs/heads/main")",
        R"(metadata["x-github-event"] == ["push"] && payload.ref startsWith "refs/heads/no-")",
        R"(metadata["x-github-event"] == ["pull_request"] && payload?.action in ["opened", "synchronize"])",
        R"(payload.repository.full_name == "alexec/argo" && discriminator == "github")",
        R"(any(payload.commits ?? [], {any(#.modified ?? [], {# startsWith "docs/"})}))",
        R"(payload?.head_commit?.message matches "(?i)\\[ci skip\\]" == false && payload.ref endsWith "response")",
        R"(metadata["x-github-event"][0] == "push" && len(payload.commits ?? []) > 0)",
        R"(payload.sender?.login in ["alexec", "simster7"] && payload.repository.private == false)",
        R"(all(payload.commits ?? [], {len(#.added ?? []) == 0}))",
        R"(payload.deleted == false && payload.forced == false && payload.created == true)",
    };
    for (int i = 0; i < 50; ++i) {
        std::string sel = selectors[i % 10];
        std::string escaped;
        for (char c : sel) {
            if (c == '\\' || c == '"')
                escaped += '\\';
            escaped += c;
        }
        out += "apiVersion: argoproj.io/v1alpha1\nkind: WorkflowEventBinding\nmetadata: {name: binding-" +
               std::to_string(100 + i) + "}\nspec:\n  event:\n    selector: \"" + escaped + "\"\n";
        if (i % 5 == 1 || i % 10 == 3) {
            out += "  submit:\n    workflowTemplateRef: {name: tmpl-" + std::to_string(i % 5) + "}\n";
            out += "    metadata:\n      labels:\n        repo: payload.repository.name\n";
            out += "    arguments:\n      parameters:\n"
                   "      - {name: ref, valueFrom: {event: payload.ref}}\n"
                   "      - {name: sha, valueFrom: {event: payload.after}}\n"
                   "      - {name: repo, valueFrom: {event: payload.repository.full_name}}\n"
                   "      - {name: pusher, valueFrom: {event: payload.pusher}}\n";
        }
        out += "---\n";
    }
    return out;
}

void BM_DispatchGithubPush50Bindings(benchmark::State &state)
{
    const std::string payload = readPayload();
    if (payload.empty()) {
        state.SkipWithError("../shared/argo/testdata/github-webhook-payload.json is absent: skipped");
        return;
    }
    const ManifestSet manifests = loadManifests(bindings(), "bench.yaml");
    if (manifests.hasErrors() || manifests.bindings.size() != 50) {
        state.SkipWithError("the generated manifests do not load");
        return;
    }
    const Dispatcher dispatcher(Catalog::fromManifests(manifests, {"argo", ListOrder::Name}));
    Event event{"argo", "github", {{"X-GitHub-Event", "push"}, {"Content-Type", "application/json"}}, payload};
    RequestContext context;
    context.claims = Claims{"system:serviceaccount:argo:github.com", "", ""};
    std::size_t workflows = 0;
    for (auto _ : state) {
        DispatchResult r = dispatcher.dispatch(event, context);
        workflows = r.workflows.size();
        benchmark::DoNotOptimize(r);
    }
    state.counters["workflows"] = static_cast<double>(workflows);
    state.counters["payload_bytes"] = static_cast<double>(payload.size());
}
BENCHMARK(BM_DispatchGithubPush50Bindings)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
