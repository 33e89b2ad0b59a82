// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal: the request body as Argo sees it. grpc-gateway's json.Decoder reads the first JSON
// value (trailing bytes ignored, empty input = nothing), then Argo's Jsonify re-decodes it into
// Go values (float64 numbers, last duplicate key wins, invalid UTF-8 and lone surrogates → U+FFFD).

#include "expr/value.h"

#include <functional>
#include <string>
#include <string_view>

namespace bindery::argo {

struct JsonDecodeResult {
    expr::Value value;
    bool empty = false;           // empty or blank input: no value (payload nil)
    std::string syntaxError;      // Go's text: "invalid character 'x' looking for ...", "unexpected EOF"
    std::size_t errorOffset = 0;  // bytes read before the error
    std::string numberRangeError; // Jsonify's "json: cannot unmarshal number 1e400 into Go value of type float64"
    std::size_t end = 0;          // offset just past the value
};

JsonDecodeResult decodeFirstJsonValue(std::string_view body);

// Walks the members of the JSON object in `text` in document order, giving each key and the raw
// bytes of its value. Returns false with `error` when `text` is not an object.
bool forEachJsonMember(std::string_view text,
                       const std::function<void(const std::string &key, std::string_view raw)> &visit,
                       std::string *error);

} // namespace bindery::argo
