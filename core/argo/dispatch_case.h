// SPDX-License-Identifier: Apache-2.0
#pragma once

// The dispatch conformance format (conformance/dispatch/README.md): one JSON object a line holding
// an event, manifests and server settings; the answer is one JSON line with the status, the exact
// response body, the Workflows created and the Warning events. Used by `bindery-cli dispatch
// --jsonl`, the conformance runner and the tests.

#include "argo/catalog.h"
#include "argo/dispatcher.h"
#include "argo/event.h"

#include <optional>
#include <string>
#include <string_view>

namespace bindery::argo {

struct DispatchCase {
    std::string id;
    Event event;
    RequestContext context;
    std::string manifests; // `---`-separated YAML
    CatalogOptions catalogOptions; // defaultNamespace = the case's namespace
};

// Parses one input line; nullopt with `error` on malformed input.
std::optional<DispatchCase> parseDispatchCase(std::string_view line, std::string *error);

// Loads the case's manifests, dispatches with the "?????" name suffix, and returns the result line
// (without a trailing newline). Manifest problems that Kubernetes would have rejected are ignored
// as the API server would never have stored them; the objects that loaded are used.
std::string runDispatchCase(const DispatchCase &dispatchCase);

// The result line for an already computed result.
std::string dispatchResultLine(const std::string &id, const DispatchResult &result);

} // namespace bindery::argo
