// SPDX-License-Identifier: Apache-2.0
// bindery-cli lint: the known mistakes in WorkflowEventBindings, with positions and fixes.
#include "argo/lint.h"
#include "argo/manifest.h"
#include "cli/command.h"
#include "cli/explain.h"

#include <cstdio>
#include <string>

namespace bindery::cli {

namespace {

constexpr const char *kHelp =
    "Usage: bindery-cli lint FILES... [-o text|json] [--namespace NS]\n"
    "                        [--explain PAYLOAD|- [-H 'Name: value']... [--discriminator D]]\n"
    "\n"
    "Checks WorkflowEventBindings (and the templates they reference, from the same files) for the\n"
    "mistakes Argo does not report until an event arrives. Each finding has a position and a fix.\n"
    "\n"
    "  -o, --output FORMAT  text (default) or json (one JSON object per finding, one a line)\n"
    "  -n, --namespace NS   namespace of objects that have none (default: argo)\n"
    "  --explain PAYLOAD    also evaluate every selector against this event body (a file, or - for\n"
    "                       standard input) and print each sub-expression's value\n"
    "  -H, --header 'N: v'  a header of the --explain event (repeatable)\n"
    "  -d, --discriminator D  the --explain event's discriminator\n"
    "\n"
    "Rules:\n";

} // namespace

int runLintCommand(const std::vector<std::string_view> &args)
{
    std::vector<std::string> files;
    std::string output = "text";
    std::string ns = "argo";
    ExplainRequest explain;
    bool wantExplain = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        auto value = [&](std::string &out) {
            if (i + 1 >= args.size()) {
                std::fprintf(stderr, "bindery-cli lint: %.*s needs a value\n", static_cast<int>(a.size()), a.data());
                return false;
            }
            out = std::string(args[++i]);
            return true;
        };
        std::string v;
        if (a == "--help" || a == "-h") {
            std::fputs(kHelp, stdout);
            for (const auto &r : argo::lintRules())
                std::printf("  %-27.*s %.*s\n", static_cast<int>(r.id.size()), r.id.data(),
                            static_cast<int>(r.summary.size()), r.summary.data());
            std::fputs("\nExit status: 0 no findings, 1 findings, 2 usage or input errors.\n", stdout);
            return ExitOk;
        } else if (a == "-o" || a == "--output") {
            if (!value(output))
                return ExitUsage;
            if (output != "text" && output != "json") {
                std::fprintf(stderr, "bindery-cli lint: -o is text or json\n");
                return ExitUsage;
            }
        } else if (a == "-n" || a == "--namespace") {
            if (!value(ns))
                return ExitUsage;
        } else if (a == "--explain") {
            if (!value(explain.payloadFile))
                return ExitUsage;
            wantExplain = true;
        } else if (a == "-H" || a == "--header") {
            if (!value(v))
                return ExitUsage;
            explain.headers.push_back(v);
        } else if (a == "-d" || a == "--discriminator") {
            if (!value(explain.discriminator))
                return ExitUsage;
        } else if (!a.empty() && a[0] == '-' && a != "-") {
            std::fprintf(stderr, "bindery-cli lint: unknown option '%.*s'\n", static_cast<int>(a.size()), a.data());
            return ExitUsage;
        } else {
            files.emplace_back(a);
        }
    }
    if (files.empty()) {
        std::fprintf(stderr, "bindery-cli lint: no files given\n");
        return ExitUsage;
    }
    argo::ManifestSet manifests;
    for (const auto &f : files)
        manifests.append(argo::loadManifestFile(f));
    bool inputError = false;
    for (const auto &d : manifests.diagnostics) {
        if (d.severity == argo::Severity::Error) {
            std::fprintf(stderr, "%s\n", argo::toString(d).c_str());
            inputError = true;
        }
    }
    if (inputError)
        return ExitUsage;
    const auto findings = argo::lint(manifests, ns);
    for (const auto &f : findings) {
        const std::string line = output == "json" ? argo::toJson(f) : argo::toString(f);
        std::printf("%s\n", line.c_str());
    }
    if (wantExplain) {
        explain.namespace_ = ns;
        if (!printExplanation(manifests, explain))
            return ExitUsage;
    }
    if (output == "text")
        std::fprintf(stderr, "%zu finding(s) in %zu file(s)\n", findings.size(), files.size());
    return findings.empty() ? ExitOk : ExitCheckFailed;
}

} // namespace bindery::cli
