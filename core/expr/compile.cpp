// SPDX-License-Identifier: Apache-2.0
// The checker (expr's static typing of an Env(env) program) and the optimizer's observable
// rewrites (LANGUAGE.md §9), then the assembly of an immutable Program.
#include "expr/builtins.h"
#include "expr/parser.h"
#include "expr/program.h"
#include "expr/program_data.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>

namespace bindery::expr {

// ---- errors -------------------------------------------------------------------------------------

Error::Error(std::string message, std::string_view source, std::uint32_t byteOffset, bool located)
    : message_(std::move(message)), located_(located)
{
    if (!located)
        return;
    // Line and column in runes, as file.Error.Bind counts them.
    int line = 1;
    int column = 0;
    std::size_t lineStart = 0;
    const std::size_t end = std::min<std::size_t>(byteOffset, source.size());
    for (std::size_t i = 0; i < end; ++i) {
        const auto c = static_cast<unsigned char>(source[i]);
        if (c == '\n') {
            ++line;
            column = 0;
            lineStart = i + 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column;
        }
    }
    line_ = line;
    column_ = column + 1;
    std::size_t lineEnd = source.find('\n', lineStart);
    if (lineEnd == std::string_view::npos)
        lineEnd = source.size();
    std::string snippet(source.substr(lineStart, lineEnd - lineStart));
    if (snippet.empty()) {
        located_ = false; // expr prints only the message when the line is empty
        return;
    }
    for (auto &ch : snippet)
        if (ch == '\t')
            ch = ' ';
    std::string ind;
    std::size_t b = 0;
    bool multibyte = false;
    for (int i = 0; i < column && b < snippet.size(); ++i) {
        const auto c = static_cast<unsigned char>(snippet[b]);
        if (c >= 0x80) {
            multibyte = true;
            break;
        }
        ++b;
        ind += '.';
    }
    if (!multibyte && b < snippet.size() && static_cast<unsigned char>(snippet[b]) >= 0x80)
        multibyte = true;
    snippet_ = "\n | " + snippet;
    if (!multibyte)
        snippet_ += "\n | " + ind + "^";
}

std::string Error::format() const
{
    if (!located_)
        return message_;
    return message_ + " (" + std::to_string(line_) + ":" + std::to_string(column_) + ")" + snippet_;
}

// ---- natures ------------------------------------------------------------------------------------

std::string Nature::goName() const
{
    switch (kind) {
    case Unknown:
    case Nil: return "unknown";
    case Interface: return "interface {}";
    case Bool: return "bool";
    case Int: return "int";
    case Float: return "float64";
    case String: return "string";
    case Array: return "[]" + elemNature().goName();
    case Map: return "map[string]interface {}";
    case AnyMap: return "map[interface {}]interface {}";
    case Time: return "time.Time";
    case Duration: return "time.Duration";
    case Func: return "func(...interface {}) (interface {}, error)";
    case Bytes: return "[]uint8";
    case Location: return "*time.Location";
    }
    return "unknown";
}

namespace {

Nature natureOfValue(const Value &v)
{
    switch (v.kind()) {
    case Kind::Nil: return Nature::of(Nature::Nil);
    case Kind::Bool: return Nature::of(Nature::Bool);
    case Kind::Int: return Nature::of(Nature::Int);
    case Kind::Float: return Nature::of(Nature::Float);
    case Kind::Duration: return Nature::of(Nature::Duration);
    case Kind::String: return Nature::of(Nature::String);
    case Kind::Bytes: return Nature::of(Nature::Bytes);
    case Kind::Array:
        switch (v.arrayType()) {
        case ArrayType::Int: return Nature::arrayOf(Nature::of(Nature::Int));
        case ArrayType::String: return Nature::arrayOf(Nature::of(Nature::String));
        case ArrayType::Float: return Nature::arrayOf(Nature::of(Nature::Float));
        default: return Nature::arrayOf(Nature::of(Nature::Interface));
        }
    case Kind::Map: return Nature::of(Nature::Map);
    case Kind::AnyMap: return Nature::of(Nature::AnyMap);
    case Kind::Time: return Nature::of(Nature::Time);
    case Kind::Location: return Nature::of(Nature::Location);
    case Kind::Function: return Nature::of(Nature::Func);
    }
    return Nature::of(Nature::Interface);
}

struct CheckFailure {
    std::string message;
    std::uint32_t offset;
};

bool isBool(const Nature &n) { return n.kind == Nature::Bool; }
bool isInt(const Nature &n) { return n.kind == Nature::Int; }
bool isNum(const Nature &n) { return n.isNumber(); }
bool isStr(const Nature &n) { return n.kind == Nature::String; }
bool isTime(const Nature &n) { return n.kind == Nature::Time; }
bool isDur(const Nature &n) { return n.kind == Nature::Duration; }
bool isArr(const Nature &n) { return n.kind == Nature::Array; }
bool isMapN(const Nature &n) { return n.kind == Nature::Map || n.kind == Nature::AnyMap; }
bool unk(const Nature &n) { return n.isUnknown(); }

template<class... F>
bool anyOf(const Nature &n, F... f)
{
    return (f(n) || ...);
}

template<class... F>
bool orN(const Nature &l, const Nature &r, F... f)
{
    if (unk(l) && unk(r))
        return true;
    if (unk(l) && anyOf(r, f...))
        return true;
    if (unk(r) && anyOf(l, f...))
        return true;
    return false;
}

bool comparable(const Nature &l, const Nature &r)
{
    if (unk(l) || unk(r) || l.kind == Nature::Nil || r.kind == Nature::Nil)
        return true;
    if (l.isNumber() && r.isNumber())
        return true;
    if (l.kind == r.kind)
        return true;
    return false;
}

Nature combined(const Nature &l, const Nature &r)
{
    if (l.kind == Nature::Float || r.kind == Nature::Float)
        return Nature::of(Nature::Float);
    return Nature::of(Nature::Int);
}

struct Var {
    std::string name;
    Nature nature;
    int slot;
};

struct PredScope {
    Nature elem;
    int builtin;
    Nature acc;
};

const Nature kAny = Nature::of(Nature::Interface);

class Checker {
public:
    Checker(const Value &env, std::string_view source, NodeArena &arena) : env_(env), src_(source), arena_(arena) {}

    int slots = 0;

    Nature check(Node *n)
    {
        Nature t = visit(n);
        n->nature = t;
        return t;
    }

private:
    [[noreturn]] void fail(const Node *n, std::string msg) { throw CheckFailure{std::move(msg), n->loc}; }

    const Var *lookupVar(std::string_view name) const
    {
        for (auto it = vars_.rbegin(); it != vars_.rend(); ++it)
            if (it->name == name)
                return &*it;
        return nullptr;
    }

    Nature visit(Node *n)
    {
        switch (n->kind) {
        case NodeKind::Nil: return Nature::of(Nature::Nil);
        case NodeKind::Bool: return Nature::of(Nature::Bool);
        case NodeKind::Integer: return Nature::of(Nature::Int);
        case NodeKind::Float: return Nature::of(Nature::Float);
        case NodeKind::String: return Nature::of(Nature::String);
        case NodeKind::Bytes: return Nature::of(Nature::Bytes);
        case NodeKind::Constant: return natureOfValue(n->value);
        case NodeKind::Env: return kAny;
        case NodeKind::Identifier: return identifier(n);
        case NodeKind::Variable: return Nature::of(Nature::Interface);
        case NodeKind::Pointer: return pointer(n);
        case NodeKind::Member: return member(n);
        case NodeKind::Chain: return check(n->args[0]);
        case NodeKind::Slice: return slice(n);
        case NodeKind::Call: return call(n);
        case NodeKind::Builtin: return builtin(n);
        case NodeKind::Unary: return unary(n);
        case NodeKind::Binary: return binary(n);
        case NodeKind::Conditional: return conditional(n);
        case NodeKind::Array: return array(n);
        case NodeKind::Map: return mapLiteral(n);
        case NodeKind::Predicate: return check(n->args[0]);
        case NodeKind::Let: return let(n);
        case NodeKind::Sequence: {
            Nature t;
            for (Node *c : n->args)
                t = check(c);
            return t;
        }
        case NodeKind::InSet: return Nature::of(Nature::Bool);
        }
        return kAny;
    }

    Nature identifier(Node *n)
    {
        if (const Var *v = lookupVar(n->name)) {
            n->kind = NodeKind::Variable;
            n->slot = v->slot;
            return v->nature;
        }
        if (const Value *v = env_.find(n->name))
            return natureOfValue(*v);
        if (builtinIndex(n->name) >= 0)
            return Nature::of(Nature::Func);
        fail(n, "unknown name " + n->name);
    }

    Nature pointer(Node *n)
    {
        if (preds_.empty())
            fail(n, "cannot use pointer accessor outside predicate");
        const PredScope &s = preds_.back();
        if (n->name.empty())
            return s.elem;
        if (n->name == "index" && (s.builtin == int(Builtin::Map) || s.builtin == int(Builtin::Reduce)))
            return Nature::of(Nature::Int);
        if (n->name == "acc" && s.builtin == int(Builtin::Reduce))
            return s.acc;
        fail(n, "unknown pointer #" + n->name);
    }

    Nature member(Node *n)
    {
        Node *baseNode = n->args[0];
        Node *prop = n->args[1];
        if (baseNode->kind == NodeKind::Env) {
            check(baseNode);
            if (prop->kind != NodeKind::String) {
                resolveOnly(prop); // expr does not type the index of $env
                return kAny;
            }
            {
                if (const Value *v = env_.find(prop->value.asString()))
                    return natureOfValue(*v);
                if (!n->optional && !n->method)
                    fail(n, "unknown name " + std::string(prop->value.asString()));
            }
            return kAny;
        }
        const Nature base = check(baseNode);
        const Nature p = check(prop);
        if (unk(base))
            return kAny;
        const bool named = prop->kind == NodeKind::String;
        if (named && base.kind == Nature::Nil)
            fail(n, "type nil has no field " + std::string(prop->value.asString()));
        switch (base.kind) {
        case Nature::Unknown:
        case Nature::Interface: return kAny;
        case Nature::Map:
            if (!isStr(p) && !unk(p) && p.kind != Nature::Nil)
                fail(prop, "cannot use " + p.goName() + " to get an element from map[string]interface {}");
            return kAny;
        case Nature::AnyMap: return base.elemNature();
        case Nature::Array:
            if (!isInt(p) && !unk(p))
                fail(prop, "array elements can only be selected using an integer (got " + p.goName() + ")");
            return base.elemNature();
        case Nature::String:
        case Nature::Bytes:
            if (named)
                fail(n, "type " + base.goName() + " has no field " + std::string(prop->value.asString()));
            if (!isInt(p) && !unk(p))
                fail(prop, "array elements can only be selected using an integer (got " + p.goName() + ")");
            return Nature::of(Nature::Int);
        case Nature::Time:
        case Nature::Duration:
        case Nature::Location:
            if (named && n->method)
                return Nature::of(Nature::Func);
            break;
        default: break;
        }
        if (named) {
            if (n->method)
                fail(n, "type " + base.goName() + " has no method " + std::string(prop->value.asString()));
            fail(n, "type " + base.goName() + " has no field " + std::string(prop->value.asString()));
        }
        fail(n, "type " + base.goName() + "[" + p.goName() + "] is undefined");
    }

    Nature slice(Node *n)
    {
        const Nature t = check(n->args[0]);
        if (unk(t)) {
            resolveOnly(n->args[1]);
            resolveOnly(n->args[2]);
            return kAny;
        }
        switch (t.kind) {
        case Nature::Unknown:
        case Nature::Interface:
        case Nature::String:
        case Nature::Array:
        case Nature::Bytes: break;
        default: fail(n, "cannot slice " + t.goName());
        }
        for (int i = 1; i <= 2; ++i) {
            if (!n->args[std::size_t(i)])
                continue;
            const Nature b = check(n->args[std::size_t(i)]);
            if (!isInt(b) && !unk(b))
                fail(n->args[std::size_t(i)], "non-integer slice index " + b.goName());
        }
        return t;
    }

    Nature call(Node *n)
    {
        const Nature fn = check(n->args[0]);
        if (unk(fn)) {
            // expr does not look at the arguments of a call it cannot type.
            for (std::size_t i = 1; i < n->args.size(); ++i)
                resolveOnly(n->args[i]);
            return kAny;
        }
        for (std::size_t i = 1; i < n->args.size(); ++i)
            check(n->args[i]);
        if (fn.kind == Nature::Func)
            return kAny;
        fail(n, fn.goName() + " is not callable");
    }

    Nature unary(Node *n)
    {
        const Nature t = check(n->args[0]);
        if (n->op == Op::Not) {
            if (isBool(t) || unk(t))
                return Nature::of(Nature::Bool);
        } else {
            if (isNum(t))
                return t;
            if (unk(t))
                return kAny;
        }
        fail(n, "invalid operation: " + n->name + " (mismatched type " + t.goName() + ")");
    }

    Nature binary(Node *n)
    {
        const Nature l = check(n->args[0]);
        const Nature r = check(n->args[1]);
        const auto B = Nature::of(Nature::Bool);
        switch (n->op) {
        case Op::Eq:
        case Op::Ne:
            if (comparable(l, r))
                return B;
            break;
        case Op::Or:
        case Op::And:
            if (isBool(l) && isBool(r))
                return B;
            if (orN(l, r, isBool))
                return B;
            break;
        case Op::Lt:
        case Op::Gt:
        case Op::Le:
        case Op::Ge:
            if ((isNum(l) && isNum(r)) || (isStr(l) && isStr(r)) || (isTime(l) && isTime(r))
                || (isDur(l) && isDur(r)))
                return B;
            if (orN(l, r, isNum, isStr, isTime, isDur))
                return B;
            break;
        case Op::Sub:
            if (isNum(l) && isNum(r))
                return combined(l, r);
            if (isTime(l) && isTime(r))
                return Nature::of(Nature::Duration);
            if (isTime(l) && isDur(r))
                return Nature::of(Nature::Time);
            if (isDur(l) && isDur(r))
                return Nature::of(Nature::Duration);
            if (orN(l, r, isNum, isTime, isDur))
                return kAny;
            break;
        case Op::Mul:
            if (isNum(l) && isNum(r))
                return combined(l, r);
            if ((isNum(l) && isDur(r)) || (isDur(l) && isNum(r)) || (isDur(l) && isDur(r)))
                return Nature::of(Nature::Duration);
            if (orN(l, r, isNum, isDur))
                return kAny;
            break;
        case Op::Div:
        case Op::Pow:
            if (isNum(l) && isNum(r))
                return Nature::of(Nature::Float);
            if (orN(l, r, isNum))
                return Nature::of(Nature::Float);
            break;
        case Op::Mod:
            if (isInt(l) && isInt(r))
                return Nature::of(Nature::Int);
            if (orN(l, r, isInt))
                return Nature::of(Nature::Int);
            break;
        case Op::Add:
            if (isNum(l) && isNum(r))
                return combined(l, r);
            if (isStr(l) && isStr(r))
                return Nature::of(Nature::String);
            if ((isTime(l) && isDur(r)) || (isDur(l) && isTime(r)))
                return Nature::of(Nature::Time);
            if (isDur(l) && isDur(r))
                return Nature::of(Nature::Duration);
            if (orN(l, r, isNum, isStr, isTime, isDur))
                return kAny;
            break;
        case Op::In:
            if (isMapN(r)) {
                if (l.kind == Nature::Nil || unk(l) || r.kind == Nature::AnyMap)
                    return B;
                if (!isStr(l))
                    fail(n, "cannot use " + l.goName() + " as type string in map key");
                return B;
            }
            if (isArr(r)) {
                if (l.kind == Nature::Nil)
                    return B;
                if (!comparable(l, r.elemNature()))
                    fail(n, "cannot use " + l.goName() + " as type " + r.elemNature().goName() + " in array");
                return B;
            }
            if (unk(l) && anyOf(r, isStr, isArr, isMapN))
                return B;
            if (unk(r))
                return B;
            break;
        case Op::Matches:
            if (n->args[1]->kind == NodeKind::String) {
                std::shared_ptr<const re2::RE2> re;
                std::string err = compileRegex(n->args[1]->value.asString(), re);
                if (!err.empty())
                    fail(n, err);
                n->regex = re;
            }
            if (isStr(l) && isStr(r))
                return B;
            if (orN(l, r, isStr))
                return B;
            break;
        case Op::Contains:
        case Op::StartsWith:
        case Op::EndsWith:
            if (isStr(l) && isStr(r))
                return B;
            if (orN(l, r, isStr))
                return B;
            break;
        case Op::Range:
            if (isInt(l) && isInt(r))
                return Nature::arrayOf(Nature::of(Nature::Int));
            if (orN(l, r, isInt))
                return Nature::arrayOf(Nature::of(Nature::Int));
            break;
        case Op::Coalesce:
            if (l.kind == Nature::Nil && r.kind != Nature::Nil)
                return r;
            if (l.kind != Nature::Nil && r.kind == Nature::Nil)
                return l;
            if (l.kind == Nature::Nil)
                return Nature::of(Nature::Nil);
            if (l.kind == r.kind && !unk(l))
                return l;
            return kAny;
        default: break;
        }
        fail(n, "invalid operation: " + n->name + " (mismatched types " + l.goName() + " and " + r.goName() + ")");
    }

    Nature conditional(Node *n)
    {
        const Nature c = check(n->args[0]);
        if (!isBool(c) && !unk(c))
            fail(n->args[0], "non-bool expression (type " + c.goName() + ") used as condition");
        const Nature a = check(n->args[1]);
        const Nature b = check(n->args[2]);
        if (a.kind == Nature::Nil && b.kind != Nature::Nil)
            return b;
        if (a.kind != Nature::Nil && b.kind == Nature::Nil)
            return a;
        if (a.kind == Nature::Nil)
            return a;
        if (a.kind == b.kind && !unk(a))
            return a;
        return kAny;
    }

    Nature array(Node *n)
    {
        Nature prev;
        bool same = true;
        for (std::size_t i = 0; i < n->args.size(); ++i) {
            Nature c = check(n->args[i]);
            if (i > 0 && (c.kind != prev.kind || c.kind == Nature::Nil || unk(c)))
                same = false;
            prev = c;
        }
        if (same && !n->args.empty() && !unk(prev) && prev.kind != Nature::Nil && prev.kind != Nature::Array)
            return Nature::arrayOf(prev);
        return Nature::arrayOf(kAny);
    }

    Nature mapLiteral(Node *n)
    {
        for (Node *c : n->args)
            check(c);
        return Nature::of(Nature::Map);
    }

    Nature let(Node *n)
    {
        const Nature v = check(n->args[0]);
        if (builtinIndex(n->name) >= 0)
            fail(n, "cannot redeclare builtin " + n->name);
        if (lookupVar(n->name))
            fail(n, "cannot redeclare variable " + n->name);
        if (env_.find(n->name))
            fail(n, "cannot redeclare " + n->name);
        n->slot = slots++;
        vars_.push_back(Var{n->name, v, n->slot});
        const Nature body = check(n->args[1]);
        vars_.pop_back();
        return body;
    }

    // Binds `let` variables in a subtree the checker does not type, without raising errors.
    void resolveOnly(Node *n)
    {
        if (!n)
            return;
        if (n->kind == NodeKind::Identifier) {
            if (const Var *v = lookupVar(n->name)) {
                n->kind = NodeKind::Variable;
                n->slot = v->slot;
            }
            return;
        }
        if (n->kind == NodeKind::Let) {
            resolveOnly(n->args[0]);
            n->slot = slots++;
            vars_.push_back(Var{n->name, kAny, n->slot});
            resolveOnly(n->args[1]);
            vars_.pop_back();
            return;
        }
        for (Node *c : n->args)
            resolveOnly(c);
    }

    [[noreturn]] void arity(Node *n, int expected)
    {
        fail(n, "invalid number of arguments (expected " + std::to_string(expected) + ", got "
                    + std::to_string(n->args.size()) + ")");
    }

    std::string nilName(const Nature &t) { return t.kind == Nature::Nil ? "%!s(<nil>)" : t.goName(); }

    // A typed signature: T = any, S = string, I = int, A = array.
    bool sigMatches(const Nature &t, char want)
    {
        if (unk(t))
            return true;
        switch (want) {
        case 'T': return true;
        case 'S': return isStr(t);
        case 'I': return isInt(t);
        case 'A': return isArr(t);
        }
        return true;
    }

    std::string sigTypeName(char want)
    {
        switch (want) {
        case 'S': return "string";
        case 'I': return "int";
        case 'A': return "[]interface {}";
        default: return "interface {}";
        }
    }

    void typed(Node *n, std::initializer_list<std::string_view> sigs)
    {
        const std::size_t argc = n->args.size();
        std::size_t minN = 100;
        std::size_t maxN = 0;
        for (auto s : sigs) {
            minN = std::min(minN, s.size());
            maxN = std::max(maxN, s.size());
        }
        std::vector<Nature> ts;
        for (Node *a : n->args)
            ts.push_back(check(a));
        for (auto s : sigs) {
            if (s.size() != argc)
                continue;
            for (std::size_t i = 0; i < argc; ++i)
                if (!sigMatches(ts[i], s[i]) || ts[i].kind == Nature::Nil)
                    if (!(ts[i].kind == Nature::Nil && s[i] == 'T'))
                        fail(n->args[i], "cannot use " + ts[i].goName() + " as argument (type " + sigTypeName(s[i])
                                             + ") to call " + n->name + " ");
            return;
        }
        if (argc < minN)
            fail(n, "not enough arguments to call " + n->name);
        fail(n, "too many arguments to call " + n->name);
    }

    Nature builtin(Node *n)
    {
        const auto b = Builtin(n->builtin);
        if (isPredicateBuiltin(n->builtin))
            return predicate(n, b);
        const std::size_t argc = n->args.size();
        auto one = [&]() -> Nature {
            if (argc != 1)
                arity(n, 1);
            return check(n->args[0]);
        };
        switch (b) {
        case Builtin::Len: {
            const Nature t = one();
            if (unk(t) || isArr(t) || isMapN(t) || isStr(t) || t.kind == Nature::Bytes)
                return Nature::of(Nature::Int);
            fail(n, "invalid argument for len (type " + nilName(t) + ")");
        }
        case Builtin::Type: typed(n, {"T"}); return Nature::of(Nature::String);
        case Builtin::Abs: {
            const Nature t = one();
            if (unk(t) || isNum(t))
                return unk(t) ? kAny : t;
            fail(n, "invalid argument for abs (type " + nilName(t) + ")");
        }
        case Builtin::Ceil:
        case Builtin::Floor:
        case Builtin::Round: {
            const Nature t = one();
            if (unk(t) || isNum(t))
                return Nature::of(Nature::Float);
            fail(n, "invalid argument for " + n->name + " (type " + nilName(t) + ")");
        }
        case Builtin::Int:
        case Builtin::Float: {
            const Nature t = one();
            if (unk(t) || isNum(t) || isStr(t))
                return Nature::of(b == Builtin::Int ? Nature::Int : Nature::Float);
            fail(n, "invalid argument for " + n->name + " (type " + nilName(t) + ")");
        }
        case Builtin::String: typed(n, {"T"}); return Nature::of(Nature::String);
        case Builtin::Trim:
        case Builtin::TrimPrefix:
        case Builtin::TrimSuffix: typed(n, {"S", "SS"}); return Nature::of(Nature::String);
        case Builtin::Upper:
        case Builtin::Lower: typed(n, {"S"}); return Nature::of(Nature::String);
        case Builtin::Split:
        case Builtin::SplitAfter: typed(n, {"SS", "SSI"}); return Nature::arrayOf(Nature::of(Nature::String));
        case Builtin::Replace: typed(n, {"SSSI", "SSS"}); return Nature::of(Nature::String);
        case Builtin::Repeat: typed(n, {"SI"}); return Nature::of(Nature::String);
        case Builtin::Join: typed(n, {"AS", "A"}); return Nature::of(Nature::String);
        case Builtin::IndexOf:
        case Builtin::LastIndexOf: typed(n, {"SS"}); return Nature::of(Nature::Int);
        case Builtin::HasPrefix:
        case Builtin::HasSuffix: typed(n, {"SS"}); return Nature::of(Nature::Bool);
        case Builtin::Max:
        case Builtin::Min:
        case Builtin::Mean:
        case Builtin::Median: {
            if (argc == 0)
                fail(n, "not enough arguments to call " + n->name);
            bool allNumbers = true;
            bool anyFloat = false;
            for (Node *a : n->args) {
                const Nature t = check(a);
                allNumbers = allNumbers && isNum(t);
                anyFloat = anyFloat || t.kind == Nature::Float;
            }
            (void)anyFloat;
            if (allNumbers)
                return n->args[0]->nature; // expr types the result as its first argument
            return kAny;
        }
        case Builtin::ToJSON: typed(n, {"T"}); return Nature::of(Nature::String);
        case Builtin::FromJSON: typed(n, {"S"}); return kAny;
        case Builtin::ToBase64:
        case Builtin::FromBase64: typed(n, {"S"}); return Nature::of(Nature::String);
        case Builtin::Now: typed(n, {""}); return Nature::of(Nature::Time);
        case Builtin::Duration: typed(n, {"S"}); return Nature::of(Nature::Duration);
        case Builtin::Date: {
            if (argc < 1)
                fail(n, "not enough arguments to call date");
            if (argc > 3)
                fail(n, "too many arguments to call date");
            for (Node *a : n->args)
                check(a);
            return Nature::of(Nature::Time);
        }
        case Builtin::Timezone: typed(n, {"S"}); return Nature::of(Nature::Location);
        case Builtin::First:
        case Builtin::Last: {
            const Nature t = one();
            if (isArr(t))
                return t.elemNature();
            if (!(unk(t) || isStr(t) || isMapN(t) || t.kind == Nature::Nil || t.kind == Nature::Bytes))
                fail(n, std::string("cannot get ") + (b == Builtin::First ? "first" : "last") + " element from "
                            + t.goName());
            return kAny;
        }
        case Builtin::Get: {
            if (argc != 2)
                arity(n, 2);
            const Nature t = check(n->args[0]);
            const Nature k = check(n->args[1]);
            if (!(unk(t) || isArr(t) || isMapN(t) || isStr(t) || t.kind == Nature::Nil))
                fail(n->args[0], "type " + t.goName() + " does not support indexing");
            if (isArr(t) && !(unk(k) || isInt(k)))
                fail(n->args[1], "non-integer slice index " + k.goName());
            return isArr(t) ? t.elemNature() : kAny;
        }
        case Builtin::Keys:
        case Builtin::Values:
        case Builtin::ToPairs: {
            const Nature t = one();
            if (unk(t) || isMapN(t))
                return Nature::arrayOf(kAny);
            fail(n, "cannot get " + n->name + " from " + t.goName());
        }
        case Builtin::FromPairs: {
            const Nature t = one();
            if (unk(t) || isArr(t))
                return Nature::of(Nature::AnyMap);
            fail(n, "cannot transform " + t.goName() + " from pairs");
        }
        case Builtin::Take: {
            if (argc != 2)
                arity(n, 2);
            const Nature t = check(n->args[0]);
            const Nature k = check(n->args[1]);
            if (!(unk(t) || isArr(t)))
                fail(n, "cannot take from " + t.goName());
            if (!(unk(k) || isInt(k)))
                fail(n, "cannot take " + k.goName() + " elements");
            return t;
        }
        case Builtin::Reverse:
        case Builtin::Uniq: {
            const Nature t = one();
            if (unk(t) || isArr(t))
                return t.kind == Nature::Array ? t : Nature::arrayOf(kAny);
            fail(n, "cannot " + n->name + " " + t.goName());
        }
        case Builtin::Concat: {
            if (argc == 0)
                fail(n, "invalid number of arguments (expected at least 1, got 0)");
            for (Node *a : n->args) {
                const Nature t = check(a);
                if (!(unk(t) || isArr(t)))
                    fail(n, "cannot concat " + t.goName());
            }
            return Nature::arrayOf(kAny);
        }
        case Builtin::Flatten: {
            const Nature t = one();
            if (unk(t) || isArr(t))
                return Nature::arrayOf(kAny);
            fail(n, "cannot flatten " + t.goName());
        }
        case Builtin::Sort: {
            if (argc != 1 && argc != 2)
                arity(n, 1);
            const Nature t = check(n->args[0]);
            if (argc == 2) {
                const Nature o = check(n->args[1]);
                if (!(unk(o) || isStr(o)))
                    fail(n, "invalid argument for sort (type " + o.goName() + ")");
            }
            if (unk(t) || isArr(t))
                return t.kind == Nature::Array ? t : Nature::arrayOf(kAny);
            fail(n, "cannot sort " + t.goName());
        }
        case Builtin::BitNot: typed(n, {"I"}); return Nature::of(Nature::Int);
        case Builtin::BitAnd:
        case Builtin::BitOr:
        case Builtin::BitXor:
        case Builtin::BitNand:
        case Builtin::BitShl:
        case Builtin::BitShr:
        case Builtin::BitUshr: typed(n, {"II"}); return Nature::of(Nature::Int);
        default: break;
        }
        for (Node *a : n->args)
            check(a);
        return kAny;
    }

    Nature predicate(Node *n, Builtin b)
    {
        const Nature coll = check(n->args[0]);
        if (!isArr(coll) && !unk(coll))
            fail(n->args[0], "builtin " + n->name + " takes only array (got " + coll.goName() + ")");
        Nature accNature = kAny;
        if (b == Builtin::Reduce && n->args.size() == 3)
            accNature = check(n->args[2]);
        Nature out = kAny;
        if (n->args.size() > 1) {
            preds_.push_back(PredScope{unk(coll) ? kAny : coll.elemNature(), int(b), kAny});
            out = check(n->args[1]);
            preds_.pop_back();
        }
        if (b == Builtin::SortBy && n->args.size() == 3) {
            const Nature o = check(n->args[2]);
            (void)o;
        }
        (void)accNature;
        const bool needsBool = b == Builtin::All || b == Builtin::None || b == Builtin::Any || b == Builtin::One
                               || b == Builtin::Filter || b == Builtin::Count || b == Builtin::Find
                               || b == Builtin::FindIndex || b == Builtin::FindLast
                               || b == Builtin::FindLastIndex;
        if (needsBool && n->args.size() > 1 && !isBool(out) && !unk(out))
            fail(n->args[1], "predicate should return boolean (got " + out.goName() + ")");
        switch (b) {
        case Builtin::All:
        case Builtin::None:
        case Builtin::Any:
        case Builtin::One: return Nature::of(Nature::Bool);
        case Builtin::Filter: return unk(coll) ? Nature::arrayOf(kAny) : coll;
        case Builtin::Map: return Nature::arrayOf(unk(out) || out.kind == Nature::Nil ? kAny : out);
        case Builtin::Count:
        case Builtin::FindIndex:
        case Builtin::FindLastIndex: return b == Builtin::Count ? Nature::of(Nature::Int) : kAny;
        case Builtin::Find:
        case Builtin::FindLast: return unk(coll) ? kAny : coll.elemNature();
        case Builtin::GroupBy:
            return Nature{Nature::AnyMap, std::make_shared<const Nature>(Nature::arrayOf(kAny))};
        case Builtin::Reduce: return out;
        case Builtin::SortBy: return unk(coll) ? kAny : coll;
        default: return kAny;
        }
    }

    const Value &env_;
    std::string_view src_;
    NodeArena &arena_;
    std::vector<Var> vars_;
    std::vector<PredScope> preds_;
};

// ---- optimizer ----------------------------------------------------------------------------------

class Optimizer {
public:
    explicit Optimizer(NodeArena &arena) : arena_(arena) {}

    Node *run(Node *n)
    {
        for (auto &c : n->args)
            if (c)
                c = run(c);
        switch (n->kind) {
        case NodeKind::Unary: return unary(n);
        case NodeKind::Binary: return binary(n);
        default: return n;
        }
    }

private:
    Node *literal(Node *like, Value v)
    {
        Node *c = arena_.make(NodeKind::Constant, like->loc);
        c->begin = like->begin;
        c->end = like->end;
        switch (v.kind()) {
        case Kind::Int: c->kind = NodeKind::Integer; break;
        case Kind::Float: c->kind = NodeKind::Float; break;
        case Kind::Bool: c->kind = NodeKind::Bool; break;
        case Kind::String: c->kind = NodeKind::String; break;
        default: break;
        }
        c->value = std::move(v);
        c->nature = like->nature;
        return c;
    }

    Node *unary(Node *n)
    {
        Node *a = n->args[0];
        if (n->op == Op::Neg && a->kind == NodeKind::Integer)
            return literal(n, Value::integer(std::int64_t(0ULL - std::uint64_t(a->value.asInt()))));
        if (n->op == Op::Neg && a->kind == NodeKind::Float)
            return literal(n, Value::number(-a->value.asFloat()));
        if (n->op == Op::Not && a->kind == NodeKind::Bool)
            return literal(n, Value::boolean(!a->value.asBool()));
        return n;
    }

    Node *binary(Node *n)
    {
        Node *l = n->args[0];
        Node *r = n->args[1];
        const bool li = l->kind == NodeKind::Integer;
        const bool ri = r->kind == NodeKind::Integer;
        const bool lf = l->kind == NodeKind::Float;
        const bool rf = r->kind == NodeKind::Float;
        switch (n->op) {
        case Op::And:
            if (l->kind == NodeKind::Bool)
                return l->value.asBool() ? r : l;
            if (r->kind == NodeKind::Bool)
                return r->value.asBool() ? l : r;
            return n;
        case Op::Or:
            if (l->kind == NodeKind::Bool)
                return l->value.asBool() ? l : r;
            if (r->kind == NodeKind::Bool)
                return r->value.asBool() ? r : l;
            return n;
        case Op::Add:
        case Op::Sub:
        case Op::Mul:
            if (li && ri) {
                const auto a = std::uint64_t(l->value.asInt());
                const auto b = std::uint64_t(r->value.asInt());
                const std::uint64_t x = n->op == Op::Add ? a + b : n->op == Op::Sub ? a - b : a * b;
                return literal(n, Value::integer(std::int64_t(x)));
            }
            if ((li || lf) && (ri || rf)) {
                const double a = l->value.toDouble();
                const double b = r->value.toDouble();
                return literal(n, Value::number(n->op == Op::Add ? a + b : n->op == Op::Sub ? a - b : a * b));
            }
            if (n->op == Op::Add && l->kind == NodeKind::String && r->kind == NodeKind::String)
                return literal(n, Value::string(std::string(l->value.asString()) + std::string(r->value.asString())));
            return n;
        case Op::Div:
            if ((li || lf) && (ri || rf))
                return literal(n, Value::number(l->value.toDouble() / r->value.toDouble()));
            return n;
        case Op::Mod:
            if (li && ri) {
                if (r->value.asInt() == 0)
                    throw CheckFailure{"integer divide by zero", n->loc};
                if (r->value.asInt() == -1)
                    return literal(n, Value::integer(0));
                return literal(n, Value::integer(l->value.asInt() % r->value.asInt()));
            }
            return n;
        case Op::Pow:
            if ((li || lf) && (ri || rf))
                return literal(n, Value::number(std::pow(l->value.toDouble(), r->value.toDouble())));
            return n;
        case Op::Eq:
        case Op::Ne:
            if ((li || lf || l->kind == NodeKind::String || l->kind == NodeKind::Bool)
                && (ri || rf || r->kind == NodeKind::String || r->kind == NodeKind::Bool)) {
                const bool e = equal(l->value, r->value);
                return literal(n, Value::boolean(n->op == Op::Eq ? e : !e));
            }
            return n;
        case Op::In:
            if (r->kind == NodeKind::Array && !r->args.empty()) {
                for (Node *e : r->args)
                    if (e->kind != NodeKind::String)
                        return n;
                auto set = std::make_shared<std::vector<std::string>>();
                for (Node *e : r->args)
                    set->emplace_back(e->value.asString());
                std::sort(set->begin(), set->end());
                set->erase(std::unique(set->begin(), set->end()), set->end());
                n->kind = NodeKind::InSet;
                n->set = set;
                n->args.resize(1);
                return n;
            }
            return n;
        default: return n;
        }
    }

    NodeArena &arena_;
};

std::string nodeLabel(const Node *n, std::string_view src)
{
    std::string s(src.substr(n->begin, n->end > n->begin ? n->end - n->begin : 0));
    if (s.size() > 60)
        s = s.substr(0, 57) + "...";
    return s;
}

void index(const Node *n, int parent, ProgramData &d, std::string_view src)
{
    Node *m = const_cast<Node *>(n);
    m->index = int(d.traceNodes.size());
    d.traceNodes.push_back(TraceNodeInfo{n->begin, n->end, parent, nodeLabel(n, src)});
    const int me = m->index;
    for (const Node *c : n->args)
        if (c && c->index < 0)
            index(c, me, d, src);
}

} // namespace

std::string compileRegex(std::string_view pattern, std::shared_ptr<const re2::RE2> &out)
{
    RE2::Options opts;
    opts.set_log_errors(false);
    auto re = std::make_shared<re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), opts);
    if (re->ok()) {
        out = re;
        return {};
    }
    std::string code;
    switch (re->error_code()) {
    case RE2::ErrorMissingBracket: code = "missing closing ]"; break;
    case RE2::ErrorMissingParen:
        code = re->error().find("unexpected )") != std::string::npos ? "unexpected )" : "missing closing )";
        break;
    case RE2::ErrorUnexpectedParen: code = "unexpected )"; break;
    case RE2::ErrorRepeatArgument: code = "missing argument to repetition operator"; break;
    case RE2::ErrorBadEscape: code = "invalid escape sequence"; break;
    case RE2::ErrorBadCharRange: code = "invalid character class range"; break;
    case RE2::ErrorBadCharClass: code = "invalid character class"; break;
    case RE2::ErrorRepeatSize: code = "invalid repeat count"; break;
    case RE2::ErrorRepeatOp: code = "invalid nested repetition operator"; break;
    case RE2::ErrorBadPerlOp: code = "invalid or unsupported Perl syntax"; break;
    case RE2::ErrorBadUTF8: code = "invalid UTF-8"; break;
    case RE2::ErrorBadNamedCapture: code = "invalid named capture"; break;
    case RE2::ErrorTrailingBackslash: code = "trailing backslash at end of expression"; break;
    default: code = "invalid regexp"; break;
    }
    return "error parsing regexp: " + code + ": `" + re->error_arg() + "`";
}

Program::Program(std::shared_ptr<const ProgramData> data) : data_(std::move(data)) {}

RunResult Program::run(const Value &env, const RunOptions &options) const
{
    return runProgram(*data_, env, options);
}

const std::string &Program::source() const
{
    return data_->source;
}

std::size_t Program::nodeCount() const
{
    return data_->traceNodes.size();
}

CompileResult compile(std::string_view source, const Value &env, const CompileOptions &)
{
    auto data = std::make_shared<ProgramData>();
    data->source.assign(source);
    const std::string_view src = data->source;
    SyntaxError syntax;
    Node *root = parse(src, data->arena, syntax);
    if (!root)
        return CompileResult::failure(Error(syntax.message, src, syntax.offset));
    try {
        Checker checker(env, src, data->arena);
        checker.check(root);
        data->slots = checker.slots;
        Optimizer opt(data->arena);
        root = opt.run(root);
    } catch (const CheckFailure &f) {
        return CompileResult::failure(Error(f.message, src, f.offset));
    }
    data->root = root;
    index(root, -1, *data, src);
    return CompileResult::success(std::make_shared<const Program>(std::move(data)));
}

RunResult evaluate(std::string_view source, const Value &env, const CompileOptions &options)
{
    auto c = compile(source, env, options);
    if (!c.ok())
        return RunResult::failure(c.error());
    return c.program()->run(env);
}

} // namespace bindery::expr
