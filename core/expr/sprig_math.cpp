// SPDX-License-Identifier: Apache-2.0
// GCC 12 at -O3 reports a false -Wrestrict inside std::string's operator+ (GCC bug 105329).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
// sprig's arithmetic: integer and float math, and the shortest-decimal addf/subf/mulf/divf.
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

namespace bindery::expr::sprigimpl {

namespace {

// ---- shortest-decimal arithmetic for addf/subf/mulf/divf (shopspring/decimal) ---------------------

__extension__ typedef __int128 Int128;

struct Dec
{
    Int128 mant = 0;
    int exp = 0; // value = mant * 10^exp
    bool ok = true;
};

Dec toDec(double f)
{
    Dec d;
    if (!std::isfinite(f)) {
        d.ok = false;
        return d;
    }
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
    std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
    bool neg = false;
    if (s[0] == '-') {
        neg = true;
        s.remove_prefix(1);
    }
    const auto e = s.find('e');
    int exp = 0;
    std::from_chars(s.data() + e + 1 + (s[e + 1] == '+'), s.data() + s.size(), exp);
    int frac = 0;
    bool dot = false;
    for (std::size_t i = 0; i < e; ++i) {
        if (s[i] == '.') {
            dot = true;
            continue;
        }
        d.mant = d.mant * 10 + (s[i] - '0');
        if (dot)
            ++frac;
    }
    d.exp = exp - frac;
    if (neg)
        d.mant = -d.mant;
    return d;
}

double fromDec(const Dec &d)
{
    // Print mantissa and exponent as text and let the correctly rounded parser convert it.
    Int128 m = d.mant;
    const bool neg = m < 0;
    if (neg)
        m = -m;
    std::string digits;
    do {
        digits += static_cast<char>('0' + static_cast<int>(m % 10));
        m /= 10;
    } while (m > 0);
    std::reverse(digits.begin(), digits.end());
    const std::string text = (neg ? "-" : "") + digits + "e" + std::to_string(d.exp);
    double out = 0;
    std::from_chars(text.data(), text.data() + text.size(), out);
    return out;
}

bool align(Dec &a, Dec &b)
{
    auto scale = [](Dec &x, int target) {
        while (x.exp > target) {
            if (x.mant > (Int128(1) << 120) / 10 || x.mant < -(Int128(1) << 120) / 10)
                return false;
            x.mant *= 10;
            --x.exp;
        }
        return true;
    };
    const int target = std::min(a.exp, b.exp);
    return scale(a, target) && scale(b, target);
}

} // namespace

void defineMath()
{
    using enum P;
    def("add1", "math", "func(interface {}) int64", {{Any}}, [](Args a) { return CallResult(i64(toInt64(a[0]) + 1)); });
    def("add", "math", "func(...interface {}) int64", {{Any}, true}, [](Args a) {
        std::int64_t sum = 0;
        for (const auto &v : a)
            sum = static_cast<std::int64_t>(static_cast<std::uint64_t>(sum) + static_cast<std::uint64_t>(toInt64(v)));
        return CallResult(i64(sum));
    });
    def("sub", "math", "func(interface {}, interface {}) int64", {{Any, Any}}, [](Args a) {
        return CallResult(i64(static_cast<std::int64_t>(static_cast<std::uint64_t>(toInt64(a[0])) -
                                                        static_cast<std::uint64_t>(toInt64(a[1])))));
    });
    def("mul", "math", "func(interface {}, ...interface {}) int64", {{Any, Any}, true}, [](Args a) {
        std::uint64_t p = static_cast<std::uint64_t>(toInt64(a[0]));
        for (std::size_t i = 1; i < a.size(); ++i)
            p *= static_cast<std::uint64_t>(toInt64(a[i]));
        return CallResult(i64(static_cast<std::int64_t>(p)));
    });
    def("div", "math", "func(interface {}, interface {}) int64", {{Any, Any}}, [](Args a) {
        const std::int64_t x = toInt64(a[0]), y = toInt64(a[1]);
        if (y == 0)
            return fail("runtime error: integer divide by zero");
        if (x == std::numeric_limits<std::int64_t>::min() && y == -1)
            return CallResult(i64(x));
        return CallResult(i64(x / y));
    });
    def("mod", "math", "func(interface {}, interface {}) int64", {{Any, Any}}, [](Args a) {
        const std::int64_t x = toInt64(a[0]), y = toInt64(a[1]);
        if (y == 0)
            return fail("runtime error: integer divide by zero");
        if (y == -1)
            return CallResult(i64(0));
        return CallResult(i64(x % y));
    });
    for (const auto *name : {"max", "biggest"})
        def(name, "math", "func(interface {}, ...interface {}) int64", {{Any, Any}, true}, [](Args a) {
            std::int64_t m = toInt64(a[0]);
            for (std::size_t i = 1; i < a.size(); ++i)
                m = std::max(m, toInt64(a[i]));
            return CallResult(i64(m));
        });
    def("min", "math", "func(interface {}, ...interface {}) int64", {{Any, Any}, true}, [](Args a) {
        std::int64_t m = toInt64(a[0]);
        for (std::size_t i = 1; i < a.size(); ++i)
            m = std::min(m, toInt64(a[i]));
        return CallResult(i64(m));
    });
    def("maxf", "math", "func(interface {}, ...interface {}) float64", {{Any, Any}, true}, [](Args a) {
        double m = toFloat64(a[0]);
        for (std::size_t i = 1; i < a.size(); ++i)
            m = std::fmax(m, toFloat64(a[i]));
        return CallResult(Value::number(m));
    });
    def("minf", "math", "func(interface {}, ...interface {}) float64", {{Any, Any}, true}, [](Args a) {
        double m = toFloat64(a[0]);
        for (std::size_t i = 1; i < a.size(); ++i)
            m = std::fmin(m, toFloat64(a[i]));
        return CallResult(Value::number(m));
    });
    auto decimalOp = [](char op) {
        return [op](Args a) -> CallResult {
            // shopspring/decimal on the shortest decimal forms, so addf(0.1, 0.2) is 0.3.
            double acc = toFloat64(a[0]);
            for (std::size_t i = 1; i < a.size(); ++i) {
                const double y = toFloat64(a[i]);
                Dec x = toDec(acc), z = toDec(y);
                if (op == '/') {
                    if (y == 0)
                        return fail("decimal division by 0");
                    // decimal.Div rounds to 16 fractional digits.
                    const double q = acc / y;
                    char buf[64];
                    const auto r = std::to_chars(buf, buf + sizeof buf, q, std::chars_format::fixed, 16);
                    std::from_chars(buf, r.ptr, acc);
                    continue;
                }
                if (!x.ok || !z.ok) {
                    acc = op == '+' ? acc + y : op == '-' ? acc - y : acc * y;
                    continue;
                }
                if (op == '*') {
                    Dec p;
                    p.mant = x.mant * z.mant;
                    p.exp = x.exp + z.exp;
                    acc = fromDec(p);
                } else if (align(x, z)) {
                    Dec s;
                    s.mant = op == '+' ? x.mant + z.mant : x.mant - z.mant;
                    s.exp = x.exp;
                    acc = fromDec(s);
                } else {
                    acc = op == '+' ? acc + y : acc - y;
                }
            }
            return CallResult(Value::number(acc));
        };
    };
    def("addf", "math", "func(...interface {}) float64", {{Any}, true}, [decimalOp](Args a) {
        std::vector<Value> args{Value::number(0)};
        args.insert(args.end(), a.begin(), a.end());
        return decimalOp('+')(args);
    });
    def("add1f", "math", "func(interface {}) float64", {{Any}}, [decimalOp](Args a) {
        std::vector<Value> args{a[0], Value::number(1)};
        return decimalOp('+')(args);
    });
    def("subf", "math", "func(interface {}, ...interface {}) float64", {{Any, Any}, true}, decimalOp('-'));
    def("mulf", "math", "func(interface {}, ...interface {}) float64", {{Any, Any}, true}, decimalOp('*'));
    def("divf", "math", "func(interface {}, ...interface {}) float64", {{Any, Any}, true}, decimalOp('/'));
    def("floor", "math", "func(interface {}) float64", {{Any}},
        [](Args a) { return CallResult(Value::number(std::floor(toFloat64(a[0])))); });
    def("ceil", "math", "func(interface {}) float64", {{Any}},
        [](Args a) { return CallResult(Value::number(std::ceil(toFloat64(a[0])))); });
    def("round", "math", "func(interface {}, int, ...float64) float64", {{Any, Int, Float}, true}, [](Args a) {
        const double roundOn = a.size() > 2 ? a[2].asFloat() : 0.5;
        const double val = toFloat64(a[0]);
        const double pow = std::pow(10.0, static_cast<double>(a[1].asInt()));
        const double digit = pow * val;
        double intPart = 0;
        const double frac = std::modf(digit, &intPart);
        const double r = frac >= roundOn ? std::ceil(digit) : std::floor(digit);
        return CallResult(Value::number(r / pow));
    });
    def("int", "math", "func(interface {}) int", {{Any}}, [](Args a) { return CallResult(goInt(toInt64(a[0]))); });
    def("int64", "math", "func(interface {}) int64", {{Any}}, [](Args a) { return CallResult(i64(toInt64(a[0]))); });
    def("float64", "math", "func(interface {}) float64", {{Any}},
        [](Args a) { return CallResult(Value::number(toFloat64(a[0]))); });
    def("atoi", "math", "func(string) int", {{String}}, [](Args a) {
        // strconv.Atoi with the error ignored.
        auto s = a[0].asString();
        std::int64_t v = 0;
        bool neg = false;
        if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
            neg = s[0] == '-';
            s.remove_prefix(1);
        }
        std::uint64_t u = 0;
        const auto r = std::from_chars(s.data(), s.data() + s.size(), u);
        if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size() ||
            u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (neg ? 1 : 0))
            return CallResult(goInt(0));
        v = neg ? static_cast<std::int64_t>(0 - u) : static_cast<std::int64_t>(u);
        return CallResult(goInt(v));
    });
    def("toDecimal", "math", "func(interface {}) int64", {{Any}}, [](Args a) {
        // Parses an octal string (file modes): strconv.ParseInt(toString(v), 8, 64), 0 on error.
        const std::string s = strval(a[0]);
        std::int64_t v = 0;
        const auto r = std::from_chars(s.data(), s.data() + s.size(), v, 8);
        return CallResult(i64(r.ec == std::errc() && r.ptr == s.data() + s.size() ? v : 0));
    });
    def("randInt", "math", "func(int, int) int", {{Int, Int}}, [](Args a) -> CallResult {
        const std::int64_t lo = a[0].asInt(), hi = a[1].asInt();
        if (hi - lo <= 0)
            return fail("invalid argument to Intn");
        std::uniform_int_distribution<std::int64_t> d(lo, hi - 1);
        return CallResult(goInt(d(rng())));
    });
}

} // namespace bindery::expr::sprigimpl
