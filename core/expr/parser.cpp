// SPDX-License-Identifier: Apache-2.0
#include "expr/parser.h"

#include "expr/builtins.h"

#include <cerrno>
#include <cstdlib>
#include <string>

namespace bindery::expr {

namespace {

struct ParseFailure {};

struct BinaryInfo {
    Op op;
    int precedence;
    bool rightAssoc;
};

bool binaryInfo(std::string_view v, BinaryInfo &info)
{
    struct Row {
        std::string_view name;
        BinaryInfo info;
    };
    static const Row rows[] = {
        {"|", {Op::None, 0, false}},        {"or", {Op::Or, 10, false}},
        {"||", {Op::Or, 10, false}},        {"and", {Op::And, 15, false}},
        {"&&", {Op::And, 15, false}},       {"==", {Op::Eq, 20, false}},
        {"!=", {Op::Ne, 20, false}},        {"<", {Op::Lt, 20, false}},
        {">", {Op::Gt, 20, false}},         {">=", {Op::Ge, 20, false}},
        {"<=", {Op::Le, 20, false}},        {"in", {Op::In, 20, false}},
        {"matches", {Op::Matches, 20, false}}, {"contains", {Op::Contains, 20, false}},
        {"startsWith", {Op::StartsWith, 20, false}}, {"endsWith", {Op::EndsWith, 20, false}},
        {"..", {Op::Range, 25, false}},     {"+", {Op::Add, 30, false}},
        {"-", {Op::Sub, 30, false}},        {"*", {Op::Mul, 60, false}},
        {"/", {Op::Div, 60, false}},        {"%", {Op::Mod, 60, false}},
        {"**", {Op::Pow, 100, true}},       {"^", {Op::Pow, 100, true}},
        {"??", {Op::Coalesce, 500, false}},
    };
    for (const auto &r : rows)
        if (r.name == v) {
            info = r.info;
            return true;
        }
    return false;
}

bool isComparison(std::string_view v)
{
    return v == "<" || v == ">" || v == ">=" || v == "<=";
}

bool allowedNegateSuffix(std::string_view v)
{
    return v == "in" || v == "matches" || v == "contains" || v == "startsWith" || v == "endsWith";
}

bool isValidIdentifier(std::string_view v)
{
    if (v.empty())
        return false;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const char c = v[i];
        const bool ok = c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                        || (i > 0 && c >= '0' && c <= '9') || (static_cast<unsigned char>(c) >= 0x80);
        if (!ok)
            return false;
    }
    return true;
}

// strconv.ParseInt(s, base, 64) with Go's error text.
bool parseGoInt(const std::string &s, int base, std::int64_t &out, std::string &err, const char *fn = "ParseInt")
{
    if (s.empty()) {
        err = std::string("strconv.") + fn + ": parsing " + goQuote(s) + ": invalid syntax";
        return false;
    }
    std::uint64_t acc = 0;
    bool range = false;
    for (char c : s) {
        int d = 99;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'z')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'Z')
            d = c - 'A' + 10;
        if (d >= base) {
            err = std::string("strconv.") + fn + ": parsing " + goQuote(s) + ": invalid syntax";
            return false;
        }
        if (!range && (__builtin_mul_overflow(acc, std::uint64_t(base), &acc)
                       || __builtin_add_overflow(acc, std::uint64_t(d), &acc) || acc > std::uint64_t(INT64_MAX)))
            range = true;
    }
    if (range) {
        err = std::string("strconv.") + fn + ": parsing " + goQuote(s) + ": value out of range";
        return false;
    }
    out = std::int64_t(acc);
    return true;
}

class Parser {
public:
    Parser(std::string_view src, std::vector<Token> &tokens, NodeArena &arena, SyntaxError &err)
        : src_(src), toks_(tokens), arena_(arena), err_(err)
    {
    }

    Node *run()
    {
        try {
            cur_ = &toks_[0];
            Node *n = parseSequence();
            if (!cur_->is(TokenKind::Eof))
                fail("unexpected token " + cur_->describe());
            return n;
        } catch (const ParseFailure &) {
            return nullptr;
        }
    }

private:
    [[noreturn]] void failAt(const Token &t, std::string msg)
    {
        err_.message = std::move(msg);
        err_.offset = t.offset;
        throw ParseFailure{};
    }
    [[noreturn]] void fail(std::string msg) { failAt(*cur_, std::move(msg)); }

    void next()
    {
        prevEnd_ = cur_->end;
        if (pos_ + 1 < toks_.size())
            ++pos_;
        cur_ = &toks_[pos_];
        if (++count_ > 10000 * 4)
            fail("compilation failed: expression exceeds maximum allowed nodes");
    }
    void expect(TokenKind k)
    {
        if (cur_->kind == k) {
            next();
            return;
        }
        fail("unexpected token " + cur_->describe());
    }
    void expect(TokenKind k, std::string_view v)
    {
        if (cur_->is(k, v)) {
            next();
            return;
        }
        fail("unexpected token " + cur_->describe());
    }

    Node *make(NodeKind k, const Token &t)
    {
        if (arena_.size() >= 10000)
            failAt(t, "compilation failed: expression exceeds maximum allowed nodes");
        return arena_.make(k, t.offset);
    }
    Node *finish(Node *n, std::uint32_t begin)
    {
        n->begin = begin;
        n->end = prevEnd_ > begin ? prevEnd_ : begin;
        return n;
    }

    Node *parseSequence()
    {
        const std::uint32_t begin = cur_->offset;
        const Token &first = *cur_;
        std::vector<Node *> nodes{parseExpression(0)};
        while (cur_->is(TokenKind::Operator, ";")) {
            next();
            if (cur_->is(TokenKind::Eof))
                break;
            nodes.push_back(parseExpression(0));
        }
        if (nodes.size() == 1)
            return nodes[0];
        Node *seq = make(NodeKind::Sequence, first);
        seq->args = std::move(nodes);
        return finish(seq, begin);
    }

    Node *parseExpression(int precedence)
    {
        if (++depth_ > 500)
            fail("compilation failed: expression exceeds maximum allowed nodes");
        Node *r = parseExpressionInner(precedence);
        --depth_;
        return r;
    }

    Node *parseExpressionInner(int precedence)
    {
        if (precedence == 0 && cur_->is(TokenKind::Operator, "let"))
            return parseLet();
        if (precedence == 0 && cur_->is(TokenKind::Operator, "if"))
            return parseIf();

        const std::uint32_t begin = cur_->offset;
        Node *left = parsePrimary();
        std::string prevOperator;
        const Token *opToken = cur_;
        while (opToken->is(TokenKind::Operator)) {
            const bool negate = opToken->is(TokenKind::Operator, "not");
            const Token *notToken = nullptr;
            if (negate) {
                const std::size_t savePos = pos_;
                const std::uint32_t savePrev = prevEnd_;
                next();
                BinaryInfo bi{};
                if (allowedNegateSuffix(cur_->value) && cur_->is(TokenKind::Operator)) {
                    if (binaryInfo(cur_->value, bi) && bi.precedence >= precedence) {
                        notToken = cur_;
                        opToken = cur_;
                    } else {
                        pos_ = savePos;
                        cur_ = &toks_[pos_];
                        prevEnd_ = savePrev;
                        break;
                    }
                } else {
                    fail("unexpected token " + cur_->describe());
                }
            }
            BinaryInfo bi{};
            if (binaryInfo(opToken->value, bi) && bi.precedence >= precedence) {
                const Token &op = *opToken;
                next();
                if (op.value == "|") {
                    const Token &ident = *cur_;
                    expect(TokenKind::Identifier);
                    left = parseCall(ident, {left}, begin);
                    prevOperator = op.value;
                    opToken = cur_;
                    continue;
                }
                if (prevOperator == "??" && op.value != "??")
                    failAt(op, "Operator (" + op.value
                                   + ") and coalesce expressions (?\?) cannot be mixed. Wrap either by parentheses.");
                if (isComparison(op.value)) {
                    left = parseComparison(left, op, bi.precedence, begin);
                    prevOperator = op.value;
                    opToken = cur_;
                    continue;
                }
                Node *right = parseExpression(bi.rightAssoc ? bi.precedence : bi.precedence + 1);
                Node *bin = make(NodeKind::Binary, op);
                bin->op = bi.op;
                bin->name = op.value;
                bin->args = {left, right};
                finish(bin, begin);
                if (negate) {
                    Node *u = make(NodeKind::Unary, *notToken);
                    u->op = Op::Not;
                    u->name = "not";
                    u->args = {bin};
                    finish(u, begin);
                    left = u;
                } else {
                    left = bin;
                }
                prevOperator = op.value;
                opToken = cur_;
                continue;
            }
            break;
        }
        if (precedence == 0)
            left = parseConditional(left, begin);
        return left;
    }

    Node *parseComparison(Node *left, const Token &firstOp, int precedence, std::uint32_t begin)
    {
        Node *root = nullptr;
        const Token *token = &firstOp;
        while (true) {
            Node *cmp = parseExpression(precedence + 1);
            BinaryInfo bi{};
            binaryInfo(token->value, bi);
            Node *n = make(NodeKind::Binary, *token);
            n->op = bi.op;
            n->name = token->value;
            n->args = {left, cmp};
            finish(n, begin);
            if (!root) {
                root = n;
            } else {
                Node *a = make(NodeKind::Binary, *token);
                a->op = Op::And;
                a->name = "&&";
                a->args = {root, n};
                root = finish(a, begin);
            }
            left = cmp;
            token = cur_;
            if (!(token->is(TokenKind::Operator) && isComparison(token->value)))
                break;
            next();
        }
        return root;
    }

    Node *parseConditional(Node *node, std::uint32_t begin)
    {
        while (cur_->is(TokenKind::Operator, "?")) {
            next();
            Node *e1 = nullptr;
            Node *e2 = nullptr;
            if (!cur_->is(TokenKind::Operator, ":")) {
                e1 = parseExpression(0);
                expect(TokenKind::Operator, ":");
                e2 = parseExpression(0);
            } else {
                next();
                e1 = node;
                e2 = parseExpression(0);
            }
            // expr leaves the node's location unset; its errors land on the token that follows.
            Node *c = make(NodeKind::Conditional, *cur_);
            c->args = {node, e1, e2};
            node = finish(c, begin);
        }
        return node;
    }

    Node *parseIf()
    {
        const std::uint32_t begin = cur_->offset;
        next();
        Node *cond = parseExpression(0);
        expect(TokenKind::Bracket, "{");
        Node *e1 = parseSequence();
        expect(TokenKind::Bracket, "}");
        expect(TokenKind::Operator, "else");
        Node *e2 = nullptr;
        if (cur_->is(TokenKind::Operator, "if")) {
            e2 = parseIf();
        } else {
            expect(TokenKind::Bracket, "{");
            e2 = parseSequence();
            expect(TokenKind::Bracket, "}");
        }
        Node *c = make(NodeKind::Conditional, *cur_);
        c->args = {cond, e1, e2};
        return finish(c, begin);
    }

    Node *parseLet()
    {
        const std::uint32_t begin = cur_->offset;
        expect(TokenKind::Operator, "let");
        const Token &name = *cur_;
        expect(TokenKind::Identifier);
        expect(TokenKind::Operator, "=");
        Node *value = parseExpression(0);
        expect(TokenKind::Operator, ";");
        Node *body = parseSequence();
        Node *n = make(NodeKind::Let, name);
        n->name = name.value;
        n->args = {value, body};
        return finish(n, begin);
    }

    Node *parsePrimary()
    {
        const Token &token = *cur_;
        const std::uint32_t begin = token.offset;
        if (token.is(TokenKind::Operator)) {
            int prec = -1;
            Op op = Op::None;
            if (token.value == "not" || token.value == "!") {
                prec = 50;
                op = Op::Not;
            } else if (token.value == "-") {
                prec = 90;
                op = Op::Neg;
            } else if (token.value == "+") {
                prec = 90;
                op = Op::Plus;
            }
            if (prec >= 0) {
                next();
                Node *e = parseExpression(prec);
                Node *u = make(NodeKind::Unary, token);
                u->op = op;
                u->name = token.value;
                u->args = {e};
                finish(u, begin);
                return parsePostfix(u, begin);
            }
        }
        if (token.is(TokenKind::Bracket, "(")) {
            next();
            Node *e = parseSequence();
            expect(TokenKind::Bracket, ")");
            return parsePostfix(e, begin);
        }
        if (token.is(TokenKind::Operator, "#") && predicateDepth_ == 0)
            fail("cannot use pointer accessor outside predicate");
        if (predicateDepth_ > 0 && (token.is(TokenKind::Operator, "#") || token.is(TokenKind::Operator, "."))) {
            Node *p = make(NodeKind::Pointer, token);
            if (token.is(TokenKind::Operator, "#")) {
                next();
                if (cur_->is(TokenKind::Identifier)) {
                    p->name = cur_->value;
                    next();
                }
            }
            finish(p, begin);
            return parsePostfix(p, begin);
        }
        return parseSecondary();
    }

    Node *parseSecondary()
    {
        const Token &token = *cur_;
        const std::uint32_t begin = token.offset;
        Node *node = nullptr;
        switch (token.kind) {
        case TokenKind::Identifier:
            next();
            if (token.value == "true" || token.value == "false") {
                node = make(NodeKind::Bool, token);
                node->value = Value::boolean(token.value == "true");
            } else if (token.value == "nil") {
                node = make(NodeKind::Nil, token);
            } else if (cur_->is(TokenKind::Bracket, "(")) {
                node = parseCall(token, {}, begin);
            } else {
                node = make(token.value == "$env" ? NodeKind::Env : NodeKind::Identifier, token);
                node->name = token.value;
            }
            break;
        case TokenKind::Number:
            next();
            node = parseNumber(token);
            break;
        case TokenKind::String:
            next();
            node = make(NodeKind::String, token);
            node->value = Value::string(token.value);
            break;
        case TokenKind::Bytes:
            next();
            node = make(NodeKind::Bytes, token);
            node->value = Value::bytes(token.value);
            break;
        default:
            if (token.is(TokenKind::Bracket, "["))
                node = parseArray(token);
            else if (token.is(TokenKind::Bracket, "{"))
                node = parseMap(token);
            else
                fail("unexpected token " + token.describe());
        }
        finish(node, begin);
        return parsePostfix(node, begin);
    }

    Node *parseNumber(const Token &token)
    {
        std::string v;
        for (char c : token.value)
            if (c != '_')
                v += c;
        std::string lower = v;
        for (auto &c : lower)
            c = char(std::tolower(static_cast<unsigned char>(c)));
        std::int64_t i = 0;
        std::string err;
        auto intNode = [&](std::int64_t x) {
            Node *n = make(NodeKind::Integer, token);
            n->value = Value::integer(x);
            return n;
        };
        if (lower.rfind("0x", 0) == 0) {
            if (!parseGoInt(v.substr(2), 16, i, err))
                fail("invalid hex literal: " + err);
            return intNode(i);
        }
        if (lower.find_first_of(".e") != std::string::npos) {
            errno = 0;
            char *end = nullptr;
            const double d = std::strtod(v.c_str(), &end);
            if (end != v.c_str() + v.size())
                fail("invalid float literal: strconv.ParseFloat: parsing " + goQuote(v) + ": invalid syntax");
            if (errno == ERANGE && (d > 1 || d < -1))
                fail("invalid float literal: strconv.ParseFloat: parsing " + goQuote(v) + ": value out of range");
            Node *n = make(NodeKind::Float, token);
            n->value = Value::number(d);
            return n;
        }
        if (lower.rfind("0b", 0) == 0) {
            if (!parseGoInt(v.substr(2), 2, i, err))
                fail("invalid binary literal: " + err);
            return intNode(i);
        }
        if (lower.rfind("0o", 0) == 0) {
            if (!parseGoInt(v.substr(2), 8, i, err))
                fail("invalid octal literal: " + err);
            return intNode(i);
        }
        if (!parseGoInt(v, 10, i, err))
            fail("invalid integer literal: " + err);
        return intNode(i);
    }

    Node *parseArray(const Token &token)
    {
        Node *n = make(NodeKind::Array, token);
        expect(TokenKind::Bracket, "[");
        while (!cur_->is(TokenKind::Bracket, "]")) {
            if (!n->args.empty()) {
                expect(TokenKind::Operator, ",");
                if (cur_->is(TokenKind::Bracket, "]"))
                    break;
            }
            n->args.push_back(parseExpression(0));
        }
        expect(TokenKind::Bracket, "]");
        return n;
    }

    Node *parseMap(const Token &token)
    {
        Node *n = make(NodeKind::Map, token);
        expect(TokenKind::Bracket, "{");
        while (!cur_->is(TokenKind::Bracket, "}")) {
            if (!n->args.empty()) {
                expect(TokenKind::Operator, ",");
                if (cur_->is(TokenKind::Bracket, "}"))
                    break;
                if (cur_->is(TokenKind::Operator, ","))
                    fail("unexpected token " + cur_->describe());
            }
            Node *key = nullptr;
            if (cur_->is(TokenKind::Number) || cur_->is(TokenKind::String) || cur_->is(TokenKind::Identifier)) {
                key = make(NodeKind::String, token);
                key->value = Value::string(cur_->value);
                key->begin = cur_->offset;
                key->end = cur_->end;
                next();
            } else if (cur_->is(TokenKind::Bracket, "(")) {
                key = parseExpression(0);
            } else {
                fail("a map key must be a quoted string, a number, a identifier, or an expression enclosed in "
                     "parentheses (unexpected token "
                     + cur_->describe() + ")");
            }
            expect(TokenKind::Operator, ":");
            Node *value = parseExpression(0);
            n->args.push_back(key);
            n->args.push_back(value);
        }
        expect(TokenKind::Bracket, "}");
        return n;
    }

    Node *parsePredicate()
    {
        const Token &start = *cur_;
        const std::uint32_t begin = start.offset;
        bool brackets = false;
        if (cur_->is(TokenKind::Bracket, "{")) {
            next();
            brackets = true;
        }
        ++predicateDepth_;
        Node *body = nullptr;
        if (brackets) {
            body = parseSequence();
        } else {
            body = parseExpression(0);
            if (cur_->is(TokenKind::Operator, ";"))
                fail("wrap predicate with brackets { and }");
        }
        --predicateDepth_;
        if (brackets)
            expect(TokenKind::Bracket, "}");
        Node *p = make(NodeKind::Predicate, start);
        p->args = {body};
        return finish(p, begin);
    }

    std::vector<Node *> parseArguments(std::vector<Node *> args)
    {
        const std::size_t offset = args.size();
        expect(TokenKind::Bracket, "(");
        while (!cur_->is(TokenKind::Bracket, ")")) {
            if (args.size() > offset)
                expect(TokenKind::Operator, ",");
            if (cur_->is(TokenKind::Bracket, ")"))
                break;
            args.push_back(parseExpression(0));
        }
        expect(TokenKind::Bracket, ")");
        return args;
    }

    Node *parseCall(const Token &token, std::vector<Node *> args, std::uint32_t begin)
    {
        const int id = builtinIndex(token.value);
        if (id >= 0 && isPredicateBuiltin(id)) {
            expect(TokenKind::Bracket, "(");
            int n = 0;
            const std::uint8_t *spec = predicateArgs(id, n);
            const int already = int(args.size());
            const int total = n - already;
            for (int i = already; i < n; ++i) {
                const std::uint8_t a = spec[i];
                if (a & ArgOptional) {
                    if (cur_->is(TokenKind::Bracket, ")"))
                        break;
                } else if (cur_->is(TokenKind::Bracket, ")")) {
                    fail("expected at least " + std::to_string(total) + " arguments");
                }
                if (i > already)
                    expect(TokenKind::Operator, ",");
                if (a & ArgPredicate)
                    args.push_back(parsePredicate());
                else
                    args.push_back(parseExpression(0));
            }
            if (cur_->is(TokenKind::Operator, ","))
                next();
            expect(TokenKind::Bracket, ")");
            Node *b = make(NodeKind::Builtin, token);
            b->builtin = std::int16_t(id);
            b->name = token.value;
            b->args = std::move(args);
            return finish(b, begin);
        }
        if (id >= 0) {
            Node *b = make(NodeKind::Builtin, token);
            b->builtin = std::int16_t(id);
            b->name = token.value;
            b->args = parseArguments(std::move(args));
            return finish(b, begin);
        }
        Node *callee = make(NodeKind::Identifier, token);
        callee->name = token.value;
        callee->begin = token.offset;
        callee->end = token.end;
        Node *c = make(NodeKind::Call, token);
        c->name = token.value;
        std::vector<Node *> all{callee};
        all.insert(all.end(), args.begin(), args.end());
        c->args = parseArguments(std::move(all));
        return finish(c, begin);
    }

    Node *parsePostfix(Node *node, std::uint32_t begin)
    {
        const Token *postfix = cur_;
        while (postfix->is(TokenKind::Operator) || postfix->is(TokenKind::Bracket)) {
            const bool optional = postfix->value == "?.";
            if (postfix->value == "." || postfix->value == "?.") {
                next();
                const Token &prop = *cur_;
                if (optional && prop.is(TokenKind::Bracket, "[")) {
                    node = parseIndex(node, prop, true, begin);
                    postfix = cur_;
                    continue;
                }
                next();
                if (prop.kind != TokenKind::Identifier
                    && (prop.kind != TokenKind::Operator || !isValidIdentifier(prop.value)))
                    fail("expected name");
                Node *property = make(NodeKind::String, prop);
                property->value = Value::string(prop.value);
                property->begin = prop.offset;
                property->end = prop.end;
                const bool isChain = node->kind == NodeKind::Chain;
                if (isChain)
                    node = node->args[0];
                Node *member = make(NodeKind::Member, prop);
                member->args = {node, property};
                member->optional = optional;
                member->name = prop.value;
                finish(member, begin);
                if (cur_->is(TokenKind::Bracket, "(")) {
                    member->method = true;
                    Node *call = make(NodeKind::Call, prop);
                    call->name = prop.value;
                    call->args = parseArguments({member});
                    node = finish(call, begin);
                } else {
                    node = member;
                }
                if (isChain || optional) {
                    Node *chain = make(NodeKind::Chain, prop);
                    chain->args = {node};
                    node = finish(chain, begin);
                }
            } else if (postfix->value == "[") {
                node = parseIndex(node, *postfix, false, begin);
            } else {
                break;
            }
            postfix = cur_;
        }
        return node;
    }

    Node *parseIndex(Node *node, const Token &bracket, bool optional, std::uint32_t begin)
    {
        next(); // [
        if (cur_->is(TokenKind::Operator, ":")) {
            next();
            Node *to = nullptr;
            if (!cur_->is(TokenKind::Bracket, "]"))
                to = parseExpression(0);
            Node *s = make(NodeKind::Slice, bracket);
            s->args = {node, nullptr, to};
            expect(TokenKind::Bracket, "]");
            return finish(s, begin);
        }
        Node *from = parseExpression(0);
        if (cur_->is(TokenKind::Operator, ":")) {
            next();
            Node *to = nullptr;
            if (!cur_->is(TokenKind::Bracket, "]"))
                to = parseExpression(0);
            Node *s = make(NodeKind::Slice, bracket);
            s->args = {node, from, to};
            expect(TokenKind::Bracket, "]");
            return finish(s, begin);
        }
        const bool isChain = node->kind == NodeKind::Chain;
        if (isChain)
            node = node->args[0];
        Node *m = make(NodeKind::Member, bracket);
        m->args = {node, from};
        m->optional = optional;
        expect(TokenKind::Bracket, "]");
        finish(m, begin);
        if (isChain || optional) {
            Node *chain = make(NodeKind::Chain, bracket);
            chain->args = {m};
            return finish(chain, begin);
        }
        return m;
    }

    std::string_view src_;
    std::vector<Token> &toks_;
    NodeArena &arena_;
    SyntaxError &err_;
    std::size_t pos_ = 0;
    const Token *cur_ = nullptr;
    std::uint32_t prevEnd_ = 0;
    int predicateDepth_ = 0;
    int depth_ = 0;
    std::size_t count_ = 0;
};

} // namespace

Node *parse(std::string_view source, NodeArena &arena, SyntaxError &error)
{
    std::vector<Token> tokens;
    if (!tokenize(source, tokens, error))
        return nullptr;
    Parser p(source, tokens, arena, error);
    return p.run();
}

} // namespace bindery::expr
