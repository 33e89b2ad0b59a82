// SPDX-License-Identifier: Apache-2.0
#include "expr/value.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>
#include <iterator>
#include <new>

namespace bindery::expr {

namespace {

struct Heap {
    mutable std::atomic<std::uint32_t> refs{1};
};

// A block of a StringArena: a reference count held by every string in it and by the arena while
// it fills the block. So that making a string costs no atomic operation, the arena starts the
// count at kArenaRefs and settles it once, when it leaves the block: kArenaRefs - created. Strings
// released meanwhile only take the count down from that large value.
struct StringBlock {
    std::atomic<std::uint32_t> refs;
    std::uint32_t created = 0; // strings made in this block (by the arena only)
};
constexpr std::uint32_t kArenaRefs = std::uint32_t(1) << 30;
constexpr std::size_t kBlockHeader = (sizeof(StringBlock) + 15) / 16 * 16;

void releaseBlock(StringBlock *b, std::uint32_t count = 1) noexcept
{
    if (b->refs.fetch_sub(count, std::memory_order_acq_rel) == count) {
        b->~StringBlock();
        ::operator delete(b);
    }
}

// One allocation per string: the characters follow the header. A string made by a StringArena
// lives inside a block instead; `blockOffset` (never 0 there) leads back to the block's header.
struct StringRep : Heap {
    std::uint32_t blockOffset = 0;
    std::size_t size = 0;
    char *chars() { return reinterpret_cast<char *>(this + 1); }
    const char *chars() const { return reinterpret_cast<const char *>(this + 1); }
    std::string_view text() const { return std::string_view(chars(), size); }

    static StringRep *make(std::string_view s)
    {
        void *mem = ::operator new(sizeof(StringRep) + s.size());
        auto *r = new (mem) StringRep;
        r->size = s.size();
        if (!s.empty())
            std::memcpy(r->chars(), s.data(), s.size());
        return r;
    }
    static void destroy(StringRep *r)
    {
        const std::uint32_t offset = r->blockOffset;
        r->~StringRep();
        if (offset == 0)
            ::operator delete(r);
        else
            releaseBlock(reinterpret_cast<StringBlock *>(reinterpret_cast<char *>(r) - offset));
    }
};

// Arrays and maps keep their elements right after the header: one allocation each.
template<class T>
struct InlineRep : Heap {
    std::size_t size = 0;
    T *items() { return reinterpret_cast<T *>(this + 1); }
    const T *items() const { return reinterpret_cast<const T *>(this + 1); }
    std::span<const T> span() const { return {items(), size}; }

    // Room for `capacity` elements, none there yet.
    static InlineRep *allocate(std::size_t capacity)
    {
        static_assert(sizeof(InlineRep) % alignof(T) == 0);
        void *mem = ::operator new(sizeof(InlineRep) + capacity * sizeof(T));
        return new (mem) InlineRep;
    }
    void append(T &&item) { new (items() + size++) T(std::move(item)); }

    // Moves the elements of `from` in.
    static InlineRep *make(std::span<T> from)
    {
        InlineRep *r = allocate(from.size());
        for (T &item : from)
            r->append(std::move(item));
        return r;
    }
    static void destroy(InlineRep *r)
    {
        T *items = r->items();
        for (std::size_t i = 0; i < r->size; ++i)
            items[i].~T();
        r->~InlineRep();
        ::operator delete(r);
    }
};

using ArrayRep = InlineRep<Value>;
using MapRep = InlineRep<MapEntry>;

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
    return ValueAccess::make(Kind::String, 0, StringRep::make(s));
}

Value Value::bytes(std::string_view raw)
{
    return ValueAccess::make(Kind::Bytes, 0, StringRep::make(raw));
}

StringArena::StringArena(std::size_t blockBytes)
    : blockBytes_(std::clamp<std::size_t>(blockBytes, 256, std::size_t(1) << 20))
{
}

StringArena::~StringArena()
{
    if (auto *b = static_cast<StringBlock *>(block_))
        releaseBlock(b, kArenaRefs - b->created);
}

Value StringArena::string(std::string_view s)
{
    const std::size_t need = (sizeof(StringRep) + s.size() + 7) & ~std::size_t(7);
    if (need > blockBytes_ / 4)
        return Value::string(s);
    if (!block_ || used_ + need > blockBytes_) {
        if (auto *old = static_cast<StringBlock *>(block_))
            releaseBlock(old, kArenaRefs - old->created);
        block_ = new (::operator new(blockBytes_)) StringBlock{kArenaRefs};
        used_ = kBlockHeader;
    }
    ++static_cast<StringBlock *>(block_)->created;
    auto *r = new (static_cast<char *>(block_) + used_) StringRep;
    r->blockOffset = static_cast<std::uint32_t>(used_);
    r->size = s.size();
    if (!s.empty())
        std::memcpy(r->chars(), s.data(), s.size());
    used_ += need;
    return ValueAccess::make(Kind::String, 0, r);
}

Value Value::array(std::vector<Value> items, ArrayType t)
{
    return arrayFrom(items, t);
}

Value Value::arrayFrom(std::span<Value> items, ArrayType t)
{
    return ValueAccess::make(Kind::Array, std::uint8_t(t), ArrayRep::make(items));
}

namespace {

std::string_view keyText(const MapEntry &e) noexcept
{
    return ValueAccess::rep<StringRep>(e.key)->text();
}

// A map's entries are put in key order through an index of (key, position) records: the entries
// themselves move once, straight into the map, and equal keys end up adjacent in input order so
// that the last one's value wins (encoding/json's rule for duplicates).
struct SortKey {
    std::uint64_t head; // the first 8 bytes, big-endian, zero-padded: most keys differ there
    const char *data;
    std::uint32_t size;
    std::uint32_t index;

    static SortKey of(std::string_view k, std::uint32_t index) noexcept
    {
        unsigned char b[8] = {};
        std::memcpy(b, k.data(), std::min<std::size_t>(k.size(), 8));
        std::uint64_t head = 0;
        for (unsigned char c : b)
            head = (head << 8) | c;
        return SortKey{head, k.data(), static_cast<std::uint32_t>(k.size()), index};
    }
    // Byte order of the keys (a prefix first), then position.
    bool operator<(const SortKey &o) const noexcept
    {
        if (head != o.head)
            return head < o.head;
        if (size > 8 && o.size > 8) {
            const int c = std::memcmp(data + 8, o.data + 8, std::min(size, o.size) - 8);
            if (c != 0)
                return c < 0;
        }
        return size != o.size ? size < o.size : index < o.index;
    }
    bool sameKey(const SortKey &o) const noexcept
    {
        return head == o.head && size == o.size && (size <= 8 || std::memcmp(data + 8, o.data + 8, size - 8) == 0);
    }
};

MapRep *sortedMapRep(std::span<MapEntry> e)
{
    const std::size_t n = e.size();
    SortKey local[128]; // 3 KB of stack: a GitHub repository object has about 95 keys
    std::vector<SortKey> heap;
    SortKey *keys = local;
    if (n > std::size(local)) {
        heap.resize(n);
        keys = heap.data();
    }
    for (std::size_t i = 0; i < n; ++i)
        keys[i] = SortKey::of(keyText(e[i]), static_cast<std::uint32_t>(i));
    if (n <= 24) {
        // Insertion sort: n - 1 comparisons when already sorted (maps built from maps).
        for (std::size_t i = 1; i < n; ++i) {
            if (!(keys[i] < keys[i - 1]))
                continue;
            const SortKey moving = keys[i];
            std::size_t j = i;
            for (; j > 0 && moving < keys[j - 1]; --j)
                keys[j] = keys[j - 1];
            keys[j] = moving;
        }
    } else {
        std::sort(keys, keys + n);
    }
    MapRep *r = MapRep::allocate(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t last = i;
        while (last + 1 < n && keys[last + 1].sameKey(keys[i]))
            ++last;
        // Equal keys: the first one's key, the last one's value.
        MapEntry &first = e[keys[i].index];
        if (last != i)
            first.value = std::move(e[keys[last].index].value);
        r->append(std::move(first));
        i = last;
    }
    return r;
}

} // namespace

Value Value::map(std::vector<MapEntry> entries)
{
    return mapFrom(entries);
}

Value Value::mapFrom(std::span<MapEntry> entries)
{
    return ValueAccess::make(Kind::Map, 0, sortedMapRep(entries));
}

Value Value::anyMap(std::vector<MapEntry> entries, AnyMapType t)
{
    std::vector<MapEntry> unique;
    unique.reserve(entries.size());
    for (auto &e : entries) {
        auto it = std::find_if(unique.begin(), unique.end(), [&](const MapEntry &x) { return deepEqual(x.key, e.key); });
        if (it != unique.end())
            it->value = std::move(e.value);
        else
            unique.push_back(std::move(e));
    }
    return ValueAccess::make(Kind::AnyMap, std::uint8_t(t), MapRep::make(unique));
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
    case Kind::Bytes: StringRep::destroy(static_cast<StringRep *>(h)); break;
    case Kind::Array: ArrayRep::destroy(static_cast<ArrayRep *>(h)); break;
    case Kind::Map:
    case Kind::AnyMap: MapRep::destroy(static_cast<MapRep *>(h)); break;
    case Kind::Time: delete static_cast<TimeRep *>(h); break;
    case Kind::Location: delete static_cast<LocationRep *>(h); break;
    case Kind::Function: delete static_cast<FunctionRep *>(h); break;
    default: break;
    }
}

std::string_view Value::asString() const noexcept
{
    assert(kind_ == Kind::String || kind_ == Kind::Bytes);
    return ValueAccess::rep<StringRep>(*this)->text();
}

std::span<const Value> Value::asArray() const noexcept
{
    assert(kind_ == Kind::Array);
    return ValueAccess::rep<ArrayRep>(*this)->span();
}

std::span<const MapEntry> Value::asMap() const noexcept
{
    assert(kind_ == Kind::Map || kind_ == Kind::AnyMap);
    return ValueAccess::rep<MapRep>(*this)->span();
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
    const auto entries = ValueAccess::rep<MapRep>(*this)->span();
    std::size_t lo = 0;
    std::size_t hi = entries.size();
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        const std::string_view k = ValueAccess::rep<StringRep>(entries[mid].key)->text();
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

const Value *Value::find(std::string_view key, std::int32_t hint) const noexcept
{
    if (kind_ != Kind::Map)
        return nullptr;
    const auto entries = ValueAccess::rep<MapRep>(*this)->span();
    if (hint >= 0 && std::size_t(hint) < entries.size()) {
        const std::string_view k = ValueAccess::rep<StringRep>(entries[std::size_t(hint)].key)->text();
        if (k.size() == key.size() && std::memcmp(k.data(), key.data(), key.size()) == 0)
            return &entries[std::size_t(hint)].value;
    }
    return find(key);
}

std::int32_t Value::indexOf(std::string_view key) const noexcept
{
    const Value *v = find(key);
    if (!v)
        return -1;
    const auto entries = ValueAccess::rep<MapRep>(*this)->span();
    return std::int32_t(reinterpret_cast<const MapEntry *>(reinterpret_cast<const char *>(v) - offsetof(MapEntry, value))
                        - entries.data());
}

const Value *Value::findAny(const Value &key) const noexcept
{
    if (kind_ == Kind::Map)
        return key.kind_ == Kind::String ? find(key.asString()) : nullptr;
    if (kind_ != Kind::AnyMap)
        return nullptr;
    for (const auto &e : ValueAccess::rep<MapRep>(*this)->span())
        if (deepEqual(e.key, key))
            return &e.value;
    return nullptr;
}

std::size_t Value::size() const noexcept
{
    switch (kind_) {
    case Kind::String:
    case Kind::Bytes: return ValueAccess::rep<StringRep>(*this)->size;
    case Kind::Array: return ValueAccess::rep<ArrayRep>(*this)->size;
    case Kind::Map:
    case Kind::AnyMap: return ValueAccess::rep<MapRep>(*this)->size;
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
