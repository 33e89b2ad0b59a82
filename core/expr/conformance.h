// SPDX-License-Identifier: Apache-2.0
#pragma once

// The line protocol of conformance/expr (DESIGN.md "The CLI"): one record
// `{"expr": "...", "env": {...}, "mode": "argo"|"funcmap"}` in, one result
// `{"ok": true, "value": ...}` / `{"ok": false, "error": "..."}` out. Shared by
// `bindery-cli expr --jsonl`, the conformance tests and the benchmarks.

#include "expr/program.h"
#include "expr/value.h"

#include <string>
#include <string_view>

namespace bindery::expr {

struct ConformanceRecord {
    std::string expr;
    Value env;          // the environment handed to compile and run (with the function map in funcmap mode)
    bool funcmap = false;
    std::string inputError; // non-empty when the line is not a valid record
};

// Decodes one input line (env numbers become float64, as Argo decodes them).
ConformanceRecord parseConformanceRecord(std::string_view line);

// JSON for a result value as the oracle writes it: Go's json.Marshal, except that maps with
// non-string keys get their keys printed with %v and NaN/±Inf become the strings "NaN", "+Inf", "-Inf".
std::string resultValueJson(const Value &v);

// Compiles and runs a record; returns the output line (without newline).
std::string runConformanceRecord(const ConformanceRecord &record);

} // namespace bindery::expr
