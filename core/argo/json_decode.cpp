// SPDX-License-Identifier: Apache-2.0
#include "argo/json_decode.h"

#include "expr/go_json.h"

#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <vector>

namespace bindery::argo {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

} // namespace

JsonDecodeResult decodeFirstJsonValue(std::string_view body)
{
    JsonDecodeResult result;
    expr::go::DecodeResult r = expr::go::decodeFirst(body);
    if (r.ok) {
        result.value = std::move(r.value);
        result.end = r.consumed;
        return result;
    }
    if (r.error == "EOF") {
        result.empty = true; // Decode's io.EOF: the gateway ignores it (payload nil)
    } else if (r.error.starts_with("json: cannot unmarshal number ")) {
        // The gateway keeps the raw bytes; only Jsonify's re-decoding into float64 fails.
        result.numberRangeError = std::move(r.error);
        result.end = r.consumed;
    } else {
        result.syntaxError = std::move(r.error);
        result.errorOffset = r.offset;
    }
    return result;
}

bool forEachJsonMember(std::string_view text,
                       const std::function<void(const std::string &key, std::string_view raw)> &visit,
                       std::string *error)
{
    auto fail = [&](const std::string &message) {
        if (error)
            *error = message;
        return false;
    };
    const JsonDecodeResult whole = decodeFirstJsonValue(text);
    if (!whole.syntaxError.empty())
        return fail(whole.syntaxError);
    if (!whole.value.isMap())
        return fail("expected a JSON object");
    std::size_t pos = text.find('{') + 1;
    auto skip = [&] {
        while (pos < text.size() && isSpace(text[pos]))
            ++pos;
    };
    for (;;) {
        skip();
        if (text[pos] == '}')
            return true;
        if (text[pos] == ',') {
            ++pos;
            skip();
        }
        const JsonDecodeResult key = decodeFirstJsonValue(text.substr(pos));
        pos += key.end;
        skip();
        ++pos; // ':'
        skip();
        const JsonDecodeResult value = decodeFirstJsonValue(text.substr(pos));
        visit(std::string(key.value.asString()), text.substr(pos, value.end));
        pos += value.end;
    }
}

} // namespace bindery::argo
