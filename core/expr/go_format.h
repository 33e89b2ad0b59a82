// SPDX-License-Identifier: Apache-2.0
// Go's textual formatting, byte for byte: strconv.FormatFloat / FormatInt / Quote and fmt's %v / %s.
// Argo's observable strings (string(x), error messages, the "unable to cast" selector error, JSON)
// are produced by these Go functions, so the engine must reproduce them exactly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bindery::expr {
class Value;
}

namespace bindery::expr::go {

// strconv.AppendFloat(dst, f, fmt, prec, bitSize): fmt is 'e', 'E', 'f', 'g' or 'G'; prec -1 means
// the shortest digits that round-trip at bitSize (64, or 32 for float32 values).
void appendFloat(std::string &out, double f, char fmt, int prec, int bitSize = 64);
std::string formatFloat(double f, char fmt, int prec, int bitSize = 64);

// fmt's %v of a float64: 'g' shortest, but "+Inf" keeps its sign and NaN has none.
void appendFloatV(std::string &out, double f);

void appendInt(std::string &out, std::int64_t v);
std::string formatInt(std::int64_t v);
void appendUint(std::string &out, std::uint64_t v);

// strconv.Quote: double-quoted Go literal; invalid UTF-8 bytes become \xNN, non-printable runes
// \a \b \f \n \r \t \v, \xNN, \uNNNN or \UNNNNNNNN.
void appendQuote(std::string &out, std::string_view s);
std::string quote(std::string_view s);

// Whether Go's unicode.IsPrint holds for r (letters, marks, numbers, punctuation, symbols and the
// ASCII space). Unassigned code points of the BMP are approximated as printable.
bool isPrint(char32_t r);

// fmt.Sprintf("%v", v) for the engine's values: nil → "<nil>", arrays "[1 2 3]", maps
// "map[a:1 b:2]" with sorted keys, times as Time.String, durations as Duration.String.
void appendValue(std::string &out, const Value &v);
std::string formatValue(const Value &v);

// fmt.Sprintf("%s", v): strings as they are; other scalars as Go's bad-verb form
// "%!s(float64=1.5)", "%!s(int=1)", "%!s(bool=true)", "%!s(<nil>)"; containers recurse.
void appendValueS(std::string &out, const Value &v);
std::string formatValueS(const Value &v);

// Go's fmtsort order of map keys for an interface-keyed map (groupBy, fromPairs): by kind (nil,
// bool, numbers, strings, ...) then by value. Go orders different types by an address, so only
// the order within one type is reproducible.
bool fmtSortLess(const Value &a, const Value &b);

} // namespace bindery::expr::go
