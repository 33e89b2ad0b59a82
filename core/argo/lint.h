// SPDX-License-Identifier: Apache-2.0
#pragma once

// Lint rules over WorkflowEventBindings: the mistakes people make with Argo's events feature
// (events-spec.md §7, §8), each reported with a position, a message and a suggested fix. `argo
// lint` ignores bindings altogether; this is what it would say if it looked.

#include "argo/manifest.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bindery::argo {

struct LintFinding {
    std::string rule;         // stable id, e.g. "header-case"
    Severity severity = Severity::Warning;
    SourceLocation location;  // file:line:column of the offending text
    std::string message;
    std::string suggestion;   // the fix, in words or as replacement text
    std::string bindingName;  // the binding (or template) it is about
};

struct LintRule {
    std::string_view id;
    Severity severity;
    std::string_view summary;
};

// Every rule, in the order findings are reported for one binding.
const std::vector<LintRule> &lintRules();

// Lints every binding of `manifests` against the templates of the same set (the workspace).
// `defaultNamespace` places objects that have none. Findings are ordered by file, line, column.
std::vector<LintFinding> lint(const ManifestSet &manifests, const std::string &defaultNamespace = "argo");

// The lexical checks of one expression (selector or parameter), with byte offsets into `source`;
// `kind` is "selector" or "parameter". Exposed for editors that lint while typing.
struct ExpressionFinding {
    std::string rule;
    Severity severity = Severity::Warning;
    std::size_t offset = 0; // byte offset of the offending token in the source
    std::size_t length = 0;
    std::string message;
    std::string suggestion;
    // The fix as an edit of the source when it is mechanical (no choice left to the user):
    // replace `length` bytes at `offset` with `text`.
    struct Edit {
        std::size_t offset = 0;
        std::size_t length = 0;
        std::string text;
    };
    std::optional<Edit> edit;
};
std::vector<ExpressionFinding> lintExpression(std::string_view source, std::string_view kind);

// "file:line:col: warning: message [rule]\n    fix: suggestion".
std::string toString(const LintFinding &finding);
// One JSON object: {"rule","severity","file","line","column","message","suggestion","binding"}.
std::string toJson(const LintFinding &finding);

} // namespace bindery::argo
