// SPDX-License-Identifier: Apache-2.0
// Go's time package as expr exposes it: time.Time (an instant plus a *time.Location), Format and
// Parse with Go's reference layouts, LoadLocation from the system's zoneinfo, time.Duration with
// ParseDuration / String, and the methods expr can call on times and durations. Error texts are
// Go's, byte for byte, because they reach users through expr's error messages.
#pragma once

#include "expr/value.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bindery::expr {

// A *time.Location: a name plus the zone in effect at each instant (transitions from a TZif file,
// or one fixed offset). Immutable and shared.
class TimeZone
{
public:
    struct Zone
    {
        std::string name; // abbreviation, "CEST"; empty for an unnamed fixed offset
        std::int32_t offset = 0; // seconds east of UTC
        bool isDst = false;
    };
    // The zone in effect at a Unix instant, with the instant range [start, end) it covers.
    struct Lookup
    {
        const Zone *zone;
        std::int64_t start;
        std::int64_t end;
    };

    static std::shared_ptr<const TimeZone> fixed(std::string name, std::int32_t offset);
    // time.UTC (named "UTC") and time.Local (named "Local": $TZ, else /etc/localtime, else UTC).
    static const std::shared_ptr<const TimeZone> &utc();
    static const std::shared_ptr<const TimeZone> &local();
    // Parses TZif data (zoneinfo file contents); nullptr when malformed.
    static std::shared_ptr<const TimeZone> fromTzif(std::string name, std::string_view data);

    const std::string &name() const { return name_; }
    Lookup lookup(std::int64_t unixSeconds) const;
    // The offset the zone called `abbrev` had around `unixSeconds` (Location.lookupName).
    bool lookupName(std::string_view abbrev, std::int64_t unixSeconds, std::int32_t &offset) const;

    struct Transition
    {
        std::int64_t when;
        std::uint8_t zoneIndex;
    };
    struct Rule; // POSIX TZ string rule for instants after the last transition

private:
    std::string name_;
    std::vector<Zone> zones_;
    std::vector<Transition> transitions_;
    std::shared_ptr<const Rule> extend_;
    std::vector<Zone> extendZones_; // std, dst of the extend rule
    friend struct TimeZoneBuilder;
};

namespace go {

// ---- durations ----------------------------------------------------------------------------------
// Duration.String: "1h2m3.5s", "1.5µs", "0s".
void appendDuration(std::string &out, std::int64_t ns);
std::string durationString(std::int64_t ns);

struct DurationResult
{
    bool ok = false;
    std::int64_t ns = 0;
    std::string error; // `time: invalid duration "bogus"`, `time: unknown unit "x" in duration "1x"`...
};
DurationResult parseDuration(std::string_view s);

// The quoting of Go's time package in error texts (only `"` and `\` escaped, non-ASCII as \xNN).
std::string timeQuote(std::string_view s);

// ---- locations ----------------------------------------------------------------------------------
struct LocationResult
{
    std::shared_ptr<const TimeZone> zone; // null on error
    std::string error; // `unknown time zone Mars/Base`
};
// time.LoadLocation: "" and "UTC" → UTC, "Local" → Local, else /usr/share/zoneinfo/NAME
// (or $ZONEINFO's directory). Loaded zones are cached.
LocationResult loadLocation(std::string_view name);
// The zone of a TimeValue (null means UTC).
const TimeZone &zoneOf(const TimeValue &t);

// ---- civil time ---------------------------------------------------------------------------------
struct Civil
{
    std::int64_t year = 1;
    int month = 1; // 1..12
    int day = 1;
    int hour = 0, minute = 0, second = 0;
    int nanosecond = 0;
    int weekday = 0; // 0 = Sunday
    int yearDay = 1; // 1..366
    const TimeZone::Zone *zone = nullptr;
};
Civil civil(const TimeValue &t);

// time.Date(year, month, day, hour, min, sec, nsec, loc) with Go's normalisation of overflowing
// fields and its choice of offset around DST transitions.
TimeValue makeDate(std::int64_t year, std::int64_t month, std::int64_t day, std::int64_t hour, std::int64_t minute,
                   std::int64_t second, std::int64_t nsec, std::shared_ptr<const TimeZone> loc);

// ---- format and parse ---------------------------------------------------------------------------
inline constexpr std::string_view kLayout = "01/02 03:04:05PM '06 -0700";
inline constexpr std::string_view kANSIC = "Mon Jan _2 15:04:05 2006";
inline constexpr std::string_view kUnixDate = "Mon Jan _2 15:04:05 MST 2006";
inline constexpr std::string_view kRubyDate = "Mon Jan 02 15:04:05 -0700 2006";
inline constexpr std::string_view kRFC822 = "02 Jan 06 15:04 MST";
inline constexpr std::string_view kRFC822Z = "02 Jan 06 15:04 -0700";
inline constexpr std::string_view kRFC850 = "Monday, 02-Jan-06 15:04:05 MST";
inline constexpr std::string_view kRFC1123 = "Mon, 02 Jan 2006 15:04:05 MST";
inline constexpr std::string_view kRFC1123Z = "Mon, 02 Jan 2006 15:04:05 -0700";
inline constexpr std::string_view kRFC3339 = "2006-01-02T15:04:05Z07:00";
inline constexpr std::string_view kRFC3339Nano = "2006-01-02T15:04:05.999999999Z07:00";
inline constexpr std::string_view kKitchen = "3:04PM";
inline constexpr std::string_view kStamp = "Jan _2 15:04:05";
inline constexpr std::string_view kStampMilli = "Jan _2 15:04:05.000";
inline constexpr std::string_view kStampMicro = "Jan _2 15:04:05.000000";
inline constexpr std::string_view kStampNano = "Jan _2 15:04:05.000000000";
inline constexpr std::string_view kDateTime = "2006-01-02 15:04:05";

// Time.Format / Time.AppendFormat.
void appendFormat(std::string &out, const TimeValue &t, std::string_view layout);
std::string format(const TimeValue &t, std::string_view layout);
// Time.String: "2006-01-02 15:04:05.999999999 -0700 MST".
void appendTimeString(std::string &out, const TimeValue &t);
std::string timeString(const TimeValue &t);

struct TimeResult
{
    bool ok = false;
    TimeValue time;
    std::string error; // `parsing time "x" as "2006-01-02": cannot parse "x" as "2006"`
};
// time.Parse (loc null: UTC default, Local for zone names) or time.ParseInLocation(loc).
TimeResult parse(std::string_view layout, std::string_view value, const std::shared_ptr<const TimeZone> &loc = nullptr);

// expr's date(s[, layout[, tz]]) builtin: with no layout it tries 2006-01-02, 15:04:05,
// 2006-01-02 15:04:05, RFC3339, RFC822, RFC850, RFC1123 and fails with `invalid date S`.
TimeResult exprDate(std::string_view value, std::string_view layout = {}, bool hasLayout = false,
                    const std::shared_ptr<const TimeZone> &loc = nullptr);

// Time.MarshalJSON's text (RFC 3339 with nanoseconds, no quotes); false when the year is outside
// [0, 9999] (Go: `Time.MarshalJSON: year outside of range [0,9999]`).
bool appendRfc3339Nano(std::string &out, const TimeValue &t);

// time.Now() in Local.
TimeValue now();

// ---- methods ------------------------------------------------------------------------------------
// Calls a method of time.Time / time.Duration / *time.Location by its Go name ("Year", "Unix",
// "Sub", "Add", "Format", "Hours", "String", ...). Returns false in `found` when the type has no
// such method (the caller then reports expr's own error).
struct MethodCall
{
    bool found = false;
    CallResult result = CallResult(Value());
};
MethodCall callTimeMethod(const Value &receiver, std::string_view method, std::span<const Value> args);
// Names of the methods callTimeMethod knows for a receiver kind (Time, Duration or Location).
std::span<const std::string_view> timeMethodNames(Kind kind);

} // namespace go
} // namespace bindery::expr
