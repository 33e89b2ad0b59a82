// SPDX-License-Identifier: Apache-2.0
#include "argo/go_text.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace bindery::argo::gotext {

namespace {

// Shortest round-trip decimal digits and the decimal exponent of the first digit.
void shortestDigits(double f, int bitSize, std::string &digits, int &exp)
{
    char buf[64];
    std::to_chars_result res;
    if (bitSize == 32)
        res = std::to_chars(buf, buf + sizeof buf, static_cast<float>(std::fabs(f)), std::chars_format::scientific);
    else
        res = std::to_chars(buf, buf + sizeof buf, std::fabs(f), std::chars_format::scientific);
    const std::string_view sci(buf, static_cast<std::size_t>(res.ptr - buf));
    const auto e = sci.find('e');
    digits.clear();
    for (std::size_t i = 0; i < e; ++i)
        if (sci[i] != '.')
            digits += sci[i];
    exp = std::atoi(std::string(sci.substr(e + 1)).c_str());
}

void appendExp(std::string &out, const std::string &digits, int exp)
{
    out += digits[0];
    if (digits.size() > 1) {
        out += '.';
        out.append(digits, 1);
    }
    out += 'e';
    out += exp < 0 ? '-' : '+';
    const int a = std::abs(exp);
    if (a < 10)
        out += '0';
    out += std::to_string(a);
}

void appendFixed(std::string &out, const std::string &digits, int exp)
{
    if (exp < 0) {
        out += "0.";
        out.append(static_cast<std::size_t>(-exp - 1), '0');
        out += digits;
        return;
    }
    const auto intDigits = static_cast<std::size_t>(exp + 1);
    if (digits.size() <= intDigits) {
        out += digits;
        out.append(intDigits - digits.size(), '0');
    } else {
        out.append(digits, 0, intDigits);
        out += '.';
        out.append(digits, intDigits);
    }
}

bool decodeUtf8(std::string_view s, std::size_t i, std::uint32_t &cp, std::size_t &len)
{
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        cp = c;
        len = 1;
        return true;
    }
    len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > s.size())
        return false;
    cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80)
            return false;
        cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp < 0xE000))
        return false;
    return true;
}

const char kHex[] = "0123456789abcdef";

void formatSInto(std::string &out, const expr::Value &v, bool top)
{
    using expr::Kind;
    switch (v.kind()) {
    case Kind::Nil: out += top ? "%!s(<nil>)" : "<nil>"; return;
    case Kind::String: out += v.asString(); return;
    case Kind::Bytes: out += v.asString(); return;
    case Kind::Bool: out += std::string("%!s(bool=") + (v.asBool() ? "true" : "false") + ")"; return;
    case Kind::Int: out += "%!s(" + v.goTypeName() + "=" + std::to_string(v.asInt()) + ")"; return;
    case Kind::Float: out += "%!s(float64=" + formatFloat(v.asFloat(), 'g') + ")"; return;
    case Kind::Array: {
        out += '[';
        bool first = true;
        for (const auto &e : v.asArray()) {
            if (!first)
                out += ' ';
            first = false;
            formatSInto(out, e, false);
        }
        out += ']';
        return;
    }
    case Kind::Map:
    case Kind::AnyMap: {
        out += "map[";
        bool first = true;
        for (const auto &e : v.asMap()) {
            if (!first)
                out += ' ';
            first = false;
            formatSInto(out, e.key, false);
            out += ':';
            formatSInto(out, e.value, false);
        }
        out += ']';
        return;
    }
    default: out += "%!s(" + v.goTypeName() + ")"; return;
    }
}

bool marshalInto(std::string &out, const expr::Value &v, std::string *error)
{
    using expr::Kind;
    switch (v.kind()) {
    case Kind::Nil: out += "null"; return true;
    case Kind::Bool: out += v.asBool() ? "true" : "false"; return true;
    case Kind::Int:
    case Kind::Duration: out += std::to_string(v.asInt()); return true;
    case Kind::Float: {
        const double f = v.asFloat();
        if (std::isnan(f) || std::isinf(f)) {
            if (error)
                *error = std::string("json: unsupported value: ") + (std::isnan(f) ? "NaN" : f > 0 ? "+Inf" : "-Inf");
            return false;
        }
        const double a = std::fabs(f);
        std::string s = formatFloat(f, a != 0 && (a < 1e-6 || a >= 1e21) ? 'e' : 'f');
        // encoding/json cleans e-07 to e-7.
        const auto n = s.size();
        if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0') {
            s[n - 2] = s[n - 1];
            s.pop_back();
        }
        out += s;
        return true;
    }
    case Kind::String: appendJsonString(out, v.asString()); return true;
    case Kind::Bytes: {
        static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        const std::string_view s = v.asString();
        out += '"';
        std::size_t i = 0;
        for (; i + 3 <= s.size(); i += 3) {
            const std::uint32_t n = (std::uint32_t(std::uint8_t(s[i])) << 16) | (std::uint32_t(std::uint8_t(s[i + 1])) << 8) |
                                    std::uint8_t(s[i + 2]);
            out += b64[(n >> 18) & 63];
            out += b64[(n >> 12) & 63];
            out += b64[(n >> 6) & 63];
            out += b64[n & 63];
        }
        if (i + 1 == s.size()) {
            const std::uint32_t n = std::uint32_t(std::uint8_t(s[i])) << 16;
            out += b64[(n >> 18) & 63];
            out += b64[(n >> 12) & 63];
            out += "==";
        } else if (i + 2 == s.size()) {
            const std::uint32_t n = (std::uint32_t(std::uint8_t(s[i])) << 16) | (std::uint32_t(std::uint8_t(s[i + 1])) << 8);
            out += b64[(n >> 18) & 63];
            out += b64[(n >> 12) & 63];
            out += b64[(n >> 6) & 63];
            out += '=';
        }
        out += '"';
        return true;
    }
    case Kind::Array: {
        out += '[';
        bool first = true;
        for (const auto &e : v.asArray()) {
            if (!first)
                out += ',';
            first = false;
            if (!marshalInto(out, e, error))
                return false;
        }
        out += ']';
        return true;
    }
    case Kind::Map: {
        out += '{';
        bool first = true;
        for (const auto &e : v.asMap()) {
            if (!first)
                out += ',';
            first = false;
            appendJsonString(out, e.key.asString());
            out += ':';
            if (!marshalInto(out, e.value, error))
                return false;
        }
        out += '}';
        return true;
    }
    default:
        if (error)
            *error = "json: unsupported type: " + v.goTypeName();
        return false;
    }
}

} // namespace

std::string formatFloat(double f, char fmt, int bitSize)
{
    if (bitSize == 32)
        f = static_cast<double>(static_cast<float>(f)); // beyond float32's range this is ±Inf
    if (std::isnan(f))
        return "NaN";
    if (std::isinf(f))
        return f > 0 ? "+Inf" : "-Inf";
    std::string out = std::signbit(f) ? "-" : "";
    if (f == 0) {
        out += fmt == 'e' ? "0e+00" : "0";
        return out;
    }
    std::string digits;
    int exp = 0;
    shortestDigits(f, bitSize, digits, exp);
    // 'g' with the shortest digits uses %e when exp < -4 || exp >= 6 (strconv's eprec).
    if (fmt == 'e' || (fmt == 'g' && (exp < -4 || exp >= 6)))
        appendExp(out, digits, exp);
    else
        appendFixed(out, digits, exp);
    return out;
}

std::string quote(std::string_view s)
{
    std::string out = "\"";
    std::size_t i = 0;
    while (i < s.size()) {
        std::uint32_t cp = 0;
        std::size_t len = 0;
        if (!decodeUtf8(s, i, cp, len)) {
            const auto c = static_cast<unsigned char>(s[i]);
            out += "\\x";
            out += kHex[c >> 4];
            out += kHex[c & 15];
            ++i;
            continue;
        }
        switch (cp) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\v': out += "\\v"; break;
        default:
            if (cp < 0x20 || cp == 0x7F) {
                out += "\\x";
                out += kHex[cp >> 4];
                out += kHex[cp & 15];
            } else if (cp >= 0x80 && cp < 0xA0) {
                out += "\\u00";
                out += kHex[cp >> 4];
                out += kHex[cp & 15];
            } else {
                out.append(s.substr(i, len));
            }
        }
        i += len;
    }
    out += '"';
    return out;
}

std::string formatS(const expr::Value &v)
{
    std::string out;
    formatSInto(out, v, true);
    return out;
}

void appendJsonString(std::string &out, std::string_view s)
{
    out += '"';
    std::size_t i = 0;
    while (i < s.size()) {
        // Runs of ASCII that need no escaping are copied at once.
        std::size_t run = i;
        while (run < s.size()) {
            const auto b = static_cast<unsigned char>(s[run]);
            if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\' || b == '<' || b == '>' || b == '&')
                break;
            ++run;
        }
        if (run > i) {
            out.append(s.data() + i, run - i);
            i = run;
            continue;
        }
        std::uint32_t cp = 0;
        std::size_t len = 0;
        if (!decodeUtf8(s, i, cp, len)) {
            out += "\\ufffd";
            ++i;
            continue;
        }
        switch (cp) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '<': out += "\\u003c"; break;
        case '>': out += "\\u003e"; break;
        case '&': out += "\\u0026"; break;
        case 0x2028: out += "\\u2028"; break;
        case 0x2029: out += "\\u2029"; break;
        default:
            if (cp < 0x20) {
                out += "\\u00";
                out += kHex[cp >> 4];
                out += kHex[cp & 15];
            } else {
                out.append(s.substr(i, len));
            }
        }
        i += len;
    }
    out += '"';
}

std::optional<std::string> marshal(const expr::Value &v, std::string *error)
{
    std::string out;
    if (!marshalInto(out, v, error))
        return std::nullopt;
    return out;
}

} // namespace bindery::argo::gotext
