// SPDX-License-Identifier: Apache-2.0
#include "cli/explain.h"

#include "argo/catalog.h"
#include "argo/event.h"
#include "argo/go_text.h"
#include "expr/program.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>

namespace bindery::cli {

namespace {

std::string show(const expr::Value &v)
{
    std::string error;
    if (auto json = argo::gotext::marshal(v, &error))
        return *json;
    return argo::gotext::formatS(v);
}

} // namespace

bool printExplanation(const argo::ManifestSet &manifests, const ExplainRequest &request)
{
    argo::Event event;
    event.namespace_ = request.namespace_;
    event.discriminator = request.discriminator;
    for (const auto &h : request.headers) {
        const auto colon = h.find(':');
        if (colon == std::string::npos || colon == 0) {
            std::fprintf(stderr, "bindery-cli: header '%s' is not 'Name: value'\n", h.c_str());
            return false;
        }
        std::string value = h.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        value.erase(value.find_last_not_of(" \t") + 1);
        event.headers.push_back(argo::Header{h.substr(0, colon), value});
    }
    if (request.payloadFile == "-") {
        event.body.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
        std::ifstream in(request.payloadFile, std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "bindery-cli: cannot read %s\n", request.payloadFile.c_str());
            return false;
        }
        event.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    const argo::Environment env = argo::buildEnvironment(event, argo::RequestContext{});
    if (!env.ok()) {
        std::fprintf(stderr, "bindery-cli: the event is rejected with HTTP %d: %s\n", env.httpStatus, env.message.c_str());
        return false;
    }
    const argo::Catalog catalog = argo::Catalog::fromManifests(manifests, {request.namespace_, argo::ListOrder::Name});
    for (const argo::WorkflowEventBinding *b : catalog.bindings(request.namespace_)) {
        std::printf("\nbinding %s: %s\n", b->metadata.name.c_str(), b->selector.c_str());
        const auto compiled = expr::compile(b->selector, env.value);
        if (!compiled.ok()) {
            std::printf("  compile error: %s\n", compiled.error().format().c_str());
            continue;
        }
        expr::Trace trace;
        expr::RunOptions options;
        options.trace = &trace;
        const expr::RunResult result = compiled.program()->run(env.value, options);
        std::vector<int> depth(trace.entries.size(), 0);
        for (std::size_t i = 0; i < trace.entries.size(); ++i) {
            const expr::TraceEntry &e = trace.entries[i];
            depth[i] = e.parent < 0 ? 1 : depth[static_cast<std::size_t>(e.parent)] + 1;
            std::string line(static_cast<std::size_t>(depth[i]) * 2, ' ');
            line += b->selector.substr(e.begin, e.end - e.begin);
            switch (e.state) {
            case expr::TraceEntry::State::Value: line += "  = " + show(e.value); break;
            case expr::TraceEntry::State::Error: line += "  ! " + e.error; break;
            case expr::TraceEntry::State::NotReached: line += "  (not evaluated)"; break;
            }
            std::printf("%s\n", line.c_str());
        }
        if (result.ok())
            std::printf("  result: %s\n", show(result.value()).c_str());
        else
            std::printf("  runtime error: %s\n", result.error().format().c_str());
    }
    return true;
}

} // namespace bindery::cli
