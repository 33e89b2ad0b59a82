// SPDX-License-Identifier: Apache-2.0
// GCC 12 at -O3 reports a false -Wrestrict inside std::string's operator+ (GCC bug 105329).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
// sprig's encodings and hashes: b64enc/b64dec, b32enc/b32dec, sha1sum, sha256sum, adler32sum.
#include "expr/sprig_p.h"

#include "expr/go_format.h"
#include "expr/go_json.h"
#include "expr/go_regexp.h"
#include "expr/go_strings.h"
#include "expr/go_time.h"
#include "expr/go_utf8.h"
#include <re2/re2.h>
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <random>

namespace bindery::expr::sprigimpl {

namespace {

// ---- hashes (sha1sum, sha256sum, adler32sum) ----------------------------------------------------

std::uint32_t rotl(std::uint32_t x, int n)
{
    return (x << n) | (x >> (32 - n));
}
std::uint32_t rotr(std::uint32_t x, int n)
{
    return (x >> n) | (x << (32 - n));
}

std::string padMessage(std::string_view s)
{
    std::string m(s);
    const std::uint64_t bits = static_cast<std::uint64_t>(s.size()) * 8;
    m += '\x80';
    while (m.size() % 64 != 56)
        m += '\0';
    for (int i = 7; i >= 0; --i)
        m += static_cast<char>((bits >> (8 * i)) & 0xff);
    return m;
}

std::uint32_t be32(const unsigned char *p)
{
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

std::string hexWords(const std::uint32_t *h, int n)
{
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < n; ++i)
        for (int s = 28; s >= 0; s -= 4)
            out += hex[(h[i] >> s) & 15];
    return out;
}

std::string sha1Hex(std::string_view s)
{
    std::uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    const std::string m = padMessage(s);
    const auto *p = reinterpret_cast<const unsigned char *>(m.data());
    for (std::size_t off = 0; off < m.size(); off += 64) {
        std::uint32_t w[80];
        for (int i = 0; i < 16; ++i)
            w[i] = be32(p + off + 4 * i);
        for (int i = 16; i < 80; ++i)
            w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; ++i) {
            std::uint32_t f, k;
            if (i < 20) {
                f = (b & c) | (~b & d);
                k = 0x5A827999;
            } else if (i < 40) {
                f = b ^ c ^ d;
                k = 0x6ED9EBA1;
            } else if (i < 60) {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8F1BBCDC;
            } else {
                f = b ^ c ^ d;
                k = 0xCA62C1D6;
            }
            const std::uint32_t t = rotl(a, 5) + f + e + k + w[i];
            e = d;
            d = c;
            c = rotl(b, 30);
            b = a;
            a = t;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
    }
    return hexWords(h, 5);
}

std::string sha256Hex(std::string_view s)
{
    static constexpr std::uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
    std::uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                          0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    const std::string m = padMessage(s);
    const auto *p = reinterpret_cast<const unsigned char *>(m.data());
    for (std::size_t off = 0; off < m.size(); off += 64) {
        std::uint32_t w[64];
        for (int i = 0; i < 16; ++i)
            w[i] = be32(p + off + 4 * i);
        for (int i = 16; i < 64; ++i) {
            const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
            const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 64; ++i) {
            const std::uint32_t S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
            const std::uint32_t ch = (e & f) ^ (~e & g);
            const std::uint32_t t1 = hh + S1 + ch + k[i] + w[i];
            const std::uint32_t S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
            const std::uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
            const std::uint32_t t2 = S0 + maj;
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
        h[5] += f;
        h[6] += g;
        h[7] += hh;
    }
    return hexWords(h, 8);
}

std::uint32_t adler32(std::string_view s)
{
    std::uint32_t a = 1, b = 0;
    for (const char c : s) {
        a = (a + static_cast<unsigned char>(c)) % 65521;
        b = (b + a) % 65521;
    }
    return (b << 16) | a;
}

// ---- base64 / base32 ----------------------------------------------------------------------------


std::string base32Encode(std::string_view s)
{
    static constexpr char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        std::uint64_t v = 0;
        const std::size_t take = std::min<std::size_t>(5, s.size() - i);
        for (std::size_t j = 0; j < 5; ++j)
            v = (v << 8) | (j < take ? static_cast<unsigned char>(s[i + j]) : 0);
        static constexpr int chars[] = {0, 2, 4, 5, 7, 8};
        const int nchars = chars[take];
        for (int j = 0; j < 8; ++j)
            out += j < nchars ? t[(v >> (35 - 5 * j)) & 31] : '=';
        i += take;
    }
    return out;
}

bool base32Decode(std::string_view s, std::string &out, std::string &error)
{
    out.clear();
    std::string clean;
    std::vector<std::size_t> pos;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (s[i] != '\r' && s[i] != '\n') {
            clean += s[i];
            pos.push_back(i);
        }
    auto bad = [&](std::size_t at) {
        error = "illegal base32 data at input byte " + std::to_string(at);
        return false;
    };
    if (clean.size() % 8 != 0)
        return bad(s.size() - s.size() % 8 > 0 ? (clean.size() / 8) * 8 : 0);
    for (std::size_t q = 0; q < clean.size(); q += 8) {
        std::uint64_t v = 0;
        int n = 0;
        for (int j = 0; j < 8; ++j) {
            const char c = clean[q + j];
            int d = -1;
            if (c >= 'A' && c <= 'Z')
                d = c - 'A';
            else if (c >= '2' && c <= '7')
                d = c - '2' + 26;
            else if (c == '=') {
                for (int k = j; k < 8; ++k)
                    if (clean[q + k] != '=')
                        return bad(pos[q + k]);
                if (q + 8 != clean.size())
                    return bad(pos[q + 8]);
                break;
            }
            if (d < 0)
                return bad(pos[q + j]);
            v |= static_cast<std::uint64_t>(d) << (35 - 5 * j);
            ++n;
        }
        static constexpr int bytesFor[] = {0, 0, 1, 0, 2, 3, 0, 4, 5};
        const int nb = bytesFor[n];
        if (n != 8 && nb == 0)
            return bad(pos[q + static_cast<std::size_t>(n)]);
        for (int j = 0; j < nb; ++j)
            out += static_cast<char>((v >> (32 - 8 * j)) & 0xff);
    }
    return true;
}

} // namespace

void defineEncoding()
{
    using enum P;
    def("b64enc", "encoding", "func(string) string", {{String}},
        [](Args a) { return CallResult(str(go::base64Encode(a[0].asString()))); });
    def("b64dec", "encoding", "func(string) string", {{String}}, [](Args a) {
        std::string out, error;
        if (!go::base64Decode(a[0].asString(), out, error))
            return CallResult(str(error));
        return CallResult(str(out));
    });
    def("b32enc", "encoding", "func(string) string", {{String}},
        [](Args a) { return CallResult(str(base32Encode(a[0].asString()))); });
    def("b32dec", "encoding", "func(string) string", {{String}}, [](Args a) {
        std::string out, error;
        if (!base32Decode(a[0].asString(), out, error))
            return CallResult(str(error));
        return CallResult(str(out));
    });
    def("toJson", "encoding", "func(interface {}) string", {{Any}}, [](Args a) {
        const auto r = go::marshal(a[0]);
        return CallResult(str(r.ok ? r.text : std::string()));
    });
    def("mustToJson", "encoding", "func(interface {}) (string, error)", {{Any}}, [](Args a) {
        auto r = go::marshal(a[0]);
        return r.ok ? CallResult(str(r.text)) : fail(r.error);
    });
    def("toPrettyJson", "encoding", "func(interface {}) string", {{Any}}, [](Args a) {
        const auto r = go::marshalIndent(a[0], "", "  ");
        return CallResult(str(r.ok ? r.text : std::string()));
    });
    def("mustToPrettyJson", "encoding", "func(interface {}) (string, error)", {{Any}}, [](Args a) {
        auto r = go::marshalIndent(a[0], "", "  ");
        return r.ok ? CallResult(str(r.text)) : fail(r.error);
    });
    const auto raw = [](Args a) -> CallResult {
        // json.Encoder with SetEscapeHTML(false): < > & stay as they are.
        auto r = go::marshal(a[0]);
        if (!r.ok)
            return fail(r.error);
        return CallResult(str(go::replace(go::replace(go::replace(r.text, "\\u003c", "<"), "\\u003e", ">"),
                                          "\\u0026", "&")));
    };
    def("toRawJson", "encoding", "func(interface {}) string", {{Any}}, [raw](Args a) {
        auto r = raw(a);
        return r.ok() ? r : CallResult(str(""));
    });
    def("mustToRawJson", "encoding", "func(interface {}) (string, error)", {{Any}}, raw);
    def("fromJson", "encoding", "func(string) interface {}", {{String}}, [](Args a) {
        auto r = go::unmarshal(a[0].asString());
        return CallResult(r.ok ? r.value : Value());
    });
    def("mustFromJson", "encoding", "func(string) (interface {}, error)", {{String}}, [](Args a) {
        auto r = go::unmarshal(a[0].asString());
        return r.ok ? CallResult(r.value) : fail(r.error);
    });
    def("sha1sum", "crypto", "func(string) string", {{String}},
        [](Args a) { return CallResult(str(sha1Hex(a[0].asString()))); });
    def("sha256sum", "crypto", "func(string) string", {{String}},
        [](Args a) { return CallResult(str(sha256Hex(a[0].asString()))); });
    def("adler32sum", "crypto", "func(string) string", {{String}},
        [](Args a) { return CallResult(str(std::to_string(adler32(a[0].asString())))); });
}

} // namespace bindery::expr::sprigimpl
