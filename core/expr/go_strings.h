// SPDX-License-Identifier: Apache-2.0
// Go's strings/unicode helpers that sprig and expr rely on (case mapping per rune, unicode.IsSpace,
// strings.Title, TrimSpace, Fields). Case tables cover Latin, Greek, Cyrillic, Armenian and
// fullwidth Latin — the scripts webhook payloads carry; other runes map to themselves.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bindery::expr::go {

char32_t toUpperRune(char32_t r);
char32_t toLowerRune(char32_t r);
bool isSpaceRune(char32_t r);     // unicode.IsSpace
bool isLetterRune(char32_t r);    // unicode.IsLetter (approximation outside the tables above)
bool isDigitRune(char32_t r);     // unicode.IsDigit (ASCII and common decimal ranges)
bool isUpperRune(char32_t r);
bool isLowerRune(char32_t r);

std::string toUpper(std::string_view s); // strings.ToUpper
std::string toLower(std::string_view s); // strings.ToLower
std::string title(std::string_view s);   // strings.Title (deprecated in Go, used by sprig)
std::string_view trimSpace(std::string_view s); // strings.TrimSpace
std::vector<std::string_view> fields(std::string_view s); // strings.Fields

// encoding/base64's StdEncoding (expr's toBase64/fromBase64, sprig's b64enc/b64dec). A decode
// error reads "illegal base64 data at input byte N", as Go's; '\r' and '\n' are skipped.
std::string base64Encode(std::string_view s);
bool base64Decode(std::string_view s, std::string &out, std::string &error);
// strings.Trim(s, cutset): cuts runes contained in cutset from both ends.
std::string_view trimCutset(std::string_view s, std::string_view cutset);
// strings.Split(s, sep) (sep empty: one element per rune).
std::vector<std::string> split(std::string_view s, std::string_view sep, int n = -1);
// strings.Replace(s, old, new, n) (n < 0: all).
std::string replace(std::string_view s, std::string_view oldS, std::string_view newS, int n = -1);

} // namespace bindery::expr::go
