// SPDX-License-Identifier: Apache-2.0
// Go's encoding/json for the engine's values, byte for byte: Marshal / MarshalIndent (what
// toJSON, Argo's toJson and parameter values print), and decoding into Values as
// json.Unmarshal / json.Decoder.Decode do (what fromJSON and Argo's event payloads see), with
// Go's error texts and offsets.
#pragma once

#include "expr/value.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace bindery::expr::go {

// ---- encoding -----------------------------------------------------------------------------------

// A JSON string as encoding/json writes it (escapeHTML on: < > & become \u003c \u003e \u0026;
// U+2028/U+2029 escaped; invalid UTF-8 becomes \ufffd; control characters \n \r \t or \u00XX).
void appendJsonString(std::string &out, std::string_view s, bool escapeHtml = true);
// A float64 as encoding/json writes it ('f' between 1e-6 and 1e21, else 'e' with "e-07" → "e-7").
// The caller must reject NaN and infinities first.
void appendJsonFloat(std::string &out, double f);

struct MarshalResult
{
    bool ok = false;
    std::string text;
    std::string error; // `json: unsupported value: NaN`, `json: unsupported type: map[interface {}]interface {}`
};

// json.Marshal(v).
MarshalResult marshal(const Value &v);
// json.MarshalIndent(v, prefix, indent); expr's toJSON uses ("", "  ").
MarshalResult marshalIndent(const Value &v, std::string_view prefix, std::string_view indent);
// Appends json.Marshal(v) to out; on error returns false, sets *error and leaves out unspecified.
bool appendMarshal(std::string &out, const Value &v, std::string *error);

// ---- decoding -----------------------------------------------------------------------------------

struct DecodeResult
{
    bool ok = false;
    Value value;
    std::string error;      // Go's text: `invalid character 'x' looking for beginning of value`
    std::size_t offset = 0; // json.SyntaxError.Offset (bytes read including the bad one)
    std::size_t consumed = 0; // bytes of the value read (Decoder.InputOffset after Decode)
};

// json.Unmarshal(data, &v) into interface{}: objects → maps, arrays → []interface{}, numbers →
// float64, duplicate keys: the last wins, invalid UTF-8 → U+FFFD. The whole input must be one
// value (`invalid character 'x' after top-level value`, `unexpected end of JSON input`).
DecodeResult unmarshal(std::string_view data);
// json.NewDecoder(r).Decode(&v): the FIRST value only; bytes after it are ignored. Empty input
// gives `EOF`, a truncated value `unexpected EOF`.
DecodeResult decodeFirst(std::string_view data);

// expr's fromJSON builtin (json.Unmarshal).
inline DecodeResult fromJson(std::string_view s)
{
    return unmarshal(s);
}

} // namespace bindery::expr::go
