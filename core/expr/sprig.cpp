// SPDX-License-Identifier: Apache-2.0
// GCC 12 at -O3 reports a false -Wrestrict inside std::string's operator+ (GCC bug 105329).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
// sprig v3 (Masterminds/sprig GenericFuncMap) as Argo exposes it under `sprig`: behaviour per
// function, including its conversions (strval, strslice, spf13/cast) and its error texts.
#include "expr/funcmap.h"
#include "expr/sprig_p.h"

#include "expr/go_format.h"
#include "expr/go_json.h"
#include "expr/go_regexp.h"
#include "expr/go_strings.h"
#include "expr/go_time.h"
#include "expr/go_utf8.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <random>

namespace bindery::expr {

namespace sprigimpl {

// ---- Go parameter types and reflect.Call's checks -----------------------------------------------

std::string_view typeName(P p)
{
    switch (p) {
    case P::Any: return "interface {}";
    case P::String: return "string";
    case P::Int: return "int";
    case P::Int64: return "int64";
    case P::Bool: return "bool";
    case P::Map: return "map[string]interface {}";
    case P::Time: return "time.Time";
    case P::Float: return "float64";
    }
    return "interface {}";
}

bool assignable(const Value &v, P p)
{
    switch (p) {
    case P::Any: return true;
    case P::String: return v.kind() == Kind::String;
    case P::Int: return v.kind() == Kind::Int && v.intType() == IntType::Int;
    case P::Int64: return v.kind() == Kind::Int && v.intType() == IntType::Int64;
    case P::Bool: return v.kind() == Kind::Bool;
    case P::Map: return v.kind() == Kind::Map;
    case P::Time: return v.kind() == Kind::Time;
    case P::Float: return v.kind() == Kind::Float;
    }
    return false;
}

// The type reflect reports for an argument (a nil argument is passed as a zero interface{}).
std::string argTypeName(const Value &v)
{
    return v.isNil() ? std::string("interface {}") : v.goTypeName();
}

CallResult checkedCall(const Sig &sig, const Impl &impl, Args args)
{
    const std::size_t n = sig.params.size();
    if (sig.variadic) {
        if (args.size() < n - 1)
            return CallResult::failure("reflect: Call with too few input arguments");
    } else if (args.size() != n) {
        return CallResult::failure(args.size() < n ? "reflect: Call with too few input arguments"
                                                   : "reflect: Call with too many input arguments");
    }
    const std::size_t fixed = sig.variadic ? n - 1 : n;
    for (std::size_t i = 0; i < fixed; ++i)
        if (!assignable(args[i], sig.params[i]))
            return CallResult::failure("reflect: Call using " + argTypeName(args[i]) + " as type " +
                                       std::string(typeName(sig.params[i])));
    if (sig.variadic)
        for (std::size_t i = fixed; i < args.size(); ++i)
            if (!assignable(args[i], sig.params.back()))
                return CallResult::failure("reflect: cannot use " + argTypeName(args[i]) + " as type " +
                                           std::string(typeName(sig.params.back())) + " in Call");
    return impl(args);
}

// ---- sprig's conversions ------------------------------------------------------------------------

Value str(std::string s)
{
    return Value::string(s);
}

Value strList(std::vector<std::string> items)
{
    std::vector<Value> v;
    v.reserve(items.size());
    for (auto &s : items)
        v.push_back(Value::string(s));
    return Value::array(std::move(v), ArrayType::String);
}

// sprig's strval: strings as they are, []byte as text, Stringers (time, duration) via String(),
// anything else with %v.
std::string strval(const Value &v)
{
    switch (v.kind()) {
    case Kind::String:
    case Kind::Bytes: return std::string(v.asString());
    default: return go::formatValue(v);
    }
}

bool isList(const Value &v)
{
    return v.kind() == Kind::Array || v.kind() == Kind::Bytes;
}

// The elements of a slice value (bytes are uint8 elements).
std::vector<Value> elements(const Value &v)
{
    if (v.kind() == Kind::Bytes) {
        std::vector<Value> out;
        for (const char c : v.asString())
            out.push_back(Value::integer(static_cast<unsigned char>(c), IntType::Uint8));
        return out;
    }
    const auto a = v.asArray();
    return std::vector<Value>(a.begin(), a.end());
}

std::vector<std::string> strslice(const Value &v)
{
    std::vector<std::string> out;
    if (isList(v)) {
        for (const auto &e : elements(v))
            if (!e.isNil())
                out.push_back(strval(e));
        return out;
    }
    if (v.isNil())
        return out;
    out.push_back(strval(v));
    return out;
}

// reflect.Kind's name, as sprig's "Cannot find first on type %s" prints it.
std::string kindName(const Value &v)
{
    switch (v.kind()) {
    case Kind::Nil: return "invalid";
    case Kind::Bool: return "bool";
    case Kind::Int:
        switch (v.intType()) {
        case IntType::Int: return "int";
        case IntType::Int64: return "int64";
        case IntType::Int32: return "int32";
        case IntType::Uint8: return "uint8";
        case IntType::Uint: return "uint";
        case IntType::Uint64: return "uint64";
        }
        return "int";
    case Kind::Float: return "float64";
    case Kind::Duration: return "int64";
    case Kind::String: return "string";
    case Kind::Bytes: return "slice";
    case Kind::Array: return v.arrayType() == ArrayType::Pair ? "array" : "slice";
    case Kind::Map:
    case Kind::AnyMap: return "map";
    case Kind::Time: return "struct";
    case Kind::Location: return "ptr";
    case Kind::Function: return "func";
    }
    return "invalid";
}

// sprig's empty(): the zero value of its type, or an empty container.
bool empty(const Value &v)
{
    switch (v.kind()) {
    case Kind::Nil: return true;
    case Kind::Bool: return !v.asBool();
    case Kind::Int:
    case Kind::Duration: return v.asInt() == 0;
    case Kind::Float: return v.asFloat() == 0;
    case Kind::String:
    case Kind::Bytes:
    case Kind::Array:
    case Kind::Map:
    case Kind::AnyMap: return v.size() == 0;
    case Kind::Time: return false; // a struct
    case Kind::Location:
    case Kind::Function: return false;
    }
    return false;
}

// cast's trimZeroDecimal: "1.000" → "1".
std::string_view trimZeroDecimal(std::string_view s)
{
    bool foundZero = false;
    for (std::size_t i = s.size(); i > 0; --i) {
        switch (s[i - 1]) {
        case '.':
            if (foundZero)
                return s.substr(0, i - 1);
            break;
        case '0':
            foundZero = true;
            break;
        default:
            return s;
        }
    }
    return s;
}

// strconv.ParseInt(s, 0, 64): sign, then 0x / 0o / 0b / leading-0 octal prefixes, '_' separators
// only with a prefix.
bool parseIntBase0(std::string_view s, std::int64_t &out)
{
    if (s.empty())
        return false;
    bool neg = false;
    if (s[0] == '+' || s[0] == '-') {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    int base = 10;
    bool prefixed = false;
    if (s.size() >= 2 && s[0] == '0') {
        const char c = static_cast<char>(s[1] | 0x20);
        if (c == 'x') {
            base = 16;
            s.remove_prefix(2);
            prefixed = true;
        } else if (c == 'o') {
            base = 8;
            s.remove_prefix(2);
            prefixed = true;
        } else if (c == 'b') {
            base = 2;
            s.remove_prefix(2);
            prefixed = true;
        } else {
            base = 8;
            s.remove_prefix(1);
            prefixed = true;
        }
    }
    std::string digits;
    bool lastUnderscore = prefixed; // an '_' may follow the prefix
    for (const char c : s) {
        if (c == '_') {
            if (!prefixed || lastUnderscore)
                return false;
            lastUnderscore = true;
            continue;
        }
        lastUnderscore = false;
        digits += c;
    }
    if (digits.empty() || (lastUnderscore && !s.empty() && s.back() == '_'))
        return false;
    std::uint64_t u = 0;
    const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), u, base);
    if (r.ec != std::errc() || r.ptr != digits.data() + digits.size())
        return false;
    if (neg) {
        if (u > (std::uint64_t{1} << 63))
            return false;
        out = static_cast<std::int64_t>(0 - u);
    } else {
        if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            return false;
        out = static_cast<std::int64_t>(u);
    }
    return true;
}

// Go's float64 → int64 conversion on amd64: out-of-range and NaN give MinInt64.
std::int64_t goFloatToInt(double f)
{
    if (std::isnan(f) || f >= 9223372036854775808.0 || f < -9223372036854775808.0)
        return std::numeric_limits<std::int64_t>::min();
    return static_cast<std::int64_t>(f);
}

// strconv.ParseFloat(s, 64) for the forms webhook data uses (decimal, exponent, inf, nan, hex).
bool parseFloatGo(std::string_view s, double &out)
{
    if (s.empty())
        return false;
    std::string_view body = s;
    bool neg = false;
    if (body[0] == '+' || body[0] == '-') {
        neg = body[0] == '-';
        body.remove_prefix(1);
    }
    std::string lower;
    for (const char c : body)
        lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    if (lower == "inf" || lower == "infinity") {
        out = neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        return true;
    }
    if (lower == "nan") {
        out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    if (body.empty() || !(std::isdigit(static_cast<unsigned char>(body[0])) || body[0] == '.'))
        return false;
    double d = 0;
    std::from_chars_result r;
    if (lower.size() > 2 && lower[0] == '0' && lower[1] == 'x')
        r = std::from_chars(body.data() + 2, body.data() + body.size(), d, std::chars_format::hex);
    else
        r = std::from_chars(body.data(), body.data() + body.size(), d);
    if (r.ptr != body.data() + body.size())
        return false;
    if (r.ec == std::errc::result_out_of_range) {
        // Overflow is an error; underflow rounds to zero.
        const std::string text(body);
        d = std::strtod(text.c_str(), nullptr);
        if (std::isinf(d))
            return false;
    } else if (r.ec != std::errc()) {
        return false;
    }
    out = neg ? -d : d;
    return true;
}

// spf13/cast ToInt64 (errors ignored: 0).
std::int64_t toInt64(const Value &v)
{
    switch (v.kind()) {
    case Kind::Int:
    case Kind::Duration: return v.asInt();
    case Kind::Float: return goFloatToInt(v.asFloat());
    case Kind::Bool: return v.asBool() ? 1 : 0;
    case Kind::String: {
        std::int64_t out = 0;
        if (parseIntBase0(trimZeroDecimal(v.asString()), out))
            return out;
        return 0;
    }
    default: return 0;
    }
}

// spf13/cast ToFloat64 (errors ignored: 0).
double toFloat64(const Value &v)
{
    switch (v.kind()) {
    case Kind::Int:
    case Kind::Duration: return static_cast<double>(v.asInt());
    case Kind::Float: return v.asFloat();
    case Kind::Bool: return v.asBool() ? 1 : 0;
    case Kind::String: {
        double d = 0;
        if (parseFloatGo(v.asString(), d))
            return d;
        return 0;
    }
    default: return 0;
    }
}

Value i64(std::int64_t v)
{
    return Value::integer(v, IntType::Int64);
}

Value goInt(std::int64_t v)
{
    return Value::integer(v);
}

// ---- the table ----------------------------------------------------------------------------------

struct Entry
{
    std::string_view name;
    std::string_view signature;
    std::string_view category;
    Sig sig;
    Impl impl;
};

std::vector<Entry> &table()
{
    static std::vector<Entry> entries;
    return entries;
}

void def(std::string_view name, std::string_view category, std::string_view signature, Sig sig, Impl impl)
{
    table().push_back({name, signature, category, std::move(sig), std::move(impl)});
}

CallResult fail(std::string message)
{
    return CallResult::failure(std::move(message));
}

// A list result as sprig builds it ([]interface{}).
Value anyList(std::vector<Value> v)
{
    return Value::array(std::move(v));
}

std::vector<MapEntry> entriesOf(const Value &m)
{
    const auto e = m.asMap();
    return std::vector<MapEntry>(e.begin(), e.end());
}

std::mt19937_64 &rng()
{
    thread_local std::mt19937_64 gen{std::random_device{}()};
    return gen;
}

std::string randomFrom(std::string_view alphabet, std::int64_t n)
{
    std::string out;
    if (n <= 0)
        return out;
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    for (std::int64_t i = 0; i < n; ++i)
        out += alphabet[pick(rng())];
    return out;
}

// ---- xstrings-style case conversion -------------------------------------------------------------

std::vector<std::u32string> words(std::string_view s)
{
    // Split at non-alphanumerics and at case changes ("HTTPServer" → HTTP, Server).
    std::u32string runes;
    for (std::size_t i = 0; i < s.size();) {
        const auto d = go::utf8::decodeRune(s.substr(i));
        runes += d.rune;
        i += d.width;
    }
    std::vector<std::u32string> out;
    std::u32string cur;
    for (std::size_t i = 0; i < runes.size(); ++i) {
        const char32_t r = runes[i];
        if (!go::isLetterRune(r) && !go::isDigitRune(r)) {
            if (!cur.empty())
                out.push_back(cur), cur.clear();
            continue;
        }
        if (!cur.empty() && go::isUpperRune(r)) {
            const char32_t prev = cur.back();
            const bool nextLower = i + 1 < runes.size() && go::isLowerRune(runes[i + 1]);
            if (go::isLowerRune(prev) || go::isDigitRune(prev) || (go::isUpperRune(prev) && nextLower))
                out.push_back(cur), cur.clear();
        }
        cur += r;
    }
    if (!cur.empty())
        out.push_back(cur);
    return out;
}

std::string joinWords(const std::vector<std::u32string> &ws, std::string_view sep, bool camel)
{
    std::string out;
    bool first = true;
    for (const auto &w : ws) {
        if (!first)
            out.append(sep);
        for (std::size_t i = 0; i < w.size(); ++i) {
            char32_t r = go::toLowerRune(w[i]);
            if (camel && i == 0)
                r = go::toUpperRune(w[i]);
            go::utf8::appendRune(out, r);
        }
        first = false;
    }
    return out;
}

// goutils.Wrap(str, wrapLength): word wrap at spaces, long words kept whole.
std::string wrapText(std::string_view s, std::int64_t width, std::string_view newline)
{
    if (width < 1)
        width = 1;
    std::string out;
    std::size_t offset = 0;
    const std::size_t len = s.size();
    const auto w = static_cast<std::size_t>(width);
    while (len - offset > w) {
        if (s[offset] == ' ') {
            ++offset;
            continue;
        }
        std::size_t space = std::string_view::npos;
        const auto window = s.substr(offset, w + 1);
        space = window.rfind(' ');
        if (space != std::string_view::npos && space > 0) {
            out.append(s.substr(offset, space));
            out.append(newline);
            offset += space + 1;
        } else {
            // No space in the window: keep the long word whole up to its end.
            const auto next = s.find(' ', offset + w);
            if (next == std::string_view::npos) {
                out.append(s.substr(offset));
                offset = len;
            } else {
                out.append(s.substr(offset, next - offset));
                out.append(newline);
                offset = next + 1;
            }
        }
    }
    out.append(s.substr(offset));
    return out;
}

} // namespace sprigimpl

using namespace sprigimpl;

// ---- definitions --------------------------------------------------------------------------------

namespace {

void defineStrings()
{
    using enum P;
    def("upper", "strings", "func(string) string", {{String}},
        [](Args a) { return CallResult(str(go::toUpper(a[0].asString()))); });
    def("lower", "strings", "func(string) string", {{String}},
        [](Args a) { return CallResult(str(go::toLower(a[0].asString()))); });
    def("title", "strings", "func(string) string", {{String}},
        [](Args a) { return CallResult(str(go::title(a[0].asString()))); });
    def("untitle", "strings", "func(string) string", {{String}}, [](Args a) {
        // goutils.Uncapitalize of each word.
        std::string out;
        bool start = true;
        const auto s = a[0].asString();
        for (std::size_t i = 0; i < s.size();) {
            const auto d = go::utf8::decodeRune(s.substr(i));
            const bool space = go::isSpaceRune(d.rune);
            go::utf8::appendRune(out, start && !space ? go::toLowerRune(d.rune) : d.rune);
            start = space;
            i += d.width;
        }
        return CallResult(str(out));
    });
    def("swapcase", "strings", "func(string) string", {{String}}, [](Args a) {
        std::string out;
        const auto s = a[0].asString();
        for (std::size_t i = 0; i < s.size();) {
            const auto d = go::utf8::decodeRune(s.substr(i));
            const char32_t r = go::isUpperRune(d.rune) ? go::toLowerRune(d.rune) : go::toUpperRune(d.rune);
            go::utf8::appendRune(out, r);
            i += d.width;
        }
        return CallResult(str(out));
    });
    def("trim", "strings", "func(string) string", {{String}},
        [](Args a) { return CallResult(str(std::string(go::trimSpace(a[0].asString())))); });
    def("trimAll", "strings", "func(string, string) string", {{String, String}},
        [](Args a) { return CallResult(str(std::string(go::trimCutset(a[1].asString(), a[0].asString())))); });
    def("trimPrefix", "strings", "func(string, string) string", {{String, String}}, [](Args a) {
        auto s = a[1].asString();
        if (s.starts_with(a[0].asString()))
            s.remove_prefix(a[0].asString().size());
        return CallResult(str(std::string(s)));
    });
    def("trimSuffix", "strings", "func(string, string) string", {{String, String}}, [](Args a) {
        auto s = a[1].asString();
        if (s.ends_with(a[0].asString()))
            s.remove_suffix(a[0].asString().size());
        return CallResult(str(std::string(s)));
    });
    def("contains", "strings", "func(string, string) bool", {{String, String}}, [](Args a) {
        return CallResult(Value::boolean(a[1].asString().find(a[0].asString()) != std::string_view::npos));
    });
    def("hasPrefix", "strings", "func(string, string) bool", {{String, String}},
        [](Args a) { return CallResult(Value::boolean(a[1].asString().starts_with(a[0].asString()))); });
    def("hasSuffix", "strings", "func(string, string) bool", {{String, String}},
        [](Args a) { return CallResult(Value::boolean(a[1].asString().ends_with(a[0].asString()))); });
    def("replace", "strings", "func(string, string, string) string", {{String, String, String}}, [](Args a) {
        return CallResult(str(go::replace(a[2].asString(), a[0].asString(), a[1].asString())));
    });
    def("repeat", "strings", "func(int, string) string", {{Int, String}}, [](Args a) {
        const std::int64_t n = a[0].asInt();
        if (n < 0)
            return fail("strings: negative Repeat count");
        const auto s = a[1].asString();
        if (!s.empty() && static_cast<std::uint64_t>(n) > (std::uint64_t{1} << 30) / s.size())
            return fail("strings: Repeat output length overflow");
        std::string out;
        out.reserve(s.size() * static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i)
            out.append(s);
        return CallResult(str(out));
    });
    def("substr", "strings", "func(int, int, string) string", {{Int, Int, String}}, [](Args a) {
        const std::int64_t start = a[0].asInt(), end = a[1].asInt();
        const auto s = a[2].asString();
        const auto len = static_cast<std::int64_t>(s.size());
        auto bounds = [&](std::int64_t lo, std::int64_t hi) -> CallResult {
            if (hi > len || lo > hi || lo < 0)
                return fail("runtime error: slice bounds out of range [" + (hi > len ? std::to_string(hi) + ":" + std::to_string(len)
                                                                                     : std::to_string(lo) + ":" + std::to_string(hi)) +
                            "]");
            return CallResult(str(std::string(s.substr(static_cast<std::size_t>(lo), static_cast<std::size_t>(hi - lo)))));
        };
        if (start < 0)
            return bounds(0, end);
        if (end < 0 || end > len)
            return bounds(start, len);
        return bounds(start, end);
    });
    def("trunc", "strings", "func(int, string) string", {{Int, String}}, [](Args a) {
        const std::int64_t c = a[0].asInt();
        const auto s = a[1].asString();
        const auto len = static_cast<std::int64_t>(s.size());
        if (c < 0 && len + c > 0)
            return CallResult(str(std::string(s.substr(static_cast<std::size_t>(len + c)))));
        if (c >= 0 && len > c)
            return CallResult(str(std::string(s.substr(0, static_cast<std::size_t>(c)))));
        return CallResult(str(std::string(s)));
    });
    def("abbrev", "strings", "func(int, string) string", {{Int, String}}, [](Args a) {
        const std::int64_t width = a[0].asInt();
        const auto s = a[1].asString();
        if (width < 4 || static_cast<std::int64_t>(s.size()) <= width)
            return CallResult(str(std::string(s)));
        return CallResult(str(std::string(s.substr(0, static_cast<std::size_t>(width - 3))) + "..."));
    });
    def("abbrevboth", "strings", "func(int, int, string) string", {{Int, Int, String}}, [](Args a) {
        std::int64_t offset = a[0].asInt();
        const std::int64_t width = a[1].asInt();
        const auto s = a[2].asString();
        const auto len = static_cast<std::int64_t>(s.size());
        if (width < 4 || (offset > 0 && width < 7) || len <= width)
            return CallResult(str(std::string(s)));
        if (offset > len)
            offset = len;
        if (len - offset < width - 3)
            offset = len - (width - 3);
        if (offset <= 4)
            return CallResult(str(std::string(s.substr(0, static_cast<std::size_t>(width - 3))) + "..."));
        if (offset + width - 3 < len) {
            // "..." + abbreviate(rest, width-3)
            const auto rest = s.substr(static_cast<std::size_t>(offset));
            const std::int64_t w2 = width - 3;
            std::string inner = static_cast<std::int64_t>(rest.size()) <= w2
                                    ? std::string(rest)
                                    : std::string(rest.substr(0, static_cast<std::size_t>(w2 - 3))) + "...";
            return CallResult(str("..." + inner));
        }
        return CallResult(str("..." + std::string(s.substr(static_cast<std::size_t>(len - (width - 3))))));
    });
    def("quote", "strings", "func(...interface {}) string", {{Any}, true}, [](Args a) {
        std::string out;
        bool first = true;
        for (const auto &v : a) {
            if (v.isNil())
                continue;
            if (!first)
                out += ' ';
            first = false;
            go::appendQuote(out, strval(v));
        }
        return CallResult(str(out));
    });
    def("squote", "strings", "func(...interface {}) string", {{Any}, true}, [](Args a) {
        std::string out;
        bool first = true;
        for (const auto &v : a) {
            if (v.isNil())
                continue;
            if (!first)
                out += ' ';
            first = false;
            out += '\'';
            go::appendValue(out, v);
            out += '\'';
        }
        return CallResult(str(out));
    });
    def("cat", "strings", "func(...interface {}) string", {{Any}, true}, [](Args a) {
        std::string out;
        bool first = true;
        for (const auto &v : a) {
            if (v.isNil())
                continue;
            if (!first)
                out += ' ';
            first = false;
            go::appendValue(out, v);
        }
        return CallResult(str(out));
    });
    def("indent", "strings", "func(int, string) string", {{Int, String}}, [](Args a) {
        if (a[0].asInt() < 0)
            return fail("strings: negative Repeat count");
        const std::string pad(static_cast<std::size_t>(a[0].asInt()), ' ');
        return CallResult(str(pad + go::replace(a[1].asString(), "\n", "\n" + pad)));
    });
    def("nindent", "strings", "func(int, string) string", {{Int, String}}, [](Args a) {
        if (a[0].asInt() < 0)
            return fail("strings: negative Repeat count");
        const std::string pad(static_cast<std::size_t>(a[0].asInt()), ' ');
        return CallResult(str("\n" + pad + go::replace(a[1].asString(), "\n", "\n" + pad)));
    });
    def("nospace", "strings", "func(string) string", {{String}}, [](Args a) {
        std::string out;
        const auto s = a[0].asString();
        for (std::size_t i = 0; i < s.size();) {
            const auto d = go::utf8::decodeRune(s.substr(i));
            if (!go::isSpaceRune(d.rune))
                go::utf8::appendRune(out, d.rune);
            i += d.width;
        }
        return CallResult(str(out));
    });
    def("snakecase", "strings", "func(string) string", {{String}},
        [](Args a) { return CallResult(str(joinWords(words(a[0].asString()), "_", false))); });
    def("kebabcase", "strings", "func(string) string", {{String}},
        [](Args a) { return CallResult(str(joinWords(words(a[0].asString()), "-", false))); });
    def("camelcase", "strings", "func(string) string", {{String}}, [](Args a) {
        // xstrings.ToCamelCase: '_' separated words, each capitalised; other characters kept.
        std::string out;
        const auto s = a[0].asString();
        bool upperNext = true;
        for (std::size_t i = 0; i < s.size();) {
            const auto d = go::utf8::decodeRune(s.substr(i));
            i += d.width;
            if (d.rune == '_') {
                upperNext = true;
                continue;
            }
            go::utf8::appendRune(out, upperNext ? go::toUpperRune(d.rune) : d.rune);
            upperNext = false;
        }
        return CallResult(str(out));
    });
    def("initials", "strings", "func(string) string", {{String}}, [](Args a) {
        std::string out;
        for (const auto w : go::fields(a[0].asString())) {
            const auto d = go::utf8::decodeRune(w);
            out.append(w.substr(0, d.width));
        }
        return CallResult(str(out));
    });
    def("wrap", "strings", "func(int, string) string", {{Int, String}},
        [](Args a) { return CallResult(str(wrapText(a[1].asString(), a[0].asInt(), "\n"))); });
    def("wrapWith", "strings", "func(int, string, string) string", {{Int, String, String}},
        [](Args a) { return CallResult(str(wrapText(a[2].asString(), a[0].asInt(), a[1].asString()))); });
    def("plural", "strings", "func(string, string, int) string", {{String, String, Int}},
        [](Args a) { return CallResult(a[2].asInt() == 1 ? a[0] : a[1]); });
    def("split", "strings", "func(string, string) map[string]string", {{String, String}}, [](Args a) {
        std::vector<MapEntry> m;
        const auto parts = go::split(a[1].asString(), a[0].asString());
        for (std::size_t i = 0; i < parts.size(); ++i)
            m.push_back({Value::string("_" + std::to_string(i)), Value::string(parts[i])});
        return CallResult(Value::map(std::move(m)));
    });
    def("splitn", "strings", "func(string, int, string) map[string]string", {{String, Int, String}}, [](Args a) {
        std::vector<MapEntry> m;
        const auto parts = go::split(a[2].asString(), a[0].asString(), static_cast<int>(a[1].asInt()));
        for (std::size_t i = 0; i < parts.size(); ++i)
            m.push_back({Value::string("_" + std::to_string(i)), Value::string(parts[i])});
        return CallResult(Value::map(std::move(m)));
    });
    def("splitList", "strings", "func(string, string) []string", {{String, String}},
        [](Args a) { return CallResult(strList(go::split(a[1].asString(), a[0].asString()))); });
    def("join", "strings", "func(string, interface {}) string", {{String, Any}}, [](Args a) {
        std::string out;
        bool first = true;
        for (const auto &s : strslice(a[1])) {
            if (!first)
                out.append(a[0].asString());
            first = false;
            out.append(s);
        }
        return CallResult(str(out));
    });
    def("sortAlpha", "strings", "func(interface {}) []string", {{Any}}, [](Args a) {
        if (!isList(a[0]))
            return CallResult(strList({strval(a[0])}));
        auto items = strslice(a[0]);
        std::sort(items.begin(), items.end());
        return CallResult(strList(std::move(items)));
    });
    def("toString", "strings", "func(interface {}) string", {{Any}},
        [](Args a) { return CallResult(str(strval(a[0]))); });
    def("toStrings", "strings", "func(interface {}) []string", {{Any}},
        [](Args a) { return CallResult(strList(strslice(a[0]))); });
    def("randAlphaNum", "strings", "func(int) string", {{Int}}, [](Args a) {
        return CallResult(str(randomFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", a[0].asInt())));
    });
    def("randAlpha", "strings", "func(int) string", {{Int}}, [](Args a) {
        return CallResult(str(randomFrom("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", a[0].asInt())));
    });
    def("randNumeric", "strings", "func(int) string", {{Int}},
        [](Args a) { return CallResult(str(randomFrom("0123456789", a[0].asInt()))); });
    def("randAscii", "strings", "func(int) string", {{Int}}, [](Args a) {
        std::string alphabet;
        for (char c = 32; c < 127; ++c)
            alphabet += c;
        return CallResult(str(randomFrom(alphabet, a[0].asInt())));
    });
    def("shuffle", "strings", "func(string) string", {{String}}, [](Args a) {
        std::u32string runes;
        const auto s = a[0].asString();
        for (std::size_t i = 0; i < s.size();) {
            const auto d = go::utf8::decodeRune(s.substr(i));
            runes += d.rune;
            i += d.width;
        }
        std::shuffle(runes.begin(), runes.end(), rng());
        std::string out;
        for (const char32_t r : runes)
            go::utf8::appendRune(out, r);
        return CallResult(str(out));
    });
    def("uuidv4", "strings", "func() string", {{}}, [](Args) {
        std::array<unsigned char, 16> b{};
        for (auto &x : b)
            x = static_cast<unsigned char>(rng()() & 0xff);
        b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
        b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
        static constexpr char hex[] = "0123456789abcdef";
        std::string out;
        for (std::size_t i = 0; i < 16; ++i) {
            if (i == 4 || i == 6 || i == 8 || i == 10)
                out += '-';
            out += hex[b[i] >> 4];
            out += hex[b[i] & 15];
        }
        return CallResult(str(out));
    });
}

void defineDefaults()
{
    using enum P;
    def("default", "defaults", "func(interface {}, ...interface {}) interface {}", {{Any, Any}, true}, [](Args a) {
        if (a.size() < 2 || empty(a[1]))
            return CallResult(a[0]);
        return CallResult(a[1]);
    });
    def("empty", "defaults", "func(interface {}) bool", {{Any}},
        [](Args a) { return CallResult(Value::boolean(empty(a[0]))); });
    def("coalesce", "defaults", "func(...interface {}) interface {}", {{Any}, true}, [](Args a) {
        for (const auto &v : a)
            if (!empty(v))
                return CallResult(v);
        return CallResult(Value());
    });
    def("all", "defaults", "func(...interface {}) bool", {{Any}, true}, [](Args a) {
        for (const auto &v : a)
            if (empty(v))
                return CallResult(Value::boolean(false));
        return CallResult(Value::boolean(true));
    });
    def("any", "defaults", "func(...interface {}) bool", {{Any}, true}, [](Args a) {
        for (const auto &v : a)
            if (!empty(v))
                return CallResult(Value::boolean(true));
        return CallResult(Value::boolean(false));
    });
    def("ternary", "defaults", "func(interface {}, interface {}, bool) interface {}", {{Any, Any, Bool}},
        [](Args a) { return CallResult(a[2].asBool() ? a[0] : a[1]); });
    def("fail", "defaults", "func(string) (string, error)", {{String}},
        [](Args a) { return fail(std::string(a[0].asString())); });
    def("typeOf", "reflection", "func(interface {}) string", {{Any}},
        [](Args a) { return CallResult(str(a[0].goTypeName())); });
    def("typeIs", "reflection", "func(string, interface {}) bool", {{String, Any}},
        [](Args a) { return CallResult(Value::boolean(a[0].asString() == a[1].goTypeName())); });
    def("typeIsLike", "reflection", "func(string, interface {}) bool", {{String, Any}}, [](Args a) {
        const auto t = a[1].goTypeName();
        return CallResult(Value::boolean(a[0].asString() == t || a[0].asString() == "*" + t));
    });
    def("kindOf", "reflection", "func(interface {}) string", {{Any}},
        [](Args a) { return CallResult(str(kindName(a[0]))); });
    def("kindIs", "reflection", "func(string, interface {}) bool", {{String, Any}},
        [](Args a) { return CallResult(Value::boolean(a[0].asString() == kindName(a[1]))); });
    def("deepEqual", "reflection", "func(interface {}, interface {}) bool", {{Any, Any}},
        [](Args a) { return CallResult(Value::boolean(deepEqual(a[0], a[1]))); });
}

// The "must" variants return the error; the plain ones panic with it. Both surface the same text.
void defineLists()
{
    using enum P;
    auto listOp = [](std::string_view what, auto body) {
        return [what, body](Args a) -> CallResult {
            if (a[0].isNil())
                return fail("runtime error: invalid memory address or nil pointer dereference");
            if (!isList(a[0]))
                return fail("Cannot find " + std::string(what) + " on type " + kindName(a[0]));
            return body(elements(a[0]), a);
        };
    };
    for (const auto *name : {"list", "tuple"})
        def(name, "lists", "func(...interface {}) []interface {}", {{Any}, true},
            [](Args a) { return CallResult(anyList(std::vector<Value>(a.begin(), a.end()))); });
    const auto first = listOp("first", [](std::vector<Value> l, Args) {
        return CallResult(l.empty() ? Value() : l.front());
    });
    def("first", "lists", "func(interface {}) interface {}", {{Any}}, first);
    def("mustFirst", "lists", "func(interface {}) (interface {}, error)", {{Any}}, first);
    const auto last = listOp("last", [](std::vector<Value> l, Args) {
        return CallResult(l.empty() ? Value() : l.back());
    });
    def("last", "lists", "func(interface {}) interface {}", {{Any}}, last);
    def("mustLast", "lists", "func(interface {}) (interface {}, error)", {{Any}}, last);
    const auto rest = listOp("rest", [](std::vector<Value> l, Args) {
        if (l.empty())
            return CallResult(Value());
        return CallResult(anyList(std::vector<Value>(l.begin() + 1, l.end())));
    });
    def("rest", "lists", "func(interface {}) []interface {}", {{Any}}, rest);
    def("mustRest", "lists", "func(interface {}) ([]interface {}, error)", {{Any}}, rest);
    const auto initial = listOp("initial", [](std::vector<Value> l, Args) {
        if (l.empty())
            return CallResult(Value());
        l.pop_back();
        return CallResult(anyList(std::move(l)));
    });
    def("initial", "lists", "func(interface {}) []interface {}", {{Any}}, initial);
    def("mustInitial", "lists", "func(interface {}) ([]interface {}, error)", {{Any}}, initial);
    auto pushOp = [](std::string_view what, bool front) {
        return [what, front](Args a) -> CallResult {
            if (a[0].isNil())
                return fail("runtime error: invalid memory address or nil pointer dereference");
            if (!isList(a[0]))
                return fail("Cannot " + std::string(what) + " on type " + kindName(a[0]));
            auto l = elements(a[0]);
            if (front)
                l.insert(l.begin(), a[1]);
            else
                l.push_back(a[1]);
            return CallResult(anyList(std::move(l)));
        };
    };
    for (const auto *name : {"append", "push", "mustAppend", "mustPush"})
        def(name, "lists", "func(interface {}, interface {}) []interface {}", {{Any, Any}}, pushOp("push", false));
    for (const auto *name : {"prepend", "mustPrepend"})
        def(name, "lists", "func(interface {}, interface {}) []interface {}", {{Any, Any}}, pushOp("prepend", true));
    def("concat", "lists", "func(...interface {}) interface {}", {{Any}, true}, [](Args a) {
        std::vector<Value> out;
        for (const auto &l : a) {
            if (l.isNil())
                return fail("runtime error: invalid memory address or nil pointer dereference");
            if (!isList(l))
                return fail("Cannot concat type " + kindName(l) + " as list");
            for (auto &e : elements(l))
                out.push_back(std::move(e));
        }
        return CallResult(anyList(std::move(out)));
    });
    const auto reverse = listOp("reverse", [](std::vector<Value> l, Args) {
        std::reverse(l.begin(), l.end());
        return CallResult(anyList(std::move(l)));
    });
    def("reverse", "lists", "func(interface {}) []interface {}", {{Any}}, reverse);
    def("mustReverse", "lists", "func(interface {}) ([]interface {}, error)", {{Any}}, reverse);
    const auto uniq = listOp("uniq", [](std::vector<Value> l, Args) {
        std::vector<Value> out;
        for (auto &e : l)
            if (std::none_of(out.begin(), out.end(), [&](const Value &x) { return deepEqual(x, e); }))
                out.push_back(std::move(e));
        return CallResult(anyList(std::move(out)));
    });
    def("uniq", "lists", "func(interface {}) []interface {}", {{Any}}, uniq);
    def("mustUniq", "lists", "func(interface {}) ([]interface {}, error)", {{Any}}, uniq);
    const auto compact = [](Args a) -> CallResult {
        if (a[0].isNil())
            return fail("runtime error: invalid memory address or nil pointer dereference");
        if (!isList(a[0]))
            return fail("Cannot compact on type " + kindName(a[0]));
        std::vector<Value> out;
        for (auto &e : elements(a[0]))
            if (!empty(e))
                out.push_back(std::move(e));
        return CallResult(anyList(std::move(out)));
    };
    def("compact", "lists", "func(interface {}) []interface {}", {{Any}}, compact);
    def("mustCompact", "lists", "func(interface {}) ([]interface {}, error)", {{Any}}, compact);
    const auto without = [](Args a) -> CallResult {
        if (a[0].isNil())
            return fail("runtime error: invalid memory address or nil pointer dereference");
        if (!isList(a[0]))
            return fail("Cannot find without on type " + kindName(a[0]));
        std::vector<Value> out;
        for (auto &e : elements(a[0]))
            if (std::none_of(a.begin() + 1, a.end(), [&](const Value &x) { return deepEqual(x, e); }))
                out.push_back(std::move(e));
        return CallResult(anyList(std::move(out)));
    };
    def("without", "lists", "func(interface {}, ...interface {}) []interface {}", {{Any, Any}, true}, without);
    def("mustWithout", "lists", "func(interface {}, ...interface {}) ([]interface {}, error)", {{Any, Any}, true},
        without);
    const auto has = [](Args a) -> CallResult {
        if (a[1].isNil())
            return CallResult(Value::boolean(false));
        if (!isList(a[1]))
            return fail("Cannot find has on type " + kindName(a[1]));
        for (const auto &e : elements(a[1]))
            if (deepEqual(a[0], e))
                return CallResult(Value::boolean(true));
        return CallResult(Value::boolean(false));
    };
    def("has", "lists", "func(interface {}, interface {}) bool", {{Any, Any}}, has);
    def("mustHas", "lists", "func(interface {}, interface {}) (bool, error)", {{Any, Any}}, has);
    const auto slice = [](Args a) -> CallResult {
        if (a[0].isNil())
            return fail("runtime error: invalid memory address or nil pointer dereference");
        if (!isList(a[0]))
            return fail("list should be type of slice or array but " + kindName(a[0]));
        auto l = elements(a[0]);
        if (l.empty())
            return CallResult(Value());
        const std::int64_t start = a.size() > 1 ? toInt64(a[1]) : 0;
        const std::int64_t end = a.size() > 2 ? toInt64(a[2]) : static_cast<std::int64_t>(l.size());
        if (start < 0 || end < start || end > static_cast<std::int64_t>(l.size()))
            return fail("reflect.Value.Slice: slice index out of bounds");
        return CallResult(Value::array(std::vector<Value>(l.begin() + start, l.begin() + end),
                                       a[0].kind() == Kind::Array ? a[0].arrayType() : ArrayType::Any));
    };
    def("slice", "lists", "func(interface {}, ...interface {}) interface {}", {{Any, Any}, true}, slice);
    def("mustSlice", "lists", "func(interface {}, ...interface {}) (interface {}, error)", {{Any, Any}, true}, slice);
    def("until", "lists", "func(int) []int", {{Int}}, [](Args a) {
        std::vector<Value> out;
        const std::int64_t n = a[0].asInt();
        const std::int64_t step = n < 0 ? -1 : 1;
        if (std::llabs(n) > 1000000)
            return fail("memory budget exceeded");
        for (std::int64_t i = 0; i != n; i += step)
            out.push_back(goInt(i));
        return CallResult(Value::array(std::move(out), ArrayType::Int));
    });
    def("untilStep", "lists", "func(int, int, int) []int", {{Int, Int, Int}}, [](Args a) {
        std::vector<Value> out;
        const std::int64_t start = a[0].asInt(), stop = a[1].asInt(), step = a[2].asInt();
        if (step == 0)
            return CallResult(Value::array({}, ArrayType::Int));
        if ((stop - start) / step > 1000000)
            return fail("memory budget exceeded");
        if (step > 0)
            for (std::int64_t i = start; i < stop; i += step)
                out.push_back(goInt(i));
        else
            for (std::int64_t i = start; i > stop; i += step)
                out.push_back(goInt(i));
        return CallResult(Value::array(std::move(out), ArrayType::Int));
    });
    def("seq", "lists", "func(...int) string", {{Int}, true}, [](Args a) {
        // GNU seq: seq LAST, seq FIRST LAST, seq FIRST INCREMENT LAST; space separated.
        std::int64_t start = 1, step = 1, end = 0;
        switch (a.size()) {
        case 0: return CallResult(str(""));
        case 1: end = a[0].asInt(); break;
        case 2:
            start = a[0].asInt();
            end = a[1].asInt();
            step = start <= end ? 1 : -1;
            break;
        case 3:
            start = a[0].asInt();
            step = a[1].asInt();
            end = a[2].asInt();
            break;
        default: return CallResult(str(""));
        }
        if (a.size() == 1 && end < start)
            step = -1;
        std::string out;
        if (step == 0 || (end - start) / step > 1000000 || (step > 0 && end < start) || (step < 0 && end > start))
            return CallResult(str(""));
        for (std::int64_t i = start; step > 0 ? i <= end : i >= end; i += step) {
            if (!out.empty())
                out += ' ';
            out += std::to_string(i);
        }
        return CallResult(str(out));
    });
    def("chunk", "lists", "func(int, interface {}) [][]interface {}", {{Int, Any}}, [](Args a) -> CallResult {
        if (a[1].isNil())
            return fail("runtime error: invalid memory address or nil pointer dereference");
        if (!isList(a[1]))
            return fail("Cannot chunk type " + kindName(a[1]));
        const std::int64_t size = a[0].asInt();
        if (size <= 0)
            return fail("runtime error: integer divide by zero");
        const auto l = elements(a[1]);
        std::vector<Value> out;
        for (std::size_t i = 0; i < l.size(); i += static_cast<std::size_t>(size))
            out.push_back(anyList(std::vector<Value>(
                l.begin() + static_cast<std::ptrdiff_t>(i),
                l.begin() + static_cast<std::ptrdiff_t>(std::min(l.size(), i + static_cast<std::size_t>(size))))));
        return CallResult(anyList(std::move(out)));
    });
}

Value mergeMaps(const Value &dst, const Value &src, bool overwrite)
{
    auto entries = entriesOf(dst);
    for (const auto &e : src.asMap()) {
        auto it = std::find_if(entries.begin(), entries.end(),
                               [&](const MapEntry &x) { return x.key.asString() == e.key.asString(); });
        if (it == entries.end()) {
            entries.push_back(e);
        } else if (it->value.isMap() && e.value.isMap()) {
            it->value = mergeMaps(it->value, e.value, overwrite);
        } else if (overwrite ? !empty(e.value) : empty(it->value)) {
            it->value = e.value;
        }
    }
    return Value::map(std::move(entries));
}

void defineDicts()
{
    using enum P;
    def("dict", "dicts", "func(...interface {}) map[string]interface {}", {{Any}, true}, [](Args a) {
        std::vector<MapEntry> m;
        for (std::size_t i = 0; i < a.size(); i += 2)
            m.push_back({Value::string(strval(a[i])), i + 1 < a.size() ? a[i + 1] : Value::string("")});
        return CallResult(Value::map(std::move(m)));
    });
    def("get", "dicts", "func(map[string]interface {}, string) interface {}", {{Map, String}}, [](Args a) {
        const Value *v = a[0].find(a[1].asString());
        return CallResult(v ? *v : Value::string(""));
    });
    def("set", "dicts", "func(map[string]interface {}, string, interface {}) map[string]interface {}",
        {{Map, String, Any}}, [](Args a) {
            auto e = entriesOf(a[0]);
            e.push_back({a[1], a[2]});
            return CallResult(Value::map(std::move(e)));
        });
    def("unset", "dicts", "func(map[string]interface {}, string) map[string]interface {}", {{Map, String}},
        [](Args a) {
            auto e = entriesOf(a[0]);
            std::erase_if(e, [&](const MapEntry &x) { return x.key.asString() == a[1].asString(); });
            return CallResult(Value::map(std::move(e)));
        });
    def("hasKey", "dicts", "func(map[string]interface {}, string) bool", {{Map, String}},
        [](Args a) { return CallResult(Value::boolean(a[0].find(a[1].asString()) != nullptr)); });
    def("keys", "dicts", "func(...map[string]interface {}) []string", {{Map}, true}, [](Args a) {
        // Go's map order is random; sorted is one of its orders.
        std::vector<std::string> out;
        for (const auto &m : a)
            for (const auto &e : m.asMap())
                out.emplace_back(e.key.asString());
        return CallResult(strList(std::move(out)));
    });
    def("values", "dicts", "func(map[string]interface {}) []interface {}", {{Map}}, [](Args a) {
        std::vector<Value> out;
        for (const auto &e : a[0].asMap())
            out.push_back(e.value);
        return CallResult(anyList(std::move(out)));
    });
    def("pluck", "dicts", "func(string, ...map[string]interface {}) []interface {}", {{String, Map}, true},
        [](Args a) {
            std::vector<Value> out;
            for (std::size_t i = 1; i < a.size(); ++i)
                if (const Value *v = a[i].find(a[0].asString()))
                    out.push_back(*v);
            return CallResult(anyList(std::move(out)));
        });
    def("pick", "dicts", "func(map[string]interface {}, ...string) map[string]interface {}", {{Map, String}, true},
        [](Args a) {
            std::vector<MapEntry> out;
            for (std::size_t i = 1; i < a.size(); ++i)
                if (const Value *v = a[0].find(a[i].asString()))
                    out.push_back({a[i], *v});
            return CallResult(Value::map(std::move(out)));
        });
    def("omit", "dicts", "func(map[string]interface {}, ...string) map[string]interface {}", {{Map, String}, true},
        [](Args a) {
            std::vector<MapEntry> out;
            for (const auto &e : a[0].asMap())
                if (std::none_of(a.begin() + 1, a.end(), [&](const Value &k) { return k.asString() == e.key.asString(); }))
                    out.push_back(e);
            return CallResult(Value::map(std::move(out)));
        });
    for (const auto *name : {"merge", "mustMerge"})
        def(name, "dicts", "func(map[string]interface {}, ...map[string]interface {}) interface {}", {{Map, Map}, true},
            [](Args a) {
                Value dst = a[0];
                for (std::size_t i = 1; i < a.size(); ++i)
                    dst = mergeMaps(dst, a[i], false);
                return CallResult(dst);
            });
    for (const auto *name : {"mergeOverwrite", "mustMergeOverwrite"})
        def(name, "dicts", "func(map[string]interface {}, ...map[string]interface {}) interface {}", {{Map, Map}, true},
            [](Args a) {
                Value dst = a[0];
                for (std::size_t i = 1; i < a.size(); ++i)
                    dst = mergeMaps(dst, a[i], true);
                return CallResult(dst);
            });
    def("dig", "dicts", "func(...interface {}) (interface {}, error)", {{Any}, true}, [](Args a) -> CallResult {
        if (a.size() < 3)
            return fail("dig needs at least three arguments");
        if (!a.back().isMap())
            return fail("interface conversion: interface {} is " + a.back().goTypeName() + ", not map[string]interface {}");
        const Value &def = a[a.size() - 2];
        Value cur = a.back();
        for (std::size_t i = 0; i + 2 < a.size(); ++i) {
            if (!a[i].isString())
                return fail("interface conversion: interface {} is " + a[i].goTypeName() + ", not string");
            if (!cur.isMap())
                return fail("interface conversion: interface {} is " + cur.goTypeName() + ", not map[string]interface {}");
            const Value *step = cur.find(a[i].asString());
            if (!step)
                return CallResult(def);
            cur = *step;
        }
        return CallResult(cur);
    });
    for (const auto *name : {"deepCopy", "mustDeepCopy"})
        def(name, "dicts", "func(interface {}) interface {}", {{Any}}, [](Args a) -> CallResult {
            if (a[0].isNil())
                return fail("deepCopy: cannot copy nil");
            return CallResult(a[0]); // values are immutable: sharing is a copy
        });
}

void defineRegex()
{
    using enum P;
    // The plain forms panic on a bad pattern (regexp.MustCompile); the must forms return the error.
    auto compile = [](std::string_view pattern, bool must, go::Regexp &re) -> std::string {
        re = go::compileRegexp(pattern);
        if (re.re)
            return {};
        return must ? re.error : go::mustCompilePanic(pattern, re.error);
    };
    def("regexMatch", "regex", "func(string, string) bool", {{String, String}}, [](Args a) {
        const auto re = go::compileRegexp(a[0].asString());
        return CallResult(Value::boolean(re.re && go::matchString(*re.re, a[1].asString())));
    });
    def("mustRegexMatch", "regex", "func(string, string) (bool, error)", {{String, String}}, [](Args a) {
        const auto re = go::compileRegexp(a[0].asString());
        if (!re.re)
            return fail(re.error);
        return CallResult(Value::boolean(go::matchString(*re.re, a[1].asString())));
    });
    for (const bool must : {false, true}) {
        def(must ? "mustRegexFindAll" : "regexFindAll", "regex",
            must ? "func(string, string, int) ([]string, error)" : "func(string, string, int) []string",
            {{String, String, Int}}, [compile, must](Args a) {
                go::Regexp re;
                if (auto e = compile(a[0].asString(), must, re); !e.empty())
                    return fail(e);
                return CallResult(strList(go::findAllString(*re.re, a[1].asString(), static_cast<int>(a[2].asInt()))));
            });
        def(must ? "mustRegexFind" : "regexFind", "regex",
            must ? "func(string, string) (string, error)" : "func(string, string) string", {{String, String}},
            [compile, must](Args a) {
                go::Regexp re;
                if (auto e = compile(a[0].asString(), must, re); !e.empty())
                    return fail(e);
                return CallResult(str(go::findString(*re.re, a[1].asString())));
            });
        def(must ? "mustRegexReplaceAll" : "regexReplaceAll", "regex",
            must ? "func(string, string, string) (string, error)" : "func(string, string, string) string",
            {{String, String, String}}, [compile, must](Args a) {
                go::Regexp re;
                if (auto e = compile(a[0].asString(), must, re); !e.empty())
                    return fail(e);
                return CallResult(str(go::replaceAll(*re.re, a[1].asString(), a[2].asString(), false)));
            });
        def(must ? "mustRegexReplaceAllLiteral" : "regexReplaceAllLiteral", "regex",
            must ? "func(string, string, string) (string, error)" : "func(string, string, string) string",
            {{String, String, String}}, [compile, must](Args a) {
                go::Regexp re;
                if (auto e = compile(a[0].asString(), must, re); !e.empty())
                    return fail(e);
                return CallResult(str(go::replaceAll(*re.re, a[1].asString(), a[2].asString(), true)));
            });
        def(must ? "mustRegexSplit" : "regexSplit", "regex",
            must ? "func(string, string, int) ([]string, error)" : "func(string, string, int) []string",
            {{String, String, Int}}, [compile, must](Args a) {
                go::Regexp re;
                if (auto e = compile(a[0].asString(), must, re); !e.empty())
                    return fail(e);
                bool nil = false;
                auto parts = go::split(*re.re, a[0].asString(), a[1].asString(), static_cast<int>(a[2].asInt()), nil);
                return CallResult(strList(std::move(parts)));
            });
    }
    def("regexQuoteMeta", "regex", "func(string) string", {{String}},
        [](Args a) { return CallResult(str(go::quoteMeta(a[0].asString()))); });
}

void definePaths()
{
    using enum P;
    // Go's path package (slash-separated).
    auto clean = [](std::string_view p) -> std::string {
        if (p.empty())
            return ".";
        const bool rooted = p[0] == '/';
        std::vector<std::string_view> parts;
        std::size_t i = 0;
        while (i <= p.size()) {
            const auto j = std::min(p.find('/', i), p.size());
            const auto part = p.substr(i, j - i);
            if (part.empty() || part == ".") {
            } else if (part == "..") {
                if (!parts.empty() && parts.back() != "..")
                    parts.pop_back();
                else if (!rooted)
                    parts.push_back(part);
            } else {
                parts.push_back(part);
            }
            i = j + 1;
        }
        std::string out = rooted ? "/" : "";
        for (std::size_t k = 0; k < parts.size(); ++k) {
            if (k)
                out += '/';
            out.append(parts[k]);
        }
        return out.empty() ? "." : out;
    };
    def("base", "paths", "func(string) string", {{String}}, [](Args a) {
        auto p = a[0].asString();
        if (p.empty())
            return CallResult(str("."));
        while (p.size() > 1 && p.back() == '/')
            p.remove_suffix(1);
        if (const auto s = p.rfind('/'); s != std::string_view::npos && p.size() > 1)
            p = p.substr(s + 1);
        return CallResult(str(std::string(p.empty() ? "/" : p)));
    });
    def("dir", "paths", "func(string) string", {{String}}, [clean](Args a) {
        const auto p = a[0].asString();
        const auto s = p.rfind('/');
        return CallResult(str(clean(s == std::string_view::npos ? std::string_view() : p.substr(0, s + 1))));
    });
    def("clean", "paths", "func(string) string", {{String}}, [clean](Args a) { return CallResult(str(clean(a[0].asString()))); });
    def("ext", "paths", "func(string) string", {{String}}, [](Args a) {
        const auto p = a[0].asString();
        for (std::size_t i = p.size(); i > 0; --i) {
            if (p[i - 1] == '/')
                break;
            if (p[i - 1] == '.')
                return CallResult(str(std::string(p.substr(i - 1))));
        }
        return CallResult(str(""));
    });
    def("isAbs", "paths", "func(string) bool", {{String}},
        [](Args a) { return CallResult(Value::boolean(a[0].asString().starts_with("/"))); });
}

const std::vector<Entry> &entries()
{
    static const bool built = [] {
        defineStrings();
        defineDefaults();
        defineLists();
        defineDicts();
        defineEncoding();
        defineMath();
        defineDates();
        defineRegex();
        definePaths();
        // filepath on Linux behaves as path: the os* functions are copies of the path ones.
        for (const auto &[plain, os] : {std::pair<std::string_view, std::string_view>{"base", "osBase"}, {"dir", "osDir"},
                                        {"clean", "osClean"}, {"ext", "osExt"}, {"isAbs", "osIsAbs"}}) {
            const std::string_view wanted = plain; // clang 14 cannot capture structured bindings
            const auto it = std::find_if(table().begin(), table().end(), [&](const Entry &e) { return e.name == wanted; });
            Entry copy = *it;
            copy.name = os;
            table().push_back(std::move(copy));
        }
        std::stable_sort(table().begin(), table().end(),
                         [](const Entry &x, const Entry &y) { return x.name < y.name; });
        return true;
    }();
    (void)built;
    return table();
}

} // namespace

const Value &sprigFunctions()
{
    static const Value map = [] {
        std::vector<MapEntry> m;
        for (const auto &e : entries()) {
            const Sig sig = e.sig;
            const Impl impl = e.impl;
            m.push_back({Value::string(e.name),
                         Value::function(std::string(e.name), [sig, impl](std::span<const Value> args) {
                             return checkedCall(sig, impl, args);
                         })});
        }
        return Value::map(std::move(m));
    }();
    return map;
}

std::span<const SprigFunctionInfo> sprigFunctionTable()
{
    static const std::vector<SprigFunctionInfo> info = [] {
        std::vector<SprigFunctionInfo> out;
        for (const auto &e : entries())
            out.push_back({e.name, e.signature, e.category});
        return out;
    }();
    return info;
}

namespace go {

CallResult exprInt(const Value &v)
{
    switch (v.kind()) {
    case Kind::Int:
    case Kind::Duration: return CallResult(Value::integer(v.asInt()));
    case Kind::Float: return CallResult(Value::integer(goFloatToInt(v.asFloat())));
    case Kind::String: {
        auto s = v.asString();
        bool neg = false;
        std::string_view digits = s;
        if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
            neg = digits[0] == '-';
            digits.remove_prefix(1);
        }
        std::uint64_t u = 0;
        const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), u);
        if (digits.empty() || r.ec != std::errc() || r.ptr != digits.data() + digits.size() ||
            u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (neg ? 1 : 0))
            return CallResult::failure("invalid operation: int(" + std::string(s) + ")");
        return CallResult(Value::integer(neg ? static_cast<std::int64_t>(0 - u) : static_cast<std::int64_t>(u)));
    }
    default: return CallResult::failure("invalid operation: int(" + v.goTypeName() + ")");
    }
}

CallResult exprFloat(const Value &v)
{
    switch (v.kind()) {
    case Kind::Int:
    case Kind::Duration:
        if (v.intType() == IntType::Uint || v.intType() == IntType::Uint64)
            return CallResult(Value::number(static_cast<double>(static_cast<std::uint64_t>(v.asInt()))));
        return CallResult(Value::number(static_cast<double>(v.asInt())));
    case Kind::Float: return CallResult(v);
    case Kind::String: {
        double d = 0;
        if (!parseFloatGo(v.asString(), d))
            return CallResult::failure("invalid operation: float(" + std::string(v.asString()) + ")");
        return CallResult(Value::number(d));
    }
    default: return CallResult::failure("invalid operation: float(" + v.goTypeName() + ")");
    }
}

} // namespace go

} // namespace bindery::expr
