// SPDX-License-Identifier: Apache-2.0
#include "expr/source_position.h"

namespace bindery::expr {

SourcePosition positionOf(std::string_view source, std::size_t byteOffset)
{
    SourcePosition pos;
    const std::size_t end = byteOffset < source.size() ? byteOffset : source.size();
    for (std::size_t i = 0; i < end; ++i) {
        const auto c = static_cast<unsigned char>(source[i]);
        if (c == '\n') {
            ++pos.line;
            pos.column = 0;
        } else if ((c & 0xC0) != 0x80) {
            // Count lead bytes only, so a multi-byte character is one column.
            ++pos.column;
        }
    }
    return pos;
}

} // namespace bindery::expr
