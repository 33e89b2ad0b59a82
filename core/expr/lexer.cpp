// SPDX-License-Identifier: Apache-2.0
#include "expr/lexer.h"

#include <cstdio>

namespace bindery::expr {

namespace {

constexpr char32_t kEof = 0xFFFFFFFF;

// Decodes one UTF-8 rune at `i`; invalid bytes decode as U+FFFD of length 1 (as Go does).
char32_t decodeRune(std::string_view s, std::size_t i, std::size_t &len)
{
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        len = 1;
        return c;
    }
    int n = 0;
    char32_t r = 0;
    if ((c & 0xE0) == 0xC0) {
        n = 2;
        r = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        r = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        r = c & 0x07;
    } else {
        len = 1;
        return 0xFFFD;
    }
    if (i + std::size_t(n) > s.size()) {
        len = 1;
        return 0xFFFD;
    }
    for (int k = 1; k < n; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + std::size_t(k)]);
        if ((cc & 0xC0) != 0x80) {
            len = 1;
            return 0xFFFD;
        }
        r = (r << 6) | (cc & 0x3F);
    }
    len = std::size_t(n);
    return r;
}

void appendUtf8(std::string &out, char32_t r)
{
    if (r < 0x80) {
        out += char(r);
    } else if (r < 0x800) {
        out += char(0xC0 | (r >> 6));
        out += char(0x80 | (r & 0x3F));
    } else if (r < 0x10000) {
        out += char(0xE0 | (r >> 12));
        out += char(0x80 | ((r >> 6) & 0x3F));
        out += char(0x80 | (r & 0x3F));
    } else {
        out += char(0xF0 | (r >> 18));
        out += char(0x80 | ((r >> 12) & 0x3F));
        out += char(0x80 | ((r >> 6) & 0x3F));
        out += char(0x80 | (r & 0x3F));
    }
}

bool isSpace(char32_t r)
{
    switch (r) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
        return true;
    default:
        return r >= 0x2000 && r <= 0x200A;
    }
}

// unicode.IsLetter, approximated for non-ASCII: symbol, punctuation and emoji blocks are not letters.
bool isLetter(char32_t r)
{
    if (r < 0x80)
        return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
    if (r == 0xFFFD || isSpace(r))
        return false;
    if (r < 0xC0)
        return r == 0xAA || r == 0xB5 || r == 0xBA;
    if (r == 0xD7 || r == 0xF7)
        return false;
    if ((r >= 0x2000 && r <= 0x2BFF) || (r >= 0x3000 && r <= 0x303F) || (r >= 0x1F000 && r <= 0x1FAFF)
        || (r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE000 && r <= 0xF8FF))
        return false;
    return true;
}

bool isDigit(char32_t r)
{
    return r >= '0' && r <= '9';
}

bool isAlphaNumeric(char32_t r)
{
    return r == '_' || r == '$' || isLetter(r) || isDigit(r);
}

int digitVal(char32_t r)
{
    if (r >= '0' && r <= '9')
        return int(r - '0');
    if (r >= 'a' && r <= 'f')
        return int(r - 'a' + 10);
    if (r >= 'A' && r <= 'F')
        return int(r - 'A' + 10);
    return 16;
}

struct Failure {};

class Lexer {
public:
    Lexer(std::string_view src, std::vector<Token> &out, SyntaxError &err) : s_(src), out_(out), err_(err) {}

    bool run()
    {
        try {
            while (true) {
                start_ = pos_;
                const char32_t r = next();
                if (r == kEof) {
                    emitEof();
                    return true;
                }
                root(r);
            }
        } catch (const Failure &) {
            return false;
        }
    }

private:
    char32_t next()
    {
        if (pos_ >= s_.size()) {
            last_ = s_.size();
            eofRead_ = true;
            return kEof;
        }
        std::size_t len = 1;
        const char32_t r = decodeRune(s_, pos_, len);
        last_ = pos_;
        prevPos_ = pos_;
        pos_ += len;
        return r;
    }
    void backup()
    {
        if (eofRead_) {
            eofRead_ = false;
            return;
        }
        pos_ = prevPos_;
    }
    char32_t peek()
    {
        if (pos_ >= s_.size())
            return kEof;
        std::size_t len = 1;
        return decodeRune(s_, pos_, len);
    }
    bool accept(std::string_view valid)
    {
        const char32_t r = peek();
        if (r != kEof && r < 0x80 && valid.find(char(r)) != std::string_view::npos) {
            next();
            return true;
        }
        return false;
    }
    void acceptRun(std::string_view valid)
    {
        while (accept(valid)) {
        }
    }
    std::string_view word() const { return s_.substr(start_, pos_ - start_); }

    void emit(TokenKind k, std::string value)
    {
        out_.push_back(Token{k, std::move(value), std::uint32_t(start_), std::uint32_t(pos_)});
        start_ = pos_;
    }
    void emit(TokenKind k) { emit(k, std::string(word())); }

    void emitEof()
    {
        // expr places EOF on the last rune of the input.
        std::size_t at = 0;
        if (!s_.empty()) {
            at = s_.size() - 1;
            while (at > 0 && (static_cast<unsigned char>(s_[at]) & 0xC0) == 0x80)
                --at;
        }
        out_.push_back(Token{TokenKind::Eof, std::string(), std::uint32_t(at), std::uint32_t(s_.size())});
    }

    [[noreturn]] void fail(std::string msg)
    {
        err_.message = std::move(msg);
        err_.offset = std::uint32_t(last_);
        throw Failure{};
    }

    void root(char32_t r)
    {
        if (isSpace(r)) {
            start_ = pos_;
            return;
        }
        if ((r == 'b' || r == 'B') && (peek() == '"' || peek() == '\'')) {
            const char32_t q = next();
            std::string v = scanString(q, true);
            emit(TokenKind::Bytes, std::move(v));
            return;
        }
        if (r == '\'' || r == '"') {
            std::string v = scanString(r, false);
            emit(TokenKind::String, std::move(v));
            return;
        }
        if (r == '`') {
            scanRawString();
            return;
        }
        if (isDigit(r)) {
            backup();
            number();
            return;
        }
        switch (r) {
        case '?':
            accept(".?");
            emit(TokenKind::Operator);
            return;
        case '/':
            slash();
            return;
        case '#':
            pointer();
            return;
        case '|':
            accept("|");
            emit(TokenKind::Operator);
            return;
        case ':':
            accept(":");
            emit(TokenKind::Operator);
            return;
        case '(': case '[': case '{': case ')': case ']': case '}':
            emit(TokenKind::Bracket);
            return;
        case ',': case ';': case '%': case '+': case '-': case '^':
            emit(TokenKind::Operator);
            return;
        case '&': case '!': case '=': case '*': case '<': case '>':
            accept("&=*");
            emit(TokenKind::Operator);
            return;
        case '.':
            dot();
            return;
        default:
            break;
        }
        if (isAlphaNumeric(r)) {
            backup();
            identifier();
            return;
        }
        char buf[64];
        std::string shown;
        appendUtf8(shown, r);
        std::snprintf(buf, sizeof buf, "unrecognized character: U+%04X '", unsigned(r));
        fail(std::string(buf) + shown + "'");
    }

    void number()
    {
        std::string_view digits = "0123456789_";
        if (accept("0")) {
            if (accept("xX"))
                digits = "0123456789abcdefABCDEF_";
            else if (accept("oO"))
                digits = "01234567_";
            else if (accept("bB"))
                digits = "01_";
        }
        acceptRun(digits);
        const std::size_t end = pos_;
        if (accept(".")) {
            if (peek() == '.') {
                pos_ = end;
                emit(TokenKind::Number);
                return;
            }
            acceptRun(digits);
        }
        if (accept("eE")) {
            accept("+-");
            acceptRun(digits);
        }
        const char32_t p = peek();
        if (p != kEof && isAlphaNumeric(p)) {
            next();
            fail("bad number syntax: " + goQuote(word()));
        }
        emit(TokenKind::Number);
    }

    void dot()
    {
        if (accept("0123456789")) {
            backup();
            // Rewind to the dot: ".5" is a number.
            pos_ = start_;
            number();
            return;
        }
        accept(".");
        emit(TokenKind::Operator);
    }

    void slash()
    {
        if (accept("/")) {
            while (true) {
                const char32_t r = next();
                if (r == kEof || r == '\n')
                    break;
            }
            start_ = pos_;
            return;
        }
        if (accept("*")) {
            while (true) {
                const char32_t r = next();
                if (r == kEof)
                    fail("unclosed comment");
                if (r == '*' && accept("/"))
                    break;
            }
            start_ = pos_;
            return;
        }
        emit(TokenKind::Operator);
    }

    void pointer()
    {
        emit(TokenKind::Operator);
        while (true) {
            const char32_t r = next();
            if (r != kEof && isAlphaNumeric(r))
                continue;
            backup();
            if (!word().empty())
                emit(TokenKind::Identifier);
            return;
        }
    }

    void identifier()
    {
        while (true) {
            const char32_t r = next();
            if (r != kEof && isAlphaNumeric(r))
                continue;
            backup();
            break;
        }
        const std::string_view w = word();
        if (w == "not") {
            notOperator();
            return;
        }
        if (w == "in" || w == "or" || w == "and" || w == "matches" || w == "contains" || w == "startsWith"
            || w == "endsWith" || w == "let" || w == "if" || w == "else")
            emit(TokenKind::Operator);
        else
            emit(TokenKind::Identifier);
    }

    void notOperator()
    {
        emit(TokenKind::Operator);
        // Skip spaces, then look at the next word.
        while (true) {
            const char32_t r = next();
            if (r != kEof && isSpace(r))
                continue;
            backup();
            break;
        }
        start_ = pos_;
        const std::size_t save = pos_;
        while (true) {
            const char32_t r = next();
            if (r != kEof && isAlphaNumeric(r))
                continue;
            backup();
            break;
        }
        const std::string_view w = word();
        if (w == "in" || w == "matches" || w == "contains" || w == "startsWith" || w == "endsWith")
            emit(TokenKind::Operator);
        else
            pos_ = start_ = save;
    }

    // Scans a quoted literal after its opening quote, returning the unescaped value.
    std::string scanString(char32_t quote, bool bytes)
    {
        std::string v;
        char32_t ch = next();
        while (ch != quote) {
            if (ch == '\n' || ch == kEof)
                fail("literal not terminated");
            if (ch == '\\') {
                ch = scanEscape(quote, bytes, v);
            } else {
                if (ch == '\r') {
                    // \r\n and \r become \n inside literals.
                    if (peek() == '\n')
                        next();
                    v += '\n';
                } else {
                    v.append(s_.substr(last_, pos_ - last_));
                }
                ch = next();
            }
        }
        return v;
    }

    char32_t scanEscape(char32_t quote, bool bytes, std::string &v)
    {
        char32_t ch = next();
        switch (ch) {
        case 'a': v += '\a'; return next();
        case 'b': v += '\b'; return next();
        case 'f': v += '\f'; return next();
        case 'n': v += '\n'; return next();
        case 'r': v += '\r'; return next();
        case 't': v += '\t'; return next();
        case 'v': v += '\v'; return next();
        case '\\': v += '\\'; return next();
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            std::uint32_t value = 0;
            for (int n = 0; n < 3; ++n) {
                if (digitVal(ch) >= 8)
                    fail("invalid char escape");
                value = value * 8 + std::uint32_t(digitVal(ch));
                ch = next();
            }
            if (value > 255)
                fail("invalid char escape");
            v += char(value);
            return ch;
        }
        case 'x': {
            std::uint32_t value = 0;
            ch = next();
            for (int n = 0; n < 2; ++n) {
                if (digitVal(ch) >= 16)
                    fail("invalid char escape");
                value = value * 16 + std::uint32_t(digitVal(ch));
                ch = next();
            }
            v += char(value);
            return ch;
        }
        case 'u':
        case 'U': {
            if (bytes)
                fail("invalid char escape");
            const int count = ch == 'u' ? 4 : 8;
            std::uint32_t value = 0;
            ch = next();
            if (ch == '{' && quote != '{') {
                int n = 0;
                ch = next();
                while (ch != '}') {
                    if (digitVal(ch) >= 16 || n >= 6)
                        fail("invalid char escape");
                    value = value * 16 + std::uint32_t(digitVal(ch));
                    ch = next();
                    ++n;
                }
                if (n == 0)
                    fail("invalid char escape");
                ch = next();
            } else {
                for (int n = 0; n < count; ++n) {
                    if (digitVal(ch) >= 16)
                        fail("invalid char escape");
                    value = value * 16 + std::uint32_t(digitVal(ch));
                    ch = next();
                }
            }
            if (value > 0x10FFFF || (value >= 0xD800 && value < 0xE000))
                fail("invalid char escape");
            appendUtf8(v, value);
            return ch;
        }
        default:
            if (ch == quote) {
                appendUtf8(v, quote);
                return next();
            }
            fail("invalid char escape");
        }
    }

    void scanRawString()
    {
        std::string v;
        while (true) {
            const char32_t ch = next();
            if (ch == kEof)
                fail("literal not terminated");
            if (ch == '`') {
                if (peek() == '`') {
                    next();
                    v += '`';
                    continue;
                }
                break;
            }
            if (ch == '\r') {
                if (peek() == '\n')
                    next();
                v += '\n';
                continue;
            }
            v.append(s_.substr(last_, pos_ - last_));
        }
        emit(TokenKind::String, std::move(v));
    }

    std::string_view s_;
    std::vector<Token> &out_;
    SyntaxError &err_;
    std::size_t pos_ = 0;
    std::size_t start_ = 0;
    std::size_t last_ = 0;
    std::size_t prevPos_ = 0;
    bool eofRead_ = false;
};

} // namespace

bool tokenize(std::string_view source, std::vector<Token> &tokens, SyntaxError &error)
{
    tokens.clear();
    Lexer lexer(source, tokens, error);
    return lexer.run();
}

std::string goQuote(std::string_view s)
{
    std::string out = "\"";
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t len = 1;
        const char32_t r = decodeRune(s, i, len);
        if (r == 0xFFFD && len == 1) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(static_cast<unsigned char>(s[i])));
            out += buf;
        } else if (r == '"' || r == '\\') {
            out += '\\';
            out += char(r);
        } else if (r == '\n') {
            out += "\\n";
        } else if (r == '\t') {
            out += "\\t";
        } else if (r == '\r') {
            out += "\\r";
        } else if (r < 0x20 || r == 0x7F) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(r));
            out += buf;
        } else {
            out.append(s.substr(i, len));
        }
        i += len;
    }
    out += '"';
    return out;
}

std::string Token::describe() const
{
    const char *k = "";
    switch (kind) {
    case TokenKind::Identifier: k = "Identifier"; break;
    case TokenKind::Number: k = "Number"; break;
    case TokenKind::String: k = "String"; break;
    case TokenKind::Bytes: k = "Bytes"; break;
    case TokenKind::Operator: k = "Operator"; break;
    case TokenKind::Bracket: k = "Bracket"; break;
    case TokenKind::Eof: return "EOF";
    }
    if (value.empty())
        return k;
    return std::string(k) + "(" + goQuote(value) + ")";
}

} // namespace bindery::expr
