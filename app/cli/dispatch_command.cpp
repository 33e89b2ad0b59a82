// SPDX-License-Identifier: Apache-2.0
// bindery-cli dispatch: what Argo would do with an event, for scripts (--jsonl, the conformance
// protocol) and for people (-f manifests, an event described on the command line).
#include "argo/dispatch_case.h"
#include "argo/dispatcher.h"
#include "argo/manifest.h"
#include "cli/command.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

namespace bindery::cli {

namespace {

constexpr const char *kHelp =
    "Usage: bindery-cli dispatch --jsonl [< CASES.jsonl]\n"
    "       bindery-cli dispatch -f MANIFESTS... --namespace NS [--discriminator D]\n"
    "                            [-H 'Name: value']... [--payload FILE|-] [--instance-id ID]\n"
    "                            [--list-order name|manifest] [-o yaml|json]\n"
    "\n"
    "Shows what Argo Workflows v4.1.2 would answer to POST /api/v1/events/NS/D and which Workflows\n"
    "it would create, without a cluster.\n"
    "\n"
    "  --jsonl              read dispatch cases, one JSON object a line, from standard input and\n"
    "                       write one result a line (conformance/dispatch/README.md)\n"
    "  -f, --file FILE      manifests: WorkflowTemplates, ClusterWorkflowTemplates,\n"
    "                       WorkflowEventBindings, Workflows (YAML or JSON; repeatable)\n"
    "  -n, --namespace NS   the event's namespace (also for objects without one)\n"
    "  -d, --discriminator D\n"
    "  -H, --header 'N: v'  a request header (repeatable)\n"
    "  --payload FILE|-     the request body (default: empty)\n"
    "  --instance-id ID     the server's instance ID\n"
    "  --list-order ORDER   name (as the API server, default) or manifest (document order)\n"
    "  -o, --output FORMAT  yaml (default) or json\n"
    "\n"
    "Exit status: 0 when Argo would answer 200, 1 otherwise, 2 on usage or input errors.\n";

int runJsonl()
{
    std::string line;
    int lineNumber = 0;
    while (std::getline(std::cin, line)) {
        ++lineNumber;
        if (line.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        std::string error;
        const auto c = argo::parseDispatchCase(line, &error);
        if (!c) {
            std::fprintf(stderr, "bindery-cli dispatch: line %d: %s\n", lineNumber, error.c_str());
            return ExitUsage;
        }
        const std::string out = argo::runDispatchCase(*c);
        std::fwrite(out.data(), 1, out.size(), stdout);
        std::fputc('\n', stdout);
    }
    std::fflush(stdout);
    return ExitOk;
}

bool readAll(std::istream &in, std::string &out)
{
    out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return !in.bad();
}

} // namespace

int runDispatchCommand(const std::vector<std::string_view> &args)
{
    bool jsonl = false;
    std::vector<std::string> files;
    argo::Event event;
    argo::RequestContext context;
    argo::CatalogOptions catalogOptions;
    std::string payloadFile;
    std::string output = "yaml";
    bool hasNamespace = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view a = args[i];
        auto value = [&](std::string &out) {
            if (i + 1 >= args.size()) {
                std::fprintf(stderr, "bindery-cli dispatch: %.*s needs a value\n", static_cast<int>(a.size()), a.data());
                return false;
            }
            out = std::string(args[++i]);
            return true;
        };
        std::string v;
        if (a == "--help" || a == "-h") {
            std::fputs(kHelp, stdout);
            return ExitOk;
        } else if (a == "--jsonl") {
            jsonl = true;
        } else if (a == "-f" || a == "--file") {
            if (!value(v))
                return ExitUsage;
            files.push_back(v);
        } else if (a == "-n" || a == "--namespace") {
            if (!value(event.namespace_))
                return ExitUsage;
            hasNamespace = true;
        } else if (a == "-d" || a == "--discriminator") {
            if (!value(event.discriminator))
                return ExitUsage;
        } else if (a == "-H" || a == "--header") {
            if (!value(v))
                return ExitUsage;
            const auto colon = v.find(':');
            if (colon == std::string::npos || colon == 0) {
                std::fprintf(stderr, "bindery-cli dispatch: header '%s' is not 'Name: value'\n", v.c_str());
                return ExitUsage;
            }
            std::string name = v.substr(0, colon);
            std::string val = v.substr(colon + 1);
            val.erase(0, val.find_first_not_of(" \t"));
            val.erase(val.find_last_not_of(" \t") + 1);
            event.headers.push_back(argo::Header{std::move(name), std::move(val)});
        } else if (a == "--payload") {
            if (!value(payloadFile))
                return ExitUsage;
        } else if (a == "--instance-id") {
            if (!value(context.instanceId))
                return ExitUsage;
        } else if (a == "--list-order") {
            if (!value(v))
                return ExitUsage;
            if (v != "name" && v != "manifest") {
                std::fprintf(stderr, "bindery-cli dispatch: --list-order is name or manifest\n");
                return ExitUsage;
            }
            catalogOptions.listOrder = v == "name" ? argo::ListOrder::Name : argo::ListOrder::Manifest;
        } else if (a == "-o" || a == "--output") {
            if (!value(output))
                return ExitUsage;
            if (output != "yaml" && output != "json") {
                std::fprintf(stderr, "bindery-cli dispatch: -o is yaml or json\n");
                return ExitUsage;
            }
        } else {
            std::fprintf(stderr, "bindery-cli dispatch: unknown option '%.*s'\n%s", static_cast<int>(a.size()),
                         a.data(), kHelp);
            return ExitUsage;
        }
    }
    if (jsonl)
        return runJsonl();
    if (files.empty() || !hasNamespace) {
        std::fprintf(stderr, "bindery-cli dispatch: -f MANIFESTS and --namespace are required (or --jsonl)\n");
        return ExitUsage;
    }
    argo::ManifestSet manifests;
    for (const auto &f : files)
        manifests.append(argo::loadManifestFile(f));
    for (const auto &d : manifests.diagnostics)
        std::fprintf(stderr, "%s\n", argo::toString(d).c_str());
    if (manifests.hasErrors())
        return ExitUsage;
    if (payloadFile == "-") {
        readAll(std::cin, event.body);
    } else if (!payloadFile.empty()) {
        std::ifstream in(payloadFile, std::ios::binary);
        if (!in || !readAll(in, event.body)) {
            std::fprintf(stderr, "bindery-cli dispatch: cannot read %s\n", payloadFile.c_str());
            return ExitUsage;
        }
    }
    catalogOptions.defaultNamespace = event.namespace_;
    const argo::Dispatcher dispatcher(argo::Catalog::fromManifests(manifests, catalogOptions));
    const argo::DispatchResult result = dispatcher.dispatch(event, context);

    std::string out;
    if (output == "json") {
        out = argo::dispatchResultLine(event.namespace_ + "/" + event.discriminator, result) + "\n";
    } else {
        out = "# HTTP " + std::to_string(result.httpStatus) + " " + result.responseBody + "\n";
        for (const auto &o : result.outcomes) {
            const char *status = "";
            switch (o.status) {
            case argo::BindingStatus::Filtered: status = "filtered out by the instance-id label"; break;
            case argo::BindingStatus::NotMatched: status = "not matched"; break;
            case argo::BindingStatus::MatchedNoSubmit: status = "matched (no submit)"; break;
            case argo::BindingStatus::Submitted: status = "matched, workflow created"; break;
            case argo::BindingStatus::Error: status = "error"; break;
            }
            out += "# binding " + o.bindingNamespace + "/" + o.bindingName + ": " + status + "\n";
        }
        for (const auto &e : result.events)
            out += "# Warning " + e.reason + " on " + e.bindingName + ": " + e.message + "\n";
        for (const auto &wf : result.workflows)
            out += "---\n" + argo::toYaml(wf);
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return result.httpStatus == 200 ? ExitOk : ExitCheckFailed;
}

} // namespace bindery::cli
