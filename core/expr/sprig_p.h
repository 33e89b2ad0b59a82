// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the parts of the sprig function map share (sprig.cpp, sprig_encoding.cpp, sprig_math.cpp,
// sprig_dates.cpp; not installed): Go parameter types, sprig's conversions, the table's def().

#include "expr/funcmap.h"

#include <cstdint>
#include <functional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bindery::expr::sprigimpl {

using Args = std::span<const Value>;

enum class P : std::uint8_t { Any, String, Int, Int64, Bool, Map, Time, Float };

struct Sig
{
    std::vector<P> params;
    bool variadic = false; // the last entry of params is the element type of the variadic part
};

using Impl = std::function<CallResult(Args)>;

std::string_view typeName(P p);
bool assignable(const Value &v, P p);
std::string argTypeName(const Value &v);
CallResult checkedCall(const Sig &sig, const Impl &impl, Args args);
Value str(std::string s);
Value strList(std::vector<std::string> items);
std::string strval(const Value &v);
bool isList(const Value &v);
std::vector<Value> elements(const Value &v);
std::vector<std::string> strslice(const Value &v);
std::string kindName(const Value &v);
bool empty(const Value &v);
std::string_view trimZeroDecimal(std::string_view s);
bool parseIntBase0(std::string_view s, std::int64_t &out);
std::int64_t goFloatToInt(double f);
bool parseFloatGo(std::string_view s, double &out);
std::int64_t toInt64(const Value &v);
double toFloat64(const Value &v);
Value i64(std::int64_t v);
Value goInt(std::int64_t v);
void def(std::string_view name, std::string_view category, std::string_view signature, Sig sig, Impl impl);
CallResult fail(std::string message);
Value anyList(std::vector<Value> v);
std::vector<MapEntry> entriesOf(const Value &m);
std::mt19937_64 &rng();
std::string randomFrom(std::string_view alphabet, std::int64_t n);
std::vector<std::u32string> words(std::string_view s);
std::string joinWords(const std::vector<std::u32string> &ws, std::string_view sep, bool camel);
std::string wrapText(std::string_view s, std::int64_t width, std::string_view newline);

// The function groups defined outside sprig.cpp.
void defineEncoding();
void defineMath();
void defineDates();

} // namespace bindery::expr::sprigimpl
