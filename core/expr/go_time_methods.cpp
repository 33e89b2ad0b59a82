// SPDX-License-Identifier: Apache-2.0
// The methods of expr's time values (Go's time.Time and time.Duration methods).
// GCC 12 at -O3 reports a false -Wrestrict inside std::string's operator+ (GCC bug 105329).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
#include "expr/go_time.h"
#include "expr/go_time_p.h"

#include "expr/go_format.h"
#include "expr/go_utf8.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>
#include <sstream>

namespace bindery::expr {

using namespace timecalc;

namespace go {

// ---- methods ------------------------------------------------------------------------------------

namespace {

constexpr std::int64_t kZeroUnix = -62135596800; // 0001-01-01T00:00:00Z

// 128-bit arithmetic for nanosecond spans that overflow int64 (a GCC/Clang extension).
__extension__ typedef __int128 Int128;

Value timeValue(TimeValue t)
{
    return Value::time(std::move(t));
}

TimeValue addNanos(TimeValue t, std::int64_t d)
{
    std::int64_t sec = t.unixSeconds + d / 1000000000;
    std::int64_t nsec = t.nanos + d % 1000000000;
    if (nsec >= 1000000000) {
        ++sec;
        nsec -= 1000000000;
    } else if (nsec < 0) {
        --sec;
        nsec += 1000000000;
    }
    t.unixSeconds = sec;
    t.nanos = static_cast<std::int32_t>(nsec);
    return t;
}

bool durationArg(const Value &v, std::int64_t &out)
{
    if (v.kind() == Kind::Duration || v.kind() == Kind::Int) {
        out = v.asInt();
        return true;
    }
    return false;
}

std::int64_t subTimes(const TimeValue &a, const TimeValue &b)
{
    const Int128 d = (static_cast<Int128>(a.unixSeconds) - b.unixSeconds) * 1000000000 + (a.nanos - b.nanos);
    if (d > std::numeric_limits<std::int64_t>::max())
        return std::numeric_limits<std::int64_t>::max();
    if (d < std::numeric_limits<std::int64_t>::min())
        return std::numeric_limits<std::int64_t>::min();
    return static_cast<std::int64_t>(d);
}

bool lessThanHalf(std::int64_t x, std::int64_t y)
{
    return static_cast<std::uint64_t>(x) + static_cast<std::uint64_t>(x) < static_cast<std::uint64_t>(y);
}

// Remainder of t since the zero Time modulo d (d > 0).
std::int64_t timeMod(const TimeValue &t, std::int64_t d)
{
    const Int128 total = (static_cast<Int128>(t.unixSeconds) - kZeroUnix) * 1000000000 + t.nanos;
    Int128 r = total % d;
    if (r < 0)
        r += d;
    return static_cast<std::int64_t>(r);
}

double durationUnits(std::int64_t d, std::int64_t unit)
{
    const std::int64_t whole = d / unit;
    const std::int64_t frac = d % unit;
    return static_cast<double>(whole) + static_cast<double>(frac) / static_cast<double>(unit);
}

CallResult argError(std::string_view method, const Value &arg, std::string_view want)
{
    return CallResult::failure("reflect: Call using " + arg.goTypeName() + " as type " + std::string(want) +
                               " (calling " + std::string(method) + ")");
}

constexpr std::string_view kTimeMethods[] = {"Add",   "AddDate",    "After",     "Before",   "Day",      "Equal",
                                             "Format", "Hour",      "In",        "IsZero",   "Local",    "Location",
                                             "Minute", "Month",     "Nanosecond", "Round",   "Second",   "String",
                                             "Sub",   "Truncate",   "UTC",       "Unix",     "UnixMicro", "UnixMilli",
                                             "UnixNano", "Weekday", "Year",      "YearDay"};
constexpr std::string_view kDurationMethods[] = {"Abs",     "Hours",  "Microseconds", "Milliseconds", "Minutes",
                                                 "Nanoseconds", "Round", "Seconds",   "String",       "Truncate"};
constexpr std::string_view kLocationMethods[] = {"String"};

} // namespace

std::span<const std::string_view> timeMethodNames(Kind kind)
{
    switch (kind) {
    case Kind::Time:
        return kTimeMethods;
    case Kind::Duration:
        return kDurationMethods;
    case Kind::Location:
        return kLocationMethods;
    default:
        return {};
    }
}

MethodCall callTimeMethod(const Value &recv, std::string_view m, std::span<const Value> args)
{
    MethodCall call;
    const auto names = timeMethodNames(recv.kind());
    if (std::find(names.begin(), names.end(), m) == names.end())
        return call;
    call.found = true;
    auto expectArgs = [&](std::size_t n) {
        if (args.size() == n)
            return true;
        call.result = CallResult::failure(std::string("reflect: Call with too ") +
                                          (args.size() < n ? "few" : "many") + " input arguments");
        return false;
    };
    auto set = [&](Value v) { call.result = CallResult(std::move(v)); };

    if (recv.kind() == Kind::Location) {
        if (expectArgs(0))
            set(Value::string(recv.locationName()));
        return call;
    }
    if (recv.kind() == Kind::Duration) {
        const std::int64_t d = recv.asInt();
        if (m == "Round" || m == "Truncate") {
            if (!expectArgs(1))
                return call;
            std::int64_t u = 0;
            if (!durationArg(args[0], u)) {
                call.result = argError(m, args[0], "time.Duration");
                return call;
            }
            if (u <= 0) {
                set(Value::duration(d));
            } else if (m == "Truncate") {
                set(Value::duration(d - d % u));
            } else {
                std::int64_t r = d % u;
                std::int64_t out;
                if (d < 0) {
                    r = -r;
                    if (lessThanHalf(r, u))
                        out = d + r;
                    else if (const std::int64_t d1 = d - u + r; d1 < d)
                        out = d1;
                    else
                        out = std::numeric_limits<std::int64_t>::min();
                } else if (lessThanHalf(r, u)) {
                    out = d - r;
                } else if (const std::int64_t d1 = static_cast<std::int64_t>(static_cast<std::uint64_t>(d) + u - r);
                           d1 > d) {
                    out = d1;
                } else {
                    out = std::numeric_limits<std::int64_t>::max();
                }
                set(Value::duration(out));
            }
            return call;
        }
        if (!expectArgs(0))
            return call;
        if (m == "Hours")
            set(Value::number(durationUnits(d, kHour)));
        else if (m == "Minutes")
            set(Value::number(durationUnits(d, kMinute)));
        else if (m == "Seconds")
            set(Value::number(durationUnits(d, kSecond)));
        else if (m == "Milliseconds")
            set(Value::integer(d / kMillisecond, IntType::Int64));
        else if (m == "Microseconds")
            set(Value::integer(d / kMicrosecond, IntType::Int64));
        else if (m == "Nanoseconds")
            set(Value::integer(d, IntType::Int64));
        else if (m == "String")
            set(Value::string(durationString(d)));
        else if (m == "Abs")
            set(Value::duration(d >= 0 ? d
                                : d == std::numeric_limits<std::int64_t>::min() ? std::numeric_limits<std::int64_t>::max()
                                                                                : -d));
        return call;
    }

    const TimeValue &t = recv.asTime();
    if (m == "Sub" || m == "After" || m == "Before" || m == "Equal") {
        if (!expectArgs(1))
            return call;
        if (args[0].kind() != Kind::Time) {
            call.result = argError(m, args[0], "time.Time");
            return call;
        }
        const TimeValue &u = args[0].asTime();
        if (m == "Sub")
            set(Value::duration(subTimes(t, u)));
        else {
            const int cmp = t.unixSeconds != u.unixSeconds ? (t.unixSeconds < u.unixSeconds ? -1 : 1)
                                                            : (t.nanos < u.nanos ? -1 : t.nanos > u.nanos ? 1 : 0);
            set(Value::boolean(m == "After" ? cmp > 0 : m == "Before" ? cmp < 0 : cmp == 0));
        }
        return call;
    }
    if (m == "Add" || m == "Truncate" || m == "Round") {
        if (!expectArgs(1))
            return call;
        std::int64_t d = 0;
        if (!durationArg(args[0], d)) {
            call.result = argError(m, args[0], "time.Duration");
            return call;
        }
        if (m == "Add") {
            set(timeValue(addNanos(t, d)));
        } else if (d <= 0) {
            set(timeValue(t));
        } else {
            const std::int64_t r = timeMod(t, d);
            if (m == "Truncate" || lessThanHalf(r, d))
                set(timeValue(addNanos(t, -r)));
            else
                set(timeValue(addNanos(t, d - r)));
        }
        return call;
    }
    if (m == "Format") {
        if (!expectArgs(1))
            return call;
        if (!args[0].isString()) {
            call.result = argError(m, args[0], "string");
            return call;
        }
        set(Value::string(format(t, args[0].asString())));
        return call;
    }
    if (m == "In") {
        if (!expectArgs(1))
            return call;
        if (args[0].kind() != Kind::Location) {
            call.result = argError(m, args[0], "*time.Location");
            return call;
        }
        TimeValue u = t;
        u.zone = args[0].asLocation();
        set(timeValue(std::move(u)));
        return call;
    }
    if (m == "AddDate") {
        if (!expectArgs(3))
            return call;
        for (const auto &a : args)
            if (a.kind() != Kind::Int) {
                call.result = argError(m, a, "int");
                return call;
            }
        const Civil c = civil(t);
        set(timeValue(makeDate(c.year + args[0].asInt(), c.month + args[1].asInt(), c.day + args[2].asInt(), c.hour,
                               c.minute, c.second, c.nanosecond, t.zone ? t.zone : TimeZone::utc())));
        return call;
    }
    if (!expectArgs(0))
        return call;
    if (m == "Unix")
        set(Value::integer(t.unixSeconds, IntType::Int64));
    else if (m == "UnixMilli")
        set(Value::integer(t.unixSeconds * 1000 + t.nanos / 1000000, IntType::Int64));
    else if (m == "UnixMicro")
        set(Value::integer(t.unixSeconds * 1000000 + t.nanos / 1000, IntType::Int64));
    else if (m == "UnixNano")
        set(Value::integer(t.unixSeconds * 1000000000 + t.nanos, IntType::Int64));
    else if (m == "String")
        set(Value::string(timeString(t)));
    else if (m == "IsZero")
        set(Value::boolean(t.unixSeconds == kZeroUnix && t.nanos == 0));
    else if (m == "UTC" || m == "Local") {
        TimeValue u = t;
        u.zone = m == "UTC" ? nullptr : TimeZone::local();
        set(timeValue(std::move(u)));
    } else if (m == "Location") {
        const auto &z = t.zone ? t.zone : TimeZone::utc();
        set(Value::location(z, z->name()));
    } else {
        const Civil c = civil(t);
        std::int64_t v = 0;
        if (m == "Year")
            v = c.year;
        else if (m == "Month")
            v = c.month;
        else if (m == "Day")
            v = c.day;
        else if (m == "Hour")
            v = c.hour;
        else if (m == "Minute")
            v = c.minute;
        else if (m == "Second")
            v = c.second;
        else if (m == "Nanosecond")
            v = c.nanosecond;
        else if (m == "YearDay")
            v = c.yearDay;
        else if (m == "Weekday")
            v = c.weekday;
        set(Value::integer(v));
    }
    return call;
}

} // namespace go
} // namespace bindery::expr
