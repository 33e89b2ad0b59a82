// SPDX-License-Identifier: Apache-2.0
#pragma once

// The selector explanation printed by `bindery-cli lint --explain`: every binding's selector run
// against one event, with each sub-expression's value (or why it was skipped).

#include "argo/manifest.h"

#include <string>
#include <vector>

namespace bindery::cli {

struct ExplainRequest {
    std::string payloadFile; // a path, or "-" for standard input
    std::vector<std::string> headers; // "Name: value"
    std::string namespace_ = "argo";
    std::string discriminator;
};

// Prints the explanation on standard output; false (with a message on stderr) on input errors.
bool printExplanation(const argo::ManifestSet &manifests, const ExplainRequest &request);

} // namespace bindery::cli
