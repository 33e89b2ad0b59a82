// SPDX-License-Identifier: Apache-2.0
#include "expr/go_format.h"

#include "expr/go_utf8.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace bindery::expr::go {

namespace {

// A decimal number 0.d1d2d3... × 10^dp, as Go's strconv keeps it (decimalSlice).
struct Digits
{
    char d[800];
    int nd = 0;
    int dp = 0;
};

// Parses std::to_chars' scientific output "d.ddde±XX" into digits and a decimal point position.
void digitsFromScientific(const char *first, const char *last, Digits &out)
{
    out.nd = 0;
    const char *p = first;
    while (p < last && *p != 'e') {
        if (*p >= '0' && *p <= '9')
            out.d[out.nd++] = *p;
        ++p;
    }
    int exp = 0;
    if (p < last) {
        ++p; // 'e'
        bool negExp = false;
        if (*p == '-' || *p == '+') {
            negExp = *p == '-';
            ++p;
        }
        while (p < last)
            exp = exp * 10 + (*p++ - '0');
        if (negExp)
            exp = -exp;
    }
    out.dp = exp + 1;
    // Zero is "0e+00": Go represents it as no digits.
    if (out.nd == 1 && out.d[0] == '0') {
        out.nd = 0;
        out.dp = 0;
    }
}

// Shortest digits that round-trip at the given bit size (Go's ryuFtoaShortest).
void shortestDigits(double f, int bitSize, Digits &out)
{
    char buf[64];
    std::to_chars_result r;
    if (bitSize == 32)
        r = std::to_chars(buf, buf + sizeof buf, static_cast<float>(f), std::chars_format::scientific);
    else
        r = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
    digitsFromScientific(buf, r.ptr, out);
}

// Digits correctly rounded (half to even on the exact binary value) to n significant digits.
void roundedDigits(double f, int bitSize, int n, Digits &out)
{
    char buf[900];
    if (n < 1)
        n = 1;
    if (n > 767)
        n = 767;
    std::to_chars_result r;
    if (bitSize == 32)
        r = std::to_chars(buf, buf + sizeof buf, static_cast<float>(f), std::chars_format::scientific, n - 1);
    else
        r = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific, n - 1);
    digitsFromScientific(buf, r.ptr, out);
}

// %e: -d.ddddde±dd
void fmtE(std::string &out, bool neg, const Digits &d, int prec, char fmt)
{
    if (neg)
        out += '-';
    out += d.nd == 0 ? '0' : d.d[0];
    if (prec > 0) {
        out += '.';
        int i = 1;
        const int m = std::min(d.nd, prec + 1);
        if (i < m) {
            out.append(d.d + i, static_cast<std::size_t>(m - i));
            i = m;
        }
        for (; i <= prec; ++i)
            out += '0';
    }
    out += fmt;
    int exp = d.dp - 1;
    if (d.nd == 0)
        exp = 0;
    if (exp < 0) {
        out += '-';
        exp = -exp;
    } else {
        out += '+';
    }
    if (exp < 10) {
        out += '0';
        out += static_cast<char>('0' + exp);
    } else if (exp < 100) {
        out += static_cast<char>('0' + exp / 10);
        out += static_cast<char>('0' + exp % 10);
    } else {
        out += static_cast<char>('0' + exp / 100);
        out += static_cast<char>('0' + exp / 10 % 10);
        out += static_cast<char>('0' + exp % 10);
    }
}

// %f: -ddddddd.ddddd
void fmtF(std::string &out, bool neg, const Digits &d, int prec)
{
    if (neg)
        out += '-';
    if (d.dp > 0) {
        int m = std::min(d.nd, d.dp);
        out.append(d.d, static_cast<std::size_t>(m));
        for (; m < d.dp; ++m)
            out += '0';
    } else {
        out += '0';
    }
    if (prec > 0) {
        out += '.';
        for (int i = 1; i <= prec; ++i) {
            const int j = d.dp + i - 1;
            out += (j >= 0 && j < d.nd) ? d.d[j] : '0';
        }
    }
}

} // namespace

void appendFloat(std::string &out, double f, char fmt, int prec, int bitSize)
{
    // Go rounds to float32 first: beyond float32's range that is ±Inf.
    if (bitSize == 32)
        f = static_cast<float>(f);
    if (std::isnan(f)) {
        out += "NaN";
        return;
    }
    if (std::isinf(f)) {
        out += f > 0 ? "+Inf" : "-Inf";
        return;
    }
    const bool neg = std::signbit(f);
    const double a = std::fabs(f);
    Digits d;
    const bool shortest = prec < 0;
    if (shortest) {
        shortestDigits(a, bitSize, d);
        switch (fmt) {
        case 'e':
        case 'E':
            prec = std::max(d.nd - 1, 0);
            break;
        case 'f':
            prec = std::max(d.nd - d.dp, 0);
            break;
        case 'g':
        case 'G':
            prec = d.nd;
            break;
        default:
            break;
        }
    } else {
        switch (fmt) {
        case 'e':
        case 'E':
            roundedDigits(a, bitSize, prec + 1, d);
            break;
        case 'f': {
            // Fixed decimals: let to_chars round at the decimal position, then reuse fmtF's layout.
            char buf[1200];
            std::to_chars_result r;
            if (bitSize == 32)
                r = std::to_chars(buf, buf + sizeof buf, static_cast<float>(a), std::chars_format::fixed,
                                  std::min(prec, 1000));
            else
                r = std::to_chars(buf, buf + sizeof buf, a, std::chars_format::fixed, std::min(prec, 1000));
            if (neg)
                out += '-';
            out.append(buf, r.ptr);
            for (int i = 1000; i < prec; ++i)
                out += '0';
            return;
        }
        case 'g':
        case 'G':
            if (prec == 0)
                prec = 1;
            roundedDigits(a, bitSize, prec, d);
            // %g drops trailing zeros.
            while (d.nd > 0 && d.d[d.nd - 1] == '0')
                --d.nd;
            if (d.nd == 0)
                d.dp = 0;
            break;
        default:
            break;
        }
    }
    switch (fmt) {
    case 'e':
    case 'E':
        fmtE(out, neg, d, prec, fmt);
        return;
    case 'f':
        fmtF(out, neg, d, prec);
        return;
    case 'g':
    case 'G': {
        int eprec = prec;
        if (eprec > d.nd && d.nd >= d.dp)
            eprec = d.nd;
        // With the shortest digits Go decides with precision 6, like C's %g.
        if (shortest)
            eprec = 6;
        const int exp = d.dp - 1;
        if (d.nd != 0 && (exp < -4 || exp >= eprec)) {
            if (prec > d.nd)
                prec = d.nd;
            fmtE(out, neg, d, prec - 1, fmt == 'g' ? 'e' : 'E');
            return;
        }
        if (prec > d.dp)
            prec = d.nd;
        fmtF(out, neg, d, std::max(prec - d.dp, 0));
        return;
    }
    default:
        // Go prints %fmt for an unknown format byte.
        out += '%';
        out += fmt;
        return;
    }
}

std::string formatFloat(double f, char fmt, int prec, int bitSize)
{
    std::string s;
    appendFloat(s, f, fmt, prec, bitSize);
    return s;
}

void appendFloatV(std::string &out, double f)
{
    appendFloat(out, f, 'g', -1, 64);
}

void appendInt(std::string &out, std::int64_t v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

void appendUint(std::string &out, std::uint64_t v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

std::string formatInt(std::int64_t v)
{
    std::string s;
    appendInt(s, v);
    return s;
}

bool isPrint(char32_t r)
{
    if (r < 0x80)
        return r >= 0x20 && r < 0x7f;
    if (r < 0xa0)
        return false; // C1 controls
    if (r == 0xa0 || r == 0xad)
        return false;
    if (r >= 0x600 && r <= 0x605)
        return false;
    switch (r) {
    case 0x61c:
    case 0x6dd:
    case 0x70f:
    case 0x8e2:
    case 0x1680:
    case 0x180e:
    case 0x202f:
    case 0x205f:
    case 0x3000:
    case 0xfeff:
    case 0x110bd:
    case 0x110cd:
    case 0xe0001:
        return false;
    default:
        break;
    }
    if ((r >= 0x2000 && r <= 0x200f) || (r >= 0x2028 && r <= 0x202e) || (r >= 0x2060 && r <= 0x206f))
        return false;
    if (r >= 0xd800 && r <= 0xdfff)
        return false; // surrogates
    if (r >= 0xe000 && r <= 0xf8ff)
        return false; // private use
    if (r >= 0xfdd0 && r <= 0xfdef)
        return false; // noncharacters
    if ((r & 0xfffe) == 0xfffe)
        return false; // U+xFFFE, U+xFFFF
    if (r >= 0xfff0 && r <= 0xfffb)
        return false;
    if (r >= 0x1bca0 && r <= 0x1bca3)
        return false;
    if (r >= 0x1d173 && r <= 0x1d17a)
        return false;
    if (r >= 0x40000 && r <= 0xdffff)
        return false; // unassigned planes 4-13
    if (r >= 0xe0000)
        return r >= 0xe0100 && r <= 0xe01ef; // variation selectors supplement; tags and private use are not
    return r <= 0x10ffff;
}

void appendQuote(std::string &out, std::string_view s)
{
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            if (c == '"' || c == '\\') {
                out += '\\';
                out += static_cast<char>(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out += static_cast<char>(c);
            } else {
                switch (c) {
                case '\a': out += "\\a"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                case '\v': out += "\\v"; break;
                default:
                    out += "\\x";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                    break;
                }
            }
            continue;
        }
        const auto [r, width] = utf8::decodeRune(s.substr(i));
        if (width == 1 && r == utf8::kRuneError) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
            ++i;
            continue;
        }
        if (isPrint(r)) {
            out.append(s.substr(i, width));
        } else if (r < 0x10000) {
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4)
                out += hex[(r >> shift) & 15];
        } else {
            out += "\\U";
            for (int shift = 28; shift >= 0; shift -= 4)
                out += hex[(r >> shift) & 15];
        }
        i += width;
    }
    out += '"';
}

std::string quote(std::string_view s)
{
    std::string out;
    out.reserve(s.size() + 2);
    appendQuote(out, s);
    return out;
}

} // namespace bindery::expr::go

// ---- values -------------------------------------------------------------------------------------

#include "expr/go_time.h"
#include "expr/value.h"

#include <algorithm>
#include <vector>

namespace bindery::expr::go {

namespace {

int kindRank(const Value &v)
{
    switch (v.kind()) {
    case Kind::Nil: return 0;
    case Kind::Bool: return 1;
    case Kind::Int: return 2;
    case Kind::Float: return 3;
    case Kind::Duration: return 4;
    case Kind::String: return 5;
    default: return 6 + static_cast<int>(v.kind());
    }
}

template<typename AppendFn>
void appendMap(std::string &out, const Value &v, AppendFn &&append)
{
    out += "map[";
    auto entries = v.asMap();
    if (v.kind() == Kind::AnyMap) {
        std::vector<const MapEntry *> sorted;
        sorted.reserve(entries.size());
        for (const auto &e : entries)
            sorted.push_back(&e);
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](const MapEntry *a, const MapEntry *b) { return fmtSortLess(a->key, b->key); });
        bool first = true;
        for (const auto *e : sorted) {
            if (!first)
                out += ' ';
            first = false;
            append(out, e->key);
            out += ':';
            append(out, e->value);
        }
    } else {
        bool first = true;
        for (const auto &e : entries) {
            if (!first)
                out += ' ';
            first = false;
            append(out, e.key);
            out += ':';
            append(out, e.value);
        }
    }
    out += ']';
}

void appendPointer(std::string &out, const void *p)
{
    static constexpr char hex[] = "0123456789abcdef";
    auto u = reinterpret_cast<std::uintptr_t>(p);
    char buf[20];
    int n = 0;
    do {
        buf[n++] = hex[u & 15];
        u >>= 4;
    } while (u);
    out += "0x";
    while (n)
        out += buf[--n];
}

std::string_view intTypeName(IntType t)
{
    switch (t) {
    case IntType::Int: return "int";
    case IntType::Int64: return "int64";
    case IntType::Int32: return "int32";
    case IntType::Uint8: return "uint8";
    case IntType::Uint: return "uint";
    case IntType::Uint64: return "uint64";
    }
    return "int";
}

void appendIntValue(std::string &out, const Value &v)
{
    if (v.intType() == IntType::Uint || v.intType() == IntType::Uint64)
        appendUint(out, static_cast<std::uint64_t>(v.asInt()));
    else
        appendInt(out, v.asInt());
}

} // namespace

bool fmtSortLess(const Value &a, const Value &b)
{
    const int ra = kindRank(a), rb = kindRank(b);
    if (ra != rb)
        return ra < rb;
    switch (a.kind()) {
    case Kind::Bool: return !a.asBool() && b.asBool();
    case Kind::Int:
    case Kind::Duration: return a.asInt() < b.asInt();
    case Kind::Float: {
        const double x = a.asFloat(), y = b.asFloat();
        // fmtsort puts NaN first.
        if (std::isnan(x))
            return !std::isnan(y);
        return x < y;
    }
    case Kind::String:
    case Kind::Bytes: return a.asString() < b.asString();
    case Kind::Time: {
        const auto &x = a.asTime(), &y = b.asTime();
        return x.unixSeconds != y.unixSeconds ? x.unixSeconds < y.unixSeconds : x.nanos < y.nanos;
    }
    default: return false;
    }
}

void appendValue(std::string &out, const Value &v)
{
    switch (v.kind()) {
    case Kind::Nil: out += "<nil>"; return;
    case Kind::Bool: out += v.asBool() ? "true" : "false"; return;
    case Kind::Int: appendIntValue(out, v); return;
    case Kind::Float: appendFloatV(out, v.asFloat()); return;
    case Kind::Duration: appendDuration(out, v.asInt()); return;
    case Kind::String: out.append(v.asString()); return;
    case Kind::Bytes: {
        // []byte prints as a list of numbers.
        out += '[';
        const auto s = v.asString();
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (i)
                out += ' ';
            appendInt(out, static_cast<unsigned char>(s[i]));
        }
        out += ']';
        return;
    }
    case Kind::Array: {
        out += '[';
        bool first = true;
        for (const auto &e : v.asArray()) {
            if (!first)
                out += ' ';
            first = false;
            appendValue(out, e);
        }
        out += ']';
        return;
    }
    case Kind::Map:
    case Kind::AnyMap: appendMap(out, v, [](std::string &o, const Value &x) { appendValue(o, x); }); return;
    case Kind::Time: appendTimeString(out, v.asTime()); return;
    case Kind::Location: out += v.locationName(); return;
    case Kind::Function: appendPointer(out, v.heapIdentity()); return;
    }
}

std::string formatValue(const Value &v)
{
    std::string s;
    appendValue(s, v);
    return s;
}

namespace {
void appendValueS(std::string &out, const Value &v, bool nested);
}

void appendValueS(std::string &out, const Value &v)
{
    appendValueS(out, v, false);
}

namespace {

void appendValueS(std::string &out, const Value &v, bool nested)
{
    switch (v.kind()) {
    // A nil interface inside a container prints as <nil>; only a top-level nil is a bad verb.
    case Kind::Nil: out += nested ? "<nil>" : "%!s(<nil>)"; return;
    case Kind::Bool:
        out += "%!s(bool=";
        out += v.asBool() ? "true" : "false";
        out += ')';
        return;
    case Kind::Int:
        out += "%!s(";
        out += intTypeName(v.intType());
        out += '=';
        appendIntValue(out, v);
        out += ')';
        return;
    case Kind::Float:
        out += "%!s(float64=";
        appendFloatV(out, v.asFloat());
        out += ')';
        return;
    // Durations, times and locations are fmt.Stringers: %s calls String().
    case Kind::Duration: appendDuration(out, v.asInt()); return;
    case Kind::String:
    case Kind::Bytes: out.append(v.asString()); return;
    case Kind::Array: {
        out += '[';
        bool first = true;
        for (const auto &e : v.asArray()) {
            if (!first)
                out += ' ';
            first = false;
            appendValueS(out, e, true);
        }
        out += ']';
        return;
    }
    case Kind::Map:
    case Kind::AnyMap: appendMap(out, v, [](std::string &o, const Value &x) { appendValueS(o, x, true); }); return;
    case Kind::Time: appendTimeString(out, v.asTime()); return;
    case Kind::Location: out += v.locationName(); return;
    case Kind::Function:
        out += "%!s(";
        out += v.goTypeName();
        out += '=';
        appendPointer(out, v.heapIdentity());
        out += ')';
        return;
    }
}

} // namespace

std::string formatValueS(const Value &v)
{
    std::string s;
    appendValueS(s, v);
    return s;
}

} // namespace bindery::expr::go
