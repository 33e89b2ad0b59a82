// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the evaluator's parts share (eval.cpp, eval_ops.cpp, eval_text.cpp; not installed): the run
// error, and the operators and string functions the builtins use.

#include "expr/ast.h"
#include "expr/value.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace bindery::expr::evaldetail {

struct RunError {
    std::string message;
    std::uint32_t offset;
};

[[noreturn]] void fail(const Node *n, std::string msg);

inline std::string typeOf(const Value &v)
{
    return v.goTypeName();
}

// Operators and conversions (eval_ops.cpp).
std::string notBool(const Value &v);
std::string notType(const Value &v, const char *want);
std::int64_t toInt(const Node *n, const Value &v);
std::string fetchKeyText(const Value &key);
bool hashable(const Value &key);
Value fetch(const Node *n, const Value &from, const Value &key);
int compareValues(const Node *n, const Value &a, const Value &b, const char *op);
Value arith(const Node *n, Op op, const Value &a, const Value &b);

// String and list helpers of the builtins (eval_text.cpp).
void flattenDeep(const Value &v, std::vector<Value> &out);
void decodeRuneAt(std::string_view s, std::size_t i, char32_t &r, std::size_t &len);
std::string_view trimFunc(std::string_view s, const std::function<bool(char32_t)> &cut);
std::vector<Value> splitString(std::string_view s, std::string_view sep, std::int64_t n, bool after);
std::string replaceString(std::string_view s, std::string_view old, std::string_view neu, std::int64_t n);

} // namespace bindery::expr::evaldetail
