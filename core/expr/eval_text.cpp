// SPDX-License-Identifier: Apache-2.0
// String and list helpers of the builtins, with Go's semantics (runes, trimming, split, replace).
#include "expr/eval_p.h"
#include "expr/go_utf8.h"

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
    const go::utf8::Decoded d = go::utf8::decodeRune(s.substr(i));
    r = d.rune;
    len = d.width;
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
