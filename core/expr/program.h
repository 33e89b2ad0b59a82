// SPDX-License-Identifier: Apache-2.0
#pragma once

// The public API of the expression engine: compile once against an environment (as Argo's
// `expr.Compile(src, expr.Env(env))` does: parser, type checker, optimizer), then run the immutable
// program as often as needed, from any number of threads.
//
//   auto compiled = bindery::expr::compile(source, env);
//   if (!compiled.ok()) print(compiled.error().format());
//   auto result = compiled.program()->run(env);
//
// Errors format exactly as expr's `file.Error`: `MSG (line:col)\n | source line\n | ...^`.

#include "expr/value.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bindery::expr {

class Error {
public:
    Error() = default;
    Error(std::string message, std::string_view source, std::uint32_t byteOffset, bool located = true);

    const std::string &message() const { return message_; }
    int line() const { return line_; }     // 1-based
    int column() const { return column_; } // 1-based, in characters
    bool hasLocation() const { return located_; }
    // expr's text: message, position, source line and caret.
    std::string format() const;

private:
    std::string message_;
    std::string snippet_;
    int line_ = 1;
    int column_ = 1;
    bool located_ = false;
};

struct CompileOptions {
    // Reserved for options of expr.Compile that Argo does not use; Argo's path is the default.
};

// One entry of an explanation trace: a node of the syntax tree and what happened to it.
struct TraceEntry {
    enum class State : std::uint8_t { NotReached, Value, Error };
    std::uint32_t begin = 0; // byte span in the source
    std::uint32_t end = 0;
    int parent = -1;         // index of the parent entry, -1 for the root
    std::string label;       // what the node is: "payload.message", "==", "len(...)"
    State state = State::NotReached; // NotReached = skipped by short-circuit or not evaluated
    Value value;
    std::string error;
    int evaluations = 0;     // how often it ran (predicates run once per element)
};

// The trace of one run, in pre-order (a parent before its children).
struct Trace {
    std::vector<TraceEntry> entries;
};

struct RunOptions {
    // expr's memory budget (allocated elements; expr's default is 1e6).
    std::uint64_t memoryBudget = 1000000;
    // Upper bound on evaluation steps so that no expression can run for ever.
    std::uint64_t stepBudget = 100000000;
    Trace *trace = nullptr; // when set, filled with one entry per node
};

class RunResult {
public:
    static RunResult success(Value v)
    {
        RunResult r;
        r.value_ = std::move(v);
        r.ok_ = true;
        return r;
    }
    static RunResult failure(Error e)
    {
        RunResult r;
        r.error_ = std::move(e);
        return r;
    }
    bool ok() const { return ok_; }
    const Value &value() const { return value_; }
    const Error &error() const { return error_; }

private:
    Value value_;
    Error error_;
    bool ok_ = false;
};

struct ProgramData;

class Program {
public:
    explicit Program(std::shared_ptr<const ProgramData> data);
    RunResult run(const Value &env, const RunOptions &options = {}) const;
    const std::string &source() const;
    // The number of syntax nodes (trace entries).
    std::size_t nodeCount() const;

private:
    std::shared_ptr<const ProgramData> data_;
};

class CompileResult {
public:
    static CompileResult success(std::shared_ptr<const Program> p)
    {
        CompileResult r;
        r.program_ = std::move(p);
        return r;
    }
    static CompileResult failure(Error e)
    {
        CompileResult r;
        r.error_ = std::move(e);
        return r;
    }
    bool ok() const { return program_ != nullptr; }
    const std::shared_ptr<const Program> &program() const { return program_; }
    const Error &error() const { return error_; }

private:
    std::shared_ptr<const Program> program_;
    Error error_;
};

// Compiles `source` for environments shaped like `env` (a Map; its top-level values give the
// static types, as expr.Env(env) does).
CompileResult compile(std::string_view source, const Value &env, const CompileOptions &options = {});

// compile + run, for one-off use.
RunResult evaluate(std::string_view source, const Value &env, const CompileOptions &options = {});

} // namespace bindery::expr
