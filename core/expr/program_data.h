// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal: what a compiled program holds (shared by compile.cpp and the evaluator).

#include "expr/ast.h"
#include "expr/program.h"

#include <string>
#include <vector>

namespace bindery::expr {

struct TraceNodeInfo {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    int parent = -1;
    std::string label;
};

struct ProgramData {
    std::string source;
    NodeArena arena;
    Node *root = nullptr;
    int slots = 0; // let variables
    std::vector<TraceNodeInfo> traceNodes; // indexed by Node::index
};

// Runs the program (eval.cpp).
RunResult runProgram(const ProgramData &data, const Value &env, const RunOptions &options);

// Go regexp's error text for a pattern RE2 rejects, or empty when it compiles.
std::string compileRegex(std::string_view pattern, std::shared_ptr<const re2::RE2> &out);

} // namespace bindery::expr
