// SPDX-License-Identifier: Apache-2.0
#include "net/go_json.h"

#include <vector>

namespace bindery::net {

namespace {

// Go's encoding/json quoteChar: how a byte is shown in "invalid character ..." messages.
QString quoteChar(unsigned char c)
{
    if (c == '\'')
        return QStringLiteral("'\\''");
    if (c == '"')
        return QStringLiteral("'\"'");
    switch (c) {
    case '\a': return QStringLiteral("'\\a'");
    case '\b': return QStringLiteral("'\\b'");
    case '\f': return QStringLiteral("'\\f'");
    case '\n': return QStringLiteral("'\\n'");
    case '\r': return QStringLiteral("'\\r'");
    case '\t': return QStringLiteral("'\\t'");
    case '\v': return QStringLiteral("'\\v'");
    case '\\': return QStringLiteral("'\\\\'");
    default: break;
    }
    if (c < 0x20 || c == 0x7f)
        return QStringLiteral("'\\x%1'").arg(c, 2, 16, QLatin1Char('0'));
    if ((c >= 0x80 && c < 0xA0) || c == 0xAD)
        return QStringLiteral("'\\u%1'").arg(c, 4, 16, QLatin1Char('0'));
    return QLatin1Char('\'') + QChar(char16_t(c)) + QLatin1Char('\'');
}

bool isSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool isDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool isHex(unsigned char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// A transcription of the states of Go's encoding/json scanner (scanner.go), iterative, with its
// nesting limit.
class Scanner
{
public:
    enum class State {
        BeginValue, BeginValueOrEmpty, BeginStringOrEmpty, BeginString, EndValue, InString, InStringEsc,
        InStringEscU, Neg, Num1, Num0, Dot, Dot0, E, ESign, E0, Literal,
    };
    enum class Parse { ObjectKey, ObjectValue, ArrayValue };
    enum class Step { Continue, End, Error };

    Step step(unsigned char c)
    {
        for (;;) {
            switch (m_state) {
            case State::BeginValueOrEmpty:
                if (isSpace(c)) return Step::Continue;
                if (c == ']') { m_state = State::EndValue; continue; }
                m_state = State::BeginValue;
                continue;
            case State::BeginValue:
                if (isSpace(c)) return Step::Continue;
                m_started = true;
                switch (c) {
                case '{': return push(Parse::ObjectKey, State::BeginStringOrEmpty);
                case '[': return push(Parse::ArrayValue, State::BeginValueOrEmpty);
                case '"': m_state = State::InString; return Step::Continue;
                case '-': m_state = State::Neg; return Step::Continue;
                case '0': m_state = State::Num0; return Step::Continue;
                case 't': return literal("true");
                case 'f': return literal("false");
                case 'n': return literal("null");
                default: break;
                }
                if (c >= '1' && c <= '9') { m_state = State::Num1; return Step::Continue; }
                return error(c, "looking for beginning of value");
            case State::BeginStringOrEmpty:
                if (isSpace(c)) return Step::Continue;
                if (c == '}') { m_stack.back() = Parse::ObjectValue; m_state = State::EndValue; continue; }
                m_state = State::BeginString;
                continue;
            case State::BeginString:
                if (isSpace(c)) return Step::Continue;
                if (c == '"') { m_state = State::InString; return Step::Continue; }
                return error(c, "looking for beginning of object key string");
            case State::EndValue: {
                if (m_stack.empty())
                    return Step::End; // the first value is complete: the rest is not read
                if (isSpace(c)) return Step::Continue;
                Parse &top = m_stack.back();
                switch (top) {
                case Parse::ObjectKey:
                    if (c == ':') { top = Parse::ObjectValue; m_state = State::BeginValue; return Step::Continue; }
                    return error(c, "after object key");
                case Parse::ObjectValue:
                    if (c == ',') { top = Parse::ObjectKey; m_state = State::BeginString; return Step::Continue; }
                    if (c == '}') { m_stack.pop_back(); m_state = State::EndValue; return afterClose(); }
                    return error(c, "after object key:value pair");
                case Parse::ArrayValue:
                    if (c == ',') { m_state = State::BeginValue; return Step::Continue; }
                    if (c == ']') { m_stack.pop_back(); m_state = State::EndValue; return afterClose(); }
                    return error(c, "after array element");
                }
                return Step::Error;
            }
            case State::InString:
                if (c == '"') { m_state = State::EndValue; return afterClose(); }
                if (c == '\\') { m_state = State::InStringEsc; return Step::Continue; }
                if (c < 0x20) return error(c, "in string literal");
                return Step::Continue;
            case State::InStringEsc:
                switch (c) {
                case 'b': case 'f': case 'n': case 'r': case 't': case '\\': case '/': case '"':
                    m_state = State::InString; return Step::Continue;
                case 'u': m_state = State::InStringEscU; m_hexLeft = 4; return Step::Continue;
                default: return error(c, "in string escape code");
                }
            case State::InStringEscU:
                if (!isHex(c)) return error(c, "in \\u hexadecimal character escape");
                if (--m_hexLeft == 0) m_state = State::InString;
                return Step::Continue;
            case State::Neg:
                if (c == '0') { m_state = State::Num0; return Step::Continue; }
                if (c >= '1' && c <= '9') { m_state = State::Num1; return Step::Continue; }
                return error(c, "in numeric literal");
            case State::Num1:
                if (isDigit(c)) return Step::Continue;
                m_state = State::Num0;
                continue;
            case State::Num0:
                if (c == '.') { m_state = State::Dot; return Step::Continue; }
                if (c == 'e' || c == 'E') { m_state = State::E; return Step::Continue; }
                m_state = State::EndValue;
                continue;
            case State::Dot:
                if (isDigit(c)) { m_state = State::Dot0; return Step::Continue; }
                return error(c, "after decimal point in numeric literal");
            case State::Dot0:
                if (isDigit(c)) return Step::Continue;
                if (c == 'e' || c == 'E') { m_state = State::E; return Step::Continue; }
                m_state = State::EndValue;
                continue;
            case State::E:
                if (c == '+' || c == '-') { m_state = State::ESign; return Step::Continue; }
                m_state = State::ESign;
                continue;
            case State::ESign:
                if (isDigit(c)) { m_state = State::E0; return Step::Continue; }
                return error(c, "in exponent of numeric literal");
            case State::E0:
                if (isDigit(c)) return Step::Continue;
                m_state = State::EndValue;
                continue;
            case State::Literal:
                if (c != static_cast<unsigned char>(m_literal[m_literalPos]))
                    return error(c, QStringLiteral("in literal %1 (expecting %2)")
                                        .arg(QLatin1String(m_literal), quoteChar(static_cast<unsigned char>(m_literal[m_literalPos]))));
                if (m_literal[++m_literalPos] == '\0') m_state = State::EndValue;
                return Step::Continue;
            }
        }
    }

    // At the end of input: is the value complete (as Go's scanner.eof)?
    bool completeAtEof()
    {
        if (!m_started)
            return false;
        return step(' ') == Step::End || (m_stack.empty() && m_state == State::EndValue);
    }
    bool started() const { return m_started; }
    bool inString() const { return m_state == State::InString; }
    bool endInclusive() const { return m_endInclusive; }
    QString errorMessage() const { return m_error; }

private:
    Step push(Parse p, State next)
    {
        if (m_stack.size() >= 10000) {
            m_error = QStringLiteral("exceeded max depth");
            return Step::Error;
        }
        m_stack.push_back(p);
        m_state = next;
        return Step::Continue;
    }
    // A closing byte ends the top-level value at once (Go's decoder invents the delimiter).
    Step afterClose()
    {
        m_endInclusive = m_stack.empty();
        return m_endInclusive ? Step::End : Step::Continue;
    }
    Step literal(const char *word)
    {
        m_literal = word;
        m_literalPos = 1;
        m_state = State::Literal;
        return Step::Continue;
    }
    Step error(unsigned char c, const QString &context)
    {
        m_error = QStringLiteral("invalid character ") + quoteChar(c) + QLatin1Char(' ') + context;
        return Step::Error;
    }
    Step error(unsigned char c, const char *context) { return error(c, QString::fromLatin1(context)); }

    State m_state = State::BeginValue;
    std::vector<Parse> m_stack;
    const char *m_literal = "";
    int m_literalPos = 0;
    int m_hexLeft = 0;
    bool m_started = false;
    bool m_endInclusive = false;
    QString m_error;
};

} // namespace

FirstJsonValue scanFirstJsonValue(QByteArrayView body)
{
    FirstJsonValue result;
    Scanner scanner;
    const qsizetype n = body.size();
    const auto *p = reinterpret_cast<const unsigned char *>(body.data());
    for (qsizetype i = 0; i < n; ++i) {
        if (scanner.inString()) {
            // Most of a payload is string content: skip plain bytes without the state machine.
            while (i < n && p[i] >= 0x20 && p[i] != '"' && p[i] != '\\')
                ++i;
            if (i == n)
                break;
        }
        const unsigned char c = p[i];
        const bool wasStarted = scanner.started();
        const auto step = scanner.step(c);
        if (!wasStarted && scanner.started())
            result.begin = i;
        if (step == Scanner::Step::Error) {
            result.kind = FirstJsonValue::Kind::Error;
            result.error = scanner.errorMessage();
            return result;
        }
        if (step == Scanner::Step::End) {
            // A number or literal ends before the byte that ended it; a closing byte ends after itself.
            result.kind = FirstJsonValue::Kind::Value;
            result.end = scanner.endInclusive() ? i + 1 : i;
            return result;
        }
    }
    if (!scanner.started())
        return result; // io.EOF: payload null
    if (scanner.completeAtEof()) {
        result.kind = FirstJsonValue::Kind::Value;
        result.end = body.size();
        return result;
    }
    result.kind = FirstJsonValue::Kind::Error;
    result.error = QStringLiteral("unexpected EOF");
    return result;
}

} // namespace bindery::net
