// SPDX-License-Identifier: Apache-2.0
#include "expr/go_strings.h"

#include "expr/go_utf8.h"

namespace bindery::expr::go {

namespace {

// Ranges where upper and lower case alternate (even = upper, odd = lower).
bool inAlternating(char32_t r)
{
    return (r >= 0x100 && r <= 0x12F) || (r >= 0x132 && r <= 0x137) || (r >= 0x14A && r <= 0x177) ||
           (r >= 0x1A0 && r <= 0x1A5) || (r >= 0x1DE && r <= 0x1EF) || (r >= 0x1F8 && r <= 0x21F) ||
           (r >= 0x222 && r <= 0x233) || (r >= 0x246 && r <= 0x24F) || (r >= 0x3D8 && r <= 0x3EF) ||
           (r >= 0x460 && r <= 0x481) || (r >= 0x48A && r <= 0x4BF) || (r >= 0x4D0 && r <= 0x52F) ||
           (r >= 0x1E00 && r <= 0x1E95) || (r >= 0x1EA0 && r <= 0x1EFF) || (r >= 0x2C80 && r <= 0x2CE3) ||
           (r >= 0xA640 && r <= 0xA66D) || (r >= 0xA680 && r <= 0xA69B) || (r >= 0xA722 && r <= 0xA72F) ||
           (r >= 0xA732 && r <= 0xA76F);
}

// Ranges where upper case is odd and lower case even.
bool inAlternatingOdd(char32_t r)
{
    return (r >= 0x139 && r <= 0x148) || (r >= 0x179 && r <= 0x17E) || (r >= 0x1CD && r <= 0x1DC) ||
           (r >= 0x4C1 && r <= 0x4CE);
}

} // namespace

char32_t toUpperRune(char32_t r)
{
    if (r < 0x80)
        return (r >= 'a' && r <= 'z') ? r - 32 : r;
    if ((r >= 0xE0 && r <= 0xFE && r != 0xF7))
        return r - 32;
    if (r == 0xFF)
        return 0x178;
    if (r == 0xB5)
        return 0x39C;
    if (r == 0x131)
        return 'I';
    if (r == 0x17F)
        return 'S';
    if (inAlternating(r))
        return (r & 1) ? r - 1 : r;
    if (inAlternatingOdd(r))
        return (r & 1) ? r : r - 1;
    if (r >= 0x3B1 && r <= 0x3CB && r != 0x3C2)
        return r - 32;
    if (r == 0x3C2)
        return 0x3A3;
    if (r == 0x3AC)
        return 0x386;
    if (r >= 0x3AD && r <= 0x3AF)
        return r - 37;
    if (r == 0x3CC)
        return 0x38C;
    if (r == 0x3CD || r == 0x3CE)
        return r - 63;
    if (r >= 0x430 && r <= 0x44F)
        return r - 32;
    if (r >= 0x450 && r <= 0x45F)
        return r - 80;
    if (r == 0x4CF)
        return 0x4C0;
    if (r >= 0x561 && r <= 0x586)
        return r - 48;
    if (r >= 0x1F00 && r <= 0x1FFF) {
        // Greek extended: lower forms sit 8 below their capitals in these blocks.
        const char32_t lo = r & 0xF;
        if (lo < 8 && ((r >= 0x1F00 && r <= 0x1F07) || (r >= 0x1F10 && r <= 0x1F15) ||
                       (r >= 0x1F20 && r <= 0x1F27) || (r >= 0x1F30 && r <= 0x1F37) ||
                       (r >= 0x1F40 && r <= 0x1F45) || (r >= 0x1F60 && r <= 0x1F67)))
            return r + 8;
        if (r == 0x1F51 || r == 0x1F53 || r == 0x1F55 || r == 0x1F57)
            return r + 8;
    }
    if (r >= 0x24D0 && r <= 0x24E9)
        return r - 26;
    if (r >= 0xFF41 && r <= 0xFF5A)
        return r - 32;
    if (r >= 0x10428 && r <= 0x1044F)
        return r - 40;
    return r;
}

char32_t toLowerRune(char32_t r)
{
    if (r < 0x80)
        return (r >= 'A' && r <= 'Z') ? r + 32 : r;
    if (r >= 0xC0 && r <= 0xDE && r != 0xD7)
        return r + 32;
    if (r == 0x178)
        return 0xFF;
    if (r == 0x130)
        return 'i';
    if (inAlternating(r))
        return (r & 1) ? r : r + 1;
    if (inAlternatingOdd(r))
        return (r & 1) ? r + 1 : r;
    if (r >= 0x391 && r <= 0x3AB && r != 0x3A2)
        return r + 32;
    if (r == 0x386)
        return 0x3AC;
    if (r >= 0x388 && r <= 0x38A)
        return r + 37;
    if (r == 0x38C)
        return 0x3CC;
    if (r == 0x38E || r == 0x38F)
        return r + 63;
    if (r >= 0x410 && r <= 0x42F)
        return r + 32;
    if (r >= 0x400 && r <= 0x40F)
        return r + 80;
    if (r == 0x4C0)
        return 0x4CF;
    if (r >= 0x531 && r <= 0x556)
        return r + 48;
    if (r >= 0x1F08 && r <= 0x1F6F) {
        const char32_t lo = r & 0xF;
        if (lo >= 8 && ((r >= 0x1F08 && r <= 0x1F0F) || (r >= 0x1F18 && r <= 0x1F1D) ||
                        (r >= 0x1F28 && r <= 0x1F2F) || (r >= 0x1F38 && r <= 0x1F3F) ||
                        (r >= 0x1F48 && r <= 0x1F4D) || (r >= 0x1F68 && r <= 0x1F6F) || r == 0x1F59 ||
                        r == 0x1F5B || r == 0x1F5D || r == 0x1F5F))
            return r - 8;
    }
    if (r >= 0x24B6 && r <= 0x24CF)
        return r + 26;
    if (r >= 0xFF21 && r <= 0xFF3A)
        return r + 32;
    if (r >= 0x10400 && r <= 0x10427)
        return r + 40;
    return r;
}

bool isUpperRune(char32_t r)
{
    return toLowerRune(r) != r;
}

bool isLowerRune(char32_t r)
{
    return toUpperRune(r) != r || r == 0xDF;
}

bool isSpaceRune(char32_t r)
{
    switch (r) {
    case '\t':
    case '\n':
    case '\v':
    case '\f':
    case '\r':
    case ' ':
    case 0x85:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
        return true;
    default:
        return r >= 0x2000 && r <= 0x200A;
    }
}

bool isDigitRune(char32_t r)
{
    if (r < 0x80)
        return r >= '0' && r <= '9';
    static constexpr char32_t zeros[] = {0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66,
                                         0xCE6, 0xD66, 0xE50, 0xED0, 0xF20, 0x1040, 0x17E0, 0x1810, 0xFF10};
    for (const char32_t z : zeros)
        if (r >= z && r <= z + 9)
            return true;
    return false;
}

bool isLetterRune(char32_t r)
{
    if (r < 0x80)
        return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
    if (r == 0xAA || r == 0xB5 || r == 0xBA)
        return true;
    if (r >= 0xC0 && r <= 0x24F)
        return r != 0xD7 && r != 0xF7;
    if (isSpaceRune(r) || isDigitRune(r))
        return false;
    if (toUpperRune(r) != r || toLowerRune(r) != r)
        return true;
    // Scripts without case: CJK, kana, Hangul, Arabic, Hebrew, Indic letters.
    return (r >= 0x5D0 && r <= 0x5EA) || (r >= 0x620 && r <= 0x64A) || (r >= 0x904 && r <= 0x939) ||
           (r >= 0x3041 && r <= 0x3096) || (r >= 0x30A1 && r <= 0x30FA) || (r >= 0x4E00 && r <= 0x9FFF) ||
           (r >= 0xAC00 && r <= 0xD7A3) || (r >= 0x250 && r <= 0x2AF);
}

namespace {

template<typename F>
std::string mapRunes(std::string_view s, F &&f)
{
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out += static_cast<char>(f(c));
            ++i;
            continue;
        }
        const auto d = utf8::decodeRune(s.substr(i));
        utf8::appendRune(out, f(d.rune));
        i += d.width;
    }
    return out;
}

} // namespace

std::string toUpper(std::string_view s)
{
    return mapRunes(s, toUpperRune);
}

std::string toLower(std::string_view s)
{
    return mapRunes(s, toLowerRune);
}

std::string title(std::string_view s)
{
    // strings.Title: a letter after a separator is title-cased. ASCII alphanumerics and '_' are
    // not separators; other ASCII is; letters and digits are not; spaces are.
    auto isSeparator = [](char32_t r) {
        if (r <= 0x7F) {
            if ((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_')
                return false;
            return true;
        }
        if (isLetterRune(r) || isDigitRune(r))
            return false;
        return isSpaceRune(r);
    };
    char32_t prev = ' ';
    return mapRunes(s, [&](char32_t r) {
        const char32_t out = isSeparator(prev) ? toUpperRune(r) : r;
        prev = r;
        return out;
    });
}

std::string_view trimSpace(std::string_view s)
{
    std::size_t b = 0;
    while (b < s.size()) {
        const auto d = utf8::decodeRune(s.substr(b));
        if (!isSpaceRune(d.rune) || (d.width == 1 && d.rune == utf8::kRuneError))
            break;
        b += d.width;
    }
    std::size_t e = s.size();
    while (e > b) {
        std::size_t st = e - 1;
        while (st > b && (static_cast<unsigned char>(s[st]) & 0xC0) == 0x80)
            --st;
        const auto d = utf8::decodeRune(s.substr(st, e - st));
        if (d.width != e - st || !isSpaceRune(d.rune))
            break;
        e = st;
    }
    return s.substr(b, e - b);
}

std::vector<std::string_view> fields(std::string_view s)
{
    std::vector<std::string_view> out;
    std::size_t i = 0, start = 0;
    bool inField = false;
    while (i < s.size()) {
        const auto d = utf8::decodeRune(s.substr(i));
        const bool space = isSpaceRune(d.rune) && !(d.width == 1 && d.rune == utf8::kRuneError);
        if (space && inField) {
            out.push_back(s.substr(start, i - start));
            inField = false;
        } else if (!space && !inField) {
            start = i;
            inField = true;
        }
        i += d.width;
    }
    if (inField)
        out.push_back(s.substr(start));
    return out;
}

std::string_view trimCutset(std::string_view s, std::string_view cutset)
{
    auto inSet = [&](char32_t r) {
        for (std::size_t i = 0; i < cutset.size();) {
            const auto d = utf8::decodeRune(cutset.substr(i));
            if (d.rune == r)
                return true;
            i += d.width;
        }
        return false;
    };
    std::size_t b = 0;
    while (b < s.size()) {
        const auto d = utf8::decodeRune(s.substr(b));
        if (!inSet(d.rune))
            break;
        b += d.width;
    }
    std::size_t e = s.size();
    while (e > b) {
        std::size_t st = e - 1;
        while (st > b && (static_cast<unsigned char>(s[st]) & 0xC0) == 0x80)
            --st;
        const auto d = utf8::decodeRune(s.substr(st, e - st));
        const char32_t r = d.width == e - st ? d.rune : utf8::kRuneError;
        if (!inSet(r))
            break;
        e = d.width == e - st ? st : e - 1;
    }
    return s.substr(b, e - b);
}

std::vector<std::string> split(std::string_view s, std::string_view sep, int n)
{
    std::vector<std::string> out;
    if (n == 0)
        return out;
    if (sep.empty()) {
        std::size_t i = 0;
        while (i < s.size()) {
            if (n > 0 && static_cast<int>(out.size()) == n - 1) {
                out.emplace_back(s.substr(i));
                return out;
            }
            const auto d = utf8::decodeRune(s.substr(i));
            out.emplace_back(d.width == 1 && d.rune == utf8::kRuneError ? std::string("\xEF\xBF\xBD")
                                                                          : std::string(s.substr(i, d.width)));
            i += d.width;
        }
        return out;
    }
    std::size_t start = 0;
    while (n < 0 || static_cast<int>(out.size()) < n - 1) {
        const auto pos = s.find(sep, start);
        if (pos == std::string_view::npos)
            break;
        out.emplace_back(s.substr(start, pos - start));
        start = pos + sep.size();
    }
    out.emplace_back(s.substr(start));
    return out;
}

std::string replace(std::string_view s, std::string_view oldS, std::string_view newS, int n)
{
    if (n == 0 || oldS == newS)
        return std::string(s);
    std::string out;
    std::size_t start = 0;
    int done = 0;
    if (oldS.empty()) {
        // Go inserts `new` before every rune and at the end.
        std::size_t i = 0;
        while ((n < 0 || done < n) && i <= s.size()) {
            out.append(newS);
            ++done;
            if (i == s.size()) {
                i = s.size() + 1;
                break;
            }
            const auto d = utf8::decodeRune(s.substr(i));
            out.append(s.substr(i, d.width));
            i += d.width;
        }
        if (i <= s.size())
            out.append(s.substr(i));
        return out;
    }
    while (n < 0 || done < n) {
        const auto pos = s.find(oldS, start);
        if (pos == std::string_view::npos)
            break;
        out.append(s.substr(start, pos - start));
        out.append(newS);
        start = pos + oldS.size();
        ++done;
    }
    out.append(s.substr(start));
    return out;
}

// ---- encoding/base64 (StdEncoding) --------------------------------------------------------------

std::string base64Encode(std::string_view s)
{
    static constexpr char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    for (; i + 3 <= s.size(); i += 3) {
        const std::uint32_t v = (std::uint32_t{p[i]} << 16) | (std::uint32_t{p[i + 1]} << 8) | p[i + 2];
        out += t[v >> 18];
        out += t[(v >> 12) & 63];
        out += t[(v >> 6) & 63];
        out += t[v & 63];
    }
    if (s.size() - i == 1) {
        const std::uint32_t v = std::uint32_t{p[i]} << 16;
        out += t[v >> 18];
        out += t[(v >> 12) & 63];
        out += "==";
    } else if (s.size() - i == 2) {
        const std::uint32_t v = (std::uint32_t{p[i]} << 16) | (std::uint32_t{p[i + 1]} << 8);
        out += t[v >> 18];
        out += t[(v >> 12) & 63];
        out += t[(v >> 6) & 63];
        out += '=';
    }
    return out;
}

// base64.StdEncoding.DecodeString; error text "illegal base64 data at input byte N". Go skips
// '\r' and '\n'.
bool base64Decode(std::string_view s, std::string &out, std::string &error)
{
    auto val = [](char c) -> int {
        if (c >= 'A' && c <= 'Z')
            return c - 'A';
        if (c >= 'a' && c <= 'z')
            return c - 'a' + 26;
        if (c >= '0' && c <= '9')
            return c - '0' + 52;
        if (c == '+')
            return 62;
        if (c == '/')
            return 63;
        return -1;
    };
    out.clear();
    std::uint32_t acc = 0;
    int n = 0;
    std::size_t i = 0;
    std::size_t quantumStart = 0;
    auto bad = [&](std::size_t at) {
        error = "illegal base64 data at input byte " + std::to_string(at);
        return false;
    };
    while (i < s.size()) {
        const char c = s[i];
        if (c == '\r' || c == '\n') {
            ++i;
            continue;
        }
        if (n == 0)
            quantumStart = i;
        if (c == '=') {
            // Padding: only after 2 or 3 symbols of a quantum.
            if (n < 2)
                return bad(i);
            std::size_t j = i + 1;
            while (j < s.size() && (s[j] == '\r' || s[j] == '\n'))
                ++j;
            if (n == 2) {
                if (j >= s.size() || s[j] != '=')
                    return bad(j >= s.size() ? s.size() : j);
                ++j;
                while (j < s.size() && (s[j] == '\r' || s[j] == '\n'))
                    ++j;
            }
            if (j < s.size())
                return bad(j);
            if (n == 2)
                out += static_cast<char>((acc >> 4) & 0xff);
            else {
                out += static_cast<char>((acc >> 10) & 0xff);
                out += static_cast<char>((acc >> 2) & 0xff);
            }
            return true;
        }
        const int v = val(c);
        if (v < 0)
            return bad(i);
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        if (++n == 4) {
            out += static_cast<char>((acc >> 16) & 0xff);
            out += static_cast<char>((acc >> 8) & 0xff);
            out += static_cast<char>(acc & 0xff);
            acc = 0;
            n = 0;
        }
        ++i;
    }
    if (n != 0)
        return bad(n == 1 ? quantumStart : s.size());
    return true;
}

} // namespace bindery::expr::go
