// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal: the few Go formatting functions whose exact output Argo's dispatch exposes —
// strconv.FormatFloat, strconv.Quote, fmt's %s of expression results, encoding/json's Marshal.

#include "expr/value.h"

#include <optional>
#include <string>
#include <string_view>

namespace bindery::argo::gotext {

// strconv.FormatFloat(f, fmt, -1, bitSize) for fmt 'e', 'f' or 'g' (shortest digits).
std::string formatFloat(double f, char fmt, int bitSize = 64);
// strconv.Quote (printable ASCII and valid non-ASCII UTF-8 kept; the rest escaped).
std::string quote(std::string_view s);
// fmt.Sprintf("%s", v) for expression values ("%!s(int=1)", "[a b]", "map[k:v]").
std::string formatS(const expr::Value &v);
// A JSON string literal as encoding/json writes it (HTML-escaped, U+2028/2029 escaped, invalid
// UTF-8 → U+FFFD).
void appendJsonString(std::string &out, std::string_view s);
// json.Marshal(v); nullopt with `error` ("json: unsupported value: NaN", ...) on failure.
std::optional<std::string> marshal(const expr::Value &v, std::string *error);

} // namespace bindery::argo::gotext
