// SPDX-License-Identifier: Apache-2.0
#include "expr/go_regexp.h"

#include "expr/go_format.h"
#include "expr/go_strings.h"
#include "expr/go_utf8.h"

#include <re2/re2.h>

#include <map>
#include <mutex>

namespace bindery::expr::go {

namespace {

std::string_view goErrorCode(re2::RE2::ErrorCode code)
{
    switch (code) {
    case re2::RE2::ErrorBadEscape: return "invalid escape sequence";
    case re2::RE2::ErrorBadCharClass: return "invalid character class";
    case re2::RE2::ErrorBadCharRange: return "invalid character class range";
    case re2::RE2::ErrorMissingBracket: return "missing closing ]";
    case re2::RE2::ErrorMissingParen: return "missing closing )";
    case re2::RE2::ErrorUnexpectedParen: return "unexpected )";
    case re2::RE2::ErrorTrailingBackslash: return "trailing backslash at end of expression";
    case re2::RE2::ErrorRepeatArgument: return "missing argument to repetition operator";
    case re2::RE2::ErrorRepeatSize: return "invalid repeat count";
    case re2::RE2::ErrorRepeatOp: return "invalid nested repetition operator";
    case re2::RE2::ErrorBadPerlOp: return "invalid or unsupported Perl syntax";
    case re2::RE2::ErrorBadUTF8: return "invalid UTF-8";
    case re2::RE2::ErrorBadNamedCapture: return "invalid named capture";
    case re2::RE2::ErrorPatternTooLarge: return "expression too large";
    default: return "regexp/syntax: internal error";
    }
}

// The regexp package's quote: backquoted when possible.
std::string regexpQuote(std::string_view s)
{
    bool canBackquote = utf8::valid(s);
    for (const char c : s)
        if (c == '`' || (static_cast<unsigned char>(c) < ' ' && c != '\t') || c == 0x7f)
            canBackquote = false;
    if (canBackquote)
        return "`" + std::string(s) + "`";
    return quote(s);
}

} // namespace

Regexp compileRegexp(std::string_view pattern)
{
    static std::mutex mutex;
    static std::map<std::string, Regexp, std::less<>> cache;
    {
        std::lock_guard lock(mutex);
        if (auto it = cache.find(pattern); it != cache.end())
            return it->second;
    }
    re2::RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_shared<re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
    Regexp result;
    if (re->ok()) {
        result.re = std::move(re);
    } else {
        std::string arg = re->error_code() == re2::RE2::ErrorTrailingBackslash ? std::string() : re->error_arg();
        result.error = "error parsing regexp: " + std::string(goErrorCode(re->error_code())) + ": `" + arg + "`";
    }
    std::lock_guard lock(mutex);
    if (cache.size() > 512)
        cache.clear();
    cache.emplace(std::string(pattern), result);
    return result;
}

std::string mustCompilePanic(std::string_view pattern, const std::string &error)
{
    return "regexp: Compile(" + regexpQuote(pattern) + "): " + error;
}

namespace {

bool matchAt(const re2::RE2 &re, std::string_view s, std::size_t pos, re2::StringPiece *groups, int ngroups)
{
    return re.Match(re2::StringPiece(s.data(), s.size()), pos, s.size(), re2::RE2::UNANCHORED, groups, ngroups);
}

std::size_t offsetOf(std::string_view s, const re2::StringPiece &p)
{
    return static_cast<std::size_t>(p.data() - s.data());
}

} // namespace

bool matchString(const re2::RE2 &re, std::string_view s)
{
    return matchAt(re, s, 0, nullptr, 0);
}

std::string findString(const re2::RE2 &re, std::string_view s)
{
    re2::StringPiece m;
    if (!matchAt(re, s, 0, &m, 1))
        return {};
    return std::string(m.data(), m.size());
}

std::vector<std::pair<std::size_t, std::size_t>> findAllIndex(const re2::RE2 &re, std::string_view s, int n)
{
    std::vector<std::pair<std::size_t, std::size_t>> out;
    if (n < 0)
        n = static_cast<int>(s.size()) + 1;
    std::size_t pos = 0;
    long prevMatchEnd = -1;
    while (static_cast<int>(out.size()) < n && pos <= s.size()) {
        re2::StringPiece m;
        if (!matchAt(re, s, pos, &m, 1))
            break;
        const std::size_t b = offsetOf(s, m), e = b + m.size();
        bool accept = true;
        if (e == pos) {
            // An empty match right after the previous match is skipped; step one rune.
            if (static_cast<long>(b) == prevMatchEnd)
                accept = false;
            const std::size_t width = pos < s.size() ? utf8::decodeRune(s.substr(pos)).width : 0;
            pos = width > 0 ? pos + width : s.size() + 1;
        } else {
            pos = e;
        }
        prevMatchEnd = static_cast<long>(e);
        if (accept)
            out.emplace_back(b, e);
    }
    return out;
}

std::vector<std::string> findAllString(const re2::RE2 &re, std::string_view s, int n)
{
    std::vector<std::string> out;
    for (const auto &[b, e] : findAllIndex(re, s, n))
        out.emplace_back(s.substr(b, e - b));
    return out;
}

namespace {

// Regexp.Expand: $name / ${name} / $$; names are letters, digits and '_'.
void expand(std::string &out, std::string_view tmpl, std::string_view src, const re2::StringPiece *groups, int ngroups,
            const std::map<std::string, int> &names)
{
    while (!tmpl.empty()) {
        const auto dollar = tmpl.find('$');
        if (dollar == std::string_view::npos)
            break;
        out.append(tmpl.substr(0, dollar));
        tmpl.remove_prefix(dollar);
        if (tmpl.size() > 1 && tmpl[1] == '$') {
            out += '$';
            tmpl.remove_prefix(2);
            continue;
        }
        // extract(): the name and the rest.
        std::string_view rest = tmpl.substr(1);
        bool brace = false;
        if (!rest.empty() && rest[0] == '{') {
            brace = true;
            rest.remove_prefix(1);
        }
        std::size_t i = 0;
        while (i < rest.size()) {
            const auto d = utf8::decodeRune(rest.substr(i));
            const char32_t r = d.rune;
            const bool word = isLetterRune(r) || isDigitRune(r) || r == '_';
            if (!word)
                break;
            i += d.width;
        }
        bool ok = i > 0;
        std::string_view name = rest.substr(0, i);
        if (ok && brace) {
            if (i >= rest.size() || rest[i] != '}')
                ok = false;
            else
                ++i;
        }
        if (!ok) {
            // Malformed: the '$' is copied literally.
            out += '$';
            tmpl.remove_prefix(1);
            continue;
        }
        tmpl = rest.substr(i);
        int num = -1;
        bool numeric = true;
        for (const char c : name)
            numeric = numeric && c >= '0' && c <= '9';
        if (numeric && !(name.size() > 1 && name[0] == '0')) {
            num = 0;
            for (const char c : name) {
                if (num >= 100000000) {
                    num = -1;
                    break;
                }
                num = num * 10 + (c - '0');
            }
        }
        if (num < 0) {
            if (auto it = names.find(std::string(name)); it != names.end())
                num = it->second;
        }
        if (num >= 0 && num < ngroups && groups[num].data() != nullptr)
            out.append(groups[num].data(), groups[num].size());
        (void)src;
    }
    out.append(tmpl);
}

} // namespace

std::string replaceAll(const re2::RE2 &re, std::string_view src, std::string_view repl, bool literal)
{
    const int ngroups = literal ? 1 : re.NumberOfCapturingGroups() + 1;
    std::vector<re2::StringPiece> groups(static_cast<std::size_t>(ngroups));
    const auto &names = re.NamedCapturingGroups();
    std::string out;
    std::size_t lastMatchEnd = 0, searchPos = 0;
    while (searchPos <= src.size()) {
        if (!matchAt(re, src, searchPos, groups.data(), ngroups))
            break;
        const std::size_t a0 = offsetOf(src, groups[0]), a1 = a0 + groups[0].size();
        out.append(src.substr(lastMatchEnd, a0 - lastMatchEnd));
        // No replacement for an empty match right after the previous match.
        if (a1 > lastMatchEnd || a0 == 0) {
            if (literal)
                out.append(repl);
            else
                expand(out, repl, src, groups.data(), ngroups, names);
        }
        lastMatchEnd = a1;
        const std::size_t width = searchPos < src.size() ? utf8::decodeRune(src.substr(searchPos)).width : 0;
        if (searchPos + width > a1)
            searchPos += width;
        else if (searchPos + 1 > a1)
            ++searchPos;
        else
            searchPos = a1;
    }
    out.append(src.substr(lastMatchEnd));
    return out;
}

std::vector<std::string> split(const re2::RE2 &re, std::string_view pattern, std::string_view s, int n, bool &nil)
{
    nil = false;
    std::vector<std::string> out;
    if (n == 0) {
        nil = true;
        return out;
    }
    if (!pattern.empty() && s.empty()) {
        out.emplace_back();
        return out;
    }
    const auto matches = findAllIndex(re, s, n);
    std::size_t beg = 0, end = 0;
    for (const auto &[b, e] : matches) {
        if (n > 0 && static_cast<int>(out.size()) == n - 1)
            break;
        end = b;
        if (e != 0)
            out.emplace_back(s.substr(beg, end - beg));
        beg = e;
    }
    if (end != s.size())
        out.emplace_back(s.substr(beg));
    return out;
}

std::string quoteMeta(std::string_view s)
{
    static constexpr std::string_view special = "\\.+*?()|[]{}^$";
    std::string out;
    for (const char c : s) {
        if (special.find(c) != std::string_view::npos)
            out += '\\';
        out += c;
    }
    return out;
}

} // namespace bindery::expr::go
