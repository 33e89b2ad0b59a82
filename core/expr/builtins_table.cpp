// SPDX-License-Identifier: Apache-2.0
#include "expr/builtins.h"

#include <array>

namespace bindery::expr {

namespace {

constexpr std::array<std::string_view, int(Builtin::Count_)> kNames = {
    "all", "none", "any", "one", "filter", "map", "count", "sum", "find", "findIndex", "findLast",
    "findLastIndex", "groupBy", "sortBy", "reduce", "len", "type", "abs", "ceil", "floor", "round", "int",
    "float", "string", "trim", "trimPrefix", "trimSuffix", "upper", "lower", "split", "splitAfter",
    "replace", "repeat", "join", "indexOf", "lastIndexOf", "hasPrefix", "hasSuffix", "max", "min", "mean",
    "median", "toJSON", "fromJSON", "toBase64", "fromBase64", "now", "duration", "date", "timezone",
    "first", "last", "get", "keys", "values", "toPairs", "fromPairs", "take", "reverse", "uniq", "concat",
    "flatten", "sort", "bitand", "bitor", "bitxor", "bitnand", "bitnot", "bitshl", "bitshr", "bitushr",
};

constexpr std::uint8_t kExprPred[] = {ArgExpr, ArgPredicate};
constexpr std::uint8_t kExprOptPred[] = {ArgExpr, ArgPredicate | ArgOptional};
constexpr std::uint8_t kExprPredOpt[] = {ArgExpr, ArgPredicate, ArgExpr | ArgOptional};

} // namespace

int builtinIndex(std::string_view name)
{
    for (std::size_t i = 0; i < kNames.size(); ++i)
        if (kNames[i] == name)
            return int(i);
    return -1;
}

std::string_view builtinName(int id)
{
    return id >= 0 && id < int(kNames.size()) ? kNames[std::size_t(id)] : std::string_view();
}

bool isPredicateBuiltin(int id)
{
    return id >= 0 && id <= int(Builtin::Reduce);
}

const std::uint8_t *predicateArgs(int id, int &n)
{
    switch (Builtin(id)) {
    case Builtin::Count:
    case Builtin::Sum: n = 2; return kExprOptPred;
    case Builtin::SortBy:
    case Builtin::Reduce: n = 3; return kExprPredOpt;
    default: n = 2; return kExprPred;
    }
}

} // namespace bindery::expr
