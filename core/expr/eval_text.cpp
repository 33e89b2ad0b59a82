// SPDX-License-Identifier: Apache-2.0
// String and list helpers of the builtins, with Go's semantics (runes, case mapping, split, base64).
#include "expr/eval_p.h"

#include "expr/builtins.h"
#include "expr/go_format.h"
#include "expr/go_json.h"
#include "expr/go_time.h"
#include "expr/program_data.h"
#include <re2/re2.h>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace bindery::expr::evaldetail {

void flattenDeep(const Value &v, std::vector<Value> &out)
{
    if (v.isArray()) {
        for (const Value &e : v.asArray())
            flattenDeep(e, out);
        return;
    }
    out.push_back(v);
}

void decodeRuneAt(std::string_view s, std::size_t i, char32_t &r, std::size_t &len)
{
    const auto c = static_cast<unsigned char>(s[i]);
    len = 1;
    r = c;
    if (c < 0x80)
        return;
    int n = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || i + std::size_t(n) > s.size()) {
        r = 0xFFFD;
        return;
    }
    char32_t x = c & (0x7F >> n);
    for (int k = 1; k < n; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + std::size_t(k)]);
        if ((cc & 0xC0) != 0x80) {
            r = 0xFFFD;
            return;
        }
        x = (x << 6) | (cc & 0x3F);
    }
    r = x;
    len = std::size_t(n);
}

void putRune(std::string &out, char32_t r)
{
    if (r < 0x80) {
        out += char(r);
    } else if (r < 0x800) {
        out += char(0xC0 | (r >> 6));
        out += char(0x80 | (r & 0x3F));
    } else if (r < 0x10000) {
        out += char(0xE0 | (r >> 12));
        out += char(0x80 | ((r >> 6) & 0x3F));
        out += char(0x80 | (r & 0x3F));
    } else {
        out += char(0xF0 | (r >> 18));
        out += char(0x80 | ((r >> 12) & 0x3F));
        out += char(0x80 | ((r >> 6) & 0x3F));
        out += char(0x80 | (r & 0x3F));
    }
}

char32_t caseMap(char32_t r, bool upper)
{
    if (upper) {
        if (r >= 'a' && r <= 'z')
            return r - 32;
        if ((r >= 0xE0 && r <= 0xFE && r != 0xF7) || (r >= 0x3B1 && r <= 0x3C9 && r != 0x3C2)
            || (r >= 0x430 && r <= 0x44F))
            return r - 32;
        if (r >= 0x450 && r <= 0x45F)
            return r - 80;
        if (r >= 0x100 && r <= 0x17F && (r & 1) && r != 0x131 && r != 0x138 && r != 0x149 && r != 0x17F)
            return r - 1;
        if (r == 0xFF)
            return 0x178;
    } else {
        if (r >= 'A' && r <= 'Z')
            return r + 32;
        if ((r >= 0xC0 && r <= 0xDE && r != 0xD7) || (r >= 0x391 && r <= 0x3A9 && r != 0x3A2)
            || (r >= 0x410 && r <= 0x42F))
            return r + 32;
        if (r >= 0x400 && r <= 0x40F)
            return r + 80;
        if (r >= 0x100 && r <= 0x17F && !(r & 1) && r != 0x130 && r != 0x138)
            return r + 1;
        if (r == 0x178)
            return 0xFF;
    }
    return r;
}

std::string mapCase(std::string_view s, bool upper)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        char32_t r;
        std::size_t len;
        decodeRuneAt(s, i, r, len);
        if (r == 0xFFFD && len == 1 && static_cast<unsigned char>(s[i]) >= 0x80)
            putRune(out, 0xFFFD);
        else
            putRune(out, caseMap(r, upper));
        i += len;
    }
    return out;
}

bool isSpaceRune(char32_t r)
{
    switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0: case 0x1680:
    case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000: return true;
    default: return r >= 0x2000 && r <= 0x200A;
    }
}

std::string_view trimFunc(std::string_view s, const std::function<bool(char32_t)> &cut)
{
    std::size_t b = 0;
    while (b < s.size()) {
        char32_t r;
        std::size_t len;
        decodeRuneAt(s, b, r, len);
        if (!cut(r))
            break;
        b += len;
    }
    std::size_t e = s.size();
    while (e > b) {
        std::size_t st = e - 1;
        while (st > b && (static_cast<unsigned char>(s[st]) & 0xC0) == 0x80)
            --st;
        char32_t r;
        std::size_t len;
        decodeRuneAt(s, st, r, len);
        if (!cut(r))
            break;
        e = st;
    }
    return s.substr(b, e - b);
}

std::vector<Value> splitString(std::string_view s, std::string_view sep, std::int64_t n, bool after)
{
    std::vector<Value> out;
    if (n == 0)
        return out;
    if (sep.empty()) {
        for (std::size_t i = 0; i < s.size();) {
            if (n > 0 && std::int64_t(out.size()) == n - 1) {
                out.push_back(Value::string(s.substr(i)));
                return out;
            }
            char32_t r;
            std::size_t len;
            decodeRuneAt(s, i, r, len);
            out.push_back(Value::string(s.substr(i, len)));
            i += len;
        }
        return out;
    }
    std::size_t start = 0;
    while (n < 0 || std::int64_t(out.size()) < n - 1) {
        const std::size_t at = s.find(sep, start);
        if (at == std::string_view::npos)
            break;
        out.push_back(Value::string(s.substr(start, at - start + (after ? sep.size() : 0))));
        start = at + sep.size();
    }
    out.push_back(Value::string(s.substr(start)));
    return out;
}

std::string replaceString(std::string_view s, std::string_view old, std::string_view neu, std::int64_t n)
{
    std::string out;
    if (n == 0 || (old == neu))
        return std::string(s);
    std::size_t start = 0;
    std::int64_t done = 0;
    if (old.empty()) {
        // Go inserts `neu` before every rune and at the end.
        for (std::size_t i = 0; i <= s.size();) {
            if (n >= 0 && done >= n) {
                out.append(s.substr(i));
                return out;
            }
            out.append(neu);
            ++done;
            if (i == s.size())
                break;
            char32_t r;
            std::size_t len;
            decodeRuneAt(s, i, r, len);
            out.append(s.substr(i, len));
            i += len;
        }
        return out;
    }
    while (n < 0 || done < n) {
        const std::size_t at = s.find(old, start);
        if (at == std::string_view::npos)
            break;
        out.append(s.substr(start, at - start));
        out.append(neu);
        start = at + old.size();
        ++done;
    }
    out.append(s.substr(start));
    return out;
}

} // namespace bindery::expr::evaldetail
