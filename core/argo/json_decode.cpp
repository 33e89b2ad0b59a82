// SPDX-License-Identifier: Apache-2.0
#include "argo/json_decode.h"

#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <vector>

namespace bindery::argo {

namespace {

constexpr std::size_t kMaxDepth = 10000; // encoding/json's maxNestingDepth

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// encoding/json's quoteChar: the byte as a Go rune literal.
std::string quoteChar(unsigned char c)
{
    if (c == '\'')
        return "'\\''";
    if (c == '"')
        return "'\"'";
    std::string s;
    switch (c) {
    case '\a': s = "\\a"; break;
    case '\b': s = "\\b"; break;
    case '\f': s = "\\f"; break;
    case '\n': s = "\\n"; break;
    case '\r': s = "\\r"; break;
    case '\t': s = "\\t"; break;
    case '\v': s = "\\v"; break;
    case '\\': s = "\\\\"; break;
    default:
        if (c < 0x20 || c == 0x7F) {
            static const char hex[] = "0123456789abcdef";
            s = std::string("\\x") + hex[c >> 4] + hex[c & 15];
        } else if (c < 0x80) {
            s = std::string(1, static_cast<char>(c));
        } else if (c < 0xA0 || c == 0xAD) {
            // string(rune(c)) is U+0080..U+009F (not printable) or the soft hyphen (format char).
            static const char hex[] = "0123456789abcdef";
            s = std::string("\\u00") + hex[c >> 4] + hex[c & 15];
        } else {
            s += static_cast<char>(0xC0 | (c >> 6));
            s += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return "'" + s + "'";
}

// Go's scanner, reduced to what Decoder.Decode needs: where the first value ends, or the error.
class Scanner
{
public:
    explicit Scanner(std::string_view in) : in_(in) {}

    // Returns true with [begin, end) of the first value, or false with error_/offset_ set;
    // empty_ when the input holds only blanks.
    bool scan(std::size_t &begin, std::size_t &end)
    {
        std::size_t i = 0;
        while (i < in_.size() && isSpace(in_[i]))
            ++i;
        if (i == in_.size()) {
            empty_ = true;
            return false;
        }
        begin = i;
        enum class St { Value, ValueOrEmpty, StringOrEmpty, KeyString, EndValue, InString, Esc, U, Neg, Zero, One, Dot, Dot0, E, ESign, E0, Lit };
        St st = St::Value;
        int uCount = 0;
        std::string_view lit;
        std::size_t litPos = 0;
        std::vector<char> stack; // 'k' object key, 'v' object value, 'a' array
        auto fail = [&](std::size_t at, const std::string &context) {
            error_ = "invalid character " + quoteChar(static_cast<unsigned char>(in_[at])) + " " + context;
            offset_ = at + 1; // json.SyntaxError.Offset counts the bad byte
            return false;
        };
        auto push = [&](char kind, std::size_t at) {
            stack.push_back(kind);
            return stack.size() <= kMaxDepth || (fail(at, "exceeded max depth"), false);
        };
        for (; i < in_.size(); ++i) {
            const char c = in_[i];
        again:
            switch (st) {
            case St::Value:
            beginValue:
                if (isSpace(c))
                    break;
                switch (c) {
                case '{':
                    if (!push('k', i))
                        return false;
                    st = St::StringOrEmpty;
                    break;
                case '[':
                    if (!push('a', i))
                        return false;
                    st = St::ValueOrEmpty;
                    break;
                case '"': st = St::InString; break;
                case '-': st = St::Neg; break;
                case '0': st = St::Zero; break;
                case 't': lit = "true"; litPos = 1; st = St::Lit; break;
                case 'f': lit = "false"; litPos = 1; st = St::Lit; break;
                case 'n': lit = "null"; litPos = 1; st = St::Lit; break;
                default:
                    if (c >= '1' && c <= '9') {
                        st = St::One;
                        break;
                    }
                    return fail(i, "looking for beginning of value");
                }
                break;
            case St::ValueOrEmpty:
                if (isSpace(c))
                    break;
                if (c == ']') {
                    stack.pop_back();
                    if (stack.empty()) {
                        end = i + 1;
                        return true;
                    }
                    st = St::EndValue;
                    break;
                }
                st = St::Value;
                goto beginValue;
            case St::StringOrEmpty:
                if (isSpace(c))
                    break;
                if (c == '}') {
                    stack.pop_back();
                    if (stack.empty()) {
                        end = i + 1;
                        return true;
                    }
                    st = St::EndValue;
                    break;
                }
                st = St::KeyString;
                goto again;
            case St::KeyString:
                if (isSpace(c))
                    break;
                if (c == '"') {
                    st = St::InString;
                    break;
                }
                return fail(i, "looking for beginning of object key string");
            case St::EndValue:
                if (stack.empty()) {
                    end = i;
                    return true;
                }
                if (isSpace(c))
                    break;
                if (stack.back() == 'k') {
                    if (c == ':') {
                        stack.back() = 'v';
                        st = St::Value;
                        break;
                    }
                    return fail(i, "after object key");
                }
                if (stack.back() == 'v') {
                    if (c == ',') {
                        stack.back() = 'k';
                        st = St::KeyString;
                        break;
                    }
                    if (c == '}') {
                        stack.pop_back();
                        if (stack.empty()) {
                            end = i + 1;
                            return true;
                        }
                        break;
                    }
                    return fail(i, "after object key:value pair");
                }
                if (c == ',') {
                    st = St::Value;
                    break;
                }
                if (c == ']') {
                    stack.pop_back();
                    if (stack.empty()) {
                        end = i + 1;
                        return true;
                    }
                    break;
                }
                return fail(i, "after array element");
            case St::InString:
                if (c == '"') {
                    st = St::EndValue;
                    if (stack.empty()) {
                        end = i + 1;
                        return true;
                    }
                    break;
                }
                if (c == '\\') {
                    st = St::Esc;
                    break;
                }
                if (static_cast<unsigned char>(c) < 0x20)
                    return fail(i, "in string literal");
                break;
            case St::Esc:
                switch (c) {
                case 'b': case 'f': case 'n': case 'r': case 't': case '\\': case '/': case '"':
                    st = St::InString;
                    break;
                case 'u':
                    st = St::U;
                    uCount = 0;
                    break;
                default: return fail(i, "in string escape code");
                }
                break;
            case St::U:
                if (!(isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                    return fail(i, "in \\u hexadecimal character escape");
                if (++uCount == 4)
                    st = St::InString;
                break;
            case St::Neg:
                if (c == '0') {
                    st = St::Zero;
                    break;
                }
                if (c >= '1' && c <= '9') {
                    st = St::One;
                    break;
                }
                return fail(i, "in numeric literal");
            case St::One:
                if (isDigit(c))
                    break;
                st = St::Zero;
                goto again;
            case St::Zero:
                if (c == '.') {
                    st = St::Dot;
                    break;
                }
                if (c == 'e' || c == 'E') {
                    st = St::E;
                    break;
                }
                st = St::EndValue;
                goto again;
            case St::Dot:
                if (isDigit(c)) {
                    st = St::Dot0;
                    break;
                }
                return fail(i, "after decimal point in numeric literal");
            case St::Dot0:
                if (isDigit(c))
                    break;
                if (c == 'e' || c == 'E') {
                    st = St::E;
                    break;
                }
                st = St::EndValue;
                goto again;
            case St::E:
                if (c == '+' || c == '-') {
                    st = St::ESign;
                    break;
                }
                st = St::ESign;
                goto again;
            case St::ESign:
                if (isDigit(c)) {
                    st = St::E0;
                    break;
                }
                return fail(i, "in exponent of numeric literal");
            case St::E0:
                if (isDigit(c))
                    break;
                st = St::EndValue;
                goto again;
            case St::Lit:
                if (c != lit[litPos])
                    return fail(i, "in literal " + std::string(lit) + " (expecting " +
                                       quoteChar(static_cast<unsigned char>(lit[litPos])) + ")");
                if (++litPos == lit.size()) {
                    st = St::EndValue;
                    if (stack.empty()) {
                        end = i + 1;
                        return true;
                    }
                }
                break;
            }
        }
        // End of input: a top-level number is complete; anything else is truncated.
        if (stack.empty() && (st == St::One || st == St::Zero || st == St::Dot0 || st == St::E0 || st == St::EndValue)) {
            end = in_.size();
            return true;
        }
        error_ = "unexpected EOF";
        offset_ = in_.size();
        return false;
    }

    std::string error_;
    std::size_t offset_ = 0;
    bool empty_ = false;

private:
    std::string_view in_;
};

void appendUtf8(std::string &out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Builds Values from input the scanner accepted; iterative so depth costs heap, not stack.
class Builder
{
public:
    Builder(std::string_view in, JsonDecodeResult &out) : in_(in), out_(out) {}

    expr::Value build()
    {
        struct Frame {
            bool object;
            std::vector<expr::Value> items;
            std::vector<expr::MapEntry> entries;
            expr::Value key;
        };
        std::vector<Frame> stack;
        expr::Value result;
        for (;;) {
            skipSpace();
            expr::Value v;
            bool produced = false;
            const char c = in_[pos_];
            if (c == '{' || c == '[') {
                ++pos_;
                stack.push_back(Frame{c == '{', {}, {}, {}});
                skipSpace();
                if (in_[pos_] == (c == '{' ? '}' : ']')) {
                    ++pos_;
                    Frame f = std::move(stack.back());
                    stack.pop_back();
                    v = f.object ? expr::Value::map({}) : expr::Value::array({});
                    produced = true;
                } else if (c == '{') {
                    stack.back().key = expr::Value::string(readString());
                    skipSpace();
                    ++pos_; // ':'
                    continue;
                } else {
                    continue;
                }
            } else {
                v = scalar();
                produced = true;
            }
            // Attach v to the enclosing containers, closing those that end here.
            while (produced) {
                if (stack.empty())
                    return v;
                Frame &top = stack.back();
                if (top.object)
                    top.entries.push_back(expr::MapEntry{std::move(top.key), std::move(v)});
                else
                    top.items.push_back(std::move(v));
                skipSpace();
                const char d = in_[pos_++];
                if (d == ',') {
                    if (top.object) {
                        skipSpace();
                        top.key = expr::Value::string(readString());
                        skipSpace();
                        ++pos_; // ':'
                    }
                    produced = false;
                } else {
                    // '}' or ']'
                    Frame f = std::move(stack.back());
                    stack.pop_back();
                    v = f.object ? expr::Value::map(std::move(f.entries)) : expr::Value::array(std::move(f.items));
                }
            }
        }
        return result;
    }

private:
    void skipSpace()
    {
        while (pos_ < in_.size() && isSpace(in_[pos_]))
            ++pos_;
    }

    expr::Value scalar()
    {
        const char c = in_[pos_];
        if (c == '"')
            return expr::Value::string(readString());
        if (c == 't') {
            pos_ += 4;
            return expr::Value::boolean(true);
        }
        if (c == 'f') {
            pos_ += 5;
            return expr::Value::boolean(false);
        }
        if (c == 'n') {
            pos_ += 4;
            return expr::Value();
        }
        const std::size_t start = pos_;
        while (pos_ < in_.size() && (isDigit(in_[pos_]) || in_[pos_] == '-' || in_[pos_] == '+' || in_[pos_] == '.' ||
                                     in_[pos_] == 'e' || in_[pos_] == 'E'))
            ++pos_;
        const std::string_view literal = in_.substr(start, pos_ - start);
        double d = 0;
        auto [p, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), d);
        if (ec == std::errc::result_out_of_range) {
            long double ld = 0;
            std::from_chars(literal.data(), literal.data() + literal.size(), ld);
            if (std::fabs(ld) > static_cast<long double>(DBL_MAX)) {
                d = ld > 0 ? HUGE_VAL : -HUGE_VAL;
                if (out_.numberRangeError.empty())
                    out_.numberRangeError =
                        "json: cannot unmarshal number " + std::string(literal) + " into Go value of type float64";
            } else {
                d = static_cast<double>(ld);
            }
        }
        (void)p;
        return expr::Value::number(d);
    }

    static int hexValue(char c)
    {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return c - 'A' + 10;
    }

    std::uint32_t readU4(std::size_t at) const
    {
        std::uint32_t v = 0;
        for (std::size_t k = 0; k < 4; ++k)
            v = (v << 4) | static_cast<std::uint32_t>(hexValue(in_[at + k]));
        return v;
    }

    // Go's unquote: escapes decoded, surrogate pairs combined, anything invalid → U+FFFD.
    std::string readString()
    {
        ++pos_; // opening quote
        std::string s;
        for (;;) {
            const char c = in_[pos_];
            if (c == '"') {
                ++pos_;
                return s;
            }
            if (c == '\\') {
                const char e = in_[pos_ + 1];
                pos_ += 2;
                switch (e) {
                case 'b': s += '\b'; break;
                case 'f': s += '\f'; break;
                case 'n': s += '\n'; break;
                case 'r': s += '\r'; break;
                case 't': s += '\t'; break;
                case 'u': {
                    std::uint32_t r = readU4(pos_);
                    pos_ += 4;
                    if (r >= 0xD800 && r < 0xE000) {
                        if (r < 0xDC00 && pos_ + 6 <= in_.size() && in_[pos_] == '\\' && in_[pos_ + 1] == 'u') {
                            const std::uint32_t r2 = readU4(pos_ + 2);
                            if (r2 >= 0xDC00 && r2 < 0xE000) {
                                pos_ += 6;
                                appendUtf8(s, 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00));
                                break;
                            }
                        }
                        r = 0xFFFD;
                    }
                    appendUtf8(s, r);
                    break;
                }
                default: s += e; break; // \\ \/ \"
                }
                continue;
            }
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x80) {
                s += c;
                ++pos_;
                continue;
            }
            // Validate one UTF-8 sequence; an invalid byte becomes U+FFFD.
            std::size_t len = (u & 0xE0) == 0xC0 ? 2 : (u & 0xF0) == 0xE0 ? 3 : (u & 0xF8) == 0xF0 ? 4 : 0;
            std::uint32_t cp = len == 2 ? (u & 0x1F) : len == 3 ? (u & 0x0F) : (u & 0x07);
            bool ok = len > 0 && pos_ + len <= in_.size();
            for (std::size_t k = 1; ok && k < len; ++k) {
                const auto cc = static_cast<unsigned char>(in_[pos_ + k]);
                ok = (cc & 0xC0) == 0x80;
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (ok)
                ok = !((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
                       cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000));
            if (ok) {
                s.append(in_.substr(pos_, len));
                pos_ += len;
            } else {
                s += "\xEF\xBF\xBD";
                ++pos_;
            }
        }
    }

    std::string_view in_;
    JsonDecodeResult &out_;
    std::size_t pos_ = 0;
};

} // namespace

JsonDecodeResult decodeFirstJsonValue(std::string_view body)
{
    JsonDecodeResult result;
    Scanner scanner(body);
    std::size_t begin = 0;
    std::size_t end = 0;
    if (!scanner.scan(begin, end)) {
        result.empty = scanner.empty_;
        result.syntaxError = scanner.error_;
        result.errorOffset = scanner.offset_;
        return result;
    }
    Builder builder(body.substr(0, end), result);
    result.value = builder.build();
    result.end = end;
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
