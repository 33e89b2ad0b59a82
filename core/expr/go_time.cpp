// SPDX-License-Identifier: Apache-2.0
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

namespace {


// Writes v / 10^prec's fractional digits (without trailing zeros) ending at `w`, Go's fmtFrac.
std::size_t fmtFrac(char *buf, std::size_t w, std::uint64_t &v, int prec)
{
    bool print = false;
    for (int i = 0; i < prec; ++i) {
        const auto digit = v % 10;
        print = print || digit != 0;
        if (print)
            buf[--w] = static_cast<char>('0' + digit);
        v /= 10;
    }
    if (print)
        buf[--w] = '.';
    return w;
}

std::size_t fmtInt(char *buf, std::size_t w, std::uint64_t v)
{
    if (v == 0) {
        buf[--w] = '0';
        return w;
    }
    while (v > 0) {
        buf[--w] = static_cast<char>('0' + v % 10);
        v /= 10;
    }
    return w;
}

} // namespace

void appendDuration(std::string &out, std::int64_t d)
{
    char buf[32];
    std::size_t w = sizeof buf;
    std::uint64_t u = static_cast<std::uint64_t>(d);
    const bool neg = d < 0;
    if (neg)
        u = -u;
    if (u < static_cast<std::uint64_t>(kSecond)) {
        int prec = 0;
        buf[--w] = 's';
        --w;
        if (u == 0) {
            out += "0s";
            return;
        }
        if (u < static_cast<std::uint64_t>(kMicrosecond)) {
            prec = 0;
            buf[w] = 'n';
        } else if (u < static_cast<std::uint64_t>(kMillisecond)) {
            prec = 3;
            // "µ" is U+00B5, two bytes.
            buf[w] = '\xb5';
            buf[--w] = '\xc2';
        } else {
            prec = 6;
            buf[w] = 'm';
        }
        w = fmtFrac(buf, w, u, prec);
        w = fmtInt(buf, w, u);
    } else {
        buf[--w] = 's';
        w = fmtFrac(buf, w, u, 9);
        w = fmtInt(buf, w, u % 60);
        u /= 60;
        if (u > 0) {
            buf[--w] = 'm';
            w = fmtInt(buf, w, u % 60);
            u /= 60;
            if (u > 0) {
                buf[--w] = 'h';
                w = fmtInt(buf, w, u);
            }
        }
    }
    if (neg)
        buf[--w] = '-';
    out.append(buf + w, sizeof buf - w);
}

std::string durationString(std::int64_t ns)
{
    std::string s;
    appendDuration(s, ns);
    return s;
}

std::string timeQuote(std::string_view s)
{
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "\"";
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80 || c < ' ') {
            std::size_t width = 1;
            if (c >= 0x80) {
                const auto d = utf8::decodeRune(s.substr(i));
                width = d.width;
                // Go treats a literal U+FFFD (3 bytes) and a bad byte alike, 1 or 3 bytes wide.
            }
            for (std::size_t j = 0; j < width; ++j) {
                out += "\\x";
                out += hex[static_cast<unsigned char>(s[i + j]) >> 4];
                out += hex[static_cast<unsigned char>(s[i + j]) & 15];
            }
            i += width;
        } else {
            if (c == '"' || c == '\\')
                out += '\\';
            out += static_cast<char>(c);
            ++i;
        }
    }
    out += '"';
    return out;
}

namespace {

// Go's leadingInt: digits as uint64 with overflow detection.
bool leadingInt(std::string_view &s, std::uint64_t &x)
{
    x = 0;
    std::size_t i = 0;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c < '0' || c > '9')
            break;
        if (x > (std::uint64_t{1} << 63) / 10)
            return false;
        x = x * 10 + static_cast<std::uint64_t>(c - '0');
        if (x > (std::uint64_t{1} << 63))
            return false;
    }
    s.remove_prefix(i);
    return true;
}

void leadingFraction(std::string_view &s, std::uint64_t &x, double &scale)
{
    x = 0;
    scale = 1;
    std::size_t i = 0;
    bool overflow = false;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (c < '0' || c > '9')
            break;
        if (overflow)
            continue;
        if (x > (std::numeric_limits<std::uint64_t>::max() >> 1) / 10) {
            overflow = true;
            continue;
        }
        const std::uint64_t y = x * 10 + static_cast<std::uint64_t>(c - '0');
        if (y > (std::uint64_t{1} << 63)) {
            overflow = true;
            continue;
        }
        x = y;
        scale *= 10;
    }
    s.remove_prefix(i);
}

} // namespace

DurationResult parseDuration(std::string_view orig)
{
    DurationResult res;
    auto invalid = [&] {
        res.ok = false;
        res.error = "time: invalid duration " + timeQuote(orig);
        return res;
    };
    std::string_view s = orig;
    std::uint64_t d = 0;
    bool neg = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s == "0") {
        res.ok = true;
        return res;
    }
    if (s.empty())
        return invalid();
    while (!s.empty()) {
        std::uint64_t v = 0, f = 0;
        double scale = 1;
        if (!(s[0] == '.' || (s[0] >= '0' && s[0] <= '9')))
            return invalid();
        const std::size_t pl = s.size();
        if (!leadingInt(s, v))
            return invalid();
        const bool pre = pl != s.size();
        bool post = false;
        if (!s.empty() && s[0] == '.') {
            s.remove_prefix(1);
            const std::size_t pl2 = s.size();
            leadingFraction(s, f, scale);
            post = pl2 != s.size();
        }
        if (!pre && !post)
            return invalid();
        std::size_t i = 0;
        while (i < s.size() && !(s[i] == '.' || (s[i] >= '0' && s[i] <= '9')))
            ++i;
        if (i == 0) {
            res.error = "time: missing unit in duration " + timeQuote(orig);
            return res;
        }
        const std::string_view u = s.substr(0, i);
        s.remove_prefix(i);
        std::uint64_t unit = 0;
        if (u == "ns")
            unit = kNanosecond;
        else if (u == "us" || u == "\xc2\xb5s" || u == "\xce\xbcs")
            unit = kMicrosecond;
        else if (u == "ms")
            unit = kMillisecond;
        else if (u == "s")
            unit = kSecond;
        else if (u == "m")
            unit = kMinute;
        else if (u == "h")
            unit = kHour;
        else {
            res.error = "time: unknown unit " + timeQuote(u) + " in duration " + timeQuote(orig);
            return res;
        }
        if (v > (std::uint64_t{1} << 63) / unit)
            return invalid();
        v *= unit;
        if (f > 0) {
            v += static_cast<std::uint64_t>(static_cast<double>(f) * (static_cast<double>(unit) / scale));
            if (v > (std::uint64_t{1} << 63))
                return invalid();
        }
        d += v;
        if (d > (std::uint64_t{1} << 63))
            return invalid();
    }
    if (neg) {
        res.ok = true;
        res.ns = static_cast<std::int64_t>(-d);
        return res;
    }
    if (d > (std::uint64_t{1} << 63) - 1)
        return invalid();
    res.ok = true;
    res.ns = static_cast<std::int64_t>(d);
    return res;
}

// ---- locations ----------------------------------------------------------------------------------

LocationResult loadLocation(std::string_view name)
{
    LocationResult res;
    if (name.empty() || name == "UTC") {
        res.zone = TimeZone::utc();
        return res;
    }
    if (name == "Local") {
        res.zone = TimeZone::local();
        return res;
    }
    if (name.find("..") != std::string_view::npos || name[0] == '/' || name[0] == '\\') {
        res.error = "time: invalid location name";
        return res;
    }
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const TimeZone>, std::less<>> cache;
    std::lock_guard lock(mutex);
    if (auto it = cache.find(name); it != cache.end()) {
        res.zone = it->second;
        if (!res.zone)
            res.error = "unknown time zone " + std::string(name);
        return res;
    }
    std::string dir = "/usr/share/zoneinfo/";
    if (const char *zi = std::getenv("ZONEINFO"); zi && *zi)
        dir = std::string(zi) + "/";
    std::ifstream f(dir + std::string(name), std::ios::binary);
    std::shared_ptr<const TimeZone> zone;
    if (f) {
        std::ostringstream ss;
        ss << f.rdbuf();
        zone = TimeZone::fromTzif(std::string(name), ss.str());
    }
    cache.emplace(std::string(name), zone);
    res.zone = zone;
    if (!zone)
        res.error = "unknown time zone " + std::string(name);
    return res;
}

const TimeZone &zoneOf(const TimeValue &t)
{
    return t.zone ? *t.zone : *TimeZone::utc();
}

Civil civil(const TimeValue &t)
{
    Civil c;
    const auto l = zoneOf(t).lookup(t.unixSeconds);
    c.zone = l.zone;
    const std::int64_t local = t.unixSeconds + l.zone->offset;
    const std::int64_t days = floorDiv(local, kSecondsPerDay);
    const std::int64_t secs = local - days * kSecondsPerDay;
    civilFromDays(days, c.year, c.month, c.day);
    c.hour = static_cast<int>(secs / 3600);
    c.minute = static_cast<int>(secs / 60 % 60);
    c.second = static_cast<int>(secs % 60);
    c.nanosecond = t.nanos;
    c.weekday = static_cast<int>(((days + 4) % 7 + 7) % 7);
    c.yearDay = kDaysBefore[static_cast<std::size_t>(c.month - 1)] + c.day + (isLeap(c.year) && c.month > 2 ? 1 : 0);
    return c;
}

namespace {

// Go's norm: makes lo within [0, base) carrying into hi.
void norm(std::int64_t &hi, std::int64_t &lo, std::int64_t base)
{
    if (lo < 0) {
        const std::int64_t n = (-lo - 1) / base + 1;
        hi -= n;
        lo += n * base;
    }
    if (lo >= base) {
        const std::int64_t n = lo / base;
        hi += n;
        lo -= n * base;
    }
}

} // namespace

TimeValue makeDate(std::int64_t year, std::int64_t month, std::int64_t day, std::int64_t hour, std::int64_t minute,
                   std::int64_t sec, std::int64_t nsec, std::shared_ptr<const TimeZone> loc)
{
    std::int64_t m = month - 1;
    norm(year, m, 12);
    norm(sec, nsec, 1000000000);
    norm(minute, sec, 60);
    norm(hour, minute, 60);
    norm(day, hour, 24);
    const std::int64_t days = daysFromCivil(year, static_cast<int>(m + 1), 1) + day - 1;
    std::int64_t unix = days * kSecondsPerDay + hour * 3600 + minute * 60 + sec;
    const TimeZone &z = loc ? *loc : *TimeZone::utc();
    auto l = z.lookup(unix);
    if (l.zone->offset != 0) {
        const std::int64_t utc = unix - l.zone->offset;
        std::int32_t offset = l.zone->offset;
        if (utc < l.start || utc >= l.end)
            offset = z.lookup(utc).zone->offset;
        unix -= offset;
    }
    TimeValue t;
    t.unixSeconds = unix;
    t.nanos = static_cast<std::int32_t>(nsec);
    t.zone = loc == TimeZone::utc() ? nullptr : std::move(loc);
    return t;
}

// ---- layouts ------------------------------------------------------------------------------------

namespace {

enum Std {
    stdNone = 0,
    stdLongMonth,
    stdMonth,
    stdNumMonth,
    stdZeroMonth,
    stdLongWeekDay,
    stdWeekDay,
    stdDay,
    stdUnderDay,
    stdZeroDay,
    stdUnderYearDay,
    stdZeroYearDay,
    stdHour,
    stdHour12,
    stdZeroHour12,
    stdMinute,
    stdZeroMinute,
    stdSecond,
    stdZeroSecond,
    stdLongYear,
    stdYear,
    stdPM,
    stdpm,
    stdTZ,
    stdISO8601TZ,
    stdISO8601SecondsTZ,
    stdISO8601ShortTZ,
    stdISO8601ColonTZ,
    stdISO8601ColonSecondsTZ,
    stdNumTZ,
    stdNumSecondsTz,
    stdNumShortTZ,
    stdNumColonTZ,
    stdNumColonSecondsTZ,
    stdFracSecond0,
    stdFracSecond9,
};

struct Chunk
{
    std::string_view prefix;
    Std std = stdNone;
    int fracDigits = 0;
    char fracSep = '.';
    std::string_view suffix;
};

bool startsWithLower(std::string_view s)
{
    return !s.empty() && s[0] >= 'a' && s[0] <= 'z';
}

bool isDigitAt(std::string_view s, std::size_t i)
{
    return i < s.size() && s[i] >= '0' && s[i] <= '9';
}

// Go's nextStdChunk: the literal prefix, the first layout element and the rest.
Chunk nextStdChunk(std::string_view layout)
{
    auto cut = [&](std::size_t i, Std std, std::size_t len) {
        Chunk c;
        c.prefix = layout.substr(0, i);
        c.std = std;
        c.suffix = layout.substr(i + len);
        return c;
    };
    for (std::size_t i = 0; i < layout.size(); ++i) {
        const std::string_view rest = layout.substr(i);
        switch (layout[i]) {
        case 'J':
            if (rest.starts_with("Jan")) {
                if (rest.starts_with("January"))
                    return cut(i, stdLongMonth, 7);
                if (!startsWithLower(rest.substr(3)))
                    return cut(i, stdMonth, 3);
            }
            break;
        case 'M':
            if (rest.size() >= 3) {
                if (rest.starts_with("Mon")) {
                    if (rest.starts_with("Monday"))
                        return cut(i, stdLongWeekDay, 6);
                    if (!startsWithLower(rest.substr(3)))
                        return cut(i, stdWeekDay, 3);
                }
                if (rest.starts_with("MST"))
                    return cut(i, stdTZ, 3);
            }
            break;
        case '0':
            if (rest.size() >= 2 && rest[1] >= '1' && rest[1] <= '6') {
                static constexpr Std std0x[] = {stdZeroMonth, stdZeroDay,    stdZeroHour12,
                                                stdZeroMinute, stdZeroSecond, stdYear};
                return cut(i, std0x[rest[1] - '1'], 2);
            }
            if (rest.size() >= 3 && rest[1] == '0' && rest[2] == '2')
                return cut(i, stdZeroYearDay, 3);
            break;
        case '1':
            if (rest.size() >= 2 && rest[1] == '5')
                return cut(i, stdHour, 2);
            return cut(i, stdNumMonth, 1);
        case '2':
            if (rest.starts_with("2006"))
                return cut(i, stdLongYear, 4);
            return cut(i, stdDay, 1);
        case '_':
            if (rest.size() >= 2 && rest[1] == '2') {
                // "_2006" is a literal '_' then the long year.
                if (rest.substr(1).starts_with("2006"))
                    return cut(i + 1, stdLongYear, 4);
                return cut(i, stdUnderDay, 2);
            }
            if (rest.size() >= 3 && rest[1] == '_' && rest[2] == '2')
                return cut(i, stdUnderYearDay, 3);
            break;
        case '3':
            return cut(i, stdHour12, 1);
        case '4':
            return cut(i, stdMinute, 1);
        case '5':
            return cut(i, stdSecond, 1);
        case 'P':
            if (rest.size() >= 2 && rest[1] == 'M')
                return cut(i, stdPM, 2);
            break;
        case 'p':
            if (rest.size() >= 2 && rest[1] == 'm')
                return cut(i, stdpm, 2);
            break;
        case '-':
            if (rest.starts_with("-070000"))
                return cut(i, stdNumSecondsTz, 7);
            if (rest.starts_with("-07:00:00"))
                return cut(i, stdNumColonSecondsTZ, 9);
            if (rest.starts_with("-0700"))
                return cut(i, stdNumTZ, 5);
            if (rest.starts_with("-07:00"))
                return cut(i, stdNumColonTZ, 6);
            if (rest.starts_with("-07"))
                return cut(i, stdNumShortTZ, 3);
            break;
        case 'Z':
            if (rest.starts_with("Z070000"))
                return cut(i, stdISO8601SecondsTZ, 7);
            if (rest.starts_with("Z07:00:00"))
                return cut(i, stdISO8601ColonSecondsTZ, 9);
            if (rest.starts_with("Z0700"))
                return cut(i, stdISO8601TZ, 5);
            if (rest.starts_with("Z07:00"))
                return cut(i, stdISO8601ColonTZ, 6);
            if (rest.starts_with("Z07"))
                return cut(i, stdISO8601ShortTZ, 3);
            break;
        case '.':
        case ',':
            if (rest.size() >= 2 && (rest[1] == '0' || rest[1] == '9')) {
                const char ch = rest[1];
                std::size_t j = 1;
                while (j < rest.size() && rest[j] == ch)
                    ++j;
                if (!isDigitAt(rest, j)) {
                    Chunk c = cut(i, ch == '0' ? stdFracSecond0 : stdFracSecond9, j);
                    c.fracDigits = static_cast<int>(j - 1);
                    c.fracSep = layout[i];
                    return c;
                }
            }
            break;
        default:
            break;
        }
    }
    Chunk c;
    c.prefix = layout;
    return c;
}

constexpr std::array<std::string_view, 12> kLongMonths = {"January", "February", "March",     "April",
                                                          "May",     "June",     "July",      "August",
                                                          "September", "October", "November", "December"};
constexpr std::array<std::string_view, 7> kLongDays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                       "Thursday", "Friday", "Saturday"};

// Go's appendInt(b, x, width): zero-padded to width, '-' first for negatives.
void appendPadded(std::string &out, std::int64_t x, int width)
{
    std::uint64_t u = static_cast<std::uint64_t>(x);
    if (x < 0) {
        out += '-';
        u = -u;
    }
    char buf[24];
    int n = 0;
    do {
        buf[n++] = static_cast<char>('0' + u % 10);
        u /= 10;
    } while (u > 0);
    for (int i = n; i < width; ++i)
        out += '0';
    while (n > 0)
        out += buf[--n];
}

void appendNano(std::string &out, int nanos, Std std, int digits, char sep)
{
    const bool trim = std == stdFracSecond9;
    if (digits > 9)
        digits = 9;
    if (trim && (digits == 0 || nanos == 0))
        return;
    const std::size_t start = out.size();
    out += sep;
    appendPadded(out, nanos, 9);
    out.resize(out.size() - static_cast<std::size_t>(9 - digits));
    if (trim) {
        while (out.size() > start && out.back() == '0')
            out.pop_back();
        if (out.size() > start && out.back() == sep)
            out.pop_back();
    }
}

} // namespace

void appendFormat(std::string &out, const TimeValue &t, std::string_view layout)
{
    const Civil c = civil(t);
    const std::string &zoneName = c.zone->name;
    const std::int32_t offset = c.zone->offset;
    while (!layout.empty()) {
        const Chunk ch = nextStdChunk(layout);
        out.append(ch.prefix);
        if (ch.std == stdNone)
            break;
        layout = ch.suffix;
        switch (ch.std) {
        case stdYear: {
            std::int64_t y = c.year;
            if (y < 0)
                y = -y;
            appendPadded(out, y % 100, 2);
            break;
        }
        case stdLongYear:
            appendPadded(out, c.year, 4);
            break;
        case stdMonth:
            out.append(kLongMonths[static_cast<std::size_t>(c.month - 1)].substr(0, 3));
            break;
        case stdLongMonth:
            out.append(kLongMonths[static_cast<std::size_t>(c.month - 1)]);
            break;
        case stdNumMonth:
            appendPadded(out, c.month, 0);
            break;
        case stdZeroMonth:
            appendPadded(out, c.month, 2);
            break;
        case stdWeekDay:
            out.append(kLongDays[static_cast<std::size_t>(c.weekday)].substr(0, 3));
            break;
        case stdLongWeekDay:
            out.append(kLongDays[static_cast<std::size_t>(c.weekday)]);
            break;
        case stdDay:
            appendPadded(out, c.day, 0);
            break;
        case stdUnderDay:
            if (c.day < 10)
                out += ' ';
            appendPadded(out, c.day, 0);
            break;
        case stdZeroDay:
            appendPadded(out, c.day, 2);
            break;
        case stdUnderYearDay:
            if (c.yearDay < 100) {
                out += ' ';
                if (c.yearDay < 10)
                    out += ' ';
            }
            appendPadded(out, c.yearDay, 0);
            break;
        case stdZeroYearDay:
            appendPadded(out, c.yearDay, 3);
            break;
        case stdHour:
            appendPadded(out, c.hour, 2);
            break;
        case stdHour12:
        case stdZeroHour12: {
            int hr = c.hour % 12;
            if (hr == 0)
                hr = 12;
            appendPadded(out, hr, ch.std == stdZeroHour12 ? 2 : 0);
            break;
        }
        case stdMinute:
            appendPadded(out, c.minute, 0);
            break;
        case stdZeroMinute:
            appendPadded(out, c.minute, 2);
            break;
        case stdSecond:
            appendPadded(out, c.second, 0);
            break;
        case stdZeroSecond:
            appendPadded(out, c.second, 2);
            break;
        case stdPM:
            out += c.hour >= 12 ? "PM" : "AM";
            break;
        case stdpm:
            out += c.hour >= 12 ? "pm" : "am";
            break;
        case stdISO8601TZ:
        case stdISO8601ColonTZ:
        case stdISO8601SecondsTZ:
        case stdISO8601ShortTZ:
        case stdISO8601ColonSecondsTZ:
        case stdNumTZ:
        case stdNumColonTZ:
        case stdNumSecondsTz:
        case stdNumShortTZ:
        case stdNumColonSecondsTZ: {
            const bool iso = ch.std >= stdISO8601TZ && ch.std <= stdISO8601ColonSecondsTZ;
            if (iso && offset == 0) {
                out += 'Z';
                break;
            }
            int zone = offset / 60;
            int absoffset = offset;
            if (zone < 0) {
                out += '-';
                zone = -zone;
                absoffset = -absoffset;
            } else {
                out += '+';
            }
            appendPadded(out, zone / 60, 2);
            if (ch.std == stdISO8601ColonTZ || ch.std == stdNumColonTZ || ch.std == stdISO8601ColonSecondsTZ ||
                ch.std == stdNumColonSecondsTZ)
                out += ':';
            if (ch.std != stdNumShortTZ && ch.std != stdISO8601ShortTZ)
                appendPadded(out, zone % 60, 2);
            if (ch.std == stdISO8601SecondsTZ || ch.std == stdNumSecondsTz || ch.std == stdNumColonSecondsTZ ||
                ch.std == stdISO8601ColonSecondsTZ) {
                if (ch.std == stdNumColonSecondsTZ || ch.std == stdISO8601ColonSecondsTZ)
                    out += ':';
                appendPadded(out, absoffset % 60, 2);
            }
            break;
        }
        case stdTZ:
            if (!zoneName.empty()) {
                out += zoneName;
                break;
            }
            {
                int zone = offset / 60;
                if (zone < 0) {
                    out += '-';
                    zone = -zone;
                } else {
                    out += '+';
                }
                appendPadded(out, zone / 60, 2);
                appendPadded(out, zone % 60, 2);
            }
            break;
        case stdFracSecond0:
        case stdFracSecond9:
            appendNano(out, c.nanosecond, ch.std, ch.fracDigits, ch.fracSep);
            break;
        case stdNone:
            break;
        }
    }
}

std::string format(const TimeValue &t, std::string_view layout)
{
    std::string s;
    appendFormat(s, t, layout);
    return s;
}

void appendTimeString(std::string &out, const TimeValue &t)
{
    appendFormat(out, t, "2006-01-02 15:04:05.999999999 -0700 MST");
}

std::string timeString(const TimeValue &t)
{
    std::string s;
    appendTimeString(s, t);
    return s;
}

bool appendRfc3339Nano(std::string &out, const TimeValue &t)
{
    const Civil c = civil(t);
    if (c.year < 0 || c.year > 9999)
        return false;
    appendFormat(out, t, kRFC3339Nano);
    return true;
}

// ---- parse --------------------------------------------------------------------------------------

namespace {

// getnum: one or two digits (exactly two when fixed).
bool getnum(std::string_view &s, bool fixed, int &out)
{
    if (!isDigitAt(s, 0))
        return false;
    if (!isDigitAt(s, 1)) {
        if (fixed)
            return false;
        out = s[0] - '0';
        s.remove_prefix(1);
        return true;
    }
    out = (s[0] - '0') * 10 + (s[1] - '0');
    s.remove_prefix(2);
    return true;
}

bool getnum3(std::string_view &s, bool fixed, int &out)
{
    int n = 0;
    std::size_t i = 0;
    for (; i < 3 && isDigitAt(s, i); ++i)
        n = n * 10 + (s[i] - '0');
    if (i == 0 || (fixed && i != 3))
        return false;
    out = n;
    s.remove_prefix(i);
    return true;
}

// Go's atoi over a short decimal (optional sign).
bool atoiGo(std::string_view s, std::int64_t &out)
{
    bool neg = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    std::uint64_t x = 0;
    const std::size_t before = s.size();
    if (!leadingInt(s, x) || !s.empty() || before == 0 || x > (std::uint64_t{1} << 63) - 1)
        return false;
    out = neg ? -static_cast<std::int64_t>(x) : static_cast<std::int64_t>(x);
    return true;
}

bool lookupName(std::string_view &val, bool longNames, bool months, int &index)
{
    const std::size_t n = months ? 12 : 7;
    for (std::size_t i = 0; i < n; ++i) {
        std::string_view v = months ? kLongMonths[i] : kLongDays[i];
        if (!longNames)
            v = v.substr(0, 3);
        if (val.size() >= v.size()) {
            bool match = true;
            for (std::size_t j = 0; j < v.size() && match; ++j) {
                char a = val[j], b = v[j];
                if (a >= 'A' && a <= 'Z')
                    a = static_cast<char>(a + 32);
                if (b >= 'A' && b <= 'Z')
                    b = static_cast<char>(b + 32);
                match = a == b;
            }
            if (match) {
                index = static_cast<int>(i);
                val.remove_prefix(v.size());
                return true;
            }
        }
    }
    return false;
}

std::size_t parseSignedOffset(std::string_view value)
{
    if (value.empty() || (value[0] != '-' && value[0] != '+'))
        return 0;
    std::string_view rest = value.substr(1);
    std::uint64_t x = 0;
    if (!leadingInt(rest, x) || rest.size() == value.size() - 1)
        return 0;
    if (x > 23)
        return 0;
    return value.size() - rest.size();
}

bool parseTimeZone(std::string_view value, std::size_t &length)
{
    if (value.size() < 3)
        return false;
    if (value.size() >= 4 && (value.substr(0, 4) == "ChST" || value.substr(0, 4) == "MeST")) {
        length = 4;
        return true;
    }
    if (value.substr(0, 3) == "GMT") {
        length = 3 + (value.size() == 3 ? 0 : parseSignedOffset(value.substr(3)));
        return true;
    }
    if (value[0] == '+' || value[0] == '-') {
        length = parseSignedOffset(value);
        return length > 0;
    }
    std::size_t nUpper = 0;
    for (; nUpper < 6; ++nUpper) {
        if (nUpper >= value.size())
            break;
        const char c = value[nUpper];
        if (c < 'A' || c > 'Z')
            break;
    }
    switch (nUpper) {
    case 5:
        if (value[4] == 'T') {
            length = 5;
            return true;
        }
        return false;
    case 4:
        if (value[3] == 'T' || value.substr(0, 4) == "WITA") {
            length = 4;
            return true;
        }
        return false;
    case 3:
        length = 3;
        return true;
    default:
        return false;
    }
}

bool commaOrPeriod(char c)
{
    return c == '.' || c == ',';
}

// parseNanoseconds(value, nbytes): value[0] is the separator.
bool parseNanoseconds(std::string_view value, std::size_t nbytes, int &ns, std::string &rangeErr)
{
    if (!commaOrPeriod(value[0]))
        return false;
    if (nbytes > 10) {
        value = value.substr(0, 10);
        nbytes = 10;
    }
    std::int64_t v = 0;
    if (!atoiGo(value.substr(1, nbytes - 1), v))
        return false;
    if (v < 0) {
        rangeErr = "fractional second";
        return true;
    }
    for (std::size_t i = 0; i < 10 - nbytes; ++i)
        v *= 10;
    ns = static_cast<int>(v);
    return true;
}

// skip: the layout's literal prefix must match; a space matches any run of spaces.
bool skip(std::string_view &value, std::string_view prefix)
{
    while (!prefix.empty()) {
        if (prefix[0] == ' ') {
            if (!value.empty() && value[0] != ' ')
                return false;
            while (!prefix.empty() && prefix[0] == ' ')
                prefix.remove_prefix(1);
            while (!value.empty() && value[0] == ' ')
                value.remove_prefix(1);
            continue;
        }
        if (value.empty() || value[0] != prefix[0])
            return false;
        prefix.remove_prefix(1);
        value.remove_prefix(1);
    }
    return true;
}

} // namespace

TimeResult parse(std::string_view layout, std::string_view value, const std::shared_ptr<const TimeZone> &locArg)
{
    const std::string_view alayout = layout, avalue = value;
    const std::shared_ptr<const TimeZone> &defaultLoc = locArg ? locArg : TimeZone::utc();
    const std::shared_ptr<const TimeZone> &local = locArg ? locArg : TimeZone::local();
    TimeResult res;
    auto fail = [&](std::string_view layoutElem, std::string_view valueElem, const std::string &message) {
        res.ok = false;
        if (!message.empty())
            res.error = "parsing time " + timeQuote(avalue) + message;
        else
            res.error = "parsing time " + timeQuote(avalue) + " as " + timeQuote(alayout) + ": cannot parse " +
                        timeQuote(valueElem) + " as " + timeQuote(layoutElem);
        return res;
    };
    bool pmSet = false, amSet = false;
    std::int64_t year = 0;
    int month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0;
    std::shared_ptr<const TimeZone> z;
    int zoneOffset = -1;
    std::string zoneName;

    while (true) {
        const Chunk ch = nextStdChunk(layout);
        const std::string_view stdstr = layout.substr(ch.prefix.size(), layout.size() - ch.prefix.size() - ch.suffix.size());
        if (!skip(value, ch.prefix))
            return fail(ch.prefix, value, {});
        if (ch.std == stdNone) {
            if (!value.empty())
                return fail({}, value, ": extra text: " + timeQuote(value));
            break;
        }
        layout = ch.suffix;
        const std::string_view hold = value;
        bool ok = true;
        std::string rangeErr;
        switch (ch.std) {
        case stdYear: {
            if (value.size() < 2) {
                ok = false;
                break;
            }
            std::int64_t y = 0;
            ok = atoiGo(value.substr(0, 2), y);
            if (!ok)
                break;
            value.remove_prefix(2);
            year = y >= 69 ? y + 1900 : y + 2000;
            break;
        }
        case stdLongYear:
            if (value.size() < 4 || !isDigitAt(value, 0)) {
                ok = false;
                break;
            }
            ok = atoiGo(value.substr(0, 4), year);
            value.remove_prefix(4);
            break;
        case stdMonth:
        case stdLongMonth:
            ok = lookupName(value, ch.std == stdLongMonth, true, month);
            month++;
            break;
        case stdNumMonth:
        case stdZeroMonth:
            ok = getnum(value, ch.std == stdZeroMonth, month);
            if (ok && (month <= 0 || month > 12))
                rangeErr = "month";
            break;
        case stdWeekDay:
        case stdLongWeekDay: {
            int ignored = 0;
            ok = lookupName(value, ch.std == stdLongWeekDay, false, ignored);
            break;
        }
        case stdDay:
        case stdUnderDay:
        case stdZeroDay:
            if (ch.std == stdUnderDay && !value.empty() && value[0] == ' ')
                value.remove_prefix(1);
            ok = getnum(value, ch.std == stdZeroDay, day);
            break;
        case stdUnderYearDay:
        case stdZeroYearDay:
            for (int i = 0; i < 2; ++i)
                if (ch.std == stdUnderYearDay && !value.empty() && value[0] == ' ')
                    value.remove_prefix(1);
            ok = getnum3(value, ch.std == stdZeroYearDay, yday);
            break;
        case stdHour:
            ok = getnum(value, false, hour);
            if (hour < 0 || hour >= 24)
                rangeErr = "hour";
            break;
        case stdHour12:
        case stdZeroHour12:
            ok = getnum(value, ch.std == stdZeroHour12, hour);
            if (hour < 0 || hour > 12)
                rangeErr = "hour";
            break;
        case stdMinute:
        case stdZeroMinute:
            ok = getnum(value, ch.std == stdZeroMinute, min);
            if (min < 0 || min >= 60)
                rangeErr = "minute";
            break;
        case stdSecond:
        case stdZeroSecond: {
            ok = getnum(value, ch.std == stdZeroSecond, sec);
            if (!ok)
                break;
            if (sec < 0 || sec >= 60) {
                rangeErr = "second";
                break;
            }
            // A fractional second in the value but none in the layout is accepted.
            if (value.size() >= 2 && commaOrPeriod(value[0]) && isDigitAt(value, 1)) {
                const Chunk next = nextStdChunk(layout);
                if (next.std == stdFracSecond0 || next.std == stdFracSecond9)
                    break;
                std::size_t n = 2;
                while (n < value.size() && isDigitAt(value, n))
                    ++n;
                ok = parseNanoseconds(value, n, nsec, rangeErr);
                value.remove_prefix(n);
            }
            break;
        }
        case stdPM:
        case stdpm: {
            if (value.size() < 2) {
                ok = false;
                break;
            }
            const std::string_view p = value.substr(0, 2);
            value.remove_prefix(2);
            if (p == (ch.std == stdPM ? "PM" : "pm"))
                pmSet = true;
            else if (p == (ch.std == stdPM ? "AM" : "am"))
                amSet = true;
            else
                ok = false;
            break;
        }
        case stdISO8601TZ:
        case stdISO8601ColonTZ:
        case stdISO8601SecondsTZ:
        case stdISO8601ShortTZ:
        case stdISO8601ColonSecondsTZ:
        case stdNumTZ:
        case stdNumShortTZ:
        case stdNumColonTZ:
        case stdNumSecondsTz:
        case stdNumColonSecondsTZ: {
            if ((ch.std == stdISO8601TZ || ch.std == stdISO8601ShortTZ || ch.std == stdISO8601ColonTZ) &&
                !value.empty() && value[0] == 'Z') {
                value.remove_prefix(1);
                z = TimeZone::utc();
                break;
            }
            std::string_view sign, hh, mm, ss;
            if (ch.std == stdISO8601ColonTZ || ch.std == stdNumColonTZ) {
                if (value.size() < 6 || value[3] != ':') {
                    ok = false;
                    break;
                }
                sign = value.substr(0, 1), hh = value.substr(1, 2), mm = value.substr(4, 2), ss = "00";
                value.remove_prefix(6);
            } else if (ch.std == stdNumShortTZ || ch.std == stdISO8601ShortTZ) {
                if (value.size() < 3) {
                    ok = false;
                    break;
                }
                sign = value.substr(0, 1), hh = value.substr(1, 2), mm = "00", ss = "00";
                value.remove_prefix(3);
            } else if (ch.std == stdISO8601ColonSecondsTZ || ch.std == stdNumColonSecondsTZ) {
                if (value.size() < 9 || value[3] != ':' || value[6] != ':') {
                    ok = false;
                    break;
                }
                sign = value.substr(0, 1), hh = value.substr(1, 2), mm = value.substr(4, 2), ss = value.substr(7, 2);
                value.remove_prefix(9);
            } else if (ch.std == stdISO8601SecondsTZ || ch.std == stdNumSecondsTz) {
                if (value.size() < 7) {
                    ok = false;
                    break;
                }
                sign = value.substr(0, 1), hh = value.substr(1, 2), mm = value.substr(3, 2), ss = value.substr(5, 2);
                value.remove_prefix(7);
            } else {
                if (value.size() < 5) {
                    ok = false;
                    break;
                }
                sign = value.substr(0, 1), hh = value.substr(1, 2), mm = value.substr(3, 2), ss = "00";
                value.remove_prefix(5);
            }
            int hr = 0, mi = 0, se = 0;
            ok = getnum(hh, true, hr) && getnum(mm, true, mi) && getnum(ss, true, se);
            zoneOffset = (hr * 60 + mi) * 60 + se;
            if (sign[0] == '-')
                zoneOffset = -zoneOffset;
            else if (sign[0] != '+')
                ok = false;
            break;
        }
        case stdTZ: {
            if (value.size() >= 3 && value.substr(0, 3) == "UTC") {
                z = TimeZone::utc();
                value.remove_prefix(3);
                break;
            }
            std::size_t n = 0;
            if (!parseTimeZone(value, n)) {
                ok = false;
                break;
            }
            zoneName = std::string(value.substr(0, n));
            value.remove_prefix(n);
            break;
        }
        case stdFracSecond0: {
            const std::size_t ndigit = 1 + static_cast<std::size_t>(ch.fracDigits);
            if (value.size() < ndigit) {
                ok = false;
                break;
            }
            ok = parseNanoseconds(value, ndigit, nsec, rangeErr);
            value.remove_prefix(ndigit);
            break;
        }
        case stdFracSecond9: {
            if (value.size() < 2 || !commaOrPeriod(value[0]) || value[1] < '0' || value[1] > '9')
                break;
            std::size_t i = 0;
            while (i + 1 < value.size() && value[i + 1] >= '0' && value[i + 1] <= '9')
                ++i;
            ok = parseNanoseconds(value, 1 + i, nsec, rangeErr);
            value.remove_prefix(1 + i);
            break;
        }
        case stdNone:
            break;
        }
        if (!rangeErr.empty())
            return fail(stdstr, value, ": " + rangeErr + " out of range");
        if (!ok)
            return fail(stdstr, hold, {});
    }
    if (pmSet && hour < 12)
        hour += 12;
    else if (amSet && hour == 12)
        hour = 0;

    if (yday >= 0) {
        int d = 0, m = 0;
        if (isLeap(year)) {
            if (yday == 31 + 29) {
                m = 2;
                d = 29;
            } else if (yday > 31 + 29) {
                --yday;
            }
        }
        if (yday < 1 || yday > 365)
            return fail({}, value, ": day-of-year out of range");
        if (m == 0) {
            m = (yday - 1) / 31 + 1;
            if (kDaysBefore[static_cast<std::size_t>(m)] < yday)
                ++m;
            d = yday - kDaysBefore[static_cast<std::size_t>(m - 1)];
        }
        if (month >= 0 && month != m)
            return fail({}, value, ": day-of-year does not match month");
        month = m;
        if (day >= 0 && day != d)
            return fail({}, value, ": day-of-year does not match day");
        day = d;
    } else {
        if (month < 0)
            month = 1;
        if (day < 0)
            day = 1;
    }
    if (day < 1 || day > daysIn(month, year))
        return fail({}, value, ": day out of range");

    res.ok = true;
    if (z) {
        res.time = makeDate(year, month, day, hour, min, sec, nsec, z);
        return res;
    }
    if (zoneOffset != -1) {
        TimeValue t = makeDate(year, month, day, hour, min, sec, nsec, TimeZone::utc());
        t.unixSeconds -= zoneOffset;
        const auto l = local->lookup(t.unixSeconds);
        if (l.zone->offset == zoneOffset && (zoneName.empty() || l.zone->name == zoneName)) {
            t.zone = local;
            res.time = t;
            return res;
        }
        t.zone = TimeZone::fixed(zoneName, zoneOffset);
        res.time = t;
        return res;
    }
    if (!zoneName.empty()) {
        TimeValue t = makeDate(year, month, day, hour, min, sec, nsec, TimeZone::utc());
        std::int32_t offset = 0;
        if (local->lookupName(zoneName, t.unixSeconds, offset)) {
            t.unixSeconds -= offset;
            t.zone = local;
            res.time = t;
            return res;
        }
        if (zoneName.size() > 3 && zoneName.substr(0, 3) == "GMT") {
            std::int64_t h = 0;
            atoiGo(std::string_view(zoneName).substr(3), h);
            offset = static_cast<std::int32_t>(h * 3600);
        }
        t.zone = TimeZone::fixed(zoneName, offset);
        res.time = t;
        return res;
    }
    res.time = makeDate(year, month, day, hour, min, sec, nsec, defaultLoc);
    return res;
}

TimeResult exprDate(std::string_view value, std::string_view layout, bool hasLayout,
                    const std::shared_ptr<const TimeZone> &loc)
{
    if (hasLayout)
        return parse(layout, value, loc);
    static constexpr std::string_view layouts[] = {"2006-01-02", "15:04:05", "2006-01-02 15:04:05", kRFC3339,
                                                   kRFC822,      kRFC850,    kRFC1123};
    for (const auto l : layouts) {
        TimeResult r = parse(l, value, loc);
        if (r.ok)
            return r;
    }
    TimeResult r;
    r.error = "invalid date " + std::string(value);
    return r;
}

TimeValue now()
{
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    TimeValue t;
    t.unixSeconds = floorDiv(ns, 1000000000);
    t.nanos = static_cast<std::int32_t>(ns - t.unixSeconds * 1000000000);
    t.zone = TimeZone::local();
    return t;
}

} // namespace go
} // namespace bindery::expr
