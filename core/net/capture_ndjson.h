// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/capture_record.h"

#include <memory>
#include <optional>

namespace bindery::net {

// A fast reader of capture lines (simdjson On Demand) for large captures. It accepts exactly what
// CaptureRecord::fromNdjsonLine accepts and gives the same record; for anything it is not sure
// about (errors, outcome-only lines, odd types, duplicate keys) it answers nullopt and the caller
// uses fromNdjsonLine, which also words the error. Not thread-safe: one reader per thread.
class FastCaptureLineReader
{
public:
    FastCaptureLineReader();
    ~FastCaptureLineReader();
    // `line` must stay readable for `padding` bytes past its end when padding >= 64; otherwise the
    // line is copied.
    std::optional<CaptureRecord> read(QByteArrayView line, qsizetype readablePastEnd);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Go's RFC 3339 (any fraction length, Z or ±hh:mm) to a UTC QDateTime, the fraction rounded to
// the millisecond as QDateTime::fromString(Qt::ISODateWithMs) does. Invalid: nullopt.
std::optional<QDateTime> parseRfc3339Fast(std::string_view text);

} // namespace bindery::net
