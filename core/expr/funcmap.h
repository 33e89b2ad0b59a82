// SPDX-License-Identifier: Apache-2.0
// Argo's function map for `submit.metadata` expressions (util/expr/env.GetFuncMap): the event
// environment with dotted keys expanded (bellows.Expand) plus `asInt`, `asFloat`, `toJson`,
// `jsonpath` and `sprig` (sprig v3's GenericFuncMap without `env` and `expandenv`).
//
// Every function is a Value::function taking the evaluated arguments. Go calls them through
// reflection, so argument checks reproduce reflect.Value.Call's panics ("reflect: Call using
// float64 as type string", "reflect: Call with too few input arguments") and Go-side panics and
// errors keep their texts (`Cannot find first on type string`, `runtime error: integer divide by
// zero`).
#pragma once

#include "expr/value.h"

#include <span>
#include <string>
#include <string_view>

namespace bindery::expr {

// GetFuncMap(env): the environment for funcmap-mode expressions.
Value makeArgoFuncMapEnv(const Value &env);

// bellows.Expand: top-level keys "a.b.c" become nested maps {"a": {"b": {"c": v}}}. When a plain
// key and a dotted key collide ("a" and "a.b"), Go's map order decides; here the plain key wins.
Value bellowsExpand(const Value &map);

// The `sprig` map Value (built once, shared).
const Value &sprigFunctions();

// One row of the table of sprig functions this engine implements.
struct SprigFunctionInfo
{
    std::string_view name;
    std::string_view signature; // Go signature, e.g. "func(string) string"
    std::string_view category;  // strings, defaults, lists, dicts, encoding, math, dates, regex, crypto, ...
};
std::span<const SprigFunctionInfo> sprigFunctionTable();

// The Go signature of a top-level function-map entry (asInt, asFloat, toJson, jsonpath), for a
// checker that types calls; empty when unknown.
std::string_view argoFuncMapSignature(std::string_view name);

// evilmonkeyinc/jsonpath Get(path, value) as Argo's jsonpath(jsonStr, path) uses it.
CallResult jsonPathGet(std::string_view path, const Value &root);

namespace go {
// expr's builtin int()/float() conversions (Argo's asInt/asFloat).
CallResult exprInt(const Value &v);
CallResult exprFloat(const Value &v);
} // namespace go

} // namespace bindery::expr
