// SPDX-License-Identifier: Apache-2.0
// GCC 12 at -O3 reports a false -Wrestrict inside std::string's operator+ (GCC bug 105329).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
// sprig's date functions (date, dateInZone, toDate, ago, duration, ...).
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

TimeValue timeFromArg(const Value &v, bool &ok)
{
    ok = true;
    if (v.kind() == Kind::Time)
        return v.asTime();
    if (v.kind() == Kind::Int && (v.intType() == IntType::Int || v.intType() == IntType::Int64 ||
                                  v.intType() == IntType::Int32)) {
        TimeValue t;
        t.unixSeconds = v.asInt();
        t.zone = TimeZone::local();
        return t;
    }
    ok = false;
    return go::now();
}

} // namespace

void defineDates()
{
    using enum P;
    def("now", "dates", "func() time.Time", {{}}, [](Args) { return CallResult(Value::time(go::now())); });
    auto dateInZone = [](std::string_view layout, const Value &date, std::string_view zone) {
        bool ok = false;
        TimeValue t = timeFromArg(date, ok); // other types: time.Now()
        auto loc = go::loadLocation(zone);
        t.zone = loc.zone ? loc.zone : TimeZone::utc();
        return CallResult(str(go::format(t, layout)));
    };
    def("date", "dates", "func(string, interface {}) string", {{String, Any}},
        [dateInZone](Args a) { return dateInZone(a[0].asString(), a[1], "Local"); });
    for (const auto *name : {"dateInZone", "date_in_zone"})
        def(name, "dates", "func(string, interface {}, string) string", {{String, Any, String}},
            [dateInZone](Args a) { return dateInZone(a[0].asString(), a[1], a[2].asString()); });
    def("htmlDate", "dates", "func(interface {}) string", {{Any}},
        [dateInZone](Args a) { return dateInZone("2006-01-02", a[0], "Local"); });
    def("htmlDateInZone", "dates", "func(interface {}, string) string", {{Any, String}},
        [dateInZone](Args a) { return dateInZone("2006-01-02", a[0], a[1].asString()); });
    for (const auto *name : {"dateModify", "date_modify"})
        def(name, "dates", "func(string, time.Time) time.Time", {{String, Time}}, [](Args a) {
            const auto d = go::parseDuration(a[0].asString());
            if (!d.ok)
                return CallResult(a[1]);
            return CallResult(go::callTimeMethod(a[1], "Add", std::vector<Value>{Value::duration(d.ns)}).result);
        });
    def("mustDateModify", "dates", "func(string, time.Time) (time.Time, error)", {{String, Time}}, [](Args a) {
        const auto d = go::parseDuration(a[0].asString());
        if (!d.ok)
            return fail(d.error);
        return go::callTimeMethod(a[1], "Add", std::vector<Value>{Value::duration(d.ns)}).result;
    });
    def("toDate", "dates", "func(string, string) time.Time", {{String, String}}, [](Args a) {
        auto r = go::parse(a[0].asString(), a[1].asString(), TimeZone::local());
        if (!r.ok) {
            TimeValue zero;
            zero.unixSeconds = -62135596800;
            return CallResult(Value::time(zero));
        }
        return CallResult(Value::time(r.time));
    });
    def("mustToDate", "dates", "func(string, string) (time.Time, error)", {{String, String}}, [](Args a) {
        auto r = go::parse(a[0].asString(), a[1].asString(), TimeZone::local());
        return r.ok ? CallResult(Value::time(r.time)) : fail(r.error);
    });
    def("unixEpoch", "dates", "func(time.Time) string", {{Time}},
        [](Args a) { return CallResult(str(std::to_string(a[0].asTime().unixSeconds))); });
    def("duration", "dates", "func(interface {}) string", {{Any}}, [](Args a) {
        // Only strings and int64 are read; anything else (Go int, float64) is 0.
        std::int64_t n = 0;
        if (a[0].isString()) {
            const auto s = a[0].asString();
            std::from_chars(s.data(), s.data() + s.size(), n);
        } else if (a[0].kind() == Kind::Int && a[0].intType() == IntType::Int64) {
            n = a[0].asInt();
        }
        return CallResult(str(go::durationString(static_cast<std::int64_t>(static_cast<std::uint64_t>(n) * 1000000000ull))));
    });
    def("durationRound", "dates", "func(interface {}) string", {{Any}}, [](Args a) {
        // sprig: the largest unit only, rounded down ("2h", "3mo", "1y").
        std::int64_t d = 0;
        if (a[0].isString()) {
            const auto p = go::parseDuration(a[0].asString());
            d = p.ok ? p.ns : 0;
        } else if (a[0].kind() == Kind::Duration || a[0].kind() == Kind::Int) {
            d = a[0].asInt();
        } else if (a[0].kind() == Kind::Time) {
            d = go::callTimeMethod(Value::time(go::now()), "Sub", std::vector<Value>{a[0]}).result.value().asInt();
        }
        std::uint64_t u = static_cast<std::uint64_t>(d < 0 ? -d : d);
        const std::uint64_t second = 1000000000ull, minute = 60 * second, hour = 60 * minute, day = 24 * hour,
                            month = 30 * day, year = 365 * day;
        std::string out = d < 0 ? "-" : "";
        if (u > year)
            out += std::to_string(u / year) + "y";
        else if (u > month)
            out += std::to_string(u / month) + "mo";
        else if (u > day)
            out += std::to_string(u / day) + "d";
        else if (u > hour)
            out += std::to_string(u / hour) + "h";
        else if (u > minute)
            out += std::to_string(u / minute) + "m";
        else if (u > second)
            out += std::to_string(u / second) + "s";
        else
            out = "0s";
        return CallResult(str(out));
    });
    def("ago", "dates", "func(interface {}) string", {{Any}}, [](Args a) {
        bool ok = false;
        const TimeValue t = timeFromArg(a[0], ok);
        const auto since = go::callTimeMethod(Value::time(go::now()), "Sub", std::vector<Value>{Value::time(t)});
        const auto rounded =
            go::callTimeMethod(since.result.value(), "Round", std::vector<Value>{Value::duration(1000000000)});
        return CallResult(str(go::durationString(rounded.result.value().asInt())));
    });
}

} // namespace bindery::expr::sprigimpl
