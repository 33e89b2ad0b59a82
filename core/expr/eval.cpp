// SPDX-License-Identifier: Apache-2.0
// The evaluator: a tree walk over the checked and optimized syntax tree. The tree is immutable;
// all per-run state lives in a Frame on the caller's stack, so one Program runs on many threads.
#include "expr/builtins.h"
#include "expr/eval_p.h"
#include "expr/go_format.h"
#include "expr/go_json.h"
#include "expr/go_strings.h"
#include "expr/go_time.h"
#include "expr/program_data.h"

#include <re2/re2.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

namespace bindery::expr {

using namespace evaldetail;

namespace {

struct PredState {
    const Value *collection = nullptr;
    const Value *element = nullptr; // points into the collection, or at `storage`
    Value storage;
    std::int64_t index = 0;
    Value acc;
};

// The stack of running predicates. States are allocated once per depth and reused, and never
// move, so `#` can point into an outer state while an inner predicate runs.
class PredStack {
public:
    bool empty() const { return depth_ == 0; }
    PredState &back() { return at(depth_ - 1); }
    void emplace_back()
    {
        if (depth_ >= kInline && depth_ - kInline == pool_.size())
            pool_.push_back(std::make_unique<PredState>());
        PredState &s = at(depth_++);
        s.collection = nullptr;
        s.element = nullptr;
        s.storage = Value();
        s.index = 0;
        s.acc = Value();
    }
    void pop_back()
    {
        PredState &s = at(--depth_);
        s.storage = Value();
        s.acc = Value();
    }

private:
    // Selectors nest predicates two or three deep: those states need no allocation per run.
    static constexpr std::size_t kInline = 4;
    PredState &at(std::size_t i) { return i < kInline ? inline_[i] : *pool_[i - kInline]; }

    PredState inline_[kInline];
    std::vector<std::unique_ptr<PredState>> pool_;
    std::size_t depth_ = 0;
};

struct Frame {
    const ProgramData &data;
    const Value &env;
    const RunOptions &options;
    std::vector<Value> vars;
    PredStack preds;
    std::uint64_t memory = 0;
    std::uint64_t steps = 0;
    bool chainBreak = false;
    Trace *trace = nullptr;
};

void grow(Frame &f, const Node *n, std::uint64_t size)
{
    f.memory += size;
    if (f.memory >= f.options.memoryBudget)
        fail(n, "memory budget exceeded");
}

// A collection a predicate iterates: arrays, strings (bytes) and the error cases of expr's reflect use.
struct Collection {
    const Value *v;
    std::size_t size;
};

Collection collectionOf(const Node *n, const Value &v)
{
    switch (v.kind()) {
    case Kind::Array:
    case Kind::String:
    case Kind::Bytes:
    case Kind::Map:
    case Kind::AnyMap: return Collection{&v, v.size()};
    case Kind::Nil: fail(n, "reflect: call of reflect.Value.Len on zero Value");
    default: fail(n, "reflect: call of reflect.Value.Len on " + typeOf(v) + " Value");
    }
}

Value elementAt(const Node *n, const Collection &c, std::size_t i)
{
    switch (c.v->kind()) {
    case Kind::Array: return c.v->asArray()[i];
    case Kind::String:
    case Kind::Bytes: return Value::integer(static_cast<unsigned char>(c.v->asString()[i]), IntType::Uint8);
    case Kind::Map:
    case Kind::AnyMap: return c.v->asMap()[i].value;
    default: fail(n, "reflect: call of reflect.Value.Index on " + typeOf(*c.v) + " Value");
    }
}

class Evaluator {
public:
    explicit Evaluator(Frame &f) : f_(f) {}

    Value eval(const Node *n)
    {
        if (++f_.steps > f_.options.stepBudget)
            fail(n, "step budget exceeded");
        if (f_.trace)
            return evalTraced(n);
        return evalNode(n);
    }

    // Evaluates to a pointer into existing data when possible (no reference counting); `tmp`
    // holds computed results.
    const Value *ref(const Node *n, Value &tmp)
    {
        if (f_.trace) {
            tmp = eval(n);
            return &tmp;
        }
        switch (n->kind) {
        case NodeKind::Identifier: {
            ++f_.steps;
            const Value *v = f_.env.find(n->name, n->hint);
            if (v)
                return v;
            tmp = Value();
            return &tmp;
        }
        case NodeKind::String:
        case NodeKind::Integer:
        case NodeKind::Float:
        case NodeKind::Bool:
        case NodeKind::Constant:
        case NodeKind::Bytes: ++f_.steps; return &n->value;
        case NodeKind::Variable: ++f_.steps; return &f_.vars[std::size_t(n->slot)];
        case NodeKind::Pointer:
            if (n->name.empty() && !f_.preds.empty()) {
                ++f_.steps;
                return f_.preds.back().element;
            }
            break;
        case NodeKind::Member:
            if (!n->optional && n->args[1]->kind == NodeKind::String) {
                ++f_.steps;
                Value baseTmp;
                const Value *base = ref(n->args[0], baseTmp);
                if (f_.chainBreak) {
                    tmp = Value();
                    return &tmp;
                }
                if (base->kind() == Kind::Map && base != &baseTmp) {
                    const Value *v = base->find(n->args[1]->value.asString(), n->hint);
                    if (v)
                        return v;
                    tmp = Value();
                    return &tmp;
                }
                tmp = fetch(n, *base, n->args[1]->value);
                return &tmp;
            }
            break;
        default: break;
        }
        tmp = eval(n);
        return &tmp;
    }

private:
    Value evalTraced(const Node *n)
    {
        TraceEntry &e = f_.trace->entries[std::size_t(n->index)];
        ++e.evaluations;
        try {
            Value v = evalNode(n);
            TraceEntry &e2 = f_.trace->entries[std::size_t(n->index)];
            e2.state = TraceEntry::State::Value;
            e2.value = v;
            e2.error.clear();
            return v;
        } catch (const RunError &err) {
            TraceEntry &e2 = f_.trace->entries[std::size_t(n->index)];
            e2.state = TraceEntry::State::Error;
            e2.error = err.message;
            throw;
        }
    }

    // Work that is not node evaluations (quadratic scans) also counts against the step budget.
    void charge(const Node *n, std::uint64_t steps)
    {
        f_.steps += steps;
        if (f_.steps > f_.options.stepBudget)
            fail(n, "step budget exceeded");
    }

    bool truth(const Node *n, const Value &v)
    {
        if (!v.isBool())
            fail(n, notBool(v));
        return v.asBool();
    }

    Value evalNode(const Node *n)
    {
        switch (n->kind) {
        case NodeKind::Nil: return Value();
        case NodeKind::Bool:
        case NodeKind::Integer:
        case NodeKind::Float:
        case NodeKind::String:
        case NodeKind::Bytes:
        case NodeKind::Constant: return n->value;
        case NodeKind::Identifier: {
            const Value *v = f_.env.find(n->name, n->hint);
            if (v)
                return *v;
            return Value();
        }
        case NodeKind::Env: return f_.env;
        case NodeKind::Variable: return f_.vars[std::size_t(n->slot)];
        case NodeKind::Pointer: return pointer(n);
        case NodeKind::Member: return member(n);
        case NodeKind::Chain: {
            Value v = eval(n->args[0]);
            if (f_.chainBreak) {
                f_.chainBreak = false;
                return Value();
            }
            return v;
        }
        case NodeKind::Slice: return slice(n);
        case NodeKind::Call: return call(n);
        case NodeKind::Builtin: return builtin(n);
        case NodeKind::Unary: return unary(n);
        case NodeKind::Binary: return binary(n);
        case NodeKind::InSet: {
            Value tmp;
            const Value *l = ref(n->args[0], tmp);
            if (l->isNil())
                return Value::boolean(std::binary_search(n->set->begin(), n->set->end(), std::string()));
            if (!l->isString())
                fail(n, "reflect.Value.MapIndex: value of type " + typeOf(*l) + " is not assignable to type string");
            const std::string_view s = l->asString();
            auto it = std::lower_bound(n->set->begin(), n->set->end(), s,
                                       [](const std::string &a, std::string_view b) { return a < b; });
            return Value::boolean(it != n->set->end() && *it == s);
        }
        case NodeKind::Conditional: {
            const Value c = eval(n->args[0]);
            if (f_.chainBreak)
                return Value();
            return truth(n, c) ? eval(n->args[1]) : eval(n->args[2]);
        }
        case NodeKind::Array: {
            std::vector<Value> items;
            items.reserve(n->args.size());
            for (const Node *a : n->args)
                items.push_back(eval(a));
            grow(f_, n, items.size());
            return Value::array(std::move(items));
        }
        case NodeKind::Map: {
            std::vector<MapEntry> entries;
            entries.reserve(n->args.size() / 2);
            for (std::size_t i = 0; i + 1 < n->args.size(); i += 2) {
                Value k = eval(n->args[i]);
                if (!k.isString())
                    fail(n, notType(k, "string"));
                Value v = eval(n->args[i + 1]);
                // expr keeps the first of duplicate literal keys.
                bool dup = false;
                for (const MapEntry &e : entries)
                    if (e.key.asString() == k.asString()) {
                        dup = true;
                        break;
                    }
                if (!dup)
                    entries.push_back(MapEntry{std::move(k), std::move(v)});
            }
            grow(f_, n, entries.size());
            return Value::map(std::move(entries));
        }
        case NodeKind::Predicate: return eval(n->args[0]);
        case NodeKind::Let: {
            f_.vars[std::size_t(n->slot)] = eval(n->args[0]);
            return eval(n->args[1]);
        }
        case NodeKind::Sequence: {
            Value v;
            for (const Node *c : n->args)
                v = eval(c);
            return v;
        }
        }
        return Value();
    }

    Value pointer(const Node *n)
    {
        if (f_.preds.empty())
            fail(n, "cannot use pointer accessor outside predicate");
        PredState &s = f_.preds.back();
        if (n->name.empty())
            return *s.element;
        if (n->name == "index")
            return Value::integer(s.index);
        if (n->name == "acc")
            return s.acc;
        fail(n, "unknown pointer #" + n->name);
    }

    Value member(const Node *n)
    {
        Value baseTmp;
        const Value *base = ref(n->args[0], baseTmp);
        if (f_.chainBreak)
            return Value();
        if (n->optional && base->isNil()) {
            f_.chainBreak = true;
            return Value();
        }
        Value keyTmp;
        const Value *key = ref(n->args[1], keyTmp);
        if (n->args[0]->kind == NodeKind::Env && base->isMap()) {
            const Value *v = key->isString() ? base->find(key->asString()) : nullptr;
            return v ? *v : Value();
        }
        return fetch(n, *base, *key);
    }

    Value slice(const Node *n)
    {
        const Value base = eval(n->args[0]);
        if (f_.chainBreak)
            return Value();
        std::int64_t len = 0;
        switch (base.kind()) {
        case Kind::Array:
        case Kind::String:
        case Kind::Bytes: len = std::int64_t(base.size()); break;
        case Kind::Nil: fail(n, "cannot slice <nil>");
        default: fail(n, "cannot slice " + typeOf(base));
        }
        std::int64_t from = 0;
        std::int64_t to = len;
        if (n->args[1]) {
            from = toInt(n, eval(n->args[1]));
            if (from < 0)
                from += len;
            from = std::clamp<std::int64_t>(from, 0, len);
        }
        if (n->args[2]) {
            to = toInt(n, eval(n->args[2]));
            if (to < 0)
                to += len;
            to = std::clamp<std::int64_t>(to, 0, len);
        }
        if (from > to)
            to = from;
        if (base.isArray()) {
            auto items = base.asArray();
            return Value::array(std::vector<Value>(items.begin() + from, items.begin() + to), base.arrayType());
        }
        if (base.kind() == Kind::Bytes)
            return Value::bytes(base.asString().substr(std::size_t(from), std::size_t(to - from)));
        return Value::string(base.asString().substr(std::size_t(from), std::size_t(to - from)));
    }

    Value callFunction(const Node *n, const Value &fn, std::vector<Value> &args)
    {
        if (fn.isNil())
            fail(n, "invalid operation: cannot call nil");
        if (fn.kind() != Kind::Function)
            fail(n, "invalid operation: cannot call non-function of type " + typeOf(fn));
        CallResult r = fn.asFunction()(std::span<const Value>(args));
        if (!r.ok())
            fail(n, r.error());
        return r.value();
    }

    Value call(const Node *n)
    {
        const Node *callee = n->args[0];
        // expr evaluates the arguments before the callee.
        std::vector<Value> args;
        args.reserve(n->args.size() - 1);
        for (std::size_t i = 1; i < n->args.size(); ++i)
            args.push_back(eval(n->args[i]));
        if (callee->kind == NodeKind::Member && callee->method) {
            Value base = eval(callee->args[0]);
            if (f_.chainBreak)
                return Value();
            if (callee->optional && base.isNil()) {
                f_.chainBreak = true;
                return Value();
            }
            const Kind k = base.kind();
            if (k == Kind::Time || k == Kind::Duration || k == Kind::Location) {
                go::MethodCall m = go::callTimeMethod(base, callee->name, args);
                if (m.found) {
                    if (!m.result.ok())
                        fail(n, m.result.error());
                    return m.result.value();
                }
                fail(callee, "type " + typeOf(base) + " has no method " + callee->name);
            }
            Value fn = fetch(callee, base, callee->args[1]->value);
            return callFunction(n, fn, args);
        }
        Value fn = eval(callee);
        if (f_.chainBreak)
            return Value();
        return callFunction(n, fn, args);
    }

    Value unary(const Node *n)
    {
        const Value v = eval(n->args[0]);
        if (f_.chainBreak)
            return Value();
        switch (n->op) {
        case Op::Not: return Value::boolean(!truth(n, v));
        case Op::Neg:
            if (v.isInt() && v.intType() == IntType::Uint8)
                return Value::integer((256 - v.asInt()) & 255, IntType::Uint8);
            if (v.isInt())
                return Value::integer(std::int64_t(0ULL - std::uint64_t(v.asInt())), v.intType());
            if (v.isFloat())
                return Value::number(-v.asFloat());
            if (v.kind() == Kind::Duration)
                return Value::duration(-v.asInt());
            fail(n, "invalid operation: - " + typeOf(v));
        case Op::Plus:
            if (v.isNumber() || v.kind() == Kind::Duration)
                return v;
            fail(n, "invalid operation: + " + typeOf(v));
        default: return v;
        }
    }

    bool stringOp(const Node *n, const Value &l, const Value &r, Op op)
    {
        if (l.isNil() || r.isNil())
            return false;
        if (!l.isString())
            fail(n, notType(l, "string"));
        if (!r.isString())
            fail(n, notType(r, "string"));
        const std::string_view a = l.asString();
        const std::string_view b = r.asString();
        switch (op) {
        case Op::Contains: return a.find(b) != std::string_view::npos;
        case Op::StartsWith: return a.substr(0, b.size()) == b;
        default: return a.size() >= b.size() && a.substr(a.size() - b.size()) == b;
        }
    }

    bool inOp(const Node *n, const Value &l, const Value &r)
    {
        switch (r.kind()) {
        case Kind::Array:
            for (const Value &e : r.asArray())
                if (equal(l, e))
                    return true;
            return false;
        case Kind::Map:
            if (l.isNil())
                return r.find("") != nullptr;
            if (!l.isString())
                fail(n, "reflect.Value.MapIndex: value of type " + typeOf(l) + " is not assignable to type string");
            return r.find(l.asString()) != nullptr;
        case Kind::AnyMap: return r.findAny(l) != nullptr;
        case Kind::Nil: return false;
        default: fail(n, "operator \"in\" not defined on " + typeOf(r));
        }
    }

    Value binary(const Node *n)
    {
        switch (n->op) {
        case Op::And:
        case Op::Or: {
            const Value l = eval(n->args[0]);
            if (f_.chainBreak)
                return Value();
            const bool b = truth(n, l);
            if (n->op == Op::And ? !b : b)
                return l;
            return eval(n->args[1]);
        }
        case Op::Coalesce: {
            Value l = eval(n->args[0]);
            f_.chainBreak = false;
            if (!l.isNil())
                return l;
            return eval(n->args[1]);
        }
        default: break;
        }
        Value lt;
        Value rt;
        const Value *lp = ref(n->args[0], lt);
        if (f_.chainBreak)
            return Value();
        const Value *rp = ref(n->args[1], rt);
        if (f_.chainBreak)
            return Value();
        const Value &l = *lp;
        const Value &r = *rp;
        switch (n->op) {
        case Op::Eq: return Value::boolean(equal(l, r));
        case Op::Ne: return Value::boolean(!equal(l, r));
        case Op::Lt: return Value::boolean(compareValues(n, l, r, "<") == -1);
        case Op::Gt: return Value::boolean(compareValues(n, l, r, ">") == 1);
        case Op::Le: {
            const int c = compareValues(n, l, r, "<=");
            return Value::boolean(c == -1 || c == 0);
        }
        case Op::Ge: {
            const int c = compareValues(n, l, r, ">=");
            return Value::boolean(c == 1 || c == 0);
        }
        case Op::In: return Value::boolean(inOp(n, l, r));
        case Op::Contains:
        case Op::StartsWith:
        case Op::EndsWith: return Value::boolean(stringOp(n, l, r, n->op));
        case Op::Matches: {
            if (l.isNil() || r.isNil())
                return Value::boolean(false);
            if (!l.isString())
                fail(n, notType(l, "[]uint8"));
            if (n->regex)
                return Value::boolean(RE2::PartialMatch(re2::StringPiece(l.asString().data(), l.asString().size()),
                                                        *n->regex));
            if (!r.isString())
                fail(n, notType(r, "string"));
            std::shared_ptr<const re2::RE2> re;
            std::string err = compileRegex(r.asString(), re);
            if (!err.empty())
                fail(n, err);
            return Value::boolean(
                RE2::PartialMatch(re2::StringPiece(l.asString().data(), l.asString().size()), *re));
        }
        case Op::Range: {
            const std::int64_t a = toInt(n, l);
            const std::int64_t b = toInt(n, r);
            const std::int64_t size = b >= a ? b - a + 1 : 0;
            grow(f_, n, std::uint64_t(size));
            std::vector<Value> items;
            items.reserve(std::size_t(size));
            for (std::int64_t i = a; i <= b; ++i)
                items.push_back(Value::integer(i));
            return Value::array(std::move(items), ArrayType::Int);
        }
        default: return arith(n, n->op, l, r);
        }
    }

    // ---- predicates --------------------------------------------------------------------------

    struct PredGuard {
        Frame &f;
        explicit PredGuard(Frame &fr) : f(fr) { f.preds.emplace_back(); }
        ~PredGuard() { f.preds.pop_back(); }
    };

    Value runPredicate(const Node *pred, const Value &element, std::int64_t index)
    {
        PredState &s = f_.preds.back();
        s.storage = element;
        s.element = &s.storage;
        s.index = index;
        return eval(pred);
    }

    // The element is borrowed from the collection (no copy) when it is an array element.
    Value runPredicateAt(const Node *pred, const Node *n, const Collection &c, std::size_t i)
    {
        PredState &s = f_.preds.back();
        if (c.v->isArray()) {
            s.element = &c.v->asArray()[i];
        } else {
            s.storage = elementAt(n, c, i);
            s.element = &s.storage;
        }
        s.index = std::int64_t(i);
        return eval(pred);
    }

    Value predicateBuiltin(const Node *n, Builtin b)
    {
        const Value collValue = eval(n->args[0]);
        const Collection c = collectionOf(n, collValue);
        const Node *pred = n->args.size() > 1 ? n->args[1] : nullptr;
        PredGuard guard(f_);
        const std::size_t size = c.size;
        switch (b) {
        case Builtin::All:
        case Builtin::Any:
        case Builtin::None:
        case Builtin::One: {
            std::size_t count = 0;
            for (std::size_t i = 0; i < size; ++i) {
                const bool t = truth(n, runPredicateAt(pred, n, c, i));
                if (b == Builtin::All && !t)
                    return Value::boolean(false);
                if (b == Builtin::Any && t)
                    return Value::boolean(true);
                if (b == Builtin::None && t)
                    return Value::boolean(false);
                if (b == Builtin::One && t && ++count > 1)
                    return Value::boolean(false);
            }
            if (b == Builtin::One)
                return Value::boolean(count == 1);
            return Value::boolean(b != Builtin::Any);
        }
        case Builtin::Filter: {
            std::vector<Value> out;
            for (std::size_t i = 0; i < size; ++i) {
                if (truth(n, runPredicateAt(pred, n, c, i))) {
                    out.push_back(*f_.preds.back().element);
                    grow(f_, n, 1);
                }
            }
            return Value::array(std::move(out));
        }
        case Builtin::Map: {
            std::vector<Value> out;
            out.reserve(size);
            for (std::size_t i = 0; i < size; ++i) {
                out.push_back(runPredicateAt(pred, n, c, i));
                grow(f_, n, 1);
            }
            return Value::array(std::move(out));
        }
        case Builtin::Count: {
            std::int64_t count = 0;
            for (std::size_t i = 0; i < size; ++i) {
                Value e = elementAt(n, c, i);
                const Value t = pred ? runPredicate(pred, e, std::int64_t(i)) : e;
                if (truth(n, t))
                    ++count;
            }
            return Value::integer(count);
        }
        case Builtin::Sum: {
            if (size == 0)
                return Value::integer(0);
            Value acc;
            for (std::size_t i = 0; i < size; ++i) {
                Value e = elementAt(n, c, i);
                Value x = pred ? runPredicate(pred, e, std::int64_t(i)) : e;
                acc = i == 0 ? x : arith(n, Op::Add, acc, x);
            }
            return acc;
        }
        case Builtin::Find:
        case Builtin::FindIndex: {
            for (std::size_t i = 0; i < size; ++i) {
                Value e = elementAt(n, c, i);
                if (truth(n, runPredicate(pred, e, std::int64_t(i))))
                    return b == Builtin::Find ? e : Value::integer(std::int64_t(i));
            }
            return Value();
        }
        case Builtin::FindLast:
        case Builtin::FindLastIndex: {
            for (std::size_t i = size; i-- > 0;) {
                Value e = elementAt(n, c, i);
                if (truth(n, runPredicate(pred, e, std::int64_t(i))))
                    return b == Builtin::FindLast ? e : Value::integer(std::int64_t(i));
            }
            return Value();
        }
        case Builtin::GroupBy: {
            if (collValue.isMap() || collValue.kind() == Kind::AnyMap)
                fail(n, "reflect: call of reflect.Value.Index on map Value");
            std::vector<std::pair<Value, std::vector<Value>>> groups;
            for (std::size_t i = 0; i < size; ++i) {
                Value e = elementAt(n, c, i);
                Value key = runPredicate(pred, e, std::int64_t(i));
                if (!hashable(key))
                    fail(n, "runtime error: hash of unhashable type " + typeOf(key));
                charge(n, 2 * groups.size());
                auto it = std::find_if(groups.begin(), groups.end(),
                                       [&](const auto &g) { return deepEqual(g.first, key); });
                if (it == groups.end())
                    groups.emplace_back(std::move(key), std::vector<Value>{std::move(e)});
                else
                    it->second.push_back(std::move(e));
            }
            std::vector<MapEntry> entries;
            entries.reserve(groups.size());
            for (auto &g : groups)
                entries.push_back(MapEntry{std::move(g.first), Value::array(std::move(g.second))});
            return Value::anyMap(std::move(entries), AnyMapType::Slice);
        }
        case Builtin::SortBy: {
            bool desc = false;
            if (n->args.size() > 2) {
                const Value o = eval(n->args[2]);
                if (!o.isString())
                    fail(n, notType(o, "string"));
                if (o.asString() == "desc")
                    desc = true;
                else if (o.asString() != "asc")
                    fail(n, "unknown order, use asc or desc");
            }
            std::vector<std::pair<Value, Value>> items;
            for (std::size_t i = 0; i < size; ++i) {
                Value e = elementAt(n, c, i);
                items.emplace_back(runPredicate(pred, e, std::int64_t(i)), e);
            }
            std::stable_sort(items.begin(), items.end(), [&](const auto &x, const auto &y) {
                return desc ? compareValues(n, y.first, x.first, "<") == -1
                            : compareValues(n, x.first, y.first, "<") == -1;
            });
            std::vector<Value> out;
            for (auto &p : items)
                out.push_back(std::move(p.second));
            return Value::array(std::move(out));
        }
        case Builtin::Reduce: {
            std::size_t start = 0;
            Value acc;
            if (n->args.size() > 2) {
                f_.preds.pop_back();
                acc = eval(n->args[2]);
                f_.preds.emplace_back();
            } else {
                if (size == 0)
                    fail(n, "reduce of empty array with no initial value");
                acc = elementAt(n, c, 0);
                start = 1;
            }
            for (std::size_t i = start; i < size; ++i) {
                f_.preds.back().acc = acc;
                acc = runPredicate(pred, elementAt(n, c, i), std::int64_t(i));
            }
            return acc;
        }
        default: break;
        }
        return Value();
    }

    Value builtin(const Node *n);

    Frame &f_;
};

// ---- the other builtins ---------------------------------------------------------------------------

std::string_view str(const Node *n, const Value &v)
{
    if (!v.isString())
        fail(n, notType(v, "string"));
    return v.asString();
}

std::int64_t intArg(const Node *n, const Value &v)
{
    if (!v.isInt())
        fail(n, "cannot use " + typeOf(v) + " as argument (type int) to call " + n->name);
    return v.asInt();
}

void flattenNumbers(const Node *n, const Value &v, std::vector<Value> &out)
{
    if (v.isArray()) {
        for (const Value &e : v.asArray())
            flattenNumbers(n, e, out);
        return;
    }
    if (!v.isNumber())
        fail(n, "invalid argument for " + n->name + " (type " + typeOf(v) + ")");
    out.push_back(v);
}

// Builtin arguments without a heap allocation for the usual few.
class Args {
public:
    explicit Args(std::size_t n) : n_(n)
    {
        if (n > kInline) {
            heap_.resize(n);
            data_ = heap_.data();
        }
    }
    Value &operator[](std::size_t i) { return data_[i]; }
    const Value &operator[](std::size_t i) const { return data_[i]; }
    std::size_t size() const { return n_; }
    const Value *begin() const { return data_; }
    const Value *end() const { return data_ + n_; }
    std::vector<Value> vector() const { return std::vector<Value>(begin(), end()); }

private:
    static constexpr std::size_t kInline = 4;
    Value inline_[kInline];
    std::vector<Value> heap_;
    std::size_t n_;
    Value *data_ = inline_;
};

Value Evaluator::builtin(const Node *n)
{
    const auto b = Builtin(n->builtin);
    if (isPredicateBuiltin(n->builtin))
        return predicateBuiltin(n, b);
    Args a(n->args.size());
    for (std::size_t i = 0; i < n->args.size(); ++i)
        a[i] = eval(n->args[i]);
    const std::size_t argc = a.size();
    auto need = [&](std::size_t k) {
        // The checker validates arity; at run time Go's builtins ignore extra arguments.
        if (argc < k)
            fail(n, "invalid number of arguments (expected " + std::to_string(k) + ", got " + std::to_string(argc)
                        + ")");
    };
    switch (b) {
    case Builtin::Len: {
        need(1);
        const Value &v = a[0];
        switch (v.kind()) {
        case Kind::String: {
            std::int64_t count = 0;
            for (char c : v.asString())
                if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
                    ++count;
            return Value::integer(count);
        }
        case Kind::Array:
        case Kind::Map:
        case Kind::AnyMap:
        case Kind::Bytes: return Value::integer(std::int64_t(v.size()));
        default: fail(n, "invalid argument for len (type " + typeOf(v) + ")");
        }
    }
    case Builtin::Type: {
        need(1);
        const Value &v = a[0];
        if (v.kind() == Kind::Array && (v.arrayType() == ArrayType::Pair))
            return Value::string("array");
        return Value::string(v.exprTypeName());
    }
    case Builtin::Abs: {
        need(1);
        if (a[0].isInt())
            return Value::integer(a[0].asInt() < 0 ? std::int64_t(0ULL - std::uint64_t(a[0].asInt())) : a[0].asInt(),
                                  a[0].intType());
        if (a[0].isFloat())
            return Value::number(std::fabs(a[0].asFloat()));
        fail(n, "invalid argument for abs (type " + typeOf(a[0]) + ")");
    }
    case Builtin::Ceil:
    case Builtin::Floor:
    case Builtin::Round: {
        need(1);
        if (!a[0].isNumber())
            fail(n, "invalid argument for " + n->name + " (type " + typeOf(a[0]) + ")");
        const double d = a[0].toDouble();
        return Value::number(b == Builtin::Ceil ? std::ceil(d) : b == Builtin::Floor ? std::floor(d) : std::round(d));
    }
    case Builtin::Int: {
        need(1);
        const Value &v = a[0];
        if (v.isInt())
            return Value::integer(v.asInt());
        if (v.isFloat())
            return Value::integer(toInt(n, v));
        if (v.isString()) {
            const std::string s(v.asString());
            std::string t = s;
            bool neg = false;
            std::size_t i = 0;
            if (!t.empty() && (t[0] == '+' || t[0] == '-')) {
                neg = t[0] == '-';
                i = 1;
            }
            std::uint64_t acc = 0;
            bool ok = i < t.size();
            for (; i < t.size() && ok; ++i) {
                if (t[i] < '0' || t[i] > '9') {
                    ok = false;
                    break;
                }
                if (__builtin_mul_overflow(acc, std::uint64_t(10), &acc)
                    || __builtin_add_overflow(acc, std::uint64_t(t[i] - '0'), &acc)
                    || acc > std::uint64_t(INT64_MAX) + 1)
                    ok = false;
            }
            if (ok && !neg && acc > std::uint64_t(INT64_MAX))
                ok = false;
            if (!ok)
                fail(n, "invalid operation: int(" + s + ")");
            return Value::integer(neg ? std::int64_t(0ULL - std::uint64_t(acc)) : std::int64_t(acc));
        }
        fail(n, "invalid operation: int(" + typeOf(v) + ")");
    }
    case Builtin::Float: {
        need(1);
        const Value &v = a[0];
        if (v.isNumber())
            return Value::number(v.toDouble());
        if (v.isString()) {
            const std::string s(v.asString());
            char *end = nullptr;
            const double d = std::strtod(s.c_str(), &end);
            bool ok = !s.empty() && end == s.c_str() + s.size() && !std::isspace(static_cast<unsigned char>(s[0]));
            // Go accepts "inf"/"nan" spellings too; strtod does as well. Reject hex floats without p.
            if (!ok)
                fail(n, "invalid operation: float(" + s + ")");
            return Value::number(d);
        }
        fail(n, "invalid operation: float(" + typeOf(v) + ")");
    }
    case Builtin::String: need(1); return Value::string(go::formatValue(a[0]));
    case Builtin::Trim: {
        const std::string_view s = str(n, a[0]);
        if (argc == 1)
            return Value::string(trimFunc(s, go::isSpaceRune));
        const std::string_view cut = str(n, a[1]);
        return Value::string(trimFunc(s, [&](char32_t r) {
            for (std::size_t i = 0; i < cut.size();) {
                char32_t c;
                std::size_t len;
                decodeRuneAt(cut, i, c, len);
                if (c == r)
                    return true;
                i += len;
            }
            return false;
        }));
    }
    case Builtin::TrimPrefix:
    case Builtin::TrimSuffix: {
        const std::string_view s = str(n, a[0]);
        const std::string_view p = argc > 1 ? str(n, a[1]) : std::string_view(" ");
        if (b == Builtin::TrimPrefix)
            return Value::string(s.substr(0, p.size()) == p ? s.substr(p.size()) : s);
        return Value::string(s.size() >= p.size() && s.substr(s.size() - p.size()) == p ? s.substr(0, s.size() - p.size())
                                                                                     : s);
    }
    case Builtin::Upper: return Value::string(go::toUpper(str(n, a[0])));
    case Builtin::Lower: return Value::string(go::toLower(str(n, a[0])));
    case Builtin::Split:
    case Builtin::SplitAfter: {
        const std::string_view s = str(n, a[0]);
        const std::string_view sep = str(n, a[1]);
        const std::int64_t count = argc > 2 ? intArg(n, a[2]) : -1;
        auto parts = splitString(s, sep, count, b == Builtin::SplitAfter);
        if (count == 0)
            return Value(); // Go returns a nil []string
        return Value::array(std::move(parts), ArrayType::String);
    }
    case Builtin::Replace: {
        const std::string_view s = str(n, a[0]);
        const std::string_view o = str(n, a[1]);
        const std::string_view w = str(n, a[2]);
        const std::int64_t count = argc > 3 ? intArg(n, a[3]) : -1;
        return Value::string(replaceString(s, o, w, count));
    }
    case Builtin::Repeat: {
        const std::string_view s = str(n, a[0]);
        const std::int64_t k = toInt(n, a[1]);
        if (k < 0)
            fail(n, "invalid argument for repeat (expected positive integer, got " + std::to_string(k) + ")");
        if (k > 1000000 || std::uint64_t(k) * s.size() > f_.options.memoryBudget * 8)
            fail(n, "memory budget exceeded");
        std::string out;
        out.reserve(s.size() * std::size_t(k));
        for (std::int64_t i = 0; i < k; ++i)
            out.append(s);
        return Value::string(out);
    }
    case Builtin::Join: {
        if (!a[0].isArray())
            fail(n, notType(a[0], "[]interface {}"));
        const std::string_view sep = argc > 1 ? str(n, a[1]) : std::string_view();
        std::string out;
        bool first = true;
        for (const Value &e : a[0].asArray()) {
            if (!first)
                out.append(sep);
            first = false;
            out.append(str(n, e));
        }
        return Value::string(out);
    }
    case Builtin::IndexOf:
    case Builtin::LastIndexOf: {
        const std::string_view s = str(n, a[0]);
        const std::string_view sub = str(n, a[1]);
        const std::size_t at = b == Builtin::IndexOf ? s.find(sub) : s.rfind(sub);
        return Value::integer(at == std::string_view::npos ? -1 : std::int64_t(at));
    }
    case Builtin::HasPrefix: {
        const std::string_view s = str(n, a[0]);
        const std::string_view p = str(n, a[1]);
        return Value::boolean(s.substr(0, p.size()) == p);
    }
    case Builtin::HasSuffix: {
        const std::string_view s = str(n, a[0]);
        const std::string_view p = str(n, a[1]);
        return Value::boolean(s.size() >= p.size() && s.substr(s.size() - p.size()) == p);
    }
    case Builtin::Max:
    case Builtin::Min: {
        std::vector<Value> nums;
        flattenDeep(Value::array(a.vector()), nums);
        if (nums.empty())
            return Value();
        if (nums.size() == 1)
            return nums[0];
        for (const Value &v : nums)
            if (!v.isNumber())
                fail(n, "invalid argument for " + n->name + " (type " + typeOf(v) + ")");
        Value best = nums[0];
        for (std::size_t i = 1; i < nums.size(); ++i) {
            const int c = compareValues(n, nums[i], best, "<");
            if ((b == Builtin::Max && c == 1) || (b == Builtin::Min && c == -1))
                best = nums[i];
        }
        return best;
    }
    case Builtin::Mean:
    case Builtin::Median: {
        std::vector<Value> nums;
        for (const Value &v : a)
            flattenNumbers(n, v, nums);
        if (nums.empty())
            return Value::number(0);
        if (b == Builtin::Mean) {
            double sum = 0;
            for (const Value &v : nums)
                sum += v.toDouble();
            return Value::number(sum / double(nums.size()));
        }
        std::vector<double> d;
        for (const Value &v : nums)
            d.push_back(v.toDouble());
        std::sort(d.begin(), d.end());
        const std::size_t m = d.size() / 2;
        return Value::number(d.size() % 2 ? d[m] : (d[m - 1] + d[m]) / 2);
    }
    case Builtin::ToJSON: {
        need(1);
        go::MarshalResult r = go::marshalIndent(a[0], "", "  ");
        if (!r.ok)
            fail(n, r.error);
        return Value::string(r.text);
    }
    case Builtin::FromJSON: {
        need(1);
        go::DecodeResult r = go::unmarshal(str(n, a[0]));
        if (!r.ok)
            fail(n, r.error);
        return r.value;
    }
    case Builtin::ToBase64: return Value::string(go::base64Encode(str(n, a[0])));
    case Builtin::FromBase64: {
        std::string out;
        std::string err;
        if (!go::base64Decode(str(n, a[0]), out, err))
            fail(n, err);
        return Value::string(out);
    }
    case Builtin::Now: return Value::time(go::now());
    case Builtin::Duration: {
        go::DurationResult r = go::parseDuration(str(n, a[0]));
        if (!r.ok)
            fail(n, r.error);
        return Value::duration(r.ns);
    }
    case Builtin::Date: {
        if (argc < 1)
            fail(n, "not enough arguments to call date");
        const std::string_view s = str(n, a[0]);
        std::string_view layout;
        std::shared_ptr<const TimeZone> zone;
        if (argc > 1)
            layout = str(n, a[1]);
        if (argc > 2) {
            go::LocationResult loc = go::loadLocation(str(n, a[2]));
            if (!loc.zone)
                fail(n, loc.error);
            zone = loc.zone;
        }
        go::TimeResult r = go::exprDate(s, layout, argc > 1, zone);
        if (!r.ok)
            fail(n, r.error);
        return Value::time(r.time);
    }
    case Builtin::Timezone: {
        const std::string_view name = str(n, a[0]);
        go::LocationResult loc = go::loadLocation(name);
        if (!loc.zone)
            fail(n, loc.error);
        return Value::location(loc.zone, std::string(name));
    }
    case Builtin::First:
    case Builtin::Last: {
        need(1);
        const Value &v = a[0];
        if (v.isString() || v.kind() == Kind::Bytes) {
            if (v.size() == 0)
                return Value();
            const std::string_view s = v.asString();
            return Value::integer(static_cast<unsigned char>(b == Builtin::First ? s.front() : s.back()),
                                  IntType::Uint8);
        }
        if (!v.isArray() || v.size() == 0)
            return Value();
        auto items = v.asArray();
        return b == Builtin::First ? items.front() : items.back();
    }
    case Builtin::Get: {
        need(2);
        const Value &from = a[0];
        const Value &key = a[1];
        if (from.isArray()) {
            if (!key.isNumber())
                return Value();
            std::int64_t i = key.isInt() ? key.asInt() : std::int64_t(key.asFloat());
            const auto len = std::int64_t(from.size());
            if (i < 0)
                i += len;
            if (i < 0 || i >= len)
                return Value();
            return from.asArray()[std::size_t(i)];
        }
        if (from.isMap()) {
            if (!key.isString())
                return Value();
            const Value *v = from.find(key.asString());
            return v ? *v : Value();
        }
        if (from.kind() == Kind::AnyMap) {
            const Value *v = from.findAny(key);
            return v ? *v : Value();
        }
        return Value();
    }
    case Builtin::Keys:
    case Builtin::Values:
    case Builtin::ToPairs: {
        need(1);
        if (!a[0].isMap() && a[0].kind() != Kind::AnyMap)
            fail(n, "cannot get " + n->name + " from " + typeOf(a[0]));
        std::vector<Value> out;
        for (const MapEntry &e : a[0].asMap()) {
            if (b == Builtin::Keys)
                out.push_back(e.key);
            else if (b == Builtin::Values)
                out.push_back(e.value);
            else
                out.push_back(Value::array({e.key, e.value}, ArrayType::Pair));
        }
        return Value::array(std::move(out), b == Builtin::ToPairs ? ArrayType::Pairs : ArrayType::Any);
    }
    case Builtin::FromPairs: {
        need(1);
        if (!a[0].isArray())
            fail(n, "cannot transform " + typeOf(a[0]) + " from pairs");
        std::vector<MapEntry> entries;
        charge(n, a[0].size() * a[0].size() / 2);
        for (const Value &p : a[0].asArray()) {
            if (!p.isArray() || p.size() != 2)
                fail(n, "invalid pair " + go::formatValue(p));
            if (!hashable(p.asArray()[0]))
                fail(n, "runtime error: hash of unhashable type " + typeOf(p.asArray()[0]));
            entries.push_back(MapEntry{p.asArray()[0], p.asArray()[1]});
        }
        return Value::anyMap(std::move(entries));
    }
    case Builtin::Take: {
        need(2);
        if (!a[0].isArray())
            fail(n, "cannot take from " + typeOf(a[0]));
        if (!a[1].isInt())
            fail(n, "cannot take " + typeOf(a[1]) + " elements");
        auto items = a[0].asArray();
        std::int64_t k = std::clamp<std::int64_t>(a[1].asInt(), 0, std::int64_t(items.size()));
        return Value::array(std::vector<Value>(items.begin(), items.begin() + k), a[0].arrayType());
    }
    case Builtin::Reverse: {
        need(1);
        if (!a[0].isArray())
            fail(n, "cannot reverse " + typeOf(a[0]));
        auto items = a[0].asArray();
        return Value::array(std::vector<Value>(items.rbegin(), items.rend()), ArrayType::Any);
    }
    case Builtin::Uniq: {
        need(1);
        if (!a[0].isArray())
            fail(n, "cannot uniq " + typeOf(a[0]));
        std::vector<Value> out;
        for (const Value &e : a[0].asArray()) {
            charge(n, out.size());
            bool seen = false;
            for (const Value &o : out)
                if (equal(o, e)) {
                    seen = true;
                    break;
                }
            if (!seen)
                out.push_back(e);
        }
        return Value::array(std::move(out));
    }
    case Builtin::Concat: {
        std::vector<Value> out;
        for (const Value &v : a) {
            if (!v.isArray())
                fail(n, "cannot concat " + typeOf(v));
            for (const Value &e : v.asArray())
                out.push_back(e);
        }
        grow(f_, n, out.size());
        return Value::array(std::move(out));
    }
    case Builtin::Flatten: {
        need(1);
        if (!a[0].isArray())
            return Value::array({});
        std::vector<Value> out;
        flattenDeep(a[0], out);
        grow(f_, n, out.size());
        return Value::array(std::move(out));
    }
    case Builtin::Sort: {
        if (argc < 1 || argc > 2)
            fail(n, "invalid number of arguments (expected 1, got " + std::to_string(argc) + ")");
        if (!a[0].isArray() || a[0].arrayType() == ArrayType::Pairs)
            return Value::array({});
        bool desc = false;
        if (argc == 2) {
            const std::string_view o = str(n, a[1]);
            if (o == "desc")
                desc = true;
            else if (o != "asc")
                fail(n, "invalid order " + std::string(o) + ", expected asc or desc");
        }
        auto items = a[0].asArray();
        std::vector<Value> out(items.begin(), items.end());
        std::stable_sort(out.begin(), out.end(), [&](const Value &x, const Value &y) {
            return desc ? compareValues(n, y, x, "<") == -1 : compareValues(n, x, y, "<") == -1;
        });
        return Value::array(std::move(out), a[0].arrayType());
    }
    case Builtin::BitNot: return Value::integer(~intArg(n, a[0]));
    case Builtin::BitAnd: return Value::integer(intArg(n, a[0]) & intArg(n, a[1]));
    case Builtin::BitOr: return Value::integer(intArg(n, a[0]) | intArg(n, a[1]));
    case Builtin::BitXor: return Value::integer(intArg(n, a[0]) ^ intArg(n, a[1]));
    case Builtin::BitNand: return Value::integer(intArg(n, a[0]) & ~intArg(n, a[1]));
    case Builtin::BitShl:
    case Builtin::BitShr:
    case Builtin::BitUshr: {
        const std::int64_t x = intArg(n, a[0]);
        const std::int64_t s = intArg(n, a[1]);
        if (s < 0)
            fail(n, "invalid operation: negative shift count " + std::to_string(s) + " (type int)");
        if (b == Builtin::BitShl)
            return Value::integer(s >= 64 ? 0 : std::int64_t(std::uint64_t(x) << s));
        if (b == Builtin::BitShr)
            return Value::integer(s >= 64 ? (x < 0 ? -1 : 0) : (x >> s));
        return Value::integer(s >= 64 ? 0 : std::int64_t(std::uint64_t(x) >> s));
    }
    default: break;
    }
    fail(n, "unknown builtin " + n->name);
}

} // namespace

RunResult runProgram(const ProgramData &data, const Value &env, const RunOptions &options)
{
    Frame frame{data, env, options, {}, {}, 0, 0, false, options.trace};
    frame.vars.resize(std::size_t(data.slots));
    if (options.trace) {
        options.trace->entries.clear();
        options.trace->entries.reserve(data.traceNodes.size());
        for (const auto &t : data.traceNodes) {
            TraceEntry e;
            e.begin = t.begin;
            e.end = t.end;
            e.parent = t.parent;
            e.label = t.label;
            options.trace->entries.push_back(std::move(e));
        }
    }
    Evaluator ev(frame);
    try {
        Value v = ev.eval(data.root);
        return RunResult::success(std::move(v));
    } catch (const RunError &e) {
        return RunResult::failure(Error(e.message, data.source, e.offset));
    }
}

} // namespace bindery::expr
