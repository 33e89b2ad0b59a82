// SPDX-License-Identifier: Apache-2.0
#pragma once

// The parser of expr v1.17.8 (LANGUAGE.md §2): precedence climbing, chained comparisons, pipes,
// predicates, optional chains, `let`, `if/else`. Errors carry expr's messages and positions.

#include "expr/ast.h"
#include "expr/lexer.h"

#include <string_view>

namespace bindery::expr {

// Parses `source` into nodes allocated in `arena`; returns null and fills `error` on failure.
Node *parse(std::string_view source, NodeArena &arena, SyntaxError &error);

} // namespace bindery::expr
