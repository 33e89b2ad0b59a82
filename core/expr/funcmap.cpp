// SPDX-License-Identifier: Apache-2.0
// GCC 12 at -O3 reports a false -Wrestrict inside std::string's operator+ (GCC bug 105329).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif
#include "expr/funcmap.h"

#include "expr/go_format.h"
#include "expr/go_json.h"
#include "expr/go_regexp.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

namespace bindery::expr {

// ---- bellows.Expand -----------------------------------------------------------------------------

namespace {

Value expandPrefixed(std::span<const MapEntry> entries, std::string_view prefix)
{
    std::vector<MapEntry> out;
    std::vector<std::string> done;
    const std::string dotted = prefix.empty() ? std::string() : std::string(prefix) + ".";
    // Plain keys first so that they win over dotted ones with the same head.
    for (int pass = 0; pass < 2; ++pass) {
        for (const auto &e : entries) {
            const auto k = e.key.asString();
            if (!k.starts_with(dotted))
                continue;
            std::string_view key = k.substr(dotted.size());
            const auto dot = key.find('.');
            if ((dot == std::string_view::npos) != (pass == 0))
                continue;
            if (dot != std::string_view::npos)
                key = key.substr(0, dot);
            if (std::find(done.begin(), done.end(), key) != done.end())
                continue;
            done.emplace_back(key);
            if (dot == std::string_view::npos)
                out.push_back({Value::string(key), e.value});
            else
                out.push_back({Value::string(key), expandPrefixed(entries, k.substr(0, dotted.size() + key.size()))});
        }
    }
    return Value::map(std::move(out));
}

} // namespace

Value bellowsExpand(const Value &map)
{
    if (!map.isMap())
        return Value::map({});
    return expandPrefixed(map.asMap(), "");
}

// ---- jsonpath -----------------------------------------------------------------------------------

namespace {

struct Token
{
    enum Type { Root, Current, Key, Index, Wildcard, Recursive, Union, Slice, Filter, Length } type = Root;
    std::string key;
    std::int64_t index = 0;
    std::vector<std::string> unionKeys;
    std::vector<std::int64_t> unionIndexes;
    std::optional<std::int64_t> from, to, step;
    std::string filter;

    Token() = default;
    explicit Token(Type t) : type(t) {}
};

std::string kindForPath(const Value &v)
{
    switch (v.kind()) {
    case Kind::Map:
    case Kind::AnyMap: return "map";
    case Kind::Array: return "slice";
    case Kind::String: return "string";
    case Kind::Float: return "float64";
    case Kind::Int: return "int";
    case Kind::Bool: return "bool";
    default: return v.goTypeName();
    }
}

CallResult targetError(std::string_view token, const Value &v, std::string_view expected)
{
    if (v.isNil())
        return CallResult::failure(std::string(token) + ": invalid token target. expected " + std::string(expected) +
                                   " got [nil]");
    return CallResult::failure(std::string(token) + ": invalid token target. expected " + std::string(expected) +
                               " got [" + kindForPath(v) + "]");
}

bool parseInt(std::string_view s, std::int64_t &out)
{
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size();
}

std::string unquote(std::string_view s)
{
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    if (s.size() >= 2 && (s.front() == '\'' || s.front() == '"') && s.back() == s.front())
        return std::string(s.substr(1, s.size() - 2));
    return std::string(s);
}

// Splits a bracket body at top-level commas (quotes respected).
std::vector<std::string_view> splitTop(std::string_view s, char sep)
{
    std::vector<std::string_view> out;
    char quote = 0;
    int depth = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (quote) {
            if (c == quote)
                quote = 0;
            continue;
        }
        if (c == '\'' || c == '"')
            quote = c;
        else if (c == '(' || c == '[')
            ++depth;
        else if (c == ')' || c == ']')
            --depth;
        else if (c == sep && depth == 0) {
            out.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    out.push_back(s.substr(start));
    return out;
}

bool tokenize(std::string_view path, std::vector<Token> &tokens, std::string &error)
{
    auto invalid = [&] {
        error = "invalid JSONPath query '" + std::string(path) + "'";
        return false;
    };
    std::size_t i = 0;
    if (path.empty())
        return invalid();
    if (path[0] != '$' && path[0] != '@') {
        // evilmonkeyinc/jsonpath's tokenizer wording for a selector without a root (Argo's golden
        // vector meta-jsonpath-bad-path).
        error = "invalid JSONPath selector '" + std::string(path) + "' unexpected token '" + std::string(1, path[0])
            + "' at index 0";
        return false;
    }
    tokens.emplace_back(path[0] == '$' ? Token::Root : Token::Current);
    ++i;
    while (i < path.size()) {
        const char c = path[i];
        if (c == '.') {
            Token t;
            if (i + 1 < path.size() && path[i + 1] == '.') {
                tokens.emplace_back(Token::Recursive);
                i += 2;
                if (i < path.size() && path[i] == '[')
                    continue;
            } else {
                ++i;
            }
            std::size_t j = i;
            while (j < path.size() && path[j] != '.' && path[j] != '[')
                ++j;
            const std::string_view name = path.substr(i, j - i);
            if (name.empty())
                return invalid();
            if (name == "*")
                t.type = Token::Wildcard;
            else if (name == "length")
                t.type = Token::Length;
            else {
                t.type = Token::Key;
                t.key = std::string(name);
            }
            tokens.push_back(std::move(t));
            i = j;
        } else if (c == '[') {
            // Find the matching ']' (quotes and nested brackets respected).
            std::size_t j = i + 1;
            int depth = 1;
            char quote = 0;
            for (; j < path.size(); ++j) {
                const char d = path[j];
                if (quote) {
                    if (d == quote)
                        quote = 0;
                    continue;
                }
                if (d == '\'' || d == '"')
                    quote = d;
                else if (d == '[')
                    ++depth;
                else if (d == ']' && --depth == 0)
                    break;
            }
            if (j >= path.size())
                return invalid();
            std::string_view body = path.substr(i + 1, j - i - 1);
            i = j + 1;
            Token t;
            while (!body.empty() && body.front() == ' ')
                body.remove_prefix(1);
            while (!body.empty() && body.back() == ' ')
                body.remove_suffix(1);
            if (body == "*") {
                t.type = Token::Wildcard;
            } else if (body.starts_with("?(") && body.ends_with(")")) {
                t.type = Token::Filter;
                t.filter = std::string(body.substr(2, body.size() - 3));
            } else if (body.find(':') != std::string_view::npos && body.front() != '\'' && body.front() != '"') {
                t.type = Token::Slice;
                const auto parts = splitTop(body, ':');
                if (parts.size() > 3)
                    return invalid();
                std::int64_t v = 0;
                for (std::size_t k = 0; k < parts.size(); ++k) {
                    if (unquote(parts[k]).empty())
                        continue;
                    if (!parseInt(parts[k], v))
                        return invalid();
                    (k == 0 ? t.from : k == 1 ? t.to : t.step) = v;
                }
            } else {
                const auto parts = splitTop(body, ',');
                bool allInts = true;
                std::vector<std::int64_t> ints;
                for (const auto p : parts) {
                    std::int64_t v = 0;
                    if (parseInt(p, v))
                        ints.push_back(v);
                    else
                        allInts = false;
                }
                if (parts.size() == 1) {
                    if (allInts) {
                        t.type = Token::Index;
                        t.index = ints[0];
                    } else {
                        t.type = Token::Key;
                        t.key = unquote(parts[0]);
                        if (t.key.empty())
                            return invalid();
                    }
                } else {
                    t.type = Token::Union;
                    if (allInts)
                        t.unionIndexes = ints;
                    else
                        for (const auto p : parts)
                            t.unionKeys.push_back(unquote(p));
                }
            }
            tokens.push_back(std::move(t));
        } else {
            return invalid();
        }
    }
    return true;
}

CallResult apply(const Value &root, const Value &current, std::span<const Token> tokens);

std::vector<Value> childrenOf(const Value &v)
{
    std::vector<Value> out;
    if (v.isMap() || v.kind() == Kind::AnyMap)
        for (const auto &e : v.asMap())
            out.push_back(e.value);
    else if (v.isArray())
        for (const auto &e : v.asArray())
            out.push_back(e);
    return out;
}

void flatten(const Value &v, std::vector<Value> &out)
{
    if (v.isNil())
        return;
    out.push_back(v);
    for (const auto &c : childrenOf(v))
        flatten(c, out);
}

// Filter expressions: comparisons of @-paths, $-paths and literals with == != < <= > >= =~,
// combined with && || ! and parentheses.
class FilterEval
{
public:
    FilterEval(std::string_view src, const Value &root, const Value &item) : s_(src), root_(root), item_(item) {}

    std::optional<bool> run()
    {
        auto v = orExpr();
        skip();
        if (!v || pos_ != s_.size())
            return std::nullopt;
        return truthy(*v);
    }

private:
    void skip()
    {
        while (pos_ < s_.size() && s_[pos_] == ' ')
            ++pos_;
    }
    bool eat(std::string_view t)
    {
        skip();
        if (s_.substr(pos_).starts_with(t)) {
            pos_ += t.size();
            return true;
        }
        return false;
    }
    static bool truthy(const Value &v)
    {
        if (v.isBool())
            return v.asBool();
        return !v.isNil();
    }
    std::optional<Value> orExpr()
    {
        auto l = andExpr();
        while (l && eat("||")) {
            auto r = andExpr();
            if (!r)
                return std::nullopt;
            l = Value::boolean(truthy(*l) || truthy(*r));
        }
        return l;
    }
    std::optional<Value> andExpr()
    {
        auto l = cmpExpr();
        while (l && eat("&&")) {
            auto r = cmpExpr();
            if (!r)
                return std::nullopt;
            l = Value::boolean(truthy(*l) && truthy(*r));
        }
        return l;
    }
    std::optional<Value> cmpExpr()
    {
        auto l = unary();
        if (!l)
            return l;
        static constexpr std::string_view ops[] = {"==", "!=", "<=", ">=", "=~", "<", ">"};
        for (const auto op : ops) {
            if (!eat(op))
                continue;
            if (op == "=~") {
                skip();
                if (pos_ >= s_.size() || s_[pos_] != '/')
                    return std::nullopt;
                const auto end = s_.find('/', pos_ + 1);
                if (end == std::string_view::npos)
                    return std::nullopt;
                const auto re = go::compileRegexp(s_.substr(pos_ + 1, end - pos_ - 1));
                pos_ = end + 1;
                if (!re.re)
                    return std::nullopt;
                return Value::boolean(l->isString() && go::matchString(*re.re, l->asString()));
            }
            auto r = unary();
            if (!r)
                return std::nullopt;
            return Value::boolean(compare(*l, *r, op));
        }
        return l;
    }
    static bool compare(const Value &a, const Value &b, std::string_view op)
    {
        if (op == "==")
            return equal(a, b);
        if (op == "!=")
            return !equal(a, b);
        int c = 0;
        if (a.isNumber() && b.isNumber())
            c = a.toDouble() < b.toDouble() ? -1 : a.toDouble() > b.toDouble() ? 1 : 0;
        else if (a.isString() && b.isString())
            c = a.asString().compare(b.asString());
        else
            return false;
        if (op == "<")
            return c < 0;
        if (op == "<=")
            return c <= 0;
        if (op == ">")
            return c > 0;
        return c >= 0;
    }
    std::optional<Value> unary()
    {
        skip();
        if (eat("!")) {
            auto v = unary();
            if (!v)
                return v;
            return Value::boolean(!truthy(*v));
        }
        if (eat("(")) {
            auto v = orExpr();
            if (!v || !eat(")"))
                return std::nullopt;
            return v;
        }
        skip();
        if (pos_ >= s_.size())
            return std::nullopt;
        const char c = s_[pos_];
        if (c == '@' || c == '$') {
            std::size_t j = pos_ + 1;
            int depth = 0;
            while (j < s_.size()) {
                const char d = s_[j];
                if (d == '[')
                    ++depth;
                else if (d == ']')
                    --depth;
                else if (depth == 0 && (d == ' ' || d == '=' || d == '!' || d == '<' || d == '>' || d == '&' ||
                                        d == '|' || d == ')'))
                    break;
                ++j;
            }
            const std::string_view path = s_.substr(pos_, j - pos_);
            pos_ = j;
            std::vector<Token> tokens;
            std::string error;
            if (!tokenize(path, tokens, error))
                return std::nullopt;
            const auto r = apply(root_, c == '@' ? item_ : root_, tokens);
            return r.ok() ? r.value() : Value();
        }
        if (c == '\'' || c == '"') {
            const auto end = s_.find(c, pos_ + 1);
            if (end == std::string_view::npos)
                return std::nullopt;
            Value v = Value::string(s_.substr(pos_ + 1, end - pos_ - 1));
            pos_ = end + 1;
            return v;
        }
        for (const auto &[word, value] : {std::pair<std::string_view, Value>{"true", Value::boolean(true)},
                                          {"false", Value::boolean(false)},
                                          {"null", Value()}}) {
            if (s_.substr(pos_).starts_with(word)) {
                pos_ += word.size();
                return value;
            }
        }
        std::size_t j = pos_;
        while (j < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[j])) || s_[j] == '.' || s_[j] == '-' ||
                                 s_[j] == 'e' || s_[j] == 'E' || s_[j] == '+'))
            ++j;
        double d = 0;
        const auto r = std::from_chars(s_.data() + pos_, s_.data() + j, d);
        if (j == pos_ || r.ec != std::errc() || r.ptr != s_.data() + j)
            return std::nullopt;
        pos_ = j;
        return Value::number(d);
    }

    std::string_view s_;
    std::size_t pos_ = 0;
    const Value &root_;
    const Value &item_;
};

CallResult finish(const Value &root, const Value &value, std::span<const Token> next)
{
    if (next.empty())
        return CallResult(value);
    return apply(root, value, next);
}

// Applies the next token to each element; results that fail or are nil are dropped.
CallResult collect(const Value &root, const std::vector<Value> &elements, std::span<const Token> next, bool flattenArrays)
{
    std::vector<Value> results;
    for (const auto &e : elements) {
        if (next.empty()) {
            results.push_back(e);
            continue;
        }
        const auto r = apply(root, e, next);
        if (!r.ok() || r.value().isNil())
            continue;
        if (flattenArrays && r.value().isArray())
            for (const auto &x : r.value().asArray())
                results.push_back(x);
        else
            results.push_back(r.value());
    }
    return CallResult(Value::array(std::move(results)));
}

CallResult apply(const Value &root, const Value &current, std::span<const Token> tokens)
{
    const Token &t = tokens.front();
    const auto next = tokens.subspan(1);
    switch (t.type) {
    case Token::Root: return finish(root, root, next);
    case Token::Current: return finish(root, current, next);
    case Token::Key: {
        if (!current.isMap())
            return targetError("key", current, "[map]");
        const Value *v = current.find(t.key);
        if (!v)
            return CallResult::failure("key: invalid token key '" + t.key + "' not found");
        return finish(root, *v, next);
    }
    case Token::Index: {
        std::int64_t idx = t.index;
        if (current.isNil() || !(current.isMap() || current.isArray() || current.isString()))
            return targetError("index", current, "[array map slice string]");
        const auto len = static_cast<std::int64_t>(current.size());
        if (idx < 0)
            idx += len;
        if (idx < 0 || idx >= len)
            return CallResult::failure("index: invalid token out of range");
        Value v;
        if (current.isMap())
            v = current.asMap()[static_cast<std::size_t>(idx)].value; // keys are sorted, as the library sorts them
        else if (current.isString())
            v = Value::string(current.asString().substr(static_cast<std::size_t>(idx), 1));
        else
            v = current.asArray()[static_cast<std::size_t>(idx)];
        return finish(root, v, next);
    }
    case Token::Wildcard:
        if (current.isNil() || !(current.isMap() || current.isArray()))
            return targetError("wildcard", current, "[array map slice]");
        return collect(root, childrenOf(current), next, false);
    case Token::Recursive: {
        std::vector<Value> all;
        flatten(current, all);
        return collect(root, all, next, true);
    }
    case Token::Length: {
        if (current.isMap() && current.find("length"))
            return finish(root, *current.find("length"), next);
        if (current.isNil() || !(current.isMap() || current.isArray() || current.isString()))
            return targetError("length", current, "[array map slice string]");
        return finish(root, Value::integer(static_cast<std::int64_t>(current.size())), next);
    }
    case Token::Union: {
        std::vector<Value> elements;
        if (!t.unionKeys.empty()) {
            if (!current.isMap())
                return targetError("union", current, "[map]");
            for (const auto &k : t.unionKeys) {
                const Value *v = current.find(k);
                if (!v)
                    return CallResult::failure("union: invalid token key '" + k + "' not found");
                elements.push_back(*v);
            }
        } else {
            if (!current.isArray())
                return targetError("union", current, "[array slice]");
            const auto len = static_cast<std::int64_t>(current.size());
            for (std::int64_t idx : t.unionIndexes) {
                if (idx < 0)
                    idx += len;
                if (idx < 0 || idx >= len)
                    return CallResult::failure("union: invalid token out of range");
                elements.push_back(current.asArray()[static_cast<std::size_t>(idx)]);
            }
        }
        return collect(root, elements, next, false);
    }
    case Token::Slice: {
        if (!current.isArray())
            return targetError("range", current, "[array slice]");
        const auto len = static_cast<std::int64_t>(current.size());
        const std::int64_t step = t.step.value_or(1);
        if (step == 0)
            return CallResult::failure("range: invalid token out of range");
        auto norm = [&](std::int64_t v) { return std::clamp<std::int64_t>(v < 0 ? v + len : v, 0, len); };
        std::vector<Value> elements;
        if (step > 0) {
            const std::int64_t from = norm(t.from.value_or(0)), to = norm(t.to.value_or(len));
            for (std::int64_t k = from; k < to; k += step)
                elements.push_back(current.asArray()[static_cast<std::size_t>(k)]);
        } else {
            const std::int64_t from = t.from ? std::min(norm(*t.from), len - 1) : len - 1;
            const std::int64_t to = t.to ? norm(*t.to) : -1;
            for (std::int64_t k = from; k > to; k += step)
                elements.push_back(current.asArray()[static_cast<std::size_t>(k)]);
        }
        return collect(root, elements, next, false);
    }
    case Token::Filter: {
        if (current.isNil() || !(current.isMap() || current.isArray()))
            return targetError("filter", current, "[array map slice]");
        std::vector<Value> elements;
        for (const auto &e : childrenOf(current)) {
            const auto keep = FilterEval(t.filter, root, e).run();
            if (!keep)
                return CallResult::failure("filter: invalid token invalid expression. invalid format '" + t.filter + "'");
            if (*keep)
                elements.push_back(e);
        }
        return collect(root, elements, next, false);
    }
    }
    return CallResult(Value());
}

} // namespace

CallResult jsonPathGet(std::string_view path, const Value &root)
{
    std::vector<Token> tokens;
    std::string error;
    if (!tokenize(path, tokens, error))
        return CallResult::failure(error);
    return apply(root, root, tokens);
}

// ---- the function map ---------------------------------------------------------------------------

namespace {

CallResult arity(std::span<const Value> args, std::size_t n)
{
    if (args.size() == n)
        return CallResult(Value());
    return CallResult::failure(args.size() < n ? "reflect: Call with too few input arguments"
                                               : "reflect: Call with too many input arguments");
}

} // namespace

std::string_view argoFuncMapSignature(std::string_view name)
{
    if (name == "asInt" || name == "asFloat")
        return "func(interface {}) interface {}";
    if (name == "toJson")
        return "func(interface {}) string";
    if (name == "jsonpath")
        return "func(string, string) interface {}";
    return {};
}

Value makeArgoFuncMapEnv(const Value &env)
{
    static const Value asInt = Value::function("asInt", [](std::span<const Value> a) {
        if (auto r = arity(a, 1); !r.ok())
            return r;
        return go::exprInt(a[0]);
    });
    static const Value asFloat = Value::function("asFloat", [](std::span<const Value> a) {
        if (auto r = arity(a, 1); !r.ok())
            return r;
        return go::exprFloat(a[0]);
    });
    static const Value toJson = Value::function("toJson", [](std::span<const Value> a) {
        if (auto r = arity(a, 1); !r.ok())
            return r;
        auto m = go::marshal(a[0]);
        if (!m.ok)
            return CallResult::failure(m.error); // Argo panics with the marshal error
        return CallResult(Value::string(m.text));
    });
    static const Value jsonpath = Value::function("jsonpath", [](std::span<const Value> a) {
        if (auto r = arity(a, 2); !r.ok())
            return r;
        for (const auto &v : a)
            if (!v.isString())
                return CallResult::failure("reflect: Call using " + (v.isNil() ? std::string("interface {}") : v.goTypeName()) +
                                           " as type string");
        auto doc = go::unmarshal(a[0].asString());
        if (!doc.ok)
            return CallResult::failure(doc.error);
        return jsonPathGet(a[1].asString(), doc.value);
    });
    Value expanded = bellowsExpand(env);
    std::vector<MapEntry> entries(expanded.asMap().begin(), expanded.asMap().end());
    entries.push_back({Value::string("asInt"), asInt});
    entries.push_back({Value::string("asFloat"), asFloat});
    entries.push_back({Value::string("jsonpath"), jsonpath});
    entries.push_back({Value::string("toJson"), toJson});
    entries.push_back({Value::string("sprig"), sprigFunctions()});
    return Value::map(std::move(entries));
}

} // namespace bindery::expr
