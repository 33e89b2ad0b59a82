// SPDX-License-Identifier: Apache-2.0
// Go's unicode/utf8 decoding rules (what "invalid UTF-8" means to Go: overlong forms, surrogates
// and code points above U+10FFFF are invalid and decode as U+FFFD one byte at a time).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace bindery::expr::go::utf8 {

inline constexpr char32_t kRuneError = 0xfffd;

struct Decoded
{
    char32_t rune;
    std::size_t width;
};

// utf8.DecodeRuneInString: (RuneError, 1) for an invalid byte, (RuneError, 0) for empty input.
inline Decoded decodeRune(std::string_view s)
{
    if (s.empty())
        return {kRuneError, 0};
    const auto b0 = static_cast<unsigned char>(s[0]);
    if (b0 < 0x80)
        return {b0, 1};
    auto cont = [&](std::size_t i) -> int {
        if (i >= s.size())
            return -1;
        const auto b = static_cast<unsigned char>(s[i]);
        return (b & 0xc0) == 0x80 ? (b & 0x3f) : -1;
    };
    if (b0 >= 0xc2 && b0 <= 0xdf) {
        const int c1 = cont(1);
        if (c1 < 0)
            return {kRuneError, 1};
        return {static_cast<char32_t>(((b0 & 0x1f) << 6) | c1), 2};
    }
    if (b0 >= 0xe0 && b0 <= 0xef) {
        if (s.size() < 2)
            return {kRuneError, 1};
        const auto b1 = static_cast<unsigned char>(s[1]);
        const unsigned char lo = b0 == 0xe0 ? 0xa0 : 0x80;
        const unsigned char hi = b0 == 0xed ? 0x9f : 0xbf;
        if (b1 < lo || b1 > hi)
            return {kRuneError, 1};
        const int c2 = cont(2);
        if (c2 < 0)
            return {kRuneError, 1};
        return {static_cast<char32_t>(((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | c2), 3};
    }
    if (b0 >= 0xf0 && b0 <= 0xf4) {
        if (s.size() < 2)
            return {kRuneError, 1};
        const auto b1 = static_cast<unsigned char>(s[1]);
        const unsigned char lo = b0 == 0xf0 ? 0x90 : 0x80;
        const unsigned char hi = b0 == 0xf4 ? 0x8f : 0xbf;
        if (b1 < lo || b1 > hi)
            return {kRuneError, 1};
        const int c2 = cont(2);
        const int c3 = c2 < 0 ? -1 : cont(3);
        if (c3 < 0)
            return {kRuneError, 1};
        return {static_cast<char32_t>(((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | (c2 << 6) | c3), 4};
    }
    return {kRuneError, 1};
}

// utf8.AppendRune: invalid code points (surrogates, > U+10FFFF) become U+FFFD.
inline void appendRune(std::string &out, char32_t r)
{
    if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff))
        r = kRuneError;
    if (r < 0x80) {
        out += static_cast<char>(r);
    } else if (r < 0x800) {
        out += static_cast<char>(0xc0 | (r >> 6));
        out += static_cast<char>(0x80 | (r & 0x3f));
    } else if (r < 0x10000) {
        out += static_cast<char>(0xe0 | (r >> 12));
        out += static_cast<char>(0x80 | ((r >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (r & 0x3f));
    } else {
        out += static_cast<char>(0xf0 | (r >> 18));
        out += static_cast<char>(0x80 | ((r >> 12) & 0x3f));
        out += static_cast<char>(0x80 | ((r >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (r & 0x3f));
    }
}

// utf8.ValidString
inline bool valid(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const auto d = decodeRune(s.substr(i));
        if (d.width == 1)
            return false;
        i += d.width;
    }
    return true;
}

// utf8.RuneCountInString
inline std::size_t runeCount(std::string_view s)
{
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n)
        i += static_cast<unsigned char>(s[i]) < 0x80 ? 1 : decodeRune(s.substr(i)).width;
    return n;
}

// Invalid sequences replaced by U+FFFD, one per bad byte (Go's string(runes) / json decoding).
inline std::string toValid(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            out += static_cast<char>(c);
            ++i;
            continue;
        }
        const auto d = decodeRune(s.substr(i));
        if (d.width == 1)
            appendRune(out, kRuneError);
        else
            out.append(s.substr(i, d.width));
        i += d.width;
    }
    return out;
}

} // namespace bindery::expr::go::utf8
