// SPDX-License-Identifier: Apache-2.0
#pragma once

// The builtin functions of expr v1.17.8 (LANGUAGE.md §6, §7).

#include <cstdint>
#include <string_view>

namespace bindery::expr {

enum class Builtin : std::int16_t {
    // predicates
    All, None, Any, One, Filter, Map, Count, Sum, Find, FindIndex, FindLast, FindLastIndex, GroupBy,
    SortBy, Reduce,
    // the rest
    Len, Type, Abs, Ceil, Floor, Round, Int, Float, String, Trim, TrimPrefix, TrimSuffix, Upper,
    Lower, Split, SplitAfter, Replace, Repeat, Join, IndexOf, LastIndexOf, HasPrefix, HasSuffix, Max,
    Min, Mean, Median, ToJSON, FromJSON, ToBase64, FromBase64, Now, Duration, Date, Timezone, First,
    Last, Get, Keys, Values, ToPairs, FromPairs, Take, Reverse, Uniq, Concat, Flatten, Sort, BitAnd,
    BitOr, BitXor, BitNand, BitNot, BitShl, BitShr, BitUshr,
    Count_
};

// Predicate argument kinds (parser).
enum : std::uint8_t { ArgExpr = 1, ArgPredicate = 2, ArgOptional = 4 };

// The builtin called `name`, or -1.
int builtinIndex(std::string_view name);
std::string_view builtinName(int id);
bool isPredicateBuiltin(int id);
// The argument specification of a predicate builtin (count into `n`).
const std::uint8_t *predicateArgs(int id, int &n);

} // namespace bindery::expr
