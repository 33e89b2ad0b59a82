// SPDX-License-Identifier: Apache-2.0
// GCC 12 at -O3 reports a false -Wrestrict inside std::string's operator+ (GCC bug 105329).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
#include "expr/go_json.h"

#include "expr/go_format.h"
#include "expr/go_time.h"
#include "expr/go_utf8.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace bindery::expr::go {

// ---- encoding -----------------------------------------------------------------------------------

namespace {

constexpr char kHex[] = "0123456789abcdef";

// Bytes that encoding/json copies as they are (with escapeHTML): printable ASCII except " \ < > &.
struct SafeTable
{
    bool safe[256] = {};
    constexpr SafeTable()
    {
        for (int c = 0x20; c < 0x80; ++c)
            safe[c] = c != '"' && c != '\\';
    }
};
constexpr SafeTable kSafe;

} // namespace

namespace {

// Index of the first byte at or after i that the string encoder must look at (a quote, a
// backslash, a control character, < > &, or non-ASCII), eight bytes at a time.
std::size_t scanSafe(std::string_view s, std::size_t i)
{
    constexpr std::uint64_t ones = 0x0101010101010101ull;
    constexpr std::uint64_t highs = 0x8080808080808080ull;
    auto zeroByte = [](std::uint64_t x) { return (x - ones) & ~x; };
    while (s.size() - i >= 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        const std::uint64_t hit = zeroByte(w ^ (ones * '"')) | zeroByte(w ^ (ones * '\\')) | zeroByte(w ^ (ones * '<')) |
                                  zeroByte(w ^ (ones * '>')) | zeroByte(w ^ (ones * '&')) | (w - ones * 0x20) | w;
        if (hit & highs)
            break;
        i += 8;
    }
    return i;
}

} // namespace

void appendJsonString(std::string &out, std::string_view s, bool escapeHtml)
{
    out += '"';
    std::size_t start = 0;
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        i = scanSafe(s, i);
        if (i >= n)
            break;
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            if (kSafe.safe[b] && !(escapeHtml && (b == '<' || b == '>' || b == '&'))) {
                ++i;
                continue;
            }
            out.append(s.data() + start, i - start);
            switch (b) {
            case '\\':
            case '"':
                out += '\\';
                out += static_cast<char>(b);
                break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                // Control characters and, with escapeHTML, < > &: \u00XX (Go 1.19 has no \b \f).
                out += "\\u00";
                out += kHex[b >> 4];
                out += kHex[b & 0xf];
                break;
            }
            ++i;
            start = i;
            continue;
        }
        const auto d = utf8::decodeRune(s.substr(i));
        if (d.rune == utf8::kRuneError && d.width == 1) {
            out.append(s.data() + start, i - start);
            out += "\\ufffd";
            ++i;
            start = i;
            continue;
        }
        // U+2028 and U+2029 break JavaScript string literals: Go escapes them.
        if (d.rune == 0x2028 || d.rune == 0x2029) {
            out.append(s.data() + start, i - start);
            out += "\\u202";
            out += kHex[d.rune & 0xf];
            i += d.width;
            start = i;
            continue;
        }
        i += d.width;
    }
    out.append(s.data() + start, n - start);
    out += '"';
}

void appendJsonFloat(std::string &out, double f)
{
    const double a = std::fabs(f);
    char fmt = 'f';
    if (a != 0 && (a < 1e-6 || a >= 1e21))
        fmt = 'e';
    const std::size_t start = out.size();
    appendFloat(out, f, fmt, -1, 64);
    if (fmt == 'e') {
        // Clean up e-09 to e-9.
        const std::size_t n = out.size() - start;
        if (n >= 4 && out[out.size() - 4] == 'e' && out[out.size() - 3] == '-' && out[out.size() - 2] == '0') {
            out[out.size() - 2] = out[out.size() - 1];
            out.pop_back();
        }
    }
}

namespace {

void appendBase64(std::string &out, std::string_view s)
{
    static constexpr char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::size_t i = 0;
    const auto *p = reinterpret_cast<const unsigned char *>(s.data());
    for (; i + 3 <= s.size(); i += 3) {
        const std::uint32_t v = (std::uint32_t{p[i]} << 16) | (std::uint32_t{p[i + 1]} << 8) | p[i + 2];
        out += table[v >> 18];
        out += table[(v >> 12) & 63];
        out += table[(v >> 6) & 63];
        out += table[v & 63];
    }
    const std::size_t rest = s.size() - i;
    if (rest == 1) {
        const std::uint32_t v = std::uint32_t{p[i]} << 16;
        out += table[v >> 18];
        out += table[(v >> 12) & 63];
        out += "==";
    } else if (rest == 2) {
        const std::uint32_t v = (std::uint32_t{p[i]} << 16) | (std::uint32_t{p[i + 1]} << 8);
        out += table[v >> 18];
        out += table[(v >> 12) & 63];
        out += table[(v >> 6) & 63];
        out += '=';
    }
}

class Encoder
{
public:
    Encoder(std::string &out, bool indent, std::string_view prefix, std::string_view indentStr)
        : out_(out), indent_(indent), prefix_(prefix), indentStr_(indentStr)
    {
    }

    bool encode(const Value &v, int depth)
    {
        switch (v.kind()) {
        case Kind::Nil: out_ += "null"; return true;
        case Kind::Bool: out_ += v.asBool() ? "true" : "false"; return true;
        case Kind::Int:
            if (v.intType() == IntType::Uint || v.intType() == IntType::Uint64)
                appendUint(out_, static_cast<std::uint64_t>(v.asInt()));
            else
                appendInt(out_, v.asInt());
            return true;
        case Kind::Duration: appendInt(out_, v.asInt()); return true;
        case Kind::Float: {
            const double f = v.asFloat();
            if (std::isnan(f) || std::isinf(f)) {
                error_ = "json: unsupported value: " + formatFloat(f, 'g', -1, 64);
                return false;
            }
            appendJsonFloat(out_, f);
            return true;
        }
        case Kind::String: appendJsonString(out_, v.asString()); return true;
        case Kind::Bytes:
            out_ += '"';
            appendBase64(out_, v.asString());
            out_ += '"';
            return true;
        case Kind::Time:
            out_ += '"';
            if (!appendRfc3339Nano(out_, v.asTime())) {
                error_ = "json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: year outside of "
                         "range [0,9999]";
                return false;
            }
            out_ += '"';
            return true;
        case Kind::Location:
            // *time.Location has only unexported fields.
            out_ += "{}";
            return true;
        case Kind::Array: {
            const auto items = v.asArray();
            if (items.empty()) {
                out_ += "[]";
                return true;
            }
            out_ += '[';
            bool first = true;
            for (const auto &e : items) {
                if (!first)
                    out_ += ',';
                first = false;
                newline(depth + 1);
                if (!encode(e, depth + 1))
                    return false;
            }
            newline(depth);
            out_ += ']';
            return true;
        }
        case Kind::Map: {
            const auto entries = v.asMap();
            if (entries.empty()) {
                out_ += "{}";
                return true;
            }
            out_ += '{';
            bool first = true;
            for (const auto &e : entries) {
                if (!first)
                    out_ += ',';
                first = false;
                newline(depth + 1);
                appendJsonString(out_, e.key.asString());
                out_ += indent_ ? ": " : ":";
                if (!encode(e.value, depth + 1))
                    return false;
            }
            newline(depth);
            out_ += '}';
            return true;
        }
        case Kind::AnyMap:
        case Kind::Function:
            error_ = "json: unsupported type: " + v.goTypeName();
            return false;
        }
        return true;
    }

    const std::string &error() const { return error_; }

private:
    void newline(int depth)
    {
        if (!indent_)
            return;
        out_ += '\n';
        out_.append(prefix_);
        for (int i = 0; i < depth; ++i)
            out_.append(indentStr_);
    }

    std::string &out_;
    bool indent_;
    std::string_view prefix_;
    std::string_view indentStr_;
    std::string error_;
};

} // namespace

bool appendMarshal(std::string &out, const Value &v, std::string *error)
{
    out.reserve(out.size() + 1024);
    Encoder enc(out, false, {}, {});
    if (enc.encode(v, 0))
        return true;
    if (error)
        *error = enc.error();
    return false;
}

MarshalResult marshal(const Value &v)
{
    MarshalResult r;
    r.text.reserve(256);
    Encoder enc(r.text, false, {}, {});
    r.ok = enc.encode(v, 0);
    if (!r.ok) {
        r.text.clear();
        r.error = enc.error();
    }
    return r;
}

MarshalResult marshalIndent(const Value &v, std::string_view prefix, std::string_view indent)
{
    MarshalResult r;
    Encoder enc(r.text, true, prefix, indent);
    r.ok = enc.encode(v, 0);
    if (!r.ok) {
        r.text.clear();
        r.error = enc.error();
    }
    return r;
}

// ---- decoding -----------------------------------------------------------------------------------

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexVal(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// encoding/json's quoteChar: the offending byte as Go prints it in a SyntaxError.
std::string quoteChar(unsigned char c)
{
    if (c == '\'')
        return "'\\''";
    if (c == '"')
        return "'\"'";
    std::string rune;
    utf8::appendRune(rune, c);
    std::string out = quote(rune);
    // Swap Quote's double quotes for single ones.
    out.front() = '\'';
    out.back() = '\'';
    return out;
}

class Parser
{
public:
    Parser(std::string_view data, bool decoderMode)
        : begin_(data.data()), p_(data.data()), end_(data.data() + data.size()), decoder_(decoderMode),
          // The text of a document's strings (plus their headers) takes about its size.
          strings_(data.size() + data.size() / 2 + 256)
    {
    }

    DecodeResult run()
    {
        DecodeResult r;
        vals_.reserve(64);
        skipSpace();
        if (p_ == end_) {
            r.error = decoder_ ? "EOF" : "unexpected end of JSON input";
            r.offset = static_cast<std::size_t>(p_ - begin_);
            return r;
        }
        Value v;
        if (!parseValue(v)) {
            r.error = std::move(error_);
            r.offset = offset_;
            return r;
        }
        r.consumed = static_cast<std::size_t>(p_ - begin_);
        if (!decoder_) {
            skipSpace();
            if (p_ != end_) {
                r.error = "invalid character " + quoteChar(static_cast<unsigned char>(*p_)) +
                          " after top-level value";
                r.offset = static_cast<std::size_t>(p_ - begin_) + 1;
                return r;
            }
        }
        if (!numberError_.empty()) {
            r.error = std::move(numberError_);
            r.offset = numberOffset_;
            return r;
        }
        r.ok = true;
        r.value = std::move(v);
        return r;
    }

private:
    void skipSpace()
    {
        while (p_ < end_ && isSpace(*p_))
            ++p_;
    }

    bool fail(const char *context)
    {
        error_ = "invalid character " + quoteChar(static_cast<unsigned char>(*p_)) + " " + context;
        offset_ = static_cast<std::size_t>(p_ - begin_) + 1;
        return false;
    }

    bool failEof()
    {
        error_ = decoder_ ? "unexpected EOF" : "unexpected end of JSON input";
        offset_ = static_cast<std::size_t>(end_ - begin_);
        return false;
    }

    static constexpr std::size_t kMaxDepth = 10000; // encoding/json's maxNestingDepth
    static constexpr std::size_t kInternSlots = 256;

    // First byte at or after p that is not plain string content (a quote, a backslash, a control
    // character or non-ASCII), eight bytes at a time.
    const char *scanPlain(const char *p) const
    {
        constexpr std::uint64_t ones = 0x0101010101010101ull;
        constexpr std::uint64_t highs = 0x8080808080808080ull;
        while (end_ - p >= 8) {
            std::uint64_t w;
            std::memcpy(&w, p, 8);
            const std::uint64_t quote = w ^ (ones * '"');
            const std::uint64_t slash = w ^ (ones * '\\');
            // A zero byte in quote/slash, a byte < 0x20, or a byte >= 0x80.
            const std::uint64_t hit = ((quote - ones) & ~quote) | ((slash - ones) & ~slash) | (w - ones * 0x20) | w;
            if (hit & highs)
                break;
            p += 8;
        }
        while (p < end_) {
            const auto c = static_cast<unsigned char>(*p);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                break;
            ++p;
        }
        return p;
    }

    struct Frame
    {
        bool object;
        std::size_t base;
    };

    // Reads `"key"` then `:`; p_ is at the opening quote. Payloads repeat the same keys in every
    // nested user/repository object: plain keys are shared instead of allocated again.
    bool parseKey()
    {
        Value key;
        const char *start = p_ + 1;
        const char *q = scanPlain(start);
        if (q < end_ && *q == '"' && q - start <= 64) {
            const std::string_view text(start, static_cast<std::size_t>(q - start));
            // A cheap hash: length and the first and last (up to) eight bytes. Fixed-size loads
            // when the key has eight bytes (most do), a byte loop otherwise.
            std::uint64_t head = 0, tail = 0;
            if (text.size() >= 8) {
                std::memcpy(&head, text.data(), 8);
                std::memcpy(&tail, text.data() + text.size() - 8, 8);
            } else {
                for (const char c : text)
                    head = (head << 8) | static_cast<unsigned char>(c);
                tail = head;
            }
            const std::uint64_t h = (head * 0x9E3779B97F4A7C15ull) ^ (tail * 0xC2B2AE3D27D4EB4Full) ^ text.size();
            std::size_t slot = static_cast<std::size_t>(h >> 56) & (kInternSlots - 1);
            for (;;) {
                Value &cached = intern_[slot];
                if (cached.isNil()) {
                    cached = strings_.string(text);
                    key = cached;
                    break;
                }
                if (cached.asString() == text) {
                    key = cached;
                    break;
                }
                if (++internUsed_ > kInternSlots / 2) {
                    key = strings_.string(text); // table crowded: stop probing
                    break;
                }
                slot = (slot + 1) & (kInternSlots - 1);
            }
            p_ = q + 1;
        } else if (!parseString(key)) {
            return false;
        }
        vals_.push_back(std::move(key));
        skipSpace();
        if (p_ == end_)
            return failEof();
        if (*p_ != ':')
            return fail("after object key");
        ++p_;
        return true;
    }

    // One value, iteratively (Go allows 10000 levels of nesting; recursion would be a stack risk).
    bool parseValue(Value &result)
    {
        std::vector<Frame> stack;
        Value v;
        for (;;) {
            // State: looking for the beginning of a value.
            skipSpace();
            if (p_ == end_)
                return failEof();
            const char c = *p_;
            bool have = false;
            switch (c) {
            case '{':
                ++p_;
                if (stack.size() >= kMaxDepth) {
                    --p_;
                    return fail("exceeded max depth");
                }
                skipSpace();
                if (p_ == end_)
                    return failEof();
                if (*p_ == '}') {
                    ++p_;
                    v = Value::map({});
                    have = true;
                    break;
                }
                if (*p_ != '"')
                    return fail("looking for beginning of object key string");
                stack.push_back({true, vals_.size()});
                if (!parseKey())
                    return false;
                continue;
            case '[':
                ++p_;
                if (stack.size() >= kMaxDepth) {
                    --p_;
                    return fail("exceeded max depth");
                }
                skipSpace();
                if (p_ == end_)
                    return failEof();
                if (*p_ == ']') {
                    ++p_;
                    v = Value::array({});
                    have = true;
                    break;
                }
                stack.push_back({false, vals_.size()});
                continue;
            case '"':
                if (!parseString(v))
                    return false;
                have = true;
                break;
            case 't':
                if (!parseLiteral("true"))
                    return false;
                v = Value::boolean(true);
                have = true;
                break;
            case 'f':
                if (!parseLiteral("false"))
                    return false;
                v = Value::boolean(false);
                have = true;
                break;
            case 'n':
                if (!parseLiteral("null"))
                    return false;
                v = Value();
                have = true;
                break;
            default:
                if (c == '-' || isDigit(c)) {
                    if (!parseNumber(v))
                        return false;
                    have = true;
                    break;
                }
                return fail("looking for beginning of value");
            }
            (void)have;
            // State: a value was read; close containers as far as possible.
            for (;;) {
                if (stack.empty()) {
                    result = std::move(v);
                    return true;
                }
                vals_.push_back(std::move(v));
                skipSpace();
                if (p_ == end_)
                    return failEof();
                const Frame f = stack.back();
                const char d = *p_;
                if (!f.object) {
                    if (d == ',') {
                        ++p_;
                        break; // next element
                    }
                    if (d != ']')
                        return fail("after array element");
                    ++p_;
                    v = Value::arrayFrom(std::span<Value>(vals_).subspan(f.base));
                    vals_.resize(f.base);
                    stack.pop_back();
                    continue;
                }
                if (d == ',') {
                    ++p_;
                    skipSpace();
                    if (p_ == end_)
                        return failEof();
                    if (*p_ != '"')
                        return fail("looking for beginning of object key string");
                    if (!parseKey())
                        return false;
                    break; // next value
                }
                if (d != '}')
                    return fail("after object key:value pair");
                ++p_;
                entries_.clear();
                for (std::size_t i = f.base; i + 1 < vals_.size(); i += 2)
                    entries_.push_back({std::move(vals_[i]), std::move(vals_[i + 1])});
                vals_.resize(f.base);
                stack.pop_back();
                v = Value::mapFrom(entries_);
            }
        }
    }

    bool parseLiteral(std::string_view lit)
    {
        ++p_;
        for (std::size_t i = 1; i < lit.size(); ++i, ++p_) {
            if (p_ == end_)
                return failEof();
            if (*p_ != lit[i]) {
                std::string ctx = "in literal ";
                ctx += lit;
                ctx += " (expecting '";
                ctx += lit[i];
                ctx += "')";
                return fail(ctx.c_str());
            }
        }
        return true;
    }

    bool parseNumber(Value &v)
    {
        const char *start = p_;
        if (*p_ == '-') {
            ++p_;
            if (p_ == end_)
                return failEof();
            if (!isDigit(*p_))
                return fail("in numeric literal");
        }
        if (*p_ == '0') {
            ++p_;
        } else {
            while (p_ < end_ && isDigit(*p_))
                ++p_;
        }
        if (p_ < end_ && *p_ == '.') {
            ++p_;
            if (p_ == end_)
                return failEof();
            if (!isDigit(*p_))
                return fail("after decimal point in numeric literal");
            while (p_ < end_ && isDigit(*p_))
                ++p_;
        }
        if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
            ++p_;
            if (p_ == end_)
                return failEof();
            if (*p_ == '+' || *p_ == '-') {
                ++p_;
                if (p_ == end_)
                    return failEof();
            }
            if (!isDigit(*p_))
                return fail("in exponent of numeric literal");
            while (p_ < end_ && isDigit(*p_))
                ++p_;
        }
        double d = 0;
        const auto res = std::from_chars(start, p_, d);
        if (res.ec == std::errc::result_out_of_range) {
            // Overflow is an error in Go (ParseFloat's ErrRange); underflow quietly rounds to zero.
            const std::string text(start, p_);
            errno = 0;
            d = std::strtod(text.c_str(), nullptr);
            if (std::isinf(d)) {
                if (numberError_.empty()) {
                    numberError_ = "json: cannot unmarshal number " + text + " into Go value of type float64";
                    numberOffset_ = static_cast<std::size_t>(p_ - begin_);
                }
                d = 0;
            }
        }
        v = Value::number(d);
        return true;
    }

    // A string literal; p_ at the opening quote. Decodes escapes, replaces invalid UTF-8.
    bool parseString(Value &v)
    {
        ++p_;
        const char *start = p_;
        // Fast path: plain ASCII without escapes.
        p_ = scanPlain(p_);
        if (p_ < end_ && *p_ == '"') {
            v = strings_.string(std::string_view(start, static_cast<std::size_t>(p_ - start)));
            ++p_;
            return true;
        }
        if (p_ == end_)
            return failEof();
        std::string buf(start, static_cast<std::size_t>(p_ - start));
        while (p_ < end_) {
            const auto c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                ++p_;
                v = strings_.string(buf);
                return true;
            }
            if (c < 0x20)
                return fail("in string literal");
            if (c == '\\') {
                ++p_;
                if (p_ == end_)
                    return failEof();
                switch (*p_) {
                case '"': buf += '"'; break;
                case '\\': buf += '\\'; break;
                case '/': buf += '/'; break;
                case 'b': buf += '\b'; break;
                case 'f': buf += '\f'; break;
                case 'n': buf += '\n'; break;
                case 'r': buf += '\r'; break;
                case 't': buf += '\t'; break;
                case 'u': {
                    char32_t r = 0;
                    if (!readHex4(r))
                        return false;
                    if (r >= 0xd800 && r < 0xe000) {
                        // A surrogate: combine with a following \uDC00-\uDFFF, else U+FFFD.
                        if (r < 0xdc00 && end_ - p_ >= 7 && p_[1] == '\\' && p_[2] == 'u') {
                            char32_t r2 = 0;
                            bool hexOk = true;
                            for (int i = 3; i < 7; ++i) {
                                const int h = hexVal(p_[i]);
                                if (h < 0)
                                    hexOk = false;
                                r2 = (r2 << 4) | static_cast<char32_t>(h < 0 ? 0 : h);
                            }
                            if (hexOk && r2 >= 0xdc00 && r2 < 0xe000) {
                                utf8::appendRune(buf, 0x10000 + ((r - 0xd800) << 10) + (r2 - 0xdc00));
                                p_ += 6;
                                break;
                            }
                        }
                        r = utf8::kRuneError;
                    }
                    utf8::appendRune(buf, r);
                    break;
                }
                default:
                    return fail("in string escape code");
                }
                ++p_;
                continue;
            }
            if (c < 0x80) {
                buf += static_cast<char>(c);
                ++p_;
                continue;
            }
            const auto d = utf8::decodeRune(std::string_view(p_, static_cast<std::size_t>(end_ - p_)));
            if (d.width == 1) {
                utf8::appendRune(buf, utf8::kRuneError);
                ++p_;
            } else {
                buf.append(p_, d.width);
                p_ += d.width;
            }
        }
        return failEof();
    }

    // After "\u": four hex digits; leaves p_ on the last one.
    bool readHex4(char32_t &r)
    {
        r = 0;
        for (int i = 0; i < 4; ++i) {
            ++p_;
            if (p_ == end_)
                return failEof();
            const int h = hexVal(*p_);
            if (h < 0)
                return fail("in \\u hexadecimal character escape");
            r = (r << 4) | static_cast<char32_t>(h);
        }
        return true;
    }

    const char *begin_;
    const char *p_;
    const char *end_;
    bool decoder_;
    StringArena strings_;
    std::vector<Value> vals_;           // values of the open containers (objects: key, value, ...)
    std::vector<MapEntry> entries_;     // scratch for the object being closed
    Value intern_[kInternSlots];
    std::size_t internUsed_ = 0;
    std::string error_;
    std::size_t offset_ = 0;
    std::string numberError_;
    std::size_t numberOffset_ = 0;
};

} // namespace

DecodeResult unmarshal(std::string_view data)
{
    return Parser(data, false).run();
}

DecodeResult decodeFirst(std::string_view data)
{
    return Parser(data, true).run();
}

} // namespace bindery::expr::go
