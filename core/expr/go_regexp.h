// SPDX-License-Identifier: Apache-2.0
// Go's regexp package over RE2 (Go's regexp is RE2 syntax and semantics): compile errors with Go's
// texts, and the FindAll / ReplaceAll / Split loops with Go's rules for empty matches.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace re2 {
class RE2;
}

namespace bindery::expr::go {

struct Regexp
{
    std::shared_ptr<const re2::RE2> re; // null when the pattern did not compile
    std::string error;                   // "error parsing regexp: missing closing ]: `[`"
};

// regexp.Compile, cached (patterns repeat across calls).
Regexp compileRegexp(std::string_view pattern);
// regexp.MustCompile's panic text for a bad pattern: "regexp: Compile(`[`): error parsing ...".
std::string mustCompilePanic(std::string_view pattern, const std::string &error);

bool matchString(const re2::RE2 &re, std::string_view s);
// FindString: the leftmost match ("" when none).
std::string findString(const re2::RE2 &re, std::string_view s);
// FindAllStringIndex(s, n): n < 0 means all. Pairs of byte offsets.
std::vector<std::pair<std::size_t, std::size_t>> findAllIndex(const re2::RE2 &re, std::string_view s, int n);
std::vector<std::string> findAllString(const re2::RE2 &re, std::string_view s, int n);
// ReplaceAllString (with $1 / ${name} expansion) and ReplaceAllLiteralString.
std::string replaceAll(const re2::RE2 &re, std::string_view src, std::string_view repl, bool literal);
// Split(s, n); `nil` reports Go's nil result (n == 0).
std::vector<std::string> split(const re2::RE2 &re, std::string_view pattern, std::string_view s, int n, bool &nil);
// regexp.QuoteMeta
std::string quoteMeta(std::string_view s);

} // namespace bindery::expr::go
