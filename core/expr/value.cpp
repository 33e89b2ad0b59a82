// SPDX-License-Identifier: Apache-2.0
#include "expr/value.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>

namespace bindery::expr {

namespace {

struct Heap {
    mutable std::atomic<std::uint32_t> refs{1};
};

struct StringRep : Heap {
    std::string text;
};

struct ArrayRep : Heap {
    std::vector<Value> items;
};

struct MapRep : Heap {
    std::vector<MapEntry> entries;
};

struct TimeRep : Heap {
    TimeValue time;
};

struct LocationRep : Heap {
    std::shared_ptr<const TimeZone> zone;
    std::string name;
};

struct FunctionRep : Heap {
    std::string name;
    NativeFunction fn;
};

} // namespace

struct ValueAccess {
    static Value make(Kind k, std::uint8_t sub, Heap *h) noexcept
    {
        Value v;
        v.kind_ = k;
        v.sub_ = sub;
        v.ptr_ = h;
        return v;
    }
    template<class T>
    static const T *rep(const Value &v) noexcept
    {
        return static_cast<const T *>(v.ptr_);
    }
};

CallResult::CallResult(Value value) : value_(std::make_shared<Value>(std::move(value))), ok_(true) {}

CallResult CallResult::failure(std::string message)
{
    CallResult r;
    r.error_ = std::move(message);
    r.value_ = std::make_shared<Value>();
    return r;
}

const Value &CallResult::value() const
{
    return *value_;
}

Value &CallResult::value()
{
    return *value_;
}

Value Value::boolean(bool b) noexcept
{
    Value v;
    v.kind_ = Kind::Bool;
    v.int_ = 0;
    v.bool_ = b;
    return v;
}

Value Value::integer(std::int64_t i, IntType t) noexcept
{
    Value v;
    v.kind_ = Kind::Int;
    v.sub_ = std::uint8_t(t);
    v.int_ = i;
    return v;
}

Value Value::number(double f) noexcept
{
    Value v;
    v.kind_ = Kind::Float;
    v.float_ = f;
    return v;
}

Value Value::duration(std::int64_t ns) noexcept
{
    Value v;
    v.kind_ = Kind::Duration;
    v.int_ = ns;
    return v;
}

Value Value::string(std::string_view s)
{
    auto *r = new StringRep;
    r->text.assign(s);
    return ValueAccess::make(Kind::String, 0, r);
}

Value Value::bytes(std::string_view raw)
{
    auto *r = new StringRep;
    r->text.assign(raw);
    return ValueAccess::make(Kind::Bytes, 0, r);
}

Value Value::array(std::vector<Value> items, ArrayType t)
{
    auto *r = new ArrayRep;
    r->items = std::move(items);
    return ValueAccess::make(Kind::Array, std::uint8_t(t), r);
}

Value Value::map(std::vector<MapEntry> entries)
{
    auto *r = new MapRep;
    // Stable sort keeps input order among equal keys so that the last one can win.
    std::stable_sort(entries.begin(), entries.end(), [](const MapEntry &a, const MapEntry &b) {
        return a.key.asString() < b.key.asString();
    });
    std::vector<MapEntry> unique;
    unique.reserve(entries.size());
    for (auto &e : entries) {
        if (!unique.empty() && unique.back().key.asString() == e.key.asString())
            unique.back().value = std::move(e.value);
        else
            unique.push_back(std::move(e));
    }
    r->entries = std::move(unique);
    return ValueAccess::make(Kind::Map, 0, r);
}

Value Value::anyMap(std::vector<MapEntry> entries, AnyMapType t)
{
    auto *r = new MapRep;
    for (auto &e : entries) {
        auto it = std::find_if(r->entries.begin(), r->entries.end(),
                               [&](const MapEntry &x) { return deepEqual(x.key, e.key); });
        if (it != r->entries.end())
            it->value = std::move(e.value);
        else
            r->entries.push_back(std::move(e));
    }
    return ValueAccess::make(Kind::AnyMap, std::uint8_t(t), r);
}

Value Value::time(TimeValue t)
{
    auto *r = new TimeRep;
    r->time = std::move(t);
    return ValueAccess::make(Kind::Time, 0, r);
}

Value Value::location(std::shared_ptr<const TimeZone> zone, std::string name)
{
    auto *r = new LocationRep;
    r->zone = std::move(zone);
    r->name = std::move(name);
    return ValueAccess::make(Kind::Location, 0, r);
}

Value Value::function(std::string name, NativeFunction fn)
{
    auto *r = new FunctionRep;
    r->name = std::move(name);
    r->fn = std::move(fn);
    return ValueAccess::make(Kind::Function, 0, r);
}

void Value::retain() const noexcept
{
    static_cast<Heap *>(ptr_)->refs.fetch_add(1, std::memory_order_relaxed);
}

void Value::release() noexcept
{
    auto *h = static_cast<Heap *>(ptr_);
    if (h->refs.fetch_sub(1, std::memory_order_acq_rel) != 1)
        return;
    switch (kind_) {
    case Kind::String:
    case Kind::Bytes: delete static_cast<StringRep *>(h); break;
    case Kind::Array: delete static_cast<ArrayRep *>(h); break;
    case Kind::Map:
    case Kind::AnyMap: delete static_cast<MapRep *>(h); break;
    case Kind::Time: delete static_cast<TimeRep *>(h); break;
    case Kind::Location: delete static_cast<LocationRep *>(h); break;
    case Kind::Function: delete static_cast<FunctionRep *>(h); break;
    default: break;
    }
}

std::string_view Value::asString() const noexcept
{
    assert(kind_ == Kind::String || kind_ == Kind::Bytes);
    return ValueAccess::rep<StringRep>(*this)->text;
}

std::span<const Value> Value::asArray() const noexcept
{
    assert(kind_ == Kind::Array);
    return ValueAccess::rep<ArrayRep>(*this)->items;
}

std::span<const MapEntry> Value::asMap() const noexcept
{
    assert(kind_ == Kind::Map || kind_ == Kind::AnyMap);
    return ValueAccess::rep<MapRep>(*this)->entries;
}

const TimeValue &Value::asTime() const noexcept
{
    assert(kind_ == Kind::Time);
    return ValueAccess::rep<TimeRep>(*this)->time;
}

const std::shared_ptr<const TimeZone> &Value::asLocation() const noexcept
{
    assert(kind_ == Kind::Location);
    return ValueAccess::rep<LocationRep>(*this)->zone;
}

const std::string &Value::locationName() const noexcept
{
    assert(kind_ == Kind::Location);
    return ValueAccess::rep<LocationRep>(*this)->name;
}

const NativeFunction &Value::asFunction() const noexcept
{
    assert(kind_ == Kind::Function);
    return ValueAccess::rep<FunctionRep>(*this)->fn;
}

const std::string &Value::functionName() const noexcept
{
    assert(kind_ == Kind::Function);
    return ValueAccess::rep<FunctionRep>(*this)->name;
}

const Value *Value::find(std::string_view key) const noexcept
{
    if (kind_ != Kind::Map)
        return nullptr;
    const auto &entries = ValueAccess::rep<MapRep>(*this)->entries;
    std::size_t lo = 0;
    std::size_t hi = entries.size();
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        const std::string_view k = ValueAccess::rep<StringRep>(entries[mid].key)->text;
        const int c = k.compare(key);
        if (c == 0)
            return &entries[mid].value;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return nullptr;
}

const Value *Value::findAny(const Value &key) const noexcept
{
    if (kind_ == Kind::Map)
        return key.kind_ == Kind::String ? find(key.asString()) : nullptr;
    if (kind_ != Kind::AnyMap)
        return nullptr;
    for (const auto &e : ValueAccess::rep<MapRep>(*this)->entries)
        if (deepEqual(e.key, key))
            return &e.value;
    return nullptr;
}

std::size_t Value::size() const noexcept
{
    switch (kind_) {
    case Kind::String:
    case Kind::Bytes: return ValueAccess::rep<StringRep>(*this)->text.size();
    case Kind::Array: return ValueAccess::rep<ArrayRep>(*this)->items.size();
    case Kind::Map:
    case Kind::AnyMap: return ValueAccess::rep<MapRep>(*this)->entries.size();
    default: return 0;
    }
}

namespace {
std::string_view intTypeName(IntType t)
{
    switch (t) {
    case IntType::Int: return "int";
    case IntType::Int64: return "int64";
    case IntType::Int32: return "int32";
    case IntType::Uint8: return "uint8";
    case IntType::Uint: return "uint";
    case IntType::Uint64: return "uint64";
    }
    return "int";
}
} // namespace

std::string Value::goTypeName() const
{
    switch (kind_) {
    case Kind::Nil: return "<nil>";
    case Kind::Bool: return "bool";
    case Kind::Int: return std::string(intTypeName(intType()));
    case Kind::Float: return "float64";
    case Kind::Duration: return "time.Duration";
    case Kind::String: return "string";
    case Kind::Bytes: return "[]uint8";
    case Kind::Array:
        switch (arrayType()) {
        case ArrayType::Any: return "[]interface {}";
        case ArrayType::Int: return "[]int";
        case ArrayType::String: return "[]string";
        case ArrayType::Float: return "[]float64";
        case ArrayType::Pairs: return "[][2]interface {}";
        case ArrayType::Pair: return "[2]interface {}";
        }
        return "[]interface {}";
    case Kind::Map: return "map[string]interface {}";
    case Kind::AnyMap:
        return anyMapType() == AnyMapType::Slice ? "map[interface {}][]interface {}"
                                                 : "map[interface {}]interface {}";
    case Kind::Time: return "time.Time";
    case Kind::Location: return "*time.Location";
    case Kind::Function: return "func(...interface {}) (interface {}, error)";
    }
    return "interface {}";
}

std::string_view Value::exprTypeName() const noexcept
{
    switch (kind_) {
    case Kind::Nil: return "nil";
    case Kind::Bool: return "bool";
    case Kind::Int:
        switch (intType()) {
        case IntType::Uint8:
        case IntType::Uint:
        case IntType::Uint64: return "uint";
        default: return "int";
        }
    case Kind::Float: return "float";
    case Kind::Duration: return "time.Duration";
    case Kind::String: return "string";
    case Kind::Bytes:
    case Kind::Array: return "array";
    case Kind::Map:
    case Kind::AnyMap: return "map";
    case Kind::Time: return "time.Time";
    case Kind::Location: return "time.Location";
    case Kind::Function: return "func";
    }
    return "unknown";
}

bool deepEqual(const Value &a, const Value &b)
{
    if (a.kind() != b.kind())
        return false;
    switch (a.kind()) {
    case Kind::Nil: return true;
    case Kind::Bool: return a.asBool() == b.asBool();
    case Kind::Int: return a.intType() == b.intType() && a.asInt() == b.asInt();
    case Kind::Float: return a.asFloat() == b.asFloat();
    case Kind::Duration: return a.asInt() == b.asInt();
    case Kind::String:
    case Kind::Bytes: return a.asString() == b.asString();
    case Kind::Array: {
        if (a.arrayType() != b.arrayType())
            return false;
        auto x = a.asArray();
        auto y = b.asArray();
        if (x.size() != y.size())
            return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!deepEqual(x[i], y[i]))
                return false;
        return true;
    }
    case Kind::Map: {
        auto x = a.asMap();
        auto y = b.asMap();
        if (x.size() != y.size())
            return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (x[i].key.asString() != y[i].key.asString() || !deepEqual(x[i].value, y[i].value))
                return false;
        return true;
    }
    case Kind::AnyMap: {
        if (a.anyMapType() != b.anyMapType() || a.size() != b.size())
            return false;
        for (const auto &e : a.asMap()) {
            const Value *o = b.findAny(e.key);
            if (!o || !deepEqual(e.value, *o))
                return false;
        }
        return true;
    }
    case Kind::Time: {
        // reflect.DeepEqual compares the struct fields, zone included.
        const auto &x = a.asTime();
        const auto &y = b.asTime();
        return x.unixSeconds == y.unixSeconds && x.nanos == y.nanos && x.zone == y.zone;
    }
    case Kind::Location: return a.asLocation() == b.asLocation() && a.locationName() == b.locationName();
    case Kind::Function: return false; // Go funcs are never DeepEqual unless both nil
    }
    return false;
}

bool equal(const Value &a, const Value &b)
{
    const Kind ka = a.kind();
    const Kind kb = b.kind();
    if ((ka == Kind::Int || ka == Kind::Float) && (kb == Kind::Int || kb == Kind::Float)) {
        if (ka == Kind::Int && kb == Kind::Int)
            return a.asInt() == b.asInt();
        return a.toDouble() == b.toDouble();
    }
    if (ka != kb)
        return false;
    switch (ka) {
    case Kind::Nil: return true;
    case Kind::Bool: return a.asBool() == b.asBool();
    case Kind::Duration: return a.asInt() == b.asInt();
    case Kind::String: return a.heapIdentity() == b.heapIdentity() || a.asString() == b.asString();
    case Kind::Time: {
        const auto &x = a.asTime();
        const auto &y = b.asTime();
        return x.unixSeconds == y.unixSeconds && x.nanos == y.nanos; // Time.Equal ignores the zone
    }
    case Kind::Array: {
        if (a.arrayType() == ArrayType::Pair || b.arrayType() == ArrayType::Pair)
            return deepEqual(a, b); // Go arrays (not slices) fall through to DeepEqual
        auto x = a.asArray();
        auto y = b.asArray();
        if (x.size() != y.size())
            return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (!equal(x[i], y[i]))
                return false;
        return true;
    }
    default: return deepEqual(a, b);
    }
}

} // namespace bindery::expr
