// SPDX-License-Identifier: Apache-2.0
#pragma once

// Shared by go_time.cpp, time_zone.cpp and go_time_methods.cpp (not installed): the proleptic
// Gregorian arithmetic Go's time package does, and its duration units.

#include <array>
#include <cstdint>
#include <limits>

namespace bindery::expr::timecalc {

inline constexpr std::int64_t kSecondsPerDay = 86400;
inline constexpr std::int64_t kAlpha = std::numeric_limits<std::int64_t>::min();
inline constexpr std::int64_t kOmega = std::numeric_limits<std::int64_t>::max();

inline std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

inline bool isLeap(std::int64_t y)
{
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

inline constexpr std::array<int, 13> kDaysBefore = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};

inline int daysIn(int month, std::int64_t year)
{
    if (month == 2 && isLeap(year))
        return 29;
    return kDaysBefore[static_cast<std::size_t>(month)] - kDaysBefore[static_cast<std::size_t>(month - 1)];
}

// Days since 1970-01-01 of a proleptic Gregorian date (month 1..12).
inline std::int64_t daysFromCivil(std::int64_t y, int m, int d)
{
    y -= m <= 2;
    const std::int64_t era = floorDiv(y, 400);
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = (m + 9) % 12;
    const std::int64_t doy = (153 * mp + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

inline void civilFromDays(std::int64_t z, std::int64_t &y, int &m, int &d)
{
    z += 719468;
    const std::int64_t era = floorDiv(z, 146097);
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y += m <= 2;
}

} // namespace bindery::expr::timecalc

namespace bindery::expr::go {

inline constexpr std::int64_t kNanosecond = 1;
inline constexpr std::int64_t kMicrosecond = 1000;
inline constexpr std::int64_t kMillisecond = 1000 * kMicrosecond;
inline constexpr std::int64_t kSecond = 1000 * kMillisecond;
inline constexpr std::int64_t kMinute = 60 * kSecond;
inline constexpr std::int64_t kHour = 60 * kMinute;

} // namespace bindery::expr::go
