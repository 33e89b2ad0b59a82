// SPDX-License-Identifier: Apache-2.0
#pragma once

// The syntax tree shared by the parser, the checker/optimizer and the evaluator. Nodes live in an
// arena owned by the compiled program and are immutable once compilation ends.

#include "expr/value.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace re2 {
class RE2;
}

namespace bindery::expr {

enum class NodeKind : std::uint8_t {
    Nil,
    Bool,
    Integer,
    Float,
    String,
    Bytes,
    Constant,   // a folded value
    Identifier, // an environment name
    Env,        // $env
    Variable,   // a `let` variable (slot)
    Pointer,    // # (name empty), #index, #acc
    Member,     // args[0][args[1]]; optional for ?.
    Slice,      // args[0][args[1]:args[2]] (null for absent bounds)
    Chain,      // the extent of an optional chain
    Call,       // args[0](args[1..]) on a function value
    Builtin,    // a builtin (builtin id in `builtin`)
    Unary,
    Binary,
    Conditional, // args: cond, then, else
    Array,
    Map, // args: key0, value0, key1, value1...
    Predicate,
    Let,      // let `name` (slot) = args[0]; args[1]
    Sequence, // a; b; c
    InSet,    // args[0] in {strings}: the optimizer's map lookup (LANGUAGE.md §5)
};

enum class Op : std::uint8_t {
    None,
    Not,
    Neg,
    Plus,
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
    In,
    Matches,
    Contains,
    StartsWith,
    EndsWith,
    Range,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Coalesce,
};

// The static type the checker computes (expr's "nature").
struct Nature {
    enum Kind : std::uint8_t {
        Unknown,   // no type information (prints "unknown")
        Interface, // interface {}: anything at run time
        Nil,
        Bool,
        Int,
        Float,
        String,
        Array,
        Map,
        AnyMap,
        Time,
        Duration,
        Func,
        Bytes,
        Location,
    };
    Kind kind = Unknown;
    std::shared_ptr<const Nature> elem; // Array element (null = interface {})

    bool isUnknown() const { return kind == Unknown || kind == Interface; }
    bool isNumber() const { return kind == Int || kind == Float; }
    std::string goName() const;
    static Nature of(Kind k) { return Nature{k, nullptr}; }
    static Nature arrayOf(const Nature &e) { return Nature{Array, std::make_shared<const Nature>(e)}; }
    Nature elemNature() const { return elem ? *elem : Nature::of(Interface); }
};

struct Node {
    NodeKind kind = NodeKind::Nil;
    Op op = Op::None;
    bool optional = false; // ?. member
    bool method = false;   // member used as a method callee
    bool negated = false;  // not in / not matches ... (Binary wrapped as its own flag)
    std::int16_t builtin = -1;
    std::int32_t slot = -1;     // Variable/Let slot; Pointer: depth of the predicate scope
    std::uint32_t loc = 0;      // byte offset where errors are reported
    std::uint32_t begin = 0;    // source span (for traces)
    std::uint32_t end = 0;
    std::string name;           // identifier, property, builtin or pointer name
    Value value;                // literal / constant
    std::vector<Node *> args;
    Nature nature;
    std::shared_ptr<const re2::RE2> regex;       // a constant `matches` pattern
    std::shared_ptr<const std::vector<std::string>> set; // InSet: sorted strings
    std::int32_t index = -1;    // trace index (0..n-1), assigned after optimization
};

class NodeArena {
public:
    Node *make(NodeKind k, std::uint32_t loc)
    {
        nodes_.emplace_back();
        Node *n = &nodes_.back();
        n->kind = k;
        n->loc = loc;
        n->begin = loc;
        n->end = loc;
        return n;
    }
    std::size_t size() const { return nodes_.size(); }

private:
    std::deque<Node> nodes_;
};

} // namespace bindery::expr
