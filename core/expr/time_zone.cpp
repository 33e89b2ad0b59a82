// SPDX-License-Identifier: Apache-2.0
// Time zones as Go loads them: TZif data, the POSIX TZ rule of its footer, fixed zones.
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

// ---- POSIX TZ rules (the footer of TZif v2+ files) ----------------------------------------------

struct TimeZone::Rule
{
    enum Kind { Julian, DayOfYear, MonthWeekDay };
    struct When
    {
        Kind kind = MonthWeekDay;
        int day = 0, week = 0, mon = 0;
        int time = 7200;
    };
    std::string stdName, dstName;
    int stdOffset = 0, dstOffset = 0; // seconds east
    bool hasDst = false;
    When start, end;
};

namespace {

bool parseTzName(std::string_view &s, std::string &name)
{
    if (s.empty())
        return false;
    if (s[0] == '<') {
        const auto close = s.find('>');
        if (close == std::string_view::npos)
            return false;
        name = std::string(s.substr(1, close - 1));
        s.remove_prefix(close + 1);
        return true;
    }
    std::size_t i = 0;
    while (i < s.size() && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
        ++i;
    if (i < 3)
        return false;
    name = std::string(s.substr(0, i));
    s.remove_prefix(i);
    return true;
}

bool parseTzNum(std::string_view &s, int &out)
{
    std::size_t i = 0;
    int v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i < 4)
        v = v * 10 + (s[i++] - '0');
    if (i == 0)
        return false;
    s.remove_prefix(i);
    out = v;
    return true;
}

// [+-]hh[:mm[:ss]] in seconds (sign as written).
bool parseTzOffset(std::string_view &s, int &out)
{
    int sign = 1;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        sign = s[0] == '-' ? -1 : 1;
        s.remove_prefix(1);
    }
    int h = 0, m = 0, sec = 0;
    if (!parseTzNum(s, h))
        return false;
    if (!s.empty() && s[0] == ':') {
        s.remove_prefix(1);
        if (!parseTzNum(s, m))
            return false;
        if (!s.empty() && s[0] == ':') {
            s.remove_prefix(1);
            if (!parseTzNum(s, sec))
                return false;
        }
    }
    out = sign * (h * 3600 + m * 60 + sec);
    return true;
}

bool parseTzRule(std::string_view &s, TimeZone::Rule::When &w)
{
    if (s.empty())
        return false;
    if (s[0] == 'J') {
        s.remove_prefix(1);
        w.kind = TimeZone::Rule::Julian;
        if (!parseTzNum(s, w.day) || w.day < 1 || w.day > 365)
            return false;
    } else if (s[0] == 'M') {
        s.remove_prefix(1);
        w.kind = TimeZone::Rule::MonthWeekDay;
        if (!parseTzNum(s, w.mon) || w.mon < 1 || w.mon > 12 || s.empty() || s[0] != '.')
            return false;
        s.remove_prefix(1);
        if (!parseTzNum(s, w.week) || w.week < 1 || w.week > 5 || s.empty() || s[0] != '.')
            return false;
        s.remove_prefix(1);
        if (!parseTzNum(s, w.day) || w.day > 6)
            return false;
    } else {
        w.kind = TimeZone::Rule::DayOfYear;
        if (!parseTzNum(s, w.day) || w.day > 365)
            return false;
    }
    w.time = 7200;
    if (!s.empty() && s[0] == '/') {
        s.remove_prefix(1);
        if (!parseTzOffset(s, w.time))
            return false;
    }
    return true;
}

std::shared_ptr<const TimeZone::Rule> parsePosixTz(std::string_view s)
{
    auto r = std::make_shared<TimeZone::Rule>();
    if (!parseTzName(s, r->stdName))
        return nullptr;
    int off = 0;
    if (!parseTzOffset(s, off))
        return nullptr;
    r->stdOffset = -off;
    if (s.empty())
        return r;
    r->hasDst = true;
    if (!parseTzName(s, r->dstName))
        return nullptr;
    if (!s.empty() && s[0] != ',') {
        if (!parseTzOffset(s, off))
            return nullptr;
        r->dstOffset = -off;
    } else {
        r->dstOffset = r->stdOffset + 3600;
    }
    if (s.empty())
        s = ",M3.2.0,M11.1.0";
    if (s[0] != ',')
        return nullptr;
    s.remove_prefix(1);
    if (!parseTzRule(s, r->start) || s.empty() || s[0] != ',')
        return nullptr;
    s.remove_prefix(1);
    if (!parseTzRule(s, r->end) || !s.empty())
        return nullptr;
    return r;
}

// Seconds since the start of `year` (UTC) at which the rule fires, for a zone at offset `off`.
std::int64_t ruleTime(std::int64_t year, const TimeZone::Rule::When &w, int off)
{
    std::int64_t s = 0;
    switch (w.kind) {
    case TimeZone::Rule::Julian:
        s = static_cast<std::int64_t>(w.day - 1) * kSecondsPerDay;
        if (isLeap(year) && w.day >= 60)
            s += kSecondsPerDay;
        break;
    case TimeZone::Rule::DayOfYear:
        s = static_cast<std::int64_t>(w.day) * kSecondsPerDay;
        break;
    case TimeZone::Rule::MonthWeekDay: {
        const std::int64_t first = daysFromCivil(year, w.mon, 1);
        const int dow = static_cast<int>(((first + 4) % 7 + 7) % 7);
        int d = w.day - dow;
        if (d < 0)
            d += 7;
        for (int i = 1; i < w.week; ++i) {
            if (d + 7 >= daysIn(w.mon, year))
                break;
            d += 7;
        }
        d += kDaysBefore[static_cast<std::size_t>(w.mon - 1)];
        if (isLeap(year) && w.mon > 2)
            ++d;
        s = static_cast<std::int64_t>(d) * kSecondsPerDay;
        break;
    }
    }
    return s + w.time - off;
}

} // namespace

struct TimeZoneBuilder
{
    static std::shared_ptr<TimeZone> make(std::string name)
    {
        auto z = std::make_shared<TimeZone>();
        z->name_ = std::move(name);
        return z;
    }
    static std::vector<TimeZone::Zone> &zones(TimeZone &z) { return z.zones_; }
    static std::vector<TimeZone::Transition> &transitions(TimeZone &z) { return z.transitions_; }
    static void setExtend(TimeZone &z, std::shared_ptr<const TimeZone::Rule> r)
    {
        if (!r)
            return;
        z.extendZones_.push_back({r->stdName, r->stdOffset, false});
        z.extendZones_.push_back({r->dstName, r->dstOffset, true});
        z.extend_ = std::move(r);
    }
};

std::shared_ptr<const TimeZone> TimeZone::fixed(std::string name, std::int32_t offset)
{
    auto z = TimeZoneBuilder::make(name);
    z->zones_.push_back({std::move(name), offset, false});
    return z;
}

const std::shared_ptr<const TimeZone> &TimeZone::utc()
{
    static const std::shared_ptr<const TimeZone> z = fixed("UTC", 0);
    return z;
}

const std::shared_ptr<const TimeZone> &TimeZone::local()
{
    // time.Local as the Argo server sees it, not as this desktop does: Argo runs in a container
    // without /etc/localtime and TZ, where Go's Local is UTC (named "UTC"). A server started
    // with TZ=<zone> is modelled by BINDERY_ARGO_TZ=<zone>.
    static const std::shared_ptr<const TimeZone> z = [] {
        const char *tz = std::getenv("BINDERY_ARGO_TZ");
        if (!tz || !*tz)
            return fixed("UTC", 0);
        std::string_view v(tz);
        if (v[0] == ':')
            v.remove_prefix(1);
        const std::string path = (!v.empty() && v[0] == '/') ? std::string(v) : "/usr/share/zoneinfo/" + std::string(v);
        std::ifstream f(path, std::ios::binary);
        if (f) {
            std::ostringstream ss;
            ss << f.rdbuf();
            if (auto loaded = fromTzif("Local", ss.str()))
                return loaded;
        }
        return fixed("UTC", 0);
    }();
    return z;
}

std::shared_ptr<const TimeZone> TimeZone::fromTzif(std::string name, std::string_view data)
{
    auto be32 = [](const unsigned char *p) {
        return static_cast<std::uint32_t>(p[0]) << 24 | static_cast<std::uint32_t>(p[1]) << 16 |
               static_cast<std::uint32_t>(p[2]) << 8 | p[3];
    };
    auto be64 = [&](const unsigned char *p) {
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(be32(p)) << 32 | be32(p + 4));
    };
    const auto *base = reinterpret_cast<const unsigned char *>(data.data());
    std::size_t size = data.size();
    std::size_t pos = 0;
    auto readHeader = [&](std::array<std::uint32_t, 6> &n, char &version) {
        if (size - pos < 44 || data.substr(pos, 4) != "TZif")
            return false;
        version = data[pos + 4];
        for (std::size_t i = 0; i < 6; ++i)
            n[i] = be32(base + pos + 20 + 4 * i);
        pos += 44;
        return true;
    };
    std::array<std::uint32_t, 6> n{}; // isutcnt isstdcnt leapcnt timecnt typecnt charcnt
    char version = 0;
    if (!readHeader(n, version))
        return nullptr;
    int timeSize = 4;
    auto blockSize = [&](int ts) {
        return static_cast<std::size_t>(n[3]) * (ts + 1) + n[4] * 6ull + n[5] + n[2] * (ts + 4ull) + n[1] + n[0];
    };
    if (version >= '2') {
        const std::size_t skip = blockSize(4);
        if (size - pos < skip)
            return nullptr;
        pos += skip;
        if (!readHeader(n, version))
            return nullptr;
        timeSize = 8;
    }
    if (size - pos < blockSize(timeSize) || n[4] == 0)
        return nullptr;
    auto z = TimeZoneBuilder::make(std::move(name));
    const unsigned char *times = base + pos;
    const unsigned char *idx = times + static_cast<std::size_t>(n[3]) * timeSize;
    const unsigned char *types = idx + n[3];
    const unsigned char *chars = types + n[4] * 6ull;
    const char *charsEnd = reinterpret_cast<const char *>(chars) + n[5];
    for (std::uint32_t i = 0; i < n[4]; ++i) {
        const unsigned char *t = types + 6ull * i;
        Zone zone;
        zone.offset = static_cast<std::int32_t>(be32(t));
        zone.isDst = t[4] != 0;
        const std::size_t ai = t[5];
        if (ai >= n[5])
            return nullptr;
        const char *a = reinterpret_cast<const char *>(chars) + ai;
        const char *e = a;
        while (e < charsEnd && *e)
            ++e;
        zone.name.assign(a, e);
        z->zones_.push_back(std::move(zone));
    }
    for (std::uint32_t i = 0; i < n[3]; ++i) {
        const std::int64_t when = timeSize == 8 ? be64(times + 8ull * i)
                                                : static_cast<std::int32_t>(be32(times + 4ull * i));
        if (idx[i] >= n[4])
            return nullptr;
        z->transitions_.push_back({when, idx[i]});
    }
    if (z->transitions_.empty())
        z->transitions_.push_back({kAlpha, 0});
    pos += blockSize(timeSize);
    if (timeSize == 8 && pos < size && data[pos] == '\n') {
        const auto end = data.find('\n', pos + 1);
        if (end != std::string_view::npos)
            TimeZoneBuilder::setExtend(*z, parsePosixTz(data.substr(pos + 1, end - pos - 1)));
    }
    return z;
}

TimeZone::Lookup TimeZone::lookup(std::int64_t sec) const
{
    if (transitions_.empty() || sec < transitions_.front().when) {
        // Go's lookupFirstZone: the first standard-time zone before the first transition.
        std::size_t zi = 0;
        bool firstUsed = false;
        for (const auto &t : transitions_)
            firstUsed = firstUsed || t.zoneIndex == 0;
        if (firstUsed) {
            bool found = false;
            if (!transitions_.empty() && zones_[transitions_[0].zoneIndex].isDst) {
                for (int i = transitions_[0].zoneIndex - 1; i >= 0; --i)
                    if (!zones_[static_cast<std::size_t>(i)].isDst) {
                        zi = static_cast<std::size_t>(i);
                        found = true;
                        break;
                    }
            }
            if (!found)
                for (std::size_t i = 0; i < zones_.size(); ++i)
                    if (!zones_[i].isDst) {
                        zi = i;
                        break;
                    }
        }
        return {&zones_[zi], kAlpha, transitions_.empty() ? kOmega : transitions_.front().when};
    }
    std::size_t lo = 0, hi = transitions_.size();
    std::int64_t end = kOmega;
    while (hi - lo > 1) {
        const std::size_t m = lo + (hi - lo) / 2;
        if (sec < transitions_[m].when) {
            end = transitions_[m].when;
            hi = m;
        } else {
            lo = m;
        }
    }
    Lookup result{&zones_[transitions_[lo].zoneIndex], transitions_[lo].when, end};
    if (lo == transitions_.size() - 1 && extend_) {
        const Rule &r = *extend_;
        if (!r.hasDst)
            return {&extendZones_[0], result.start, kOmega};
        std::int64_t year;
        int m, d;
        const std::int64_t days = floorDiv(sec, kSecondsPerDay);
        civilFromDays(days, year, m, d);
        const std::int64_t yearStart = daysFromCivil(year, 1, 1) * kSecondsPerDay;
        const std::int64_t ysec = sec - yearStart;
        std::int64_t startSec = ruleTime(year, r.start, r.stdOffset);
        std::int64_t endSec = ruleTime(year, r.end, r.dstOffset);
        const Zone *stdZone = &extendZones_[0];
        const Zone *dstZone = &extendZones_[1];
        if (endSec < startSec) {
            std::swap(startSec, endSec);
            std::swap(stdZone, dstZone);
        }
        if (ysec < startSec)
            return {stdZone, yearStart, startSec + yearStart};
        if (ysec >= endSec)
            return {stdZone, endSec + yearStart, yearStart + 365 * kSecondsPerDay};
        return {dstZone, startSec + yearStart, endSec + yearStart};
    }
    return result;
}

bool TimeZone::lookupName(std::string_view abbrev, std::int64_t unix, std::int32_t &offset) const
{
    // First try zones with that name in effect at the given time, then any zone with that name.
    for (const auto &z : zones_) {
        if (z.name == abbrev) {
            const auto l = lookup(unix - z.offset);
            if (l.zone->name == z.name) {
                offset = l.zone->offset;
                return true;
            }
        }
    }
    for (const auto &z : extendZones_)
        if (z.name == abbrev) {
            offset = z.offset;
            return true;
        }
    for (const auto &z : zones_)
        if (z.name == abbrev) {
            offset = z.offset;
            return true;
        }
    return false;
}

} // namespace bindery::expr
