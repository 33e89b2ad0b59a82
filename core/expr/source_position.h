// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string_view>

namespace bindery::expr {

// A 1-based line and a 0-based column counted in characters (UTF-8 code points), as expr reports
// positions in its error messages.
struct SourcePosition {
    int line = 1;
    int column = 0;
};

// The position of a byte offset inside a UTF-8 source. Offsets past the end clamp to the end.
SourcePosition positionOf(std::string_view source, std::size_t byteOffset);

} // namespace bindery::expr
