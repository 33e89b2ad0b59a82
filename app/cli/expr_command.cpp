// SPDX-License-Identifier: Apache-2.0
// `bindery-cli expr`: evaluate expressions the way Argo does (compile with the environment, run).
//   expr --jsonl [--bench]        conformance line protocol on stdin/stdout (DESIGN.md)
//   expr 'EXPR' [--env FILE] [--explain]
#include "cli/command.h"
#include "expr/conformance.h"
#include "expr/go_format.h"
#include "expr/go_json.h"
#include "expr/program.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace bindery::cli {

namespace {

using namespace bindery::expr;

void printUsage(std::FILE *out)
{
    std::fprintf(out,
                 "Usage: bindery-cli expr --jsonl [--bench]\n"
                 "       bindery-cli expr 'EXPR' [--env FILE] [--explain]\n"
                 "\n"
                 "Evaluates expr-lang expressions as Argo Workflows does: compiled against the\n"
                 "environment (its top-level values give the static types), then run.\n"
                 "\n"
                 "  --jsonl     read records {\"expr\", \"env\", \"mode\": \"argo\"|\"funcmap\"} from stdin, one a\n"
                 "              line, and write {\"ok\": true, \"value\": ...} or {\"ok\": false, \"error\": ...}\n"
                 "  --bench     with --jsonl: write {\"compile_ns\": median, \"run_ns\": median} per line instead\n"
                 "  --env FILE  the environment (a JSON object; numbers are float64 as in Argo)\n"
                 "  --explain   print the evaluation of every sub-expression as an indented tree\n");
}

std::int64_t medianOf(std::vector<std::int64_t> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// Median nanoseconds per call over batches sized to take about 1 ms each.
template<class F>
std::int64_t measure(F &&f)
{
    using Clock = std::chrono::steady_clock;
    std::int64_t batch = 1;
    while (true) {
        const auto t0 = Clock::now();
        for (std::int64_t i = 0; i < batch; ++i)
            f();
        const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count();
        if (ns > 1000000 || batch > (1 << 24))
            break;
        batch *= 2;
    }
    std::vector<std::int64_t> samples;
    for (int s = 0; s < 15; ++s) {
        const auto t0 = Clock::now();
        for (std::int64_t i = 0; i < batch; ++i)
            f();
        samples.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count() / batch);
    }
    return medianOf(std::move(samples));
}

std::string benchLine(const ConformanceRecord &rec)
{
    if (!rec.inputError.empty())
        return "{\"error\": \"" + rec.inputError + "\"}";
    CompileResult c = compile(rec.expr, rec.env);
    const std::int64_t compileNs = measure([&] {
        CompileResult again = compile(rec.expr, rec.env);
        if (!again.ok())
            std::abort();
    });
    std::int64_t runNs = -1;
    if (c.ok()) {
        const Program &p = *c.program();
        runNs = measure([&] {
            RunResult r = p.run(rec.env);
            (void)r;
        });
    }
    return "{\"compile_ns\": " + std::to_string(compileNs) + ", \"run_ns\": " + std::to_string(runNs) + "}";
}

int runJsonl(bool bench)
{
    std::string line;
    std::ios::sync_with_stdio(false);
    while (std::getline(std::cin, line)) {
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        const ConformanceRecord rec = parseConformanceRecord(line);
        std::string out = bench ? benchLine(rec) : runConformanceRecord(rec);
        out += '\n';
        std::fwrite(out.data(), 1, out.size(), stdout);
    }
    std::fflush(stdout);
    return ExitOk;
}

void printExplain(const Trace &trace)
{
    std::vector<int> depth(trace.entries.size(), 0);
    for (std::size_t i = 0; i < trace.entries.size(); ++i) {
        const TraceEntry &e = trace.entries[i];
        depth[i] = e.parent >= 0 ? depth[std::size_t(e.parent)] + 1 : 0;
        std::string line(std::size_t(depth[i]) * 2, ' ');
        line += e.label;
        line += "  →  ";
        switch (e.state) {
        case TraceEntry::State::NotReached: line += "(not evaluated)"; break;
        case TraceEntry::State::Value: line += resultValueJson(e.value); break;
        case TraceEntry::State::Error: line += "error: " + e.error; break;
        }
        std::printf("%s\n", line.c_str());
    }
}

int runOne(std::string_view source, std::string_view envFile, bool explain)
{
    Value env = Value::map({});
    if (!envFile.empty()) {
        std::ifstream in{std::string(envFile), std::ios::binary};
        if (!in) {
            std::fprintf(stderr, "bindery-cli expr: cannot read %.*s\n", int(envFile.size()), envFile.data());
            return ExitUsage;
        }
        std::stringstream ss;
        ss << in.rdbuf();
        go::DecodeResult d = go::unmarshal(ss.str());
        if (!d.ok || !d.value.isMap()) {
            std::fprintf(stderr, "bindery-cli expr: %s: %s\n", std::string(envFile).c_str(),
                         d.ok ? "the environment must be a JSON object" : d.error.c_str());
            return ExitUsage;
        }
        env = d.value;
    }
    CompileResult c = compile(source, env);
    if (!c.ok()) {
        std::fprintf(stderr, "%s\n", c.error().format().c_str());
        return ExitCheckFailed;
    }
    Trace trace;
    RunOptions options;
    if (explain)
        options.trace = &trace;
    RunResult r = c.program()->run(env, options);
    if (explain)
        printExplain(trace);
    if (!r.ok()) {
        std::fprintf(stderr, "%s\n", r.error().format().c_str());
        return ExitCheckFailed;
    }
    go::MarshalResult m = go::marshalIndent(r.value(), "", "  ");
    std::printf("%s\n", m.ok ? m.text.c_str() : go::formatValue(r.value()).c_str());
    return ExitOk;
}

} // namespace

int runExprCommand(const std::vector<std::string_view> &args)
{
    bool jsonl = false;
    bool bench = false;
    bool explain = false;
    std::string_view envFile;
    std::string_view source;
    bool haveSource = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        if (a == "--help" || a == "-h") {
            printUsage(stdout);
            return ExitOk;
        }
        if (a == "--jsonl") {
            jsonl = true;
        } else if (a == "--bench") {
            bench = true;
        } else if (a == "--explain") {
            explain = true;
        } else if (a == "--env") {
            if (i + 1 >= args.size()) {
                std::fprintf(stderr, "bindery-cli expr: --env needs a file\n");
                return ExitUsage;
            }
            envFile = args[++i];
        } else if (!haveSource && (a.empty() || a[0] != '-' || a.size() == 1)) {
            source = a;
            haveSource = true;
        } else if (!haveSource && a.size() > 1 && a[0] == '-' && a[1] != '-') {
            source = a; // an expression such as "-1"
            haveSource = true;
        } else {
            std::fprintf(stderr, "bindery-cli expr: unknown option %.*s\n", int(a.size()), a.data());
            printUsage(stderr);
            return ExitUsage;
        }
    }
    if (jsonl) {
        if (haveSource || explain || !envFile.empty()) {
            std::fprintf(stderr, "bindery-cli expr: --jsonl reads its expressions from stdin\n");
            return ExitUsage;
        }
        return runJsonl(bench);
    }
    if (bench) {
        std::fprintf(stderr, "bindery-cli expr: --bench needs --jsonl\n");
        return ExitUsage;
    }
    if (!haveSource) {
        printUsage(stderr);
        return ExitUsage;
    }
    return runOne(source, envFile, explain);
}

} // namespace bindery::cli
