// SPDX-License-Identifier: Apache-2.0
#pragma once

// The tokenizer of expr v1.17.8 (LANGUAGE.md §1). Positions are byte offsets into the source.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bindery::expr {

enum class TokenKind : std::uint8_t { Identifier, Number, String, Bytes, Operator, Bracket, Eof };

struct Token {
    TokenKind kind = TokenKind::Eof;
    std::string value;      // unescaped for strings and bytes
    std::uint32_t offset = 0; // byte offset of the first character
    std::uint32_t end = 0;    // byte offset one past the last character

    bool is(TokenKind k) const { return kind == k; }
    bool is(TokenKind k, std::string_view v) const { return kind == k && value == v; }
    // expr's `%v` of a token: `Operator("!")`, `Identifier("x")`, `EOF`.
    std::string describe() const;
};

// A lexer or parser error at a byte offset.
struct SyntaxError {
    std::string message;
    std::uint32_t offset = 0;
};

// Tokenizes `source`; on failure returns false and fills `error`. The token list always ends with
// an Eof token located at the last character of the source (as expr reports it).
bool tokenize(std::string_view source, std::vector<Token> &tokens, SyntaxError &error);

// Go's strconv.Quote-like rendering used by `%#v` of a string (enough for error messages).
std::string goQuote(std::string_view s);

} // namespace bindery::expr
