// SPDX-License-Identifier: Apache-2.0
// The evaluator's operators: member and index access, comparison, arithmetic, conversions.
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

namespace {

// Go's math.Pow, whose rounding differs from the C library's in the last bit for fractional exponents.
double goPow(double x, double y)
{
    if (y == 0 || x == 1)
        return 1;
    if (y == 1)
        return x;
    if (std::isnan(x) || std::isnan(y) || x == 0 || std::isinf(x) || std::isinf(y))
        return std::pow(x, y);
    if (y == 0.5)
        return std::sqrt(x);
    if (y == -0.5)
        return 1 / std::sqrt(x);
    double yi = 0;
    double yf = std::modf(std::fabs(y), &yi);
    if (yf != 0 && x < 0)
        return std::nan("");
    if (yi >= 9223372036854775808.0) {
        if (x == -1)
            return 1;
        if ((std::fabs(x) < 1) == (y > 0))
            return 0;
        return HUGE_VAL;
    }
    double a1 = 1.0;
    int ae = 0;
    if (yf != 0) {
        if (yf > 0.5) {
            yf--;
            yi++;
        }
        a1 = std::exp(yf * std::log(x));
    }
    int xe = 0;
    double x1 = std::frexp(x, &xe);
    for (auto i = std::int64_t(yi); i != 0; i >>= 1) {
        if (xe < -(1 << 12) || (1 << 12) < xe) {
            ae += xe;
            break;
        }
        if (i & 1) {
            a1 *= x1;
            ae += xe;
        }
        x1 *= x1;
        xe <<= 1;
        if (x1 < .5) {
            x1 += x1;
            xe--;
        }
    }
    if (y < 0) {
        a1 = 1 / a1;
        ae = -ae;
    }
    return std::ldexp(a1, ae);
}

} // namespace

[[noreturn]] void fail(const Node *n, std::string msg)
{
    throw RunError{std::move(msg), n->loc};
}

std::string notBool(const Value &v)
{
    return "interface conversion: interface {} is " + (v.isNil() ? std::string("nil") : typeOf(v)) + ", not bool";
}

std::string notType(const Value &v, const char *want)
{
    return "interface conversion: interface {} is " + (v.isNil() ? std::string("nil") : typeOf(v)) + ", not " + want;
}

// expr's runtime.ToInt.
std::int64_t toInt(const Node *n, const Value &v)
{
    if (v.isInt())
        return v.asInt();
    if (v.isFloat()) {
        const double d = v.asFloat();
        if (std::isnan(d) || d >= 9223372036854775808.0 || d < -9223372036854775808.0)
            return INT64_MIN; // Go's amd64 conversion of out-of-range floats
        return std::int64_t(d);
    }
    fail(n, "invalid operation: int(" + typeOf(v) + ")");
}

std::string fetchKeyText(const Value &key)
{
    if (key.isString())
        return std::string(key.asString());
    return go::formatValue(key);
}

bool hashable(const Value &key)
{
    switch (key.kind()) {
    case Kind::Map:
    case Kind::AnyMap:
    case Kind::Bytes:
    case Kind::Function: return false;
    case Kind::Array: return key.arrayType() == ArrayType::Pair;
    default: return true;
    }
}

Value fetch(const Node *n, const Value &from, const Value &key)
{
    switch (from.kind()) {
    case Kind::Map: {
        if (key.isString()) {
            const Value *v = from.find(key.asString());
            return v ? *v : Value();
        }
        if (key.isNil())
            return Value();
        fail(n, "reflect.Value.MapIndex: value of type " + typeOf(key) + " is not assignable to type string");
    }
    case Kind::AnyMap: {
        if (!hashable(key))
            fail(n, "runtime error: hash of unhashable type " + typeOf(key));
        const Value *v = from.findAny(key);
        return v ? *v : Value();
    }
    case Kind::Array: {
        const auto items = from.asArray();
        std::int64_t i = toInt(n, key);
        const auto len = std::int64_t(items.size());
        if (i < 0)
            i += len;
        if (i < 0 || i >= len)
            fail(n, "index out of range: " + std::to_string(i) + " (array length is " + std::to_string(len) + ")");
        return items[std::size_t(i)];
    }
    case Kind::String:
    case Kind::Bytes: {
        const std::string_view s = from.asString();
        std::int64_t i = toInt(n, key);
        const auto len = std::int64_t(s.size());
        if (i < 0)
            i += len;
        if (i < 0 || i >= len)
            fail(n, "index out of range: " + std::to_string(i) + " (array length is " + std::to_string(len) + ")");
        return Value::integer(static_cast<unsigned char>(s[std::size_t(i)]), IntType::Uint8);
    }
    case Kind::Nil: fail(n, "cannot fetch " + fetchKeyText(key) + " from <nil>");
    default: fail(n, "cannot fetch " + fetchKeyText(key) + " from " + typeOf(from));
    }
}

int compareValues(const Node *n, const Value &a, const Value &b, const char *op)
{
    if (a.isNumber() && b.isNumber()) {
        if (a.isInt() && b.isInt())
            return a.asInt() < b.asInt() ? -1 : a.asInt() > b.asInt() ? 1 : 0;
        const double x = a.toDouble();
        const double y = b.toDouble();
        if (std::isnan(x) || std::isnan(y))
            return 2; // unordered: every comparison is false
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (a.isString() && b.isString()) {
        const int c = a.asString().compare(b.asString());
        return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    if (a.kind() == Kind::Time && b.kind() == Kind::Time) {
        const auto &x = a.asTime();
        const auto &y = b.asTime();
        if (x.unixSeconds != y.unixSeconds)
            return x.unixSeconds < y.unixSeconds ? -1 : 1;
        return x.nanos < y.nanos ? -1 : x.nanos > y.nanos ? 1 : 0;
    }
    if (a.kind() == Kind::Duration && b.kind() == Kind::Duration)
        return a.asInt() < b.asInt() ? -1 : a.asInt() > b.asInt() ? 1 : 0;
    fail(n, std::string("invalid operation: ") + typeOf(a) + " " + op + " " + typeOf(b));
}

Value arith(const Node *n, Op op, const Value &a, const Value &b)
{
    const char *sym = "+";
    switch (op) {
    case Op::Add: sym = "+"; break;
    case Op::Sub: sym = "-"; break;
    case Op::Mul: sym = "*"; break;
    case Op::Div: sym = "/"; break;
    case Op::Mod: sym = "%"; break;
    case Op::Pow: sym = "**"; break;
    default: break;
    }
    if (a.isNumber() && b.isNumber()) {
        if (a.isInt() && b.isInt()) {
            const auto x = std::uint64_t(a.asInt());
            const auto y = std::uint64_t(b.asInt());
            switch (op) {
            case Op::Add: return Value::integer(std::int64_t(x + y));
            case Op::Sub: return Value::integer(std::int64_t(x - y));
            case Op::Mul: return Value::integer(std::int64_t(x * y));
            case Op::Div: return Value::number(double(a.asInt()) / double(b.asInt()));
            case Op::Mod:
                if (b.asInt() == 0)
                    fail(n, "runtime error: integer divide by zero");
                if (b.asInt() == -1)
                    return Value::integer(0);
                return Value::integer(a.asInt() % b.asInt());
            case Op::Pow: return Value::number(goPow(double(a.asInt()), double(b.asInt())));
            default: break;
            }
        } else {
            const double x = a.toDouble();
            const double y = b.toDouble();
            switch (op) {
            case Op::Add: return Value::number(x + y);
            case Op::Sub: return Value::number(x - y);
            case Op::Mul: return Value::number(x * y);
            case Op::Div: return Value::number(x / y);
            case Op::Pow: return Value::number(goPow(x, y));
            default: break;
            }
        }
    }
    if (op == Op::Add && a.isString() && b.isString()) {
        std::string s(a.asString());
        s.append(b.asString());
        return Value::string(s);
    }
    const Kind ka = a.kind();
    const Kind kb = b.kind();
    if (op == Op::Add && ka == Kind::Time && kb == Kind::Duration) {
        TimeValue t = a.asTime();
        std::int64_t ns = t.nanos + b.asInt() % 1000000000;
        t.unixSeconds += b.asInt() / 1000000000 + (ns >= 1000000000 ? 1 : ns < 0 ? -1 : 0);
        t.nanos = std::int32_t(ns >= 1000000000 ? ns - 1000000000 : ns < 0 ? ns + 1000000000 : ns);
        return Value::time(t);
    }
    if (op == Op::Add && ka == Kind::Duration && kb == Kind::Time)
        return arith(n, op, b, a);
    if (op == Op::Sub && ka == Kind::Time && kb == Kind::Duration)
        return arith(n, Op::Add, a, Value::duration(std::int64_t(0ULL - std::uint64_t(b.asInt()))));
    if (op == Op::Sub && ka == Kind::Time && kb == Kind::Time) {
        const auto &x = a.asTime();
        const auto &y = b.asTime();
        return Value::duration((x.unixSeconds - y.unixSeconds) * 1000000000 + (x.nanos - y.nanos));
    }
    if (ka == Kind::Duration && kb == Kind::Duration && (op == Op::Add || op == Op::Sub))
        return Value::duration(op == Op::Add ? a.asInt() + b.asInt() : a.asInt() - b.asInt());
    if ((ka == Kind::Duration && kb == Kind::Float) || (ka == Kind::Float && kb == Kind::Duration))
        return arith(n, op, Value::number(a.toDouble()), Value::number(b.toDouble()));
    if (op == Op::Mul && ka == Kind::Duration && kb == Kind::Int)
        return Value::duration(a.asInt() * b.asInt());
    if (op == Op::Mul && ka == Kind::Int && kb == Kind::Duration)
        return Value::duration(a.asInt() * b.asInt());
    fail(n, std::string("invalid operation: ") + typeOf(a) + " " + sym + " " + typeOf(b));
}

} // namespace bindery::expr::evaldetail
